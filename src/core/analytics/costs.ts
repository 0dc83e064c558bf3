// Cost to serve and profit after it (activity-based costing, Kaplan & Anderson 2004/2007;
// docs/analytics.md §7), in kopecks.

/** Manager time cost = minutes × hourly rate ÷ 60, rounded to the kopeck. */
export const managerTimeCost = (minutes: number, hourlyRate: number): number => Math.round((minutes * hourlyRate) / 60);

/**
 * Cost of late payment of one document = amount × days late within the period ÷ 365 × annual cost of
 * capital (docs/analytics.md §7). Days late run from the due date to the day it
 * was settled (or today while open), counted only inside the period.
 */
export function latePaymentCost(
  amount: number,
  dueOn: string,
  settledOn: string | null,
  asOf: string,
  periodFrom: string,
  periodEnd: string,
  costOfCapitalPct: number,
): number {
  const days = lateDaysWithin(dueOn, settledOn ?? asOf, periodFrom, periodEnd);
  return (amount * days * costOfCapitalPct) / 100 / 365;
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** Days of [due, settled) that fall inside [from, end] (end inclusive). */
export function lateDaysWithin(dueOn: string, settledOn: string, from: string, end: string): number {
  const start = Math.max(day(dueOn), day(from));
  const stop = Math.min(day(settledOn), day(end) + 1);
  return Math.max(0, stop - start);
}

/** Cost to serve = manager time + logistics + receptions, entertainment and gifts + cost of late payment. */
export const costToServe = (parts: {
  managerTimeCost: number;
  logistics: number;
  relationshipSpend: number;
  latePaymentCost: number;
}): number => parts.managerTimeCost + parts.logistics + parts.relationshipSpend + parts.latePaymentCost;

/** Profit after cost to serve = (revenue − cost of goods) − cost to serve. */
export const profitAfterCostToServe = (revenue: number, cost: number, cts: number): number => revenue - cost - cts;
