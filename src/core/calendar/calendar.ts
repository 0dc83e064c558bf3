// Working days in Russia: which days are worked, shortened or off, and the arithmetic on them that
// reminders ("never on a day off") and "N working days before" deadlines need. The years 2013–2027 come
// from the shipped production calendar; any other year is built from the Labour Code's rules alone,
// without the Government's yearly decree on transfers, and is flagged provisional.
import {
  firstCalendarYear,
  lastCalendarYear,
  productionCalendarRu,
  type DayOff,
  type IsoDate,
  type PublicHolidayId,
} from './production-calendar-ru.js';
import { checkYear, daysFromCivil, isoOf, isWeekend, toDay, toIso } from './dates.js';

export type { DayOff, IsoDate, PublicHolidayId } from './production-calendar-ru.js';
export { firstCalendarYear, lastCalendarYear, publicHolidayIds } from './production-calendar-ru.js';

/** Names as in ТК РФ ст. 112; English after xmlcalendar's calendar.en.xml, except id 1, which covers 1–6 and 8 January. */
export const publicHolidayNames: Readonly<Record<PublicHolidayId, { ru: string; en: string }>> = {
  new_year_holidays: { ru: 'Новогодние каникулы', en: 'New Year holidays' },
  christmas: { ru: 'Рождество Христово', en: 'Orthodox Christmas Day' },
  defender_of_the_fatherland_day: { ru: 'День защитника Отечества', en: 'Defender of the Fatherland Day' },
  womens_day: { ru: 'Международный женский день', en: "International Women's Day" },
  spring_and_labour_day: { ru: 'Праздник Весны и Труда', en: 'Spring and Labour Day' },
  victory_day: { ru: 'День Победы', en: 'Victory Day' },
  russia_day: { ru: 'День России', en: 'Russia Day' },
  unity_day: { ru: 'День народного единства', en: 'Unity Day' },
};

/** ТК РФ ст. 112 part 1 (as amended by 35-ФЗ of 23.04.2012): month, day, holiday. */
const article112: readonly (readonly [number, number, PublicHolidayId])[] = [
  [1, 1, 'new_year_holidays'],
  [1, 2, 'new_year_holidays'],
  [1, 3, 'new_year_holidays'],
  [1, 4, 'new_year_holidays'],
  [1, 5, 'new_year_holidays'],
  [1, 6, 'new_year_holidays'],
  [1, 7, 'christmas'],
  [1, 8, 'new_year_holidays'],
  [2, 23, 'defender_of_the_fatherland_day'],
  [3, 8, 'womens_day'],
  [5, 1, 'spring_and_labour_day'],
  [5, 9, 'victory_day'],
  [6, 12, 'russia_day'],
  [11, 4, 'unity_day'],
];

// ---------------------------------------------------------------------------------------------------
// One year's exceptions to "Saturday and Sunday off", from the data or from the rules.

type YearTable = {
  year: number;
  provisional: boolean;
  source: string;
  holidays: Map<IsoDate, PublicHolidayId>;
  daysOff: Map<IsoDate, DayOff>;
  shortened: Set<IsoDate>;
  workingWeekends: Set<IsoDate>;
};

const RULES_SOURCE =
  'rules: ТК РФ ст. 112 (weekend holidays move to the next working day, except 1–8 January) and ст. 95 (the working day before a holiday is one hour shorter); no Government decree applied';

const tables = new Map<number, YearTable>();

function holidayDates(year: number): Map<IsoDate, PublicHolidayId> {
  return new Map(article112.map(([m, d, id]) => [isoOf(year, m, d), id]));
}

function tableFor(year: number): YearTable {
  let table = tables.get(year);
  if (!table) {
    table = year >= firstCalendarYear && year <= lastCalendarYear ? fromData(year) : fromRules(year);
    tables.set(year, table);
  }
  return table;
}

function fromData(year: number): YearTable {
  const data = productionCalendarRu[year];
  if (!data) throw new Error(`the production calendar has no year ${year}`);
  return {
    year,
    provisional: data.provisional,
    source: data.source,
    holidays: holidayDates(year),
    daysOff: new Map(data.daysOff.map((d) => [d.date, d])),
    shortened: new Set(data.shortened),
    workingWeekends: new Set(data.workingWeekends),
  };
}

/**
 * A year without a decree: ст. 112 holidays; a holiday on a Saturday or Sunday gives a day off on the
 * next working day (ст. 112 part 2), except 1–8 January, which the same article leaves for the
 * Government to move; the working day immediately before a holiday (31 December for 1 January) is
 * shortened (ст. 95). No working Saturdays: only a decree makes them.
 */
function fromRules(year: number): YearTable {
  const holidays = holidayDates(year);
  const daysOff = new Map<IsoDate, DayOff>();
  for (const [iso, holiday] of holidays) {
    const n = toDay(iso);
    if (isWeekend(n)) continue;
    daysOff.set(iso, { date: iso, reason: 'holiday', holiday });
  }
  for (const [iso, holiday] of holidays) {
    const n = toDay(iso);
    if (!isWeekend(n) || iso.slice(5, 7) === '01') continue;
    let to = n + 1;
    while (isWeekend(to) || holidays.has(toIso(to)) || daysOff.has(toIso(to))) to += 1;
    // A transfer that would leave the year (not possible with today's list) is dropped rather than guessed.
    if (toIso(to).slice(0, 4) !== iso.slice(0, 4)) continue;
    daysOff.set(toIso(to), { date: toIso(to), reason: 'transfer', from: iso, holiday });
  }
  const shortened = new Set<IsoDate>();
  for (const iso of [...holidays.keys(), isoOf(year + 1, 1, 1)]) {
    const before = toDay(iso) - 1;
    const b = toIso(before);
    if (b.slice(0, 4) === String(year).padStart(4, '0') && !isWeekend(before) && !holidays.has(b) && !daysOff.has(b))
      shortened.add(b);
  }
  return {
    year,
    provisional: true,
    source: RULES_SOURCE,
    holidays,
    daysOff: new Map([...daysOff].sort(([a], [b]) => (a < b ? -1 : 1))),
    shortened,
    workingWeekends: new Set(),
  };
}

// ---------------------------------------------------------------------------------------------------

export type DayKind = 'working' | 'shortened' | 'off';

export type DayInfo = {
  date: IsoDate;
  kind: DayKind;
  /**
   * working: an ordinary Monday–Friday; working_weekend: a Saturday or Sunday worked by decree;
   * weekend: an ordinary Saturday or Sunday off; holiday: a ст. 112 date (on any weekday);
   * transfer: a day off moved to a weekday; non_working: a Presidential non-working day (2020, 2021).
   */
  reason: 'working' | 'working_weekend' | 'weekend' | 'holiday' | 'transfer' | 'non_working';
  /** The ст. 112 holiday the day is, or whose day off was moved here when the source says so. */
  holiday?: PublicHolidayId;
  /** For a transfer: the Saturday or Sunday the day off came from, when the source names it. */
  from?: IsoDate;
  /** For a Presidential non-working day: the decree. */
  decree?: string;
  /** True when the year is built from the rules or rests on a draft (2027). */
  provisional: boolean;
};

const yearOf = (iso: IsoDate): number => Number(iso.slice(0, 4));

function infoOf(n: number): DayInfo {
  const date = toIso(n);
  const t = tableFor(yearOf(date));
  const base = { date, provisional: t.provisional };
  const holiday = t.holidays.get(date);
  if (holiday) return { ...base, kind: 'off', reason: 'holiday', holiday };
  const off = t.daysOff.get(date);
  if (off?.reason === 'transfer')
    return {
      ...base,
      kind: 'off',
      reason: 'transfer',
      ...(off.holiday ? { holiday: off.holiday } : {}),
      ...(off.from ? { from: off.from } : {}),
    };
  if (off?.reason === 'non_working') return { ...base, kind: 'off', reason: 'non_working', decree: off.decree };
  const kind: DayKind = t.shortened.has(date) ? 'shortened' : 'working';
  if (isWeekend(n))
    return t.workingWeekends.has(date)
      ? { ...base, kind, reason: 'working_weekend' }
      : { ...base, kind: 'off', reason: 'weekend' };
  return { ...base, kind, reason: 'working' };
}

/**
 * Whether a date is a working day, a shortened working day (one hour less, ТК РФ ст. 95) or a day off,
 * and why. 2013–2027: the shipped production calendar (production-calendar-ru.ts, from xmlcalendar/data
 * cross-checked with d10xa/holidays-calendar); other years: the ст. 112/ст. 95 rules, flagged provisional
 * (before 2013 the ст. 112 list itself was different, so the rules misdescribe those years).
 * A ст. 112 holiday is reported with its id even when it falls on a weekend. Throws RangeError for a
 * string that is not a YYYY-MM-DD calendar date.
 */
export function dayKind(isoDate: IsoDate): DayInfo {
  return infoOf(toDay(isoDate));
}

/** True for working and shortened days (same source and rules as dayKind). */
export function isWorkingDay(isoDate: IsoDate): boolean {
  return dayKind(isoDate).kind !== 'off';
}

/**
 * Working days (shortened ones included) after `from` up to and including `to`: the start day is not
 * counted, as in "in 3 working days". Negative when `to` is before `from`, so
 * workingDaysBetween(d, addWorkingDays(d, n)) === n. Same calendar as dayKind.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const a = toDay(from);
  const b = toDay(to);
  if (b < a) return -workingDaysBetween(to, from);
  let count = 0;
  for (let n = a + 1; n <= b; n += 1) if (infoOf(n).kind !== 'off') count += 1;
  return count;
}

/**
 * The date `n` working days after `date` (n > 0) or before it (n < 0), not counting `date` itself:
 * "a task 3 working days before 2026-05-12" is addWorkingDays('2026-05-12', -3). n = 0 returns `date`
 * unchanged, working or not. Same calendar as dayKind.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`${n} is not a whole number of working days`);
  let day = toDay(date);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0;) {
    day += step;
    if (infoOf(day).kind !== 'off') left -= 1;
  }
  return toIso(day);
}

/** `date` when it is a working day, else the last working day before it: when a reminder for a day off should go out. Same calendar as dayKind. */
export function workingDayOnOrBefore(date: IsoDate): IsoDate {
  let day = toDay(date);
  while (infoOf(day).kind === 'off') day -= 1;
  return toIso(day);
}

/** `date` when it is a working day, else the first working day after it. Same calendar as dayKind. */
export function workingDayOnOrAfter(date: IsoDate): IsoDate {
  let day = toDay(date);
  while (infoOf(day).kind === 'off') day += 1;
  return toIso(day);
}

export type YearSummary = {
  year: number;
  provisional: boolean;
  source: string;
  workingDays: number;
  daysOff: number;
  shortenedDays: number;
  /** The norm for a 40-hour five-day week: 8 h per working day, less 1 h per shortened day. */
  hours40: number;
  /** January first. */
  workingDaysByMonth: number[];
  /** Presidential non-working days among the days off (2020, 2021): the Минтруд norm counted them as working. */
  nonWorkingDays: number;
};

/**
 * The year's totals on a five-day week, as in Минтруд's production calendar: working days (shortened
 * included), days off, shortened days, the 40-hour norm (ТК РФ ст. 91 and ст. 95: 8 h a day, one hour
 * less before a holiday) and working days per month. Same calendar as dayKind; for 2020 and 2021 the
 * Presidential non-working days count as days off, so those totals are below the official norm.
 */
export function yearSummary(year: number): YearSummary {
  checkYear(year);
  const t = tableFor(year);
  const first = daysFromCivil(year, 1, 1);
  const last = daysFromCivil(year, 12, 31);
  const byMonth = Array.from({ length: 12 }, () => 0);
  let workingDays = 0;
  let shortenedDays = 0;
  let nonWorkingDays = 0;
  for (let n = first; n <= last; n += 1) {
    const info = infoOf(n);
    if (info.reason === 'non_working') nonWorkingDays += 1;
    if (info.kind === 'off') continue;
    workingDays += 1;
    if (info.kind === 'shortened') shortenedDays += 1;
    const month = Number(info.date.slice(5, 7)) - 1;
    byMonth[month] = (byMonth[month] ?? 0) + 1;
  }
  return {
    year,
    provisional: t.provisional,
    source: t.source,
    workingDays,
    daysOff: last - first + 1 - workingDays,
    shortenedDays,
    hours40: workingDays * 8 - shortenedDays,
    workingDaysByMonth: byMonth,
    nonWorkingDays,
  };
}

export type PublicHoliday = {
  id: PublicHolidayId;
  nameRu: string;
  nameEn: string;
  /** Its ст. 112 dates in the year, whatever weekday they fall on. */
  dates: IsoDate[];
  /** Days off moved from its weekend dates to weekdays; `from` is absent where the source does not name it. */
  movedTo: { from?: IsoDate; to: IsoDate }[];
};

export type HolidayYear = {
  year: number;
  provisional: boolean;
  source: string;
  holidays: PublicHoliday[];
  /** Every Monday–Friday off in the year: holidays, transfers, Presidential non-working days. */
  daysOff: DayOff[];
  /** Runs of consecutive days off that contain a holiday, a transfer or a non-working day; a run may start or end in a neighbouring year. */
  restPeriods: { from: IsoDate; to: IsoDate; days: number }[];
};

/**
 * The official non-working holidays of ТК РФ ст. 112 with their names (ru/en) and the year's actual
 * days off: for 2013–2027 as the production calendar has them (transfers by the Government's decrees),
 * for other years by the rules (weekends, ст. 112, a holiday on a weekend moves to the next working day
 * except the January ones) and flagged provisional.
 */
export function holidaysOf(year: number): HolidayYear {
  checkYear(year);
  const t = tableFor(year);
  const daysOff = [...t.daysOff.values()].filter((d) => !isWeekend(toDay(d.date)));
  const holidays = Object.entries(publicHolidayNames).map(([id, names]): PublicHoliday => ({
    id: id as PublicHolidayId,
    nameRu: names.ru,
    nameEn: names.en,
    dates: [...t.holidays].filter(([, h]) => h === id).map(([iso]) => iso),
    movedTo: daysOff.flatMap((d) =>
      d.reason === 'transfer' && d.holiday === id ? [{ ...(d.from ? { from: d.from } : {}), to: d.date }] : [],
    ),
  }));
  return { year, provisional: t.provisional, source: t.source, holidays, daysOff, restPeriods: restPeriods(year) };
}

function restPeriods(year: number): { from: IsoDate; to: IsoDate; days: number }[] {
  const periods: { from: IsoDate; to: IsoDate; days: number }[] = [];
  const last = daysFromCivil(year, 12, 31);
  for (let n = daysFromCivil(year, 1, 1); n <= last; n += 1) {
    const info = infoOf(n);
    if (info.kind !== 'off' || info.reason === 'weekend') continue;
    let start = n;
    while (infoOf(start - 1).kind === 'off') start -= 1;
    let end = n;
    while (infoOf(end + 1).kind === 'off') end += 1;
    periods.push({ from: toIso(start), to: toIso(end), days: end - start + 1 });
    n = end;
  }
  return periods;
}
