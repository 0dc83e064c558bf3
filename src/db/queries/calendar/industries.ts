import type { Database } from '../../database.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';

/** Professional holidays are for current partners: clients not marked lost (active ones and prospects). */
const LIVE = `c.status <> 'lost'`;

export type IndustryGroupRow = { grp: string; id: number; name: string; owner_user_id: number | null; n: number };

/**
 * The distinct industry groups (clients.industry_group) of the organisation's live clients, whoever
 * owns them. Read by skipping through clients_industry_group_idx — one index probe per group — so it
 * costs the number of industries, not the number of clients.
 */
export async function liveIndustryGroups(db: Database, orgId: number): Promise<string[]> {
  const { rows } = await db.engine.query<{ grp: string }>(
    `
    WITH RECURSIVE g(grp) AS (
      (SELECT c.industry_group FROM clients c
        WHERE c.org_id = $1 AND ${LIVE} AND c.industry_group > '' ORDER BY c.industry_group LIMIT 1)
      UNION ALL
      SELECT (SELECT c.industry_group FROM clients c
               WHERE c.org_id = $1 AND ${LIVE} AND c.industry_group > g.grp ORDER BY c.industry_group LIMIT 1)
      FROM g WHERE g.grp IS NOT NULL
    )
    SELECT grp FROM g WHERE grp IS NOT NULL`,
    [orgId],
  );
  return rows.map((r) => r.grp);
}

/**
 * The live clients in scope of each industry group in `groups`, plus the group '*' of every live
 * client when `everyone`: each group's size and its first `limit` clients by name. Window functions
 * keep the answer small (groups × limit rows); clients_industry_group_idx finds the groups' clients,
 * and '*' reads its first clients in name order and counts the rest apart.
 */
export async function clientsOfIndustryGroups(
  db: Database,
  q: {
    orgId: number;
    groups: string[];
    everyone: boolean;
    ownerUserId?: number | null;
    limit: number;
    scope?: ClientScope | null;
  },
): Promise<IndustryGroupRow[]> {
  const inScope = `c.org_id = $1 AND ${LIVE} AND ($2::bigint IS NULL OR c.owner_user_id = $2) ${q.scope ? `AND ${inClientScopeText(q.scope, 'c.id')}` : ''}`;
  const params = [q.orgId, q.ownerUserId ?? null, q.limit];
  const out: IndustryGroupRow[] = [];
  if (q.groups.length > 0) {
    const { rows } = await db.engine.query<IndustryGroupRow>(
      `
      SELECT grp, id, name, owner_user_id, n FROM (
        SELECT c.industry_group AS grp, c.id, c.name, c.owner_user_id,
          row_number() OVER (PARTITION BY c.industry_group ORDER BY c.name, c.id) AS rn,
          count(*) OVER (PARTITION BY c.industry_group)::int AS n
        FROM clients c
        WHERE ${inScope} AND c.industry_group = ANY($4::text[])
      ) x WHERE rn <= $3
      ORDER BY grp, name, id`,
      [...params, q.groups],
    );
    out.push(...rows);
  }
  if (q.everyone) {
    const { rows } = await db.engine.query<IndustryGroupRow>(
      `
      SELECT '*' AS grp, c.id, c.name, c.owner_user_id, (SELECT count(*) FROM clients c WHERE ${inScope})::int AS n
      FROM clients c WHERE ${inScope}
      ORDER BY c.name, c.id LIMIT $3`,
      params,
    );
    out.push(...rows);
  }
  return out;
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
    SELECT c.id, c.name, c.owner_user_id, c.industry_group AS industry FROM clients c
    WHERE c.org_id = $1 AND ${LIVE} AND c.industry_group = ANY($2::text[])
    ORDER BY c.id`,
    [orgId, industries],
  );
  return rows;
}
