import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  dayKind,
  holidaysOf,
  isWorkingDay,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBetween,
  yearSummary,
} from './calendar.js';

const months = (text: string): number[] => text.split(' ').map(Number);

describe("production calendar: the reference's test vectors (docs/russian-formats.md §3)", () => {
  it.each([
    [2024, 248, 118, 5, 1979, '17 20 20 21 20 19 23 22 21 23 21 21'],
    [2025, 247, 118, 4, 1972, '17 20 21 22 18 19 23 21 22 23 19 22'],
    [2026, 247, 118, 4, 1972, '15 19 21 22 19 21 23 21 22 22 20 22'],
  ])(
    '%i: %i working days, %i days off, %i shortened, %i hours',
    (year, workingDays, daysOff, shortenedDays, hours40, byMonth) => {
      expect(yearSummary(year)).toMatchObject({
        year,
        provisional: false,
        workingDays,
        daysOff,
        shortenedDays,
        hours40,
        workingDaysByMonth: months(byMonth),
        nonWorkingDays: 0,
      });
    },
  );

  it('2025 transfers: 02.05 ← 04.01, 08.05 ← 23.02, 13.06 ← 08.03, 03.11 ← 01.11, 31.12 ← 05.01', () => {
    expect(dayKind('2025-05-02')).toMatchObject({
      kind: 'off',
      reason: 'transfer',
      from: '2025-01-04',
      holiday: 'new_year_holidays',
    });
    expect(dayKind('2025-05-08')).toMatchObject({
      kind: 'off',
      reason: 'transfer',
      from: '2025-02-23',
      holiday: 'defender_of_the_fatherland_day',
    });
    expect(dayKind('2025-06-13')).toMatchObject({
      kind: 'off',
      reason: 'transfer',
      from: '2025-03-08',
      holiday: 'womens_day',
    });
    expect(dayKind('2025-11-03')).toMatchObject({ kind: 'off', reason: 'transfer', from: '2025-11-01' });
    expect(dayKind('2025-12-31')).toMatchObject({
      kind: 'off',
      reason: 'transfer',
      from: '2025-01-05',
      holiday: 'new_year_holidays',
    });
    // Saturday 01.11 is worked, one hour shorter.
    expect(dayKind('2025-11-01')).toMatchObject({ kind: 'shortened', reason: 'working_weekend' });
    expect(
      holidaysOf(2025)
        .daysOff.filter((d) => d.reason === 'transfer')
        .map((d) => d.date),
    ).toEqual(['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31']);
  });

  it('2025 shortened days: 07.03, 30.04, 11.06, 01.11', () => {
    for (const d of ['2025-03-07', '2025-04-30', '2025-06-11', '2025-11-01']) expect(dayKind(d).kind).toBe('shortened');
    expect(dayKind('2025-02-21').kind).toBe('working'); // 22.02 is a Saturday, so not "immediately before" 23.02
  });

  it('2026 transfers: 09.01 ← 03.01, 09.03 ← 08.03, 11.05 ← 09.05, 31.12 ← 04.01; shortened 30.04, 08.05, 11.06, 03.11', () => {
    expect(dayKind('2026-01-09')).toMatchObject({ kind: 'off', reason: 'transfer', from: '2026-01-03' });
    expect(dayKind('2026-03-09')).toMatchObject({ kind: 'off', reason: 'transfer', from: '2026-03-08' });
    expect(dayKind('2026-05-11')).toMatchObject({ kind: 'off', reason: 'transfer', from: '2026-05-09' });
    expect(dayKind('2026-12-31')).toMatchObject({ kind: 'off', reason: 'transfer', from: '2026-01-04' });
    expect(
      holidaysOf(2026)
        .daysOff.filter((d) => d.reason === 'transfer')
        .map((d) => d.date),
    ).toEqual(['2026-01-09', '2026-03-09', '2026-05-11', '2026-12-31']);
    for (const d of ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03']) expect(dayKind(d).kind).toBe('shortened');
  });

  it('2026 rest periods as the Government announced them (Постановление от 24.09.2025 № 1466, press reports)', () => {
    expect(holidaysOf(2026).restPeriods.map((p) => [p.from, p.to])).toEqual([
      ['2025-12-31', '2026-01-11'],
      ['2026-02-21', '2026-02-23'],
      ['2026-03-07', '2026-03-09'],
      ['2026-05-01', '2026-05-03'],
      ['2026-05-09', '2026-05-11'],
      ['2026-06-12', '2026-06-14'],
      ['2026-11-04', '2026-11-04'],
      ['2026-12-31', '2027-01-10'],
    ]);
  });
});

describe('production calendar: other years', () => {
  // Totals recounted from the day lists of d10xa/holidays-calendar (json/calendar.json, ConsultantPlus),
  // which agree with the xmlcalendar transcription after the corrections noted in the data.
  it.each([
    [2013, 247, 6, 1970],
    [2014, 247, 6, 1970],
    [2015, 247, 5, 1971],
    [2016, 247, 2, 1974],
    [2017, 247, 3, 1973],
    [2018, 247, 6, 1970],
    [2019, 247, 6, 1970],
    [2022, 247, 3, 1973],
    [2023, 247, 3, 1973],
  ])('%i: %i working days, %i shortened, %i hours', (year, workingDays, shortenedDays, hours40) => {
    expect(yearSummary(year)).toMatchObject({ workingDays, shortenedDays, hours40, provisional: false });
  });

  it('2013 spot checks', () => {
    expect(dayKind('2013-01-08')).toMatchObject({ kind: 'off', reason: 'holiday', holiday: 'new_year_holidays' });
    expect(dayKind('2013-01-07')).toMatchObject({ kind: 'off', reason: 'holiday', holiday: 'christmas' });
    expect(dayKind('2013-01-09').kind).toBe('working');
    expect(dayKind('2013-05-02')).toMatchObject({ kind: 'off', reason: 'transfer' });
    expect(dayKind('2013-05-10')).toMatchObject({ kind: 'off', reason: 'transfer' });
    expect(dayKind('2013-02-22').kind).toBe('shortened');
    expect(dayKind('2013-12-31').kind).toBe('shortened');
    expect(dayKind('2013-02-23')).toMatchObject({
      kind: 'off',
      reason: 'holiday',
      holiday: 'defender_of_the_fatherland_day',
    }); // a Saturday
    expect(yearSummary(2013).workingDaysByMonth).toEqual(months('17 20 20 22 18 19 23 22 21 23 20 22'));
  });

  it('2020 and 2021 skip the Presidential non-working days, which the official norm ignored', () => {
    expect(dayKind('2020-04-15')).toMatchObject({
      kind: 'off',
      reason: 'non_working',
      decree: 'Указ Президента РФ от 02.04.2020 № 239',
    });
    expect(dayKind('2020-07-01')).toMatchObject({ kind: 'off', reason: 'non_working' });
    expect(dayKind('2021-11-02')).toMatchObject({ kind: 'off', reason: 'non_working' });
    // Without them both years have their norm: 248 and 247 working days.
    expect(yearSummary(2020)).toMatchObject({ workingDays: 219, nonWorkingDays: 29 });
    expect(yearSummary(2020).workingDays + yearSummary(2020).nonWorkingDays).toBe(248);
    expect(yearSummary(2021).workingDays + yearSummary(2021).nonWorkingDays).toBe(247);
  });

  it('2027 comes from the data but is provisional', () => {
    expect(yearSummary(2027)).toMatchObject({
      provisional: true,
      workingDays: 247,
      daysOff: 118,
      shortenedDays: 4,
      hours40: 1972,
    });
    expect(dayKind('2027-02-20')).toMatchObject({ kind: 'shortened', reason: 'working_weekend', provisional: true });
    expect(dayKind('2027-02-22')).toMatchObject({ kind: 'off', reason: 'transfer', from: '2027-02-20' });
    expect(dayKind('2027-11-05')).toMatchObject({
      kind: 'off',
      reason: 'transfer',
      from: '2027-01-02',
      holiday: 'new_year_holidays',
    });
    expect(dayKind('2027-12-31')).toMatchObject({ kind: 'off', reason: 'transfer', from: '2027-01-03' });
    expect(dayKind('2027-06-14')).toMatchObject({ kind: 'off', reason: 'transfer', holiday: 'russia_day' });
    expect(holidaysOf(2027).provisional).toBe(true);
  });

  it('2030 falls back to the rules and says it is provisional', () => {
    const s = yearSummary(2030);
    expect(s).toMatchObject({ provisional: true, workingDays: 249, daysOff: 116, shortenedDays: 6, hours40: 1986 });
    expect(s.source).toMatch(/^rules:/);
    // 23.02.2030 is a Saturday: the day off moves to Monday 25.02, and Friday 22.02 is shortened.
    expect(dayKind('2030-02-23')).toMatchObject({
      kind: 'off',
      reason: 'holiday',
      holiday: 'defender_of_the_fatherland_day',
      provisional: true,
    });
    expect(dayKind('2030-02-25')).toMatchObject({
      kind: 'off',
      reason: 'transfer',
      from: '2030-02-23',
      holiday: 'defender_of_the_fatherland_day',
    });
    expect(dayKind('2030-02-22').kind).toBe('shortened');
    // The January holidays on the weekend (5–6 January) are not moved by the rule.
    expect(dayKind('2030-01-09').kind).toBe('working');
    expect(dayKind('2030-12-31').kind).toBe('shortened');
    expect(holidaysOf(2030).holidays.find((h) => h.id === 'defender_of_the_fatherland_day')?.movedTo).toEqual([
      { from: '2030-02-23', to: '2030-02-25' },
    ]);
    expect(holidaysOf(2030).holidays.find((h) => h.id === 'new_year_holidays')?.dates).toHaveLength(7);
  });

  it('the rules reproduce a decree-free pattern: holidays on weekends in 2028 (provisional)', () => {
    // 2028: 8 March is a Wednesday, 1 May a Monday, 9 May a Tuesday, 12 June a Monday, 4 November a Saturday.
    expect(dayKind('2028-11-06')).toMatchObject({ kind: 'off', reason: 'transfer', from: '2028-11-04' });
    expect(dayKind('2028-11-03').kind).toBe('shortened');
    expect(dayKind('2028-05-08').kind).toBe('shortened');
  });
});

describe('holidays of a year', () => {
  it('lists the ст. 112 holidays with names in both languages', () => {
    const { holidays } = holidaysOf(2025);
    expect(holidays.map((h) => h.id)).toEqual([
      'new_year_holidays',
      'christmas',
      'defender_of_the_fatherland_day',
      'womens_day',
      'spring_and_labour_day',
      'victory_day',
      'russia_day',
      'unity_day',
    ]);
    expect(holidays[3]).toMatchObject({
      nameRu: 'Международный женский день',
      nameEn: "International Women's Day",
      dates: ['2025-03-08'],
      movedTo: [{ from: '2025-03-08', to: '2025-06-13' }],
    });
    expect(holidays[0]?.dates).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-04',
      '2025-01-05',
      '2025-01-06',
      '2025-01-08',
    ]);
    expect(holidays[0]?.movedTo).toEqual([
      { from: '2025-01-04', to: '2025-05-02' },
      { from: '2025-01-05', to: '2025-12-31' },
    ]);
  });

  it('keeps only weekdays among the days off', () => {
    expect(holidaysOf(2025).daysOff.map((d) => d.date)).toEqual([
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
      '2025-05-01',
      '2025-05-02',
      '2025-05-08',
      '2025-05-09',
      '2025-06-12',
      '2025-06-13',
      '2025-11-03',
      '2025-11-04',
      '2025-12-31',
    ]);
  });
});

describe('working-day arithmetic', () => {
  it('tells working days from days off', () => {
    expect(isWorkingDay('2026-01-12')).toBe(true);
    expect(isWorkingDay('2026-01-09')).toBe(false);
    expect(isWorkingDay('2025-11-01')).toBe(true); // a working Saturday
    expect(isWorkingDay('2026-05-08')).toBe(true); // shortened still counts
    expect(dayKind('2026-06-06')).toMatchObject({ kind: 'off', reason: 'weekend' });
    expect(dayKind('2026-06-10')).toMatchObject({ kind: 'working', reason: 'working' });
  });

  it('counts working days after `from` up to and including `to`', () => {
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(247);
    expect(workingDaysBetween('2026-01-01', '2026-01-31')).toBe(15);
    expect(workingDaysBetween('2026-01-12', '2026-01-12')).toBe(0);
    expect(workingDaysBetween('2026-01-12', '2026-01-13')).toBe(1);
    expect(workingDaysBetween('2026-01-13', '2026-01-12')).toBe(-1);
    // Across a decreed year and a rule-built one.
    expect(workingDaysBetween('2027-12-30', '2028-01-10')).toBe(1);
  });

  it('adds and subtracts working days', () => {
    // "3 working days before" the Victory Day weekend of 2026.
    expect(addWorkingDays('2026-05-12', -3)).toBe('2026-05-06');
    expect(addWorkingDays('2026-05-07', 1)).toBe('2026-05-08');
    expect(addWorkingDays('2026-05-08', 1)).toBe('2026-05-12');
    expect(addWorkingDays('2025-12-30', 1)).toBe('2026-01-12');
    expect(addWorkingDays('2025-10-31', 1)).toBe('2025-11-01'); // the working Saturday
    expect(addWorkingDays('2026-01-03', 0)).toBe('2026-01-03');
    for (const [d, n] of [
      ['2026-02-20', 5],
      ['2026-12-25', 7],
      ['2024-04-26', -10],
      ['2020-03-27', 3],
    ] as const) {
      expect(workingDaysBetween(d, addWorkingDays(d, n))).toBe(n);
    }
    expect(() => addWorkingDays('2026-01-01', 1.5)).toThrow(RangeError);
  });

  it('moves a reminder off a day off', () => {
    expect(workingDayOnOrBefore('2026-01-05')).toBe('2025-12-30');
    expect(workingDayOnOrBefore('2026-06-12')).toBe('2026-06-11');
    expect(workingDayOnOrBefore('2026-06-11')).toBe('2026-06-11');
    expect(workingDayOnOrAfter('2026-01-05')).toBe('2026-01-12');
    expect(workingDayOnOrAfter('2026-03-08')).toBe('2026-03-10');
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2025-02-29', '2026-13-01', '26-01-01', '2026-1-1', '2026-01-01T00:00:00Z', '']) {
      expect(() => dayKind(bad)).toThrow(RangeError);
    }
    expect(dayKind('2024-02-29').kind).toBe('working');
    expect(() => yearSummary(2025.5)).toThrow(RangeError);
  });
});
