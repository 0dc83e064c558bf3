import { sql, type SQL } from 'drizzle-orm';
import { baseAnalysisQuestions, type BaseAnalysisQuestion } from '../../../core/people/base-analysis.js';
import type { Database } from '../../database.js';
import type { Word } from '../../schema/columns.js';
import { significances, type clientStatuses } from '../../../core/vocabulary.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';
import { clientFilter, upkeepOptions, type Scope } from '../analytics/scope.js';
import { runSql } from '../sql.js';

// The base analysis across the base (docs/analytics.md §19) is read from client_base_analysis: one row
// per client with the questions its people leave unanswered (a bit mask, bit i = baseAnalysisQuestions[i])
// and the client's name, significance, status, owner and figures beside them. The row is derived: the
// statement below computes it from the contacts, their links, family and dates, the client and its
// figures, for the clients a write touched or for all of them (a rebuild), so upkeep and rebuild
// cannot drift; the pages then read an index, never the contacts.

/** The bit of a question in `missing`. */
export const questionBit = (q: BaseAnalysisQuestion): number => 1 << baseAnalysisQuestions.indexOf(q);

/** The questions a mask leaves unanswered (bits set) and answered, in the order of baseAnalysisQuestions. */
export function answersOfMask(missing: number): { answered: BaseAnalysisQuestion[]; missing: BaseAnalysisQuestion[] } {
  return {
    answered: baseAnalysisQuestions.filter((q) => (missing & questionBit(q)) === 0),
    missing: baseAnalysisQuestions.filter((q) => (missing & questionBit(q)) !== 0),
  };
}

/**
 * Each client's answers, set-based over its contacts (one pass: per-contact facts → per-client
 * aggregates → one boolean per question → the mask). The rules are core/people/base-analysis.ts#baseAnalysis,
 * row for row; a test holds the two to each other. Boss, family and dates are joined as sets restricted
 * to the scope's people, so a write of one client probes indexes and a rebuild hash-joins.
 */
export function baseAnalysisSelect(scope: Scope): SQL {
  const org = sql`${scope.orgId}::bigint`;
  const answers: Record<BaseAnalysisQuestion, string> = {
    first_contact: 'coalesce(per.first_contact, false)',
    other_contacts: 'coalesce(per.contacts, 0) >= 2',
    decision_maker: 'coalesce(per.decision_maker, false)',
    purchase_influencer: 'coalesce(per.purchase_influencer, false)',
    technical: 'coalesce(per.technical, false)',
    payment_decider: 'coalesce(per.payment_decider, false)',
    payment_influencer: 'coalesce(per.payment_influencer, false)',
    reporting_lines: 'coalesce(per.contacts >= 2 AND per.without_boss <= 1, false)',
    decider_attitudes: 'coalesce(per.deciders > 0 AND per.deciders_unknown = 0, false)',
    key_figures: 'coalesce(per.key_figures > 0, false)',
    key_figure_traits: 'coalesce(per.key_figures > 0 AND per.kf_no_traits = 0, false)',
    key_figure_family: 'coalesce(per.key_figures > 0 AND per.kf_no_family = 0, false)',
    key_figure_dates: 'coalesce(per.key_figures > 0 AND per.kf_no_dates = 0, false)',
    key_figure_approach: 'coalesce(per.key_figures > 0 AND per.kf_no_preferences = 0, false)',
  };
  const mask = baseAnalysisQuestions
    .map((q) => `CASE WHEN ${answers[q]} THEN 0 ELSE ${questionBit(q)} END`)
    .join(' + ');
  const answered = baseAnalysisQuestions.map((q) => `(${answers[q]})::int`).join(' + ');
  return sql`
    WITH cl AS (
      SELECT c.id, c.name, c.significance, c.status, c.owner_user_id FROM clients c
      WHERE c.org_id = ${org} ${clientFilter(scope, 'c.id')}
    ),
    people AS (
      SELECT p.id, p.client_id, p.decision_roles, p.attitude, p.is_key_figure,
             (p.personal_traits IS NOT NULL OR p.professional_traits IS NOT NULL) AS has_traits,
             p.birthday IS NOT NULL AS has_birthday,
             (p.congratulation_preferences IS NOT NULL) AS has_preferences,
             (p.decision_roles && ARRAY['decision_maker', 'payment_decider']::text[]) AS decider
      FROM contacts p WHERE p.org_id = ${org} AND p.client_id IN (SELECT id FROM cl)
    ),
    -- A person has at most one boss (unique index); family and dates are looked up by person.
    boss AS (
      SELECT b.from_contact_id AS id FROM contact_links b
      WHERE b.org_id = ${org} AND b.kind = 'reports_to' AND b.from_contact_id IN (SELECT id FROM people)
    ),
    family AS (
      SELECT DISTINCT f.contact_id AS id FROM family_members f WHERE f.org_id = ${org} AND f.contact_id IN (SELECT id FROM people)
    ),
    dated AS (
      SELECT DISTINCT u.contact_id AS id FROM useful_dates u WHERE u.org_id = ${org} AND u.contact_id IN (SELECT id FROM people)
    ),
    person AS (
      SELECT p.*, boss.id IS NOT NULL AS has_boss, family.id IS NOT NULL AS has_family,
             (p.has_birthday OR dated.id IS NOT NULL) AS has_dates
      FROM people p
      LEFT JOIN boss ON boss.id = p.id
      LEFT JOIN family ON family.id = p.id
      LEFT JOIN dated ON dated.id = p.id
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
    )
    SELECT cl.id AS client_id, cl.name, cl.significance, cl.status, cl.owner_user_id, f.revenue, f.profit,
           coalesce(per.contacts, 0)::int AS contacts, (${sql.raw(mask)})::int AS missing, (${sql.raw(answered)})::smallint AS answered
    FROM cl
    LEFT JOIN per ON per.client_id = cl.id
    LEFT JOIN client_figures f ON f.org_id = ${org} AND f.client_id = cl.id`;
}

const stored = [
  'name',
  'significance',
  'status',
  'owner_user_id',
  'revenue',
  'profit',
  'contacts',
  'missing',
  'answered',
];

/**
 * Recomputes the base analysis of the scope's clients (all of the organisation's without ids or a
 * range) into client_base_analysis, inside the caller's transaction. Rows that did not change are
 * left alone; a deleted client's row went with it (foreign key). The rows are locked first, so two
 * writes of one client's people cannot each store an answer that misses the other's.
 */
export async function refreshBaseAnalysis(db: Database, scope: Scope): Promise<void> {
  if (scope.clientIds?.length === 0) return;
  // A write's few clients: prepared once, one plan of index probes for any of them (at 100,000 clients
  // 1.3 ms a client instead of 2.7 ms planned each time). Many clients (an import) are planned for their number.
  const options = (scope.clientIds?.length ?? Infinity) <= 50 ? upkeepOptions(scope, 'generic') : undefined;
  await db.engine.transaction(async () => {
    await runSql(
      db,
      sql`SELECT client_id FROM client_base_analysis WHERE org_id = ${scope.orgId}::bigint ${clientFilter(scope, 'client_id')}
        ORDER BY client_id FOR UPDATE`,
      options,
    );
    const columns = sql.raw(stored.join(', '));
    await runSql(
      db,
      sql`
      INSERT INTO client_base_analysis AS a (org_id, client_id, ${columns})
      SELECT ${scope.orgId}::bigint, client_id, ${columns} FROM (${baseAnalysisSelect(scope)}) x
      ON CONFLICT (org_id, client_id) DO UPDATE SET ${sql.raw(stored.map((c) => `${c} = EXCLUDED.${c}`).join(', '))}
      WHERE (${sql.raw(stored.map((c) => `a.${c}`).join(', '))}) IS DISTINCT FROM (${sql.raw(stored.map((c) => `EXCLUDED.${c}`).join(', '))})`,
      options,
    );
  });
}

/** refreshBaseAnalysis for the clients of these contacts (a family member or useful date was written). */
export async function refreshBaseAnalysisOfContacts(
  db: Database,
  orgId: number,
  contactIds: readonly (number | null | undefined)[],
): Promise<void> {
  const ids = [...new Set(contactIds.filter((id): id is number => typeof id === 'number'))];
  if (ids.length === 0) return;
  const { rows } = await db.engine.query<{ client_id: number }>(
    'SELECT DISTINCT client_id FROM contacts WHERE org_id = $1 AND id = ANY($2::bigint[])',
    [orgId, ids.map(String)],
  );
  await refreshBaseAnalysis(db, { orgId, clientIds: rows.map((r) => Number(r.client_id)) });
}

/**
 * Copies the scope's revenue and profit from client_figures after they were written (a write of an
 * order, payment or interaction, a refresh of the figures), leaving the rest of each row as it is.
 */
export async function keepBaseAnalysisFigures(db: Database, scope: Scope): Promise<void> {
  if (scope.clientIds?.length === 0) return;
  await runSql(
    db,
    sql`
    UPDATE client_base_analysis a SET revenue = f.revenue, profit = f.profit
    FROM client_figures f
    WHERE a.org_id = ${scope.orgId}::bigint ${clientFilter(scope, 'a.client_id')}
      AND f.org_id = a.org_id AND f.client_id = a.client_id
      AND (a.revenue, a.profit) IS DISTINCT FROM (f.revenue, f.profit)`,
  );
}

// ---- the page ------------------------------------------------------------------------------------

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
  status: Word<typeof clientStatuses>;
  significance: Word<typeof significances> | null;
  owner_user_id: number | null;
  owner_name: string | null;
  revenue: number | null;
  profit: number | null;
  contacts: number;
  missing: number;
};

/** Significance key → 0 … minor → 3, none → 4: the stored `importance`. */
const importanceOf = (significance: string): number => {
  const i = (significances as readonly string[]).indexOf(significance);
  return i < 0 ? significances.length : i;
};

/**
 * The filter as conditions on `a` (client_base_analysis). The significances become a range of
 * `importance` (and the ranks inside it that are not wanted), so the ordered index keeps its order.
 */
function where(f: BaseAnalysisFilter): SQL {
  const parts: SQL[] = [sql`a.org_id = ${f.orgId}::bigint`];
  if (!f.includeLost) parts.push(sql`NOT a.lost`);
  if (f.significances?.length) {
    const ranks = [...new Set(f.significances.map(importanceOf))].sort((x, y) => x - y);
    const lo = ranks[0]!;
    const hi = ranks[ranks.length - 1]!;
    parts.push(sql`a.importance BETWEEN ${sql.raw(String(lo))} AND ${sql.raw(String(hi))}`);
    const skipped = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i).filter((r) => !ranks.includes(r));
    if (skipped.length) parts.push(sql.raw(`a.importance <> ALL ('{${skipped.join(',')}}'::smallint[])`));
  }
  if (f.ownerUserId !== undefined) parts.push(sql`a.owner_user_id = ${f.ownerUserId}::bigint`);
  if (f.scope) parts.push(sql.raw(inClientScopeText(f.scope, 'a.client_id')));
  return sql.join(parts, sql` AND `);
}

/** Most important first: significance key → minor → none, then profit after cost to serve, then name. */
const sorts: Record<string, string> = {
  importance: 'a.importance, a.profit DESC NULLS LAST, a.name',
  name: 'a.name',
  profit: 'a.profit NULLS FIRST',
  '-profit': 'a.profit DESC NULLS LAST',
  revenue: 'a.revenue NULLS FIRST',
  '-revenue': 'a.revenue DESC NULLS LAST',
  answered: 'a.answered, a.name',
  '-answered': 'a.answered DESC, a.name',
};
export const baseAnalysisSorts = Object.keys(sorts);

/**
 * A page of clients with their answers (those missing `missing` only, when given), sorted as asked;
 * revenue and profit are the stored per-client figures (client_figures), never from order lines.
 * How many there are is the summary's count (`baseAnalysisSummary`).
 */
export async function findBaseAnalysis(
  db: Database,
  filter: BaseAnalysisFilter & {
    missing?: BaseAnalysisQuestion | undefined;
    sort?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<BaseAnalysisListRow[]> {
  if (filter.missing && !(baseAnalysisQuestions as readonly string[]).includes(filter.missing))
    throw new RangeError(`unknown question ${filter.missing}`);
  const order =
    (filter.sort && Object.hasOwn(sorts, filter.sort) ? sorts[filter.sort] : undefined) ?? sorts.importance!; // not "constructor" of Object
  const missing = filter.missing ? sql` AND (a.missing & ${sql.raw(String(questionBit(filter.missing)))}) <> 0` : sql``;
  // The page first, then its owners' names: the sort never carries the join.
  const { rows } = await runSql<BaseAnalysisListRow>(
    db,
    sql`
    SELECT a.client_id, a.name, a.status, a.significance, a.owner_user_id, u.name AS owner_name, a.revenue, a.profit,
           a.contacts, a.missing
    FROM (
      SELECT a.* FROM client_base_analysis a
      WHERE ${where(filter)}${missing}
      ORDER BY ${sql.raw(order)}, a.client_id
      LIMIT ${filter.limit} OFFSET ${filter.offset}
    ) a
    LEFT JOIN users u ON u.org_id = a.org_id AND u.id = a.owner_user_id
    ORDER BY ${sql.raw(order)}, a.client_id`,
  );
  return rows;
}

/**
 * Over the clients the filter selects: how many there are and how many miss each question, from the
 * count of clients per mask of unanswered questions (an index-only scan).
 */
export async function baseAnalysisSummary(
  db: Database,
  filter: BaseAnalysisFilter,
): Promise<{ clients: number; missing: Record<BaseAnalysisQuestion, number> }> {
  const { rows } = await runSql<{ missing: number; n: number }>(
    db,
    sql`SELECT a.missing, count(*) AS n FROM client_base_analysis a WHERE ${where(filter)} GROUP BY a.missing`,
  );
  const missing = Object.fromEntries(baseAnalysisQuestions.map((q) => [q, 0])) as Record<BaseAnalysisQuestion, number>;
  let clients = 0;
  for (const r of rows) {
    const n = Number(r.n);
    clients += n;
    for (const q of baseAnalysisQuestions) if (Number(r.missing) & questionBit(q)) missing[q] += n;
  }
  return { clients, missing };
}
