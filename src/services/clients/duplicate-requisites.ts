import type { DuplicateRequisitesPageT } from '../../contract/clients.js';
import { DomainError, fieldProblem } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { findRequisiteHolder, listDuplicateRequisites } from '../../db/queries/duplicate-requisites.js';
import type { Actor } from '../actor.js';
import { clientScope } from '../access/scope.js';

/**
 * Imports find a client by ИНН + КПП (db/queries/imports/resolve.ts), so a second client with the
 * requisites of another splits one company's sales and debts between two cards. Giving a legal entity
 * requisites another client of the organisation already has is therefore refused with 409 naming that
 * client, unless the request says `allowDuplicateRequisites: true` (a real second client: a division
 * billed separately). It is a warning, not a constraint: two requests at the same moment may both pass.
 *
 * A manager who cannot see the other client learns only that the requisites are registered in the
 * organisation, not which client or whose: the ИНН and КПП are public registry data the manager typed,
 * and knowing "this company is already somebody's client" is what keeps two managers from working one
 * company apart; the head of sales, who sees every client, merges them (GET /clients/duplicate-requisites).
 */
export async function assertRequisitesFree(
  db: Database,
  actor: Actor,
  p: { inn: string; kpp: string | null; clientId: number },
): Promise<void> {
  const holder = await findRequisiteHolder(db, { orgId: actor.orgId, ...p, scope: clientScope(actor) });
  if (!holder) return;
  const req = `ИНН ${p.inn}${p.kpp ? `, КПП ${p.kpp}` : ''}`;
  if (holder.visible) {
    const params = { requisites: req, name: holder.name };
    throw new DomainError(
      'conflict',
      'client.requisitesTakenDetail',
      params,
      [fieldProblem('inn', 'duplicateRequisites', 'client.requisitesTaken', params)],
      { kind: 'client', id: holder.clientId, name: holder.name },
    );
  }
  throw new DomainError('conflict', 'client.requisitesRegisteredDetail', { requisites: req }, [
    fieldProblem('inn', 'duplicateRequisites', 'client.requisitesRegistered', { requisites: req }),
  ]);
}

/** Groups of clients the actor can see that share a company's requisites, a page of groups at a time. */
export async function findDuplicateRequisites(
  db: Database,
  actor: Actor,
  query: { page?: number | undefined; pageSize?: number | undefined },
): Promise<DuplicateRequisitesPageT> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const { total, groups } = await listDuplicateRequisites(db, {
    orgId: actor.orgId,
    scope: clientScope(actor),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items: groups, total, page, pageSize };
}
