// ISO dates as day numbers, for the calendar modules only. Integer civil-calendar arithmetic
// (H. Hinnant's days_from_civil) rather than Date: no time zones, and no Date.UTC quirk that maps
// the years 0–99 to 1900–1999.
import type { IsoDate } from './production-calendar-ru.js';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function toIso(n: number): IsoDate {
  const [y, m, d] = civilFromDays(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The day number of a YYYY-MM-DD date; RangeError for anything else (2025-02-29 included). */
export function toDay(iso: IsoDate): number {
  const m = DAY_RE.exec(iso);
  const n = m ? daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
  if (!m || toIso(n) !== iso) throw new RangeError(`"${iso}" is not a calendar date YYYY-MM-DD`);
  return n;
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay; day 0 (1970-01-01) was a Thursday. */
export const weekdayOf = (n: number): number => (((n + 4) % 7) + 7) % 7;

export const isWeekend = (n: number): boolean => weekdayOf(n) === 0 || weekdayOf(n) === 6;

export const isoOf = (y: number, m: number, d: number): IsoDate => toIso(daysFromCivil(y, m, d));

/** Whole years only: the calendars are built per year. */
export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999)
    throw new RangeError(`${year} is not a year between 1 and 9999`);
}

/**
 * The recurring days ("MMDD" as month × 100 + day, 229 for 29 February) whose yearly occurrences can
 * fall from `from` to `to` (both included): one interval, or two when the range crosses a new year;
 * null when the range spans a whole year, so every day recurs in it. An interval that ends on the last
 * day of its month runs on to day 31, because a day the month lacks that year (29 February, a useful
 * date's 31 April) falls on the month's last day. A superset by design: the caller still places each
 * day in its year and keeps what falls inside; this only lets an index on the stored MMDD find the
 * candidates of a month among a whole base's birthdays.
 */
export function recurringDayRanges(from: IsoDate, to: IsoDate): [number, number][] | null {
  const start = toDay(from);
  const end = toDay(to);
  if (end - start >= 365) return null;
  const [fy, fm, fd] = civilFromDays(start);
  const [ty, tm, td] = civilFromDays(end);
  const lastOfMonth = civilFromDays(daysFromCivil(tm === 12 ? ty + 1 : ty, tm === 12 ? 1 : tm + 1, 1) - 1)[2];
  const first = fm * 100 + fd;
  const last = tm * 100 + (td === lastOfMonth ? 31 : td);
  return fy === ty
    ? [[first, last]]
    : [
        [first, 1231],
        [101, last],
      ];
}
