import type { MeT } from '../../contract/auth.js';
import { DomainError, TooManyAttempts } from '../../core/errors.js';
import { message } from '../../core/messages/index.js';
import type { Database } from '../../db/database.js';
import {
  countFailedSignIn,
  deleteSession,
  insertSession,
  recordSignIn,
  sessionUser,
  signInCandidates,
  userWithOrganisation,
} from '../../db/queries/access/sessions.js';
import { useToken } from '../../db/queries/access/tokens.js';
import type { Actor } from '../actor.js';
import { newSecret, parseCredential, secretHash, verifyPassword } from './secrets.js';
import { roleWithin } from '../../core/access/permissions.js';

export const SESSION_DAYS = 14;
// A password check that fails the same way whether or not the user exists (no e-mail probing by timing).
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3l8d2W0PzGQ8m9u8Qx0o9Q4m0Gf0n7jv8b1u7l7n1mY';

/**
 * Locks against password guessing (OWASP authentication cheat sheet: lock temporarily, and do not let
 * anyone lock a user out at will):
 * - per e-mail and address: LOCK_AFTER_FAILURES wrong passwords in a row from one address lock that
 *   e-mail *for that address*, so a stranger's guesses do not keep the owner out of their own office;
 * - per e-mail from all addresses: ACCOUNT_LOCK_AFTER wrong passwords in a row lock it everywhere
 *   (guessing spread over many addresses), kept in the database so every server process sees it.
 * Both are progressive: the first lock lasts FIRST_LOCK_MINUTES, each further one in a row twice as
 * long, up to LOCK_MINUTES; a successful sign-in starts over.
 */
export const LOCK_AFTER_FAILURES = 5;
export const ACCOUNT_LOCK_AFTER = 20;
export const FIRST_LOCK_MINUTES = 1;
export const LOCK_MINUTES = 15;

/** How long the `nth` lock in a row lasts, in seconds. */
export const lockSeconds = (nth: number): number =>
  Math.min(LOCK_MINUTES, FIRST_LOCK_MINUTES * 2 ** Math.max(0, nth - 1)) * 60;

const locked = (seconds: number) =>
  new TooManyAttempts(Math.max(1, seconds), 'email', message('auth.locked', { minutes: Math.ceil(seconds / 60) }));

type Strikes = { count: number; locks: number; lockedUntil: number };

/** Failures counted in this process's memory (bounded): per e-mail and address, and per unknown e-mail. */
class StrikeBook {
  private readonly entries = new Map<string, Strikes>();
  constructor(private readonly threshold: number) {}

  /** Seconds `key` is still locked for, 0 when it is not. */
  wait(key: string, now = Date.now()): number {
    const e = this.entries.get(key);
    return e && e.lockedUntil > now ? Math.ceil((e.lockedUntil - now) / 1000) : 0;
  }

  fail(key: string, now = Date.now()): void {
    if (this.entries.size >= 50_000 && !this.entries.has(key)) this.entries.clear();
    const e = this.entries.get(key) ?? { count: 0, locks: 0, lockedUntil: 0 };
    e.count++;
    if (e.count >= this.threshold) {
      e.locks++;
      e.count = 0;
      e.lockedUntil = now + lockSeconds(e.locks) * 1000;
    }
    this.entries.set(key, e);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}

const perAddress = new StrikeBook(LOCK_AFTER_FAILURES);
/** Addresses that belong to no user fail and lock exactly like real ones, so the answers do not tell which exist. */
const unknownAccounts = new StrikeBook(ACCOUNT_LOCK_AFTER);

/**
 * Signs a user in: checks the argon2id hash and opens a new session (a fresh secret on every
 * sign-in). Returns the cookie value "<orgId>.<secret>". `address` is the client's network address
 * (the per-address lock); the locks above hold even against the right password.
 */
export async function signIn(
  db: Database,
  email: string,
  password: string,
  address = 'local',
  orgId?: number,
): Promise<{ cookie: string; actor: Actor }> {
  const account = email.trim().toLowerCase();
  const pair = `${account}|${address}`;
  // An address is unique within an organisation, so it may name users of several: the password tells
  // which (`orgId` chooses when the same password opens several; else the oldest organisation).
  const candidates = await signInCandidates(db, email, orgId);
  const accountWait =
    candidates.length === 0 ? unknownAccounts.wait(account) : Math.min(...candidates.map((u) => u.lockedFor));
  const wait = Math.max(perAddress.wait(pair), accountWait);
  if (wait > 0) throw locked(wait);
  let user: (typeof candidates)[number] | undefined;
  for (const candidate of candidates.length ? candidates : [undefined]) {
    const ok = await verifyPassword(candidate?.passwordHash ?? DUMMY_HASH, password);
    if (ok && candidate) {
      user = candidate;
      break;
    }
  }
  if (user?.lockedFor) throw locked(user.lockedFor);
  if (!user || user.disabledAt) {
    if (!user) perAddress.fail(pair);
    if (candidates.length === 0) unknownAccounts.fail(account);
    else if (!user) {
      // One statement, so concurrent failures all count; every ACCOUNT_LOCK_AFTER-th in a row locks,
      // each lock twice as long as the one before (the count starts over on a success).
      await countFailedSignIn(db, candidates, {
        after: ACCOUNT_LOCK_AFTER,
        firstMinutes: FIRST_LOCK_MINUTES,
        maxMinutes: LOCK_MINUTES,
      });
    }
    throw new DomainError('unauthenticated', 'auth.wrongPassword');
  }
  perAddress.forget(pair);
  await recordSignIn(db, user.orgId, user.id);
  return {
    cookie: await openSession(db, user.orgId, user.id),
    actor: { orgId: user.orgId, userId: user.id, role: user.role },
  };
}

/** A new session of a user (a fresh secret); the cookie value "<orgId>.<secret>". */
export async function openSession(db: Database, orgId: number, userId: number): Promise<string> {
  const secret = newSecret();
  await insertSession(db, orgId, userId, secretHash(secret), SESSION_DAYS);
  return `${orgId}.${secret}`;
}

export async function signOut(db: Database, cookie: string): Promise<void> {
  const c = parseCredential(cookie);
  if (!c) return;
  await deleteSession(db, c.orgId, secretHash(c.secret));
}

/** The actor behind a session cookie, or null when it is unknown, expired or its user is disabled. */
export async function actorForSession(db: Database, cookie: string): Promise<Actor | null> {
  const c = parseCredential(cookie);
  if (!c) return null;
  const row = await sessionUser(db, c.orgId, secretHash(c.secret));
  return row ? { orgId: c.orgId, userId: row.userId, role: row.role } : null;
}

/** The actor behind an API token "rpt_<orgId>_<secret>"; records when the token was last used. */
export async function actorForToken(db: Database, token: string): Promise<Actor | null> {
  const c = parseCredential(token, 'rpt_');
  if (!c) return null;
  const row = await useToken(db, c.orgId, secretHash(c.secret));
  // A token acts for its user as the user is now: not at all once disabled, and never beyond the
  // user's current role (a token issued before a demotion keeps only what the new role allows).
  if (!row || row.userDisabled) return null;
  return { orgId: c.orgId, userId: row.userId, role: roleWithin(row.role, row.userRole) ? row.role : row.userRole };
}

export async function getMe(db: Database, actor: Actor): Promise<MeT> {
  const row = await userWithOrganisation(db, actor.orgId, actor.userId ?? -1);
  if (!row) throw new DomainError('unauthenticated', 'auth.signInAgain');
  return {
    userId: row.user.id,
    orgId: row.org.id,
    orgName: row.org.name,
    name: row.user.name,
    email: row.user.email,
    role: actor.role,
    locale: row.user.locale,
    hasDemoData: row.org.hasDemoData,
    passwordTemporary: row.user.passwordTemporary,
  };
}
