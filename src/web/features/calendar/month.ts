/** The month grid of the calendar page: pure date arithmetic on ISO dates, no time zones. */
import { addDays, daysBetween } from '../../../core/calendar/congratulations.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2026-08" when it is a month, else null (a link with a broken ?month= opens the current month). */
export const parseMonth = (value: string | null | undefined): string | null =>
  value && MONTH.test(value) ? value : null;

/** The month of an ISO date: "2026-08-09" → "2026-08". */
export const monthOf = (iso: string): string => iso.slice(0, 7);

/** A month moved by n months: ("2026-12", 1) → "2027-01". */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** 0 = Monday … 6 = Sunday (weeks start on Monday in Russia, ГОСТ ISO 8601). */
export const weekdayIndex = (iso: string): number => (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;

export const isWeekend = (iso: string): boolean => weekdayIndex(iso) >= 5;

/**
 * The weeks shown for a month: Monday on or before the 1st to Sunday on or after the last day,
 * 4 to 6 rows of 7 ISO dates.
 */
export function monthWeeks(month: string): string[][] {
  const first = `${month}-01`;
  const last = addDays(`${shiftMonth(month, 1)}-01`, -1);
  const start = addDays(first, -weekdayIndex(first));
  const end = addDays(last, 6 - weekdayIndex(last));
  const weeks: string[][] = [];
  for (let d = start; d <= end; d = addDays(d, 7)) weeks.push(Array.from({ length: 7 }, (_, i) => addDays(d, i)));
  return weeks;
}

/** The first and last day of a month's grid, the range to ask the API for. */
export function gridRange(month: string): { from: string; to: string } {
  const weeks = monthWeeks(month);
  return { from: weeks[0]![0]!, to: weeks.at(-1)![6]! };
}

/** Days from today to a due day: negative when overdue. */
export const daysUntil = (today: string, day: string): number => daysBetween(today, day);
