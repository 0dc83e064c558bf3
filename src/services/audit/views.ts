import type { Database } from '../../db/database.js';
import { orderLineCount, surveyLinkForAudit } from '../../db/queries/audit/log.js';
import type { Actor } from '../actor.js';
import { isoTimestamp } from '../convert.js';
import { audit } from './record.js';

type LossView = { id: number; clientId: number; lostOn: string } & Record<string, unknown>;

/**
 * An order as its audit rows show it: the header as the API shows it, the lines summarised as their
 * count beside the total (a line-by-line copy would make every row as long as the document). The
 * margin is left out: it follows from the total and the cost.
 */
export async function orderAuditView(
  db: Database,
  orgId: number,
  order: { id: number; margin?: unknown } & Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { margin: _margin, ...rest } = order;
  return { ...rest, lineCount: await orderLineCount(db, orgId, order.id) };
}

/**
 * A loss record written (the loss form) or changed. Marking a client lost also changes the client's
 * status and lost day, so that change gets its own row on the client, as any edit of the card does.
 */
export async function auditLoss(
  db: Database,
  actor: Actor,
  action: 'create' | 'update',
  before: LossView | undefined,
  after: LossView,
  clientBefore?: { status: string; lostOn: string | null },
): Promise<void> {
  await audit(db, actor, { action, entity: 'loss', entityId: after.id, clientId: after.clientId, before, after });
  if (clientBefore) {
    await audit(db, actor, {
      action: 'update',
      entity: 'client',
      entityId: after.clientId,
      clientId: after.clientId,
      before: clientBefore,
      after: { status: 'lost', lostOn: after.lostOn },
    });
  }
}

/** A survey link issued or revoked: who is asked and until when; the secret never leaves the link. */
export async function auditSurveyLink(
  db: Database,
  actor: Actor,
  action: 'create' | 'revoke',
  id: number,
  before?: { expiresAt: string },
): Promise<void> {
  const link = await surveyLinkForAudit(db, actor.orgId, id);
  if (!link) return;
  const after = { contactId: link.contactId, locale: link.locale, expiresAt: isoTimestamp(link.expiresAt) };
  await audit(db, actor, {
    action,
    entity: 'survey_link',
    entityId: id,
    clientId: link.clientId,
    before: action === 'revoke' ? { expiresAt: before ? isoTimestamp(before.expiresAt) : null } : null,
    after: action === 'revoke' ? { expiresAt: after.expiresAt } : after,
  });
}

/** A task as its audit rows show it: what the task is, not the gifts of last year the list shows beside it. */
export function taskAuditView(task: { lastYearGifts?: unknown } & Record<string, unknown>): Record<string, unknown> {
  const { lastYearGifts: _gifts, ...rest } = task;
  return rest;
}

/**
 * A change of the organisation's settings: one row for the section, its keys named "section.key"
 * (analytics.hourlyRate — kopecks, as the settings API has it; calendar.congratulationLeadDays).
 */
export async function auditSettings(
  db: Database,
  actor: Actor,
  section: 'analytics' | 'calendar',
  before: object,
  after: object,
): Promise<void> {
  const prefixed = (values: object) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [`${section}.${k}`, v]));
  await audit(db, actor, { action: 'update', entity: 'setting', before: prefixed(before), after: prefixed(after) });
}
