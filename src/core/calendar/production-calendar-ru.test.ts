import { describe, expect, it } from 'vitest';
import { isWeekend, toDay } from './dates.js';
import {
  firstCalendarYear,
  lastCalendarYear,
  productionCalendarRu,
  publicHolidayIds,
} from './production-calendar-ru.js';

// The transcription's shape, so a hand edit of a year cannot slip a weekend into the weekday lists.
describe('the shipped production calendar', () => {
  const years = Object.keys(productionCalendarRu).map(Number);

  it('has every year from 2013 to 2027, and only 2027 is provisional', () => {
    expect(years).toEqual(
      Array.from({ length: lastCalendarYear - firstCalendarYear + 1 }, (_, i) => firstCalendarYear + i),
    );
    expect(years.filter((y) => productionCalendarRu[y]!.provisional)).toEqual([2027]);
  });

  it.each(years)('%i: dates in the year, sorted, weekdays and weekends where they belong, a source named', (year) => {
    const data = productionCalendarRu[year]!;
    expect(data.source).toMatch(new RegExp(`^xmlcalendar/data ru/${year}/calendar\\.xml @ [0-9a-f]{40} `));
    const inYear = (d: string) => expect(d.slice(0, 4)).toBe(String(year));
    const sorted = (list: readonly string[]) => expect([...list]).toEqual([...list].sort());
    sorted(data.daysOff.map((d) => d.date));
    sorted(data.shortened);
    sorted(data.workingWeekends);
    for (const d of data.daysOff) {
      inYear(d.date);
      expect(isWeekend(toDay(d.date))).toBe(false);
      if (d.reason !== 'non_working' && d.holiday) expect(publicHolidayIds).toContain(d.holiday);
      if (d.reason === 'transfer' && d.from) inYear(d.from);
    }
    for (const d of data.workingWeekends) {
      inYear(d);
      expect(isWeekend(toDay(d))).toBe(true);
    }
    const off = new Set(data.daysOff.map((d) => d.date));
    for (const d of data.shortened) {
      inYear(d);
      expect(off.has(d)).toBe(false);
      if (isWeekend(toDay(d))) expect(data.workingWeekends).toContain(d);
    }
  });
});
