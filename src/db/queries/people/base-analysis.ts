import { baseAnalysisQuestions, type BaseAnalysisQuestion } from '../../../core/people/base-analysis.js';
import type { Database } from '../../database.js';
import type { Word } from '../../schema/columns.js';
import type { significances } from '../../../core/vocabulary.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';

export type BaseAnalysisFilter = {
  orgId: number;
  /** Significances to keep; 'none' keeps the clients without one. Empty/undefined keeps all. */
  significances?: string[] | undefined;
  ownerUserId?: number | undefined;
  includeLost?: boolean | undefined;
  /** Only these clients (a manager's own and shared); null/undefined: every client. */
  scope?: ClientScope | null | undefined;
};

export type BaseAnalysisListRow = {
  client_id: number;
  name: string;
  status: string;
  significance: Word<typeof significances> | null;
  owner_user_id: number | null;
  owner_name: string | null;
  revenue: number | null;
  profit: number | null;
  contacts: number;
} & Record<BaseAnalysisQuestion, boolean>;

/**
 * The answers of the base analysis (docs/analytics.md §19) for every client the filter selects, set-based over the
 * contacts (one pass: per-contact facts → per-client aggregates → one boolean per question). The rules
 * are core/people/base-analysis.ts#baseAnalysis, row for row; a test holds the two to each other.
 * Parameters: $1 org, $2 include lost, $3 significances (text[] or null), $4 owner (or null).
 */
const answersCte = (f: BaseAnalysisFilter) => `
  cl AS (
    SELECT c.id, c.name, c.status, c.significance, c.owner_user_id FROM clients c
    WHERE c.org_id = $1 AND ($2::boolean OR c.status <> 'lost')
      -- Plain "= ANY" (not coalesce(…)) so the planner estimates the share of clients and hash-joins their people.
      AND ($3::text[] IS NULL OR c.significance = ANY ($3::text[]) OR (c.significance IS NULL AND 'none' = ANY ($3::text[])))
      AND ($4::bigint IS NULL OR c.owner_user_id = $4::bigint)
      ${f.scope ? `AND ${inClientScopeText(f.scope, 'c.id')}` : ''}
  ),
  -- Joins to the sets of people with a boss, a family, a date (hash joins), not a subquery per person:
  -- measured at 100k clients, 1.2 s → see bench/people.ts. A person has at most one boss (unique index).
  family AS (SELECT DISTINCT contact_id FROM family_members WHERE org_id = $1),
  dated AS (SELECT DISTINCT contact_id FROM useful_dates WHERE org_id = $1 AND contact_id IS NOT NULL),
  person AS (
    SELECT p.client_id, p.decision_roles, p.attitude, p.is_key_figure,
           (boss.from_contact_id IS NOT NULL) AS has_boss,
           (p.personal_traits IS NOT NULL OR p.professional_traits IS NOT NULL) AS has_traits,
           (family.contact_id IS NOT NULL) AS has_family,
           (p.birthday IS NOT NULL OR dated.contact_id IS NOT NULL) AS has_dates,
           (p.congratulation_preferences IS NOT NULL) AS has_preferences,
           (p.decision_roles && ARRAY['decision_maker', 'payment_decider']::text[]) AS decider
    FROM contacts p
    JOIN cl ON cl.id = p.client_id
    LEFT JOIN contact_links boss ON boss.org_id = p.org_id AND boss.from_contact_id = p.id AND boss.kind = 'reports_to'
    LEFT JOIN family ON family.contact_id = p.id
    LEFT JOIN dated ON dated.contact_id = p.id
    WHERE p.org_id = $1
  ),
  per AS (
    SELECT client_id, count(*) AS contacts,
           bool_or('first_contact' = ANY (decision_roles)) AS first_contact,
           bool_or('decision_maker' = ANY (decision_roles)) AS decision_maker,
           bool_or('influencer' = ANY (decision_roles)) AS purchase_influencer,
           bool_or('technical' = ANY (decision_roles)) AS technical,
           bool_or('payment_decider' = ANY (decision_roles)) AS payment_decider,
           bool_or('payment_influencer' = ANY (decision_roles)) AS payment_influencer,
           count(*) FILTER (WHERE NOT has_boss) AS without_boss,
           count(*) FILTER (WHERE decider) AS deciders,
           count(*) FILTER (WHERE decider AND attitude IS NULL) AS deciders_unknown,
           count(*) FILTER (WHERE is_key_figure) AS key_figures,
           count(*) FILTER (WHERE is_key_figure AND NOT has_traits) AS kf_no_traits,
           count(*) FILTER (WHERE is_key_figure AND NOT has_family) AS kf_no_family,
           count(*) FILTER (WHERE is_key_figure AND NOT has_dates) AS kf_no_dates,
           count(*) FILTER (WHERE is_key_figure AND NOT has_preferences) AS kf_no_preferences
    FROM person GROUP BY client_id
  ),
  answers AS (
    SELECT cl.id AS client_id, cl.name, cl.status, cl.significance, cl.owner_user_id, coalesce(per.contacts, 0) AS contacts,
           coalesce(per.first_contact, false) AS first_contact,
           coalesce(per.contacts, 0) >= 2 AS other_contacts,
           coalesce(per.decision_maker, false) AS decision_maker,
           coalesce(per.purchase_influencer, false) AS purchase_influencer,
           coalesce(per.technical, false) AS technical,
           coalesce(per.payment_decider, false) AS payment_decider,
           coalesce(per.payment_influencer, false) AS payment_influencer,
           coalesce(per.contacts >= 2 AND per.without_boss <= 1, false) AS reporting_lines,
           coalesce(per.deciders > 0 AND per.deciders_unknown = 0, false) AS decider_attitudes,
           coalesce(per.key_figures > 0, false) AS key_figures,
           coalesce(per.key_figures > 0 AND per.kf_no_traits = 0, false) AS key_figure_traits,
           coalesce(per.key_figures > 0 AND per.kf_no_family = 0, false) AS key_figure_family,
           coalesce(per.key_figures > 0 AND per.kf_no_dates = 0, false) AS key_figure_dates,
           coalesce(per.key_figures > 0 AND per.kf_no_preferences = 0, false) AS key_figure_approach
    FROM cl LEFT JOIN per ON per.client_id = cl.id
  )`;

const params = (f: BaseAnalysisFilter) => [
  f.orgId,
  f.includeLost ?? false,
  f.significances?.length ? `{${f.significances.join(',')}}` : null,
  f.ownerUserId ?? null,
];

const answeredCount = baseAnalysisQuestions.map((q) => `a.${q}::int`).join(' + ');
/** Most important first: significance key → minor → none, then profit after cost to serve, then name. */
const sorts: Record<string, string> = {
  importance: `CASE a.significance WHEN 'key' THEN 0 WHEN 'major' THEN 1 WHEN 'medium' THEN 2 WHEN 'minor' THEN 3 ELSE 4 END, f.profit DESC NULLS LAST, a.name`,
  name: 'a.name',
  profit: 'f.profit NULLS FIRST',
  '-profit': 'f.profit DESC NULLS LAST',
  revenue: 'f.revenue NULLS FIRST',
  '-revenue': 'f.revenue DESC NULLS LAST',
  answered: `(${answeredCount}), a.name`,
  '-answered': `(${answeredCount}) DESC, a.name`,
};
export const baseAnalysisSorts = Object.keys(sorts);

/**
 * A page of clients with their answers (those missing `missing` only, when given), sorted as asked;
 * revenue and profit come from the stored per-client figures (client_figures), never from order lines.
 */
export async function findBaseAnalysis(
  db: Database,
  filter: BaseAnalysisFilter & {
    missing?: BaseAnalysisQuestion | undefined;
    sort?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: BaseAnalysisListRow[]; total: number }> {
  if (filter.missing && !(baseAnalysisQuestions as readonly string[]).includes(filter.missing))
    throw new RangeError(`unknown question ${filter.missing}`);
  const order =
    (filter.sort && Object.hasOwn(sorts, filter.sort) ? sorts[filter.sort] : undefined) ?? sorts.importance!; // not "constructor" of Object
  const { rows } = await db.engine.query<BaseAnalysisListRow & { total: number }>(
    `
    WITH ${answersCte(filter)}
    SELECT a.*, u.name AS owner_name, f.revenue, f.profit, count(*) OVER () AS total
    FROM answers a
    LEFT JOIN client_figures f ON f.org_id = $1 AND f.client_id = a.client_id
    LEFT JOIN users u ON u.org_id = $1 AND u.id = a.owner_user_id
    ${filter.missing ? `WHERE NOT a.${filter.missing}` : ''}
    ORDER BY ${order}, a.client_id
    LIMIT $5 OFFSET $6`,
    [...params(filter), filter.limit, filter.offset],
  );
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && filter.offset > 0) {
    // Past the last page: the count still answers.
    const { rows: n } = await db.engine.query<{ n: number }>(
      `WITH ${answersCte(filter)} SELECT count(*) AS n FROM answers a ${filter.missing ? `WHERE NOT a.${filter.missing}` : ''}`,
      params(filter),
    );
    total = Number(n[0]?.n ?? 0);
  }
  return { rows: rows.map(({ total: _t, ...r }) => r), total };
}

/** Over the clients the filter selects: how many there are and how many miss each question. */
export async function baseAnalysisSummary(
  db: Database,
  filter: BaseAnalysisFilter,
): Promise<{ clients: number; missing: Record<BaseAnalysisQuestion, number> }> {
  const { rows } = await db.engine.query<Record<string, number>>(
    `
    WITH ${answersCte(filter)}
    SELECT count(*) AS clients, ${baseAnalysisQuestions.map((q) => `count(*) FILTER (WHERE NOT a.${q}) AS ${q}`).join(', ')}
    FROM answers a`,
    params(filter),
  );
  const r = rows[0] ?? {};
  return {
    clients: Number(r.clients ?? 0),
    missing: Object.fromEntries(baseAnalysisQuestions.map((q) => [q, Number(r[q] ?? 0)])) as Record<
      BaseAnalysisQuestion,
      number
    >,
  };
}
