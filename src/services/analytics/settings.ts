import { analyticsSettingsOf, settingsProblems, type AnalyticsSettings } from '../../core/analytics/settings.js';
import { DomainError, fieldProblem, invalidInput } from '../../core/errors.js';
import { formatMoney, parseMoney } from '../../core/money/money.js';
import type { AnalyticsSettingsView } from '../../contract/analytics.js';
import type { Database } from '../../db/database.js';
import { orgSettingsOf, setOrgSettings } from '../../db/queries/organizations.js';
import type { Actor } from '../actor.js';
import { can } from '../../core/access/permissions.js';
import { auditSettings } from '../audit/views.js';
import { throwIfProblems } from '../convert.js';

export async function analyticsSettingsFor(db: Database, orgId: number): Promise<AnalyticsSettings> {
  const settings = await orgSettingsOf(db, orgId);
  return analyticsSettingsOf((settings as { analytics?: unknown } | undefined)?.analytics);
}

/** Costs and thresholds are the organisation's rules: its owner and head of sales set them. */
export async function updateAnalyticsSettings(
  db: Database,
  actor: Actor,
  change: Partial<AnalyticsSettings>,
): Promise<AnalyticsSettings> {
  if (!can(actor.role, 'changeSettings')) {
    throw new DomainError('forbidden', 'analytics.settingsNotAllowed');
  }
  return db.engine.transaction(async () => {
    const before = await analyticsSettingsFor(db, actor.orgId);
    const next = { ...before, ...change };
    throwIfProblems(settingsProblems(next));
    await setOrgSettings(db, actor.orgId, 'analytics', next);
    await auditSettings(db, actor, 'analytics', before, next);
    return next;
  });
}

/** The settings as the API shows them: the cost of a manager hour in roubles, like every amount it gives. */
export const settingsView = (s: AnalyticsSettings): AnalyticsSettingsView => ({
  ...s,
  hourlyRate: formatMoney(s.hourlyRate),
});

/** A change as the API takes it (the manager hour in roubles, "1500.00" or 1500) → the stored form (kopecks). */
export function settingsChangeOf(body: Record<string, unknown>): Partial<AnalyticsSettings> {
  if (body.hourlyRate === undefined) return body as Partial<AnalyticsSettings>;
  const kopecks = parseMoney(body.hourlyRate as string | number);
  if (kopecks === null) throw invalidInput([fieldProblem('hourlyRate', 'money', 'field.moneyTwoDecimals')]);
  return { ...body, hourlyRate: kopecks } as Partial<AnalyticsSettings>;
}
