import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { runSql } from '../sql.js';
import { keptRowCount } from '../row-counts.js';
import type { ClaimCategory, ClaimSeverity, ClaimStatus, ClaimType } from '../../../core/claims/claims.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';

// Claims and their history, read with the names people see (client, contact, responsible, order) in
// one statement; the summary across the company or for one client is in summary.ts.

/** A claim as stored, with the names of what it points at. Dates are YYYY-MM-DD text, timestamps PostgreSQL text. */
export type ClaimRow = {
  id: number;
  clientId: number;
  clientName: string;
  contactId: number | null;
  contactName: string | null;
  type: ClaimType;
  category: ClaimCategory;
  severity: ClaimSeverity;
  receivedOn: string;
  dueOn: string;
  subject: string;
  description: string | null;
  responsibleUserId: number | null;
  responsibleName: string | null;
  orderId: number | null;
  orderNumber: string | null;
  status: ClaimStatus;
  resolution: string | null;
  resolvedOn: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type ClaimFilter = {
  orgId: number;
  /** The day "overdue" is judged on. */
  today: string;
  id?: number | undefined;
  clientId?: number | undefined;
  statuses?: readonly string[] | undefined;
  type?: string | undefined;
  category?: string | undefined;
  severity?: string | undefined;
  responsibleUserId?: number | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Only claims of these clients (a manager's own and shared); null/undefined: all. */
  scope?: ClientScope | null | undefined;
};

const OPEN = `('new', 'in_progress')`;

const sortColumns: Record<string, string> = {
  receivedOn: 'c.received_on',
  dueOn: 'c.due_on',
  severity: `CASE c.severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END`,
  status: `CASE c.status WHEN 'new' THEN 1 WHEN 'in_progress' THEN 2 WHEN 'resolved' THEN 3 ELSE 4 END`,
  createdAt: 'c.created_at',
  resolvedOn: 'c.resolved_on',
};

/** The sort columns that may be empty: they put their empty rows last either way. */
const nullableSorts = new Set(['resolvedOn']);

/**
 * "-receivedOn" → ORDER BY received_on DESC, id DESC; an unknown field falls back to -receivedOn. A
 * column that is never empty sorts plainly, so its index (claims_received_idx, claims_category_idx…)
 * serves the order in both directions.
 */
function orderBy(sort: string | undefined): SQL {
  const descending = (sort ?? '-receivedOn').startsWith('-');
  const field = (sort ?? '-receivedOn').replace(/^-/, '');
  const column = Object.hasOwn(sortColumns, field) ? sortColumns[field] : undefined; // not "constructor" of Object
  if (!column) return orderBy('-receivedOn');
  const direction = descending ? 'DESC' : 'ASC';
  return sql.raw(`${column} ${direction}${nullableSorts.has(field) ? ' NULLS LAST' : ''}, c.id ${direction}`);
}

/** The WHERE clause of a filter over `claims c` and its parameters ($1 is the organisation). */
function whereOf(f: ClaimFilter): SQL {
  return sql.join(conditionsOf(f), sql` AND `);
}

/** The conditions of a filter over `claims c`, the organisation's first (alone: no filter at all). */
function conditionsOf(f: ClaimFilter): SQL[] {
  const conditions = [sql`c.org_id = ${f.orgId}`];
  const open = sql.raw(OPEN);
  if (f.id !== undefined) conditions.push(sql`c.id = ${f.id}`);
  if (f.clientId !== undefined) conditions.push(sql`c.client_id = ${f.clientId}`);
  if (f.statuses?.length) conditions.push(sql`c.status = ANY(${sql.param(f.statuses)}::text[])`);
  if (f.type) conditions.push(sql`c.type = ${f.type}`);
  if (f.category) conditions.push(sql`c.category = ${f.category}`);
  if (f.severity) conditions.push(sql`c.severity = ${f.severity}`);
  if (f.responsibleUserId !== undefined) conditions.push(sql`c.responsible_user_id = ${f.responsibleUserId}`);
  if (f.overdue === true) conditions.push(sql`c.status IN ${open} AND c.due_on < ${f.today}::date`);
  if (f.overdue === false) conditions.push(sql`NOT (c.status IN ${open} AND c.due_on < ${f.today}::date)`);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(sql`(c.subject ILIKE ${pattern} OR coalesce(c.description, '') ILIKE ${pattern})`);
  }
  if (f.from) conditions.push(sql`c.received_on >= ${f.from}::date`);
  if (f.to) conditions.push(sql`c.received_on <= ${f.to}::date`);
  if (f.scope) conditions.push(sql.raw(inClientScopeText(f.scope, 'c.client_id')));
  return conditions;
}

const COLUMNS = `
  SELECT c.id, c.client_id AS "clientId", cl.name AS "clientName", c.contact_id AS "contactId", ct.full_name AS "contactName",
    c.type, c.category, c.severity, c.received_on AS "receivedOn", c.due_on AS "dueOn", c.subject, c.description,
    c.responsible_user_id AS "responsibleUserId", u.name AS "responsibleName", c.order_id AS "orderId", o.number AS "orderNumber",
    c.status, c.resolution, c.resolved_on AS "resolvedOn", c.created_by AS "createdBy", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;
const JOINS = `
  JOIN clients cl ON cl.org_id = c.org_id AND cl.id = c.client_id
  LEFT JOIN contacts ct ON ct.org_id = c.org_id AND ct.id = c.contact_id
  LEFT JOIN users u ON u.org_id = c.org_id AND u.id = c.responsible_user_id
  LEFT JOIN orders o ON o.org_id = c.org_id AND o.id = c.order_id`;
const SELECT = `${COLUMNS}
  FROM claims c${JOINS}`;

/**
 * A page of claims matching the filter, with the total. The page's ids are found from the claims
 * alone (narrow rows, in index order where an index serves the sort), then only those claims are read
 * with their names; without any filter the total is the organisation's kept count (org_row_counts).
 */
export async function listClaims(
  db: Database,
  f: ClaimFilter & { sort?: string | undefined; page: number; pageSize: number },
): Promise<{ items: ClaimRow[]; total: number }> {
  const conditions = conditionsOf(f);
  const where = sql.join(conditions, sql` AND `);
  const limit = sql.raw(String(Math.trunc(f.pageSize)));
  const offset = sql.raw(String(Math.trunc((f.page - 1) * f.pageSize)));
  const unfiltered = conditions.length === 1;
  const [{ rows }, total] = await Promise.all([
    runSql<ClaimRow>(
      db,
      sql`WITH page AS MATERIALIZED (SELECT p.id, row_number() OVER () AS n FROM (SELECT c.id FROM claims c WHERE ${where} ORDER BY ${orderBy(f.sort)} LIMIT ${limit} OFFSET ${offset}) p)
      ${sql.raw(COLUMNS)} FROM page JOIN claims c ON c.org_id = ${f.orgId} AND c.id = page.id${sql.raw(JOINS)} ORDER BY page.n`,
    ),
    unfiltered
      ? keptRowCount(db, f.orgId, 'claims')
      : runSql<{ n: number }>(db, sql`SELECT count(*) AS n FROM claims c WHERE ${where}`).then((r) =>
          Number(r.rows[0]?.n ?? 0),
        ),
  ]);
  return { items: rows, total };
}

export async function getClaimRow(db: Database, orgId: number, id: number): Promise<ClaimRow | undefined> {
  const where = whereOf({ orgId, today: '1970-01-01', id });
  const { rows } = await runSql<ClaimRow>(db, sql`${sql.raw(SELECT)} WHERE ${where}`);
  return rows[0];
}

/** The claim's status, locking its row until the transaction ends, so two transitions cannot cross. */
export async function lockClaimStatus(db: Database, orgId: number, id: number): Promise<ClaimStatus | undefined> {
  const { rows } = await db.engine.query<{ status: ClaimStatus }>(
    'SELECT status FROM claims WHERE org_id = $1 AND id = $2 FOR UPDATE',
    [orgId, id],
  );
  return rows[0]?.status;
}

export type ClaimEventRow = {
  id: number;
  fromStatus: ClaimStatus | null;
  toStatus: ClaimStatus;
  userId: number | null;
  userName: string | null;
  note: string | null;
  at: string;
};

export async function insertClaimEvent(
  db: Database,
  orgId: number,
  e: { claimId: number; fromStatus: string | null; toStatus: string; userId: number | null; note: string | null },
): Promise<void> {
  await db.engine.query(
    'INSERT INTO claim_events (org_id, claim_id, from_status, to_status, user_id, note) VALUES ($1, $2, $3, $4, $5, $6)',
    [orgId, e.claimId, e.fromStatus, e.toStatus, e.userId, e.note],
  );
}

/** The history of a claim, oldest first. */
export async function claimHistory(db: Database, orgId: number, claimId: number): Promise<ClaimEventRow[]> {
  const { rows } = await db.engine.query<ClaimEventRow>(
    `
    SELECT e.id, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.user_id AS "userId", u.name AS "userName", e.note, e.at
    FROM claim_events e LEFT JOIN users u ON u.org_id = e.org_id AND u.id = e.user_id
    WHERE e.org_id = $1 AND e.claim_id = $2 ORDER BY e.id`,
    [orgId, claimId],
  );
  return rows;
}
