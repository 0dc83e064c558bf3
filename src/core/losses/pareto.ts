// The Pareto of loss reasons (docs/domain.md §9: a lost client is a lesson; find the few causes behind most losses).
import { lossReasons } from '../vocabulary.js';

export type LossReason = (typeof lossReasons)[number];
export type ParetoBasis = 'count' | 'profit';

/** One reason's tally over a period, as the database counts it. Profit is in kopecks. */
export type ReasonTally<Reason extends string = string> = { reason: Reason; count: number; profitLost: number };

export type ParetoRow<Reason extends string = string> = ReasonTally<Reason> & {
  /** This reason's weight ÷ the total weight, 0..1 (0 when the total is 0). */
  share: number;
  /** Σ shares of this reason and every reason ranked above it, 0..1. */
  cumulativeShare: number;
  /** Among the "vital few": the reasons that together make up the first `cut` of the total. */
  vitalFew: boolean;
};

/** Juran's cut: the few causes that account for 80 % of the effect. */
export const PARETO_CUT = 0.8;

const catalogueRank = new Map<string, number>(lossReasons.map((r, i) => [r, i]));

/**
 * The Pareto analysis of loss reasons (J. M. Juran, "Quality Control Handbook", 1951: the "vital
 * few and trivial many", named after V. Pareto's 80/20 distribution): reasons are ranked by their
 * weight, highest first — the number of losses (`count`) or the profit lost with them (`profit`) —
 * and each gets
 *   share = weight ÷ Σ weights,  cumulativeShare = Σ shares of the reasons ranked up to it,
 * the line drawn over the bars of a Pareto chart. A reason is among the vital few while the
 * cumulative share *before* it is below `cut` (80 %), so the reason that crosses the cut still
 * belongs to the few (as ABC's class A does, see core/analytics/segments.ts#abcClassify).
 * Profit lost is counted only from clients that were profitable (the database sums
 * max(profit at loss, 0)): a client that cost more than it brought loses no profit when it leaves.
 * Ties rank by the other measure, then in the catalogue's order, so the order is stable.
 * Reasons with no losses are left out; the shares of the rest sum to 1.
 */
export function lossPareto<Reason extends string>(
  tallies: readonly ReasonTally<Reason>[],
  by: ParetoBasis,
  cut = PARETO_CUT,
): ParetoRow<Reason>[] {
  const weight = (t: ReasonTally) => (by === 'count' ? t.count : Math.max(0, t.profitLost));
  const other = (t: ReasonTally) => (by === 'count' ? Math.max(0, t.profitLost) : t.count);
  const rows = tallies
    .filter((t) => t.count > 0)
    .sort(
      (a, b) =>
        weight(b) - weight(a) ||
        other(b) - other(a) ||
        (catalogueRank.get(a.reason) ?? 99) - (catalogueRank.get(b.reason) ?? 99) ||
        a.reason.localeCompare(b.reason),
    );
  const total = rows.reduce((s, t) => s + weight(t), 0);
  let before = 0;
  return rows.map((t) => {
    const w = weight(t);
    const share = total > 0 ? w / total : 0;
    const vitalFew = total > 0 && w > 0 && before / total < cut;
    before += w;
    // The last reason closes at exactly 1, whatever the floating-point sum says.
    const cumulativeShare = total > 0 ? (before === total ? 1 : before / total) : 0;
    return { ...t, share, cumulativeShare, vitalFew };
  });
}

/** Won-back rate: the losses of a period whose client bought again ÷ the losses of the period; null without losses. */
export function wonBackRate(losses: number, wonBack: number): number | null {
  return losses > 0 ? wonBack / losses : null;
}
