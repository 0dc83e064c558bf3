// When will the client buy next (docs/analytics.md §21.9): under BG/NBD, the chance of a purchase
// within t days and the horizon by which it is likely; by the client's own rhythm, the median gap
// between its purchase days and whether the next one is overdue.

import { probabilityAlive, type BgNbdParams, type PurchaseHistory } from './bgnbd.js';

/**
 * P(at least one purchase in (T, T+t]) under BG/NBD (docs/analytics.md §21.9): alive at T, λ has the
 * posterior Gamma(r+x, α+T) and no dropout comes before the next purchase, so
 * P = P(alive) · [1 − ((α+T)/(α+T+t))^(r+x)], the bracket as −expm1(−(r+x) ln(1 + t/(α+T))).
 */
export function probabilityOfPurchaseWithin(p: BgNbdParams, c: PurchaseHistory, t: number): number {
  if (!(t > 0)) return 0;
  return probabilityAlive(p, c) * -Math.expm1(-(p.r + c.x) * Math.log1p(t / (p.alpha + c.T)));
}

/**
 * The horizon t_q by which a purchase has probability q (docs/analytics.md §21.9):
 * t_q = (α+T) · [(1 − q/P(alive))^(−1/(r+x)) − 1], computed as (α+T) · expm1(−ln(1 − q/P(alive)) / (r+x));
 * null when q ≥ P(alive) (the client may have gone and the chance never reaches q). q = ½ gives the
 * median time to the next purchase, the anticipated date being T's day + t₀.₅.
 */
export function purchaseHorizon(p: BgNbdParams, c: PurchaseHistory, q = 0.5): number | null {
  const alive = probabilityAlive(p, c);
  if (!(q > 0) || q >= alive) return null;
  return (p.alpha + c.T) * Math.expm1(-Math.log1p(-q / alive) / (p.r + c.x));
}

/**
 * Expected wait for the next purchase if alive, the mean of the Lomax(r+x, α+T) waiting time
 * (docs/analytics.md §21.9): (α+T)/(r+x−1); null when r + x ≤ 1 (the mean is infinite).
 */
export function expectedWaitWhileAlive(p: BgNbdParams, c: PurchaseHistory): number | null {
  const shape = p.r + c.x;
  return shape > 1 ? (p.alpha + c.T) / (shape - 1) : null;
}

export type Rhythm = {
  /** Distinct purchase days up to the as-of day. */
  purchaseDays: number;
  /** The median of the gaps between consecutive purchase days, days. */
  medianGapDays: number;
  lastPurchase: string;
  /** lastPurchase + the median gap, rounded to a day. */
  expectedNext: string;
  daysSinceLast: number;
  /** daysSinceLast > medianGapDays × overdueFactor. */
  overdue: boolean;
};

export type RhythmOptions = {
  /** How many times the usual gap counts as overdue (default 1.5). */
  overdueFactor?: number;
  /** Fewest gaps (purchase days − 1) for a rhythm (default 2). */
  minGaps?: number;
};

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/**
 * The client's own rhythm of buying — for the client, or a client × product group from the days it
 * bought that group (docs/analytics.md §21.9): the distinct purchase days up to `asOf`, the median of
 * the gaps between consecutive ones, the expected next purchase = last + median gap, and overdue when
 * the days since the last purchase exceed median gap × `overdueFactor` (1.5: "usually every 3 weeks;
 * 5 weeks now"). null with fewer than `minGaps` (2) gaps.
 */
export function ownRhythm(days: readonly string[], asOf: string, options: RhythmOptions = {}): Rhythm | null {
  const today = dayNumber(asOf);
  const distinct = [...new Set(days.map(dayNumber))].filter((d) => d <= today).sort((u, v) => u - v);
  if (distinct.length - 1 < Math.max(1, options.minGaps ?? 2)) return null;
  const gaps = distinct.slice(1).map((d, i) => d - distinct[i]!);
  gaps.sort((u, v) => u - v);
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 === 1 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
  const last = distinct[distinct.length - 1]!;
  const since = today - last;
  return {
    purchaseDays: distinct.length,
    medianGapDays: median,
    lastPurchase: isoDay(last),
    expectedNext: isoDay(last + Math.round(median)),
    daysSinceLast: since,
    overdue: since > median * (options.overdueFactor ?? 1.5),
  };
}
