// The "at risk" view (docs/analytics.md §21.13): significant clients ranked by the margin expected lost
// because they may have gone, each with the reasons it is listed for.

/** Below this P(alive) the client has probably stopped buying. */
export const UNLIKELY_ALIVE = 0.5;
/** Below this P(alive) the client may be drifting away. */
export const DOUBTFUL_ALIVE = 0.8;
/** Card significances that make a client significant whatever its class (docs/analytics.md §14). */
export const significantSignificances = ['key', 'major'] as const;

/**
 * Why a client is at risk (docs/analytics.md §21.13): 'unlikely-alive' P(alive) < ½; 'alive-doubtful'
 * ½ ≤ P(alive) < 0.8; 'overdue' its own rhythm is overdue (§21.9); 'ladder-lost' the loyalty ladder
 * has it lost (§13).
 */
export const atRiskReasons = ['unlikely-alive', 'alive-doubtful', 'overdue', 'ladder-lost'] as const;
export type AtRiskReason = (typeof atRiskReasons)[number];

/** What the at-risk view sorts by (then by the period's margin and the client). */
export const atRiskSortKeys = ['expectedMarginLost', 'pAlive', 'expectedMargin12m', 'daysSinceLast', 'name'] as const;
export type AtRiskSortKey = (typeof atRiskSortKeys)[number];

/** The reasons of one client, in the order above; none: the client is not at risk. */
export function atRiskReasonsOf(c: {
  pAlive: number | null;
  overdue: boolean | null;
  ladderStage: string | null;
}): AtRiskReason[] {
  const out: AtRiskReason[] = [];
  if (c.pAlive !== null && c.pAlive < UNLIKELY_ALIVE) out.push('unlikely-alive');
  else if (c.pAlive !== null && c.pAlive < DOUBTFUL_ALIVE) out.push('alive-doubtful');
  if (c.overdue === true) out.push('overdue');
  if (c.ladderStage === 'lost') out.push('ladder-lost');
  return out;
}

/**
 * Significant (docs/analytics.md §14, §21.13): class A by profit, or marked key or major on the card.
 */
export const isSignificant = (c: { abcProfit: string | null; significance: string | null }): boolean =>
  c.abcProfit === 'A' || (significantSignificances as readonly (string | null)[]).includes(c.significance);
