import type { Database } from '../../database.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';

// One-time survey links (table survey_links). A link is found by (org_id, token_hash): the public
// token names its organisation, so the lookup never leaves one tenant's rows. Expiry is judged by the
// database's clock (now()), the same clock the answer's atomic claim uses.

export type SurveyLinkRow = {
  id: number;
  clientId: number;
  contactId: number | null;
  contactName: string | null;
  locale: string;
  status: 'waiting' | 'answered' | 'expired';
  expiresAt: string;
  answeredAt: string | null;
  responseId: number | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
};

export async function insertSurveyLink(
  db: Database,
  orgId: number,
  v: {
    clientId: number;
    contactId: number | null;
    tokenHash: string;
    locale: string;
    expiresInDays: number;
    createdBy: number | null;
  },
): Promise<{ id: number; expiresAt: string }> {
  const { rows } = await db.engine.query<{ id: number; expiresAt: string }>(
    `
    INSERT INTO survey_links (org_id, client_id, contact_id, token_hash, locale, expires_at, created_by)
    VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6::int), $7)
    RETURNING id, expires_at AS "expiresAt"`,
    [orgId, v.clientId, v.contactId, v.tokenHash, v.locale, v.expiresInDays, v.createdBy],
  );
  return { id: Number(rows[0]!.id), expiresAt: rows[0]!.expiresAt };
}

const STATUS = `CASE WHEN l.answered_at IS NOT NULL THEN 'answered' WHEN l.expires_at <= now() THEN 'expired' ELSE 'waiting' END`;

export async function listSurveyLinks(
  db: Database,
  orgId: number,
  filter: { clientId?: number | undefined; status?: string | undefined; scope?: ClientScope | null | undefined },
): Promise<SurveyLinkRow[]> {
  const params: unknown[] = [orgId];
  const where = ['l.org_id = $1'];
  if (filter.clientId !== undefined) {
    params.push(filter.clientId);
    where.push(`l.client_id = $${params.length}`);
  }
  if (filter.status !== undefined) {
    params.push(filter.status);
    where.push(`${STATUS} = $${params.length}`);
  }
  if (filter.scope) where.push(inClientScopeText(filter.scope, 'l.client_id'));
  const { rows } = await db.engine.query<SurveyLinkRow>(
    `
    SELECT l.id, l.client_id AS "clientId", l.contact_id AS "contactId", ct.full_name AS "contactName", l.locale,
      ${STATUS} AS status, l.expires_at AS "expiresAt", l.answered_at AS "answeredAt", l.response_id AS "responseId",
      l.created_by AS "createdBy", u.name AS "createdByName", l.created_at AS "createdAt"
    FROM survey_links l
    LEFT JOIN contacts ct ON ct.org_id = l.org_id AND ct.id = l.contact_id
    LEFT JOIN users u ON u.org_id = l.org_id AND u.id = l.created_by
    WHERE ${where.join(' AND ')}
    ORDER BY l.created_at DESC, l.id DESC
    LIMIT 500`,
    params,
  );
  return rows;
}

/** Revokes a link: it expires now (an answered link keeps its answer). false when there is no such link. */
export async function expireSurveyLink(db: Database, orgId: number, id: number): Promise<boolean> {
  const { rows } = await db.engine.query(
    `
    UPDATE survey_links SET expires_at = least(expires_at, now()) WHERE org_id = $1 AND id = $2 RETURNING id`,
    [orgId, id],
  );
  return rows.length > 0;
}

export type PublicLinkRow = {
  locale: string;
  expiresAt: string;
  open: boolean;
  answered: boolean;
  organization: string;
  client: string;
  contactFullName: string | null;
};

/** What the public page shows for a token's hash, and whether the link still takes an answer. */
export async function surveyLinkByToken(db: Database, orgId: number, tokenHash: string): Promise<PublicLinkRow | null> {
  const { rows } = await db.engine.query<PublicLinkRow>(
    `
    SELECT l.locale, l.expires_at AS "expiresAt", (l.answered_at IS NULL AND l.expires_at > now()) AS open, (l.answered_at IS NOT NULL) AS answered,
      o.name AS organization, cl.name AS client, ct.full_name AS "contactFullName"
    FROM survey_links l
    JOIN organizations o ON o.id = l.org_id
    JOIN clients cl ON cl.org_id = l.org_id AND cl.id = l.client_id
    LEFT JOIN contacts ct ON ct.org_id = l.org_id AND ct.id = l.contact_id
    WHERE l.org_id = $1 AND l.token_hash = $2`,
    [orgId, tokenHash],
  );
  return rows[0] ?? null;
}

/**
 * Claims a link for an answer, atomically: marks it answered only if it is still unanswered and
 * unexpired, in one UPDATE. Of two concurrent claims the second waits for the first's row lock and
 * then finds `answered_at` set, so exactly one succeeds. null when the link takes no answer.
 */
export async function claimSurveyLink(
  db: Database,
  orgId: number,
  tokenHash: string,
): Promise<{ id: number; clientId: number; contactId: number | null; answeredAt: string } | null> {
  const { rows } = await db.engine.query<{
    id: number;
    clientId: number;
    contactId: number | null;
    answeredAt: string;
  }>(
    `
    UPDATE survey_links SET answered_at = now()
    WHERE org_id = $1 AND token_hash = $2 AND answered_at IS NULL AND expires_at > now()
    RETURNING id, client_id AS "clientId", contact_id AS "contactId", answered_at AS "answeredAt"`,
    [orgId, tokenHash],
  );
  return rows[0] ?? null;
}

export async function attachSurveyResponse(
  db: Database,
  orgId: number,
  linkId: number,
  responseId: number,
): Promise<void> {
  await db.engine.query(`UPDATE survey_links SET response_id = $3 WHERE org_id = $1 AND id = $2`, [
    orgId,
    linkId,
    responseId,
  ]);
}
