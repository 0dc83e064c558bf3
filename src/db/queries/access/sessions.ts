import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { organizations, sessions, users } from '../../schema/index.js';

/**
 * The users (of every organisation, or of `orgId`) signing in with this e-mail, oldest organisation
 * first (at most 10), each with how many seconds its account lock still lasts (0: not locked).
 */
export async function signInCandidates(db: Database, email: string, orgId?: number) {
  return db.orm
    .select({
      row: users,
      lockedFor: sql<number>`greatest(0, ceil(extract(epoch from ${users.lockedUntil} - now())))::int`,
    })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, orgId === undefined ? undefined : eq(users.orgId, orgId)))
    .orderBy(users.orgId)
    .limit(10)
    .then((rows) => rows.map((r) => ({ ...r.row, lockedFor: Number(r.lockedFor ?? 0) })));
}

/**
 * Counts a wrong password against these users, in one statement so concurrent failures all count:
 * every `lock.after`-th failure in a row locks the account, each lock twice as long as the one before
 * (from `lock.firstMinutes` up to `lock.maxMinutes`).
 */
export async function countFailedSignIn(
  db: Database,
  accounts: { orgId: number; id: number }[],
  lock: { after: number; firstMinutes: number; maxMinutes: number },
): Promise<void> {
  for (const n of [lock.after, lock.firstMinutes, lock.maxMinutes])
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`sign-in lock: ${n} is not a count`);
  await db.engine.query(
    `UPDATE users SET
          failed_sign_ins = failed_sign_ins + 1,
          locked_until = CASE WHEN (failed_sign_ins + 1) % ${lock.after} = 0
            THEN now() + least(interval '${lock.maxMinutes} minutes', interval '${lock.firstMinutes} minute' * power(2, (failed_sign_ins + 1) / ${lock.after} - 1))
            ELSE locked_until END
        WHERE (org_id, id) IN (SELECT unnest($1::bigint[]), unnest($2::bigint[]))`,
    [`{${accounts.map((c) => c.orgId).join(',')}}`, `{${accounts.map((c) => c.id).join(',')}}`],
  );
}

/** A successful sign-in: its time is kept, the count of failures starts over and the account's lock ends. */
export async function recordSignIn(db: Database, orgId: number, userId: number): Promise<void> {
  await db.orm
    .update(users)
    .set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: sql`now()` })
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
}

/** Stores a new session (by its secret's hash) lasting `days` from now. */
export async function insertSession(
  db: Database,
  orgId: number,
  userId: number,
  tokenHash: string,
  days: number,
): Promise<void> {
  await db.orm.insert(sessions).values({
    orgId,
    tokenHash,
    userId,
    expiresAt: sql`now() + make_interval(days => ${days})` as unknown as string,
  });
}

export async function deleteSession(db: Database, orgId: number, tokenHash: string): Promise<void> {
  await db.orm.delete(sessions).where(and(eq(sessions.orgId, orgId), eq(sessions.tokenHash, tokenHash)));
}

/** Ends every session of the user; how many there were. */
export async function deleteUserSessions(db: Database, orgId: number, userId: number): Promise<number> {
  const ended = await db.orm
    .delete(sessions)
    .where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId)))
    .returning({ id: sessions.userId });
  return ended.length;
}

/** The user and role behind a live session (not expired, user not disabled), or undefined. */
export async function sessionUser(
  db: Database,
  orgId: number,
  tokenHash: string,
): Promise<{ userId: number; role: string } | undefined> {
  const [row] = await db.orm
    .select({ userId: users.id, role: users.role })
    .from(sessions)
    .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
    .where(
      and(
        eq(sessions.orgId, orgId),
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, sql`now()`),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  return row;
}

/** The user with their organisation, or undefined. */
export async function userWithOrganisation(db: Database, orgId: number, userId: number) {
  const [row] = await db.orm
    .select({ user: users, org: organizations })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
    .limit(1);
  return row;
}
