import type { Database } from '../../database.js';
import type { Word } from '../../schema/columns.js';
import type { attitudes, contactLinkKinds, decisionRoles, influenceLevels } from '../../../core/vocabulary.js';

export type PersonRow = {
  id: number;
  full_name: string;
  position: string | null;
  decision_roles: Word<typeof decisionRoles>[];
  influence: Word<typeof influenceLevels> | null;
  attitude: Word<typeof attitudes> | null;
  is_key_figure: boolean;
  reports_to_id: number | null;
  has_traits: boolean;
  has_family: boolean;
  has_dates: boolean;
  has_congratulation_preferences: boolean;
};

/**
 * The people of one client with their boss and what the base analysis needs to know of each
 * (core/people/base-analysis.ts#PersonFacts): traits, family, dates (a birthday or a useful date of theirs),
 * congratulation preferences. The same facts as the list across the base (base-analysis.ts) computes.
 */
export async function peopleOfClient(db: Database, orgId: number, clientId: number): Promise<PersonRow[]> {
  const { rows } = await db.engine.query<PersonRow>(
    `
    SELECT c.id, c.full_name, c.position, c.decision_roles, c.influence, c.attitude, c.is_key_figure,
           boss.to_contact_id AS reports_to_id,
           (c.personal_traits IS NOT NULL OR c.professional_traits IS NOT NULL) AS has_traits,
           EXISTS (SELECT 1 FROM family_members f WHERE f.org_id = c.org_id AND f.contact_id = c.id) AS has_family,
           (c.birthday IS NOT NULL OR EXISTS (SELECT 1 FROM useful_dates u WHERE u.org_id = c.org_id AND u.client_id = c.client_id AND u.contact_id = c.id)) AS has_dates,
           (c.congratulation_preferences IS NOT NULL) AS has_congratulation_preferences
    FROM contacts c
    LEFT JOIN contact_links boss ON boss.org_id = c.org_id AND boss.from_contact_id = c.id AND boss.kind = 'reports_to'
    WHERE c.org_id = $1 AND c.client_id = $2
    ORDER BY c.full_name, c.id`,
    [orgId, clientId],
  );
  return rows;
}

export type LinkRow = { from_contact_id: number; to_contact_id: number; kind: Word<typeof contactLinkKinds> };

export async function linksOfClient(db: Database, orgId: number, clientId: number): Promise<LinkRow[]> {
  const { rows } = await db.engine.query<LinkRow>(
    `
    SELECT from_contact_id, to_contact_id, kind FROM contact_links
    WHERE org_id = $1 AND client_id = $2 ORDER BY kind, from_contact_id, to_contact_id`,
    [orgId, clientId],
  );
  return rows;
}

/**
 * Locks the client's row for the rest of the transaction, so two link writes of one client run one after
 * the other and a cycle cannot slip in between two checks. False when the client is not the org's.
 */
export async function lockClient(db: Database, orgId: number, clientId: number): Promise<boolean> {
  const { rows } = await db.engine.query('SELECT id FROM clients WHERE org_id = $1 AND id = $2 FOR UPDATE', [
    orgId,
    clientId,
  ]);
  return rows.length > 0;
}

export type ContactOwner = { id: number; client_id: number; full_name: string };

export async function contactsByIds(db: Database, orgId: number, ids: number[]): Promise<ContactOwner[]> {
  const { rows } = await db.engine.query<ContactOwner>(
    'SELECT id, client_id, full_name FROM contacts WHERE org_id = $1 AND id = ANY($2::bigint[])',
    [orgId, `{${ids.join(',')}}`],
  );
  return rows;
}

/**
 * The chain of bosses above a contact, nearest first (reports_to followed upwards). The depth is capped
 * so a cycle already in the data (which the writes refuse) cannot loop.
 */
export async function bossChain(
  db: Database,
  orgId: number,
  contactId: number,
): Promise<{ id: number; full_name: string }[]> {
  const { rows } = await db.engine.query<{ id: number; full_name: string; depth: number }>(
    `
    WITH RECURSIVE up(id, depth) AS (
      SELECT l.to_contact_id, 1 FROM contact_links l WHERE l.org_id = $1 AND l.from_contact_id = $2 AND l.kind = 'reports_to'
      UNION ALL
      SELECT l.to_contact_id, up.depth + 1 FROM up
      JOIN contact_links l ON l.org_id = $1 AND l.from_contact_id = up.id AND l.kind = 'reports_to'
      WHERE up.depth < 1000
    )
    SELECT up.id, c.full_name, up.depth FROM up JOIN contacts c ON c.org_id = $1 AND c.id = up.id ORDER BY up.depth`,
    [orgId, contactId],
  );
  return rows;
}

/** Adds a link; a contact's reports_to replaces the boss they had. An existing identical link stays as it is. */
export async function putLink(
  db: Database,
  orgId: number,
  clientId: number,
  fromId: number,
  toId: number,
  kind: string,
): Promise<void> {
  if (kind === 'reports_to') {
    await db.engine.query(
      `DELETE FROM contact_links WHERE org_id = $1 AND from_contact_id = $2 AND kind = 'reports_to' AND to_contact_id <> $3`,
      [orgId, fromId, toId],
    );
  }
  await db.engine.query(
    `
    INSERT INTO contact_links (org_id, client_id, from_contact_id, to_contact_id, kind) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT DO NOTHING`,
    [orgId, clientId, fromId, toId, kind],
  );
}

export async function deleteLink(
  db: Database,
  orgId: number,
  clientId: number,
  fromId: number,
  toId: number,
  kind: string,
): Promise<boolean> {
  const { rows } = await db.engine.query(
    `
    DELETE FROM contact_links WHERE org_id = $1 AND client_id = $2 AND from_contact_id = $3 AND to_contact_id = $4 AND kind = $5
    RETURNING kind`,
    [orgId, clientId, fromId, toId, kind],
  );
  return rows.length > 0;
}
