import type { Database } from '../../database.js';
import { clientSearchRefresh } from '../client-search.js';

/** Users by lower-cased name or e-mail, for "Менеджер" columns: `key`, `id`. Needs $1 = org id. */
export const usersByName = `SELECT DISTINCT ON (key) key, id FROM (
    SELECT lower(name) AS key, id FROM users WHERE org_id = $1
    UNION ALL SELECT lower(email), id FROM users WHERE org_id = $1) k
  ORDER BY key, id`;

/** The columns a staged client gains while it is resolved (an ALTER TABLE's list). */
export const resolvedClientColumns = `ADD COLUMN IF NOT EXISTS client_id bigint, ADD COLUMN IF NOT EXISTS is_new boolean NOT NULL DEFAULT false,
  ADD COLUMN IF NOT EXISTS entity_added boolean NOT NULL DEFAULT false`;

/**
 * Finds the clients staged in s_clients: by their 1C code (external id), then by ИНН and КПП (a
 * branch is told by its КПП; a file without КПП matches the ИНН), then by name, case-insensitively,
 * unless that client already has other requisites. With `create`, the clients not found are
 * created, each with a legal entity when the file gives an ИНН; a found client gains a legal entity
 * for an ИНН/КПП it did not have. Leaves `client_id` null for clients not found otherwise.
 */
export async function resolveClients(
  db: Database,
  orgId: number,
  opts: { create: boolean; table?: 's_clients' | 'b_clients' },
): Promise<{ created: number; matched: number }> {
  const table = opts.table ?? 's_clients';
  await db.engine.exec(`ALTER TABLE ${table} ${resolvedClientColumns};
    ${clientResolution(table, orgId, opts.create)}`);
  const {
    rows: [n],
  } = await db.engine.query<{ created: number; matched: number }>(
    `SELECT count(*) FILTER (WHERE is_new)::int AS created, count(*) FILTER (WHERE client_id IS NOT NULL AND NOT is_new)::int AS matched FROM ${table}`,
  );
  return { created: Number(n!.created), matched: Number(n!.matched) };
}

/**
 * The statements of `resolveClients` as one text, so a batch of a direct import resolves its
 * clients in one round trip (the organisation's id is a literal: statements with parameters
 * cannot be sent together).
 */
export function clientResolution(table: 's_clients' | 'b_clients', orgId: number, create: boolean): string {
  if (!Number.isSafeInteger(orgId)) throw new RangeError('organisation id');
  const statements = [
    `UPDATE s_clients s SET client_id = c.id FROM clients c WHERE c.org_id = $1 AND s.ext IS NOT NULL AND c.external_id = s.ext`,
    `UPDATE s_clients s SET client_id = m.client_id FROM (
      SELECT DISTINCT ON (s2.key) s2.key, le.client_id
      FROM s_clients s2 JOIN legal_entities le ON le.org_id = $1 AND le.inn = s2.inn AND (s2.kpp IS NULL OR le.kpp IS NULL OR le.kpp = s2.kpp)
      WHERE s2.client_id IS NULL AND s2.inn IS NOT NULL
      ORDER BY s2.key, (le.kpp IS NOT DISTINCT FROM s2.kpp) DESC, le.is_primary DESC, le.client_id) m
    WHERE s.key = m.key`,
    `UPDATE s_clients s SET client_id = m.id
    FROM (SELECT DISTINCT ON (lower(name)) lower(name) AS lname, id FROM clients
      WHERE org_id = $1 AND lower(name) IN (SELECT lower(name) FROM s_clients WHERE client_id IS NULL)
      ORDER BY lower(name), id) m
    WHERE s.client_id IS NULL AND s.name IS NOT NULL AND lower(s.name) = m.lname
      AND (s.inn IS NULL OR NOT EXISTS (SELECT 1 FROM legal_entities le WHERE le.org_id = $1 AND le.client_id = m.id AND le.inn IS NOT NULL))`,
  ];
  if (create) {
    statements.push(
      `UPDATE s_clients s SET client_id = n.id, is_new = true FROM (
        SELECT key, nextval(pg_get_serial_sequence('clients', 'id')) AS id FROM (SELECT key FROM s_clients WHERE client_id IS NULL ORDER BY first_row) k) n
      WHERE s.key = n.key`,
      `INSERT INTO clients (org_id, id, name, status, external_id, owner_user_id)
      SELECT $1, s.client_id, coalesce(s.name, 'ИНН ' || s.inn, s.ext), 'active', s.ext, u.id
      FROM s_clients s LEFT JOIN (${usersByName}) u ON u.key = lower(s.manager) WHERE s.is_new`,
    );
  }
  statements.push(
    // The ids just set change the plan: without fresh statistics the check below runs as a nested loop over every legal entity.
    'ANALYZE s_clients',
    `WITH added AS (INSERT INTO legal_entities (org_id, client_id, legal_form, full_name, inn, kpp, is_primary)
      SELECT $1, s.client_id, CASE WHEN length(s.inn) = 12 THEN 'ИП' END, coalesce(s.name, 'ИНН ' || s.inn), s.inn, s.kpp, has.client_id IS NULL
      FROM (SELECT DISTINCT ON (client_id, inn, kpp) * FROM s_clients WHERE client_id IS NOT NULL AND inn IS NOT NULL ORDER BY client_id, inn, kpp, first_row) s
      LEFT JOIN (SELECT DISTINCT le.client_id FROM legal_entities le JOIN s_clients c ON c.client_id = le.client_id WHERE le.org_id = $1) has
        ON has.client_id = s.client_id
      WHERE NOT EXISTS (SELECT 1 FROM legal_entities le WHERE le.org_id = $1 AND le.client_id = s.client_id AND le.inn = s.inn
        AND (s.kpp IS NULL OR le.kpp IS NULL OR le.kpp = s.kpp))
      RETURNING client_id)
    UPDATE s_clients s SET entity_added = true FROM added a WHERE s.client_id = a.client_id`,
    // Searchable at once by name and ИНН: the clients created, those given a legal entity, and any
    // found without a search row (created by an import before imports kept it).
    clientSearchRefresh(`c.id IN (SELECT s.client_id FROM s_clients s WHERE s.client_id IS NOT NULL
      AND (s.is_new OR s.entity_added OR NOT EXISTS (SELECT 1 FROM client_search cs WHERE cs.org_id = $1 AND cs.client_id = s.client_id)))`),
  );
  return statements.map((t) => t.replaceAll('s_clients', table).replaceAll('$1', String(orgId))).join(';\n');
}

/** Staged rows whose client was not found: `row_no` of every such row of `table`. */
export async function rowsWithUnknownClient(
  db: Database,
  table: 's_contacts' | 's_payments' | 's_interactions',
): Promise<number[]> {
  const { rows } = await db.engine.query<{ row_no: number }>(
    `SELECT r.row_no FROM ${table} r JOIN s_clients s ON s.key = r.client_key WHERE s.client_id IS NULL ORDER BY r.row_no`,
  );
  return rows.map((r) => Number(r.row_no));
}
