import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { MeT } from '../../contract/auth.js';
import { DomainError, TooManyAttempts } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { apiTokens, organizations, sessions, users } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import { newSecret, parseCredential, secretHash, verifyPassword } from './secrets.js';
import { roleWithin } from '../../core/access/permissions.js';

export const SESSION_DAYS = 14;
// A password check that fails the same way whether or not the user exists (no e-mail probing by timing).
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3l8d2W0PzGQ8m9u8Qx0o9Q4m0Gf0n7jv8b1u7l7n1mY';

/** Failed sign-ins in a row that lock an account, and for how long (OWASP authentication cheat sheet: lock out temporarily, not for good). */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

const locked = (seconds: number) => new TooManyAttempts(Math.max(1, seconds), 'email', {
  en: `Too many failed sign-ins for this e-mail: it is locked for ${Math.ceil(seconds / 60)} min. Try again later, or ask an administrator to reset the password.`,
  ru: `Слишком много неудачных попыток входа с этим адресом: вход закрыт на ${Math.ceil(seconds / 60)} мин. Попробуйте позже или попросите администратора сбросить пароль.`,
});

/**
 * Addresses that belong to no user fail and lock exactly like real ones, so the answers do not tell
 * which addresses exist. Kept in memory (bounded); a real account's lock is kept in the database.
 */
const unknownFailures = new Map<string, { count: number; lockedUntil: number }>();
function unknownAddressLock(email: string, failed: boolean): number {
  const now = Date.now();
  const key = email.trim().toLowerCase();
  const entry = unknownFailures.get(key);
  if (entry && entry.lockedUntil > now) return Math.ceil((entry.lockedUntil - now) / 1000);
  if (!failed) return 0;
  if (unknownFailures.size >= 50_000) unknownFailures.clear();
  const count = (entry && entry.lockedUntil === 0 ? entry.count : 0) + 1;
  const lockedUntil = count >= LOCK_AFTER_FAILURES ? now + LOCK_MINUTES * 60_000 : 0;
  unknownFailures.set(key, { count: lockedUntil ? 0 : count, lockedUntil });
  return 0;
}

/**
 * Signs a user in: checks the argon2id hash and opens a new session (a fresh secret on every
 * sign-in). Returns the cookie value "<orgId>.<secret>". LOCK_AFTER_FAILURES wrong passwords in a
 * row lock the account for LOCK_MINUTES, even against the right password, across server processes.
 */
export async function signIn(db: Database, email: string, password: string): Promise<{ cookie: string; actor: Actor }> {
  const [user] = await db.orm.select({ row: users, lockedFor: sql<number>`greatest(0, ceil(extract(epoch from ${users.lockedUntil} - now())))::int` })
    .from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1)
    .then((rows) => rows.map((r) => ({ ...r.row, lockedFor: Number(r.lockedFor ?? 0) })));
  if (!user) {
    const wait = unknownAddressLock(email, false);
    if (wait > 0) throw locked(wait);
  } else if (user.lockedFor > 0) throw locked(user.lockedFor);
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !ok || user.disabledAt) {
    if (!user) unknownAddressLock(email, true);
    else if (!ok) {
      // One statement, so concurrent failures all count; the lock starts at the LOCK_AFTER_FAILURES-th.
      await db.engine.query(`UPDATE users SET
          locked_until = CASE WHEN failed_sign_ins + 1 >= ${LOCK_AFTER_FAILURES} THEN now() + interval '${LOCK_MINUTES} minutes' ELSE locked_until END,
          failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= ${LOCK_AFTER_FAILURES} THEN 0 ELSE failed_sign_ins + 1 END
        WHERE org_id = $1 AND id = $2`, [user.orgId, user.id]);
    }
    throw new DomainError('unauthenticated', 'The e-mail or password is wrong.');
  }
  if (user.failedSignIns > 0 || user.lockedUntil) {
    await db.orm.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(and(eq(users.orgId, user.orgId), eq(users.id, user.id)));
  }
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
  if (!row) return null;
  // A token acts for its user as the user is now: not at all once disabled, and never beyond the
  // user's current role (a token issued before a demotion keeps only what the new role allows).
  const [user] = await db.orm.select({ role: users.role, disabledAt: users.disabledAt }).from(users)
    .where(and(eq(users.orgId, c.orgId), eq(users.id, row.userId))).limit(1);
  if (!user || user.disabledAt) return null;
  return { orgId: c.orgId, userId: row.userId, role: roleWithin(row.role, user.role) ? row.role : user.role };
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
