// Analysis periods are whole calendar months: rollups are monthly, so any period is a run of months.

export type Period = { from: string; to: string };

/** First day of the month of an ISO date. */
export const monthOf = (iso: string): string => `${iso.slice(0, 7)}-01`;

export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(year).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}-01`;
}

/** The last day of a month. */
export const monthEnd = (month: string): string =>
  new Date(Date.parse(`${addMonths(month, 1)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The default period: `months` months ending with the month of `today`. */
export const periodEnding = (today: string, months: number): Period => ({
  from: addMonths(monthOf(today), 1 - months),
  to: monthOf(today),
});

export const monthsIn = (p: Period): number =>
  (Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4))) * 12 +
  Number(p.to.slice(5, 7)) -
  Number(p.from.slice(5, 7)) +
  1;

/** The day figures are taken at: today inside the period, else the period's last day. */
export const asOfFor = (p: Period, today: string): string => (monthEnd(p.to) < today ? monthEnd(p.to) : today);

/**
 * A range of days [from, to] as the whole calendar months inside it (`months`: the first days of the
 * first and the last; null when none is whole) and the days outside them (`partial`: at most one range
 * before and one after). Stored monthly tallies answer the whole months; the rest is read day by day.
 */
export function wholeMonthsOf(from: string, to: string): { months: Period | null; partial: Period[] } {
  const first = from === monthOf(from) ? from : addMonths(monthOf(from), 1);
  const last = to === monthEnd(monthOf(to)) ? monthOf(to) : addMonths(monthOf(to), -1);
  if (first > last) return { months: null, partial: from <= to ? [{ from, to }] : [] };
  const partial: Period[] = [];
  if (from < first) partial.push({ from, to: monthEnd(addMonths(first, -1)) });
  if (monthEnd(last) < to) partial.push({ from: addMonths(last, 1), to });
  return { months: { from: first, to: last }, partial };
}
