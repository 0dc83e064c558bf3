import { sql, type SQL } from 'drizzle-orm';
import { addMonths, monthOf, wholeMonthsOf } from '../../../core/analytics/period.js';
import {
  closedClaimStatuses,
  medianOfCounts,
  openClaimStatuses,
  type ClaimCategory,
} from '../../../core/claims/claims.js';
import type { Database } from '../../database.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';
import { refreshMonthTallies, withinPeriods } from '../month-tallies.js';
import { runSql } from '../sql.js';

// The claims summary (docs/analytics.md §17) adds up tallies per month and facet (claim_months): the
// claims received in a month by status, type and category, the closed ones by their days to resolve,
// and the claims closed in a month. The organisation's whole months are stored, kept by every write of
// a claim; the days of a period outside whole months, and any summary of one client or of a
// manager's clients, are tallied from the claims by the same statement.

const words = (list: readonly string[]) => sql.raw(`(${list.map((s) => `'${s}'`).join(', ')})`);
const CLOSED = words(closedClaimStatuses);
const OPEN = words(openClaimStatuses);

type Facet = 'status' | 'type' | 'category' | 'days' | 'resolved';
type TallyRow = {
  month: string;
  facet: Facet;
  key: string;
  claims: number;
  closed: number;
  timed: number;
  days: number;
};

/**
 * The tallies per month of the claims `where` selects (conditions on `c`, the claims): facets
 * 'status', 'type', 'category' (key: the claim's) and 'days' (key: whole days from receipt to
 * resolution, closed claims only) over the claims whose `received_on` satisfies `received`;
 * 'resolved' (key '') over the closed claims whose `resolved_on` satisfies `resolved`. Per row: claims,
 * of them closed, of those the ones with a resolution date (timed) and their days summed.
 */
function tallySelect(orgId: number, where: SQL, received: SQL, resolved: SQL): SQL {
  return sql`
    SELECT month, CASE WHEN GROUPING(status) = 0 THEN 'status' WHEN GROUPING(type) = 0 THEN 'type'
                       WHEN GROUPING(category) = 0 THEN 'category' ELSE 'days' END AS facet,
           coalesce(status, type, category, days::text) AS key,
           count(*)::int AS claims, count(*) FILTER (WHERE closed)::int AS closed,
           count(days)::int AS timed, coalesce(sum(days), 0)::bigint AS days
    FROM (
      SELECT date_trunc('month', c.received_on)::date AS month, c.status, c.type, c.category, c.status IN ${CLOSED} AS closed,
             CASE WHEN c.status IN ${CLOSED} THEN c.resolved_on - c.received_on END AS days
      FROM claims c WHERE c.org_id = ${orgId}::bigint AND ${where} AND ${received}
    ) r
    GROUP BY GROUPING SETS ((month, status), (month, type), (month, category), (month, days))
    HAVING GROUPING(days) = 1 OR days IS NOT NULL
    UNION ALL
    SELECT date_trunc('month', c.resolved_on)::date, 'resolved', '', count(*)::int, count(*)::int, 0, 0::bigint
    FROM claims c WHERE c.org_id = ${orgId}::bigint AND ${where} AND c.status IN ${CLOSED} AND ${resolved}
    GROUP BY 1`;
}

/**
 * Recomputes the organisation's stored tallies of the given months (first days; every month without),
 * inside the caller's transaction. A write of a claim passes the months of its receipt and resolution,
 * before and after.
 */
export function refreshClaimMonths(db: Database, orgId: number, months?: readonly string[]): Promise<void> {
  return refreshMonthTallies(
    db,
    'claim_months',
    orgId,
    months,
    ['facet', 'key', 'claims', 'closed', 'timed', 'days'],
    (inMonths) => tallySelect(orgId, sql`true`, inMonths('c.received_on'), inMonths('c.resolved_on')),
  );
}

/** The months (first days) a claim counts in: those of its receipt and of its resolution. */
export const claimMonthsOf = (...claims: ({ receivedOn: string; resolvedOn: string | null } | undefined)[]): string[] =>
  claims.flatMap((c) => (c ? [c.receivedOn, c.resolvedOn].filter((d): d is string => d !== null).map(monthOf) : []));

/** The months the claims of some clients count in (before the clients are deleted, their claims with them). */
export async function claimMonthsOfClients(
  db: Database,
  orgId: number,
  clientIds: readonly number[],
): Promise<string[]> {
  const { rows } = await db.engine.query<{ month: string }>(
    `SELECT DISTINCT date_trunc('month', d)::date::text AS month
     FROM claims c CROSS JOIN LATERAL (VALUES (c.received_on), (c.resolved_on)) v(d)
     WHERE c.org_id = $1 AND c.client_id = ANY($2::bigint[]) AND d IS NOT NULL`,
    [orgId, clientIds.map(String)],
  );
  return rows.map((r) => r.month);
}

/**
 * The ids of the `limit` claims overdue longest (open, due before today; the earliest due first, then
 * by id) of one client or all, through the index on status and due day: the summary's "oldest overdue".
 */
export async function oldestOverdueClaimIds(
  db: Database,
  s: { orgId: number; clientId: number | null; today: string; scope?: ClientScope | null },
  limit: number,
): Promise<number[]> {
  const { rows } = await runSql<{ id: number }>(
    db,
    sql`SELECT c.id FROM claims c
        WHERE c.org_id = ${s.orgId}::bigint AND c.status IN ${OPEN} AND c.due_on < ${s.today}::date
          ${s.clientId !== null ? sql`AND c.client_id = ${s.clientId}::bigint` : sql``}
          ${s.scope ? sql.raw(`AND ${inClientScopeText(s.scope, 'c.client_id')}`) : sql``}
        ORDER BY c.due_on, c.id LIMIT ${Math.trunc(limit)}`,
  );
  return rows.map((r) => Number(r.id));
}

export type ClaimSummaryRows = {
  received: number;
  closed: number;
  averageDays: number | null;
  medianDays: number | null;
  byStatus: Record<string, number>;
  byType: Record<string, number>;
  categories: { category: ClaimCategory; count: number; averageDays: number | null; open: number }[];
  openNow: number;
  overdue: number;
  months: { month: string; received: number; resolved: number }[];
};

const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
const mean = (days: number, timed: number): number | null => (timed > 0 ? days / timed : null);

/**
 * The claims received in [from, to] (of one client or all): how many, by status now and by type, by
 * category with each one's open count and mean days to resolve; mean and median days to resolve
 * (resolved_on − received_on, over those resolved or rejected); open and overdue claims today,
 * whenever received; per month of the period, claims received and claims closed (by resolved_on).
 * Across the organisation the whole months come from claim_months and only the days around them from
 * the claims; for one client or a manager's clients everything is tallied from their claims.
 */
export async function claimSummaryRows(
  db: Database,
  s: { orgId: number; clientId: number | null; from: string; to: string; today: string; scope?: ClientScope | null },
): Promise<ClaimSummaryRows> {
  const where = sql.join(
    [
      sql`true`,
      ...(s.clientId !== null ? [sql`c.client_id = ${s.clientId}::bigint`] : []),
      ...(s.scope ? [sql.raw(inClientScopeText(s.scope, 'c.client_id'))] : []),
    ],
    sql` AND `,
  );
  const wholeOrg = s.clientId === null && !s.scope;
  const split = wholeOrg ? wholeMonthsOf(s.from, s.to) : { months: null, partial: [{ from: s.from, to: s.to }] };
  const stored = split.months
    ? sql`SELECT month, facet, key, claims, closed, timed, days FROM claim_months
          WHERE org_id = ${s.orgId}::bigint AND month BETWEEN ${split.months.from}::date AND ${split.months.to}::date
          UNION ALL `
    : sql``;
  const { rows } = await runSql<TallyRow & { by_month: number }>(
    db,
    sql`
    WITH t AS (${stored}${tallySelect(s.orgId, where, withinPeriods('c.received_on', split.partial), withinPeriods('c.resolved_on', split.partial))})
    SELECT CASE WHEN GROUPING(key) = 1 THEN 1 ELSE 0 END AS by_month, to_char(month, 'YYYY-MM') AS month, facet, key,
           sum(claims)::int AS claims, sum(closed)::int AS closed, sum(timed)::int AS timed, sum(days)::bigint AS days
    FROM t GROUP BY GROUPING SETS ((facet, key), (facet, month))`,
  );
  const {
    rows: [now],
  } = await runSql<{ open_now: number; overdue: number }>(
    db,
    sql`SELECT count(*) AS open_now, count(*) FILTER (WHERE c.due_on < ${s.today}::date) AS overdue
        FROM claims c WHERE c.org_id = ${s.orgId}::bigint AND ${where} AND c.status IN ${OPEN}`,
  );

  const facet = (f: Facet) => rows.filter((r) => Number(r.by_month) === 0 && r.facet === f);
  const statuses = facet('status');
  const sum = (list: TallyRow[], k: 'claims' | 'closed' | 'timed' | 'days') =>
    list.reduce((t, r) => t + Number(r[k]), 0);
  const monthly = new Map<string, { received: number; resolved: number }>();
  for (const r of rows) {
    if (Number(r.by_month) !== 1 || (r.facet !== 'status' && r.facet !== 'resolved')) continue;
    const m = monthly.get(r.month) ?? { received: 0, resolved: 0 };
    if (r.facet === 'status') m.received += Number(r.claims);
    else m.resolved += Number(r.claims);
    monthly.set(r.month, m);
  }
  const months: ClaimSummaryRows['months'] = [];
  for (let m = monthOf(s.from); m <= s.to; m = addMonths(m, 1)) {
    const key = m.slice(0, 7);
    months.push({ month: key, ...(monthly.get(key) ?? { received: 0, resolved: 0 }) });
  }
  return {
    received: sum(statuses, 'claims'),
    closed: sum(statuses, 'closed'),
    averageDays: round1(mean(sum(statuses, 'days'), sum(statuses, 'timed'))),
    medianDays: round1(medianOfCounts(facet('days').map((r) => [Number(r.key), Number(r.claims)] as const))),
    byStatus: Object.fromEntries(statuses.map((r) => [r.key, Number(r.claims)])),
    byType: Object.fromEntries(facet('type').map((r) => [r.key, Number(r.claims)])),
    categories: facet('category')
      .map((r) => ({
        category: r.key as ClaimCategory,
        count: Number(r.claims),
        averageDays: round1(mean(Number(r.days), Number(r.timed))),
        open: Number(r.claims) - Number(r.closed),
      }))
      .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0)),
    openNow: Number(now!.open_now),
    overdue: Number(now!.overdue),
    months,
  };
}
