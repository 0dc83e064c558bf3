import type { Database } from '../../database.js';
import { AUDIT_ABOUT_PERSON } from './personal-data.js';

// Erasure of one person's personal data (services/privacy/erasure.ts), statement by statement, in the
// caller's transaction. Every statement names the organisation and the contact, so nothing of another
// person or tenant is touched; the counts go into the act of destruction (the audit row).

const count = async (db: Database, text: string, params: unknown[]): Promise<number> =>
  (await db.engine.query(text, params)).rowCount ?? 0;

/**
 * Removes what is personal around the contact and clears the person's words in the commercial records
 * that stay (their dates, amounts, scores and links to the contact are kept). Answers rows per part.
 */
export async function eraseAroundPerson(
  db: Database,
  orgId: number,
  contactId: number,
): Promise<Record<string, number>> {
  const p = [orgId, contactId];
  return {
    familyMembers: await count(db, 'DELETE FROM family_members WHERE org_id = $1 AND contact_id = $2', p),
    usefulDates: await count(db, 'DELETE FROM useful_dates WHERE org_id = $1 AND contact_id = $2', p),
    consents: await count(db, 'DELETE FROM contact_consents WHERE org_id = $1 AND contact_id = $2', p),
    contactLinks: await count(
      db,
      'DELETE FROM contact_links WHERE org_id = $1 AND (from_contact_id = $2 OR to_contact_id = $2)',
      p,
    ),
    congratulationTasks: await count(
      db,
      "DELETE FROM tasks WHERE org_id = $1 AND contact_id = $2 AND kind = 'congratulation'",
      p,
    ),
    // A link not yet answered stops working now; an answered one keeps its history.
    surveyLinksExpired: await count(
      db,
      'UPDATE survey_links SET expires_at = now() WHERE org_id = $1 AND contact_id = $2 AND answered_at IS NULL AND expires_at > now()',
      p,
    ),
    interactionNotes: await count(
      db,
      'UPDATE interactions SET notes = NULL, outcome = NULL WHERE org_id = $1 AND contact_id = $2 AND (notes IS NOT NULL OR outcome IS NOT NULL)',
      p,
    ),
    claimDescriptions: await count(
      db,
      'UPDATE claims SET description = NULL WHERE org_id = $1 AND contact_id = $2 AND description IS NOT NULL',
      p,
    ),
    claimEventNotes: await count(
      db,
      `UPDATE claim_events e SET note = NULL FROM claims c
      WHERE e.org_id = $1 AND c.org_id = $1 AND c.id = e.claim_id AND c.contact_id = $2 AND e.note IS NOT NULL`,
      p,
    ),
    surveyComments: await count(
      db,
      'UPDATE survey_responses SET comment = NULL WHERE org_id = $1 AND contact_id = $2 AND comment IS NOT NULL',
      p,
    ),
  };
}

/**
 * The contact row itself: the name becomes the placeholder, every personal field and the person's
 * place in the buying decision (position, roles, influence, attitude, key figure) are emptied, the
 * language goes back to the default; id, client and creation stay, so every reference holds.
 */
export async function anonymiseContact(
  db: Database,
  orgId: number,
  contactId: number,
  placeholder: string,
): Promise<string> {
  const { rows } = await db.engine.query<{ erased_at: string }>(
    `
    UPDATE contacts SET full_name = $3, position = NULL, phones = '{}', emails = '{}', decision_roles = '{}', influence = NULL, attitude = NULL,
           birthday = NULL, notes = NULL, is_key_figure = false, personal_traits = NULL, professional_traits = NULL, hobbies = '{}',
           congratulation_preferences = NULL, gift_ideas = NULL, locale = 'ru', erased_at = now(), updated_at = now()
     WHERE org_id = $1 AND id = $2 RETURNING erased_at`,
    [orgId, contactId, placeholder],
  );
  return rows[0]!.erased_at;
}

/** Keeps only the listed keys of a JSON object (anything else, nested or not, goes); other JSON as is. */
const keepOnly = (doc: string, keys: string) => `CASE WHEN jsonb_typeof(${doc}) = 'object'
  THEN (SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(${doc}) WHERE key = ANY(${keys}::text[])) ELSE ${doc} END`;

/** Drops the listed keys of a JSON object. */
const dropKeys = (doc: string, keys: string) =>
  `CASE WHEN jsonb_typeof(${doc}) = 'object' THEN ${doc} - ${keys}::text[] ELSE ${doc} END`;

/** What an audit row of the contact itself keeps after erasure: nothing about the person but the placeholder name. */
const CONTACT_KEEP = ['clientId', 'client_id', 'createdAt', 'updatedAt', 'erasedAt', 'erased_at', 'format'];
/** Records that are personal data as a whole keep only the link to the contact and their kind. */
const WHOLLY_PERSONAL: Record<string, string[]> = {
  family_member: ['contactId', 'contact_id'],
  useful_date: ['contactId', 'contact_id', 'clientId', 'kind'],
  consent: ['contactId', 'contact_id', 'form', 'givenOn', 'validUntil', 'withdrawnOn'],
};
/** Commercial records about the person lose the person's words; dates, amounts and scores stay. */
const WORDS = ['notes', 'note', 'outcome', 'description', 'comment', 'title', 'eventOn', 'event_on'];

/**
 * Scrubs the audit log of the person: their contact's rows keep only bookkeeping and the placeholder
 * name; rows of their family, dates and consents keep only what links them; rows of interactions,
 * claims, surveys, tasks and links that name them lose the free text. The `erase` row is written after.
 */
export async function scrubAuditOfPerson(
  db: Database,
  orgId: number,
  contactId: number,
  clientId: number,
  placeholder: string,
): Promise<number> {
  let n = await count(
    db,
    `
    UPDATE audit_log a SET
      before = CASE WHEN a.before IS NULL THEN NULL ELSE (${keepOnly('a.before', '$3')}) || CASE WHEN a.before ? 'fullName' THEN jsonb_build_object('fullName', $4::text) ELSE '{}'::jsonb END END,
      after = CASE WHEN a.after IS NULL THEN NULL ELSE (${keepOnly('a.after', '$3')}) || CASE WHEN a.after ? 'fullName' THEN jsonb_build_object('fullName', $4::text) ELSE '{}'::jsonb END END
     WHERE a.org_id = $1 AND a.entity = 'contact' AND a.entity_id = $2`,
    [orgId, contactId, `{${CONTACT_KEEP.join(',')}}`, placeholder],
  );
  for (const [entity, keep] of Object.entries(WHOLLY_PERSONAL)) {
    n += await count(
      db,
      `
      UPDATE audit_log a SET before = ${keepOnly('a.before', '$5')}, after = ${keepOnly('a.after', '$5')}
       WHERE ${AUDIT_ABOUT_PERSON} AND a.entity = $4`,
      [orgId, contactId, clientId, entity, `{${keep.join(',')}}`],
    );
  }
  n += await count(
    db,
    `
    UPDATE audit_log a SET before = ${dropKeys('a.before', '$5')}, after = ${dropKeys('a.after', '$5')}
     WHERE ${AUDIT_ABOUT_PERSON} AND a.entity <> 'contact' AND NOT (a.entity = ANY($4::text[]))`,
    [orgId, contactId, clientId, `{${Object.keys(WHOLLY_PERSONAL).join(',')}}`, `{${WORDS.join(',')}}`],
  );
  return n;
}

/** A table of the organisation whose rows belong to a client, with the text columns a mention may hide in. */
export type MentionTable = {
  name: string;
  clientColumn: string;
  key: string[];
  columns: { name: string; kind: 'text' | 'array' | 'json' }[];
};

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The rows of one client in one table whose text columns match `pattern` (a PostgreSQL regular
 * expression, case-insensitive), with their key and the matching columns' values, for the caller to
 * rewrite; the client's index keeps it to that client's rows.
 */
export async function rowsMentioning(
  db: Database,
  orgId: number,
  clientId: number,
  table: MentionTable,
  pattern: string,
  extra?: { column: string; value: number },
): Promise<Record<string, unknown>[]> {
  const asText = (c: MentionTable['columns'][number]) =>
    c.kind === 'array' ? `array_to_string(${ident(c.name)}, E'\\n')` : `${ident(c.name)}::text`;
  const { rows } = await db.engine.query<Record<string, unknown>>(
    `
    SELECT ${[...table.key, ...table.columns.map((c) => c.name)].map(ident).join(', ')}
      FROM ${ident(table.name)}
     WHERE org_id = $1 AND (${ident(table.clientColumn)} = $2${extra ? ` OR ${ident(extra.column)} = $4` : ''})
       AND (${table.columns.map((c) => `${asText(c)} ~* $3`).join(' OR ')})`,
    extra ? [orgId, clientId, pattern, extra.value] : [orgId, clientId, pattern],
  );
  return rows;
}

/** Writes the rewritten text columns of one row, found by its primary key. */
export async function rewriteRow(
  db: Database,
  orgId: number,
  table: MentionTable,
  key: Record<string, unknown>,
  values: { column: MentionTable['columns'][number]; value: unknown }[],
): Promise<void> {
  const params: unknown[] = [orgId];
  const sets = values.map(({ column, value }) => {
    params.push(column.kind === 'json' ? JSON.stringify(value) : value);
    return `${ident(column.name)} = $${params.length}::${column.kind === 'json' ? 'jsonb' : column.kind === 'array' ? 'text[]' : 'text'}`;
  });
  const where = table.key
    .filter((k) => k !== 'org_id')
    .map((k) => {
      params.push(key[k]);
      return `${ident(k)} = $${params.length}`;
    });
  await db.engine.query(
    `UPDATE ${ident(table.name)} SET ${sets.join(', ')} WHERE org_id = $1 AND ${where.join(' AND ')}`,
    params,
  );
}
