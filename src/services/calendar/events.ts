import type { CalendarDayT, CalendarEventT, CalendarEventsQueryT, CalendarEventsT } from '../../contract/calendar.js';
import { dayKind, holidaysOf } from '../../core/calendar/calendar.js';
import {
  addDays,
  anniversaryCount,
  congratulationSourceKey,
  daysBetween,
  industryOf,
} from '../../core/calendar/congratulations.js';
import { holidaysForIndustry, professionalHolidaysOn } from '../../core/calendar/professional-holidays.js';
import { fieldProblem, invalidInput } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { clientsOfIndustryGroups, liveIndustryGroups } from '../../db/queries/calendar/industries.js';
import { personalDatesBetween, type PersonalDateRow } from '../../db/queries/calendar/personal-dates.js';
import type { Actor } from '../actor.js';
import { clientScope, type ClientScope } from '../access/scope.js';
import { hidePersonalEvents } from '../privacy/masking.js';

/** The longest range one request may ask for: a year and a bit, so a year view with its edges fits. */
export const maxRangeDays = 400;
/** How many of a professional holiday's clients an event lists by name (the count says how many in all). */
export const clientsPerHoliday = 20;

export type Scope = 'mine' | 'all';

const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};
const yearsOf = (from: string, to: string): number[] => {
  const out: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y += 1) out.push(y);
  return out;
};

/**
 * The production calendar's exceptions in the range: days off on weekdays (holidays, transfers,
 * Presidential non-working days), ст. 112 holidays that fall on a weekend, shortened days and
 * Saturdays or Sundays worked by decree. Ordinary weekends follow from the weekday.
 */
export function productionDays(from: string, to: string): { days: CalendarDayT[]; provisional: boolean } {
  const days: CalendarDayT[] = [];
  let provisional = false;
  for (const date of range(from, to)) {
    const info = dayKind(date);
    provisional ||= info.provisional;
    if (info.reason === 'working' && info.kind === 'working') continue;
    if (info.reason === 'weekend') continue;
    days.push({
      date,
      kind: info.kind,
      reason: info.reason,
      ...(info.holiday ? { holiday: info.holiday } : {}),
      ...(info.from ? { from: info.from } : {}),
    });
  }
  return { days, provisional };
}

/** The ст. 112 holidays in the range, one event per date (1–6 and 8 January are one holiday on seven days). */
function publicHolidayEvents(from: string, to: string): CalendarEventT[] {
  const out: CalendarEventT[] = [];
  for (const year of yearsOf(from, to)) {
    for (const h of holidaysOf(year).holidays) {
      for (const date of h.dates) {
        if (date < from || date > to) continue;
        out.push({
          id: `public_holiday:${date}`,
          kind: 'public_holiday',
          date,
          holidayId: h.id,
          nameRu: h.nameRu,
          nameEn: h.nameEn,
        });
      }
    }
  }
  return out;
}

/**
 * Professional holidays in the range that fit at least one live client in scope (industry by key,
 * label or ОКВЭД2 code, core industryOf; Entrepreneurs' Day fits every client), each with the number
 * of clients it fits and the first of them by name.
 */
async function professionalHolidayEvents(
  db: Database,
  orgId: number,
  from: string,
  to: string,
  ownerUserId: number | null,
  scope?: ClientScope | null,
): Promise<CalendarEventT[]> {
  // The holidays of the range first: a month without one reads no client at all.
  const inRange = yearsOf(from, to).flatMap((year) =>
    professionalHolidaysOn(year)
      .filter(({ date }) => date >= from && date <= to)
      .map((h) => ({ ...h, year })),
  );
  if (inRange.length === 0) return [];
  const everyoneNeeded = inRange.some(({ holiday }) => holiday.industries === 'all');
  // Only the industry groups that some holiday of the range fits are read with their clients.
  const wanted = new Set(
    inRange.filter(({ holiday }) => holiday.industries !== 'all').map(({ holiday }) => holiday.id),
  );
  const fittingGroups =
    wanted.size === 0
      ? []
      : (await liveIndustryGroups(db, orgId)).filter((grp) => {
          const industry = industryOf(grp);
          return (
            industry !== null &&
            inRange.some(({ year }) =>
              holidaysForIndustry(industry, year).some(({ holiday }) => wanted.has(holiday.id)),
            )
          );
        });
  const rows = await clientsOfIndustryGroups(db, {
    orgId,
    groups: fittingGroups,
    everyone: everyoneNeeded,
    ownerUserId,
    limit: clientsPerHoliday,
    scope,
  });
  const groups = new Map<string, { n: number; clients: { id: number; name: string; ownerUserId: number | null }[] }>();
  for (const r of rows) {
    const g = groups.get(r.grp) ?? { n: Number(r.n), clients: [] };
    g.clients.push({
      id: Number(r.id),
      name: r.name,
      ownerUserId: r.owner_user_id === null ? null : Number(r.owner_user_id),
    });
    groups.set(r.grp, g);
  }
  const everyone = groups.get('*') ?? { n: 0, clients: [] };
  const out: CalendarEventT[] = [];
  for (const year of yearsOf(from, to)) {
    // Which industry groups each holiday of the year fits.
    const fits = new Map<string, string[]>();
    for (const grp of groups.keys()) {
      if (grp === '*') continue;
      const industry = industryOf(grp);
      if (!industry) continue;
      for (const { holiday } of holidaysForIndustry(industry, year)) {
        if (holiday.industries === 'all') continue;
        fits.set(holiday.id, [...(fits.get(holiday.id) ?? []), grp]);
      }
    }
    for (const { holiday, date } of professionalHolidaysOn(year)) {
      if (date < from || date > to) continue;
      let clientCount: number;
      let clients: { id: number; name: string; ownerUserId: number | null }[];
      if (holiday.industries === 'all') {
        clientCount = everyone.n;
        clients = everyone.clients;
      } else {
        const matched = (fits.get(holiday.id) ?? []).map((g) => groups.get(g)!);
        clientCount = matched.reduce((s, g) => s + g.n, 0);
        clients = matched
          .flatMap((g) => g.clients)
          .sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id - b.id)
          .slice(0, clientsPerHoliday);
      }
      if (clientCount === 0) continue;
      out.push({
        id: `professional_holiday:${holiday.id}:${year}`,
        kind: 'professional_holiday',
        date,
        holidayId: holiday.id,
        nameRu: holiday.nameRu,
        nameEn: holiday.nameEn,
        official: holiday.official,
        clients,
        clientCount,
      });
    }
  }
  return out;
}

/** A personal or company date as a calendar event; its id is the source key of its congratulation task. */
export function personalEvent(r: PersonalDateRow): CalendarEventT {
  const year = Number(r.on_date.slice(0, 4));
  const contactId = r.contact_id === null ? null : Number(r.contact_id);
  const base = {
    kind: r.kind,
    date: r.on_date,
    clientId: Number(r.client_id),
    clientName: r.client_name,
    ownerUserId: r.owner_user_id === null ? null : Number(r.owner_user_id),
    contactId,
    contactName: r.contact_name,
    keyFigure: r.is_key_figure ?? false,
    sinceYear: r.since_year,
    count: anniversaryCount(r.since_year, r.on_date),
  };
  if (r.kind === 'birthday') return { id: congratulationSourceKey.birthday(contactId!, year), ...base };
  if (r.kind === 'family_birthday') {
    return {
      id: congratulationSourceKey.familyBirthday(Number(r.family_member_id), year),
      ...base,
      familyMemberId: Number(r.family_member_id),
      familyMemberName: r.family_member_name ?? '',
      relation: r.relation ?? 'other',
    };
  }
  return {
    id: congratulationSourceKey.usefulDate(Number(r.useful_date_id), year),
    ...base,
    usefulDateId: Number(r.useful_date_id),
    title: r.title ?? '',
  };
}

/** Within a day: holidays, then the dates congratulations are made for (key figures, useful dates), then other people's birthdays. */
const rank = (e: CalendarEventT): number =>
  e.kind === 'public_holiday'
    ? 0
    : e.kind === 'professional_holiday'
      ? 1
      : (e.kind === 'birthday' || e.kind === 'family_birthday') && !e.keyFigure
        ? 3
        : 2;

/** Every event from `from` to `to` for the clients of `ownerUserId` (null: the whole organisation), within a manager's client `scope` when given. */
export async function eventsBetween(
  db: Database,
  orgId: number,
  from: string,
  to: string,
  ownerUserId: number | null,
  scope?: ClientScope | null,
): Promise<CalendarEventT[]> {
  return (await calendarBetween(db, orgId, from, to, ownerUserId, scope)).events;
}

/**
 * Personal dates shown on one day of the calendar at most: a month of a large base holds tens of
 * thousands of birthdays (measured: 100k clients, March, every person → 9 MB of JSON), more than a
 * day cell or a person can use; the rest of a day is counted in hiddenByDay.
 */
export const PERSONAL_DATES_PER_DAY = 30;

/**
 * The events of a range with, per day, how many personal dates were left out; `people` 'key' keeps
 * the birthdays of key figures and their families only (useful dates always), 'all' everybody's.
 */
export async function calendarBetween(
  db: Database,
  orgId: number,
  from: string,
  to: string,
  ownerUserId: number | null,
  scope?: ClientScope | null,
  options: { people?: 'key' | 'all'; perDay?: number } = {},
): Promise<{ events: CalendarEventT[]; hiddenByDay: { date: string; count: number }[] }> {
  const personal = await personalDatesBetween(db, {
    orgId,
    from,
    to,
    ownerUserId,
    scope,
    keyFiguresOnly: options.people === 'key',
    perDay: options.perDay,
  });
  const shownPerDay = new Map<string, { shown: number; total: number }>();
  for (const r of personal) {
    const d = shownPerDay.get(r.on_date) ?? { shown: 0, total: r.day_total };
    d.shown += 1;
    shownPerDay.set(r.on_date, d);
  }
  const hiddenByDay = [...shownPerDay]
    .filter(([, d]) => d.total > d.shown)
    .map(([date, d]) => ({ date, count: d.total - d.shown }));
  const events = [
    ...publicHolidayEvents(from, to),
    ...(await professionalHolidayEvents(db, orgId, from, to, ownerUserId, scope)),
    ...personal.map(personalEvent),
  ];
  // Stable order: by day and rank, then as the query sorted the personal dates.
  return {
    hiddenByDay,
    events: events
      .map((e, i) => ({ e, i }))
      .sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : rank(a.e) - rank(b.e) || a.i - b.i))
      .map(({ e }) => e),
  };
}

/** Checks a requested range: `to` defaults to six weeks after `from`; at most 400 days; never backwards. */
export function checkRange(from: string, to: string | undefined): { from: string; to: string } {
  const end = to ?? addDays(from, 41);
  const span = daysBetween(from, end);
  if (span < 0) throw invalidInput([fieldProblem('to', 'range', 'calendar.toBeforeFrom')]);
  if (span > maxRangeDays) {
    throw invalidInput([fieldProblem('to', 'range', 'calendar.rangeTooLong', { count: maxRangeDays })]);
  }
  return { from, to: end };
}

/**
 * The calendar of a range: the production calendar's days off and shortened days, public holidays,
 * the professional holidays of the clients in scope, and the personal dates of their people (every
 * contact's birthday, with `keyFigure` telling whom the congratulation tasks are for; family
 * birthdays; useful dates). Scope mine = the clients the user owns.
 */
export async function calendarEvents(
  db: Database,
  actor: Actor,
  query: CalendarEventsQueryT,
): Promise<CalendarEventsT> {
  const { from, to } = checkRange(query.from, query.to);
  const scope: Scope = query.scope ?? 'all';
  const ownerUserId = scope === 'mine' ? (actor.userId ?? -1) : null;
  const { days, provisional } = productionDays(from, to);
  const { events, hiddenByDay } = await calendarBetween(db, actor.orgId, from, to, ownerUserId, clientScope(actor), {
    people: query.people ?? 'key',
    perDay: PERSONAL_DATES_PER_DAY,
  });
  return { from, to, scope, provisional, days, events: hidePersonalEvents(actor.role, events), hiddenByDay };
}
