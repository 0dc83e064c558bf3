import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyCompact,
  formatMonth,
  formatNumber,
  formatPercent,
  fromDateTimeLocalValue,
  kopecksOf,
  marginShare,
  NO_VALUE,
  splitMinutes,
  toApiMoney,
  toDateTimeLocalValue,
} from './format.js';

const NBSP = '\u00a0';

describe('formatMoney', () => {
  it('formats roubles the Russian way, with non-breaking spaces', () => {
    expect(formatMoney('1234.50', 'ru')).toBe(`1${NBSP}234,50${NBSP}₽`);
    expect(formatMoney('-1234567.5', 'ru')).toBe(`\u22121${NBSP}234${NBSP}567,50${NBSP}₽`);
  });

  it('formats roubles in English with the RUB code', () => {
    expect(formatMoney('1234.50', 'en')).toBe(`RUB${NBSP}1,234.50`);
  });

  it('keeps every kopeck of a large amount', () => {
    expect(formatMoney('9999999999999.99', 'ru')).toBe(`9${NBSP}999${NBSP}999${NBSP}999${NBSP}999,99${NBSP}₽`);
  });

  it('shows a dash for a missing or unreadable amount', () => {
    expect(formatMoney(null, 'ru')).toBe(NO_VALUE);
    expect(formatMoney('', 'en')).toBe(NO_VALUE);
    expect(formatMoney('12,5', 'ru')).toBe(NO_VALUE);
  });
});

describe('formatDate', () => {
  it('shows a calendar date as DD.MM.YYYY in Russian and DD/MM/YYYY in English', () => {
    expect(formatDate('2026-11-23', 'ru')).toBe('23.11.2026');
    expect(formatDate('2026-11-23', 'en')).toBe('23/11/2026');
  });

  it('never shifts a calendar date by the time zone', () => {
    expect(formatDate('2026-01-01', 'ru', 'America/Los_Angeles')).toBe('01.01.2026');
  });

  it('shows the date of a date-time in the given zone', () => {
    expect(formatDate('2026-11-23T22:30:00Z', 'ru', 'Europe/Moscow')).toBe('24.11.2026');
    expect(formatDate('not a date', 'ru')).toBe(NO_VALUE);
  });

  it('shows date and time', () => {
    expect(formatDateTime('2026-11-23T06:05:00Z', 'ru', 'Europe/Moscow')).toBe('23.11.2026, 09:05');
    expect(formatDateTime('2026-11-23T06:05:00Z', 'en', 'UTC')).toBe('23/11/2026, 06:05');
    expect(formatDateTime(null, 'en')).toBe(NO_VALUE);
  });
});

describe('numbers and inputs', () => {
  it('groups digits by language', () => {
    expect(formatNumber(12345, 'ru')).toBe(`12${NBSP}345`);
    expect(formatNumber(12345, 'en')).toBe('12,345');
  });

  it('reads what a person typed as an amount', () => {
    expect(toApiMoney('1 500,5')).toBe('1500.50');
    expect(toApiMoney('1500')).toBe('1500.00');
    expect(toApiMoney('15.005')).toBeNull();
    expect(toApiMoney('abc')).toBeNull();
  });

  it('round-trips a datetime-local value through ISO', () => {
    const date = new Date(2026, 10, 23, 9, 30);
    const local = toDateTimeLocalValue(date);
    expect(local).toBe('2026-11-23T09:30');
    expect(fromDateTimeLocalValue(local)).toBe(date.toISOString());
    expect(fromDateTimeLocalValue('')).toBeNull();
  });

  it('splits minutes and computes the margin share', () => {
    expect(splitMinutes(150)).toEqual({ hours: 2, minutes: 30 });
    expect(marginShare('25.00', '100.00')).toBe(0.25);
    expect(marginShare('5.00', '0.00')).toBeNull();
  });
});

describe('analytics formats', () => {
  it('formats amounts compactly and reads them as kopecks for sums', () => {
    expect(formatMoneyCompact('217420340.14', 'ru')).toBe(`217,4${NBSP}млн${NBSP}₽`);
    expect(formatMoneyCompact('-1500', 'en')).toBe(`\u2212RUB${NBSP}1.5K`);
    expect(formatMoneyCompact('-1500000', 'ru')).toBe(`\u22121,5${NBSP}млн${NBSP}₽`);
    expect(formatNumber(-3.5, 'ru')).toBe('\u22123,5');
    expect(formatPercent(-0.25, 'en')).toBe('\u221225%');
    expect(formatMoneyCompact(null, 'ru')).toBe(NO_VALUE);
    expect(kopecksOf('1234.50') + kopecksOf('0.10')).toBe(123_460);
    expect(kopecksOf('junk')).toBe(0);
  });

  it('gives a column or a series one precision when asked, never "3,7" beside "3,72"', () => {
    expect(formatNumber(3.7, 'ru', 2)).toBe('3,70');
    expect(formatNumber(3.724, 'ru', 2)).toBe('3,72');
    expect(formatNumber(12, 'en', 1)).toBe('12.0');
    expect(formatPercent(0.82, 'ru', 1)).toBe(`82,0${NBSP}%`);
    expect(formatPercent(0.828, 'ru', 1)).toBe(`82,8${NBSP}%`);
    expect(formatPercent(0.25, 'en', 0)).toBe('25%');
    expect(formatPercent(-0.051, 'ru', 1)).toBe(`\u22125,1${NBSP}%`);
    // Without digits a single figure drops a zero fraction: "70 %" for a whole setting.
    expect(formatPercent(0.7, 'ru')).toBe(`70${NBSP}%`);
  });

  it('writes every negative amount, number and percentage with the minus sign U+2212, never a hyphen', () => {
    const negatives = [
      formatMoney('-0.01', 'ru'),
      formatMoney('-1500', 'en'),
      formatMoneyCompact('-1500000', 'ru'),
      formatMoneyCompact('-1500000', 'en'),
      formatNumber(-1234.5, 'ru'),
      formatNumber(-2, 'en', 1),
      formatPercent(-0.125, 'ru', 1),
    ];
    for (const text of negatives) {
      expect(text).not.toContain('-');
      expect(text.startsWith('\u2212')).toBe(true);
    }
  });

  it('shows a month as MM.YYYY in Russian and MM/YYYY in English', () => {
    expect(formatMonth('2026-11-01', 'ru')).toBe('11.2026');
    expect(formatMonth('2026-11', 'en')).toBe('11/2026');
    expect(formatMonth('soon', 'en')).toBe(NO_VALUE);
  });

  it("reads PostgreSQL's text timestamps", () => {
    expect(formatDateTime('2026-11-23 11:30:22.97+00', 'ru', 'UTC')).toBe('23.11.2026, 11:30');
    expect(formatDateTime('2026-11-23 11:30:22+03:00', 'en', 'UTC')).toBe('23/11/2026, 08:30');
  });
});
