import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { apiTokens, users } from '../../schema/index.js';
import type { Role } from '../../../core/vocabulary.js';

/** How stale a token's "last used" may grow before a request writes it again. */
export const TOKEN_TOUCH_SECONDS = 60;

/**
 * The token's user as that user is now (role, disabled) and the token's own role, for a token not
 * revoked; undefined for an unknown or revoked one. One read: every API request passes here, so it
 * takes no lock. "Last used" is written only when it is older than TOKEN_TOUCH_SECONDS — writing it on
 * every request made every request of one token queue on that token's row lock and wait for a WAL
 * flush (measured: issue 17's mixed load).
 */
export async function useToken(
  db: Database,
  orgId: number,
  tokenHash: string,
): Promise<{ userId: number; role: string; userRole: string; userDisabled: boolean } | undefined> {
  const { rows } = await db.engine.query<{
    id: number;
    user_id: number;
    role: string;
    user_role: string;
    user_disabled: boolean;
    stale: boolean;
  }>(
    `SELECT t.id, t.user_id, t.role, u.role AS user_role, u.disabled_at IS NOT NULL AS user_disabled,
            (t.last_used_at IS NULL OR t.last_used_at < now() - make_interval(secs => $3)) AS stale
       FROM api_tokens t JOIN users u ON u.org_id = t.org_id AND u.id = t.user_id
      WHERE t.org_id = $1 AND t.token_hash = $2 AND t.revoked_at IS NULL`,
    [orgId, tokenHash, TOKEN_TOUCH_SECONDS],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.stale) {
    // Concurrent requests may all see it stale; the condition makes all but the first change nothing.
    await db.engine.query(
      `UPDATE api_tokens SET last_used_at = now()
        WHERE org_id = $1 AND id = $2
          AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $3))`,
      [orgId, Number(row.id), TOKEN_TOUCH_SECONDS],
    );
  }
  return {
    userId: Number(row.user_id),
    role: row.role,
    userRole: row.user_role,
    userDisabled: row.user_disabled,
  };
}

export async function insertToken(
  db: Database,
  orgId: number,
  token: { userId: number; name: string; role: Role; tokenHash: string },
) {
  const [row] = await db.orm
    .insert(apiTokens)
    .values({ orgId, ...token })
    .returning();
  return row!;
}

/** The tokens of the user (every user's when `userId` is null), oldest first, each with its user's name. */
export async function tokensOf(db: Database, orgId: number, userId: number | null) {
  const rows = await db.orm
    .select({ token: apiTokens, userName: users.name })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.orgId, apiTokens.orgId), eq(users.id, apiTokens.userId)))
    .where(and(eq(apiTokens.orgId, orgId), userId === null ? undefined : eq(apiTokens.userId, userId)))
    .orderBy(asc(apiTokens.id));
  return rows.map((r) => ({ ...r.token, userName: r.userName }));
}

/**
 * Revokes token `id` of the user (of any user when `userId` is null) unless revoked already; the token
 * as revoked, or undefined.
 */
export async function revokeToken(db: Database, orgId: number, userId: number | null, id: number) {
  const rows = await db.orm
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.orgId, orgId),
        eq(apiTokens.id, id),
        userId === null ? undefined : eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning({
      id: apiTokens.id,
      userId: apiTokens.userId,
      name: apiTokens.name,
      role: apiTokens.role,
      revokedAt: apiTokens.revokedAt,
    });
  return rows[0];
}

/** Revokes every token of the user not revoked yet; how many. */
export async function revokeUserTokens(db: Database, orgId: number, userId: number): Promise<number> {
  const revoked = await db.orm
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length;
}
