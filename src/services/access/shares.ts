import type { ClientShareCreateT, ClientSharesT, ClientShareT } from '../../contract/access.js';
import { can } from '../../core/access/permissions.js';
import { DomainError, fieldProblem, invalidInput, notFound } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { clientOwnerOf, deleteShare, insertShare, sharesOf, userOf } from '../../db/queries/access/shares.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { isoTimestamp } from '../convert.js';
import { assertClientInScope } from './scope.js';
import { audit } from '../audit/record.js';

/**
 * Who may share a client: the owner and the head of sales any client, a manager only a client they own
 * (core/access/permissions `shareClients`, `reassignClients`).
 */
function mayManage(actor: Actor, ownerUserId: number | null): boolean {
  if (!can(actor.role, 'shareClients')) return false;
  return can(actor.role, 'reassignClients') || (actor.userId !== null && ownerUserId === actor.userId);
}

async function answer(
  db: Database,
  actor: Actor,
  clientId: number,
  ownerUserId: number | null,
): Promise<ClientSharesT> {
  const rows = await sharesOf(db, actor.orgId, clientId);
  return {
    clientId,
    ownerUserId,
    canManage: mayManage(actor, ownerUserId),
    shares: rows.map((r): ClientShareT => ({
      ...r,
      createdAt: isoTimestamp(r.createdAt)!,
    })),
  };
}

/** The managers a client is shared with; anyone who can see the client can see them. */
export async function findClientShares(db: Database, actor: Actor, clientId: number): Promise<ClientSharesT> {
  await assertClientInScope(db, actor, clientId);
  const client = await clientOwnerOf(db, actor.orgId, clientId);
  if (!client) throw notFound('client', clientId);
  return answer(db, actor, clientId, client.ownerUserId);
}

async function lockedClient(db: Database, actor: Actor, clientId: number) {
  await assertClientInScope(db, actor, clientId);
  const client = await clientOwnerOf(db, actor.orgId, clientId, true);
  if (!client) throw notFound('client', clientId);
  return client;
}

/**
 * Shares a client with a manager of the organisation, who then sees and works with it and all its
 * records as the owner does (but cannot reassign it). Sharing with the owner, with a role that sees
 * every client anyway, or with a disabled user is bad input; another organisation's user is 404.
 */
export async function shareClient(
  db: Database,
  actor: Actor,
  clientId: number,
  input: ClientShareCreateT,
): Promise<ClientSharesT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    const client = await lockedClient(db, actor, clientId);
    if (!mayManage(actor, client.ownerUserId)) throw new DomainError('forbidden', 'share.notAllowed');
    const user = await userOf(db, actor.orgId, input.userId);
    if (!user) throw notFound('user', input.userId);
    if (input.userId === client.ownerUserId) {
      throw invalidInput([fieldProblem('userId', 'owner', 'share.owner')]);
    }
    if (can(user.role, 'seeAllClients')) {
      throw invalidInput([fieldProblem('userId', 'seesAll', 'share.seesAll')]);
    }
    if (user.disabled) {
      throw invalidInput([fieldProblem('userId', 'disabled', 'share.disabled')]);
    }
    if (await insertShare(db, actor.orgId, clientId, input.userId, actor.userId)) {
      await audit(db, actor, { action: 'create', entity: 'share', clientId, after: { userId: input.userId } });
    }
    return answer(db, actor, clientId, client.ownerUserId);
  });
}

/** Ends a share: those who may share the client, or the manager it is shared with (leaving it). */
export async function unshareClient(db: Database, actor: Actor, clientId: number, userId: number): Promise<void> {
  assertCanWrite(actor);
  await db.engine.transaction(async () => {
    const client = await lockedClient(db, actor, clientId);
    if (!mayManage(actor, client.ownerUserId) && actor.userId !== userId) {
      throw new DomainError('forbidden', 'share.stopNotAllowed');
    }
    if (!(await deleteShare(db, actor.orgId, clientId, userId))) throw notFound('share', userId);
    await audit(db, actor, { action: 'delete', entity: 'share', clientId, before: { userId } });
  });
}
