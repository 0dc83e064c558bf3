import type { ContactLinkCreateT, PowerStructureT } from '../../contract/people.js';
import { fieldProblem, invalidInput, notFound } from '../../core/errors.js';
import { baseAnalysis } from '../../core/people/base-analysis.js';
import type { Database } from '../../db/database.js';
import { refreshBaseAnalysis } from '../../db/queries/people/base-analysis.js';
import {
  bossChain,
  contactsByIds,
  deleteLink,
  linksOfClient,
  lockClient,
  peopleOfClient,
  putLink,
} from '../../db/queries/people/power-structure.js';
import { getRecord } from '../../db/queries/records.js';
import { clients } from '../../db/schema/index.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { audit } from '../audit/record.js';
import { assertClientInScope, rowScope } from '../access/scope.js';
import { assertRecordInScope } from '../access/scope.js';

/**
 * A client's power structure (docs/domain.md §5): its people with their roles, boss, influence and attitude, the
 * links between them, and the base-analysis checklist answered from them.
 */
export async function getPowerStructure(db: Database, actor: Actor, clientId: number): Promise<PowerStructureT> {
  if (!(await getRecord(db, clients, actor.orgId, clientId, rowScope(actor, clients))))
    throw notFound('client', clientId);
  const [people, links] = await Promise.all([
    peopleOfClient(db, actor.orgId, clientId),
    linksOfClient(db, actor.orgId, clientId),
  ]);
  const checklist = baseAnalysis(
    people.map((p) => ({
      id: p.id,
      decisionRoles: p.decision_roles,
      attitude: p.attitude,
      isKeyFigure: p.is_key_figure,
      reportsToId: p.reports_to_id,
      hasTraits: p.has_traits,
      hasFamily: p.has_family,
      hasDates: p.has_dates,
      hasCongratulationPreferences: p.has_congratulation_preferences,
    })),
  );
  return {
    clientId,
    people: people.map((p) => ({
      id: p.id,
      fullName: p.full_name,
      position: p.position,
      decisionRoles: p.decision_roles,
      influence: p.influence,
      attitude: p.attitude,
      isKeyFigure: p.is_key_figure,
      reportsToId: p.reports_to_id,
    })),
    links: links.map((l) => ({
      fromContactId: l.from_contact_id,
      toContactId: l.to_contact_id,
      kind: l.kind,
    })),
    checklist,
    answered: checklist.filter((a) => a.answered).length,
    total: checklist.length,
  };
}

/** Both ends must be people of this client: another organisation's contact is missing (404), another client's is bad input (400). */
async function requireClientContacts(db: Database, actor: Actor, clientId: number, fromId: number, toId: number) {
  const found = await contactsByIds(db, actor.orgId, [fromId, toId]);
  const byId = new Map(found.map((c) => [c.id, c]));
  for (const id of [fromId, toId]) if (!byId.has(id)) throw notFound('contact', id);
  for (const [field, id] of [
    ['fromContactId', fromId],
    ['toContactId', toId],
  ] as const) {
    if (byId.get(id)!.client_id !== clientId) {
      await assertRecordInScope(db, actor, byId.get(id)!.client_id, 'contact', id); // outside the scope it is missing, not another client's
      throw invalidInput([fieldProblem(field, 'otherClient', 'field.contactOfOtherClient')]);
    }
  }
  return { from: byId.get(fromId)!, to: byId.get(toId)! };
}

/**
 * Links two people of a client: `from` reports to `to` (replacing the boss `from` had: one boss each), or
 * `from` influences `to`. No self-links and no cycles of reporting; adding a link that exists changes
 * nothing. Answers the whole power structure as it now stands.
 */
export async function addContactLink(
  db: Database,
  actor: Actor,
  clientId: number,
  input: ContactLinkCreateT,
): Promise<PowerStructureT> {
  assertCanWrite(actor);
  if (input.fromContactId === input.toContactId) {
    throw invalidInput([fieldProblem('toContactId', 'self', 'people.linkedToThemselves')]);
  }
  await db.engine.transaction(async () => {
    if (!(await lockClient(db, actor.orgId, clientId))) throw notFound('client', clientId);
    await assertClientInScope(db, actor, clientId);
    const { from, to } = await requireClientContacts(db, actor, clientId, input.fromContactId, input.toContactId);
    if (input.kind === 'reports_to') {
      // The new boss must not already be below `from`: follow `to`'s bosses upwards.
      const chain = await bossChain(db, actor.orgId, to.id);
      const at = chain.findIndex((c) => c.id === from.id);
      if (at >= 0) {
        const path = [to.full_name, ...chain.slice(0, at + 1).map((c) => c.full_name)].join(' → ');
        throw invalidInput([
          fieldProblem('toContactId', 'cycle', 'people.cycle', { from: from.full_name, to: to.full_name, path }),
        ]);
      }
    }
    await putLink(db, actor.orgId, clientId, from.id, to.id, input.kind);
    await refreshBaseAnalysis(db, { orgId: actor.orgId, clientIds: [clientId] });
    await audit(db, actor, {
      action: 'create',
      entity: 'contact_link',
      clientId,
      after: { fromContactId: from.id, toContactId: to.id, kind: input.kind },
    });
  });
  return getPowerStructure(db, actor, clientId);
}

export async function removeContactLink(
  db: Database,
  actor: Actor,
  clientId: number,
  link: { from: number; to: number; kind: string },
): Promise<void> {
  assertCanWrite(actor);
  await db.engine.transaction(async () => {
    if (!(await lockClient(db, actor.orgId, clientId))) throw notFound('client', clientId);
    await assertClientInScope(db, actor, clientId);
    if (!(await deleteLink(db, actor.orgId, clientId, link.from, link.to, link.kind)))
      throw notFound('contactLink', `${link.from}→${link.to}`);
    await refreshBaseAnalysis(db, { orgId: actor.orgId, clientIds: [clientId] });
    await audit(db, actor, {
      action: 'delete',
      entity: 'contact_link',
      clientId,
      before: { fromContactId: link.from, toContactId: link.to, kind: link.kind },
    });
  });
}
