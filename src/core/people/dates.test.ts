import { describe, expect, it } from 'vitest';
import { daysInMonth, isRecurringDate, lastYearWindow, nextOccurrence, occurrenceIn } from './dates.js';

describe('recurring dates', () => {
  it('knows the days of each month, February by the year', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(m, 2025))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2, 2024)).toBe(29);
    expect(daysInMonth(2, 1900)).toBe(28);
    expect(daysInMonth(2, 2000)).toBe(29);
    expect(daysInMonth(2)).toBe(29);
  });

  it('accepts 29.02 without a year or in a leap year, and refuses 31.02, 31.04, month 13 and day 0', () => {
    expect(isRecurringDate(2, 29)).toBe(true);
    expect(isRecurringDate(2, 29, 1996)).toBe(true);
    expect(isRecurringDate(2, 29, 1995)).toBe(false);
    expect(isRecurringDate(2, 31)).toBe(false);
    expect(isRecurringDate(4, 31)).toBe(false);
    expect(isRecurringDate(13, 1)).toBe(false);
    expect(isRecurringDate(1, 0)).toBe(false);
    expect(isRecurringDate(12, 31, 2026)).toBe(true);
  });

  it('keeps 29 February on the 28th in common years, and finds the next occurrence from today', () => {
    expect(occurrenceIn(2025, 2, 29)).toBe('2025-02-28');
    expect(occurrenceIn(2028, 2, 29)).toBe('2028-02-29');
    expect(nextOccurrence(5, 12, '2026-05-12')).toBe('2026-05-12');
    expect(nextOccurrence(5, 12, '2026-05-13')).toBe('2027-05-12');
    expect(nextOccurrence(1, 1, '2026-12-31')).toBe('2027-01-01');
    expect(nextOccurrence(2, 29, '2027-03-01')).toBe('2028-02-29');
  });

  it('takes "last year" as the year up to today, both ends included', () => {
    expect(lastYearWindow('2026-06-15')).toEqual({ from: '2025-06-15', to: '2026-06-15' });
    expect(lastYearWindow('2028-02-29')).toEqual({ from: '2027-02-28', to: '2028-02-29' });
  });
});
