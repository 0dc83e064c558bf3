/**
 * Today's date (UTC) for the analytics. RAPPORT_TODAY pins it (tests, demos, reproducing a report);
 * otherwise the system clock.
 */
export function analyticsToday(): string {
  const pinned = process.env.RAPPORT_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return new Date().toISOString().slice(0, 10);
}
