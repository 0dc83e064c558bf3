// An iCalendar (RFC 5545) writer for all-day events: what a calendar subscription (Outlook, Google,
// Apple, Яндекс) reads from the feed URL. Only what the feed needs: VCALENDAR with its required
// properties and VEVENTs with a DATE start and end.
import { toDay, toIso } from './dates.js';

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
  /** PRODID, §3.7.3: who made the file. */
  productId: string;
  /** X-WR-CALNAME: the name a subscribing application shows. */
  name: string;
  description?: string;
  /** When the file was made; every DTSTAMP (§3.8.7.2, UTC). */
  stamp: Date;
  /** How often a client should fetch again (REFRESH-INTERVAL, RFC 7986, and the X-PUBLISHED-TTL Outlook reads). */
  refreshHours?: number;
  events: IcalEvent[];
};

/** TEXT escaping (§3.3.11): backslash, semicolon and comma are escaped, line breaks become \n; other control characters are dropped. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
  );
}

const encoder = new TextEncoder();
const octets = (s: string) => encoder.encode(s).length;

/**
 * Folds a content line to at most 75 octets per line (§3.1): the continuation lines start with one
 * space, which counts in their 75. Splits between code points, never inside a UTF-8 sequence (so a
 * Cyrillic letter, 2 octets, or an emoji, 4, stays whole). Lines are joined with CRLF.
 */
export function foldLine(line: string): string {
  if (octets(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = octets(ch);
    if (size + n > limit) {
      parts.push(current);
      current = ' ';
      size = 1;
      limit = 75;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n');
}

const basicDate = (iso: string) => iso.replaceAll('-', '');
const utcStamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

/** The whole calendar as text: CRLF line ends, folded lines, escaped text values. */
export function icalendar(cal: IcalCalendar): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${cal.productId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
  ];
  if (cal.description) lines.push(`X-WR-CALDESC:${escapeText(cal.description)}`);
  if (cal.refreshHours)
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:PT${cal.refreshHours}H`, `X-PUBLISHED-TTL:PT${cal.refreshHours}H`);
  const stamp = utcStamp(cal.stamp);
  for (const e of cal.events) {
    const end = e.endExclusive ?? toIso(toDay(e.date) + 1);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(e.date)}`,
      `DTEND;VALUE=DATE:${basicDate(end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
    lines.push(`TRANSP:${e.busy ? 'OPAQUE' : 'TRANSPARENT'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
