import { describe, expect, it } from 'vitest';
import { parseDay, parseDecimal, parseEmail, parseKopecks, parseWhole, parseYesNo } from './values.js';

const value = <T>(p: { ok: true; value: T } | { ok: false; reason: string }) => (p.ok ? p.value : `!${p.reason}`);

describe('numbers as 1C and Excel write them', () => {
  it.each([
    ['1234', '1234'], ['1 234,5', '1234.5'], ['1\u00a0234\u00a0567,89', '1234567.89'], ['1\u202f234', '1234'], ["1'234.50", '1234.5'],
    ['-1 234,50', '-1234.5'], ['(1 234,50)', '-1234.5'], ['+12', '12'], ['0,000', '0'], ['007', '7'], [',5', '0.5'], [' 12 ', '12'],
    ['1,2345', '1.235'], ['2,0005', '2.001'], ['−3', '-3'],
  ])('%j → %s', (text, expected) => expect(value(parseDecimal(text, 3))).toBe(expected));

  it.each([['', '!number'], ['12a', '!number'], ['1,2,3', '!number'], ['--1', '!number'], ['1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6', '!too_large'], ['абв', '!number']])(
    'refuses %j', (text, expected) => expect(value(parseDecimal(text, 3))).toBe(expected));

  it('money in kopecks, half a kopeck away from zero', () => {
    expect(value(parseKopecks('24 400,00'))).toBe(2440000);
    expect(value(parseKopecks('122'))).toBe(12200);
    expect(value(parseKopecks('0,005'))).toBe(1);
    expect(value(parseKopecks('(700,5)'))).toBe(-70050);
    expect(value(parseKopecks('99999999999999'))).toBe('!too_large');
    expect(value(parseWhole('90'))).toBe(90);
  });
});

describe('days', () => {
  it.each([
    ['20.11.2025', '2025-11-20'], ['20.11.2025 0:00:00', '2025-11-20'], ['01.01.2021 12:30', '2021-01-01'], ['1.2.2024', '2024-02-01'],
    ['29.02.2024', '2024-02-29'], ['05.06.75', '2075-06-05'], ['2025-11-20', '2025-11-20'], ['2025-11-20T10:15:00', '2025-11-20'],
    ['2025-11-20 10:15:00+03:00', '2025-11-20'],
  ])('%s → %s', (text, expected) => expect(value(parseDay(text))).toBe(expected));

  it("1C's empty date is no date", () => expect(value(parseDay('01.01.0001 0:00:00'))).toBeNull());

  it.each([['31.02.2024', '!no_such_date'], ['29.02.2023', '!no_such_date'], ['32.01.2024', '!no_such_date'], ['12.13.2024', '!no_such_date'],
    ['2024-02-30', '!no_such_date'], ['01.01.1812', '!date_range'], ['20/11/2025', '!date'], ['завтра', '!date'], ['20.11.2025 x', '!date'], ['2a.11.2025', '!date']])(
    'refuses %s', (text, expected) => expect(value(parseDay(text))).toBe(expected));
});

describe('yes/no and e-mail', () => {
  it('reads Да/Нет, Истина/Ложь and their English forms', () => {
    expect(['Да', 'истина', 'TRUE', 'yes', '1'].map((t) => value(parseYesNo(t)))).toEqual([true, true, true, true, true]);
    expect(['Нет', 'Ложь', 'false', 'no', '0'].map((t) => value(parseYesNo(t)))).toEqual([false, false, false, false, false]);
    expect(value(parseYesNo('может быть'))).toBe('!boolean');
  });
  it('lower-cases e-mail and refuses what is not one', () => {
    expect(value(parseEmail(' Petrov@Example.RU '))).toBe('petrov@example.ru');
    expect(value(parseEmail('petrov@'))).toBe('!email');
  });
});
