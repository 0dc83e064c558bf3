import type { Database } from '../../database.js';
import type { ConsentForm } from '../../../core/privacy/consent.js';

/** A contact with what the privacy use cases decide on: its client, that client's owner, and whether it was erased. */
export type PersonRow = {
  id: number;
  client_id: number;
  client_name: string;
  owner_user_id: number | null;
  full_name: string;
  phones: string[];
  emails: string[];
  birthday: string | null;
  erased_at: string | null;
  /** The actor is the client's owner or the client is shared with them. */
  actor_handles: boolean;
};

/** One contact of the organisation (null when missing or another organisation's), read for the privacy checks. */
export async function personOf(
  db: Database,
  orgId: number,
  contactId: number,
  actorUserId: number | null,
  forUpdate = false,
): Promise<PersonRow | null> {
  const { rows } = await db.engine.query<PersonRow>(
    `
    SELECT p.id, p.client_id, c.name AS client_name, c.owner_user_id, p.full_name, p.phones, p.emails, p.birthday::text AS birthday, p.erased_at,
           (c.owner_user_id = $3 OR EXISTS (SELECT 1 FROM client_shares s WHERE s.org_id = p.org_id AND s.client_id = p.client_id AND s.user_id = $3)) AS actor_handles
      FROM contacts p JOIN clients c ON c.org_id = p.org_id AND c.id = p.client_id
     WHERE p.org_id = $1 AND p.id = $2${forUpdate ? ' FOR UPDATE OF p' : ''}`,
    [orgId, contactId, actorUserId ?? -1],
  );
  return rows[0] ?? null;
}

/** Whether the client is the actor's (owner) or shared with them. */
export async function clientHandledBy(
  db: Database,
  orgId: number,
  clientId: number,
  userId: number | null,
): Promise<{ exists: boolean; handles: boolean }> {
  const { rows } = await db.engine.query<{ handles: boolean }>(
    `
    SELECT (c.owner_user_id = $3 OR EXISTS (SELECT 1 FROM client_shares s WHERE s.org_id = c.org_id AND s.client_id = c.id AND s.user_id = $3)) AS handles
      FROM clients c WHERE c.org_id = $1 AND c.id = $2`,
    [orgId, clientId, userId ?? -1],
  );
  return { exists: rows.length > 0, handles: rows[0]?.handles ?? false };
}

export type ConsentRow = {
  id: number;
  contact_id: number;
  purpose: string;
  form: ConsentForm;
  given_on: string;
  valid_until: string | null;
  withdrawn_on: string | null;
  notes: string | null;
  recorded_by: number | null;
  recorded_by_name: string | null;
  created_at: string;
};

const consentColumns = `k.id, k.contact_id, k.purpose, k.form, k.given_on::text AS given_on, k.valid_until::text AS valid_until, k.withdrawn_on::text AS withdrawn_on,
  k.notes, k.recorded_by, u.name AS recorded_by_name, k.created_at`;

/** The consents of some contacts, in the order they were given (then recorded). */
export async function consentsOf(db: Database, orgId: number, contactIds: number[]): Promise<ConsentRow[]> {
  if (contactIds.length === 0) return [];
  const { rows } = await db.engine.query<ConsentRow>(
    `
    SELECT ${consentColumns}
      FROM contact_consents k LEFT JOIN users u ON u.org_id = k.org_id AND u.id = k.recorded_by
     WHERE k.org_id = $1 AND k.contact_id = ANY($2::bigint[])
     ORDER BY k.contact_id, k.given_on, k.id`,
    [orgId, `{${contactIds.join(',')}}`],
  );
  return rows;
}

export async function consentById(
  db: Database,
  orgId: number,
  id: number,
  forUpdate = false,
): Promise<ConsentRow | null> {
  const { rows } = await db.engine.query<ConsentRow>(
    `
    SELECT ${consentColumns}
      FROM contact_consents k LEFT JOIN users u ON u.org_id = k.org_id AND u.id = k.recorded_by
     WHERE k.org_id = $1 AND k.id = $2${forUpdate ? ' FOR UPDATE OF k' : ''}`,
    [orgId, id],
  );
  return rows[0] ?? null;
}

export async function insertConsent(
  db: Database,
  orgId: number,
  v: {
    contactId: number;
    purpose: string;
    form: string;
    givenOn: string;
    validUntil: string | null;
    notes: string | null;
    recordedBy: number | null;
  },
): Promise<number> {
  const { rows } = await db.engine.query<{ id: number }>(
    `
    INSERT INTO contact_consents (org_id, contact_id, purpose, form, given_on, valid_until, notes, recorded_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [orgId, v.contactId, v.purpose, v.form, v.givenOn, v.validUntil, v.notes, v.recordedBy],
  );
  return rows[0]!.id;
}

export async function withdrawConsent(
  db: Database,
  orgId: number,
  id: number,
  withdrawnOn: string,
  notes: string | null | undefined,
): Promise<void> {
  await db.engine.query(
    `
    UPDATE contact_consents SET withdrawn_on = $3, notes = CASE WHEN $5::boolean THEN $4 ELSE notes END
     WHERE org_id = $1 AND id = $2`,
    [orgId, id, withdrawnOn, notes ?? null, notes !== undefined],
  );
}

/** The people of a client (erased ones too, so the card knows), for the consent statuses of the card. */
export async function contactsOfClient(
  db: Database,
  orgId: number,
  clientId: number,
): Promise<{ id: number; erased_at: string | null }[]> {
  const { rows } = await db.engine.query<{ id: number; erased_at: string | null }>(
    'SELECT id, erased_at FROM contacts WHERE org_id = $1 AND client_id = $2 ORDER BY id',
    [orgId, clientId],
  );
  return rows;
}

/** Whether a contact of the organisation had its personal data erased (false when missing: the caller's own check answers 404). */
export async function isErased(db: Database, orgId: number, contactId: number): Promise<boolean> {
  const { rows } = await db.engine.query<{ erased: boolean }>(
    'SELECT erased_at IS NOT NULL AS erased FROM contacts WHERE org_id = $1 AND id = $2',
    [orgId, contactId],
  );
  return rows[0]?.erased ?? false;
}
