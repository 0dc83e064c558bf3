import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Database } from '../../database.js';

/**
 * The clients one user may work with when their role does not see the whole base (a manager): those
 * they own (clients.owner_user_id, index clients_owner_idx) and those shared with them
 * (client_shares, index client_shares_user_idx). Applied as a set in SQL — `client_id IN (…)` — so
 * lists, counts and pages are limited by the database, never filtered afterwards.
 */
export type ClientScope = { orgId: number; userId: number | null };

/** Ids are inlined as literals (raw SQL callers number their own parameters); only safe integers get here. */
function literal(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`client scope: ${n} is not an id`);
  return String(n);
}

/** The ids of the scope's clients, as a subquery text. A user-less actor with a scoped role sees nothing. */
export function scopedClientIdsText(scope: ClientScope): string {
  if (scope.userId === null) return 'SELECT NULL::bigint WHERE false';
  const org = literal(scope.orgId);
  const user = literal(scope.userId);
  return (
    `SELECT sc.id FROM clients sc WHERE sc.org_id = ${org} AND sc.owner_user_id = ${user}` +
    ` UNION ALL SELECT ss.client_id FROM client_shares ss WHERE ss.org_id = ${org} AND ss.user_id = ${user}`
  );
}

/** For raw SQL: "`clientIdExpr` is one of the scope's clients", e.g. inClientScopeText(s, 'c.client_id'). */
export function inClientScopeText(scope: ClientScope, clientIdExpr: string): string {
  return `${clientIdExpr} IN (${scopedClientIdsText(scope)})`;
}

/** For Drizzle: the same condition on a column or expression holding a client id. */
export function inClientScope(scope: ClientScope, clientId: SQLWrapper): SQL {
  return sql`${clientId} IN (${sql.raw(scopedClientIdsText(scope))})`;
}

/** Whether the client exists in the organisation and, given a scope, is one of its clients. */
export async function clientVisible(
  db: Database,
  orgId: number,
  clientId: number,
  scope: ClientScope | null,
): Promise<boolean> {
  const { rows } = await db.engine.query(
    `SELECT 1 FROM clients c WHERE c.org_id = $1 AND c.id = $2${scope ? ` AND ${inClientScopeText(scope, 'c.id')}` : ''}`,
    [orgId, clientId],
  );
  return rows.length > 0;
}
