import type { Database } from '../database.js';
import { inClientScopeText, type ClientScope } from './access/scope.js';

// Two legal entities name the same company when their ИНН are equal and their КПП are equal or one
// of them is empty: the very rule an import matches clients by (imports/resolve.ts), so two clients
// that meet it split one company's documents between them. A sole trader (12-digit ИНН) has no КПП,
// so for them the ИНН alone decides.
const sameCompany = (a: string, b: string) =>
  `${a}.inn = ${b}.inn AND (${a}.kpp IS NULL OR ${b}.kpp IS NULL OR ${a}.kpp = ${b}.kpp)`;

export type RequisiteHolder = { clientId: number; name: string; legalEntityId: number; visible: boolean };

/**
 * A client other than `clientId` with a legal entity of the same company (ИНН, КПП), preferring one
 * the scope can see, then the exact КПП, then the oldest; null when there is none.
 */
export async function findRequisiteHolder(
  db: Database,
  p: {
    orgId: number;
    inn: string;
    kpp: string | null;
    clientId: number;
    scope: ClientScope | null;
  },
): Promise<RequisiteHolder | null> {
  const visible = p.scope ? inClientScopeText(p.scope, 'c.id') : 'true';
  const { rows } = await db.engine.query<RequisiteHolder>(
    `SELECT c.id AS "clientId", c.name, l.id AS "legalEntityId", ${visible} AS visible
     FROM (SELECT $2::text AS inn, $3::text AS kpp) n
     JOIN legal_entities l ON l.org_id = $1 AND ${sameCompany('l', 'n')}
     JOIN clients c ON c.org_id = l.org_id AND c.id = l.client_id
     WHERE l.client_id <> $4
     ORDER BY 4 DESC, (l.kpp IS NOT DISTINCT FROM n.kpp) DESC, c.id, l.id
     LIMIT 1`,
    [p.orgId, p.inn, p.kpp, p.clientId],
  );
  return rows[0] ?? null;
}

export type DuplicateGroupMember = {
  id: number;
  name: string;
  ownerName: string | null;
  legalEntityId: number;
  legalName: string;
  kpp: string | null;
};
export type DuplicateGroup = { inn: string; kpp: string | null; clients: DuplicateGroupMember[] };

/**
 * Groups of two or more clients of the scope sharing a company's requisites, ordered by ИНН, КПП.
 * A group is an ИНН with one КПП, holding the entities with that КПП and those of the ИНН without
 * one; entities without КПП form a group of their own only where the ИНН has no КПП at all (a sole
 * trader, or a company entered without it). Clients outside the scope take no part: a manager sees
 * the duplicates among their own clients.
 */
export async function listDuplicateRequisites(
  db: Database,
  p: {
    orgId: number;
    scope: ClientScope | null;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; groups: DuplicateGroup[] }> {
  const scoped = p.scope ? `AND ${inClientScopeText(p.scope, 'l.client_id')}` : '';
  const groups = `
    WITH le AS MATERIALIZED (
      SELECT l.id, l.client_id, l.inn, l.kpp, l.full_name FROM legal_entities l
      WHERE l.org_id = $1 AND l.inn IS NOT NULL ${scoped}
    ), keys AS (
      SELECT DISTINCT inn, kpp FROM le WHERE kpp IS NOT NULL
      UNION ALL
      SELECT DISTINCT inn, NULL::text FROM le l WHERE kpp IS NULL AND NOT EXISTS (SELECT 1 FROM le x WHERE x.inn = l.inn AND x.kpp IS NOT NULL)
    ), groups AS (
      SELECT k.inn, k.kpp FROM keys k JOIN le ON ${sameCompany('le', 'k')}
      GROUP BY k.inn, k.kpp HAVING count(DISTINCT le.client_id) > 1
    )`;
  const {
    rows: [count],
  } = await db.engine.query<{ n: number }>(`${groups} SELECT count(*)::int AS n FROM groups`, [p.orgId]);
  const total = Number(count?.n ?? 0);
  if (total === 0 || p.offset >= total) return { total, groups: [] };
  const { rows } = await db.engine.query<DuplicateGroupMember & { inn: string; groupKpp: string | null }>(
    `${groups}, page AS (SELECT inn, kpp FROM groups ORDER BY inn, kpp NULLS FIRST LIMIT $2 OFFSET $3)
     SELECT p.inn, p.kpp AS "groupKpp", m.client_id AS id, c.name, u.name AS "ownerName", m.id AS "legalEntityId", m.full_name AS "legalName", m.kpp
     FROM page p
     JOIN LATERAL (
       SELECT DISTINCT ON (le.client_id) le.* FROM le WHERE ${sameCompany('le', 'p')}
       ORDER BY le.client_id, (le.kpp IS NOT DISTINCT FROM p.kpp) DESC, le.id
     ) m ON true
     JOIN clients c ON c.org_id = $1 AND c.id = m.client_id
     LEFT JOIN users u ON u.org_id = c.org_id AND u.id = c.owner_user_id
     ORDER BY p.inn, p.kpp NULLS FIRST, c.name, c.id`,
    [p.orgId, p.limit, p.offset],
  );
  const out: DuplicateGroup[] = [];
  for (const r of rows) {
    let group = out.at(-1);
    if (!group || group.inn !== r.inn || group.kpp !== r.groupKpp) {
      group = { inn: r.inn, kpp: r.groupKpp, clients: [] };
      out.push(group);
    }
    group.clients.push({
      id: Number(r.id),
      name: r.name,
      ownerName: r.ownerName,
      legalEntityId: Number(r.legalEntityId),
      legalName: r.legalName,
      kpp: r.kpp,
    });
  }
  return { total, groups: out };
}
