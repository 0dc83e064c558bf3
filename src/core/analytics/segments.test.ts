import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abcClassify,
  coefficientOfVariation,
  fmScore,
  insignificantGroup,
  ladderRank,
  ladderStages,
  quintiles,
  revenueVariation,
  rfmGrid,
  rfmSegment,
  rfmSegments,
  xyzClassify,
  xyzWindow,
  type AbcClass,
} from './segments.js';

const classes = (items: { id: number; value: number }[], a = 80, b = 95) =>
  Object.fromEntries(abcClassify(items, a, b));

describe('abcClassify', () => {
  it('classes by the cumulative share of the clients before each one: 50/30/15/5 → A A B C', () => {
    // Before 1: 0 % → A; before 2: 50 % → A; before 3: 80 % (not below 80) → B; before 4: 95 % (not below 95) → C.
    expect(
      classes([
        { id: 1, value: 50 },
        { id: 2, value: 30 },
        { id: 3, value: 15 },
        { id: 4, value: 5 },
      ]),
    ).toEqual({ 1: 'A', 2: 'A', 3: 'B', 4: 'C' });
  });

  it('keeps the client that crosses a boundary in the upper class', () => {
    // 70 before → A although 70 + 20 = 90 crosses 80; 90 before → B although it crosses 95.
    expect(
      classes([
        { id: 1, value: 70 },
        { id: 2, value: 20 },
        { id: 3, value: 8 },
        { id: 4, value: 2 },
      ]),
    ).toEqual({ 1: 'A', 2: 'A', 3: 'B', 4: 'C' });
  });

  it('gives a base with one dominant client an A (and the rest C)', () => {
    // 1000 of 1002: the second client has 99.8 % before it.
    expect(
      classes([
        { id: 7, value: 1 },
        { id: 3, value: 1000 },
        { id: 9, value: 1 },
      ]),
    ).toEqual({ 3: 'A', 7: 'C', 9: 'C' });
    expect(classes([{ id: 1, value: 5 }])).toEqual({ 1: 'A' });
  });

  it('puts zero and negative values in C and leaves them out of the total', () => {
    // Positive total 100 (not 100 + 0 − 300): 60 before the second client → A.
    expect(
      classes([
        { id: 1, value: 60 },
        { id: 2, value: 40 },
        { id: 3, value: 0 },
        { id: 4, value: -300 },
      ]),
    ).toEqual({ 1: 'A', 2: 'A', 3: 'C', 4: 'C' });
    expect(
      classes([
        { id: 1, value: 0 },
        { id: 2, value: -1 },
      ]),
    ).toEqual({ 1: 'C', 2: 'C' });
    expect(abcClassify([], 80, 95).size).toBe(0);
  });

  it('breaks ties by id, not by input order', () => {
    // Five equal values: by id 1, 3, 5, 7, 9 the shares before are 0, 20, 40, 60, 80 → the fifth (id 9) is B.
    const items = [9, 3, 7, 1, 5].map((id) => ({ id, value: 20 }));
    expect(classes(items)).toEqual({ 1: 'A', 3: 'A', 5: 'A', 7: 'A', 9: 'B' });
    expect(classes([...items].reverse())).toEqual({ 1: 'A', 3: 'A', 5: 'A', 7: 'A', 9: 'B' });
  });

  it('uses the given thresholds', () => {
    const items = [
      { id: 1, value: 50 },
      { id: 2, value: 30 },
      { id: 3, value: 15 },
      { id: 4, value: 5 },
    ];
    // a = 50: the second client (50 % before) is no longer A; b = 80: the third (80 % before) is C.
    expect(classes(items, 50, 80)).toEqual({ 1: 'A', 2: 'B', 3: 'C', 4: 'C' });
    expect(classes(items, 60, 99)).toEqual({ 1: 'A', 2: 'A', 3: 'B', 4: 'B' });
  });

  it('holds for any base: A is the shortest top run that reaches a %, classes never rise down the ranking', () => {
    const order: Record<AbcClass, number> = { A: 0, B: 1, C: 2 };
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ id: fc.integer({ min: 1, max: 10_000 }), value: fc.integer({ min: -1000, max: 100_000 }) }),
          { selector: (i) => i.id, maxLength: 40 },
        ),
        (items) => {
          const out = abcClassify(items, 80, 95);
          expect(out.size).toBe(items.length);
          const ranked = items.filter((i) => i.value > 0).sort((x, y) => y.value - x.value || x.id - y.id);
          const total = ranked.reduce((s, i) => s + i.value, 0);
          for (let k = 1; k < ranked.length; k++)
            expect(order[out.get(ranked[k]!.id)!]).toBeGreaterThanOrEqual(order[out.get(ranked[k - 1]!.id)!]);
          const a = ranked.filter((i) => out.get(i.id) === 'A');
          const sumA = a.reduce((s, i) => s + i.value, 0);
          if (ranked.length > 0) {
            expect(a.length).toBeGreaterThanOrEqual(1);
            // Either A reaches 80 % or every positive client is A; without its last member it stays below 80 %.
            if (a.length < ranked.length) expect(sumA * 100).toBeGreaterThanOrEqual(80 * total);
            expect((sumA - a[a.length - 1]!.value) * 100).toBeLessThan(80 * total);
          }
          for (const i of items) if (i.value <= 0) expect(out.get(i.id)).toBe('C');
        },
      ),
    );
  });
});

describe('coefficientOfVariation', () => {
  it('uses the population σ: [100, 0, 100, 0] → σ 50 / μ 50 = 1', () => {
    expect(coefficientOfVariation([100, 0, 100, 0])).toBe(1);
  });

  it('matches hand-worked series', () => {
    // μ 5, population σ 2 (the sample σ would be 2.138…) → 0.4.
    expect(coefficientOfVariation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(0.4, 12);
    // μ 20, deviations ±10 → σ 10 → 0.5.
    expect(coefficientOfVariation([10, 30])).toBeCloseTo(0.5, 12);
    expect(coefficientOfVariation([250, 250, 250])).toBe(0);
    // One month of 12 with sales: μ = 1/12, σ = √(1/12 − 1/144) = √11 / 12 → CV = √11.
    expect(coefficientOfVariation([1, ...Array(11).fill(0)])).toBeCloseTo(Math.sqrt(11), 12);
  });

  it('is null when there is no positive mean', () => {
    expect(coefficientOfVariation([])).toBeNull();
    expect(coefficientOfVariation([0, 0, 0])).toBeNull();
    expect(coefficientOfVariation([-10, 4, 2])).toBeNull();
  });
});

describe('xyzClassify', () => {
  it('classes X up to 10 %, Y up to 25 %, else Z (bounds inclusive)', () => {
    expect(xyzClassify(0, 12, 10, 25, 3)).toBe('X');
    expect(xyzClassify(0.1, 12, 10, 25, 3)).toBe('X');
    expect(xyzClassify(0.1001, 12, 10, 25, 3)).toBe('Y');
    expect(xyzClassify(0.25, 12, 10, 25, 3)).toBe('Y');
    expect(xyzClassify(0.2501, 12, 10, 25, 3)).toBe('Z');
    expect(xyzClassify(1, 12, 10, 25, 3)).toBe('Z');
  });

  it('follows the given bounds', () => {
    expect(xyzClassify(0.15, 6, 20, 40, 3)).toBe('X');
    expect(xyzClassify(0.35, 6, 20, 40, 3)).toBe('Y');
  });

  it('gives no class with too few active months or no CV', () => {
    expect(xyzClassify(0.05, 2, 10, 25, 3)).toBeNull();
    expect(xyzClassify(0.05, 3, 10, 25, 3)).toBe('X');
    expect(xyzClassify(null, 12, 10, 25, 3)).toBeNull();
  });
});

describe('quintiles', () => {
  const sizes = (scores: Map<number, number>) =>
    [1, 2, 3, 4, 5].map((b) => [...scores.values()].filter((s) => s === b).length);

  it('fills buckets as ntile(5): the first n mod 5 buckets get one more (7 → 2, 2, 1, 1, 1)', () => {
    const scores = quintiles([10, 11, 12, 13, 14, 15, 16]);
    expect(Object.fromEntries(scores)).toEqual({ 10: 1, 11: 1, 12: 2, 13: 2, 14: 3, 15: 4, 16: 5 });
    expect(sizes(scores)).toEqual([2, 2, 1, 1, 1]);
  });

  it('handles small and even bases', () => {
    expect(Object.fromEntries(quintiles([4, 2, 9]))).toEqual({ 4: 1, 2: 2, 9: 3 });
    expect(sizes(quintiles([1, 2, 3, 4, 5]))).toEqual([1, 1, 1, 1, 1]);
    expect(sizes(quintiles(Array.from({ length: 10 }, (_, i) => i + 1)))).toEqual([2, 2, 2, 2, 2]);
    expect(sizes(quintiles(Array.from({ length: 14 }, (_, i) => i + 1)))).toEqual([3, 3, 3, 3, 2]);
    expect(quintiles([]).size).toBe(0);
  });

  it('keeps the order given, worst first', () => {
    const scores = quintiles([50, 40, 30, 20, 10, 60]);
    expect(scores.get(50)).toBe(1);
    expect(scores.get(40)).toBe(1);
    expect(scores.get(60)).toBe(5);
  });
});

describe('RFM', () => {
  it('rounds FM = (F + M) / 2 half up', () => {
    expect(fmScore(4, 5)).toBe(5);
    expect(fmScore(1, 2)).toBe(2);
    expect(fmScore(2, 3)).toBe(3);
    expect(fmScore(3, 4)).toBe(4);
    expect(fmScore(3, 3)).toBe(3);
    expect(fmScore(1, 1)).toBe(1);
    expect(fmScore(5, 5)).toBe(5);
  });

  it('names the grid cells of the reference (docs/analytics.md §10)', () => {
    expect(rfmSegment(5, 5, 5)).toBe('champions');
    expect(rfmSegment(5, 1, 1)).toBe('recent');
    expect(rfmSegment(1, 1, 1)).toBe('lost');
    expect(rfmSegment(1, 5, 5)).toBe('cant_lose');
    expect(rfmSegment(5, 4, 5)).toBe('champions'); // FM 4.5 → 5
    expect(rfmSegment(5, 1, 2)).toBe('potential_loyalists'); // FM 1.5 → 2: cell 52
    expect(rfmSegment(1, 1, 2)).toBe('hibernating'); // FM 1.5 → 2: cell 12
    expect(rfmSegment(3, 2, 3)).toBe('potential_loyalists'); // FM 2.5 → 3: cell 33
    expect(rfmSegment(2, 1, 1)).toBe('about_to_sleep');
    expect(rfmSegment(4, 1, 1)).toBe('promising');
    expect(rfmSegment(2, 2, 3)).toBe('need_attention'); // FM 2.5 → 3: cell 23
    expect(rfmSegment(1, 3, 4)).toBe('cant_lose'); // FM 3.5 → 4: cell 14
    expect(rfmSegment(2, 5, 4)).toBe('at_risk'); // cell 25
    expect(rfmSegment(3, 5, 4)).toBe('loyal'); // cell 35
  });

  it('is exactly the reference grid, covering all 25 R × FM cells with the 11 segments', () => {
    const reference: Record<string, string[]> = {
      champions: ['55', '54', '45'],
      loyal: ['53', '44', '35', '34'],
      potential_loyalists: ['52', '42', '33', '43'],
      recent: ['51'],
      promising: ['41', '31'],
      need_attention: ['32', '23', '22'],
      about_to_sleep: ['21'],
      at_risk: ['25', '24', '13'],
      cant_lose: ['15', '14'],
      hibernating: ['12'],
      lost: ['11'],
    };
    const expected = Object.fromEntries(
      Object.entries(reference).flatMap(([segment, cells]) => cells.map((c) => [c, segment])),
    );
    expect(rfmGrid).toEqual(expected);
    const cells = [1, 2, 3, 4, 5].flatMap((r) => [1, 2, 3, 4, 5].map((fm) => `${r}${fm}`));
    expect(Object.keys(rfmGrid).sort()).toEqual(cells);
    for (const cell of cells) expect(rfmSegments).toContain(rfmGrid[cell]);
    expect(new Set(Object.values(rfmGrid))).toEqual(new Set(rfmSegments));
    // Every R, F, M score triple lands in a named segment.
    for (const r of [1, 2, 3, 4, 5])
      for (const f of [1, 2, 3, 4, 5])
        for (const m of [1, 2, 3, 4, 5]) expect(rfmSegments).toContain(rfmSegment(r, f, m));
  });
});

describe('ladder', () => {
  it('ranks the stages upwards with lost at the bottom', () => {
    const byRank = [...ladderStages].sort((a, b) => ladderRank[a] - ladderRank[b]);
    expect(byRank).toEqual(['lost', 'unaware', 'aware', 'first_purchase', 'repeat_purchase', 'frequent', 'adherent']);
  });
});

describe('revenueVariation', () => {
  const cv = (series: number[]) => coefficientOfVariation(series);
  it('is the CV of monthly revenue at the month grain, zero months counting', () => {
    const months = [0, 100, 0, 300, 0, 0, 200, 0, 0, 0, 0, 0];
    expect(revenueVariation(months, 'month')).toBeCloseTo(cv(months)!, 12);
  });

  it('sums whole quarters counted back from the last month and leaves a shorter remainder out', () => {
    // 12 months → 4 quarters; the same amount in every quarter, in different months, is perfectly steady.
    expect(revenueVariation([90, 0, 0, 0, 90, 0, 0, 0, 90, 0, 45, 45], 'quarter')).toBe(0);
    // 14 months → 4 quarters after the first two months, whose 1000 is left out.
    expect(revenueVariation([1000, 1000, 30, 0, 0, 0, 30, 0, 0, 0, 30, 0, 10, 20], 'quarter')).toBe(0);
    expect(revenueVariation([0, 0, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0], 'quarter')).toBeCloseTo(cv([100, 0, 0, 0])!, 12);
  });

  it('has no value with fewer than two periods or nothing bought', () => {
    expect(revenueVariation([10, 20, 30, 40, 50], 'quarter')).toBeNull();
    expect(revenueVariation([0, 0, 0, 0, 0, 0], 'quarter')).toBeNull();
    expect(xyzWindow(12, 'quarter')).toEqual({ skip: 0, periods: 4 });
    expect(xyzWindow(13, 'quarter')).toEqual({ skip: 1, periods: 4 });
    expect(xyzWindow(5, 'month')).toEqual({ skip: 0, periods: 5 });
  });
});

describe('insignificantGroup', () => {
  const client = (
    id: number,
    profit: number,
    minutes: number,
    abcProfit: string | null = 'C',
    stage = 'repeat_purchase',
  ) => ({ id, profit, minutes, stage, abcProfit });
  it('takes steady clients from the least profit per minute up while they give at most the share of profit', () => {
    // Positive profit 1000 → 5 % = 50: 1 (0.1/min, 10) and 2 (0.5/min, 30) are in; 3 would make 90.
    const clients = [
      client(1, 10, 100),
      client(2, 30, 60),
      client(3, 50, 50),
      client(4, 910, 10),
      client(5, -20, 500),
      client(6, 0, 0),
    ];
    expect([...insignificantGroup(clients, 5)].sort()).toEqual([1, 2]);
  });

  it('never takes a client of class A by profit, nor a client that is not steady', () => {
    const clients = [
      client(1, 10, 1000, 'A'),
      client(2, 10, 500, 'C', 'first_purchase'),
      client(3, 20, 100),
      client(4, 960, 10),
    ];
    expect([...insignificantGroup(clients, 5)]).toEqual([3]);
    // The same A client without its class would be the first one taken.
    expect(
      [
        ...insignificantGroup(
          clients.map((c) => ({ ...c, abcProfit: 'B' })),
          5,
        ),
      ].sort(),
    ).toEqual([1, 3]);
  });
});
