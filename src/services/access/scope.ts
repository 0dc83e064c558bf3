import type { SQL, SQLWrapper } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { can, ownerChangeAllowed } from '../../core/access/permissions.js';
import { DomainError, fieldProblem, invalidInput, notFound, type MissingEntity } from '../../core/errors.js';
import type { PlainCode } from '../../core/messages/index.js';
import type { Database } from '../../db/database.js';
import { clientVisible, inClientScope, inClientScopeText, type ClientScope } from '../../db/queries/access/scope.js';
import type { TenantTable } from '../../db/queries/records.js';
import { userOf } from '../../db/queries/access/shares.js';
import { clients, contacts, familyMembers } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';

export type { ClientScope };

/**
 * The clients an actor may reach, as a condition for the queries: null for the roles that see every
 * client of the organisation (core/access/permissions `seeAllClients`), otherwise the clients the
 * actor's user owns or that are shared with them (an API token acts for its user). Out-of-scope
 * clients and their records answer 404, exactly as another organisation's.
 */
export function clientScope(actor: Actor): ClientScope | null {
  return can(actor.role, 'seeAllClients') ? null : { orgId: actor.orgId, userId: actor.userId };
}

/** A Drizzle condition on a client-id column, or undefined (no limit) — ready for `and(…)`. */
export function scopeCondition(actor: Actor, clientId: SQLWrapper): SQL | undefined {
  const scope = clientScope(actor);
  return scope ? inClientScope(scope, clientId) : undefined;
}

/** A raw-SQL condition on a client-id expression, or 'TRUE'. */
export function scopeText(actor: Actor, clientIdExpr: string): string {
  const scope = clientScope(actor);
  return scope ? inClientScopeText(scope, clientIdExpr) : 'TRUE';
}

/**
 * The condition that limits rows of a tenant table to the actor's clients, or undefined when the actor
 * sees every client or the table holds no client's data (products, users). Knows how each table leads
 * to its client: clients by id, family members through their contact, the rest by client_id.
 */
export function rowScope(actor: Actor, table: TenantTable): SQL | undefined {
  const scope = clientScope(actor);
  if (!scope) return undefined;
  if (table === clients) return inClientScope(scope, clients.id);
  if (table === familyMembers) {
    return inClientScope(
      scope,
      sql`(SELECT ${contacts.clientId} FROM ${contacts} WHERE ${contacts.orgId} = ${familyMembers.orgId} AND ${contacts.id} = ${familyMembers.contactId})`,
    );
  }
  const clientId = (table as unknown as { clientId?: SQLWrapper }).clientId;
  return clientId ? inClientScope(scope, clientId) : undefined;
}

/**
 * Throws 404 unless the client is in the actor's organisation and scope. `as` names the record the
 * request was about (a claim, a loss…), so its 404 reads like any missing record of that kind.
 */
export async function assertClientInScope(
  db: Database,
  actor: Actor,
  clientId: number,
  as?: { what: MissingEntity; id: number | string },
): Promise<void> {
  if (!(await clientVisible(db, actor.orgId, clientId, clientScope(actor))))
    throw as ? notFound(as.what, as.id) : notFound('client', clientId);
}

/** Like assertClientInScope for a record already read from the organisation: only the scope is checked (no query for roles that see all). */
export async function assertRecordInScope(
  db: Database,
  actor: Actor,
  clientId: number,
  what: MissingEntity,
  id: number | string,
): Promise<void> {
  if (clientScope(actor)) await assertClientInScope(db, actor, clientId, { what, id });
}

/** 403 unless the role has the capability; the message says who can. */
export function assertCan(actor: Actor, capability: Parameters<typeof can>[1], message: PlainCode): void {
  if (!can(actor.role, capability)) throw new DomainError('forbidden', message);
}

/**
 * The owner a new client gets: as asked by those who may reassign clients; a manager's new client is
 * their own (naming someone else is refused with 403, core/access/permissions ownerChangeAllowed).
 */
export function ownerOfNewClient<T extends { ownerUserId?: number | null | undefined }>(actor: Actor, input: T): T {
  if (!ownerChangeAllowed(actor.role, actor.userId, undefined, input.ownerUserId)) {
    throw new DomainError('forbidden', 'access.newClientOwner');
  }
  if (input.ownerUserId === undefined && !can(actor.role, 'reassignClients') && actor.userId !== null)
    return { ...input, ownerUserId: actor.userId };
  return input;
}

/** 403 when the change names an owner the actor may not set (a manager cannot reassign clients, neither theirs nor others'). */
export function assertOwnerChange(
  actor: Actor,
  existing: { ownerUserId: number | null },
  requested: number | null | undefined,
): void {
  if (!ownerChangeAllowed(actor.role, actor.userId, existing, requested)) {
    throw new DomainError(
      'forbidden',
      existing.ownerUserId === actor.userId ? 'access.cannotHandOver' : 'access.cannotReassign',
    );
  }
}

/** Imports write many clients' data at once: the owner and the head of sales run them (`importData`). */
export function assertCanImport(actor: Actor): void {
  assertCan(actor, 'importData', 'access.importOnly');
}

/** An import's report holds rows of any client: read by those who import or see every client. */
export function assertCanSeeImports(actor: Actor): void {
  if (!can(actor.role, 'importData') && !can(actor.role, 'seeAllClients')) {
    throw new DomainError('forbidden', 'access.importReports');
  }
}

/**
 * A user named on a client's record (the order's manager, the interaction's author, the claim's or
 * task's responsible) must be one who may see that client: else the record is assigned to somebody who
 * cannot open it, and a manager could hand their client's records to a colleague's view. 404 for a user
 * who is not the organisation's; 400 on `field` for one who cannot see the client (share it first).
 */
export async function assertUserSeesClient(
  db: Database,
  orgId: number,
  userId: number,
  clientId: number,
  field: string,
): Promise<void> {
  const user = await userOf(db, orgId, userId);
  if (!user) throw notFound('user', userId);
  if (await clientVisible(db, orgId, clientId, clientScope({ orgId, userId, role: user.role }))) return;
  throw invalidInput([fieldProblem(field, 'cannotSeeClient', 'access.userCannotSeeClient')]);
}
