// Reference definitions of Rapport's segmentations. The database computes them set-based (see
// src/db/queries/analytics); these pure functions state the same rules for tests and for the RFM grid,
// which the SQL is generated from.

export const abcClasses = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof abcClasses)[number];
/** What ABC ranks by: profit after cost to serve, revenue net of returns, gross sales before returns. */
export const abcBases = ['profit', 'revenue', 'gross'] as const;
export type AbcBasis = (typeof abcBases)[number];
export const xyzClasses = ['X', 'Y', 'Z'] as const;
export type XyzClass = (typeof xyzClasses)[number];

/**
 * ABC (Pareto 80/15/5 as in 1С:Управление торговлей; docs/analytics.md §8): rank by value, highest
 * first (ties by id); a client is A while the cumulative share of the clients *before* it is below `a`
 * %, B while it is below `b` %, else C. Counting the clients before it means the one that crosses the
 * boundary still belongs to the upper class, so a base with one dominant client has an A.
 * Only positive values share the total; zero and negative values are C.
 */
export function abcClassify(
  items: readonly { id: number; value: number }[],
  a: number,
  b: number,
): Map<number, AbcClass> {
  const positive = items.filter((i) => i.value > 0).sort((x, y) => y.value - x.value || x.id - y.id);
  const total = positive.reduce((s, i) => s + i.value, 0);
  const out = new Map<number, AbcClass>();
  let before = 0;
  for (const item of positive) {
    const share = (before / total) * 100;
    out.set(item.id, share < a ? 'A' : share < b ? 'B' : 'C');
    before += item.value;
  }
  for (const item of items) if (!out.has(item.id)) out.set(item.id, 'C');
  return out;
}

/**
 * Coefficient of variation σ/μ of a series with the population σ (Excel СТАНДОТКЛОНП, as the Russian
 * XYZ practice uses; docs/analytics.md §9). Null when the mean is not positive.
 */
export function coefficientOfVariation(series: readonly number[]): number | null {
  const n = series.length;
  if (n === 0) return null;
  const mean = series.reduce((s, v) => s + v, 0) / n;
  if (mean <= 0) return null;
  const variance = series.reduce((s, v) => s + v * v, 0) / n - mean * mean;
  return Math.sqrt(Math.max(variance, 0)) / mean;
}

export const xyzGrains = ['month', 'quarter'] as const;
export type XyzGrain = (typeof xyzGrains)[number];
export const monthsPerGrain: Record<XyzGrain, number> = { month: 1, quarter: 3 };

/**
 * The periods XYZ measures over, for a period of `months` months and a grain: as many whole grain
 * periods as fit, counted back from the period's last month (a shorter remainder at its start is left
 * out, so every period weighs the same). Returns the first month's offset from the period's start and
 * how many periods there are.
 */
export function xyzWindow(months: number, grain: XyzGrain): { skip: number; periods: number } {
  const size = monthsPerGrain[grain];
  const periods = Math.floor(months / size);
  return { skip: months - periods * size, periods };
}

/**
 * The coefficient of variation XYZ classes by: the client's revenue per period of the grain over the
 * window of xyzWindow, periods without a purchase counting as zero (a skipped quarter is exactly the
 * unsteadiness XYZ is about). `monthly` is the revenue of every month of the period, oldest first.
 * Null with fewer than two periods or no positive mean.
 */
export function revenueVariation(monthly: readonly number[], grain: XyzGrain): number | null {
  const { skip, periods } = xyzWindow(monthly.length, grain);
  if (periods < 2) return null;
  const size = monthsPerGrain[grain];
  const series = Array.from({ length: periods }, (_, i) =>
    monthly.slice(skip + i * size, skip + (i + 1) * size).reduce((s, v) => s + v, 0),
  );
  return coefficientOfVariation(series);
}

/** XYZ by CV (%): X ≤ x, Y ≤ y, else Z; too few active months or no positive mean → no class. */
export function xyzClassify(
  cv: number | null,
  activeMonths: number,
  x: number,
  y: number,
  minActiveMonths: number,
): XyzClass | null {
  if (cv === null || activeMonths < minActiveMonths) return null;
  const pct = cv * 100;
  return pct <= x ? 'X' : pct <= y ? 'Y' : 'Z';
}

export const rfmSegments = [
  'champions',
  'loyal',
  'potential_loyalists',
  'recent',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
] as const;
export type RfmSegment = (typeof rfmSegments)[number];

/**
 * The 11 named RFM segments over the R × FM grid, FM = round((F + M) / 2) (the grid found in public
 * SQL and the Putler naming; docs/analytics.md §10). Key: `${R}${FM}`.
 */
export const rfmGrid: Record<string, RfmSegment> = {
  '55': 'champions',
  '54': 'champions',
  '45': 'champions',
  '53': 'loyal',
  '44': 'loyal',
  '35': 'loyal',
  '34': 'loyal',
  '52': 'potential_loyalists',
  '42': 'potential_loyalists',
  '33': 'potential_loyalists',
  '43': 'potential_loyalists',
  '51': 'recent',
  '41': 'promising',
  '31': 'promising',
  '32': 'need_attention',
  '23': 'need_attention',
  '22': 'need_attention',
  '21': 'about_to_sleep',
  '25': 'at_risk',
  '24': 'at_risk',
  '13': 'at_risk',
  '15': 'cant_lose',
  '14': 'cant_lose',
  '12': 'hibernating',
  '11': 'lost',
};

/** FM = round((F + M) / 2), halves rounded up (as PostgreSQL's round(numeric) does for positives). */
export const fmScore = (f: number, m: number): number => Math.floor((f + m) / 2 + 0.5);

export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  return rfmGrid[`${r}${fmScore(f, m)}`]!;
}

/**
 * Quintile scores 1–5 as PostgreSQL's ntile(5) over the ordered clients (docs/analytics.md §10):
 * with n clients, the first n mod 5 buckets hold one more. `order` lists ids from worst to best.
 */
export function quintiles(order: readonly number[]): Map<number, number> {
  const n = order.length;
  const out = new Map<number, number>();
  const size = Math.floor(n / 5);
  const bigger = n % 5;
  let i = 0;
  for (let bucket = 1; bucket <= 5; bucket++) {
    const count = size + (bucket <= bigger ? 1 : 0);
    for (let k = 0; k < count; k++) out.set(order[i++]!, bucket);
  }
  return out;
}

export const ladderStages = [
  'unaware',
  'aware',
  'first_purchase',
  'repeat_purchase',
  'frequent',
  'adherent',
  'lost',
] as const;
export type LadderStage = (typeof ladderStages)[number];
/** Height on the ladder, for climbed/fell; lost is below everything. */
export const ladderRank: Record<LadderStage, number> = {
  lost: -1,
  unaware: 0,
  aware: 1,
  first_purchase: 2,
  repeat_purchase: 3,
  frequent: 4,
  adherent: 5,
};

export const computedCategories = ['productive', 'loss_making', 'insignificant', 'average'] as const;
export type ComputedCategory = (typeof computedCategories)[number];

/**
 * The insignificant group (docs/analytics.md §11): steady clients (repeat, frequent, adherent) with
 * profit ≥ 0 and manager time, taken from the least profit per manager minute up (ties by id) while
 * together they give at most `profitPct` % of the organisation's positive profit. A client in class A
 * by profit is never in it: A means the client is among those bringing the first `abcA` % of the profit,
 * which is the opposite of insignificant, however much time it takes (its profit per minute is then a
 * question of cost to serve, shown on its card, not of significance).
 */
export function insignificantGroup(
  clients: readonly { id: number; profit: number; minutes: number; stage: string | null; abcProfit: string | null }[],
  profitPct: number,
): Set<number> {
  const positive = clients.reduce((s, c) => s + Math.max(c.profit, 0), 0);
  const candidates = clients
    .filter((c) => steadyStages.has(c.stage ?? '') && c.profit >= 0 && c.minutes > 0 && c.abcProfit !== 'A')
    .sort((x, y) => x.profit / x.minutes - y.profit / y.minutes || x.id - y.id);
  const out = new Set<number>();
  let running = 0;
  for (const c of candidates) {
    running += c.profit;
    if (running * 100 > profitPct * positive) break;
    out.add(c.id);
  }
  return out;
}

/** The ladder stages that make a client steady for the insignificant group. */
export const steadyStages: ReadonlySet<string> = new Set<LadderStage>(['repeat_purchase', 'frequent', 'adherent']);
