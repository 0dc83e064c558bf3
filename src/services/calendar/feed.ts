import type { CalendarEventT, CalendarFeedT } from '../../contract/calendar.js';
import { addDays } from '../../core/calendar/congratulations.js';
import { icalendar, type IcalEvent } from './icalendar.js';
import {
  eventSummary,
  formatIsoDate,
  taskNotesIn,
  taskTitleIn,
  textLocaleOf,
  yearsText,
  type TextLocale,
} from '../../core/calendar/texts.js';
import { DomainError, notFound } from '../../core/errors.js';
import { translate } from '../../core/messages/index.js';
import type { Database } from '../../db/database.js';
import { listTasks } from '../../db/queries/calendar/tasks.js';
import { calendarFeedUser, updateUserRow, userRow } from '../../db/queries/access/users.js';
import { assertSignedInPerson, type Actor } from '../actor.js';
import { newSecret, parseCredential, secretHash } from '../access/secrets.js';
import { hidePersonalEvents } from '../privacy/masking.js';
import { eventsBetween, productionDays } from './events.js';

/** Where the feed is served; the secret and the organisation are in the file name. */
export const feedPath = (orgId: number, secret: string) => `/api/v1/public/calendar/${orgId}.${secret}.ics`;

/**
 * Whose clients a feed shows: a manager's own (scope mine), everyone's for the other roles, as the
 * task list does (tasks.ts seesAllTasks).
 */
const feedOwner = (role: string, userId: number): number | null => (role === 'manager' ? userId : null);

function requireUser(actor: Actor): number {
  if (actor.userId === null) throw new DomainError('forbidden', 'calendar.feedNeedsUser');
  return actor.userId;
}

export async function feedStatus(db: Database, actor: Actor): Promise<CalendarFeedT> {
  const userId = requireUser(actor);
  const u = await userRow(db, actor.orgId, userId);
  return { active: Boolean(u?.calendarTokenHash) };
}

/**
 * Creates the user's feed, or replaces its secret (the old address stops working at once). Only the
 * SHA-256 of the secret is stored, so the address is answered this once.
 */
export async function rotateFeed(db: Database, actor: Actor, origin: string): Promise<CalendarFeedT> {
  assertSignedInPerson(actor); // the feed carries personal dates: never opened by a token, whose role may be narrower
  const userId = requireUser(actor);
  const secret = newSecret();
  await updateUserRow(db, actor.orgId, userId, { calendarTokenHash: secretHash(secret) });
  const url = `${origin}${feedPath(actor.orgId, secret)}`;
  return { active: true, url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}

export async function revokeFeed(db: Database, actor: Actor): Promise<void> {
  assertSignedInPerson(actor);
  const userId = requireUser(actor);
  await updateUserRow(db, actor.orgId, userId, { calendarTokenHash: null });
}

function describe(e: CalendarEventT, locale: TextLocale, origin: string): string | undefined {
  if (e.kind === 'professional_holiday' && e.clients) {
    const names = e.clients.map((c) => c.name).join(', ');
    const rest = (e.clientCount ?? 0) - e.clients.length;
    const count = String(e.clientCount);
    return rest > 0
      ? translate(locale, 'calendar.feed.clientsMore', { count, names, rest })
      : translate(locale, 'calendar.feed.clients', { count, names });
  }
  if (e.clientId === undefined) return undefined;
  return [
    translate(locale, 'calendar.feed.client', { name: String(e.clientName) }),
    e.contactName ? translate(locale, 'calendar.feed.contact', { name: e.contactName }) : null,
    e.count ? translate(locale, 'calendar.feed.age', { years: yearsText(e.count, locale) }) : null,
    translate(locale, 'calendar.feed.card', { url: `${origin}/clients/${e.clientId}` }),
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The iCalendar file of a feed address "<orgId>.<secret>.ics": the owner's events for the last month
 * and the next twelve (production-calendar days off and shortened days, public and professional
 * holidays, personal dates of their scope) and their open tasks on their due days, in the user's
 * language. Tasks are VEVENTs rather than to-do components: Google Calendar and Outlook ignore those in
 * subscriptions. An unknown, malformed or revoked secret, or a disabled user, is 404 — the lookup is
 * by the secret's SHA-256, so the comparison never leaks the stored value through timing.
 */
export async function calendarFeed(
  db: Database,
  file: string,
  origin: string,
  today: string,
  now = new Date(),
): Promise<string> {
  const credential = parseCredential(file.replace(/\.ics$/, ''));
  if (!credential || !file.endsWith('.ics')) throw notFound('calendarFeed', '');
  const user = await calendarFeedUser(db, credential.orgId, secretHash(credential.secret));
  if (!user) throw notFound('calendarFeed', '');
  const locale = textLocaleOf(user.locale);
  const from = addDays(today, -31);
  const to = addDays(today, 365);
  const uid = (id: string) => `${id.replace(/[^A-Za-z0-9_-]+/g, '-')}.${credential.orgId}@rapport`;

  const events: IcalEvent[] = [];
  for (const d of productionDays(from, to).days) {
    // Holidays come as events of their own below; the other exceptions are named by their reason.
    if (d.reason === 'holiday' || d.reason === 'working_weekend') continue;
    const kind = d.kind === 'shortened' ? 'shortened' : d.reason;
    events.push({
      uid: uid(`day:${d.date}`),
      date: d.date,
      summary: eventSummary({ kind, date: d.date, movedFrom: d.from ?? null }, locale),
      busy: d.kind === 'off',
    });
  }
  for (const e of hidePersonalEvents(
    user.role,
    await eventsBetween(db, credential.orgId, from, to, feedOwner(user.role, user.id)),
  )) {
    events.push({
      uid: uid(e.id),
      date: e.date,
      summary: eventSummary(e, locale),
      description: describe(e, locale, origin),
      url: e.clientId !== undefined ? `${origin}/clients/${e.clientId}` : undefined,
      busy: e.kind === 'public_holiday',
    });
  }
  const open = await listTasks(db, {
    orgId: credential.orgId,
    userId: user.id,
    status: 'open',
    limit: 2000,
    offset: 0,
  });
  for (const t of open) {
    events.push({
      uid: uid(`task:${t.id}`),
      date: t.due_on,
      summary: translate(locale, 'calendar.feed.task', {
        title: taskTitleIn({ title: t.title, titleWords: t.title_words }, locale),
      }),
      description:
        [
          t.event_on ? formatIsoDate(t.event_on, locale) : null,
          taskNotesIn({ notes: t.notes, notesWords: t.notes_words, eventOn: t.event_on }, locale),
        ]
          .filter(Boolean)
          .join('\n') || undefined,
      url: t.client_id !== null ? `${origin}/clients/${t.client_id}` : undefined,
    });
  }
  return icalendar({
    productId: '-//Rapport//Rapport CRM calendar//RU',
    name: translate(locale, 'calendar.feed.name', { user: user.name, organisation: user.orgName }),
    stamp: now,
    refreshHours: 6,
    events,
  });
}
