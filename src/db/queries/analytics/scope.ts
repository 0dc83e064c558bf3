import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database.js';

/**
 * Which clients an upkeep statement touches: every client of the organisation (rebuild, refresh) or
 * the few a write changed. The same statement text serves both, so incremental upkeep and a full
 * rebuild cannot drift apart.
 */
/** A rebuild goes through the clients in id ranges (`clientRange`, inclusive) so no statement is unbounded. */
export type Scope = {
  orgId: number;
  clientIds?: readonly number[] | undefined;
  clientRange?: readonly [number, number] | undefined;
};

/** `AND <column> = ANY($n)` / `BETWEEN` when the scope names clients, else nothing. */
export function clientFilter(scope: Scope, column: string): SQL {
  const c = sql.raw(column);
  const ids = scope.clientIds ? sql`AND ${c} = ANY(${sql.param(scope.clientIds.map(String))}::bigint[])` : sql``;
  const range = scope.clientRange
    ? sql`AND ${c} BETWEEN ${scope.clientRange[0]}::bigint AND ${scope.clientRange[1]}::bigint`
    : sql``;
  return sql`${ids} ${range}`;
}

/** The organisation's clients in id ranges of about `size` clients each ([lowest, highest] id, inclusive), in id order. */
export async function clientIdRanges(db: Database, orgId: number, size: number): Promise<[number, number][]> {
  if (!Number.isSafeInteger(size) || size < 1) throw new Error(`client ranges: ${size} is not a range size`);
  const { rows } = await db.engine.query<{ lo: number; hi: number }>(
    `
    SELECT min(id) AS lo, max(id) AS hi FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / ${size} AS chunk FROM clients WHERE org_id = $1) c GROUP BY chunk ORDER BY 1`,
    [orgId],
  );
  return rows.map((r) => [Number(r.lo), Number(r.hi)]);
}
