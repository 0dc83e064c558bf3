/** Calendar days and periods as the browser sees them: today, ISO dates, months, quarters. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** A real calendar date written YYYY-MM-DD (what <input type="date"> gives; the API refuses 2024-02-30). */
export const isIsoDate = (v: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().slice(0, 10) === v;

/** Quarter or year of a period start (ISO date) in the UI language: "3 кв. 2026", "Q3 2026", "2026". */
export function usePeriodLabel(): (start: string, grain: 'quarter' | 'year') => string {
  const { t } = useTranslation();
  return useCallback(
    (start, grain) => {
      const m = /^(\d{4})-(\d{2})/.exec(start);
      if (!m) return start;
      if (grain === 'year') return m[1]!;
      return t('analytics.quarter', { quarter: Math.floor((Number(m[2]) - 1) / 3) + 1, year: m[1] });
    },
    [t],
  );
}

/** The first day of the month `n` months after the month of `iso` (YYYY-MM-DD). */
export function addMonths(iso: string, n: number): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/** The last day of the month of `iso` (the API names a month by its first day in some answers). */
export function monthEnd(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Whether a quarter or year starting at `start` has ended by `today` (both ISO dates). */
export function periodComplete(start: string, grain: 'quarter' | 'year', today: string): boolean {
  return addMonths(start, grain === 'quarter' ? 3 : 12) <= today;
}

/** Today in the viewer's time zone, ISO. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * How a date is written in each UI language, for date fields: the same convention formatDate shows
 * (DD.MM.YYYY in Russian, DD/MM/YYYY in English as en-GB writes it), so a field never reads a date in
 * another order than the tables beside it. `pattern` is a dayjs format.
 */
export const dateWriting = {
  ru: { pattern: 'DD.MM.YYYY', order: 'dmy' },
  en: { pattern: 'DD/MM/YYYY', order: 'dmy' },
} as const satisfies Record<string, { pattern: string; order: 'dmy' | 'mdy' }>;

export type TypedDate = { date: string; time: string | null };

const pad2 = (n: string) => n.padStart(2, '0');

/**
 * What a person typed into a date field → the ISO date (and the time "HH:mm" when `withTime` and one is
 * typed), or null when it is not a real date. Reads the language's order with any of . / - or a space
 * between the parts ("7.3.2026", "07/03/2026", "07032026"), and ISO ("2026-03-07", as pasted from
 * elsewhere). The year has four digits: "7.3.26" is not guessed.
 */
export function parseTypedDate(text: string, language: string, withTime = false): TypedDate | null {
  let rest = text.trim();
  let time: string | null = null;
  if (withTime) {
    const t = /(?:^|[\sT,]+)(\d{1,2})[:.](\d{2})$/.exec(rest);
    if (t && /[\sT,]/.test(rest.slice(0, t.index + 1))) {
      const h = Number(t[1]);
      const m = Number(t[2]);
      if (h > 23 || m > 59) return null;
      time = `${pad2(t[1]!)}:${t[2]}`;
      rest = rest.slice(0, t.index).trim();
    }
  }
  const order = (language === 'ru' ? dateWriting.ru : dateWriting.en).order as 'dmy' | 'mdy';
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(rest);
  const parts = /^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{4})$/.exec(rest) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(rest);
  if (iso) [, y, m, d] = iso;
  else if (parts) [, d, m, y] = order === 'dmy' ? parts : [parts[0], parts[2], parts[1], parts[3]];
  else return null;
  const date = `${y}-${pad2(m!)}-${pad2(d!)}`;
  return isIsoDate(date) ? { date, time } : null;
}
