import type { Database } from '../../database.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';

/** A client's free-text industry as the calendar compares it: trimmed, lower case, ё = е, spaces collapsed (core industryOf does the same). */
const normalisedIndustry = (column: string) =>
  `regexp_replace(translate(lower(btrim(${column})), 'ё', 'е'), '\\s+', ' ', 'g')`;

/** Professional holidays are for current partners: clients not marked lost (active ones and prospects). */
const LIVE = `c.status <> 'lost'`;

export type IndustryGroupRow = { grp: string; id: number; name: string; owner_user_id: number | null; n: number };

/**
 * The clients in scope grouped by their (normalised) industry, plus the group '*' of every client:
 * each group's size and its first `limit` clients by name. One statement with window functions, so
 * the answer stays small (groups × limit rows) whatever the number of clients.
 */
export async function clientsByIndustry(
  db: Database,
  q: { orgId: number; ownerUserId?: number | null; limit: number; scope?: ClientScope | null },
): Promise<IndustryGroupRow[]> {
  const { rows } = await db.engine.query<IndustryGroupRow>(
    `
    SELECT grp, id, name, owner_user_id, n FROM (
      SELECT g.grp, c.id, c.name, c.owner_user_id,
        row_number() OVER (PARTITION BY g.grp ORDER BY c.name, c.id) AS rn,
        count(*) OVER (PARTITION BY g.grp)::int AS n
      FROM clients c
      CROSS JOIN LATERAL (VALUES ('*'), (${normalisedIndustry('c.industry')})) AS g(grp)
      WHERE c.org_id = $1 AND ${LIVE} AND ($2::bigint IS NULL OR c.owner_user_id = $2) ${q.scope ? `AND ${inClientScopeText(q.scope, 'c.id')}` : ''} AND g.grp IS NOT NULL AND g.grp <> ''
    ) x WHERE rn <= $3
    ORDER BY grp, name, id`,
    [q.orgId, q.ownerUserId ?? null, q.limit],
  );
  return rows;
}

/** The distinct (normalised) industries of the organisation's live clients. */
export async function distinctIndustries(db: Database, orgId: number): Promise<string[]> {
  const { rows } = await db.engine.query<{ industry: string }>(
    `
    SELECT DISTINCT ${normalisedIndustry('c.industry')} AS industry FROM clients c
    WHERE c.org_id = $1 AND ${LIVE} AND c.industry IS NOT NULL AND btrim(c.industry) <> ''`,
    [orgId],
  );
  return rows.map((r) => r.industry);
}

/** Every live client whose normalised industry is one of `industries`. */
export async function clientsInIndustries(
  db: Database,
  orgId: number,
  industries: string[],
): Promise<{ id: number; name: string; owner_user_id: number | null; industry: string }[]> {
  if (industries.length === 0) return [];
  const { rows } = await db.engine.query<{ id: number; name: string; owner_user_id: number | null; industry: string }>(
    `
    SELECT c.id, c.name, c.owner_user_id, ${normalisedIndustry('c.industry')} AS industry FROM clients c
    WHERE c.org_id = $1 AND ${LIVE} AND ${normalisedIndustry('c.industry')} = ANY($2::text[])
    ORDER BY c.id`,
    [orgId, industries],
  );
  return rows;
}
