import { describe, expect, it } from 'vitest';
import { lossPareto, wonBackRate } from './pareto.js';

// Ten losses by hand: 5 to competitors, 3 on price, 1 on quality, 1 on logistics; profits in kopecks.
const tallies = [
  { reason: 'quality', count: 1, profitLost: 9_000_00 },
  { reason: 'competitor', count: 5, profitLost: 4_000_00 },
  { reason: 'logistics', count: 1, profitLost: 0 },
  { reason: 'price', count: 3, profitLost: 7_000_00 },
  { reason: 'other', count: 0, profitLost: 0 },
];

describe('lossPareto', () => {
  it('ranks by count: shares, the cumulative line and the vital few', () => {
    const rows = lossPareto(tallies, 'count');
    expect(rows.map((r) => [r.reason, r.count, r.share, r.cumulativeShare, r.vitalFew])).toEqual([
      ['competitor', 5, 0.5, 0.5, true],
      ['price', 3, 0.3, 0.8, true],
      // Cumulative before quality is exactly 80 %: not below the cut, so quality is among the trivial many.
      ['quality', 1, 0.1, 0.9, false],
      ['logistics', 1, 0.1, 1, false],
    ]);
  });

  it('ranks by profit lost: quality first though it is one loss', () => {
    const rows = lossPareto(tallies, 'profit');
    expect(rows.map((r) => r.reason)).toEqual(['quality', 'price', 'competitor', 'logistics']);
    expect(rows.map((r) => r.share)).toEqual([0.45, 0.35, 0.2, 0]);
    expect(rows.map((r) => r.cumulativeShare)).toEqual([0.45, 0.8, 1, 1]);
    expect(rows.map((r) => r.vitalFew)).toEqual([true, true, false, false]);
  });

  it('keeps the reason that crosses the cut among the vital few', () => {
    const rows = lossPareto(
      [
        { reason: 'competitor', count: 7, profitLost: 0 },
        { reason: 'price', count: 2, profitLost: 0 },
        { reason: 'service', count: 1, profitLost: 0 },
      ],
      'count',
    );
    expect(rows.map((r) => [r.reason, r.cumulativeShare, r.vitalFew])).toEqual([
      ['competitor', 0.7, true],
      ['price', 0.9, true],
      ['service', 1, false],
    ]);
  });

  it('breaks ties by the other measure, then by the catalogue order', () => {
    const rows = lossPareto(
      [
        { reason: 'relocation', count: 2, profitLost: 100 },
        { reason: 'price', count: 2, profitLost: 100 },
        { reason: 'service', count: 2, profitLost: 500 },
      ],
      'count',
    );
    expect(rows.map((r) => r.reason)).toEqual(['service', 'price', 'relocation']);
  });

  it('gives zero shares when nothing was lost in profit, and nothing for an empty period', () => {
    const rows = lossPareto([{ reason: 'price', count: 2, profitLost: -5000 }], 'profit');
    expect(rows).toEqual([
      { reason: 'price', count: 2, profitLost: -5000, share: 0, cumulativeShare: 0, vitalFew: false },
    ]);
    expect(lossPareto([], 'count')).toEqual([]);
  });

  it('computes the won-back rate', () => {
    expect(wonBackRate(8, 2)).toBe(0.25);
    expect(wonBackRate(0, 0)).toBeNull();
  });
});
