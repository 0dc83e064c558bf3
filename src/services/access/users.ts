import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { ApiTokenT, UserCreateT, UserT, UserUpdateT } from '../../contract/auth.js';
import { DomainError, notFound } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { apiTokens, sessions, users } from '../../db/schema/index.js';
import { assertAdministrator, type Actor } from '../actor.js';
import { isoTimestamp } from '../convert.js';
import { hashPassword, newSecret, secretHash } from './secrets.js';
import { audit } from '../audit/record.js';
import { roleWithin } from '../../core/access/permissions.js';

type UserRow = typeof users.$inferSelect;
const userToApi = (u: UserRow): UserT => ({
  id: u.id, name: u.name, email: u.email, role: u.role as UserT['role'], locale: u.locale as UserT['locale'],
  disabledAt: isoTimestamp(u.disabledAt), createdAt: isoTimestamp(u.createdAt),
});

async function emailTaken(db: Database, email: string): Promise<boolean> {
  const rows = await db.orm.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  return rows.length > 0;
}

/** Adds a user with an argon2id password hash. E-mails are unique in the whole deployment. */
export async function createUser(db: Database, actor: Actor, input: UserCreateT): Promise<UserT> {
  assertAdministrator(actor);
  if (await emailTaken(db, input.email)) throw new DomainError('conflict', `A user with the e-mail ${input.email} already exists.`);
  const passwordHash = await hashPassword(input.password);
  return db.engine.transaction(async () => {
    const [row] = await db.orm.insert(users).values({
      orgId: actor.orgId, name: input.name, email: input.email.trim().toLowerCase(), role: input.role,
      locale: input.locale ?? 'ru', passwordHash,
    }).returning();
    const user = userToApi(row!);
    await audit(db, actor, { action: 'create', entity: 'user', entityId: user.id, after: user });
    return user;
  });
}

export async function findUsers(db: Database, actor: Actor): Promise<UserT[]> {
  const rows = await db.orm.select().from(users).where(eq(users.orgId, actor.orgId)).orderBy(asc(users.name));
  return rows.map(userToApi);
}

/** Changes a user; disabling one (or changing the password) ends their sessions. */
export async function updateUser(db: Database, actor: Actor, id: number, input: UserUpdateT): Promise<UserT> {
  const self = actor.userId === id;
  if (!self || input.role !== undefined || input.disabled !== undefined) assertAdministrator(actor);
  return db.engine.transaction(async () => {
    const values: Record<string, unknown> = {};
    if (input.name !== undefined) values.name = input.name;
    if (input.role !== undefined) values.role = input.role;
    if (input.locale !== undefined) values.locale = input.locale;
    if (input.password !== undefined) values.passwordHash = await hashPassword(input.password);
    if (input.disabled !== undefined) values.disabledAt = input.disabled ? sql`now()` : null;
    const [existing] = await db.orm.select().from(users).where(and(eq(users.orgId, actor.orgId), eq(users.id, id)));
    const [row] = await db.orm.update(users).set(values).where(and(eq(users.orgId, actor.orgId), eq(users.id, id))).returning();
    if (!row || !existing) throw notFound('User', id);
    // Disabling and enabling are actions of their own in the log; a new password shows as changed, never as a value.
    const action = input.disabled === true && !existing.disabledAt ? 'disable' : input.disabled === false && existing.disabledAt ? 'enable' : 'update';
    await audit(db, actor, { action, entity: 'user', entityId: id, before: userToApi(existing), after: { ...userToApi(row), ...(input.password !== undefined ? { credentialsChanged: true } : {}) } });
    if (input.disabled || input.password !== undefined) {
      await db.orm.delete(sessions).where(and(eq(sessions.orgId, actor.orgId), eq(sessions.userId, id)));
    }
    return userToApi(row);
  });
}

/** Issues an API token for the acting user; the secret is returned once and only its hash is kept. */
export async function createApiToken(db: Database, actor: Actor, input: { name: string; role?: string | undefined }): Promise<ApiTokenT & { token: string }> {
  if (actor.userId === null) throw new DomainError('forbidden', 'Tokens belong to a user; sign in as one.');
  const rank = ['read_only', 'analyst', 'manager', 'head_of_sales', 'owner'];
  const role = input.role ?? actor.role;
  if (rank.indexOf(role) > rank.indexOf(actor.role)) throw new DomainError('forbidden', 'A token cannot have more rights than its owner.');
  if (!roleWithin(role, actor.role)) throw new DomainError('forbidden', `A token cannot see or do more than its owner: a ${actor.role.replace(/_/g, ' ')} cannot issue a ${role.replace(/_/g, ' ')} token.`);
  const secret = newSecret();
  const userId = actor.userId;
  return db.engine.transaction(async () => {
    const [row] = await db.orm.insert(apiTokens).values({ orgId: actor.orgId, userId, name: input.name, role, tokenHash: secretHash(secret) }).returning();
    await audit(db, actor, { action: 'create', entity: 'api_token', entityId: row!.id, after: { name: row!.name, role: row!.role, userId } });
    return { ...tokenToApi(row!), token: `rpt_${actor.orgId}_${secret}` };
  });
}

const tokenToApi = (t: typeof apiTokens.$inferSelect): ApiTokenT => ({
  id: t.id, name: t.name, role: t.role, createdAt: isoTimestamp(t.createdAt), lastUsedAt: isoTimestamp(t.lastUsedAt), revokedAt: isoTimestamp(t.revokedAt),
});

export async function findApiTokens(db: Database, actor: Actor): Promise<ApiTokenT[]> {
  const rows = await db.orm.select().from(apiTokens).where(and(eq(apiTokens.orgId, actor.orgId), eq(apiTokens.userId, actor.userId ?? -1))).orderBy(asc(apiTokens.id));
  return rows.map(tokenToApi);
}

export async function revokeApiToken(db: Database, actor: Actor, id: number): Promise<void> {
  await db.engine.transaction(async () => {
    const rows = await db.orm.update(apiTokens).set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.orgId, actor.orgId), eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId ?? -1), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, revokedAt: apiTokens.revokedAt });
    const token = rows[0];
    if (!token) throw notFound('API token', id);
    await audit(db, actor, { action: 'revoke', entity: 'api_token', entityId: id, after: { name: token.name, role: token.role, revokedAt: isoTimestamp(token.revokedAt) } });
  });
}
