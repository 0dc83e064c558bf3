import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { runSql } from '../sql.js';
import type { AuditAction, AuditActorKind, AuditEntity } from '../../../core/audit/vocabulary.js';

// The audit log: one row per change, written in the transaction of the change (so a change that did
// not happen leaves none), read per client through (org_id, client_id, at) and across the
// organisation through (org_id, at). No foreign keys: the log outlives what it speaks of.

export type AuditRowInput = {
  orgId: number;
  userId: number | null;
  actorKind: string;
  action: string;
  entity: string;
  entityId: number | null;
  clientId: number | null;
  before: unknown;
  after: unknown;
};

export async function insertAuditRow(db: Database, r: AuditRowInput): Promise<void> {
  await db.engine.query(
    `INSERT INTO audit_log (org_id, user_id, actor_kind, action, entity, entity_id, client_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)`,
    [
      r.orgId,
      r.userId,
      r.actorKind,
      r.action,
      r.entity,
      r.entityId,
      r.clientId,
      r.before === null || r.before === undefined ? null : JSON.stringify(r.before),
      r.after === null || r.after === undefined ? null : JSON.stringify(r.after),
    ],
  );
}

/** One row as read, with the names people see: who did it, which client, and what record it was about. */
export type AuditRow = {
  id: number;
  at: string;
  userId: number | null;
  userName: string | null;
  actorKind: AuditActorKind;
  action: AuditAction;
  entity: AuditEntity;
  entityId: number | null;
  clientId: number | null;
  clientName: string | null;
  subject: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

export type AuditFilter = {
  orgId: number;
  clientId?: number | undefined;
  entity?: string | undefined;
  action?: string | undefined;
  userId?: number | undefined;
  /** Days, inclusive (UTC). */
  from?: string | undefined;
  to?: string | undefined;
};

/** The longest count a page reports exactly; beyond it the total says "at least" (the count stays bounded). */
export const AUDIT_COUNT_CAP = 100_000;

/**
 * The record a row is about, by name: the live record when it still exists, else the name it had in
 * the row itself (a deleted record). One primary-key lookup per row of a page.
 */
const SUBJECT = `coalesce(
  CASE a.entity
    WHEN 'client' THEN (SELECT x.name FROM clients x WHERE x.org_id = a.org_id AND x.id = a.entity_id)
    WHEN 'contact' THEN (SELECT x.full_name FROM contacts x WHERE x.org_id = a.org_id AND x.id = a.entity_id)
    WHEN 'legal_entity' THEN (SELECT x.full_name FROM legal_entities x WHERE x.org_id = a.org_id AND x.id = a.entity_id)
    WHEN 'order' THEN (SELECT x.number FROM orders x WHERE x.org_id = a.org_id AND x.id = a.entity_id)
    WHEN 'claim' THEN (SELECT x.subject FROM claims x WHERE x.org_id = a.org_id AND x.id = a.entity_id)
    WHEN 'family_member' THEN (SELECT x.name FROM family_members x WHERE x.org_id = a.org_id AND x.id = a.entity_id)
    WHEN 'useful_date' THEN (SELECT x.title FROM useful_dates x WHERE x.org_id = a.org_id AND x.id = a.entity_id)
    WHEN 'task' THEN (SELECT x.title FROM tasks x WHERE x.org_id = a.org_id AND x.id = a.entity_id)
    WHEN 'user' THEN (SELECT x.name FROM users x WHERE x.org_id = a.org_id AND x.id = a.entity_id)
    WHEN 'product' THEN (SELECT x.name FROM products x WHERE x.org_id = a.org_id AND x.id = a.entity_id)
    WHEN 'api_token' THEN (SELECT x.name FROM api_tokens x WHERE x.org_id = a.org_id AND x.id = a.entity_id)
  END,
  a.after->>'name', a.after->>'fullName', a.after->>'number', a.after->>'subject', a.after->>'title',
  a.before->>'name', a.before->>'fullName', a.before->>'number', a.before->>'subject', a.before->>'title')`;

function whereOf(f: AuditFilter): SQL {
  const conditions = [sql`a.org_id = ${f.orgId}`];
  if (f.clientId !== undefined) conditions.push(sql`a.client_id = ${f.clientId}`);
  if (f.entity !== undefined) conditions.push(sql`a.entity = ${f.entity}`);
  if (f.action !== undefined) conditions.push(sql`a.action = ${f.action}`);
  if (f.userId !== undefined) conditions.push(sql`a.user_id = ${f.userId}`);
  if (f.from !== undefined) conditions.push(sql`a.at >= ${f.from}::date`);
  if (f.to !== undefined) conditions.push(sql`a.at < ${f.to}::date + 1`);
  return sql.join(conditions, sql` AND `);
}

const json = (v: unknown): Record<string, unknown> | null =>
  v === null || v === undefined
    ? null
    : typeof v === 'string'
      ? (JSON.parse(v) as Record<string, unknown>)
      : (v as Record<string, unknown>);
const idOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * A page of the log, newest first, with the user's and the client's names and the record's subject.
 * `total` counts at most AUDIT_COUNT_CAP rows (`capped` says it stopped there).
 */
export async function auditPage(
  db: Database,
  f: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ items: AuditRow[]; total: number; capped: boolean }> {
  const where = whereOf(f);
  const [rows, count] = await Promise.all([
    runSql<Record<string, unknown> & { actor_kind: AuditActorKind; action: AuditAction; entity: AuditEntity }>(
      db,
      sql`
      SELECT a.id, a.at, a.user_id, u.name AS user_name, a.actor_kind, a.action, a.entity, a.entity_id, a.client_id,
        cl.name AS client_name, ${sql.raw(SUBJECT)} AS subject, a.before, a.after
      FROM audit_log a
      LEFT JOIN users u ON u.org_id = a.org_id AND u.id = a.user_id
      LEFT JOIN clients cl ON cl.org_id = a.org_id AND cl.id = a.client_id
      WHERE ${where}
      ORDER BY a.at DESC, a.id DESC
      LIMIT ${page.limit} OFFSET ${page.offset}`,
    ),
    runSql<{ n: number }>(
      db,
      sql`SELECT count(*) AS n FROM (SELECT 1 FROM audit_log a WHERE ${where} LIMIT ${sql.raw(String(AUDIT_COUNT_CAP + 1))}) t`,
    ),
  ]);
  const total = Number(count.rows[0]?.n ?? 0);
  return {
    items: rows.rows.map((r) => ({
      id: Number(r.id),
      at: String(r.at),
      userId: idOrNull(r.user_id),
      userName: (r.user_name as string | null) ?? null,
      actorKind: r.actor_kind,
      action: r.action,
      entity: r.entity,
      entityId: idOrNull(r.entity_id),
      clientId: idOrNull(r.client_id),
      clientName: (r.client_name as string | null) ?? null,
      subject: (r.subject as string | null) ?? null,
      before: json(r.before),
      after: json(r.after),
    })),
    total: Math.min(total, AUDIT_COUNT_CAP),
    capped: total > AUDIT_COUNT_CAP,
  };
}

/** How many lines an order has (its audit rows summarise the lines: count and total). */
export async function orderLineCount(db: Database, orgId: number, orderId: number): Promise<number> {
  const { rows } = await db.engine.query<{ n: number }>(
    'SELECT count(*) AS n FROM order_lines WHERE org_id = $1 AND order_id = $2',
    [orgId, orderId],
  );
  return Number(rows[0]?.n ?? 0);
}

/** What a survey link's audit row shows (never its secret): the client, the person asked, the language and the expiry. */
export async function surveyLinkForAudit(
  db: Database,
  orgId: number,
  id: number,
): Promise<{ clientId: number; contactId: number | null; locale: string; expiresAt: string } | null> {
  const { rows } = await db.engine.query<{
    client_id: number;
    contact_id: number | null;
    locale: string;
    expires_at: string;
  }>('SELECT client_id, contact_id, locale, expires_at FROM survey_links WHERE org_id = $1 AND id = $2', [orgId, id]);
  const r = rows[0];
  return r
    ? {
        clientId: Number(r.client_id),
        contactId: r.contact_id === null ? null : Number(r.contact_id),
        locale: r.locale,
        expiresAt: r.expires_at,
      }
    : null;
}
