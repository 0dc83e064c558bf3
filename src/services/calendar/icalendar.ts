// The calendar feed's file (iCalendar, RFC 5545) through ical-generator, which owns the format's
// details: CRLF line ends, TEXT escaping (§3.3.11) and folding at 75 octets without splitting a
// UTF-8 character (§3.1). See docs/decisions/0006-libraries-of-the-field.md.
import ical, { ICalCalendarMethod, ICalEventTransparency } from 'ical-generator';
import { toDay, toIso } from '../../core/calendar/dates.js';

export type IcalEvent = {
  /** Stable across fetches, so a subscribed calendar updates an event instead of adding a copy (§3.8.4.7). */
  uid: string;
  /** The day, YYYY-MM-DD; the event lasts until the start of `endExclusive` (the next day by default, §3.6.1). */
  date: string;
  endExclusive?: string;
  summary: string;
  description?: string | undefined;
  url?: string | undefined;
  categories?: string[] | undefined;
  /** Days off block time; congratulations and holidays of clients do not (TRANSP, §3.8.2.7). */
  busy?: boolean;
};

export type IcalCalendar = {
  /** PRODID (§3.7.3), who made the file, written `-//company//product//language`. */
  productId: string;
  /** The name a subscribing application shows (NAME, RFC 7986, and X-WR-CALNAME). */
  name: string;
  description?: string;
  /** When the file was made; every DTSTAMP (§3.8.7.2, UTC). */
  stamp: Date;
  /** How often a client should fetch again (REFRESH-INTERVAL, RFC 7986, and the X-PUBLISHED-TTL Outlook reads). */
  refreshHours?: number;
  events: IcalEvent[];
};

/** Control characters other than tab have no place in a TEXT value (§3.3.11); names typed in a CRM may carry them. */
// eslint-disable-next-line no-control-regex
const printable = (text: string) => text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');

/** Midnight UTC of the day: ical-generator writes an all-day date from the UTC fields when no time zone is set. */
const dayStart = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The whole calendar as text. */
export function icalendar(cal: IcalCalendar): string {
  const calendar = ical({
    // ical-generator writes PRODID as "-" followed by this.
    prodId: cal.productId.replace(/^-/, ''),
    name: printable(cal.name),
    scale: 'GREGORIAN',
    method: ICalCalendarMethod.PUBLISH,
    ...(cal.description ? { description: printable(cal.description) } : {}),
    ...(cal.refreshHours ? { ttl: cal.refreshHours * 3600 } : {}),
  });
  for (const e of cal.events) {
    calendar.createEvent({
      id: e.uid,
      allDay: true,
      start: dayStart(e.date),
      end: dayStart(e.endExclusive ?? toIso(toDay(e.date) + 1)),
      stamp: cal.stamp,
      summary: printable(e.summary),
      ...(e.description ? { description: printable(e.description) } : {}),
      ...(e.url ? { url: e.url } : {}),
      ...(e.categories?.length ? { categories: e.categories.map((name) => ({ name: printable(name) })) } : {}),
      transparency: e.busy ? ICalEventTransparency.OPAQUE : ICalEventTransparency.TRANSPARENT,
    });
  }
  // Every content line ends with CRLF (§3.1), the last one too; ical-generator leaves it off.
  const body = calendar.toString();
  return body.endsWith('\r\n') ? body : `${body}\r\n`;
}
