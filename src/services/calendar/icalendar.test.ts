import { describe, expect, it } from 'vitest';
import { icalendar } from './icalendar.js';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('the calendar feed file (RFC 5545, through ical-generator)', () => {
  const text = icalendar({
    productId: '-//Rapport//Calendar//RU',
    name: 'Rapport: Иванов',
    stamp: new Date('2026-03-01T08:09:10.123Z'),
    refreshHours: 12,
    events: [
      {
        uid: 'birthday-contact-5-2026@rapport',
        date: '2026-03-14',
        summary: 'День рождения: Иванова, Мария; 50 лет',
        description: 'ООО «Вектор»\nЗвонок\u0007',
        url: 'https://crm.example/clients/4',
        categories: ['День рождения'],
      },
      { uid: 'public-2026-12-31@rapport', date: '2026-12-31', summary: 'Выходной', busy: true },
      { uid: 'long@rapport', date: '2026-05-01', summary: 'Поздравить 🎂 '.repeat(12) },
    ],
  });
  // Unfolding (§3.1: remove CRLF followed by one space) gives the logical lines.
  const lines = text.replace(/\r\n /g, '').split('\r\n');

  it('ends every line with CRLF and folds long lines at 75 octets without splitting a character', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = text.split('\r\n');
    for (const p of physical) expect(octets(p)).toBeLessThanOrEqual(75);
    expect(physical.filter((p) => p.startsWith(' ')).length).toBeGreaterThan(2);
    expect(lines).toContain(`SUMMARY:${'Поздравить 🎂 '.repeat(12)}`);
  });

  it('writes the calendar properties a subscribing application reads', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('PRODID:-//Rapport//Calendar//RU');
    expect(lines).toContain('CALSCALE:GREGORIAN');
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain('X-WR-CALNAME:Rapport: Иванов');
    expect(lines).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT12H');
    expect(lines).toContain('X-PUBLISHED-TTL:PT12H');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('writes all-day events with an exclusive end, escaped text and free or busy time', () => {
    expect(lines).toContain('DTSTART;VALUE=DATE:20260314');
    expect(lines).toContain('DTEND;VALUE=DATE:20260315');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261231');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    expect(lines).toContain('DTSTAMP:20260301T080910Z');
    expect(lines).toContain('UID:birthday-contact-5-2026@rapport');
    expect(lines).toContain('SUMMARY:День рождения: Иванова\\, Мария\\; 50 лет');
    // The control character is dropped; the line break is escaped.
    expect(lines).toContain('DESCRIPTION:ООО «Вектор»\\nЗвонок');
    expect(lines).toContain('CATEGORIES:День рождения');
    expect(lines.filter((l) => l === 'TRANSP:OPAQUE')).toHaveLength(1);
    expect(lines.filter((l) => l === 'TRANSP:TRANSPARENT')).toHaveLength(2);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
  });
});
