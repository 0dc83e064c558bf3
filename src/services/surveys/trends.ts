import type { SurveySummaryT, SurveyTrendsQueryT, SurveyTrendsT } from '../../contract/surveys.js';
import { fieldProblem, invalidInput, notFound } from '../../core/errors.js';
import {
  addPeriods,
  addTallies,
  defaultPeriods,
  emptyTally,
  periodStart,
  periodsBetween,
  responseSatisfaction,
  summarize,
  surveyDimensions,
  weakestDimension,
  type SurveyGrain,
  type SurveyTally,
} from '../../core/surveys/satisfaction.js';
import type { Database } from '../../db/database.js';
import { clientExists } from '../../db/queries/surveys/responses.js';
import {
  latestSurveyPerClient,
  lowestSatisfiedClients,
  surveyTalliesByPeriod,
  type TallyRow,
} from '../../db/queries/surveys/trends.js';
import type { Actor } from '../actor.js';
import { assertClientInScope, clientScope } from '../access/scope.js';

/** The most periods one trend shows (20 years by month). */
const MAX_PERIODS = 240;
const LATEST_CLIENTS = 50;
const LOWEST_CLIENTS = 10;

const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

const asTally = (row: TallyRow): SurveyTally => ({
  ...row,
  sums: row.sums as SurveyTally['sums'],
  counts: row.counts as SurveyTally['counts'],
});

/** A tally as the API shows it: averages and overall to 2 decimals, NPS to 1 (formulas in core/surveys/satisfaction). */
function summaryOf(tally: SurveyTally): SurveySummaryT {
  const s = summarize(tally);
  return {
    ...s,
    averages: Object.fromEntries(
      surveyDimensions.map((d) => [d, round(s.averages[d], 2)]),
    ) as SurveySummaryT['averages'],
    overall: round(s.overall, 2),
    nps: round(s.nps, 1),
  };
}

/**
 * Satisfaction over time, for one client or the whole company: per month, quarter or year the number
 * of responses, the mean score per dimension, the overall mean and the NPS (Reichheld 2003); the
 * total for the range and its weakest dimension; per client the latest response; and the clients
 * with the lowest overall satisfaction in the range with their weakest dimension. The default range
 * is the last 8 quarters (24 months, 5 years) up to today.
 */
export async function surveyTrends(db: Database, actor: Actor, query: SurveyTrendsQueryT): Promise<SurveyTrendsT> {
  const grain: SurveyGrain = query.grain ?? 'quarter';
  const to = query.to ?? db.clock.today();
  const from = query.from ?? addPeriods(periodStart(to, grain), grain, 1 - defaultPeriods[grain]);
  if (from > to) throw invalidInput([fieldProblem('from', 'range', 'survey.fromAfterTo')]);
  if (periodsBetween(from, to, grain).length > MAX_PERIODS) {
    throw invalidInput([fieldProblem('from', 'range', 'survey.tooManyPeriods', { count: MAX_PERIODS })]);
  }
  if (query.clientId !== undefined && !(await clientExists(db, actor.orgId, query.clientId)))
    throw notFound('client', query.clientId);
  if (query.clientId !== undefined) await assertClientInScope(db, actor, query.clientId);
  const scope = { orgId: actor.orgId, from, to, clientId: query.clientId, clients: clientScope(actor) };
  const [periods, latest, lowest] = await Promise.all([
    surveyTalliesByPeriod(db, scope, grain),
    latestSurveyPerClient(db, scope, LATEST_CLIENTS),
    lowestSatisfiedClients(db, scope, LOWEST_CLIENTS),
  ]);
  const total = periods.map(asTally).reduce(addTallies, emptyTally());
  const totalSummary = summaryOf(total);
  const weakest = weakestDimension(summarize(total).averages);
  return {
    grain,
    from,
    to,
    clientId: query.clientId ?? null,
    periods: periods.map((p) => ({ period: p.period, ...summaryOf(asTally(p)) })),
    total: totalSummary,
    weakestDimension: weakest ? { dimension: weakest.dimension, average: round(weakest.average, 2)! } : null,
    latest: latest.map((r) => ({
      ...r,
      channel: r.channel,
      overall: round(responseSatisfaction(r), 2),
    })),
    lowestClients: lowest.map((c) => {
      const s = summarize(asTally(c));
      const w = weakestDimension(s.averages);
      return {
        clientId: c.clientId,
        clientName: c.clientName,
        responses: c.responses,
        overall: round(s.overall, 2)!,
        nps: round(s.nps, 1),
        lastAnsweredOn: c.lastAnsweredOn,
        weakestDimension: w?.dimension ?? null,
        weakestAverage: round(w?.average ?? null, 2),
      };
    }),
  };
}
