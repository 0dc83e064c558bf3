import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { MeT } from '../../contract/auth.js';
import { DomainError } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { apiTokens, organizations, sessions, users } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import { newSecret, parseCredential, secretHash, verifyPassword } from './secrets.js';

export const SESSION_DAYS = 14;
// A password check that fails the same way whether or not the user exists (no e-mail probing by timing).
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3l8d2W0PzGQ8m9u8Qx0o9Q4m0Gf0n7jv8b1u7l7n1mY';

/**
 * Signs a user in: checks the argon2id hash and opens a new session (a fresh secret on every
 * sign-in). Returns the cookie value "<orgId>.<secret>".
 */
export async function signIn(db: Database, email: string, password: string): Promise<{ cookie: string; actor: Actor }> {
  const [user] = await db.orm.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !ok || user.disabledAt) throw new DomainError('unauthenticated', 'The e-mail or password is wrong.');
  const secret = newSecret();
  await db.orm.insert(sessions).values({
    orgId: user.orgId, tokenHash: secretHash(secret), userId: user.id,
    expiresAt: sql`now() + make_interval(days => ${SESSION_DAYS})` as unknown as string,
  });
  return { cookie: `${user.orgId}.${secret}`, actor: { orgId: user.orgId, userId: user.id, role: user.role } };
}

export async function signOut(db: Database, cookie: string): Promise<void> {
  const c = parseCredential(cookie);
  if (!c) return;
  await db.orm.delete(sessions).where(and(eq(sessions.orgId, c.orgId), eq(sessions.tokenHash, secretHash(c.secret))));
}

/** The actor behind a session cookie, or null when it is unknown, expired or its user is disabled. */
export async function actorForSession(db: Database, cookie: string): Promise<Actor | null> {
  const c = parseCredential(cookie);
  if (!c) return null;
  const [row] = await db.orm.select({ userId: users.id, role: users.role }).from(sessions)
    .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.orgId, c.orgId), eq(sessions.tokenHash, secretHash(c.secret)), gt(sessions.expiresAt, sql`now()`), isNull(users.disabledAt)))
    .limit(1);
  return row ? { orgId: c.orgId, userId: row.userId, role: row.role } : null;
}

/** The actor behind an API token "rpt_<orgId>_<secret>"; records when the token was last used. */
export async function actorForToken(db: Database, token: string): Promise<Actor | null> {
  const c = parseCredential(token, 'rpt_');
  if (!c) return null;
  const rows = await db.orm.update(apiTokens).set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.orgId, c.orgId), eq(apiTokens.tokenHash, secretHash(c.secret)), isNull(apiTokens.revokedAt)))
    .returning({ userId: apiTokens.userId, role: apiTokens.role });
  const row = rows[0];
  return row ? { orgId: c.orgId, userId: row.userId, role: row.role } : null;
}

export async function getMe(db: Database, actor: Actor): Promise<MeT> {
  const [row] = await db.orm.select({ user: users, org: organizations }).from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.userId ?? -1))).limit(1);
  if (!row) throw new DomainError('unauthenticated', 'Sign in again.');
  return {
    userId: row.user.id, orgId: row.org.id, orgName: row.org.name, name: row.user.name, email: row.user.email,
    role: actor.role, locale: row.user.locale, hasDemoData: row.org.hasDemoData,
  };
}
