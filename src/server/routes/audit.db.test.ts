import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../../test/support/app.js';
import { excelDate, readWorkbook } from '../../../test/support/workbook.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildUser } from '../../../test/support/factories.js';
import type { AuditEntryT, AuditPageT } from '../../contract/audit.js';

const db = await useDatabase();
const app = await useApp(db);

const auditCount = async (orgId: number) =>
  Number(
    (await db.engine.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1', [orgId]))
      .rows[0]!.n,
  );

describe('audit API', () => {
  it("logs a change made through a session as the user's and one through an API token as the token's; a refused one not at all", async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const client = (
      await call({ method: 'POST', url: '/api/v1/clients', payload: { name: 'ООО «Вектор»', status: 'prospect' } })
    ).json() as { id: number };
    const token = (
      await call({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'Интеграция' } })
    ).json() as { token: string };
    const byToken = await app.inject({
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}`,
      headers: { authorization: `Bearer ${token.token}` },
      payload: { region: 'Пермь' },
    });
    expect(byToken.statusCode).toBe(200);
    const n = await auditCount(owner.orgId);
    const refused = await call({ method: 'PATCH', url: `/api/v1/clients/${client.id}`, payload: { status: 'lost' } });
    expect(refused.statusCode).toBe(400);
    const badSchema = await call({
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}`,
      payload: { creditLimit: 'много' },
    });
    expect(badSchema.statusCode).toBe(400);
    expect(await auditCount(owner.orgId)).toBe(n);

    const history = (await call({ url: `/api/v1/clients/${client.id}/history` })).json() as AuditPageT;
    expect(history.items.map((e) => [e.action, e.actorKind, e.userName])).toEqual([
      ['update', 'token', 'Тест Тестов'],
      ['create', 'user', 'Тест Тестов'],
    ]);
    expect(history.items[0]).toMatchObject({
      entity: 'client',
      before: { region: null },
      after: { region: 'Пермь' },
      clientName: 'ООО «Вектор»',
      subject: 'ООО «Вектор»',
    });
  });

  it("a client's history: for anyone who may see the client, 404 for another organisation's or one out of a manager's reach, bounded pages", async () => {
    const owner = await buildOrg(db);
    const manager = await buildUser(db, owner.orgId, 'manager');
    const analyst = await buildUser(db, owner.orgId, 'analyst');
    const mine = await buildClient(db, owner, { ownerUserId: manager.userId });
    const notMine = await buildClient(db, owner);
    const stranger = await buildOrg(db);
    const theirs = await buildClient(db, stranger);
    const asManager = await signedIn(app, manager.email);
    expect((await asManager({ url: `/api/v1/clients/${mine.id}/history` })).statusCode).toBe(200);
    expect((await asManager({ url: `/api/v1/clients/${notMine.id}/history` })).statusCode).toBe(404);
    expect((await asManager({ url: `/api/v1/clients/${theirs.id}/history` })).statusCode).toBe(404);
    expect(
      (await (await signedIn(app, analyst.email))({ url: `/api/v1/clients/${notMine.id}/history` })).statusCode,
    ).toBe(200);
    const tooBig = await asManager({ url: `/api/v1/clients/${mine.id}/history?pageSize=201` });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().errors[0]).toMatchObject({ field: expect.stringContaining('pageSize') });
  });

  it("the whole log is the owner's: 403 for every other role", async () => {
    const owner = await buildOrg(db);
    for (const role of ['head_of_sales', 'manager', 'analyst', 'read_only']) {
      const user = await buildUser(db, owner.orgId, role);
      const res = await (await signedIn(app, user.email))({ url: '/api/v1/audit' });
      expect(res.statusCode, role).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect((await (await signedIn(app, user.email))({ url: '/api/v1/audit?format=csv' })).statusCode, role).toBe(403);
    }
  });

  it('filters by record kind, action, user, client and period, and exports the filtered log', async () => {
    const owner = await buildOrg(db);
    const head = await buildUser(db, owner.orgId, 'head_of_sales');
    const asOwner = await signedIn(app, owner.email);
    const asHead = await signedIn(app, head.email);
    const a = (
      await asOwner({ method: 'POST', url: '/api/v1/clients', payload: { name: 'Альфа', status: 'prospect' } })
    ).json() as { id: number };
    const b = (
      await asHead({ method: 'POST', url: '/api/v1/clients', payload: { name: 'Бета', status: 'prospect' } })
    ).json() as { id: number };
    await asHead({ method: 'POST', url: '/api/v1/contacts', payload: { clientId: a.id, fullName: 'Сидоров Пётр' } });
    await asHead({ method: 'PATCH', url: `/api/v1/clients/${b.id}`, payload: { region: 'Тула' } });
    await asOwner({ method: 'PATCH', url: '/api/v1/analytics/settings', payload: { periodMonths: 6 } });
    const page = async (query: string) => {
      const res = await asOwner({ url: `/api/v1/audit${query}` });
      expect(res.statusCode, query).toBe(200);
      return res.json() as AuditPageT;
    };
    const pairs = (items: AuditEntryT[]) => items.map((e) => `${e.entity}:${e.action}`);
    expect(pairs((await page('')).items)).toEqual([
      'setting:update',
      'client:update',
      'contact:create',
      'client:create',
      'client:create',
    ]);
    expect((await page('?entity=client')).total).toBe(3);
    expect(pairs((await page('?action=update')).items)).toEqual(['setting:update', 'client:update']);
    expect(pairs((await page(`?userId=${head.userId}`)).items)).toEqual([
      'client:update',
      'contact:create',
      'client:create',
    ]);
    expect(pairs((await page(`?clientId=${a.id}`)).items)).toEqual(['contact:create', 'client:create']);
    expect((await page(`?entity=client&action=create&userId=${owner.userId}`)).items.map((e) => e.subject)).toEqual([
      'Альфа',
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await page(`?from=${today}&to=${today}`)).total).toBe(5);
    expect((await page('?to=2000-01-01')).total).toBe(0);
    expect((await page('?pageSize=2&page=3')).items).toHaveLength(1);
    expect((await asOwner({ url: '/api/v1/audit?from=2026-02-01&to=2026-01-01' })).json().errors[0]).toMatchObject({
      field: 'from',
      reason: 'afterTo',
    });
    expect((await asOwner({ url: '/api/v1/audit?entity=spaceship' })).statusCode).toBe(400);
    expect((await asOwner({ url: '/api/v1/audit?pageSize=500' })).statusCode).toBe(400);
    // Another organisation's log is not there, whatever the filter.
    const stranger = await buildOrg(db);
    expect((await (await signedIn(app, stranger.email))({ url: `/api/v1/audit?clientId=${a.id}` })).json().total).toBe(
      0,
    );

    const csv = await asOwner({ url: `/api/v1/audit?format=csv&lang=ru&userId=${head.userId}` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Когда (UTC);Кто;Как;Действие;Что;Запись;Код записи;Клиент;Код клиента;Изменения');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('Изменение;Клиент;Бета');
    expect(lines[1]).toContain('Регион: — → Тула');
    expect(lines[1]).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d;/); // the time as Russian Excel reads it, in UTC as the header says
    const xlsx = await asOwner({ url: '/api/v1/audit?format=xlsx&lang=en' });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const [sheet] = readWorkbook(xlsx.rawPayload);
    const when = sheet!.column('When (UTC)');
    expect(when.every((c) => c?.type === 'number' && c.format === 'yyyy-mm-dd hh:mm:ss')).toBe(true);
    // The newest entry was written a moment ago; the cell holds that instant.
    expect(Math.abs(Date.parse(excelDate((when[0] as { value: number }).value)) - Date.now())).toBeLessThan(
      10 * 60_000,
    );
  });

  it("an answer through a public survey link is logged as the public's, with no user", async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const contact = await buildContact(db, owner, client.id);
    const call = await signedIn(app, owner.email);
    const link = (
      await call({
        method: 'POST',
        url: '/api/v1/surveys/links',
        payload: { clientId: client.id, contactId: contact.id },
      })
    ).json() as { url: string };
    const token = link.url.split('/').at(-1)!;
    const answered = await app.inject({
      method: 'POST',
      url: `/api/v1/public/surveys/${token}`,
      payload: { scores: { goods: 4 }, nps: 8 },
    });
    expect(answered.statusCode).toBe(201);
    const history = (await call({ url: `/api/v1/clients/${client.id}/history?entity=survey` })).json() as AuditPageT;
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({
      actorKind: 'public',
      userId: null,
      action: 'create',
      after: { channel: 'link', goods: 4, nps: 8, contactId: contact.id },
    });
    expect(JSON.stringify(history)).not.toContain(token.split('.').at(-1));
  });
});
