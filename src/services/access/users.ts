import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ApiTokenT, UserCreateT, UserT, UserUpdateT } from '../../contract/auth.js';
import { DomainError, invalidInput, notFound } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { apiTokens, sessions, users } from '../../db/schema/index.js';
import { assertAdministrator, assertSignedInPerson, type Actor } from '../actor.js';
import { isoTimestamp } from '../convert.js';
import { hashPassword, newSecret, secretHash, verifyPassword } from './secrets.js';
import { audit } from '../audit/record.js';
import { roleWithin } from '../../core/access/permissions.js';

type UserRow = typeof users.$inferSelect;
const userToApi = (u: UserRow): UserT => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role as UserT['role'],
  locale: u.locale as UserT['locale'],
  disabledAt: isoTimestamp(u.disabledAt),
  createdAt: isoTimestamp(u.createdAt),
});

/** Whether the organisation has a user with this address; other organisations' users are not looked at (nothing to learn about them). */
async function emailTaken(db: Database, orgId: number, email: string): Promise<boolean> {
  const rows = await db.orm
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), sql`lower(${users.email}) = lower(${email})`))
    .limit(1);
  return rows.length > 0;
}

/** Adds a user with an argon2id password hash. E-mails are unique within the organisation. */
export async function createUser(db: Database, actor: Actor, input: UserCreateT): Promise<UserT> {
  assertSignedInPerson(actor);
  assertAdministrator(actor);
  if (await emailTaken(db, actor.orgId, input.email))
    throw new DomainError('conflict', `Your organisation already has a user with the e-mail ${input.email}.`);
  const passwordHash = await hashPassword(input.password);
  return db.engine.transaction(async () => {
    const [row] = await db.orm
      .insert(users)
      .values({
        orgId: actor.orgId,
        name: input.name,
        email: input.email.trim().toLowerCase(),
        role: input.role,
        locale: input.locale ?? 'ru',
        passwordHash,
      })
      .returning();
    const user = userToApi(row!);
    await audit(db, actor, { action: 'create', entity: 'user', entityId: user.id, after: user });
    return user;
  });
}

export async function findUsers(db: Database, actor: Actor): Promise<UserT[]> {
  const rows = await db.orm.select().from(users).where(eq(users.orgId, actor.orgId)).orderBy(asc(users.name));
  return rows.map(userToApi);
}

/**
 * Changes a user; disabling one (or changing the password) ends their sessions. Only a person signed
 * in changes users (never an API token). One's own password needs the current one: a session left
 * open on a shared computer must not be enough to take the account over.
 */
export async function updateUser(db: Database, actor: Actor, id: number, input: UserUpdateT): Promise<UserT> {
  assertSignedInPerson(actor);
  const self = actor.userId === id;
  if (!self || input.role !== undefined || input.disabled !== undefined) assertAdministrator(actor);
  if (self && input.password !== undefined) await assertCurrentPassword(db, actor, id, input.currentPassword);
  return db.engine.transaction(async () => {
    const values: Record<string, unknown> = {};
    if (input.name !== undefined) values.name = input.name;
    if (input.role !== undefined) values.role = input.role;
    if (input.locale !== undefined) values.locale = input.locale;
    if (input.password !== undefined) values.passwordHash = await hashPassword(input.password);
    if (input.disabled !== undefined) values.disabledAt = input.disabled ? sql`now()` : null;
    if (Object.keys(values).length === 0) {
      throw invalidInput([
        {
          field: 'password',
          reason: 'required',
          message: {
            en: 'The current password alone changes nothing: give the new password too',
            ru: 'Один текущий пароль ничего не меняет: укажите и новый',
          },
        },
      ]);
    }
    const [existing] = await db.orm
      .select()
      .from(users)
      .where(and(eq(users.orgId, actor.orgId), eq(users.id, id)));
    const [row] = await db.orm
      .update(users)
      .set(values)
      .where(and(eq(users.orgId, actor.orgId), eq(users.id, id)))
      .returning();
    if (!row || !existing) throw notFound('User', id);
    // Disabling and enabling are actions of their own in the log; a new password shows as changed, never as a value.
    const action =
      input.disabled === true && !existing.disabledAt
        ? 'disable'
        : input.disabled === false && existing.disabledAt
          ? 'enable'
          : 'update';
    await audit(db, actor, {
      action,
      entity: 'user',
      entityId: id,
      before: userToApi(existing),
      after: { ...userToApi(row), ...(input.password !== undefined ? { credentialsChanged: true } : {}) },
    });
    if (input.disabled || input.password !== undefined) {
      await db.orm.delete(sessions).where(and(eq(sessions.orgId, actor.orgId), eq(sessions.userId, id)));
    }
    return userToApi(row);
  });
}

async function assertCurrentPassword(
  db: Database,
  actor: Actor,
  id: number,
  current: string | undefined,
): Promise<void> {
  const [row] = await db.orm
    .select({ hash: users.passwordHash })
    .from(users)
    .where(and(eq(users.orgId, actor.orgId), eq(users.id, id)));
  if (!row) throw notFound('User', id);
  if (current === undefined || row.hash === null || !(await verifyPassword(row.hash, current))) {
    throw invalidInput([
      {
        field: 'currentPassword',
        reason: current === undefined ? 'required' : 'wrong',
        message:
          current === undefined
            ? {
                en: 'To change your own password, give the current one too',
                ru: 'Чтобы сменить свой пароль, укажите и текущий',
              }
            : { en: 'The current password is wrong', ru: 'Текущий пароль указан неверно' },
      },
    ]);
  }
}

/** Issues an API token for the acting user; the secret is returned once and only its hash is kept. */
export async function createApiToken(
  db: Database,
  actor: Actor,
  input: { name: string; role?: string | undefined },
): Promise<ApiTokenT & { token: string }> {
  assertSignedInPerson(actor);
  if (actor.userId === null) throw new DomainError('forbidden', 'Tokens belong to a user; sign in as one.');
  const rank = ['read_only', 'analyst', 'manager', 'head_of_sales', 'owner'];
  const role = input.role ?? actor.role;
  if (rank.indexOf(role) > rank.indexOf(actor.role))
    throw new DomainError('forbidden', 'A token cannot have more rights than its owner.');
  if (!roleWithin(role, actor.role))
    throw new DomainError(
      'forbidden',
      `A token cannot see or do more than its owner: a ${actor.role.replace(/_/g, ' ')} cannot issue a ${role.replace(/_/g, ' ')} token.`,
    );
  const secret = newSecret();
  const userId = actor.userId;
  return db.engine.transaction(async () => {
    const [row] = await db.orm
      .insert(apiTokens)
      .values({ orgId: actor.orgId, userId, name: input.name, role, tokenHash: secretHash(secret) })
      .returning();
    await audit(db, actor, {
      action: 'create',
      entity: 'api_token',
      entityId: row!.id,
      after: { name: row!.name, role: row!.role, userId },
    });
    return { ...tokenToApi(row!), token: `rpt_${actor.orgId}_${secret}` };
  });
}

const tokenToApi = (t: typeof apiTokens.$inferSelect): ApiTokenT => ({
  id: t.id,
  name: t.name,
  role: t.role,
  createdAt: isoTimestamp(t.createdAt),
  lastUsedAt: isoTimestamp(t.lastUsedAt),
  revokedAt: isoTimestamp(t.revokedAt),
});

export async function findApiTokens(db: Database, actor: Actor): Promise<ApiTokenT[]> {
  const rows = await db.orm
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.orgId, actor.orgId), eq(apiTokens.userId, actor.userId ?? -1)))
    .orderBy(asc(apiTokens.id));
  return rows.map(tokenToApi);
}

export async function revokeApiToken(db: Database, actor: Actor, id: number): Promise<void> {
  assertSignedInPerson(actor);
  await db.engine.transaction(async () => {
    const rows = await db.orm
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(apiTokens.orgId, actor.orgId),
          eq(apiTokens.id, id),
          eq(apiTokens.userId, actor.userId ?? -1),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, revokedAt: apiTokens.revokedAt });
    const token = rows[0];
    if (!token) throw notFound('API token', id);
    await audit(db, actor, {
      action: 'revoke',
      entity: 'api_token',
      entityId: id,
      after: { name: token.name, role: token.role, revokedAt: isoTimestamp(token.revokedAt) },
    });
  });
}

/**
 * Signs a user out everywhere: ends every session, revokes every API token and revokes the calendar
 * feed (its address stops answering; a new one is made on the calendar page). What to do after a
 * password may have leaked: changing the password alone ends sessions but not tokens or the feed.
 * Oneself, or any user of the organisation for an administrator.
 */
export async function signOutEverywhere(
  db: Database,
  actor: Actor,
  id: number,
): Promise<{ sessions: number; tokens: number; feed: boolean }> {
  assertSignedInPerson(actor);
  if (actor.userId !== id) assertAdministrator(actor);
  return db.engine.transaction(async () => {
    const [user] = await db.orm
      .select({ feed: users.calendarTokenHash })
      .from(users)
      .where(and(eq(users.orgId, actor.orgId), eq(users.id, id)))
      .for('update');
    if (!user) throw notFound('User', id);
    await db.orm
      .update(users)
      .set({ calendarTokenHash: null })
      .where(and(eq(users.orgId, actor.orgId), eq(users.id, id)));
    const ended = await db.orm
      .delete(sessions)
      .where(and(eq(sessions.orgId, actor.orgId), eq(sessions.userId, id)))
      .returning({ id: sessions.userId });
    const revoked = await db.orm
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.orgId, actor.orgId), eq(apiTokens.userId, id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    const result = { sessions: ended.length, tokens: revoked.length, feed: user.feed !== null };
    await audit(db, actor, {
      action: 'update',
      entity: 'user',
      entityId: id,
      after: { signedOutEverywhere: true, ...result },
    });
    return result;
  });
}
