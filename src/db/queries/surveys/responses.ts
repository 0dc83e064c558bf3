import type { Database } from '../../database.js';
import type { Word } from '../../schema/columns.js';
import type { surveyChannels } from '../../../core/vocabulary.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';

// Survey answers (table survey_responses), each with the names a list shows: client, contact, the
// user who entered it. Every statement is scoped by org_id.

export type SurveyResponseRow = {
  id: number;
  clientId: number;
  clientName: string;
  contactId: number | null;
  contactName: string | null;
  channel: Word<typeof surveyChannels>;
  answeredOn: string;
  goods: number | null;
  staff: number | null;
  prices: number | null;
  logistics: number | null;
  service: number | null;
  company: number | null;
  nps: number | null;
  comment: string | null;
  userId: number | null;
  userName: string | null;
  createdAt: string;
};

export type SurveyResponseValues = {
  clientId: number;
  contactId: number | null;
  channel: string;
  answeredOn: string;
  goods: number | null;
  staff: number | null;
  prices: number | null;
  logistics: number | null;
  service: number | null;
  company: number | null;
  nps: number | null;
  comment: string | null;
  userId: number | null;
};

const SELECT = `
  SELECT r.id, r.client_id AS "clientId", cl.name AS "clientName", r.contact_id AS "contactId", ct.full_name AS "contactName",
    r.channel, r.answered_on AS "answeredOn", r.goods, r.staff, r.prices, r.logistics, r.service, r.company, r.nps, r.comment,
    r.user_id AS "userId", u.name AS "userName", r.created_at AS "createdAt"
  FROM survey_responses r
  JOIN clients cl ON cl.org_id = r.org_id AND cl.id = r.client_id
  LEFT JOIN contacts ct ON ct.org_id = r.org_id AND ct.id = r.contact_id
  LEFT JOIN users u ON u.org_id = r.org_id AND u.id = r.user_id`;

export async function insertSurveyResponse(db: Database, orgId: number, v: SurveyResponseValues): Promise<number> {
  const { rows } = await db.engine.query<{ id: number }>(
    `
    INSERT INTO survey_responses (org_id, client_id, contact_id, channel, answered_on, goods, staff, prices, logistics, service, company, nps, comment, user_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      orgId,
      v.clientId,
      v.contactId,
      v.channel,
      v.answeredOn,
      v.goods,
      v.staff,
      v.prices,
      v.logistics,
      v.service,
      v.company,
      v.nps,
      v.comment,
      v.userId,
    ],
  );
  return Number(rows[0]!.id);
}

export async function surveyResponseById(db: Database, orgId: number, id: number): Promise<SurveyResponseRow | null> {
  const { rows } = await db.engine.query<SurveyResponseRow>(`${SELECT} WHERE r.org_id = $1 AND r.id = $2`, [orgId, id]);
  return rows[0] ?? null;
}

/** Sortable fields and their columns; the list breaks ties by id. */
const sortColumns: Record<string, string> = {
  answeredOn: 'r.answered_on',
  createdAt: 'r.created_at',
  clientName: 'cl.name',
  company: 'r.company',
  nps: 'r.nps',
};

export type SurveyResponseFilter = {
  orgId: number;
  clientId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  channel?: string | undefined;
  sort?: string | undefined;
  page: number;
  pageSize: number;
  /** Only these clients' answers (a manager's own and shared); null/undefined: all. */
  scope?: ClientScope | null | undefined;
};

export async function listSurveyResponses(
  db: Database,
  f: SurveyResponseFilter,
): Promise<{ items: SurveyResponseRow[]; total: number }> {
  const params: unknown[] = [f.orgId];
  const where = ['r.org_id = $1'];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.clientId !== undefined) add('r.client_id = ?', f.clientId);
  if (f.from !== undefined) add('r.answered_on >= ?', f.from);
  if (f.to !== undefined) add('r.answered_on <= ?', f.to);
  if (f.channel !== undefined) add('r.channel = ?', f.channel);
  if (f.scope) where.push(inClientScopeText(f.scope, 'r.client_id'));
  const sort = f.sort ?? '-answeredOn';
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  const known = Object.hasOwn(sortColumns, field); // not "constructor" of Object
  const column = known ? sortColumns[field]! : 'r.answered_on';
  const direction = known ? (descending ? 'DESC' : 'ASC') : 'DESC';
  const filter = where.join(' AND ');
  const [items, total] = await Promise.all([
    db.engine.query<SurveyResponseRow>(
      `${SELECT} WHERE ${filter} ORDER BY ${column} ${direction} NULLS LAST, r.id ${direction}
      LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      params,
    ),
    db.engine.query<{ n: number }>(`SELECT count(*) AS n FROM survey_responses r WHERE ${filter}`, params),
  ]);
  return { items: items.rows, total: Number(total.rows[0]?.n ?? 0) };
}

export async function deleteSurveyResponse(db: Database, orgId: number, id: number): Promise<boolean> {
  const { rows } = await db.engine.query(`DELETE FROM survey_responses WHERE org_id = $1 AND id = $2 RETURNING id`, [
    orgId,
    id,
  ]);
  return rows.length > 0;
}

/** The client of a contact, with the contact's language and name; null when the contact is not in the organisation. */
export async function contactOf(
  db: Database,
  orgId: number,
  contactId: number,
): Promise<{ clientId: number; locale: string; fullName: string } | null> {
  const { rows } = await db.engine.query<{ clientId: number; locale: string; fullName: string }>(
    `SELECT client_id AS "clientId", locale, full_name AS "fullName" FROM contacts WHERE org_id = $1 AND id = $2`,
    [orgId, contactId],
  );
  return rows[0] ? { ...rows[0], clientId: Number(rows[0].clientId) } : null;
}

export async function clientExists(db: Database, orgId: number, clientId: number): Promise<boolean> {
  const { rows } = await db.engine.query(`SELECT 1 FROM clients WHERE org_id = $1 AND id = $2`, [orgId, clientId]);
  return rows.length > 0;
}
