import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icalendar } from './icalendar.js';

const octets = (s: string) => new TextEncoder().encode(s).length;

describe('iCalendar writer (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and line breaks in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(escapeText('x\u0007y\tz')).toBe('xy\tz');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'День рождения 🎂 '.repeat(10)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(octets(p)).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(' ')).toBe(true);
    // Unfolding (§3.1: remove CRLF followed by one space) gives the line back.
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
    // Exactly 75 octets is not folded, 76 is.
    expect(foldLine(`X:${'a'.repeat(73)}`).includes('\r\n')).toBe(false);
    expect(foldLine(`X:${'a'.repeat(74)}`).split('\r\n')).toEqual([`X:${'a'.repeat(73)}`, ' a']);
  });

  it('writes a calendar with CRLF line ends, required properties and all-day events', () => {
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
          description: 'ООО «Вектор»\nЗвонок',
          url: 'https://crm.example/clients/4',
        },
        { uid: 'public-2026-12-31@rapport', date: '2026-12-31', summary: 'Выходной', busy: true },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.replace(/\r\n /g, '').split('\r\n');
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Rapport//Calendar//RU',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Rapport: Иванов',
    ]);
    expect(lines).toContain('DTSTART;VALUE=DATE:20260314');
    expect(lines).toContain('DTEND;VALUE=DATE:20260315');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261231');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    expect(lines).toContain('DTSTAMP:20260301T080910Z');
    expect(lines).toContain('SUMMARY:День рождения: Иванова\\, Мария\\; 50 лет');
    expect(lines).toContain('DESCRIPTION:ООО «Вектор»\\nЗвонок');
    expect(lines).toContain('TRANSP:OPAQUE');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });
});
