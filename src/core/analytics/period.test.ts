import { describe, expect, it } from 'vitest';
import { addMonths, asOfFor, monthEnd, monthOf, monthsIn, periodEnding, wholeMonthsOf } from './period.js';

describe('periods of whole months', () => {
  it("takes the first day of a date's month", () => {
    expect(monthOf('2026-06-15')).toBe('2026-06-01');
    expect(monthOf('2026-06-01')).toBe('2026-06-01');
    expect(monthOf('2024-02-29')).toBe('2024-02-01');
    expect(monthOf('2025-12-31')).toBe('2025-12-01');
  });

  it('adds months across year boundaries, forwards and backwards', () => {
    expect(addMonths('2026-06-01', 0)).toBe('2026-06-01');
    expect(addMonths('2026-11-01', 3)).toBe('2027-02-01');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01');
    expect(addMonths('2026-01-01', -12)).toBe('2025-01-01');
    expect(addMonths('2026-01-01', -13)).toBe('2024-12-01');
    expect(addMonths('2026-01-01', -24)).toBe('2024-01-01');
    expect(addMonths('2026-03-01', -15)).toBe('2024-12-01');
    expect(addMonths('2026-06-01', -23)).toBe('2024-07-01');
    expect(addMonths('2025-07-01', 11)).toBe('2026-06-01');
    expect(addMonths('2026-06-01', 30)).toBe('2028-12-01');
  });

  it('finds the last day of a month, leap years included', () => {
    expect(monthEnd('2024-02-01')).toBe('2024-02-29');
    expect(monthEnd('2026-02-01')).toBe('2026-02-28');
    expect(monthEnd('2000-02-01')).toBe('2000-02-29');
    expect(monthEnd('2100-02-01')).toBe('2100-02-28');
    expect(monthEnd('2026-04-01')).toBe('2026-04-30');
    expect(monthEnd('2026-12-01')).toBe('2026-12-31');
    expect(monthEnd('2026-01-01')).toBe('2026-01-31');
  });

  it("makes the default period of n months ending with today's month", () => {
    expect(periodEnding('2026-06-15', 12)).toEqual({ from: '2025-07-01', to: '2026-06-01' });
    expect(periodEnding('2026-01-31', 3)).toEqual({ from: '2025-11-01', to: '2026-01-01' });
    expect(periodEnding('2026-06-15', 1)).toEqual({ from: '2026-06-01', to: '2026-06-01' });
    expect(periodEnding('2026-06-15', 24)).toEqual({ from: '2024-07-01', to: '2026-06-01' });
  });

  it('counts the months of a period, both ends included', () => {
    expect(monthsIn({ from: '2025-07-01', to: '2026-06-01' })).toBe(12);
    expect(monthsIn({ from: '2026-03-01', to: '2026-03-01' })).toBe(1);
    expect(monthsIn({ from: '2024-11-01', to: '2026-02-01' })).toBe(16);
    expect(monthsIn({ from: '2026-01-01', to: '2026-03-01' })).toBe(3);
    expect(monthsIn(periodEnding('2026-06-15', 60))).toBe(60);
  });

  it("takes figures as of today inside the period, else at the period's last day", () => {
    expect(asOfFor({ from: '2025-07-01', to: '2026-06-01' }, '2026-06-15')).toBe('2026-06-15');
    expect(asOfFor({ from: '2026-01-01', to: '2026-03-01' }, '2026-06-15')).toBe('2026-03-31');
    expect(asOfFor({ from: '2024-01-01', to: '2024-02-01' }, '2026-06-15')).toBe('2024-02-29');
    // Today is the period's last day.
    expect(asOfFor({ from: '2026-01-01', to: '2026-03-01' }, '2026-03-31')).toBe('2026-03-31');
    expect(asOfFor({ from: '2026-01-01', to: '2026-03-01' }, '2026-04-01')).toBe('2026-03-31');
  });

  it('cuts a range of days into the whole months inside it and the days around them', () => {
    // The claims summary's default: from the first of a month to a day inside the current one.
    expect(wholeMonthsOf('2025-12-01', '2026-11-17')).toEqual({
      months: { from: '2025-12-01', to: '2026-10-01' },
      partial: [{ from: '2026-11-01', to: '2026-11-17' }],
    });
    expect(wholeMonthsOf('2026-01-01', '2026-03-31')).toEqual({
      months: { from: '2026-01-01', to: '2026-03-01' },
      partial: [],
    });
    expect(wholeMonthsOf('2024-01-15', '2024-03-10')).toEqual({
      months: { from: '2024-02-01', to: '2024-02-01' },
      partial: [
        { from: '2024-01-15', to: '2024-01-31' },
        { from: '2024-03-01', to: '2024-03-10' },
      ],
    });
    // Leap day as the month's last; inside one month; a single day.
    expect(wholeMonthsOf('2024-02-01', '2024-02-29')).toEqual({
      months: { from: '2024-02-01', to: '2024-02-01' },
      partial: [],
    });
    expect(wholeMonthsOf('2024-02-01', '2024-02-28')).toEqual({
      months: null,
      partial: [{ from: '2024-02-01', to: '2024-02-28' }],
    });
    expect(wholeMonthsOf('2025-12-31', '2026-01-01')).toEqual({
      months: null,
      partial: [{ from: '2025-12-31', to: '2026-01-01' }],
    });
    expect(wholeMonthsOf('2026-05-05', '2026-05-05')).toEqual({
      months: null,
      partial: [{ from: '2026-05-05', to: '2026-05-05' }],
    });
  });
});
