import type { Database } from '../../database.js';
import type { CohortRow, FlowRow } from './charts.js';

/**
 * What the last refresh stored for the organisation (table org_analytics): the period and day it
 * computed for, and the summary (totals, cohorts and retention by quarter and year, the settings key).
 */
export type OrgAnalyticsRow = {
  period_from: string;
  period_to: string;
  as_of: string;
  summary: OrgSummary;
  computed_at: string;
  duration_ms: number;
};
export type OrgSummary = {
  quarters?: FlowRow[];
  years?: FlowRow[];
  cohorts?: CohortRow[];
  settingsKey?: unknown;
  chartsOn?: unknown;
  [key: string]: unknown;
};

/** The organisation's stored summary, undefined before its first refresh. */
export async function orgAnalyticsOf(db: Database, orgId: number): Promise<OrgAnalyticsRow | undefined> {
  const {
    rows: [stored],
  } = await db.engine.query<OrgAnalyticsRow>(
    'SELECT period_from, period_to, as_of, summary, computed_at, duration_ms FROM org_analytics WHERE org_id = $1',
    [orgId],
  );
  return stored;
}

/** Stores a refresh's summary (computed now), replacing the previous one. */
export async function saveOrgAnalytics(
  db: Database,
  orgId: number,
  r: { periodFrom: string; periodTo: string; asOf: string; summary: Record<string, unknown>; durationMs: number },
): Promise<void> {
  await db.engine.query(
    `
    INSERT INTO org_analytics (org_id, period_from, period_to, as_of, summary, computed_at, duration_ms) VALUES ($1, $2, $3, $4, $5::jsonb, now(), $6)
    ON CONFLICT (org_id) DO UPDATE SET period_from = EXCLUDED.period_from, period_to = EXCLUDED.period_to, as_of = EXCLUDED.as_of,
      summary = EXCLUDED.summary, computed_at = EXCLUDED.computed_at, duration_ms = EXCLUDED.duration_ms`,
    [orgId, r.periodFrom, r.periodTo, r.asOf, JSON.stringify(r.summary), r.durationMs],
  );
}
