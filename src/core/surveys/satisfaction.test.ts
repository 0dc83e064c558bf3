import { describe, expect, it } from 'vitest';
import { addressName } from './questions.js';
import {
  addPeriods,
  hasAnyAnswer,
  netPromoterScore,
  npsClass,
  npsFromCounts,
  periodStart,
  periodsBetween,
  responseSatisfaction,
  summarizeResponses,
  surveyTrend,
  weakestDimension,
} from './satisfaction.js';

describe('Net Promoter Score (Reichheld 2003)', () => {
  it('classes 9–10 as promoters, 7–8 as passives and 0–6 as detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsClass)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it('is the share of promoters minus the share of detractors, in percent', () => {
    // 5 promoters, 3 passives, 2 detractors of 10: 50 % − 20 % = 30.
    expect(netPromoterScore([10, 9, 9, 10, 9, 8, 7, 7, 6, 0])).toBe(30);
    expect(netPromoterScore([10, 10])).toBe(100);
    expect(netPromoterScore([0, 3, 6])).toBe(-100);
    expect(netPromoterScore([7, 8])).toBe(0);
    // 1 promoter, 2 detractors of 3 → −33.3…
    expect(netPromoterScore([9, 1, 2])).toBeCloseTo(-33.333, 2);
  });

  it('skips missing answers and is null without any', () => {
    expect(netPromoterScore([null, undefined, 10, 5])).toBe(0);
    expect(netPromoterScore([])).toBeNull();
    expect(npsFromCounts(0, 0, 0)).toBeNull();
  });
});

describe('satisfaction summaries', () => {
  const responses = [
    { answeredOn: '2025-01-15', goods: 5, staff: 4, prices: 2, logistics: 3, service: 4, company: 4, nps: 9 },
    { answeredOn: '2025-02-20', goods: 3, prices: 1, nps: 6 },
    { answeredOn: '2025-04-02', company: 5 },
    { answeredOn: '2025-06-30', nps: 10 },
  ];

  it('averages each dimension over the responses that scored it, and pools all scores for the overall', () => {
    const s = summarizeResponses(responses);
    expect(s.responses).toBe(4);
    expect(s.averages).toEqual({ goods: 4, staff: 4, prices: 1.5, logistics: 3, service: 4, company: 4.5 });
    // (5+4+2+3+4+4) + (3+1) + 5 = 31 over 9 scores.
    expect(s.overall).toBeCloseTo(31 / 9, 10);
    expect(s).toMatchObject({ npsRespondents: 3, promoters: 2, passives: 0, detractors: 1 });
    expect(s.nps).toBeCloseTo(100 / 3, 10);
    expect(weakestDimension(s.averages)).toEqual({ dimension: 'prices', average: 1.5 });
  });

  it('knows an empty answer, a response’s own mean, and the weakest dimension’s tie rule', () => {
    expect(hasAnyAnswer({})).toBe(false);
    expect(hasAnyAnswer({ goods: null, nps: null })).toBe(false);
    expect(hasAnyAnswer({ nps: 0 })).toBe(true);
    expect(responseSatisfaction({ goods: 5, staff: 2 })).toBe(3.5);
    expect(responseSatisfaction({ nps: 10 })).toBeNull();
    expect(weakestDimension({ goods: 3, staff: 2, prices: 2, logistics: null, service: 4, company: 5 })).toEqual({
      dimension: 'staff',
      average: 2,
    });
    expect(
      weakestDimension({ goods: null, staff: null, prices: null, logistics: null, service: null, company: null }),
    ).toBeNull();
  });

  it('splits a trend into periods, empty ones included', () => {
    const byQuarter = surveyTrend(responses, '2025-01-01', '2025-09-30', 'quarter');
    expect(byQuarter.map((p) => [p.period, p.summary.responses])).toEqual([
      ['2025-01-01', 2],
      ['2025-04-01', 2],
      ['2025-07-01', 0],
    ]);
    expect(byQuarter[0]!.summary.nps).toBe(0);
    expect(byQuarter[1]!.summary.averages.company).toBe(5);
    expect(byQuarter[2]!.summary.overall).toBeNull();
    const byMonth = surveyTrend(responses, '2025-02-01', '2025-04-30', 'month');
    expect(byMonth.map((p) => p.summary.responses)).toEqual([1, 0, 1]);
  });

  it('computes periods of a month, a quarter and a year', () => {
    expect(periodStart('2025-11-23', 'quarter')).toBe('2025-10-01');
    expect(periodStart('2025-03-31', 'quarter')).toBe('2025-01-01');
    expect(periodStart('2025-11-23', 'year')).toBe('2025-01-01');
    expect(periodStart('2025-11-23', 'month')).toBe('2025-11-01');
    expect(addPeriods('2025-10-01', 'quarter', 1)).toBe('2026-01-01');
    expect(addPeriods('2025-01-01', 'month', -1)).toBe('2024-12-01');
    expect(periodsBetween('2024-12-15', '2025-02-01', 'month')).toEqual(['2024-12-01', '2025-01-01', '2025-02-01']);
  });
});

describe('how the survey addresses the contact', () => {
  it('uses имя и отчество in Russian and the first name in English', () => {
    expect(addressName('Иванова Мария Петровна', 'ru')).toBe('Мария Петровна');
    expect(addressName('Иванова Мария Петровна', 'en')).toBe('Мария');
    expect(addressName('Пётр Ильич', 'ru')).toBe('Пётр Ильич');
    expect(addressName('Новиков Павел', 'ru')).toBe('Павел');
    expect(addressName('John Smith', 'en')).toBe('John');
    expect(addressName('  Мадонна ', 'ru')).toBe('Мадонна');
    expect(addressName('', 'ru')).toBeNull();
    expect(addressName(null, 'en')).toBeNull();
  });
});
