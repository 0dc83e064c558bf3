import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { apiTokens, users } from '../../schema/index.js';
import type { Role } from '../../../core/vocabulary.js';

/** The user and role of a token not revoked, recording that it was used now; undefined for an unknown or revoked one. */
export async function useToken(
  db: Database,
  orgId: number,
  tokenHash: string,
): Promise<{ userId: number; role: string } | undefined> {
  const rows = await db.orm
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .returning({ userId: apiTokens.userId, role: apiTokens.role });
  return rows[0];
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
