import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../../test/support/app.js';
import { engineName, useDatabase } from '../../../test/support/database.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../../test/support/factories.js';

const db = await useDatabase();
const app = await useApp(db);

type Call = (o: InjectOptions) => Promise<LightMyRequestResponse>;
type Problem = {
  status: number;
  code: string;
  detail: string;
  detailCode?: string;
  errors?: { field: string; reason: string; code: string; message: string }[];
};
const russian = { 'accept-language': 'ru-RU,ru;q=0.9' };
const email = (what: string, orgId: number) =>
  `${what}-${orgId}-${Math.random().toString(36).slice(2, 8)}@test.rapport`;

/** The problem of a refused call, after checking its status. */
async function refused(res: Promise<LightMyRequestResponse>, status: number): Promise<Problem> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  expect(r.headers['content-type']).toContain('application/problem+json');
  return r.json<Problem>();
}

const addUser = (call: Call, payload: Record<string, unknown>) =>
  call({ method: 'POST', url: '/api/v1/users', payload });
const change = (call: Call, id: number, payload: Record<string, unknown>, headers = {}) =>
  call({ method: 'PATCH', url: `/api/v1/users/${id}`, payload, headers });
const reset = (call: Call, id: number, payload: Record<string, unknown> = {}, headers = {}) =>
  call({ method: 'POST', url: `/api/v1/users/${id}/password`, payload, headers });
const bearer = (token: string) => app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });

describe(`users (${engineName})`, () => {
  it('adds a user with a password given or generated once; the password is temporary until they choose their own', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const given = await addUser(call, {
      name: '  Петрова Анна  ',
      email: email('Anna', owner.orgId).toUpperCase(),
      role: 'manager',
      password: 'given-password-1',
    });
    expect(given.statusCode, given.body).toBe(201);
    const anna = given.json();
    expect(anna).toMatchObject({ name: 'Петрова Анна', role: 'manager', passwordTemporary: true, lastSignInAt: null });
    expect(anna.email).toBe(anna.email.toLowerCase());
    expect(anna).not.toHaveProperty('generatedPassword');

    const generated = (
      await addUser(call, { name: 'Сидоров Пётр', email: email('petr', owner.orgId), role: 'analyst' })
    ).json();
    expect(generated.generatedPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const petr = await signedIn(app, generated.email, generated.generatedPassword);
    expect((await petr({ url: '/api/v1/auth/me' })).json()).toMatchObject({ role: 'analyst', passwordTemporary: true });
    // The list tells the administrator when each signed in; a role that does not manage users does not see it.
    const list = (await call({ url: '/api/v1/users' })).json() as Record<string, unknown>[];
    expect(list.find((u) => u.id === generated.id)).toMatchObject({
      lastSignInAt: expect.any(String),
      passwordTemporary: true,
    });
    expect(list.find((u) => u.id === anna.id)).toMatchObject({ lastSignInAt: null });
    const seenByAnalyst = (await petr({ url: '/api/v1/users' })).json() as Record<string, unknown>[];
    expect(seenByAnalyst.find((u) => u.id === generated.id)).not.toHaveProperty('lastSignInAt');
    expect(seenByAnalyst[0]).not.toHaveProperty('passwordTemporary');
    // Choosing one's own password ends the temporary one.
    const own = await change(petr, generated.id, {
      currentPassword: generated.generatedPassword,
      password: 'my-own-password-9',
    });
    expect(own.statusCode, own.body).toBe(200);
    const fresh = own.cookies.find((c) => c.name === 'rapport_session')!.value;
    const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie: `rapport_session=${fresh}` } });
    expect(me.json()).toMatchObject({ passwordTemporary: false });
  });

  it('refuses a bad e-mail, an e-mail taken in the organisation (any case), a blank name and a short password, by field', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const bad = await refused(addUser(call, { name: 'Иван', email: 'not-an-address', role: 'manager' }), 400);
    expect(bad.errors).toEqual([expect.objectContaining({ field: 'email', code: 'field.email' })]);
    const taken = await refused(
      call({
        method: 'POST',
        url: '/api/v1/users',
        payload: { name: 'Двойник', email: owner.email.toUpperCase(), role: 'manager' },
        headers: russian,
      }),
      409,
    );
    expect(taken).toMatchObject({ code: 'conflict', detailCode: 'user.emailTaken' });
    expect(taken.detail).toBe(`В вашей организации уже есть пользователь с адресом ${owner.email}.`);
    expect(taken.errors).toEqual([expect.objectContaining({ field: 'email', reason: 'taken' })]);
    const blank = await refused(
      addUser(call, { name: '   ', email: email('blank', owner.orgId), role: 'manager' }),
      400,
    );
    expect(blank.errors).toEqual([expect.objectContaining({ field: 'name', reason: 'notEmpty' })]);
    const short = await refused(
      addUser(call, { name: 'Краткий', email: email('short', owner.orgId), role: 'manager', password: 'short' }),
      400,
    );
    expect(short.errors).toEqual([expect.objectContaining({ field: 'password', code: 'field.minLength' })]);
    // Changing an e-mail to a taken one is refused the same way; to a free one it is changed.
    const other = await buildUser(db, owner.orgId, 'manager');
    const clash = await refused(change(call, other.userId, { email: owner.email }), 409);
    expect(clash.errors).toEqual([expect.objectContaining({ field: 'email', reason: 'taken' })]);
    const moved = email('moved', owner.orgId);
    expect((await change(call, other.userId, { email: moved.toUpperCase() })).json()).toMatchObject({ email: moved });
    await expect(signedIn(app, moved)).resolves.toBeTypeOf('function');
  });

  it('lets the head of sales manage everyone but owners, and never make an owner', async () => {
    const owner = await buildOrg(db);
    const head = await buildUser(db, owner.orgId, 'head_of_sales');
    const asHead = await signedIn(app, head.email);
    const manager = (
      await addUser(asHead, {
        name: 'Менеджер',
        email: email('m', owner.orgId),
        role: 'manager',
        password: TEST_PASSWORD,
      })
    ).json();
    expect(manager.id).toBeTypeOf('number');
    const newOwner = await refused(
      send(asHead, 'POST', '/api/v1/users', { name: 'Хозяин', email: email('o', owner.orgId), role: 'owner' }),
      403,
    );
    expect(newOwner).toMatchObject({ detailCode: 'user.ownerRoleByOwner' });
    expect(newOwner.errors).toEqual([expect.objectContaining({ field: 'role' })]);
    const raise = await refused(change(asHead, manager.id, { role: 'owner' }, russian), 403);
    expect(raise.detail).toBe('Сделать пользователя владельцем может только владелец компании.');
    expect((await change(asHead, manager.id, { role: 'head_of_sales' })).json()).toMatchObject({
      role: 'head_of_sales',
    });
    for (const attempt of [
      change(asHead, owner.userId, { role: 'manager' }),
      change(asHead, owner.userId, { disabled: true }),
      change(asHead, owner.userId, { name: 'Переименован' }),
      reset(asHead, owner.userId),
      asHead({ method: 'POST', url: `/api/v1/users/${owner.userId}/sign-out-everywhere` }),
    ]) {
      expect(await refused(attempt, 403)).toMatchObject({ detailCode: 'user.ownerAccount' });
    }
    // The owner's session is untouched by all that.
    expect((await (await signedIn(app, owner.email))({ url: '/api/v1/auth/me' })).statusCode).toBe(200);
  });

  it('keeps the roles without manageUsers out of other accounts', async () => {
    const owner = await buildOrg(db);
    const manager = await buildUser(db, owner.orgId, 'manager');
    const other = await buildUser(db, owner.orgId, 'analyst');
    const asManager = await signedIn(app, manager.email);
    for (const attempt of [
      addUser(asManager, { name: 'Новый', email: email('n', owner.orgId), role: 'read_only' }),
      change(asManager, other.userId, { disabled: true }),
      change(asManager, manager.userId, { role: 'head_of_sales' }),
      reset(asManager, other.userId),
      reset(asManager, 987654321),
      asManager({ method: 'POST', url: `/api/v1/users/${other.userId}/sign-out-everywhere` }),
    ]) {
      expect(await refused(attempt, 403)).toMatchObject({ detailCode: 'access.usersOnly' });
    }
    // Their own name is theirs to change.
    expect((await change(asManager, manager.userId, { name: 'Своё Имя' })).json()).toMatchObject({ name: 'Своё Имя' });
  });

  it('never leaves the organisation without an active owner, and nobody disables themselves', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const last = await refused(change(call, owner.userId, { role: 'head_of_sales' }, russian), 409);
    expect(last).toMatchObject({ detailCode: 'user.lastOwner' });
    expect(last.detail).toContain('единственный действующий владелец');
    expect(last.errors).toEqual([expect.objectContaining({ field: 'role', reason: 'lastOwner' })]);
    const self = await refused(change(call, owner.userId, { disabled: true }), 403);
    expect(self).toMatchObject({ detailCode: 'user.disableSelf' });
    expect(self.errors).toEqual([expect.objectContaining({ field: 'disabled' })]);

    const second = (
      await addUser(call, {
        name: 'Второй владелец',
        email: email('o2', owner.orgId),
        role: 'owner',
        password: TEST_PASSWORD,
      })
    ).json();
    const asSecond = await signedIn(app, second.email);
    // With two owners, one may step down; then the other is the last one again.
    expect((await change(call, owner.userId, { role: 'head_of_sales' })).statusCode).toBe(200);
    expect(await refused(change(asSecond, second.id, { role: 'manager' }), 409)).toMatchObject({
      detailCode: 'user.lastOwner',
    });
    // A disabled owner does not count: making the first an owner again, disabling them, leaves one active.
    expect((await change(asSecond, owner.userId, { role: 'owner' })).statusCode).toBe(200);
    expect((await change(asSecond, owner.userId, { disabled: true })).json()).toMatchObject({
      disabledAt: expect.any(String),
    });
    const alone = await refused(
      (await signedIn(app, second.email))({
        method: 'PATCH',
        url: `/api/v1/users/${second.id}`,
        payload: { role: 'analyst' },
      }),
      409,
    );
    expect(alone.detail).toContain('Второй владелец');
  });

  it('lets only one of two owners demoting each other at the same moment succeed', async () => {
    const owner = await buildOrg(db);
    const second = await buildUser(db, owner.orgId, 'owner');
    const [a, b] = [await signedIn(app, owner.email), await signedIn(app, second.email)];
    const answers = await Promise.all([
      change(a, second.userId, { role: 'manager' }),
      change(b, owner.userId, { disabled: true }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const { rows } = await db.engine.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM users WHERE org_id = $1 AND role = 'owner' AND disabled_at IS NULL`,
      [owner.orgId],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('disabling ends the sessions, API tokens and feed for good; enabling again brings none of them back', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const user = await buildUser(db, owner.orgId, 'head_of_sales');
    const session = await signedIn(app, user.email);
    const token = (await session({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'выгрузка' } })).json()
      .token as string;
    const feed = new URL((await session({ method: 'POST', url: '/api/v1/calendar/feed' })).json().url).pathname;
    expect((await bearer(token)).statusCode).toBe(200);

    const disabled = await change(call, user.userId, { disabled: true });
    expect(disabled.json()).toMatchObject({ disabledAt: expect.any(String) });
    expect((await session({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await bearer(token)).statusCode).toBe(401);
    expect((await app.inject({ url: feed })).statusCode).toBe(404);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);

    expect((await change(call, user.userId, { disabled: false })).json()).toMatchObject({ disabledAt: null });
    expect((await bearer(token)).statusCode).toBe(401);
    expect((await app.inject({ url: feed })).statusCode).toBe(404);
    await expect(signedIn(app, user.email)).resolves.toBeTypeOf('function');

    const log = await db.engine.query<{ action: string; after: Record<string, unknown> }>(
      `SELECT action, after FROM audit_log WHERE org_id = $1 AND entity = 'user' AND entity_id = $2 ORDER BY id`,
      [owner.orgId, user.userId],
    );
    expect(log.rows.map((r) => r.action)).toEqual(['disable', 'enable']);
    expect(log.rows[0]!.after).toMatchObject({ sessionsEnded: 1, apiKeysRevoked: 1, feedRevoked: true });
  });

  it("resets another user's password: given or generated, temporary, their sessions end, a sign-in lock is lifted", async () => {
    const owner = await buildOrg(db);
    const head = await buildUser(db, owner.orgId, 'head_of_sales');
    const asHead = await signedIn(app, head.email);
    const user = await buildUser(db, owner.orgId, 'manager');
    const session = await signedIn(app, user.email);
    const token = (await session({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'скрипт' } })).json()
      .token as string;
    await db.engine.query(
      `UPDATE users SET locked_until = now() + interval '10 minutes', failed_sign_ins = 20 WHERE org_id = $1 AND id = $2`,
      [owner.orgId, user.userId],
    );

    const done = await reset(asHead, user.userId);
    expect(done.statusCode, done.body).toBe(200);
    const { generatedPassword, sessions } = done.json();
    expect(sessions).toBe(1);
    expect((await session({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    // Tokens are not a password: they stay (signing out everywhere revokes them).
    expect((await bearer(token)).statusCode).toBe(200);
    const old = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    const fresh = await signedIn(app, user.email, generatedPassword);
    expect((await fresh({ url: '/api/v1/auth/me' })).json()).toMatchObject({ passwordTemporary: true });

    const given = await reset(asHead, user.userId, { password: 'temporary-pass-7' });
    expect(given.json()).toEqual({ sessions: 1 });
    await expect(signedIn(app, user.email, 'temporary-pass-7')).resolves.toBeTypeOf('function');
    const short = await refused(reset(asHead, user.userId, { password: '123' }), 400);
    expect(short.errors).toEqual([expect.objectContaining({ field: 'password', reason: 'minLength' })]);
    const ownReset = await refused(reset(asHead, head.userId, {}, russian), 403);
    expect(ownReset).toMatchObject({ detailCode: 'user.resetOwnPassword' });
    expect(ownReset.detail).toContain('в меню учётной записи');
    expect((await refused(reset(asHead, 987654321), 404)).code).toBe('not_found');

    const log = await db.engine.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_log WHERE org_id = $1 AND entity = 'user' AND entity_id = $2 ORDER BY id`,
      [owner.orgId, user.userId],
    );
    expect(log.rows.map((r) => r.after)).toEqual([
      expect.objectContaining({ credentialsChanged: true, sessionsEnded: 1 }),
      expect.objectContaining({ credentialsChanged: true, sessionsEnded: 1 }),
    ]);
    expect(JSON.stringify(log.rows)).not.toContain(generatedPassword);
  });
});

describe(`API tokens (${engineName})`, () => {
  it('issues a token with a role no higher than its user’s, refusing a wider one by field', async () => {
    const owner = await buildOrg(db);
    const manager = await buildUser(db, owner.orgId, 'manager');
    const asManager = await signedIn(app, manager.email);
    const wider = await refused(
      asManager({
        method: 'POST',
        url: '/api/v1/api-tokens',
        payload: { name: 'отчёты', role: 'analyst' },
        headers: russian,
      }),
      403,
    );
    expect(wider).toMatchObject({ detailCode: 'token.beyondOwner' });
    expect(wider.detail).toContain('«менеджер»');
    expect(wider.errors).toEqual([expect.objectContaining({ field: 'role', reason: 'beyondOwner' })]);
    const head = await buildUser(db, owner.orgId, 'head_of_sales');
    const asHead = await signedIn(app, head.email);
    expect(
      await refused(asHead({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'x', role: 'owner' } }), 403),
    ).toMatchObject({ detailCode: 'token.beyondOwner' });
    const lower = await asHead({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: ' Выгрузка в 1С ', role: 'read_only' },
    });
    expect(lower.statusCode, lower.body).toBe(201);
    expect(lower.json()).toMatchObject({
      name: 'Выгрузка в 1С',
      role: 'read_only',
      userId: head.userId,
      userName: 'Второй',
    });
    const me = await bearer(lower.json().token);
    expect(me.json()).toMatchObject({ role: 'read_only' });
    // A read-only token reads but does not write.
    const write = await app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      payload: { name: 'ООО «Нельзя»' },
      headers: { authorization: `Bearer ${lower.json().token}` },
    });
    expect(write.statusCode).toBe(403);
    const listed = (await asHead({ url: '/api/v1/api-tokens' })).json();
    expect(listed).toEqual([expect.objectContaining({ name: 'Выгрузка в 1С', lastUsedAt: expect.any(String) })]);
  });

  it("shows and revokes everyone's tokens to the owner only; to the others another's token is missing", async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const head = await buildUser(db, owner.orgId, 'head_of_sales');
    const asHead = await signedIn(app, head.email);
    const headsToken = (
      await asHead({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'головной' } })
    ).json();
    const ownersToken = (
      await call({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'хозяйский' } })
    ).json();

    expect((await call({ url: '/api/v1/api-tokens' })).json().map((t: { id: number }) => t.id)).toEqual([
      ownersToken.id,
    ]);
    const all = (await call({ url: '/api/v1/api-tokens?scope=all' })).json();
    expect(all).toEqual([
      expect.objectContaining({ id: headsToken.id, userId: head.userId, userName: 'Второй' }),
      expect.objectContaining({ id: ownersToken.id, userId: owner.userId }),
    ]);
    expect(await refused(asHead({ url: '/api/v1/api-tokens?scope=all' }), 403)).toMatchObject({
      detailCode: 'token.othersByOwner',
    });
    expect((await asHead({ method: 'DELETE', url: `/api/v1/api-tokens/${ownersToken.id}` })).statusCode).toBe(404);
    expect((await bearer(ownersToken.token)).statusCode).toBe(200);

    expect((await call({ method: 'DELETE', url: `/api/v1/api-tokens/${headsToken.id}` })).statusCode).toBe(204);
    expect((await bearer(headsToken.token)).statusCode).toBe(401);
    expect((await asHead({ url: '/api/v1/api-tokens' })).json()).toEqual([
      expect.objectContaining({ id: headsToken.id, revokedAt: expect.any(String) }),
    ]);
    // Revoked twice: nothing left to revoke.
    expect((await call({ method: 'DELETE', url: `/api/v1/api-tokens/${headsToken.id}` })).statusCode).toBe(404);
    const log = await db.engine.query<{ action: string; user_id: number; after: Record<string, unknown> }>(
      `SELECT action, user_id, after FROM audit_log WHERE org_id = $1 AND entity = 'api_token' AND entity_id = $2 ORDER BY id`,
      [owner.orgId, headsToken.id],
    );
    expect(log.rows).toEqual([
      expect.objectContaining({ action: 'create', user_id: head.userId }),
      expect.objectContaining({
        action: 'revoke',
        user_id: owner.userId,
        after: expect.objectContaining({ userId: head.userId }),
      }),
    ]);
  });
});

/** A call through a session with a method, path and body. */
function send(session: Call, method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) {
  return session({ method, url, payload });
}
