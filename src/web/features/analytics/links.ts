/** Addresses of the client list filtered to the clients behind a chart, a cell or a figure. */
import type { ListFilters } from '../../lib/figures.js';

export function clientsHref(filters: ListFilters & { sort?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  const search = params.toString();
  return `/clients${search ? `?${search}` : ''}`;
}

/** The most profitable clients first. */
export const mostProfitableHref = clientsHref({ sort: '-profit' });
/** Loss-making clients (the category, as the dashboard counts them: traded with us, profit below zero), the worst first. */
export const lossMakingHref = clientsHref({ category: 'loss_making', sort: 'profit' });

/** The clients of one cell of the RFM grid: recency score `r`, frequency score `f` (1–5 each). */
export function rfScoreHref(r: number, f: number): string {
  return clientsHref({ rScore: String(r), fScore: String(f) });
}

/**
 * The first and last day (ISO, inclusive) of the calendar quarter holding the date `iso` (YYYY-MM-DD);
 * the quarter ends on the last day of its third month.
 */
export function quarterRange(iso: string): { from: string; to: string } {
  const [year, month] = iso.split('-').map(Number) as [number, number];
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  // Day 0 of the month after the third is the last day of the third.
  const last = new Date(Date.UTC(year, first + 2, 0)).toISOString().slice(0, 10);
  return { from: `${year}-${String(first).padStart(2, '0')}-01`, to: last };
}

/** The clients of a cohort: those whose first purchase ever falls in the quarter starting `quarterStart`. */
export function cohortHref(quarterStart: string): string {
  const { from, to } = quarterRange(quarterStart);
  return clientsHref({ firstPurchaseFrom: from, firstPurchaseTo: to });
}
