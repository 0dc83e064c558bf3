// Satisfaction surveys (docs/domain.md §3, block 4 of the client card): the client's opinion
// of our goods, staff, prices, logistics, service and the company as a whole, each on a 1–5 scale,
// plus the Net Promoter question on a 0–10 scale. Pure rules shared by the services, the SQL's tests
// and the web app.
import { surveyDimensions } from '../vocabulary.js';

export { surveyDimensions };
export type SurveyDimension = (typeof surveyDimensions)[number];
export type SurveyGrain = 'month' | 'quarter' | 'year';
export const surveyGrains = ['month', 'quarter', 'year'] as const;

/** A dimension score: 1 (very poor) … 5 (excellent). */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
/** The NPS question: 0 (not at all likely to recommend) … 10 (extremely likely). */
export const NPS_MIN = 0;
export const NPS_MAX = 10;
/** The longest free-text comment a respondent may leave. */
export const COMMENT_MAX = 2000;

export type SurveyScores = { [D in SurveyDimension]?: number | null } & { nps?: number | null };

/** Whether an answer says anything: at least one dimension score or the NPS answer. */
export const hasAnyAnswer = (s: SurveyScores): boolean =>
  surveyDimensions.some((d) => s[d] !== null && s[d] !== undefined) || (s.nps !== null && s.nps !== undefined);

export type NpsClass = 'promoter' | 'passive' | 'detractor';

/** Reichheld's classes of the 0–10 answer: 9–10 promoters, 7–8 passives, 0–6 detractors. */
export function npsClass(score: number): NpsClass {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/**
 * Net Promoter Score from counts: NPS = 100 × (promoters − detractors) / respondents, i.e. the share
 * of promoters (9–10) minus the share of detractors (0–6) in percent, from −100 to +100; passives
 * (7–8) count only in the denominator. Source: F. F. Reichheld, "The One Number You Need to Grow",
 * Harvard Business Review 81(12), December 2003. null when nobody answered the question.
 */
export function npsFromCounts(promoters: number, detractors: number, respondents: number): number | null {
  if (respondents <= 0) return null;
  return (100 * (promoters - detractors)) / respondents;
}

/**
 * Net Promoter Score of a set of 0–10 answers (Reichheld 2003; see npsFromCounts); missing answers
 * are skipped. null when there is no answer.
 */
export function netPromoterScore(answers: readonly (number | null | undefined)[]): number | null {
  let promoters = 0;
  let detractors = 0;
  let respondents = 0;
  for (const a of answers) {
    if (a === null || a === undefined) continue;
    respondents++;
    const c = npsClass(a);
    if (c === 'promoter') promoters++;
    else if (c === 'detractor') detractors++;
  }
  return npsFromCounts(promoters, detractors, respondents);
}

/** Sums and counts of the given scores per dimension, and the NPS classes: what the SQL aggregates. */
export type SurveyTally = {
  responses: number;
  sums: Record<SurveyDimension, number>;
  counts: Record<SurveyDimension, number>;
  npsRespondents: number;
  promoters: number;
  passives: number;
  detractors: number;
};

export const emptyTally = (): SurveyTally => ({
  responses: 0,
  sums: Object.fromEntries(surveyDimensions.map((d) => [d, 0])) as Record<SurveyDimension, number>,
  counts: Object.fromEntries(surveyDimensions.map((d) => [d, 0])) as Record<SurveyDimension, number>,
  npsRespondents: 0,
  promoters: 0,
  passives: 0,
  detractors: 0,
});

/** Adds one response to a tally (a new tally; the argument is left unchanged). */
export function tallyResponse(t: SurveyTally, r: SurveyScores): SurveyTally {
  const out: SurveyTally = { ...t, responses: t.responses + 1, sums: { ...t.sums }, counts: { ...t.counts } };
  for (const d of surveyDimensions) {
    const v = r[d];
    if (v === null || v === undefined) continue;
    out.sums[d] += v;
    out.counts[d] += 1;
  }
  if (r.nps !== null && r.nps !== undefined) {
    out.npsRespondents++;
    const c = npsClass(r.nps);
    if (c === 'promoter') out.promoters++;
    else if (c === 'passive') out.passives++;
    else out.detractors++;
  }
  return out;
}

/** Two tallies together (periods into a total). */
export function addTallies(a: SurveyTally, b: SurveyTally): SurveyTally {
  const out = emptyTally();
  out.responses = a.responses + b.responses;
  for (const d of surveyDimensions) {
    out.sums[d] = a.sums[d] + b.sums[d];
    out.counts[d] = a.counts[d] + b.counts[d];
  }
  out.npsRespondents = a.npsRespondents + b.npsRespondents;
  out.promoters = a.promoters + b.promoters;
  out.passives = a.passives + b.passives;
  out.detractors = a.detractors + b.detractors;
  return out;
}

export type SurveySummary = {
  responses: number;
  /** Mean score per dimension (1–5) over the responses that scored it; null when none did. */
  averages: Record<SurveyDimension, number | null>;
  /**
   * Overall satisfaction: the mean of every dimension score given (each score counts once, so a
   * response that scored six dimensions weighs six times one that scored one); null without scores.
   */
  overall: number | null;
  npsRespondents: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Reichheld's NPS, −100…100 (npsFromCounts); null without NPS answers. */
  nps: number | null;
};

/** Averages, overall satisfaction and NPS of a tally (formulas in SurveySummary and npsFromCounts). */
export function summarize(t: SurveyTally): SurveySummary {
  let sum = 0;
  let count = 0;
  const averages = {} as Record<SurveyDimension, number | null>;
  for (const d of surveyDimensions) {
    averages[d] = t.counts[d] > 0 ? t.sums[d] / t.counts[d] : null;
    sum += t.sums[d];
    count += t.counts[d];
  }
  return {
    responses: t.responses,
    averages,
    overall: count > 0 ? sum / count : null,
    npsRespondents: t.npsRespondents,
    promoters: t.promoters,
    passives: t.passives,
    detractors: t.detractors,
    nps: npsFromCounts(t.promoters, t.detractors, t.npsRespondents),
  };
}

/** The summary of a set of responses: the reference the database's aggregation is tested against. */
export const summarizeResponses = (responses: readonly SurveyScores[]): SurveySummary =>
  summarize(responses.reduce(tallyResponse, emptyTally()));

/**
 * The weakest dimension: the lowest average score; ties go to the dimension listed first in
 * docs/domain.md §3 (goods, staff, prices, logistics, service, company). null when nothing was scored.
 */
export function weakestDimension(
  averages: Record<SurveyDimension, number | null>,
): { dimension: SurveyDimension; average: number } | null {
  let best: { dimension: SurveyDimension; average: number } | null = null;
  for (const d of surveyDimensions) {
    const a = averages[d];
    if (a === null) continue;
    if (!best || a < best.average) best = { dimension: d, average: a };
  }
  return best;
}

/** Mean score of one response over the dimensions it scored; null when it scored none (NPS only). */
export function responseSatisfaction(r: SurveyScores): number | null {
  const given = surveyDimensions.map((d) => r[d]).filter((v): v is number => v !== null && v !== undefined);
  return given.length ? given.reduce((a, b) => a + b, 0) / given.length : null;
}

// ---- periods ------------------------------------------------------------------------------------

const monthsOf: Record<SurveyGrain, number> = { month: 1, quarter: 3, year: 12 };

/** The first day of the month, quarter or year an ISO date falls in. */
export function periodStart(date: string, grain: SurveyGrain): string {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  const first = grain === 'year' ? 1 : grain === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  return `${y}-${String(first).padStart(2, '0')}-01`;
}

/** The start of the period `n` periods after the one starting at `start`. */
export function addPeriods(start: string, grain: SurveyGrain, n: number): string {
  const total = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + n * monthsOf[grain];
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/** The starts of the periods from the one holding `from` to the one holding `to`, in order. */
export function periodsBetween(from: string, to: string, grain: SurveyGrain): string[] {
  const out: string[] = [];
  const last = periodStart(to, grain);
  for (let p = periodStart(from, grain); p <= last; p = addPeriods(p, grain, 1)) out.push(p);
  return out;
}

/** How many periods a default trend shows, ending with the current one: two years by quarter or month, five by year. */
export const defaultPeriods: Record<SurveyGrain, number> = { month: 24, quarter: 8, year: 5 };

/** The reference trend: responses with answeredOn in [from, to] summarised per period, empty periods included. */
export function surveyTrend(
  responses: readonly (SurveyScores & { answeredOn: string })[],
  from: string,
  to: string,
  grain: SurveyGrain,
): { period: string; summary: SurveySummary }[] {
  const tallies = new Map(periodsBetween(from, to, grain).map((p) => [p, emptyTally()]));
  for (const r of responses) {
    if (r.answeredOn < from || r.answeredOn > to) continue;
    const p = periodStart(r.answeredOn, grain);
    tallies.set(p, tallyResponse(tallies.get(p)!, r));
  }
  return [...tallies].map(([period, t]) => ({ period, summary: summarize(t) }));
}
