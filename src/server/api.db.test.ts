import { describe, expect, it } from 'vitest';
import { useApp, signedIn } from '../../test/support/app.js';
import { useDatabase } from '../../test/support/database.js';
import { buildClient, buildLegalEntity, buildOrg, buildProduct, TEST_PASSWORD } from '../../test/support/factories.js';

const db = await useDatabase();
const app = await useApp(db);

describe('HTTP API', () => {
  it('answers health with the engine it runs on', async () => {
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.TEST_ENGINE });
  });

  it('serves the OpenAPI document and its docs UI', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/clients',
        '/api/v1/clients/{id}/card',
        '/api/v1/orders',
        '/api/v1/auth/sign-in',
      ]),
    );
    expect((await app.inject({ url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('refuses requests without a session, and a wrong password, as problem+json', async () => {
    const res = await app.inject({ url: '/api/v1/clients' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    const owner = await buildOrg(db);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: owner.email, password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('signs in with an HttpOnly SameSite cookie, a new secret each time, and signs out', async () => {
    const owner = await buildOrg(db);
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: owner.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(first.statusCode).toBe(200);
    const cookie = first.cookies.find((c) => c.name === 'rapport_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: owner.email, password: TEST_PASSWORD },
    });
    expect(second.cookies.find((c) => c.name === 'rapport_session')!.value).not.toBe(cookie.value);
    const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie: `rapport_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ orgId: owner.orgId, email: owner.email, role: 'owner' });
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { cookie: `rapport_session=${cookie.value}`, 'x-rapport-csrf': '1' },
    });
    expect(
      (await app.inject({ url: '/api/v1/auth/me', headers: { cookie: `rapport_session=${cookie.value}` } })).statusCode,
    ).toBe(401);
  });

  it('needs the CSRF header for cookie-authenticated writes', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const ok = await call({ method: 'POST', url: '/api/v1/clients', payload: { name: 'ООО «Ромашка»' } });
    expect(ok.statusCode).toBe(201);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: owner.email, password: TEST_PASSWORD },
    });
    const value = login.cookies.find((c) => c.name === 'rapport_session')!.value;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      payload: { name: 'ООО «Без заголовка»' },
      headers: { cookie: `rapport_session=${value}` },
    });
    expect(res.statusCode).toBe(403);
  });

  it('creates, reads, lists, updates and deletes a client through the API', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const created = (
      await call({
        method: 'POST',
        url: '/api/v1/clients',
        payload: { name: 'ООО «Вектор»', creditLimit: 150000.5, tags: ['опт', 'опт'] },
      })
    ).json();
    expect(created).toMatchObject({
      name: 'ООО «Вектор»',
      status: 'prospect',
      creditLimit: '150000.50',
      tags: ['опт'],
    });
    const patched = await call({
      method: 'PATCH',
      url: `/api/v1/clients/${created.id}`,
      payload: { status: 'active', region: 'Москва' },
    });
    expect(patched.json()).toMatchObject({ status: 'active', region: 'Москва', name: 'ООО «Вектор»' });
    const list = (await call({ url: '/api/v1/clients?q=вектор' })).json();
    expect(list.items.map((c: { id: number }) => c.id)).toEqual([created.id]);
    expect((await call({ method: 'DELETE', url: `/api/v1/clients/${created.id}` })).statusCode).toBe(204);
    expect((await call({ url: `/api/v1/clients/${created.id}` })).statusCode).toBe(404);
  });

  it('refuses to delete a legal entity that documents still name: 409, and it stays', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const client = await buildClient(db, owner);
    const entity = await buildLegalEntity(db, owner, client.id);
    const product = await buildProduct(db, owner);
    await call({
      method: 'POST',
      url: '/api/v1/orders',
      payload: {
        clientId: client.id,
        legalEntityId: entity.id,
        number: '1',
        orderDate: '2026-05-01',
        lines: [{ productId: product.id, quantity: 1 }],
      },
    });
    const res = await call({ method: 'DELETE', url: `/api/v1/legal-entities/${entity.id}` });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict', status: 409 });
    expect((await call({ url: `/api/v1/legal-entities/${entity.id}` })).statusCode).toBe(200);
  });

  it('refuses bad input naming the field and the reason, in English and Russian, and writes nothing', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const bad = await call({
      method: 'POST',
      url: '/api/v1/clients',
      payload: { name: '', status: 'sleeping', creditLimit: '12.345', nonsense: 1 },
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json();
    expect(body.code).toBe('invalid_input');
    const fields = Object.fromEntries(body.errors.map((e: { field: string; reason: string }) => [e.field, e.reason]));
    expect(fields).toMatchObject({ name: 'minLength', status: 'oneOf', nonsense: 'unknown' });
    expect(body.errors.every((e: { messageRu?: string }) => e.messageRu)).toBe(true);
    const client = (
      await call({ method: 'POST', url: '/api/v1/clients', payload: { name: 'ООО «Реквизиты»' } })
    ).json();
    const inn = await call({
      method: 'POST',
      url: '/api/v1/legal-entities',
      payload: { clientId: client.id, fullName: 'ООО «Реквизиты»', inn: '7707083894' },
    });
    expect(inn.statusCode).toBe(400);
    expect(inn.json().errors[0]).toMatchObject({ field: 'inn', reason: 'checksum' });
    expect((await call({ url: `/api/v1/legal-entities?clientId=${client.id}` })).json().total).toBe(0);
    const date = await call({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { clientId: client.id, fullName: 'Петров', birthday: '2024-02-31' },
    });
    expect(date.json().errors[0]).toMatchObject({ field: 'birthday', reason: 'format' });
  });

  it("never shows another organisation's records: 404, and nothing changes", async () => {
    const a = await buildOrg(db);
    const b = await buildOrg(db);
    const theirs = await buildClient(db, b, { name: 'ООО «Чужой»' });
    const call = await signedIn(app, a.email);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/clients/${theirs.id}`],
      ['GET', `/api/v1/clients/${theirs.id}/card`],
      ['PATCH', `/api/v1/clients/${theirs.id}`, { name: 'взлом' }],
      ['DELETE', `/api/v1/clients/${theirs.id}`],
      ['POST', '/api/v1/contacts', { clientId: theirs.id, fullName: 'Шпион' }],
      ['POST', '/api/v1/clients', { name: 'ООО «Свой»', ownerUserId: b.userId }],
      ['POST', '/api/v1/interactions', { clientId: theirs.id, kind: 'call', occurredAt: '2026-01-10T10:00:00Z' }],
    ] as const) {
      const res = await call({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = (await call({ url: '/api/v1/clients?q=Чужой' })).json();
    expect(list.total).toBe(0);
    const call2 = await signedIn(app, b.email);
    expect((await call2({ url: `/api/v1/clients/${theirs.id}` })).json().name).toBe('ООО «Чужой»');
  });

  it('authenticates integrations with a hashed, revocable API token', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const issued = (
      await call({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: '1C exchange', role: 'manager' } })
    ).json();
    expect(issued.token).toMatch(/^rpt_\d+_/);
    const auth = { authorization: `Bearer ${issued.token}` };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      payload: { name: 'ООО «Из 1С»' },
      headers: auth,
    });
    expect(created.statusCode).toBe(201);
    const tokens = (await call({ url: '/api/v1/api-tokens' })).json();
    expect(tokens[0].lastUsedAt).not.toBeNull();
    // The secret is what follows `rpt_<org>_`; base64url may itself hold "_" (even first), so no split.
    const secret = issued.token.replace(/^rpt_\d+_/, '');
    expect(secret.length).toBeGreaterThan(20);
    expect(JSON.stringify(tokens)).not.toContain(secret);
    await call({ method: 'DELETE', url: `/api/v1/api-tokens/${issued.id}` });
    expect((await app.inject({ url: '/api/v1/clients', headers: auth })).statusCode).toBe(401);
  });

  it('keeps read-only users from changing records', async () => {
    const owner = await buildOrg(db, 'read_only');
    const call = await signedIn(app, owner.email);
    expect((await call({ url: '/api/v1/clients' })).statusCode).toBe(200);
    const res = await call({ method: 'POST', url: '/api/v1/clients', payload: { name: 'ООО «Нельзя»' } });
    expect(res.statusCode).toBe(403);
  });

  it('caps page sizes so no request scans without bound', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    expect((await call({ url: '/api/v1/clients?pageSize=100000' })).statusCode).toBe(400);
  });
});
