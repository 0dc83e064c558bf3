// When to congratulate whom: the yearly occurrence of a personal or company date, the age or
// anniversary it marks, and the working day the congratulation task is due on. Pure functions of
// dates, shared by the calendar, the task generator and the iCalendar feed.
import { workingDayOnOrBefore } from './calendar.js';
import { daysFromCivil, toDay, toIso } from './dates.js';
import { industryKeys, industryLabels, type IndustryKey } from './professional-holidays.js';
import type { IsoDate } from './production-calendar-ru.js';

/** The organisation's default lead time when it has not set one (days before the event). */
export const defaultCongratulationLeadDays = 7;
/** Bounds of a lead time, the organisation's default and a useful date's own alike. */
export const maxCongratulationLeadDays = 60;

const daysInMonth = (year: number, month: number): number =>
  (month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1)) - daysFromCivil(year, month, 1);

/**
 * The date a recurring month/day falls on in `year`. A day the month does not have in that year is
 * moved back to the month's last day: 29 February is kept on 28 February in a non-leap year (the
 * custom in Russia, and what `make_date` clamping in the SQL of db/queries/calendar does too), and a
 * useful date stored as 31 April (the schema allows day 1–31 in any month) falls on 30 April.
 */
export function occurrenceIn(year: number, month: number, day: number): IsoDate {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`${month} is not a month 1–12`);
  if (!Number.isInteger(day) || day < 1 || day > 31) throw new RangeError(`${day} is not a day 1–31`);
  return toIso(daysFromCivil(year, month, Math.min(day, daysInMonth(year, month))));
}

/** The first occurrence of month/day on or after `from` (occurrenceIn of `from`'s year, else of the next). */
export function nextOccurrence(month: number, day: number, from: IsoDate): IsoDate {
  const year = Number(from.slice(0, 4));
  toDay(from);
  const thisYear = occurrenceIn(year, month, day);
  return thisYear >= from ? thisYear : occurrenceIn(year + 1, month, day);
}

/** Every occurrence of month/day from `from` to `to`, both included, in date order. */
export function occurrencesBetween(month: number, day: number, from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y += 1) {
    const d = occurrenceIn(y, month, day);
    if (d >= from && d <= to) out.push(d);
  }
  return out;
}

/**
 * The number an occurrence marks when the first year is known: the age on a birthday, the 25th
 * anniversary of a company founded 25 years before. Formula: year(on) − sinceYear. Null when the year
 * is unknown or the count is not positive (a date entered for this year, or a year in the future).
 */
export function anniversaryCount(sinceYear: number | null | undefined, on: IsoDate): number | null {
  if (sinceYear === null || sinceYear === undefined) return null;
  const n = Number(on.slice(0, 4)) - sinceYear;
  return n > 0 ? n : null;
}

/** A lead time within 0–60 days; anything else (absent, negative, not whole) falls back to `fallback`. */
export function leadDaysOf(own: number | null | undefined, fallback: number): number {
  const ok = (n: number | null | undefined): n is number =>
    typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= maxCongratulationLeadDays;
  return ok(own) ? own : ok(fallback) ? fallback : defaultCongratulationLeadDays;
}

/**
 * The day a congratulation task is due: the event less the lead time, moved back to the working day
 * on or before it by the production calendar (calendar.ts workingDayOnOrBefore: 2013–2027 from the
 * shipped data, other years by the Labour Code's rules). With lead 1 a Monday birthday falls due on
 * the Friday before; with lead 0 a Sunday one falls due on Friday too.
 */
export function congratulationDueDay(eventOn: IsoDate, leadDays: number): IsoDate {
  if (!Number.isInteger(leadDays) || leadDays < 0) throw new RangeError(`${leadDays} is not a lead time in whole days`);
  return workingDayOnOrBefore(toIso(toDay(eventOn) - leadDays));
}

/** `date` moved by `days` calendar days (negative = back). */
export const addDays = (date: IsoDate, days: number): IsoDate => toIso(toDay(date) + days);

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: IsoDate, to: IsoDate): number => toDay(to) - toDay(from);

/**
 * Whether the generator run on `today` should create the task for an event: the event is still ahead
 * (on or after today) and its due day is no later than today + lead. So a task appears up to `lead`
 * days before it falls due (the brief's window: due ∈ [today, today + lead]), and a date entered too
 * late for its due day still gets its task, due today (see dueDayFrom).
 */
export function taskIsDue(today: IsoDate, eventOn: IsoDate, leadDays: number): boolean {
  return eventOn >= today && congratulationDueDay(eventOn, leadDays) <= addDays(today, leadDays);
}

/** The due day stored on a new task: the computed one, or today when that has already passed. */
export function dueDayFrom(today: IsoDate, eventOn: IsoDate, leadDays: number): IsoDate {
  const due = congratulationDueDay(eventOn, leadDays);
  return due < today ? today : due;
}

const normalise = (text: string): string => text.trim().toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ');
const byName = new Map<string, IndustryKey>();
for (const key of industryKeys) {
  byName.set(normalise(key), key);
  byName.set(normalise(industryLabels[key].ru), key);
  byName.set(normalise(industryLabels[key].en), key);
}
const OKVED = /^\d{2}(?:\.\d{1,2}){0,3}$/;

/**
 * What a client's free-text industry means to the professional-holiday catalogue: an industry key
 * when the text is a key or a label (Russian or English, any case, ё = е, spaces collapsed), the
 * ОКВЭД2 code itself when it is one ("46.90"), else null (no professional holiday but the ones for
 * every client). holidaysForIndustry takes either form.
 */
export function industryOf(text: string | null | undefined): IndustryKey | string | null {
  if (!text) return null;
  const n = normalise(text);
  if (!n) return null;
  const key = byName.get(n);
  if (key) return key;
  return OKVED.test(n) ? n : null;
}

/** The stable key of a generated task: one per occasion and year, so the generator never repeats itself. */
export const congratulationSourceKey = {
  birthday: (contactId: number, year: number) => `birthday:contact:${contactId}:${year}`,
  familyBirthday: (familyMemberId: number, year: number) => `family_birthday:member:${familyMemberId}:${year}`,
  usefulDate: (usefulDateId: number, year: number) => `useful_date:${usefulDateId}:${year}`,
  professionalHoliday: (holidayId: string, clientId: number, year: number) =>
    `professional_holiday:${holidayId}:client:${clientId}:${year}`,
};
