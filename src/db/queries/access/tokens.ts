import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { apiTokens } from '../../schema/index.js';

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
  token: { userId: number; name: string; role: string; tokenHash: string },
) {
  const [row] = await db.orm
    .insert(apiTokens)
    .values({ orgId, ...token })
    .returning();
  return row!;
}

/** The user's tokens, oldest first. */
export async function tokensOf(db: Database, orgId: number, userId: number) {
  return db.orm
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.userId, userId)))
    .orderBy(asc(apiTokens.id));
}

/** Revokes the user's token `id` unless revoked already; the token as revoked, or undefined. */
export async function revokeToken(db: Database, orgId: number, userId: number, id: number) {
  const rows = await db.orm
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)),
    )
    .returning({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, revokedAt: apiTokens.revokedAt });
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
