import type { CalendarSettingsT } from '../../contract/calendar.js';
import { defaultCongratulationLeadDays, maxCongratulationLeadDays } from '../../core/calendar/congratulations.js';
import { DomainError, fieldProblem, invalidInput } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { orgSettingsOf, setOrgSettings } from '../../db/queries/organizations.js';
import type { Actor } from '../actor.js';
import { can } from '../../core/access/permissions.js';
import { auditSettings } from '../audit/views.js';

const validLead = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= maxCongratulationLeadDays;

/**
 * The calendar settings, kept in organizations.settings.calendar beside (never over) the analytics
 * settings; a missing or broken value reads as the default lead time, 7 days.
 */
export async function calendarSettingsFor(db: Database, orgId: number): Promise<CalendarSettingsT> {
  const settings = await orgSettingsOf(db, orgId);
  const stored = (settings as { calendar?: { congratulationLeadDays?: unknown } } | undefined)?.calendar
    ?.congratulationLeadDays;
  return { congratulationLeadDays: validLead(stored) ? stored : defaultCongratulationLeadDays };
}

/** The lead time is the organisation's rule: its owner and head of sales set it (0–60 days). */
export async function updateCalendarSettings(
  db: Database,
  actor: Actor,
  change: Partial<CalendarSettingsT>,
): Promise<CalendarSettingsT> {
  if (!can(actor.role, 'changeSettings')) {
    throw new DomainError('forbidden', 'calendar.settingsNotAllowed');
  }
  if (change.congratulationLeadDays !== undefined && !validLead(change.congratulationLeadDays)) {
    throw invalidInput([
      fieldProblem('congratulationLeadDays', 'range', 'calendar.leadDaysRange', { max: maxCongratulationLeadDays }),
    ]);
  }
  return db.engine.transaction(async () => {
    const before = await calendarSettingsFor(db, actor.orgId);
    const next = { ...before, ...change };
    // jsonb_set replaces only the "calendar" key: the analytics settings beside it stay as they are.
    await setOrgSettings(db, actor.orgId, 'calendar', next);
    await auditSettings(db, actor, 'calendar', before, next);
    return next;
  });
}
