/**
 * Cell values as 1C and Excel write them (docs/russian-formats.md §2, "Cell values"): numbers with
 * spaces or no-break spaces between thousands, a decimal comma, negatives as -1 234,50 or
 * (1 234,50); dates as DD.MM.YYYY with an optional H:mm:ss, ISO, 1C's empty date 01.01.0001.
 * Each parser answers the normalised value, or a reason code when the text is not one.
 */
import type { MessageCode } from '../messages/types.js';
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: ValueProblem };

export type ValueProblem =
  | 'required'
  | 'number'
  | 'decimals'
  | 'too_large'
  | 'date'
  | 'no_such_date'
  | 'date_range'
  | 'boolean'
  | 'email'
  | 'too_long';

/** A refused value: one shared, frozen object per reason, so that refusing allocates nothing. */
export type Refused = { readonly ok: false; readonly reason: ValueProblem };
const refusedBy = new Map<ValueProblem, Refused>();
const bad = (reason: ValueProblem): Refused => {
  let r = refusedBy.get(reason);
  if (!r) {
    r = Object.freeze({ ok: false as const, reason });
    refusedBy.set(reason, r);
  }
  return r;
};
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
/** The value read, else the refusal: what the `…Of` readers answer. */
export const isRefused = (v: unknown): v is Refused => typeof v === 'object' && v !== null;
const parsed = <T>(v: T | Refused): Parsed<T> => (isRefused(v) ? v : ok(v));

/**
 * Where the digits of a number start and end once the gaps around it, brackets and a sign are read:
 * (…) or a leading "-" (or "−") makes it negative, "+" is allowed.
 */
function signedSpan(text: string): { start: number; end: number; negative: boolean } {
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
  return { start: i, end: n, negative };
}

/**
 * The digits of a number as 1C and Excel write it: sign, whole digits, fraction digits. Spaces,
 * no-break spaces, narrow no-break spaces and apostrophes between digits are group separators;
 * one "," or "." is the decimal mark; (…) or a leading "-" makes it negative. Scanned by hand:
 * an import reads millions of these.
 */
function scanNumber(text: string): { negative: boolean; whole: string; fraction: string } | null {
  const span = signedSpan(text);
  let i = span.start;
  const n = span.end,
    negative = span.negative;
  let whole = '';
  let fraction = '';
  let inFraction = false;
  let digits = 0;
  let runStart = i;
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

const isGap = (c: number) => c === 32 || c === 0xa0 || c === 0x202f || c === 39 || c === 9;

/**
 * A decimal as text with at most `places` decimals ("1 234,5" → "1234.5"), exact (no float).
 * More decimals than `places` are rounded half away from zero, as 1C rounds amounts.
 */
export function parseDecimal(text: string, places: number): Parsed<string> {
  return parsed(decimalOf(text, places));
}

/** `parseDecimal` without the result object (the row reader calls it for every row). */
export function decimalOf(text: string, places: number): string | Refused {
  // Plain digits without a leading zero, as a quantity nearly always is: the text is its own normal form.
  const n = text.length;
  if (n > 0 && n <= 15 && (n === 1 || text.charCodeAt(0) !== 48)) {
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
    }
    if (i === n) return text;
  }
  const m = scanNumber(text);
  if (!m) return bad('number');
  let whole = m.whole;
  let fraction = m.fraction;
  if (whole.length > 1 && whole.charCodeAt(0) === 48) whole = whole.replace(/^0+(?=\d)/, '');
  if (whole.length > 15) return bad('too_large');
  if (fraction.length > places) {
    const roundUp = fraction.charCodeAt(places) >= 53; // '5'
    fraction = fraction.slice(0, places);
    if (roundUp) {
      const scaled = (BigInt(whole + fraction.padEnd(places, '0')) + 1n).toString().padStart(places + 1, '0');
      whole = scaled.slice(0, scaled.length - places) || '0';
      fraction = scaled.slice(scaled.length - places);
    }
  }
  let end = fraction.length;
  while (end > 0 && fraction.charCodeAt(end - 1) === 48) end--;
  if (end < fraction.length) fraction = fraction.slice(0, end);
  const body = fraction ? `${whole}.${fraction}` : whole;
  return m.negative && body !== '0' ? `-${body}` : body;
}

/** Money in kopecks from a rouble amount; fractions of a kopeck round half away from zero. */
export function parseKopecks(text: string): Parsed<number> {
  return parsed(kopecksOf(text));
}

/**
 * `parseKopecks` without the result object or the strings of `scanNumber`: the same grammar read
 * in one pass straight into a number (at most 13 significant whole digits, so it stays exact).
 */
export function kopecksOf(text: string): number | Refused {
  const span = signedSpan(text);
  let i = span.start;
  const n = span.end,
    negative = span.negative;
  let whole = 0,
    significant = 0,
    digits = 0;
  let inFraction = false,
    fractionDigits = 0,
    kopecks = 0,
    roundUp = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (inFraction) {
        if (fractionDigits === 0) kopecks += (c - 48) * 10;
        else if (fractionDigits === 1) kopecks += c - 48;
        else if (fractionDigits === 2) roundUp = c >= 53;
        fractionDigits++;
      } else if (significant > 0 || c !== 48) {
        significant++;
        whole = whole * 10 + (c - 48);
      }
      continue;
    }
    if (inFraction) return bad('number');
    if (c === 44 || c === 46) {
      inFraction = true;
      continue;
    }
    if (isGap(c) && digits > 0) continue;
    return bad('number');
  }
  if (digits === 0) return bad('number');
  if (significant > 13) return bad('too_large');
  kopecks += whole * 100;
  if (roundUp) kopecks++;
  return negative && kopecks !== 0 ? -kopecks : kopecks;
}

export function parseWhole(text: string): Parsed<number> {
  return parsed(wholeOf(text));
}

export function wholeOf(text: string): number | Refused {
  const d = decimalOf(text, 0);
  if (isRefused(d)) return d;
  const n = Number(d);
  return Number.isSafeInteger(n) && Math.abs(n) < 2 ** 31 ? n : bad('too_large');
}

const DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Two decimal digits at `at` as a number, or -1. */
const twoDigits = (t: string, at: number) => {
  const a = t.charCodeAt(at) - 48,
    b = t.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};
const isDigitAt = (t: string, at: number) => {
  const c = t.charCodeAt(at);
  return c >= 48 && c <= 57;
};
/** " H:MM" or " HH:MM", optionally ":SS", from `at` to the end of `t`: a 1C time after a date, checked without a regex. */
function isTimeAt(t: string, at: number): boolean {
  let i = at + 1;
  if (t.charCodeAt(at) !== 32 || !isDigitAt(t, i)) return false;
  i++;
  if (isDigitAt(t, i)) i++;
  if (t.charCodeAt(i) !== 58 || !isDigitAt(t, i + 1) || !isDigitAt(t, i + 2)) return false;
  i += 3;
  if (i === t.length) return true;
  return i + 3 === t.length && t.charCodeAt(i) === 58 && isDigitAt(t, i + 1) && isDigitAt(t, i + 2);
}
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (year: number, month: number) =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS_IN_MONTH[month - 1]!;

/**
 * A calendar day as ISO "YYYY-MM-DD" (the time of day, when given, is dropped: documents are
 * counted by day). 1C's empty date 01.01.0001 is no date (null). 31.02.2024 is refused as a day
 * that does not exist; years outside 1900–2100 are refused as a typo.
 */
export function parseDay(text: string): Parsed<string | null> {
  return parsed(dayOf(text));
}

/** `parseDay` without the result object. */
export function dayOf(text: string): string | null | Refused {
  const t = text.trim();
  let y: number, mo: number, d: number;
  // DD.MM.YYYY, with or without a time after it: the shape of nearly every date in a 1C file,
  // read by character codes (an import reads millions of them).
  if (t.length >= 10 && t.charCodeAt(2) === 46 && t.charCodeAt(5) === 46 && (t.length === 10 || isTimeAt(t, 10))) {
    d = twoDigits(t, 0);
    mo = twoDigits(t, 3);
    const century = twoDigits(t, 6),
      year = twoDigits(t, 8);
    y = century * 100 + year;
    if (d >= 0 && mo >= 0 && century >= 0 && year >= 0) {
      if (y === 1 && mo === 1 && d === 1) return null;
      if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return bad('no_such_date');
      if (y < 1900 || y > 2100) return bad('date_range');
      return isoDay(y, mo, d);
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
    if (!iso) return bad('date');
    y = Number(iso[1]);
    mo = Number(iso[2]);
    d = Number(iso[3]);
  }
  if (y === 1 && mo === 1 && d === 1) return null;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return bad('no_such_date');
  if (y < 1900 || y > 2100) return bad('date_range');
  return isoDay(y, mo, d);
}

/**
 * "YYYY-MM-DD" of a valid day, built once and kept: a file names a few thousand days over millions
 * of rows, and building the text takes five strings. Emptied now and then, to stay small.
 */
const isoDays = new Map<number, string>();
function isoDay(y: number, mo: number, d: number): string {
  const key = y * 10000 + mo * 100 + d;
  let day = isoDays.get(key);
  if (day === undefined) {
    day = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (isoDays.size >= 10_000) isoDays.clear();
    isoDays.set(key, day);
  }
  return day;
}

const TRUE = new Set(['да', 'истина', 'true', 'yes', 'y', '1', 'д', '+', 'x', 'х']);
const FALSE = new Set(['нет', 'ложь', 'false', 'no', 'n', '0', 'н', '-']);
/**
 * The words as files write them (lower case, capitalised, upper case), looked up before anything
 * is trimmed or lower-cased: each is here only if trimming and lower-casing it gives a word of
 * TRUE or FALSE, so the answer is the same, without the new string `toLowerCase` makes.
 */
const YES_NO = new Map<string, boolean>();
for (const [words, value] of [
  [TRUE, true],
  [FALSE, false],
] as const) {
  for (const w of words) {
    for (const form of [w, w.charAt(0).toUpperCase() + w.slice(1), w.toUpperCase()])
      if (words.has(form.trim().toLowerCase())) YES_NO.set(form, value);
  }
}

export function parseYesNo(text: string): Parsed<boolean> {
  return parsed(yesNoOf(text));
}

/** `parseYesNo` without the result object. */
export function yesNoOf(text: string): boolean | Refused {
  const known = YES_NO.get(text);
  if (known !== undefined) return known;
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return bad('boolean');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function parseEmail(text: string): Parsed<string> {
  return parsed(emailOf(text));
}

/** `parseEmail` without the result object. */
export function emailOf(text: string): string | Refused {
  const t = text.trim();
  return EMAIL.test(t) && t.length <= 254 ? t.toLowerCase() : bad('email');
}

/** The message codes of the value problems (core/messages `import.value.*`). */
export const valueProblemCodes: Record<ValueProblem, MessageCode> = {
  required: 'import.value.required',
  number: 'import.value.number',
  decimals: 'import.value.decimals',
  too_large: 'import.value.too_large',
  date: 'import.value.date',
  no_such_date: 'import.value.no_such_date',
  date_range: 'import.value.date_range',
  boolean: 'import.value.boolean',
  email: 'import.value.email',
  too_long: 'import.value.too_long',
};
