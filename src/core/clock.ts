/**
 * The day the analytics count from. Services read it from the clock they are given (the database
 * handle carries one), never from the system or the environment, so a test, a demo or a reproduced
 * report pins "today" by handing a fixed clock in (see decision 0008).
 */
export type Clock = {
  /** Today's date, `YYYY-MM-DD` (UTC). */
  today(): string;
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isIsoDay(day: string): boolean {
  if (!ISO_DAY.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** The system clock: today in UTC. */
export const systemClock: Clock = { today: () => new Date().toISOString().slice(0, 10) };

/** A clock stopped on one day. */
export function fixedClock(day: string): Clock {
  if (!isIsoDay(day)) throw new RangeError(`A fixed clock needs a day written YYYY-MM-DD, got "${day}"`);
  return { today: () => day };
}
