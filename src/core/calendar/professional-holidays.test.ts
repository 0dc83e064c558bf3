import { describe, expect, it } from 'vitest';
import {
  dateOfRule,
  holidaysForIndustry,
  industryKeys,
  industryLabels,
  professionalHolidays,
  professionalHolidaysOn,
} from './professional-holidays.js';

// The reference's table (docs/russian-formats.md §4): dates for 2025, 2026, 2027 as DD.MM.
const referenceDates: readonly (readonly [string, string, string, string])[] = [
  ['press_day', '13.01', '13.01', '13.01'],
  ['utilities_day', '16.03', '15.03', '21.03'],
  ['geologists_day', '06.04', '05.04', '04.04'],
  ['radio_day', '07.05', '07.05', '07.05'],
  ['entrepreneurs_day', '26.05', '26.05', '26.05'],
  ['chemists_day', '25.05', '31.05', '30.05'],
  ['light_industry_day', '08.06', '14.06', '13.06'],
  ['medical_workers_day', '15.06', '21.06', '20.06'],
  ['inventors_day', '28.06', '27.06', '26.06'],
  ['fleet_day', '06.07', '05.07', '04.07'],
  ['fishery_day', '13.07', '12.07', '11.07'],
  ['metallurgists_day', '20.07', '19.07', '18.07'],
  ['trade_workers_day', '26.07', '25.07', '24.07'],
  ['sysadmin_day', '25.07', '31.07', '30.07'],
  ['railway_day', '03.08', '02.08', '01.08'],
  ['builders_day', '10.08', '09.08', '08.08'],
  ['miners_day', '31.08', '30.08', '29.08'],
  ['oil_gas_day', '07.09', '06.09', '05.09'],
  ['financiers_day', '08.09', '08.09', '08.09'],
  ['programmers_day', '13.09', '13.09', '13.09'],
  ['forestry_day', '21.09', '20.09', '19.09'],
  ['nuclear_day', '28.09', '28.09', '28.09'],
  ['machine_builders_day', '28.09', '27.09', '26.09'],
  ['teachers_day', '05.10', '05.10', '05.10'],
  ['agriculture_day', '12.10', '11.10', '10.10'],
  ['food_industry_day', '19.10', '18.10', '17.10'],
  ['road_workers_day', '19.10', '18.10', '17.10'],
  ['advertising_day', '23.10', '23.10', '23.10'],
  ['marketers_day', '25.10', '25.10', '25.10'],
  ['motorists_day', '26.10', '25.10', '31.10'],
  ['economists_day', '11.11', '11.11', '11.11'],
  ['transport_workers_day', '20.11', '20.11', '20.11'],
  ['accountants_day', '21.11', '21.11', '21.11'],
  ['tax_officials_day', '21.11', '21.11', '21.11'],
  ['logistics_day', '28.11', '28.11', '28.11'],
  ['bank_workers_day', '02.12', '02.12', '02.12'],
  ['lawyers_day', '03.12', '03.12', '03.12'],
  ['power_engineers_day', '22.12', '22.12', '22.12'],
];

const iso = (ddmm: string, year: number): string => `${year}-${ddmm.slice(3, 5)}-${ddmm.slice(0, 2)}`;

describe('professional holidays', () => {
  it("covers exactly the reference's table, once each", () => {
    expect(professionalHolidays.map((h) => h.id).sort()).toEqual(referenceDates.map(([id]) => id).sort());
  });

  it.each([2025, 2026, 2027])("gives the reference's dates for %i by their rules", (year) => {
    const column = year - 2024;
    const byId = new Map(professionalHolidaysOn(year).map((p) => [p.holiday.id, p.date]));
    for (const row of referenceDates) expect([row[0], byId.get(row[0])]).toEqual([row[0], iso(row[column]!, year)]);
  });

  it('День строителя is the second Sunday of August: 10 August 2025', () => {
    const builders = professionalHolidays.find((h) => h.id === 'builders_day')!;
    expect(builders.rule).toEqual({ kind: 'nth_weekday', n: 2, weekday: 'sunday', month: 8 });
    expect(dateOfRule(builders.rule, 2025)).toBe('2025-08-10');
  });

  it("puts Programmers' Day on the 256th day: 12 September in a leap year", () => {
    const rule = { kind: 'day_of_year', day: 256 } as const;
    expect(dateOfRule(rule, 2024)).toBe('2024-09-12');
    expect(dateOfRule(rule, 2028)).toBe('2028-09-12');
    expect(dateOfRule(rule, 2100)).toBe('2100-09-13'); // not a leap year
  });

  it("handles last weekdays at the month's end, and refuses impossible fixed dates", () => {
    expect(dateOfRule({ kind: 'last_weekday', weekday: 'sunday', month: 10 }, 2027)).toBe('2027-10-31'); // the 31st itself
    expect(dateOfRule({ kind: 'last_weekday', weekday: 'friday', month: 12 }, 2026)).toBe('2026-12-25');
    expect(dateOfRule({ kind: 'nth_weekday', n: 1, weekday: 'sunday', month: 8 }, 2027)).toBe('2027-08-01'); // the 1st itself
    expect(() => dateOfRule({ kind: 'fixed', month: 2, day: 30 }, 2026)).toThrow(RangeError);
  });

  it('lists a year in date order, with the working day to congratulate on', () => {
    const list = professionalHolidaysOn(2025);
    expect(list.map((p) => p.date)).toEqual([...list.map((p) => p.date)].sort());
    // Builders' Day is a Sunday: the card goes out on Friday 8 August.
    expect(list.find((p) => p.holiday.id === 'builders_day')?.sendOn).toBe('2025-08-08');
    // Teachers' Day 2025 is a Sunday too.
    expect(list.find((p) => p.holiday.id === 'teachers_day')?.sendOn).toBe('2025-10-03');
    // Financiers' Day 2025 is a Monday.
    expect(list.find((p) => p.holiday.id === 'financiers_day')?.sendOn).toBe('2025-09-08');
  });

  it('suggests the days of an industry, with the day for every client', () => {
    const ids = (industry: string, year = 2026) => holidaysForIndustry(industry, year).map((p) => p.holiday.id);
    expect(ids('construction')).toEqual(['entrepreneurs_day', 'builders_day', 'road_workers_day']);
    expect(ids('retail')).toEqual(['entrepreneurs_day', 'trade_workers_day']);
    expect(ids('energy')).toEqual(['entrepreneurs_day', 'nuclear_day', 'power_engineers_day']);
    expect(ids('horeca')).toEqual(['entrepreneurs_day']);
  });

  it('matches an ОКВЭД2 code against the prefixes', () => {
    const ids = (code: string) => holidaysForIndustry(code, 2026).map((p) => p.holiday.id);
    expect(ids('41.20')).toEqual(['entrepreneurs_day', 'builders_day']);
    expect(ids('46.90')).toEqual(['entrepreneurs_day', 'trade_workers_day']);
    expect(ids('49.10')).toEqual(['entrepreneurs_day', 'railway_day', 'transport_workers_day']);
    expect(ids('35.12')).toEqual(['utilities_day', 'entrepreneurs_day', 'power_engineers_day']);
    expect(ids('62.01')).toEqual(['entrepreneurs_day', 'sysadmin_day', 'programmers_day']);
    // "73" covers advertising's "73.1" as well.
    expect(ids('73.11')).toEqual(['entrepreneurs_day', 'advertising_day', 'marketers_day']);
    expect(() => holidaysForIndustry('builders', 2026)).toThrow(RangeError);
    expect(() => holidaysForIndustry('4', 2026)).toThrow(RangeError);
  });

  it('keeps the catalogue consistent', () => {
    for (const h of professionalHolidays) {
      if (h.industries !== 'all') for (const key of h.industries) expect(industryKeys).toContain(key);
      if (h.okvedPrefixes !== 'all') for (const p of h.okvedPrefixes) expect(p).toMatch(/^\d{2}(\.\d{1,2})*$/);
      expect(h.nameRu).not.toBe('');
      expect(h.nameEn).not.toBe('');
    }
    expect(Object.keys(industryLabels).sort()).toEqual([...industryKeys].sort());
    // The reference calls these unofficial.
    expect(
      professionalHolidays
        .filter((h) => h.official === false)
        .map((h) => h.id)
        .sort(),
    ).toEqual([
      'accountants_day',
      'advertising_day',
      'bank_workers_day',
      'economists_day',
      'logistics_day',
      'marketers_day',
      'sysadmin_day',
    ]);
  });
});
