import { describe, expect, it } from 'vitest';
import { gridRange, monthWeeks, parseMonth, shiftMonth, weekdayIndex } from './month.js';

describe('the calendar month grid', () => {
  it('starts weeks on Monday and covers the whole month', () => {
    // August 2026 starts on a Saturday and ends on a Monday.
    const weeks = monthWeeks('2026-08');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]).toEqual([
      '2026-07-27',
      '2026-07-28',
      '2026-07-29',
      '2026-07-30',
      '2026-07-31',
      '2026-08-01',
      '2026-08-02',
    ]);
    expect(weeks.at(-1)![0]).toBe('2026-08-31');
    expect(gridRange('2026-08')).toEqual({ from: '2026-07-27', to: '2026-09-06' });
    // February 2027 starts on a Monday and ends on a Sunday: four rows exactly.
    expect(monthWeeks('2027-02')).toHaveLength(4);
    expect(weekdayIndex('2026-08-09')).toBe(6);
  });

  it('moves month to month across the year and reads ?month= safely', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('2026-08')).toBe('2026-08');
  });
});
