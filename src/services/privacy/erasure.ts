import type { ErasureRequestT, ErasureResultT } from '../../contract/privacy.js';
import { can } from '../../core/access/permissions.js';
import { DomainError, fieldProblem, invalidInput } from '../../core/errors.js';
import { translate } from '../../core/messages/index.js';
import { localeOfUser } from '../../db/queries/access/users.js';
import { refreshClientSearch } from '../../db/queries/client-search.js';
import { refreshBaseAnalysis } from '../../db/queries/people/base-analysis.js';
import type { Database } from '../../db/database.js';
import {
  anonymiseContact,
  eraseAroundPerson,
  rewriteRow,
  rowsMentioning,
  scrubAuditOfPerson,
  type MentionTable,
} from '../../db/queries/privacy/erasure.js';
import type { PersonRow } from '../../db/queries/privacy/consents.js';
import type { Actor } from '../actor.js';
import { audit } from '../audit/record.js';
import { organisationCatalog } from '../../db/queries/backup/catalog.js';
import { isoTimestamp } from '../convert.js';
import { requirePerson } from './consents.js';

/** The name an erased contact is shown under, in the language of the person who erased it. */
export function erasedContactName(id: number, locale: string): string {
  return translate(locale === 'en' ? 'en' : 'ru', 'privacy.erasedName', { id });
}
/** What replaces the person's phone, e-mail or birthday where a text mentioned it. */
const erasedMark = (locale: string) => translate(locale === 'en' ? 'en' : 'ru', 'privacy.erasedMark');

/** Erasure is for those who answer for the whole client base: the owner of the company and the head of sales. */
function assertMayErase(actor: Actor): void {
  if (can(actor.role, 'seeAllClients') && can(actor.role, 'writeRecords') && can(actor.role, 'seePersonalData')) return;
  throw new DomainError('forbidden', 'privacy.eraseNotAllowed');
}

/**
 * The values that identify the person, as they may be written elsewhere: the full name, each phone and
 * e-mail, the birthday as ISO and as DD.MM.YYYY. Names shorter than 3 characters and phones shorter
 * than 5 would match too much and are left out.
 */
export function identifyingValues(
  p: Pick<PersonRow, 'full_name' | 'phones' | 'emails' | 'birthday'>,
): { value: string; isName: boolean }[] {
  const out: { value: string; isName: boolean }[] = [];
  const name = p.full_name.trim();
  if (name.length >= 3) out.push({ value: name, isName: true });
  for (const phone of p.phones) if (phone.trim().length >= 5) out.push({ value: phone.trim(), isName: false });
  for (const email of p.emails) if (email.trim()) out.push({ value: email.trim(), isName: false });
  if (p.birthday)
    out.push({ value: p.birthday, isName: false }, { value: p.birthday.split('-').reverse().join('.'), isName: false });
  return out;
}

// A PostgreSQL regular expression: every character that is not a letter or digit taken literally.
const pgLiteral = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, (c) => `\\${c}`);
// A JavaScript regular expression in unicode mode: only the syntax characters may be escaped.
const jsLiteral = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Tables whose rows belong to a client (a `client_id` column, or `clients` itself), read from the
 * database catalogue so a table added later is covered; their text, text[] and jsonb columns. Left
 * alone: a legal entity's requisites (a sole proprietor's name is the legal entity's, kept for the
 * accounting documents, 402-ФЗ ст. 29), the client's name (same reason), other contacts' own names (a
 * namesake is another person), and the search text and base analysis, rebuilt from the rows afterwards.
 */
async function mentionTables(db: Database): Promise<MentionTable[]> {
  const leftAlone = new Set(['legal_entities', 'client_search', 'client_shares', 'client_base_analysis']);
  const skipColumns = new Set(['clients.name', 'contacts.full_name']);
  const kindOf = (type: string): MentionTable['columns'][number]['kind'] | null => {
    if (type === 'jsonb' || type === 'json') return 'json';
    if (type === 'text[]' || (type.startsWith('character varying') && type.endsWith('[]'))) return 'array';
    if (type === 'text' || type.startsWith('character varying')) return 'text';
    return null;
  };
  const { tables } = await organisationCatalog(db);
  return tables.flatMap((t) => {
    const clientColumn =
      t.name === 'clients' ? 'id' : t.columns.some((c) => c.name === 'client_id') ? 'client_id' : null;
    if (!clientColumn || leftAlone.has(t.name) || t.primaryKey.length === 0) return [];
    const columns = t.columns.flatMap((c) => {
      const kind = kindOf(c.type);
      return kind && !skipColumns.has(`${t.name}.${c.name}`) ? [{ name: c.name, kind }] : [];
    });
    return columns.length ? [{ name: t.name, clientColumn, key: t.primaryKey, columns }] : [];
  });
}

/**
 * Replaces every mention of the person in the texts of their client's rows (notes of other contacts,
 * the client's special knowledge, task titles, audit values…): the name by the placeholder, a phone,
 * e-mail or birthday by "[удалено]". Exact values only (case-insensitive): a name written in another
 * grammatical case is not found. Answers the number of rows rewritten.
 */
async function scrubMentions(
  db: Database,
  orgId: number,
  clientId: number,
  values: { value: string; isName: boolean }[],
  placeholder: string,
  mark: string,
): Promise<number> {
  if (values.length === 0) return 0;
  const forms = values.flatMap((v) => {
    const json = JSON.stringify(v.value).slice(1, -1);
    return json === v.value ? [v] : [v, { ...v, value: json }];
  });
  const pattern = forms.map((v) => pgLiteral(v.value)).join('|');
  const byValue = new Map(forms.map((v) => [v.value.toLowerCase(), v.isName ? placeholder : mark]));
  const finder = new RegExp(forms.map((v) => jsLiteral(v.value)).join('|'), 'giu');
  const replaceIn = (s: string) => s.replace(finder, (m) => byValue.get(m.toLowerCase()) ?? mark);
  const deep = (v: unknown): unknown => {
    if (typeof v === 'string') return replaceIn(v);
    if (Array.isArray(v)) return v.map(deep);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]));
    return v;
  };
  let rewritten = 0;
  for (const table of await mentionTables(db)) {
    for (const row of await rowsMentioning(db, orgId, clientId, table, pattern)) {
      const changes = table.columns.flatMap((column) => {
        const before = row[column.name];
        if (before === null || before === undefined) return [];
        const after =
          column.kind === 'text'
            ? replaceIn(String(before))
            : deep(typeof before === 'string' && column.kind === 'json' ? JSON.parse(before) : before);
        return JSON.stringify(after) === JSON.stringify(before) ? [] : [{ column, value: after }];
      });
      if (changes.length === 0) continue;
      await rewriteRow(db, orgId, table, row, changes);
      rewritten++;
    }
  }
  return rewritten;
}

async function localeOf(db: Database, actor: Actor): Promise<string> {
  if (actor.userId === null) return 'ru';
  return (await localeOfUser(db, actor.orgId, actor.userId)) ?? 'ru';
}

/**
 * Erasure on the person's request (152-ФЗ ст. 21; GDPR art. 17), in one transaction. Removed: the
 * family, useful dates, consents and power-structure links; congratulation tasks for them; every
 * personal field and the name (replaced by a placeholder), their position and place in the buying
 * decision; the free text of their interactions, claims, claim history and survey answers; every
 * mention of their name, phones, e-mails and birthday in their client's texts and audit values.
 * Unanswered survey links expire now. Kept, so the company's commercial history stays whole: the
 * contact row (id, client) with `erased_at`, and every interaction, claim, survey answer and order with
 * its dates, amounts, scores and link to the contact — so the client's figures do not change. The
 * client's search text is rebuilt without the name. One audit row `erase` records who, when, why
 * (the reason with the person's values removed) and how many rows went. A second erasure: 409.
 */
export async function eraseContact(
  db: Database,
  actor: Actor,
  contactId: number,
  input: ErasureRequestT,
): Promise<ErasureResultT> {
  assertMayErase(actor);
  const reason = input.reason.trim();
  if (reason.length < 3) {
    throw invalidInput([fieldProblem('reason', 'required', 'privacy.eraseReason')]);
  }
  const locale = await localeOf(db, actor);
  return db.engine.transaction(async () => {
    const person = await requirePerson(db, actor, contactId, true);
    if (person.erased_at)
      throw new DomainError('conflict', 'privacy.alreadyErased', {
        erasedOn: isoTimestamp(person.erased_at).slice(0, 10),
      });
    const clientId = Number(person.client_id);
    const placeholder = erasedContactName(contactId, locale);
    const mark = erasedMark(locale);
    const values = identifyingValues(person);
    const removed = await eraseAroundPerson(db, actor.orgId, contactId);
    const erasedAt = await anonymiseContact(db, actor.orgId, contactId, placeholder);
    removed.auditRows = await scrubAuditOfPerson(db, actor.orgId, contactId, clientId, placeholder);
    removed.mentions = await scrubMentions(db, actor.orgId, clientId, values, placeholder, mark);
    await refreshClientSearch(db, actor.orgId, [clientId]);
    await refreshBaseAnalysis(db, { orgId: actor.orgId, clientIds: [clientId] });
    const finder = values.length ? new RegExp(values.map((v) => jsLiteral(v.value)).join('|'), 'giu') : null;
    const cleanReason = finder ? reason.replace(finder, mark) : reason;
    await audit(db, actor, {
      action: 'erase',
      entity: 'contact',
      entityId: contactId,
      clientId,
      after: { fullName: placeholder, reason: cleanReason, erasedAt: isoTimestamp(erasedAt), removed },
    });
    return { contactId, erasedAt: isoTimestamp(erasedAt), fullName: placeholder, removed };
  });
}
