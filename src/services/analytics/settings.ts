import { eq, sql } from 'drizzle-orm';
import { analyticsSettingsOf, settingsProblems, type AnalyticsSettings } from '../../core/analytics/settings.js';
import { DomainError } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { organizations } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import { throwIfProblems } from '../convert.js';

export async function analyticsSettingsFor(db: Database, orgId: number): Promise<AnalyticsSettings> {
  const [org] = await db.orm.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, orgId));
  return analyticsSettingsOf((org?.settings as { analytics?: unknown } | undefined)?.analytics);
}

/** Costs and thresholds are the organisation's rules: its owner and head of sales set them. */
export async function updateAnalyticsSettings(db: Database, actor: Actor, change: Partial<AnalyticsSettings>): Promise<AnalyticsSettings> {
  if (actor.role !== 'owner' && actor.role !== 'head_of_sales') {
    throw new DomainError('forbidden', 'Only the owner or the head of sales can change the analytics settings.');
  }
  return db.engine.transaction(async () => {
    const next = { ...(await analyticsSettingsFor(db, actor.orgId)), ...change };
    throwIfProblems(settingsProblems(next));
    await db.orm.update(organizations)
      .set({ settings: sql`jsonb_set(${organizations.settings}, '{analytics}', ${JSON.stringify(next)}::jsonb)` })
      .where(eq(organizations.id, actor.orgId));
    return next;
  });
}
