// Recurring personal dates (birthdays, name days, anniversaries): a month and a day that come back
// every year, with an optional year. Pure integer arithmetic on YYYY-MM-DD strings, no time zones.

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days in a month; without a year February has 29, since a date born on the 29th recurs in leap years. */
export function daysInMonth(month: number, year?: number | null): number {
  if (month === 2) return year === undefined || year === null || isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether month/day (and the year when given) name a real calendar day: 31.04 is not, 29.02 is without a year or in a leap year. */
export function isRecurringDate(month: number, day: number, year?: number | null): boolean {
  return (
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(month, year)
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;

/** The day a recurring date falls on in a year: 29 February is kept on 28 February in common years. */
export function occurrenceIn(year: number, month: number, day: number): string {
  return iso(year, month, Math.min(day, daysInMonth(month, year)));
}

/** The next time month/day comes, today included (`today` is YYYY-MM-DD). */
export function nextOccurrence(month: number, day: number, today: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = occurrenceIn(year, month, day);
  return thisYear >= today ? thisYear : occurrenceIn(year + 1, month, day);
}

/**
 * "Given last year": the window [today − 1 year, today], both days included. Chosen over "the 12 months
 * before the next birthday" because it always covers a whole year of history whatever the date, so the
 * reminder shows every gift of the past year (birthday, New Year, professional holiday) before the next one.
 */
export function lastYearWindow(today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  return { from: occurrenceIn(year - 1, Number(today.slice(5, 7)), Number(today.slice(8, 10))), to: today };
}
