import type { Database } from '../../database.js';
import type { Role } from '../../../core/vocabulary.js';

// Client shares (table client_shares): a client a manager works with besides its owner. Every
// statement is scoped by org_id; users and clients are joined within the same organisation.

export type ShareRow = {
  userId: number;
  userName: string;
  email: string;
  role: Role;
  sharedBy: number | null;
  sharedByName: string | null;
  createdAt: string;
};

export async function sharesOf(db: Database, orgId: number, clientId: number): Promise<ShareRow[]> {
  const { rows } = await db.engine.query<ShareRow>(
    `
    SELECT s.user_id AS "userId", u.name AS "userName", u.email, u.role, s.shared_by AS "sharedBy", b.name AS "sharedByName", s.created_at AS "createdAt"
    FROM client_shares s
    JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id
    LEFT JOIN users b ON b.org_id = s.org_id AND b.id = s.shared_by
    WHERE s.org_id = $1 AND s.client_id = $2
    ORDER BY u.name, s.user_id`,
    [orgId, clientId],
  );
  return rows.map((r) => ({
    ...r,
    userId: Number(r.userId),
    sharedBy: r.sharedBy === null ? null : Number(r.sharedBy),
  }));
}

/**
 * The client's owner (null: nobody), or undefined when the client is not in the organisation. `lock`
 * holds the client row until the transaction ends, so a share and a change of owner cannot cross.
 */
export async function clientOwnerOf(
  db: Database,
  orgId: number,
  clientId: number,
  lock = false,
): Promise<{ ownerUserId: number | null } | undefined> {
  const { rows } = await db.engine.query<{ owner_user_id: number | null }>(
    `SELECT owner_user_id FROM clients WHERE org_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
    [orgId, clientId],
  );
  const row = rows[0];
  return row ? { ownerUserId: row.owner_user_id === null ? null : Number(row.owner_user_id) } : undefined;
}

export async function userOf(
  db: Database,
  orgId: number,
  userId: number,
): Promise<{ role: string; disabled: boolean } | undefined> {
  const { rows } = await db.engine.query<{ role: string; disabled: boolean }>(
    'SELECT role, disabled_at IS NOT NULL AS disabled FROM users WHERE org_id = $1 AND id = $2',
    [orgId, userId],
  );
  return rows[0];
}

/** Adds a share; sharing again changes nothing. true when a row was added. */
export async function insertShare(
  db: Database,
  orgId: number,
  clientId: number,
  userId: number,
  sharedBy: number | null,
): Promise<boolean> {
  const { rows } = await db.engine.query(
    `
    INSERT INTO client_shares (org_id, client_id, user_id, shared_by) VALUES ($1, $2, $3, $4)
    ON CONFLICT (org_id, client_id, user_id) DO NOTHING RETURNING user_id`,
    [orgId, clientId, userId, sharedBy],
  );
  return rows.length > 0;
}

export async function deleteShare(db: Database, orgId: number, clientId: number, userId: number): Promise<boolean> {
  const { rows } = await db.engine.query(
    'DELETE FROM client_shares WHERE org_id = $1 AND client_id = $2 AND user_id = $3 RETURNING user_id',
    [orgId, clientId, userId],
  );
  return rows.length > 0;
}
