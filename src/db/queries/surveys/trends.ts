import { surveyDimensions, type SurveyGrain } from '../../../core/surveys/satisfaction.js';
import type { Database } from '../../database.js';
import type { Word } from '../../schema/columns.js';
import type { surveyChannels } from '../../../core/vocabulary.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';

// Set-based aggregation of survey answers. The database sums and counts (per period, per client);
// the averages and the NPS are taken from those tallies by the pure rules of core/surveys, which the
// tests also run on the same hand-made data.

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

function scopeSql(s: TrendScope): { where: string; params: unknown[] } {
  const params: unknown[] = [s.orgId, s.from, s.to];
  let where = 'r.org_id = $1 AND r.answered_on BETWEEN $2::date AND $3::date';
  if (s.clientId !== undefined) {
    params.push(s.clientId);
    where += ` AND r.client_id = $${params.length}`;
  }
  if (s.clients) where += ` AND ${inClientScopeText(s.clients, 'r.client_id')}`;
  return { where, params };
}

const grains: Record<SurveyGrain, string> = { month: 'month', quarter: 'quarter', year: 'year' };
// PostgreSQL has no '1 quarter' interval.
const steps: Record<SurveyGrain, string> = { month: '1 month', quarter: '3 months', year: '1 year' };

/** One tally per period from the one holding `from` to the one holding `to`; periods without answers included. */
export async function surveyTalliesByPeriod(
  db: Database,
  scope: TrendScope,
  grain: SurveyGrain,
): Promise<(TallyRow & { period: string })[]> {
  const g = grains[grain];
  const { where, params } = scopeSql(scope);
  const { rows } = await db.engine.query<Record<string, unknown>>(
    `
    WITH periods AS (
      SELECT generate_series(date_trunc('${g}', $2::date::timestamp), date_trunc('${g}', $3::date::timestamp), interval '${steps[grain]}')::date AS period
    )
    SELECT p.period, ${TALLY_COLUMNS}
    FROM periods p
    LEFT JOIN (
      SELECT date_trunc('${g}', r.answered_on::timestamp)::date AS period, r.* FROM survey_responses r WHERE ${where}
    ) r ON r.period = p.period
    GROUP BY p.period
    ORDER BY p.period`,
    params,
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

/** Per client its latest response in the scope (the latest answer date, then the latest entered), most recent clients first. */
export async function latestSurveyPerClient(db: Database, scope: TrendScope, limit: number): Promise<LatestRow[]> {
  const { where, params } = scopeSql(scope);
  const { rows } = await db.engine.query<LatestRow>(
    `
    SELECT * FROM (
      SELECT DISTINCT ON (r.client_id) r.client_id AS "clientId", cl.name AS "clientName", r.answered_on AS "answeredOn", r.channel,
        r.goods, r.staff, r.prices, r.logistics, r.service, r.company, r.nps
      FROM survey_responses r JOIN clients cl ON cl.org_id = r.org_id AND cl.id = r.client_id
      WHERE ${where}
      ORDER BY r.client_id, r.answered_on DESC, r.id DESC
    ) latest
    ORDER BY "answeredOn" DESC, "clientId"
    LIMIT ${Math.trunc(limit)}`,
    params,
  );
  return rows;
}

/**
 * The clients with the lowest overall satisfaction in the scope: the mean of every dimension score
 * they gave (sum of scores / number of scores), lowest first; clients who gave only NPS answers are
 * left out. Ties: the more recently answered first, then by id.
 */
export async function lowestSatisfiedClients(
  db: Database,
  scope: TrendScope,
  limit: number,
): Promise<(TallyRow & { clientId: number; clientName: string; lastAnsweredOn: string })[]> {
  const { where, params } = scopeSql(scope);
  const allSums = surveyDimensions.map((d) => `coalesce(sum(r.${d}), 0)`).join(' + ');
  const allCounts = surveyDimensions.map((d) => `count(r.${d})`).join(' + ');
  const { rows } = await db.engine.query<Record<string, unknown>>(
    `
    SELECT r.client_id AS client_id, cl.name AS client_name, max(r.answered_on) AS last_answered_on, ${TALLY_COLUMNS}
    FROM survey_responses r JOIN clients cl ON cl.org_id = r.org_id AND cl.id = r.client_id
    WHERE ${where}
    GROUP BY r.client_id, cl.name
    HAVING ${allCounts} > 0
    ORDER BY (${allSums})::float8 / (${allCounts}) ASC, max(r.answered_on) DESC, r.client_id
    LIMIT ${Math.trunc(limit)}`,
    params,
  );
  return rows.map((row) => ({
    clientId: Number(row.client_id),
    clientName: String(row.client_name),
    lastAnsweredOn: String(row.last_answered_on),
    ...tallyOf(row),
  }));
}
