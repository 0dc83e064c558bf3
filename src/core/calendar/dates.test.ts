import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, recurringDayRanges, toDay, toIso } from './dates.js';

/** Where a recurring month/day falls in a year, as the personal-dates query places it (a missing day → the month's last). */
const occurrence = (year: number, month: number, day: number): number => {
  const last = civilFromDays(daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1)[2];
  return daysFromCivil(year, month, Math.min(day, last));
};
const inRanges = (mmdd: number, ranges: [number, number][] | null) =>
  ranges === null || ranges.some(([a, b]) => mmdd >= a && mmdd <= b);

describe('recurringDayRanges: the month/days a range can hold', () => {
  it('a month, a range across the new year, and a whole year', () => {
    expect(recurringDayRanges('2026-12-01', '2026-12-31')).toEqual([[1201, 1231]]);
    expect(recurringDayRanges('2026-12-25', '2027-01-05')).toEqual([
      [1225, 1231],
      [101, 105],
    ]);
    expect(recurringDayRanges('2026-01-01', '2026-12-31')).toEqual([[101, 1231]]);
    expect(recurringDayRanges('2026-01-01', '2027-01-01')).toBeNull();
  });

  it('runs on to day 31 when the range ends on its month’s last day (29 February in a common year)', () => {
    expect(recurringDayRanges('2027-02-01', '2027-02-28')).toEqual([[201, 231]]);
    expect(recurringDayRanges('2028-02-01', '2028-02-28')).toEqual([[201, 228]]);
    expect(recurringDayRanges('2026-04-10', '2026-04-30')).toEqual([[410, 431]]);
  });

  it('holds every month/day that falls inside, for ranges of every length and start (exhaustive)', () => {
    const days: [number, number][] = [];
    for (let m = 1; m <= 12; m++) for (let d = 1; d <= 31; d++) days.push([m, d]);
    for (const startIso of ['2026-12-20', '2027-02-27', '2028-02-28', '2028-12-31', '2029-06-30']) {
      const start = toDay(startIso);
      for (const span of [0, 1, 2, 27, 28, 30, 31, 41, 90, 200, 363, 364, 365, 400]) {
        const from = toIso(start);
        const to = toIso(start + span);
        const ranges = recurringDayRanges(from, to);
        const [fy] = civilFromDays(start);
        const [ty] = civilFromDays(start + span);
        for (const [m, d] of days) {
          let falls = false;
          for (let y = fy; y <= ty; y++) {
            const on = occurrence(y, m, d);
            if (on >= start && on <= start + span) falls = true;
          }
          if (falls) expect(inRanges(m * 100 + d, ranges), `${m}-${d} in ${from}…${to}`).toBe(true);
        }
      }
    }
  });
});
