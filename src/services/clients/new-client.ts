import type {
  ClientWithDetailsCreateT,
  ClientWithDetailsT,
  PossibleDuplicatesQueryT,
  PossibleDuplicatesT,
} from '../../contract/clients.js';
import type { DuplicateMatch } from '../../core/clients/duplicates.js';
import { checkInn, checkKpp } from '../../core/clients/requisites.js';
import { DomainError, type FieldProblem } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { findPossibleDuplicates as possibleDuplicateRows } from '../../db/queries/clients/possible-duplicates.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { clientScope, ownerOfNewClient } from '../access/scope.js';
import { definedOnly, throwIfProblems } from '../convert.js';
import { checkClientValues, createClient } from './clients.js';
import { contactService } from './contacts.js';
import { checkRequisites, legalEntityService } from './legal-entities.js';

/** The fields of a part of the request, named by their path: "inn" of the legal entity is "legalEntity/inn". */
const under = (part: string, problems: FieldProblem[]): FieldProblem[] =>
  problems.map((f) => ({ ...f, field: `${part}/${f.field}` }));

/** Runs the write of one part of the request; a refusal names its fields by their path in the request. */
async function asPart<T>(part: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof DomainError && e.fields.length > 0)
      (e as { fields: FieldProblem[] }).fields = under(part, e.fields);
    throw e;
  }
}

/**
 * A new client with its primary legal entity and its first contact, in one transaction: all three are
 * written or none. What needs no database is checked first, for every part at once (amounts, the
 * category's reason, the requisites' check digits and how they fit each other), so a form learns
 * every problem from one answer; then the client, the legal entity (requisites another client already
 * has: 409 unless `allowDuplicateRequisites`) and the contact are written by the same use cases as
 * their own routes, with the same rules, search text, analytics upkeep and audit records. A refusal
 * in any part rolls back the parts written before it.
 */
export async function createClientWithDetails(
  db: Database,
  actor: Actor,
  input: ClientWithDetailsCreateT,
): Promise<ClientWithDetailsT> {
  assertCanWrite(actor);
  const { legalEntity, contact, ...client } = input;
  ownerOfNewClient(actor, client);
  throwIfProblems([
    ...checkClientValues(client).problems,
    ...(legalEntity ? under('legalEntity', checkRequisites(definedOnly(legalEntity)).problems) : []),
  ]);
  return db.engine.transaction(async () => {
    const created = await createClient(db, actor, client);
    const entity = legalEntity
      ? await asPart('legalEntity', () =>
          legalEntityService.create(db, actor, { ...legalEntity, clientId: created.id, isPrimary: true }),
        )
      : null;
    const person = contact
      ? await asPart('contact', () => contactService.create(db, actor, { ...contact, clientId: created.id }))
      : null;
    return { ...created, legalEntity: entity, contact: person };
  });
}

/** The most clients the caller may open that one answer lists. */
const LISTED = 10;

/**
 * Clients that may be the one being entered, asked while the form is typed: by ИНН (with КПП), by
 * the same name and by a very similar one (db/queries/clients/possible-duplicates.ts). An ИНН or КПП
 * that is not valid yet is not compared (`checked` says what was), rather than refused: the form asks
 * as the person types.
 *
 * Clients the caller may open are listed with a link's worth of detail (name, status, manager,
 * legal entity). Of the others (another manager's clients) the caller learns only how many match and
 * how, never which or whose — the rule of 409 on requisites (services/clients/duplicate-requisites.ts):
 * knowing that the company is already somebody's client keeps two managers from working it apart,
 * while its name and manager stay with those who may see it; the head of sales merges or shares.
 */
export async function findPossibleDuplicates(
  db: Database,
  actor: Actor,
  query: PossibleDuplicatesQueryT,
): Promise<PossibleDuplicatesT> {
  const innCheck = query.inn?.trim() ? checkInn(query.inn) : null;
  const inn = innCheck?.ok ? innCheck.value : null;
  const kppCheck = inn && query.kpp?.trim() ? checkKpp(query.kpp) : null;
  const kpp = kppCheck?.ok ? kppCheck.value : null;
  const name = query.name?.trim() || null;
  const checked = { inn, kpp };
  if (!inn && !name) return { items: [], more: 0, hidden: [], checked };
  const rows = await possibleDuplicateRows(db, { orgId: actor.orgId, name, inn, kpp, scope: clientScope(actor) });
  const open = rows.filter((r) => r.visible);
  const hidden = new Map<DuplicateMatch, number>();
  for (const r of rows) {
    if (r.visible) continue;
    const best = r.matches[0]!;
    hidden.set(best, (hidden.get(best) ?? 0) + 1);
  }
  return {
    items: open.slice(0, LISTED).map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      ownerName: r.ownerName,
      legalForm: r.legalForm,
      legalName: r.shortName ?? r.fullName,
      inn: r.inn,
      kpp: r.kpp,
      matches: r.matches,
    })),
    more: Math.max(0, open.length - LISTED),
    hidden: [...hidden].map(([match, count]) => ({ match, count })),
    checked,
  };
}
