import { asOfFor, monthOf, periodEnding } from '../../core/analytics/period.js';
import type { Database } from '../../db/database.js';
import { refreshFigures } from '../../db/queries/analytics/figures.js';
import { refreshStages } from '../../db/queries/analytics/ladder.js';
import { figuresTrackedOtherwise, paymentTrackingState } from '../../db/queries/analytics/payment-tracking.js';
import { refreshClientMonths, refreshSettlements } from '../../db/queries/analytics/rollups.js';
import { refreshClaimMonths } from '../../db/queries/claims/summary.js';
import { keepBaseAnalysisFigures, refreshBaseAnalysis } from '../../db/queries/people/base-analysis.js';
import { refreshSurveyMonths } from '../../db/queries/surveys/trends.js';
import { analyticsSettingsFor } from './settings.js';

/** What a write changed: the clients it touched and, when known, the months of their activity. */
export type Touched = { clientIds: Iterable<number>; days?: Iterable<string | null | undefined> };

/**
 * Keeps the analytics of the touched clients in step with a write, inside the write's transaction:
 * their monthly rollups (only the touched months when given), settlements, ladder history and figures,
 * and their rows of the base analysis (which copy the client's name, significance, status, owner and
 * figures). Org-wide classes (ABC, RFM…) follow at the next refresh.
 */
export async function keepAnalytics(db: Database, orgId: number, touched: Touched): Promise<void> {
  const clientIds = [...new Set(touched.clientIds)];
  if (clientIds.length === 0) return;
  const scope = { orgId, clientIds };
  const months = touched.days
    ? [...new Set([...touched.days].filter((d): d is string => Boolean(d)).map((d) => monthOf(d)))]
    : undefined;
  const settings = await analyticsSettingsFor(db, orgId);
  const today = db.clock.today();
  const period = periodEnding(today, settings.periodMonths);
  await db.engine.transaction(async () => {
    if (!months || months.length > 0) await refreshClientMonths(db, scope, months);
    await refreshSettlements(db, scope);
    // A document changes the ladder only from its month on; the history before it stands.
    await refreshStages(
      db,
      scope,
      months && months.length > 0 ? months.reduce((a, b) => (a < b ? a : b)) : 'all',
      today,
      settings,
    );
    await refreshFigures(db, scope, period, asOfFor(period, today), settings);
    await refreshBaseAnalysis(db, scope);
    // The organisation's first payment (or its last one gone) turns payment tracking on (off) for every
    // client: their figures follow now, as a rebuild would give them.
    const { tracked } = await paymentTrackingState(db, orgId, settings.paymentTracking);
    if (await figuresTrackedOtherwise(db, orgId, tracked, clientIds)) {
      await refreshFigures(db, { orgId }, period, asOfFor(period, today), settings);
      await keepBaseAnalysisFigures(db, { orgId });
    }
  });
}

/**
 * Recomputes every stored answer of the organisation's company-wide pages from its rows, inside the
 * caller's transaction: the base analysis of each client, the claims summary's and the satisfaction
 * trends' monthly tallies. For the writes that bring rows in or take them out in bulk (the demo
 * company, a restore), past the per-row upkeep.
 */
export async function rebuildPageAnswers(db: Database, orgId: number): Promise<void> {
  await db.engine.transaction(async () => {
    await refreshBaseAnalysis(db, { orgId });
    await refreshClaimMonths(db, orgId);
    await refreshSurveyMonths(db, orgId);
  });
}
