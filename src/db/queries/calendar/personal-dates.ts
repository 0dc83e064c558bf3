import { recurringDayRanges } from '../../../core/calendar/dates.js';
import type { Database } from '../../database.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';

/** A personal or company date that recurs every year, at one of its occurrences in a range. */
export type PersonalDateRow = {
  kind: 'birthday' | 'family_birthday' | 'name_day' | 'company_anniversary' | 'hobby' | 'custom';
  on_date: string;
  client_id: number;
  client_name: string;
  owner_user_id: number | null;
  contact_id: number | null;
  contact_name: string | null;
  is_key_figure: boolean | null;
  congratulation_preferences: string | null;
  gift_ideas: string | null;
  family_member_id: number | null;
  family_member_name: string | null;
  relation: string | null;
  useful_date_id: number | null;
  title: string | null;
  since_year: number | null;
  lead_days: number | null;
  /** How many personal dates fall on this day in all (more than were returned when `perDay` cut them). */
  day_total: number;
};

/**
 * Every occurrence from `from` to `to` (both included, at most a few years apart) of the contacts'
 * birthdays, their family members' birthdays and the useful dates, in one statement: each recurring
 * month/day is placed in every year the range touches (so a range across the new year finds
 * 25 December and 5 January alike) and kept when it falls inside. A day the month lacks that year
 * (29 February, or a useful date's 31 April) falls on the month's last day, as core/calendar
 * occurrenceIn does. `ownerUserId` limits it to the clients that user owns; `keyFiguresOnly` keeps
 * birthdays and family birthdays of key figures only (the congratulation rule), useful dates always.
 * The stored recurring days (`birthday_day`, useful dates' month and day) are narrowed to the
 * month/days the range can hold first, through their indexes, so a month reads a twelfth of the people.
 */
export async function personalDatesBetween(
  db: Database,
  q: {
    orgId: number;
    from: string;
    to: string;
    ownerUserId?: number | null;
    keyFiguresOnly?: boolean;
    scope?: ClientScope | null;
    /** At most this many dates a day (the first in the order below); day_total still counts them all. */
    perDay?: number | undefined;
  },
): Promise<PersonalDateRow[]> {
  const order = 'on_date, kind, client_name, contact_name, family_member_id, useful_date_id';
  // Whole numbers from recurringDayRanges, written into the text so the planner sees each interval.
  const ranges = recurringDayRanges(q.from, q.to);
  const within = (between: (a: number, b: number) => string) =>
    ranges ? `AND (${ranges.map(([a, b]) => between(a, b)).join(' OR ')})` : '';
  const birthdayWithin = (alias: string) => within((a, b) => `${alias}.birthday_day BETWEEN ${a} AND ${b}`);
  // Useful dates keep month and day apart; a row comparison lets their (org, month, day) index serve.
  const md = (mmdd: number) => `(${Math.floor(mmdd / 100)}, ${mmdd % 100})`;
  const usefulWithin = within((a, b) => `((u.month, u.day) >= ${md(a)} AND (u.month, u.day) <= ${md(b)})`);
  const keyOnly = q.keyFiguresOnly ? 'AND c.is_key_figure' : '';
  const { rows } = await db.engine.query<PersonalDateRow>(
    `
    WITH src AS (
      -- Each branch brings its person's name and wishes along, so the dated rows need no second lookup.
      SELECT 'birthday' AS kind, c.client_id, c.id AS contact_id, NULL::bigint AS family_member_id, NULL::bigint AS useful_date_id,
        extract(month FROM c.birthday)::int AS m, extract(day FROM c.birthday)::int AS d, extract(year FROM c.birthday)::int AS since_year,
        NULL::text AS title, NULL::text AS relation, NULL::text AS family_member_name, NULL::int AS lead_days,
        c.full_name AS contact_name, c.is_key_figure, c.congratulation_preferences, c.gift_ideas
      FROM contacts c WHERE c.org_id = $1 AND c.birthday IS NOT NULL ${birthdayWithin('c')} ${keyOnly}
      UNION ALL
      SELECT 'family_birthday', c.client_id, c.id, f.id, NULL,
        extract(month FROM f.birthday)::int, extract(day FROM f.birthday)::int, extract(year FROM f.birthday)::int,
        NULL, f.relation, f.name, NULL,
        c.full_name, c.is_key_figure, c.congratulation_preferences, c.gift_ideas
      FROM family_members f
      -- LIMIT 1 keeps the lookups by key: a month's few thousand rows, where a join estimate once chose a scan of every contact.
      CROSS JOIN LATERAL (SELECT * FROM contacts c WHERE c.org_id = f.org_id AND c.id = f.contact_id LIMIT 1) c
      WHERE f.org_id = $1 AND f.birthday IS NOT NULL ${birthdayWithin('f')} ${keyOnly}
      UNION ALL
      SELECT u.kind, u.client_id, u.contact_id, NULL, u.id, u.month::int, u.day::int, u.year::int, u.title, NULL, NULL, u.lead_days,
        ct.full_name, ct.is_key_figure, ct.congratulation_preferences, ct.gift_ideas
      FROM useful_dates u
      LEFT JOIN LATERAL (SELECT * FROM contacts ct WHERE ct.org_id = u.org_id AND ct.id = u.contact_id LIMIT 1) ct ON true
      WHERE u.org_id = $1 ${usefulWithin}
    )
    SELECT * FROM (
    SELECT s.kind, occ.on_date::text AS on_date, s.client_id, cl.name AS client_name, cl.owner_user_id,
      s.contact_id, s.contact_name, s.is_key_figure, s.congratulation_preferences, s.gift_ideas,
      s.family_member_id, s.family_member_name, s.relation, s.useful_date_id, s.title, s.since_year, s.lead_days,
      count(*) OVER (PARTITION BY occ.on_date)::int AS day_total,
      row_number() OVER (PARTITION BY occ.on_date ORDER BY s.kind, cl.name, s.contact_name, s.family_member_id, s.useful_date_id) AS day_rank
    FROM src s
    JOIN clients cl ON cl.org_id = $1 AND cl.id = s.client_id
    CROSS JOIN generate_series(extract(year FROM $2::date)::int, extract(year FROM $3::date)::int) AS y(year)
    CROSS JOIN LATERAL (
      SELECT make_date(y.year, s.m, least(s.d, extract(day FROM make_date(y.year, s.m, 1) + interval '1 month' - interval '1 day')::int)) AS on_date
    ) occ
    WHERE occ.on_date BETWEEN $2::date AND $3::date
      AND ($4::bigint IS NULL OR cl.owner_user_id = $4)
      ${q.scope ? `AND ${inClientScopeText(q.scope, 'cl.id')}` : ''}
      AND (NOT $5::boolean OR s.kind NOT IN ('birthday', 'family_birthday') OR s.is_key_figure)
    ) dated WHERE $6::int IS NULL OR day_rank <= $6::int
    ORDER BY ${order}`,
    [q.orgId, q.from, q.to, q.ownerUserId ?? null, q.keyFiguresOnly ?? false, q.perDay ?? null],
  );
  return rows.map(({ day_rank: _rank, ...r }: PersonalDateRow & { day_rank?: unknown }) => ({
    ...r,
    day_total: Number(r.day_total),
  }));
}

/** The longest lead time (days) a useful date of the organisation sets for itself, within 0…`max`; null when none does. */
export async function longestOwnLeadDays(db: Database, orgId: number, max: number): Promise<number | null> {
  const {
    rows: [own],
  } = await db.engine.query<{ m: number | null }>(
    'SELECT max(lead_days) AS m FROM useful_dates WHERE org_id = $1 AND lead_days BETWEEN 0 AND $2',
    [orgId, max],
  );
  return own?.m ?? null;
}
