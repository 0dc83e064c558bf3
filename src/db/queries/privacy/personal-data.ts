import type { Database } from '../../database.js';
import type { EventWords, TaskNotesWords } from '../../../core/calendar/texts.js';

// Everything held on one person, part by part (services/privacy/export.ts). Each read is by the
// contact (or, for the audit log, within their client's history through its index), so one export
// reads one person's rows and nothing of other people or organisations.

export type LinkRow = {
  from_contact_id: number;
  from_name: string;
  to_contact_id: number;
  to_name: string;
  kind: string;
};
export async function linksOfPerson(db: Database, orgId: number, contactId: number): Promise<LinkRow[]> {
  const { rows } = await db.engine.query<LinkRow>(
    `
    SELECT l.from_contact_id, f.full_name AS from_name, l.to_contact_id, t.full_name AS to_name, l.kind
      FROM contact_links l
      JOIN contacts f ON f.org_id = l.org_id AND f.id = l.from_contact_id
      JOIN contacts t ON t.org_id = l.org_id AND t.id = l.to_contact_id
     WHERE l.org_id = $1 AND (l.from_contact_id = $2 OR l.to_contact_id = $2)
     ORDER BY l.kind, l.from_contact_id, l.to_contact_id`,
    [orgId, contactId],
  );
  return rows;
}

export type PersonInteractionRow = {
  id: number;
  occurred_at: string;
  kind: string;
  duration_minutes: number;
  money_spent: number;
  outcome: string | null;
  notes: string | null;
  user_name: string | null;
};
export async function interactionsOfPerson(
  db: Database,
  orgId: number,
  contactId: number,
): Promise<PersonInteractionRow[]> {
  const { rows } = await db.engine.query<PersonInteractionRow>(
    `
    SELECT i.id, i.occurred_at, i.kind, i.duration_minutes, i.money_spent, i.outcome, i.notes, u.name AS user_name
      FROM interactions i LEFT JOIN users u ON u.org_id = i.org_id AND u.id = i.user_id
     WHERE i.org_id = $1 AND i.contact_id = $2
     ORDER BY i.occurred_at, i.id`,
    [orgId, contactId],
  );
  return rows;
}

export type PersonClaimRow = {
  id: number;
  type: string;
  category: string;
  severity: string;
  received_on: string;
  subject: string;
  description: string | null;
  status: string;
  resolution: string | null;
  resolved_on: string | null;
};
export async function claimsOfPerson(db: Database, orgId: number, contactId: number): Promise<PersonClaimRow[]> {
  const { rows } = await db.engine.query<PersonClaimRow>(
    `
    SELECT id, type, category, severity, received_on::text AS received_on, subject, description, status, resolution, resolved_on::text AS resolved_on
      FROM claims WHERE org_id = $1 AND contact_id = $2 ORDER BY received_on, id`,
    [orgId, contactId],
  );
  return rows;
}

export type PersonSurveyRow = {
  id: number;
  channel: string;
  answered_on: string;
  goods: number | null;
  staff: number | null;
  prices: number | null;
  logistics: number | null;
  service: number | null;
  company: number | null;
  nps: number | null;
  comment: string | null;
};
export async function surveysOfPerson(db: Database, orgId: number, contactId: number): Promise<PersonSurveyRow[]> {
  const { rows } = await db.engine.query<PersonSurveyRow>(
    `
    SELECT id, channel, answered_on::text AS answered_on, goods, staff, prices, logistics, service, company, nps, comment
      FROM survey_responses WHERE org_id = $1 AND contact_id = $2 ORDER BY answered_on, id`,
    [orgId, contactId],
  );
  return rows;
}

export type PersonSurveyLinkRow = {
  id: number;
  created_at: string;
  expires_at: string;
  answered_at: string | null;
  locale: string;
};
export async function surveyLinksOfPerson(
  db: Database,
  orgId: number,
  contactId: number,
): Promise<PersonSurveyLinkRow[]> {
  const { rows } = await db.engine.query<PersonSurveyLinkRow>(
    `
    SELECT id, created_at, expires_at, answered_at, locale FROM survey_links WHERE org_id = $1 AND contact_id = $2 ORDER BY created_at, id`,
    [orgId, contactId],
  );
  return rows;
}

export type PersonTaskRow = {
  id: number;
  kind: string;
  title: string;
  title_words: EventWords | null;
  notes_words: TaskNotesWords | null;
  event_kind: string | null;
  event_on: string | null;
  due_on: string;
  status: string;
  notes: string | null;
};
export async function tasksOfPerson(db: Database, orgId: number, contactId: number): Promise<PersonTaskRow[]> {
  const { rows } = await db.engine.query<PersonTaskRow>(
    `
    SELECT id, kind, title, title_words, event_kind, event_on::text AS event_on, due_on::text AS due_on, status, notes, notes_words
      FROM tasks WHERE org_id = $1 AND contact_id = $2 ORDER BY due_on, id`,
    [orgId, contactId],
  );
  return rows;
}

/**
 * The audit rows that speak of a person: those of their contact record, and those of their client's
 * history whose values name them (a family member, useful date, consent, interaction, claim, survey,
 * task or power-structure link of theirs carries their contactId, fromContactId or toContactId).
 */
export const AUDIT_ABOUT_PERSON = `
  a.org_id = $1 AND (
    (a.entity = 'contact' AND a.entity_id = $2)
    OR (a.client_id = $3 AND EXISTS (
      SELECT 1 FROM (VALUES (a.before), (a.after)) v(doc)
       WHERE jsonb_typeof(v.doc) = 'object'
         AND $2::text IN (v.doc ->> 'contactId', v.doc ->> 'contact_id', v.doc ->> 'fromContactId', v.doc ->> 'toContactId'))))`;

export type PersonAuditRow = {
  id: number;
  at: string;
  user_name: string | null;
  actor_kind: string;
  action: string;
  entity: string;
  entity_id: number | null;
  before: unknown;
  after: unknown;
};
export async function auditOfPerson(
  db: Database,
  orgId: number,
  contactId: number,
  clientId: number,
): Promise<PersonAuditRow[]> {
  const { rows } = await db.engine.query<PersonAuditRow>(
    `
    SELECT a.id, a.at, u.name AS user_name, a.actor_kind, a.action, a.entity, a.entity_id, a.before, a.after
      FROM audit_log a LEFT JOIN users u ON u.org_id = a.org_id AND u.id = a.user_id
     WHERE ${AUDIT_ABOUT_PERSON}
     ORDER BY a.at, a.id`,
    [orgId, contactId, clientId],
  );
  return rows;
}

export async function organisationName(db: Database, orgId: number): Promise<string> {
  const { rows } = await db.engine.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [orgId]);
  return rows[0]?.name ?? '';
}
