// Claims and wishes from clients (docs/domain.md §9: "keep a card of claims and wishes for every client"):
// the rules of their workflow, their default deadlines and the arithmetic of time to resolve. Pure, so
// the services, the SQL summary's tests and the web app's forms all follow the same rules.
import { addWorkingDays } from '../calendar/calendar.js';
import { toDay } from '../calendar/dates.js';
import { claimCategories, claimSeverities, claimStatuses, claimTypes } from '../vocabulary.js';

export type ClaimType = (typeof claimTypes)[number];
export type ClaimCategory = (typeof claimCategories)[number];
export type ClaimSeverity = (typeof claimSeverities)[number];
export type ClaimStatus = (typeof claimStatuses)[number];

/**
 * Working days a claim of each severity is given, counted by the Russian production calendar from the
 * day it was received (that day not counted): critical 1, high 3, medium 5, low 10. The choice follows
 * common service-desk practice scaled to a working week — a critical claim (a stopped delivery, a wrong
 * shipment to a key client) is answered the next working day, a minor wish within two working weeks —
 * and counting working days means a claim received before the New Year holidays is not overdue on
 * 2 January. A deadline set by hand on the claim wins over this default.
 */
export const claimWorkingDaysBySeverity: Readonly<Record<ClaimSeverity, number>> = {
  critical: 1,
  high: 3,
  medium: 5,
  low: 10,
};

/**
 * The default deadline: `receivedOn` plus the severity's working days (claimWorkingDaysBySeverity) on the
 * production calendar (calendar.ts addWorkingDays). E.g. a critical claim received on 30.12.2025 is due
 * on 12.01.2026, the first working day after the New Year holidays.
 */
export function defaultClaimDueOn(receivedOn: string, severity: ClaimSeverity): string {
  return addWorkingDays(receivedOn, claimWorkingDaysBySeverity[severity]);
}

/**
 * The workflow: new → in progress or rejected; in progress → resolved or rejected; a resolved or
 * rejected claim can be reopened (→ in progress) when the client comes back to it. Nothing else moves.
 */
export const claimTransitions: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  new: ['in_progress', 'rejected'],
  in_progress: ['resolved', 'rejected'],
  resolved: ['in_progress'],
  rejected: ['in_progress'],
};

export function canMoveClaim(from: ClaimStatus, to: ClaimStatus): boolean {
  return claimTransitions[from].includes(to);
}

/** Resolving or rejecting a claim closes it: the client must be told what was done or why not. */
export const closedClaimStatuses: readonly ClaimStatus[] = ['resolved', 'rejected'];
export const openClaimStatuses: readonly ClaimStatus[] = ['new', 'in_progress'];

export const isClaimOpen = (status: ClaimStatus): boolean => openClaimStatuses.includes(status);
export const needsResolution = (to: ClaimStatus): boolean => closedClaimStatuses.includes(to);

/** Overdue: still open and its deadline was before today (a claim due today is not overdue yet). */
export function isClaimOverdue(claim: { status: ClaimStatus; dueOn: string }, today: string): boolean {
  return isClaimOpen(claim.status) && claim.dueOn < today;
}

/**
 * Time to resolve, in calendar days: resolvedOn − receivedOn (0 when closed the day it came). Set for
 * closed claims only — resolvedOn is the day a claim was resolved or rejected, since either way the
 * client got its answer; null while it is open.
 */
export function daysToResolve(receivedOn: string, resolvedOn: string | null): number | null {
  return resolvedOn === null ? null : toDay(resolvedOn) - toDay(receivedOn);
}

/**
 * The median of values given as (value, how many) pairs, as PostgreSQL's `percentile_cont(0.5)` gives
 * it: the middle value of the sorted values, or the mean of the two middle ones for an even count;
 * null without values. The claims summary's median days to resolve, from the stored counts per number
 * of days (docs/analytics.md §17).
 */
export function medianOfCounts(counts: readonly (readonly [value: number, count: number])[]): number | null {
  const sorted = counts.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  // 0-based positions of the two middle values (the same one for an odd count).
  const at = (position: number): number => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (position < seen) return value;
    }
    return sorted[sorted.length - 1]![0];
  };
  return (at(Math.floor((total - 1) / 2)) + at(Math.ceil((total - 1) / 2))) / 2;
}

/** Calendar days a claim is past its deadline as of `today` (0 when not overdue). */
export function daysOverdue(claim: { status: ClaimStatus; dueOn: string }, today: string): number {
  return isClaimOverdue(claim, today) ? toDay(today) - toDay(claim.dueOn) : 0;
}

/** Severities from the most to the least urgent (sorting, "most severe first"). */
export const severityRank: Readonly<Record<ClaimSeverity, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

/** The median of a list of numbers (the mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
