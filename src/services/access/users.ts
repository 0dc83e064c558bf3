import type { ApiTokenT, UserCreateT, UserT, UserUpdateT } from '../../contract/auth.js';
import { DomainError, fieldProblem, invalidInput, notFound } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { deleteUserSessions } from '../../db/queries/access/sessions.js';
import { insertToken, revokeToken, revokeUserTokens, tokensOf } from '../../db/queries/access/tokens.js';
import {
  emailTaken,
  insertUser,
  updateUserRow,
  userRow,
  usersOf,
  type UserChange,
} from '../../db/queries/access/users.js';
import type { apiTokens, users } from '../../db/schema/index.js';
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
  role: u.role,
  locale: u.locale,
  disabledAt: isoTimestamp(u.disabledAt),
  createdAt: isoTimestamp(u.createdAt),
});

/** Adds a user with an argon2id password hash. E-mails are unique within the organisation. */
export async function createUser(db: Database, actor: Actor, input: UserCreateT): Promise<UserT> {
  assertSignedInPerson(actor);
  assertAdministrator(actor);
  if (await emailTaken(db, actor.orgId, input.email))
    throw new DomainError('conflict', 'user.emailTaken', { email: input.email });
  const passwordHash = await hashPassword(input.password);
  return db.engine.transaction(async () => {
    const row = await insertUser(db, actor.orgId, {
      name: input.name,
      email: input.email.trim().toLowerCase(),
      role: input.role,
      locale: input.locale ?? 'ru',
      passwordHash,
    });
    const user = userToApi(row);
    await audit(db, actor, { action: 'create', entity: 'user', entityId: user.id, after: user });
    return user;
  });
}

export async function findUsers(db: Database, actor: Actor): Promise<UserT[]> {
  const rows = await usersOf(db, actor.orgId);
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
    const values: UserChange = {};
    if (input.name !== undefined) values.name = input.name;
    if (input.role !== undefined) values.role = input.role;
    if (input.locale !== undefined) values.locale = input.locale;
    if (input.password !== undefined) values.passwordHash = await hashPassword(input.password);
    if (input.disabled !== undefined) values.disabled = input.disabled;
    if (Object.keys(values).length === 0) {
      throw invalidInput([fieldProblem('password', 'required', 'user.newPasswordMissing')]);
    }
    const existing = await userRow(db, actor.orgId, id);
    const row = await updateUserRow(db, actor.orgId, id, values);
    if (!row || !existing) throw notFound('user', id);
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
      await deleteUserSessions(db, actor.orgId, id);
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
  const row = await userRow(db, actor.orgId, id);
  if (!row) throw notFound('user', id);
  if (current === undefined || row.passwordHash === null || !(await verifyPassword(row.passwordHash, current))) {
    throw invalidInput([
      current === undefined
        ? fieldProblem('currentPassword', 'required', 'user.currentPasswordMissing')
        : fieldProblem('currentPassword', 'wrong', 'user.currentPasswordWrong'),
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
  if (actor.userId === null) throw new DomainError('forbidden', 'token.needsUser');
  const rank = ['read_only', 'analyst', 'manager', 'head_of_sales', 'owner'];
  const role = input.role ?? actor.role;
  if (rank.indexOf(role) > rank.indexOf(actor.role)) throw new DomainError('forbidden', 'token.moreRights');
  if (!roleWithin(role, actor.role))
    throw new DomainError('forbidden', 'token.beyondOwner', { role: actor.role, requested: role });
  const secret = newSecret();
  const userId = actor.userId;
  return db.engine.transaction(async () => {
    const row = await insertToken(db, actor.orgId, { userId, name: input.name, role, tokenHash: secretHash(secret) });
    await audit(db, actor, {
      action: 'create',
      entity: 'api_token',
      entityId: row.id,
      after: { name: row.name, role: row.role, userId },
    });
    return { ...tokenToApi(row), token: `rpt_${actor.orgId}_${secret}` };
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
  const rows = await tokensOf(db, actor.orgId, actor.userId ?? -1);
  return rows.map(tokenToApi);
}

export async function revokeApiToken(db: Database, actor: Actor, id: number): Promise<void> {
  assertSignedInPerson(actor);
  await db.engine.transaction(async () => {
    const token = await revokeToken(db, actor.orgId, actor.userId ?? -1, id);
    if (!token) throw notFound('apiToken', id);
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
    const user = await userRow(db, actor.orgId, id, true);
    if (!user) throw notFound('user', id);
    await updateUserRow(db, actor.orgId, id, { calendarTokenHash: null });
    const ended = await deleteUserSessions(db, actor.orgId, id);
    const revoked = await revokeUserTokens(db, actor.orgId, id);
    const result = { sessions: ended, tokens: revoked, feed: user.calendarTokenHash !== null };
    await audit(db, actor, {
      action: 'update',
      entity: 'user',
      entityId: id,
      after: { signedOutEverywhere: true, ...result },
    });
    return result;
  });
}
