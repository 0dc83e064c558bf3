import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, workingDayOnOrAfter, workingDaysBetween } from '../calendar/calendar.js';
import { claimSeverities, claimStatuses } from '../vocabulary.js';
import {
  medianOfCounts,
  canMoveClaim,
  claimTransitions,
  claimWorkingDaysBySeverity,
  daysOverdue,
  daysToResolve,
  defaultClaimDueOn,
  isClaimOpen,
  isClaimOverdue,
  median,
  needsResolution,
} from './claims.js';

describe('the default deadline of a claim', () => {
  it('gives critical 1, high 3, medium 5 and low 10 working days', () => {
    expect(claimWorkingDaysBySeverity).toEqual({ critical: 1, high: 3, medium: 5, low: 10 });
    for (const severity of claimSeverities) {
      const due = defaultClaimDueOn('2026-02-02', severity);
      expect(workingDaysBetween('2026-02-02', due)).toBe(claimWorkingDaysBySeverity[severity]);
      expect(isWorkingDay(due)).toBe(true);
    }
  });

  it('counts over the New Year holidays: critical on 30.12.2025 is due on the first working day of 2026', () => {
    // 31.12.2025 is a day off (transferred from 05.01), and 1–11 January 2026 are the holidays.
    expect(isWorkingDay('2025-12-31')).toBe(false);
    expect(defaultClaimDueOn('2025-12-30', 'critical')).toBe(workingDayOnOrAfter('2025-12-31'));
    expect(defaultClaimDueOn('2025-12-30', 'critical')).toBe('2026-01-12');
    // Low: 29.12, 30.12, then 12–16.01 and 19–21.01.
    expect(defaultClaimDueOn('2025-12-26', 'low')).toBe('2026-01-21');
  });

  it('skips holidays moved to weekdays: 09.03.2026 (for 08.03) and 01.05.2026', () => {
    expect(defaultClaimDueOn('2026-03-06', 'medium')).toBe('2026-03-16');
    expect(defaultClaimDueOn('2026-04-30', 'high')).toBe('2026-05-06');
  });

  it('a claim received on a day off is due counting from the next working day', () => {
    expect(defaultClaimDueOn('2026-06-06', 'critical')).toBe('2026-06-08'); // Saturday → Monday
    expect(defaultClaimDueOn('2026-06-06', 'critical')).toBe(addWorkingDays('2026-06-06', 1));
  });
});

describe('the workflow of a claim', () => {
  it('allows new → in progress | rejected, in progress → resolved | rejected, and reopening', () => {
    const allowed = claimStatuses.flatMap((from) =>
      claimStatuses.filter((to) => canMoveClaim(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual([
      'in_progress→rejected',
      'in_progress→resolved',
      'new→in_progress',
      'new→rejected',
      'rejected→in_progress',
      'resolved→in_progress',
    ]);
    expect(Object.keys(claimTransitions).sort()).toEqual([...claimStatuses].sort());
  });

  it('refuses skipping work, staying put and moving between closed states', () => {
    expect(canMoveClaim('new', 'resolved')).toBe(false);
    expect(canMoveClaim('new', 'new')).toBe(false);
    expect(canMoveClaim('resolved', 'rejected')).toBe(false);
    expect(canMoveClaim('rejected', 'new')).toBe(false);
  });

  it('asks for a resolution when a claim is closed', () => {
    expect(claimStatuses.filter(needsResolution)).toEqual(['resolved', 'rejected']);
    expect(claimStatuses.filter(isClaimOpen)).toEqual(['new', 'in_progress']);
  });
});

describe('overdue and time to resolve', () => {
  it('is overdue only when open and due before today', () => {
    expect(isClaimOverdue({ status: 'new', dueOn: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isClaimOverdue({ status: 'in_progress', dueOn: '2026-03-02' }, '2026-03-02')).toBe(false);
    expect(isClaimOverdue({ status: 'resolved', dueOn: '2026-01-01' }, '2026-03-02')).toBe(false);
    expect(daysOverdue({ status: 'new', dueOn: '2026-02-27' }, '2026-03-02')).toBe(3);
    expect(daysOverdue({ status: 'rejected', dueOn: '2026-02-27' }, '2026-03-02')).toBe(0);
  });

  it('counts calendar days from receipt to resolution', () => {
    expect(daysToResolve('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysToResolve('2026-03-02', '2026-03-02')).toBe(0);
    expect(daysToResolve('2024-02-28', '2024-03-01')).toBe(2); // a leap year
    expect(daysToResolve('2026-03-02', null)).toBeNull();
  });

  it('takes the median of an odd and an even count', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});

describe('the median of counted values', () => {
  it('is the middle value, or the mean of the two middle ones, as percentile_cont(0.5)', () => {
    expect(medianOfCounts([])).toBeNull();
    expect(medianOfCounts([[4, 0]])).toBeNull();
    expect(medianOfCounts([[7, 1]])).toBe(7);
    // 1 2 2 9 → (2 + 2) / 2; 0 3 → 1.5; 1 1 1 5 8 → 1; unsorted input.
    expect(
      medianOfCounts([
        [9, 1],
        [2, 2],
        [1, 1],
      ]),
    ).toBe(2);
    expect(
      medianOfCounts([
        [3, 1],
        [0, 1],
      ]),
    ).toBe(1.5);
    expect(
      medianOfCounts([
        [5, 1],
        [1, 3],
        [8, 1],
      ]),
    ).toBe(1);
    // 2 2 3 3 3 10: (3 + 3) / 2; 2 2 2 10 10 10: (2 + 10) / 2.
    expect(
      medianOfCounts([
        [2, 2],
        [3, 3],
        [10, 1],
      ]),
    ).toBe(3);
    expect(
      medianOfCounts([
        [10, 3],
        [2, 3],
      ]),
    ).toBe(6);
  });

  it('equals the median of the values written out', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.nat(4)), { maxLength: 12 }), (counts) => {
        const values = counts.flatMap(([v, n]) => Array.from({ length: n }, () => v));
        expect(medianOfCounts(counts)).toBe(median(values));
      }),
    );
  });
});
