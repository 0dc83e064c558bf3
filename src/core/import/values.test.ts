import { describe, expect, it } from 'vitest';
import { parseDay, parseDecimal, parseEmail, parseKopecks, parseWhole, parseYesNo } from './values.js';

const value = <T>(p: { ok: true; value: T } | { ok: false; reason: string }) => (p.ok ? p.value : `!${p.reason}`);

describe('numbers as 1C and Excel write them', () => {
  it.each([
    ['1234', '1234'],
    ['1 234,5', '1234.5'],
    ['1\u00a0234\u00a0567,89', '1234567.89'],
    ['1\u202f234', '1234'],
    ["1'234.50", '1234.5'],
    ['-1 234,50', '-1234.5'],
    ['(1 234,50)', '-1234.5'],
    ['+12', '12'],
    ['0,000', '0'],
    ['007', '7'],
    [',5', '0.5'],
    [' 12 ', '12'],
    ['1,2345', '1.235'],
    ['2,0005', '2.001'],
    ['−3', '-3'],
  ])('%j → %s', (text, expected) => expect(value(parseDecimal(text, 3))).toBe(expected));

  it.each([
    ['', '!number'],
    ['12a', '!number'],
    ['1,2,3', '!number'],
    ['--1', '!number'],
    ['1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6', '!too_large'],
    ['абв', '!number'],
  ])('refuses %j', (text, expected) => expect(value(parseDecimal(text, 3))).toBe(expected));

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
    ['20.11.2025', '2025-11-20'],
    ['20.11.2025 0:00:00', '2025-11-20'],
    ['01.01.2021 12:30', '2021-01-01'],
    ['1.2.2024', '2024-02-01'],
    ['29.02.2024', '2024-02-29'],
    ['05.06.75', '2075-06-05'],
    ['2025-11-20', '2025-11-20'],
    ['2025-11-20T10:15:00', '2025-11-20'],
    ['2025-11-20 10:15:00+03:00', '2025-11-20'],
  ])('%s → %s', (text, expected) => expect(value(parseDay(text))).toBe(expected));

  it("1C's empty date is no date", () => expect(value(parseDay('01.01.0001 0:00:00'))).toBeNull());

  it.each([
    ['31.02.2024', '!no_such_date'],
    ['29.02.2023', '!no_such_date'],
    ['32.01.2024', '!no_such_date'],
    ['12.13.2024', '!no_such_date'],
    ['2024-02-30', '!no_such_date'],
    ['01.01.1812', '!date_range'],
    ['20/11/2025', '!date'],
    ['завтра', '!date'],
    ['20.11.2025 x', '!date'],
    ['2a.11.2025', '!date'],
  ])('refuses %s', (text, expected) => expect(value(parseDay(text))).toBe(expected));
});

describe('yes/no and e-mail', () => {
  it('reads Да/Нет, Истина/Ложь and their English forms', () => {
    expect(['Да', 'истина', 'TRUE', 'yes', '1'].map((t) => value(parseYesNo(t)))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['Нет', 'Ложь', 'false', 'no', '0'].map((t) => value(parseYesNo(t)))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(value(parseYesNo('может быть'))).toBe('!boolean');
  });
  it('lower-cases e-mail and refuses what is not one', () => {
    expect(value(parseEmail(' Petrov@Example.RU '))).toBe('petrov@example.ru');
    expect(value(parseEmail('petrov@'))).toBe('!email');
  });
});

/**
 * The parsers as they were before their fast paths (one pass into kopecks, plain digits as they
 * are, the time after a date checked without a regex, yes/no looked up before lower-casing), to
 * check on many inputs that the fast paths answer exactly the same.
 */
const reference = (() => {
  const isGap = (c: number) => c === 32 || c === 0xa0 || c === 0x202f || c === 39 || c === 9;
  function scanNumber(text: string): { negative: boolean; whole: string; fraction: string } | null {
    let i = 0;
    let n = text.length;
    while (i < n && isGap(text.charCodeAt(i))) i++;
    while (n > i && isGap(text.charCodeAt(n - 1))) n--;
    let negative = false;
    if (i < n && text.charCodeAt(i) === 40 && text.charCodeAt(n - 1) === 41) {
      negative = true;
      i++;
      n--;
    }
    const sign = text.charCodeAt(i);
    if (sign === 45 || sign === 0x2212) {
      negative = !negative;
      i++;
    } else if (sign === 43) i++;
    let whole = '',
      fraction = '',
      inFraction = false,
      digits = 0,
      runStart = i;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        digits++;
        continue;
      }
      if (inFraction) return null;
      if (c === 44 || c === 46) {
        whole += text.slice(runStart, i);
        inFraction = true;
        runStart = i + 1;
        continue;
      }
      if (isGap(c) && digits > 0) {
        whole += text.slice(runStart, i);
        runStart = i + 1;
        continue;
      }
      return null;
    }
    if (inFraction) fraction = text.slice(runStart, n);
    else whole += text.slice(runStart, n);
    if (digits === 0) return null;
    return { negative, whole: whole || '0', fraction };
  }
  function parseKopecks(text: string) {
    const m = scanNumber(text);
    if (!m) return { ok: false, reason: 'number' };
    if (m.whole.length > 13 && m.whole.replace(/^0+/, '').length > 13) return { ok: false, reason: 'too_large' };
    const f = m.fraction;
    let kopecks =
      Number(m.whole) * 100 +
      (f.length > 0 ? (f.charCodeAt(0) - 48) * 10 : 0) +
      (f.length > 1 ? f.charCodeAt(1) - 48 : 0);
    if (f.length > 2 && f.charCodeAt(2) >= 53) kopecks++;
    return { ok: true, value: m.negative && kopecks !== 0 ? -kopecks : kopecks };
  }
  const TIME = /^ \d{1,2}:\d\d(:\d\d)?$/;
  const DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
  const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
  const daysIn = (year: number, month: number) =>
    [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
      month - 1
    ]!;
  function parseDay(text: string) {
    const t = text.trim();
    let y: number, mo: number, d: number;
    if (
      t.length >= 10 &&
      t.charCodeAt(2) === 46 &&
      t.charCodeAt(5) === 46 &&
      (t.length === 10 || (t.charCodeAt(10) === 32 && TIME.test(t.slice(10))))
    ) {
      const two = (at: number) => (/^\d\d$/.test(t.slice(at, at + 2)) ? Number(t.slice(at, at + 2)) : -1);
      d = two(0);
      mo = two(3);
      const century = two(6),
        year = two(8);
      y = century * 100 + year;
      if (d >= 0 && mo >= 0 && century >= 0 && year >= 0) {
        if (y === 1 && mo === 1 && d === 1) return { ok: true, value: null };
        if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return { ok: false, reason: 'no_such_date' };
        if (y < 1900 || y > 2100) return { ok: false, reason: 'date_range' };
        return { ok: true, value: t.slice(6, 10) + '-' + t.slice(3, 5) + '-' + t.slice(0, 2) };
      }
    }
    const dmy = DMY.exec(t);
    if (dmy) {
      d = Number(dmy[1]);
      mo = Number(dmy[2]);
      y = Number(dmy[3]);
      if (dmy[3]!.length === 2) y += 2000;
    } else {
      const iso = ISO.exec(t);
      if (!iso) return { ok: false, reason: 'date' };
      y = Number(iso[1]);
      mo = Number(iso[2]);
      d = Number(iso[3]);
    }
    if (y === 1 && mo === 1 && d === 1) return { ok: true, value: null };
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return { ok: false, reason: 'no_such_date' };
    if (y < 1900 || y > 2100) return { ok: false, reason: 'date_range' };
    return {
      ok: true,
      value: `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    };
  }
  const TRUE = new Set(['да', 'истина', 'true', 'yes', 'y', '1', 'д', '+', 'x', 'х']);
  const FALSE = new Set(['нет', 'ложь', 'false', 'no', 'n', '0', 'н', '-']);
  function parseYesNo(text: string) {
    const t = text.trim().toLowerCase();
    return TRUE.has(t)
      ? { ok: true, value: true }
      : FALSE.has(t)
        ? { ok: true, value: false }
        : { ok: false, reason: 'boolean' };
  }
  return { parseKopecks, parseDay, parseYesNo };
})();

/** Texts built from the characters that matter to a parser, from a seed (the same ones every run). */
function texts(alphabet: readonly string[], count: number, maxLength: number, seed = 1): string[] {
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = '';
    for (let n = Math.floor(rnd() * maxLength); n > 0; n--) s += alphabet[Math.floor(rnd() * alphabet.length)];
    out.push(s);
  }
  return out;
}

/** The inputs on which `fast` and `slow` answer differently (compared as JSON: the answers are plain data). */
const differing = <T>(inputs: readonly T[], fast: (t: T) => unknown, slow: (t: T) => unknown) =>
  inputs.filter((t) => JSON.stringify(fast(t)) !== JSON.stringify(slow(t)));

describe('fast paths answer as the general parsers do', () => {
  const numberChars = [
    '0',
    '0',
    '1',
    '4',
    '5',
    '9',
    ' ',
    '\u00a0',
    '\u202f',
    "'",
    '\t',
    ',',
    '.',
    '-',
    '+',
    '(',
    ')',
    '\u2212',
    'e',
    'б',
  ];

  it('kopecks, read in one pass', () => {
    const tricky = [
      '',
      '0',
      '-0',
      '(0)',
      '-0,00',
      '0,005',
      '0,0049',
      '0,0051',
      '1 ,5',
      ',5',
      ',',
      '5,',
      '(-5)',
      '-(5)',
      '()',
      '(',
      '+',
      '−3',
      '99999999999999',
      '9999999999999',
      '9999999999999,995',
      '00000000000000099',
      '0000000000000000000',
      '1 000 000,129',
      '1,2,3',
      '1e5',
      ' 1 ',
      '- 1',
    ];
    expect(differing([...tricky, ...texts(numberChars, 20000, 18)], parseKopecks, reference.parseKopecks)).toEqual([]);
  });

  it('plain digits are a decimal as they stand, as when read through the general path', () => {
    const digits = [
      ...texts(['0', '1', '2', '9'], 5000, 18, 7),
      '0',
      '7',
      '00',
      '007',
      '10',
      '123456789012345',
      '1234567890123456',
    ];
    // A leading space is a group gap to the general path, and no plain digits.
    for (const places of [0, 2, 3])
      expect(
        differing(
          digits,
          (d) => parseDecimal(d, places),
          (d) => parseDecimal(` ${d}`, places),
        ),
      ).toEqual([]);
    expect(value(parseDecimal('123456789012345', 3))).toBe('123456789012345');
    expect(value(parseDecimal('1234567890123456', 3))).toBe('!too_large');
  });

  it('days, with the time after a date read without a regex', () => {
    const tricky = [
      '20.11.2025 0:00:00',
      '20.11.2025 12:00',
      '20.11.2025 12:00:0',
      '20.11.2025 1:2:3',
      '20.11.2025 12:00:00 ',
      '20.11.2025  1:00',
      '20.11.2025 123:00',
      '20.11.2025 1:00:00:00',
      '20.11.2025 1:0',
      '20.11.2025T10:00',
      '29.02.2100',
      '29.02.2000',
      '01.01.0001 0:00:00',
      '00.01.2024',
      '1.12.2024',
    ];
    const dayChars = ['0', '1', '2', '3', '9', '.', '.', ' ', ':', '-', 'T', 'Z', '+'];
    expect(differing([...tricky, ...texts(dayChars, 20000, 24, 3)], parseDay, reference.parseDay)).toEqual([]);
  });

  it('yes and no, looked up before lower-casing', () => {
    const words = [
      'да',
      'Да',
      'ДА',
      'дА',
      ' Нет ',
      'НЕТ',
      'x',
      'X',
      'х',
      'Х',
      'TRUE',
      'True',
      'tRUE',
      'Y',
      'N',
      '-',
      '+',
      'Истина',
      'ЛОЖЬ',
      'Д',
      'Н',
      '1',
      '0',
      'может',
      '',
      'yes ',
      'No',
    ];
    expect(differing(words, parseYesNo, reference.parseYesNo)).toEqual([]);
  });

  it('a refusal is one shared object per reason, which no caller can change', () => {
    const a = parseKopecks('x'),
      b = parseDecimal('y', 3);
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a).toEqual({ ok: false, reason: 'number' });
  });
});
