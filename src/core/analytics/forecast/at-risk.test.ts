import { describe, expect, it } from 'vitest';
import { atRiskReasonsOf, isSignificant } from './at-risk.js';

describe('atRiskReasonsOf', () => {
  it('names every reason that holds, in order', () => {
    expect(atRiskReasonsOf({ pAlive: 0.3, overdue: true, ladderStage: 'lost' })).toEqual([
      'unlikely-alive',
      'overdue',
      'ladder-lost',
    ]);
    expect(atRiskReasonsOf({ pAlive: 0.65, overdue: false, ladderStage: 'frequent' })).toEqual(['alive-doubtful']);
  });

  it('draws the lines at ½ and 0.8, below each strictly', () => {
    expect(atRiskReasonsOf({ pAlive: 0.5, overdue: null, ladderStage: null })).toEqual(['alive-doubtful']);
    expect(atRiskReasonsOf({ pAlive: 0.4999, overdue: null, ladderStage: null })).toEqual(['unlikely-alive']);
    expect(atRiskReasonsOf({ pAlive: 0.8, overdue: null, ladderStage: null })).toEqual([]);
  });

  it('gives none for an unknown P(alive) and no rhythm', () => {
    expect(atRiskReasonsOf({ pAlive: null, overdue: null, ladderStage: 'repeat_purchase' })).toEqual([]);
  });
});

describe('isSignificant', () => {
  it('is class A by profit, or key or major on the card', () => {
    expect(isSignificant({ abcProfit: 'A', significance: null })).toBe(true);
    expect(isSignificant({ abcProfit: 'B', significance: 'key' })).toBe(true);
    expect(isSignificant({ abcProfit: null, significance: 'major' })).toBe(true);
    expect(isSignificant({ abcProfit: 'B', significance: 'medium' })).toBe(false);
    expect(isSignificant({ abcProfit: null, significance: null })).toBe(false);
  });
});
