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
