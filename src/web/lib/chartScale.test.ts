import { describe, expect, it } from 'vitest';
import { compactAxisFormatter, niceScale } from './chartScale.js';

const NBSP = '\u00a0';

describe('niceScale', () => {
  it('gives the whale curve even ticks of 20 up past its hump, never 0/30/60/90/110', () => {
    const scale = niceScale(0, 107.5, 7, [1, 2, 5]);
    expect(scale.ticks).toEqual([0, 20, 40, 60, 80, 100, 120]);
    expect(scale.domain).toEqual([0, 120]);
    expect(scale.decimals).toBe(0);
  });

  it('keeps 0–100 % as 0/20/…/100 when the data stay within it', () => {
    expect(niceScale(0, 100, 6, [1, 2, 5]).ticks).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('covers negative values with the same step on both sides of zero', () => {
    const scale = niceScale(-12, 107.5, 7, [1, 2, 5]);
    expect(scale.ticks).toEqual([-20, 0, 20, 40, 60, 80, 100, 120]);
  });

  it('uses steps of 1, 2, 2.5 or 5 times a power of ten, with the decimals the step needs', () => {
    expect(niceScale(0, 1_430_000, 5)).toMatchObject({ step: 500_000, ticks: [0, 500_000, 1_000_000, 1_500_000] });
    expect(niceScale(0, 0.9, 5)).toMatchObject({ step: 0.25, decimals: 2, ticks: [0, 0.25, 0.5, 0.75, 1] });
    expect(niceScale(3, 3, 5).ticks[0]).toBe(0);
    expect(niceScale(0, 0, 5).domain).toEqual([0, 1]);
  });

  it('keeps whole steps for counts', () => {
    expect(niceScale(0, 36, 5, [1, 2, 5], 1).ticks).toEqual([0, 10, 20, 30, 40]);
    expect(niceScale(0, 1, 5, [1, 2, 5], 1).ticks).toEqual([0, 1]);
  });
});

describe('compactAxisFormatter', () => {
  it('writes every tick of a money axis in one unit with one precision', () => {
    const scale = niceScale(0, 1_430_000, 5);
    const format = compactAxisFormatter(scale, 'ru');
    expect(scale.ticks.map(format)).toEqual(['0', `0,5${NBSP}млн`, `1,0${NBSP}млн`, `1,5${NBSP}млн`]);
    expect(compactAxisFormatter(scale, 'en')(1_500_000)).toBe('1.5M');
  });

  it('writes negative ticks with the minus sign', () => {
    const scale = niceScale(-40_000, 90_000, 5);
    const format = compactAxisFormatter(scale, 'ru');
    expect(scale.ticks.map(format)).toEqual([`\u221250${NBSP}тыс.`, '0', `50${NBSP}тыс.`, `100${NBSP}тыс.`]);
  });
});
