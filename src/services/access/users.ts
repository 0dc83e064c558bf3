import type {
  ApiTokenCreatedT,
  ApiTokenCreateT,
  ApiTokenT,
  PasswordResetDoneT,
  PasswordResetT,
  UserCreatedT,
  UserCreateT,
  UserT,
  UserUpdateT,
} from '../../contract/auth.js';
import { changeRefusal, createRefusal, type AccountChange, type AccountRefusal } from '../../core/access/accounts.js';
import { can, roleWithin } from '../../core/access/permissions.js';
import { DomainError, fieldProblem, invalidInput, notFound, type FieldProblem } from '../../core/errors.js';
import { roles } from '../../core/vocabulary.js';
import type { Database } from '../../db/database.js';
import { deleteUserSessions } from '../../db/queries/access/sessions.js';
import { insertToken, revokeToken, revokeUserTokens, tokensOf } from '../../db/queries/access/tokens.js';
import {
  emailTaken,
  insertUser,
  lockActiveOwners,
  updateUserRow,
  userRow,
  usersOf,
  type UserChange,
} from '../../db/queries/access/users.js';
import type { apiTokens, users } from '../../db/schema/index.js';
import { assertSignedInPerson, type Actor } from '../actor.js';
import { audit } from '../audit/record.js';
import { isoTimestamp } from '../convert.js';
import { generatePassword, hashPassword, newSecret, secretHash, verifyPassword } from './secrets.js';

type UserRow = typeof users.$inferSelect;

/** A user as the audit log keeps them: what a person set, never a hash, a secret or a sign-in time. */
const userToApi = (u: UserRow): UserT => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  locale: u.locale,
  disabledAt: isoTimestamp(u.disabledAt),
  createdAt: isoTimestamp(u.createdAt),
});

/** A user as the API answers: those who manage users also see the last sign-in and a temporary password. */
const userView = (u: UserRow, actor: Actor): UserT =>
  can(actor.role, 'manageUsers')
    ? { ...userToApi(u), lastSignInAt: isoTimestamp(u.lastSignInAt), passwordTemporary: u.passwordTemporary }
    : userToApi(u);

/** The refusal of a guard rail (core/access/accounts.ts) as the error the API answers. */
function refused(r: AccountRefusal, target?: { name: string }): DomainError {
  const problem = (f: AccountRefusal['field'] & string): FieldProblem[] =>
    r.code === 'user.lastOwner'
      ? [fieldProblem(f, 'lastOwner', r.code, { name: target?.name ?? '' })]
      : [fieldProblem(f, r.code.split('.')[1]!, r.code)];
  const fields = r.field ? problem(r.field) : [];
  if (r.code === 'user.lastOwner') return new DomainError(r.status, r.code, { name: target?.name ?? '' }, fields);
  return new DomainError(r.status, r.code, {}, fields);
}

/** Another user's account is the business of those who manage users: refused before the user is looked up. */
function assertManagesOthers(actor: Actor, id: number): void {
  if (actor.userId !== id && !can(actor.role, 'manageUsers'))
    throw refused({ status: 'forbidden', code: 'access.usersOnly' });
}

const trimmedName = (name: string): string => {
  const trimmed = name.trim();
  if (trimmed === '') throw invalidInput([fieldProblem('name', 'notEmpty', 'field.notEmpty')]);
  return trimmed;
};

async function assertEmailFree(db: Database, orgId: number, email: string, except?: number): Promise<void> {
  if (await emailTaken(db, orgId, email, except))
    throw new DomainError('conflict', 'user.emailTaken', { email }, [
      fieldProblem('email', 'taken', 'user.emailTaken', { email }),
    ]);
}

/**
 * Adds a user with an argon2id password hash (owner and head of sales; only the owner adds owners).
 * E-mails are unique within the organisation. Without a password the server generates one and answers
 * it this once; either way the password is temporary: the web app asks the new user to choose their own.
 */
export async function createUser(db: Database, actor: Actor, input: UserCreateT): Promise<UserCreatedT> {
  assertSignedInPerson(actor);
  const refusal = createRefusal(actor.role, input.role);
  if (refusal) throw refused(refusal);
  const name = trimmedName(input.name);
  const email = input.email.trim().toLowerCase();
  await assertEmailFree(db, actor.orgId, email);
  const generated = input.password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(input.password ?? generated!);
  return db.engine.transaction(async () => {
    const row = await insertUser(db, actor.orgId, {
      name,
      email,
      role: input.role,
      locale: input.locale ?? 'ru',
      passwordHash,
      passwordTemporary: true,
    });
    await audit(db, actor, { action: 'create', entity: 'user', entityId: row.id, after: userToApi(row) });
    return { ...userView(row, actor), ...(generated ? { generatedPassword: generated } : {}) };
  });
}

export async function findUsers(db: Database, actor: Actor): Promise<UserT[]> {
  const rows = await usersOf(db, actor.orgId);
  return rows.map((row) => userView(row, actor));
}

/** The target's row locked, after the organisation's active owners when the change may leave it without one. */
async function lockedTarget(db: Database, actor: Actor, id: number, ownersMatter: boolean) {
  // Owners first, in id order, then the target: every transaction takes the locks in the same order.
  const owners = ownersMatter ? await lockActiveOwners(db, actor.orgId) : 0;
  const existing = await userRow(db, actor.orgId, id, true);
  if (!existing) throw notFound('user', id);
  return { existing, owners, target: { id, role: existing.role, disabled: existing.disabledAt !== null } };
}

/**
 * Ends every way in of a user: their sessions, API tokens and calendar feed; what it ended. Disabling
 * a user and signing them out everywhere both do it, so enabling them again brings none of it back.
 */
async function endAccess(db: Database, orgId: number, user: UserRow) {
  if (user.calendarTokenHash !== null) await updateUserRow(db, orgId, user.id, { calendarTokenHash: null });
  const sessions = await deleteUserSessions(db, orgId, user.id);
  const tokens = await revokeUserTokens(db, orgId, user.id);
  return { sessions, tokens, feed: user.calendarTokenHash !== null };
}

/** What ending a user's access ended, as the audit log keeps it (its keys must not look like secrets, or it drops them). */
const auditedEnd = (ended: { sessions: number; tokens: number; feed: boolean }) => ({
  sessionsEnded: ended.sessions,
  apiKeysRevoked: ended.tokens,
  feedRevoked: ended.feed,
});

/**
 * Changes a user. Anybody changes their own name, language and password (the current one is needed: a
 * session left open on a shared computer must not be enough to take the account over); the owner and
 * the head of sales change others, within the guard rails of core/access/accounts.ts. Disabling ends
 * the user's sessions, API tokens and calendar feed; a new password ends their sessions.
 */
export async function updateUser(db: Database, actor: Actor, id: number, input: UserUpdateT): Promise<UserT> {
  assertSignedInPerson(actor);
  assertManagesOthers(actor, id);
  const self = actor.userId === id;
  const change: AccountChange = { ...input, ...(self ? { password: undefined } : {}) };
  // Refused before the password check, so a wrong current password is not the answer to a forbidden change.
  if (self && input.password !== undefined) {
    const early = changeRefusal(actor, { id, role: actor.role, disabled: false }, change, Infinity);
    if (early) throw refused(early);
    await assertCurrentPassword(db, actor, id, input.currentPassword);
  }
  const name = input.name === undefined ? undefined : trimmedName(input.name);
  const email = input.email?.trim().toLowerCase();
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return db.engine.transaction(async () => {
    const ownersMatter = input.role !== undefined || input.disabled !== undefined;
    const { existing, owners, target } = await lockedTarget(db, actor, id, ownersMatter);
    const refusal = changeRefusal(actor, target, change, owners);
    if (refusal) throw refused(refusal, existing);
    if (email !== undefined && email !== existing.email) await assertEmailFree(db, actor.orgId, email, id);
    const values: UserChange = {};
    if (name !== undefined) values.name = name;
    if (email !== undefined) values.email = email;
    if (input.role !== undefined) values.role = input.role;
    if (input.locale !== undefined) values.locale = input.locale;
    if (passwordHash !== undefined) {
      values.passwordHash = passwordHash;
      // One's own choice ends a temporary password; one set by someone else is temporary.
      values.passwordTemporary = !self;
    }
    if (input.disabled !== undefined) values.disabled = input.disabled;
    if (Object.keys(values).length === 0) {
      throw invalidInput([fieldProblem('password', 'required', 'user.newPasswordMissing')]);
    }
    const row = (await updateUserRow(db, actor.orgId, id, values))!;
    const disabling = input.disabled === true && existing.disabledAt === null;
    // Disabling and enabling are actions of their own in the log; a new password shows as changed, never as a value.
    const action = disabling ? 'disable' : input.disabled === false && existing.disabledAt ? 'enable' : 'update';
    const ended = disabling ? await endAccess(db, actor.orgId, existing) : undefined;
    await audit(db, actor, {
      action,
      entity: 'user',
      entityId: id,
      before: userToApi(existing),
      after: {
        ...userToApi(row),
        ...(input.password !== undefined ? { credentialsChanged: true } : {}),
        ...(ended ? auditedEnd(ended) : {}),
      },
    });
    if (input.password !== undefined && !disabling) await deleteUserSessions(db, actor.orgId, id);
    return userView(row, actor);
  });
}

/**
 * Sets another user's password (owner and head of sales; an owner's by the owner only): the one given,
 * or one generated and answered this once. It is temporary: the user is asked to choose their own after
 * signing in. Their sessions end and a lock after failed sign-ins is lifted; their API tokens stay.
 */
export async function resetPassword(
  db: Database,
  actor: Actor,
  id: number,
  input: PasswordResetT,
): Promise<PasswordResetDoneT> {
  assertSignedInPerson(actor);
  assertManagesOthers(actor, id);
  if (actor.userId === id) throw new DomainError('forbidden', 'user.resetOwnPassword');
  const generated = input.password === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(input.password ?? generated!);
  return db.engine.transaction(async () => {
    const { existing, target } = await lockedTarget(db, actor, id, false);
    const refusal = changeRefusal(actor, target, { password: true }, Infinity);
    if (refusal) throw refused(refusal, existing);
    const row = (await updateUserRow(db, actor.orgId, id, { passwordHash, passwordTemporary: true, unlock: true }))!;
    const sessions = await deleteUserSessions(db, actor.orgId, id);
    await audit(db, actor, {
      action: 'update',
      entity: 'user',
      entityId: id,
      before: userToApi(existing),
      after: { ...userToApi(row), credentialsChanged: true, sessionsEnded: sessions },
    });
    return { sessions, ...(generated ? { generatedPassword: generated } : {}) };
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

/**
 * Issues an API token for the acting user, with a role that grants nothing beyond the user's own (the
 * user's role when none is asked); the secret is returned once and only its hash is kept.
 */
export async function createApiToken(db: Database, actor: Actor, input: ApiTokenCreateT): Promise<ApiTokenCreatedT> {
  assertSignedInPerson(actor);
  if (actor.userId === null) throw new DomainError('forbidden', 'token.needsUser');
  // A signed-in person's role is one of the roles; the pseudo-actors (the public link) never get here.
  const role = input.role ?? roles.find((r) => r === actor.role);
  if (!role) throw new DomainError('forbidden', 'token.needsUser');
  if (!roleWithin(role, actor.role))
    throw new DomainError('forbidden', 'token.beyondOwner', { role: actor.role, requested: role }, [
      fieldProblem('role', 'beyondOwner', 'token.beyondOwner', { role: actor.role, requested: role }),
    ]);
  const name = input.name.trim();
  if (name === '') throw invalidInput([fieldProblem('name', 'notEmpty', 'field.notEmpty')]);
  const secret = newSecret();
  const userId = actor.userId;
  return db.engine.transaction(async () => {
    const row = await insertToken(db, actor.orgId, { userId, name, role, tokenHash: secretHash(secret) });
    const user = await userRow(db, actor.orgId, userId);
    await audit(db, actor, {
      action: 'create',
      entity: 'api_token',
      entityId: row.id,
      after: { name: row.name, role: row.role, userId },
    });
    return { ...tokenToApi({ ...row, userName: user?.name ?? '' }), token: `rpt_${actor.orgId}_${secret}` };
  });
}

const tokenToApi = (t: typeof apiTokens.$inferSelect & { userName: string }): ApiTokenT => ({
  id: t.id,
  name: t.name,
  role: t.role,
  userId: t.userId,
  userName: t.userName,
  createdAt: isoTimestamp(t.createdAt),
  lastUsedAt: isoTimestamp(t.lastUsedAt),
  revokedAt: isoTimestamp(t.revokedAt),
});

/** One's own API tokens; with `all`, every user's (the owner of the company only). */
export async function findApiTokens(db: Database, actor: Actor, scope: 'mine' | 'all' = 'mine'): Promise<ApiTokenT[]> {
  if (scope === 'all' && !can(actor.role, 'administer')) throw new DomainError('forbidden', 'token.othersByOwner');
  const rows = await tokensOf(db, actor.orgId, scope === 'all' ? null : (actor.userId ?? -1));
  return rows.map(tokenToApi);
}

/** Revokes one's own API token; the owner of the company revokes anyone's. Another's token is missing to the others. */
export async function revokeApiToken(db: Database, actor: Actor, id: number): Promise<void> {
  assertSignedInPerson(actor);
  await db.engine.transaction(async () => {
    const whose = can(actor.role, 'administer') ? null : (actor.userId ?? -1);
    const token = await revokeToken(db, actor.orgId, whose, id);
    if (!token) throw notFound('apiToken', id);
    await audit(db, actor, {
      action: 'revoke',
      entity: 'api_token',
      entityId: id,
      after: { name: token.name, role: token.role, userId: token.userId, revokedAt: isoTimestamp(token.revokedAt) },
    });
  });
}

/**
 * Signs a user out everywhere: ends every session, revokes every API token and revokes the calendar
 * feed (its address stops answering; a new one is made on the calendar page). What to do after a
 * password may have leaked: changing the password alone ends sessions but not tokens or the feed.
 * Oneself, or another user for the owner and the head of sales (an owner by the owner only).
 */
export async function signOutEverywhere(
  db: Database,
  actor: Actor,
  id: number,
): Promise<{ sessions: number; tokens: number; feed: boolean }> {
  assertSignedInPerson(actor);
  assertManagesOthers(actor, id);
  return db.engine.transaction(async () => {
    const { existing, target } = await lockedTarget(db, actor, id, false);
    const refusal = changeRefusal(actor, target, { signOut: true }, Infinity);
    if (refusal) throw refused(refusal, existing);
    const result = await endAccess(db, actor.orgId, existing);
    await audit(db, actor, {
      action: 'update',
      entity: 'user',
      entityId: id,
      after: { signedOutEverywhere: true, ...auditedEnd(result) },
    });
    return result;
  });
}
