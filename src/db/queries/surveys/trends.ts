import { sql, type SQL } from 'drizzle-orm';
import { wholeMonthsOf } from '../../../core/analytics/period.js';
import { surveyDimensions, type SurveyGrain } from '../../../core/surveys/satisfaction.js';
import type { Database } from '../../database.js';
import type { Word } from '../../schema/columns.js';
import type { surveyChannels } from '../../../core/vocabulary.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';
import { refreshMonthTallies, withinPeriods } from '../month-tallies.js';
import { runSql } from '../sql.js';

// Set-based aggregation of survey answers (docs/analytics.md §16). The database sums and counts (per
// month, per client); the averages and the NPS are taken from those tallies by the pure rules of
// core/surveys, which the tests also run on the same hand-made data. The organisation's tallies of whole
// months are stored (survey_months, kept by every write of a response); the days of a period outside
// whole months, and the trends of one client or of a manager's clients, are tallied from the responses
// by the same statement.

/** Sums and counts per dimension and the NPS classes of a group of responses. */
export type TallyRow = {
  responses: number;
  sums: Record<string, number>;
  counts: Record<string, number>;
  npsRespondents: number;
  promoters: number;
  passives: number;
  detractors: number;
};

/** The tally columns of survey_months, in the names tallyOf reads. */
const STORED_COLUMNS = [
  'responses',
  ...surveyDimensions.flatMap((d) => [`sum_${d}`, `n_${d}`]),
  'nps_respondents',
  'promoters',
  'passives',
  'detractors',
];

const TALLY_COLUMNS = [
  'count(r.id) AS responses',
  ...surveyDimensions.flatMap((d) => [`coalesce(sum(r.${d}), 0) AS sum_${d}`, `count(r.${d}) AS n_${d}`]),
  'count(r.nps) AS nps_respondents',
  'count(*) FILTER (WHERE r.nps >= 9) AS promoters',
  'count(*) FILTER (WHERE r.nps BETWEEN 7 AND 8) AS passives',
  'count(*) FILTER (WHERE r.nps <= 6) AS detractors',
].join(', ');

function tallyOf(row: Record<string, unknown>): TallyRow {
  return {
    responses: Number(row.responses),
    sums: Object.fromEntries(surveyDimensions.map((d) => [d, Number(row[`sum_${d}`])])),
    counts: Object.fromEntries(surveyDimensions.map((d) => [d, Number(row[`n_${d}`])])),
    npsRespondents: Number(row.nps_respondents),
    promoters: Number(row.promoters),
    passives: Number(row.passives),
    detractors: Number(row.detractors),
  };
}

export type TrendScope = {
  orgId: number;
  from: string;
  to: string;
  clientId?: number | undefined;
  clients?: ClientScope | null | undefined;
};

/** The scope's responses (of one client, or a manager's clients) as conditions on `r`, the range aside. */
function whoSql(s: TrendScope): SQL {
  const parts: SQL[] = [sql`r.org_id = ${s.orgId}::bigint`];
  if (s.clientId !== undefined) parts.push(sql`r.client_id = ${s.clientId}::bigint`);
  if (s.clients) parts.push(sql.raw(inClientScopeText(s.clients, 'r.client_id')));
  return sql.join(parts, sql` AND `);
}

/** The scope's responses answered in its range. */
const scopeSql = (s: TrendScope): SQL => sql`${whoSql(s)} AND r.answered_on BETWEEN ${s.from}::date AND ${s.to}::date`;

/** The tallies per month (first day) of the responses `where` selects (conditions on `r`). */
function monthTallySelect(where: SQL): SQL {
  return sql`
    SELECT date_trunc('month', r.answered_on)::date AS month, ${sql.raw(TALLY_COLUMNS)}
    FROM survey_responses r WHERE ${where}
    GROUP BY 1`;
}

/**
 * Recomputes the organisation's stored tallies of the given months (first days; every month without),
 * inside the caller's transaction: a response written or deleted passes the month it was answered in.
 */
export function refreshSurveyMonths(db: Database, orgId: number, months?: readonly string[]): Promise<void> {
  return refreshMonthTallies(db, 'survey_months', orgId, months, STORED_COLUMNS, (inMonths) =>
    monthTallySelect(sql`r.org_id = ${orgId}::bigint AND ${inMonths('r.answered_on')}`),
  );
}

/** The months the responses of some clients were answered in (before the clients are deleted, their responses with them). */
export async function surveyMonthsOfClients(
  db: Database,
  orgId: number,
  clientIds: readonly number[],
): Promise<string[]> {
  const { rows } = await db.engine.query<{ month: string }>(
    `SELECT DISTINCT date_trunc('month', answered_on)::date::text AS month FROM survey_responses
     WHERE org_id = $1 AND client_id = ANY($2::bigint[])`,
    [orgId, clientIds.map(String)],
  );
  return rows.map((r) => r.month);
}

const grains: Record<SurveyGrain, string> = { month: 'month', quarter: 'quarter', year: 'year' };
// PostgreSQL has no '1 quarter' interval.
const steps: Record<SurveyGrain, string> = { month: '1 month', quarter: '3 months', year: '1 year' };

/**
 * One tally per period from the one holding `from` to the one holding `to`; periods without answers
 * included. Across the organisation its whole months are the stored tallies, the days around them are
 * tallied from the responses; for one client or a manager's clients everything is.
 */
export async function surveyTalliesByPeriod(
  db: Database,
  scope: TrendScope,
  grain: SurveyGrain,
): Promise<(TallyRow & { period: string })[]> {
  const g = sql.raw(`'${grains[grain]}'`);
  const wholeOrg = scope.clientId === undefined && !scope.clients;
  const split = wholeOrg ? wholeMonthsOf(scope.from, scope.to) : { months: null, partial: [scope] };
  const stored = split.months
    ? sql`SELECT month, ${sql.raw(STORED_COLUMNS.join(', '))} FROM survey_months
          WHERE org_id = ${scope.orgId}::bigint AND month BETWEEN ${split.months.from}::date AND ${split.months.to}::date
          UNION ALL `
    : sql``;
  const sums = STORED_COLUMNS.map((c) => `coalesce(sum(m.${c}), 0) AS ${c}`).join(', ');
  const { rows } = await runSql<Record<string, unknown>>(
    db,
    sql`
    WITH m AS (${stored}${monthTallySelect(sql`${whoSql(scope)} AND ${withinPeriods('r.answered_on', split.partial)}`)}),
    periods AS (
      SELECT generate_series(date_trunc(${g}, ${scope.from}::date::timestamp), date_trunc(${g}, ${scope.to}::date::timestamp), interval ${sql.raw(`'${steps[grain]}'`)})::date AS period
    )
    SELECT p.period, ${sql.raw(sums)}
    FROM periods p LEFT JOIN m ON date_trunc(${g}, m.month::timestamp)::date = p.period
    GROUP BY p.period
    ORDER BY p.period`,
  );
  return rows.map((row) => ({ period: String(row.period), ...tallyOf(row) }));
}

export type LatestRow = {
  clientId: number;
  clientName: string;
  answeredOn: string;
  channel: Word<typeof surveyChannels>;
  goods: number | null;
  staff: number | null;
  prices: number | null;
  logistics: number | null;
  service: number | null;
  company: number | null;
  nps: number | null;
};

/**
 * Per client its latest response in the scope (the latest answer date, then the latest entered), most
 * recent clients first, `limit` of them. Read from the newest responses backwards (index on the answer
 * date), `n` at a time: every client with a response after the oldest day read has its latest among
 * those read, and ranks before any other client; once `limit` such clients are found the answer is
 * exact, else `n` grows (the whole range at worst).
 */
export async function latestSurveyPerClient(
  db: Database,
  scope: TrendScope,
  limit: number,
  firstLook = Math.max(200, limit * 4),
): Promise<LatestRow[]> {
  let chosen: number[] = [];
  for (let n = firstLook; ; n *= 8) {
    const { rows } = await runSql<{ id: number; client_id: number; answered_on: string }>(
      db,
      sql`SELECT r.id, r.client_id, r.answered_on FROM survey_responses r WHERE ${scopeSql(scope)}
          ORDER BY r.answered_on DESC, r.id DESC LIMIT ${n}`,
    );
    const complete = rows.length < n;
    const bound = complete ? '' : rows[rows.length - 1]!.answered_on;
    const latest = new Map<number, { id: number; answeredOn: string }>();
    for (const r of rows) {
      if (r.answered_on <= bound) break;
      if (!latest.has(Number(r.client_id)))
        latest.set(Number(r.client_id), { id: Number(r.id), answeredOn: r.answered_on });
    }
    if (complete || latest.size >= limit) {
      chosen = [...latest]
        .sort(([a, x], [b, y]) => (x.answeredOn < y.answeredOn ? 1 : x.answeredOn > y.answeredOn ? -1 : a - b))
        .slice(0, Math.trunc(limit))
        .map(([, v]) => v.id);
      break;
    }
  }
  if (chosen.length === 0) return [];
  const { rows } = await runSql<LatestRow>(
    db,
    sql`
    SELECT r.client_id AS "clientId", cl.name AS "clientName", r.answered_on AS "answeredOn", r.channel,
      r.goods, r.staff, r.prices, r.logistics, r.service, r.company, r.nps
    FROM survey_responses r JOIN clients cl ON cl.org_id = r.org_id AND cl.id = r.client_id
    WHERE r.org_id = ${scope.orgId}::bigint AND r.id = ANY(${sql.param(chosen.map(String))}::bigint[])
    ORDER BY "answeredOn" DESC, "clientId"`,
  );
  return rows;
}

/**
 * The clients with the lowest overall satisfaction in the scope: the mean of every dimension score
 * they gave (sum of scores / number of scores), lowest first; clients who gave only NPS answers are
 * left out. Ties: the more recently answered first, then by id.
 *
 * Across the organisation only the clients that can be among the lowest are summed up: a client's
 * mean is never below the lowest mean of its own responses (it is their weighted mean), so with t the
 * n-th lowest response mean, every client whose mean is at most t has a response at or below t, and
 * every other client's mean is above t. When the `limit`-th lowest of the clients with such a
 * response is at most t, they are the answer; else n grows (every client of the range at worst).
 */
export async function lowestSatisfiedClients(
  db: Database,
  scope: TrendScope,
  limit: number,
  firstLook = 256,
): Promise<(TallyRow & { clientId: number; clientName: string; lastAnsweredOn: string })[]> {
  if (limit < 1) return [];
  const allSums = surveyDimensions.map((d) => `coalesce(sum(r.${d}), 0)`).join(' + ');
  const allCounts = surveyDimensions.map((d) => `count(r.${d})`).join(' + ');
  const lowest = async (candidates: SQL) =>
    (
      await runSql<Record<string, unknown>>(
        db,
        sql`
        SELECT r.client_id AS client_id, cl.name AS client_name, max(r.answered_on) AS last_answered_on,
          (${sql.raw(allSums)})::float8 / (${sql.raw(allCounts)}) AS overall, ${sql.raw(TALLY_COLUMNS)}
        FROM survey_responses r JOIN clients cl ON cl.org_id = r.org_id AND cl.id = r.client_id
        WHERE ${scopeSql(scope)} ${candidates}
        GROUP BY r.client_id, cl.name
        HAVING ${sql.raw(allCounts)} > 0
        ORDER BY (${sql.raw(allSums)})::float8 / (${sql.raw(allCounts)}) ASC, max(r.answered_on) DESC, r.client_id
        LIMIT ${Math.trunc(limit)}`,
      )
    ).rows;
  let rows: Record<string, unknown>[] | undefined;
  if (scope.clientId === undefined && !scope.clients) {
    for (let n = firstLook; !rows; n *= 8) {
      const {
        rows: [nth],
      } = await runSql<{ score_mean: number }>(
        db,
        sql`SELECT r.score_mean FROM survey_responses r WHERE ${scopeSql(scope)} AND r.score_mean IS NOT NULL
            ORDER BY r.score_mean OFFSET ${n - 1} LIMIT 1`,
      );
      if (!nth) break;
      const t = Number(nth.score_mean);
      const found = await lowest(
        sql`AND r.client_id IN (SELECT r.client_id FROM survey_responses r WHERE ${scopeSql(scope)} AND r.score_mean <= ${t}::float8)`,
      );
      if (found.length === Math.trunc(limit) && Number(found[found.length - 1]!.overall) <= t) rows = found;
    }
  }
  rows ??= await lowest(sql``);
  return rows.map((row) => ({
    clientId: Number(row.client_id),
    clientName: String(row.client_name),
    lastAnsweredOn: String(row.last_answered_on),
    ...tallyOf(row),
  }));
}
