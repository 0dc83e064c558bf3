import { describe, expect, it } from 'vitest';
import { formatNps, formatScore, fromFirstData } from './SurveyCharts.js';

describe('satisfaction figures', () => {
  it('write every score with 2 decimals, so that "3,70" stands beside "3,72", never "3,7"', () => {
    expect(formatScore(3.7, 'ru')).toBe('3,70');
    expect(formatScore(3.724, 'ru')).toBe('3,72');
    expect(formatScore(4, 'en')).toBe('4.00');
    expect(formatScore(null, 'ru')).toBe('—');
  });

  it('write an NPS with its sign, the minus sign and 1 decimal (0 on an axis)', () => {
    expect(formatNps(33.33, 'ru')).toBe('+33,3');
    expect(formatNps(-50, 'ru')).toBe('\u221250,0');
    expect(formatNps(0, 'en')).toBe('0.0');
    expect(formatNps(-0.01, 'en')).toBe('0.0');
    expect(formatNps(-100, 'ru', 0)).toBe('\u2212100');
    expect(formatNps(50, 'ru', 0)).toBe('+50');
  });

  it('start a trend at the first period with data, keeping later gaps', () => {
    const periods = [{ nps: null }, { nps: null }, { nps: 12 }, { nps: null }, { nps: -3 }];
    expect(fromFirstData(periods, (p) => p.nps !== null)).toEqual([{ nps: 12 }, { nps: null }, { nps: -3 }]);
    expect(fromFirstData([{ nps: null }], (p) => p.nps !== null)).toEqual([]);
  });
});
