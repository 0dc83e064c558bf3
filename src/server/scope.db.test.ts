import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { useApp, signedIn } from '../../test/support/app.js';
import { useDatabase } from '../../test/support/database.js';
import { buildOrg, buildProduct, buildUser } from '../../test/support/factories.js';

// A manager works with the clients they own and those shared with them: every list, count, search,
// export and read is limited in SQL, and a colleague's client and its records answer 404 to reads and
// writes alike (nothing changes) — until it is shared, and again once the share is removed.

const db = await useDatabase();
const app = await useApp(db);

type Call = (options: InjectOptions) => Promise<LightMyRequestResponse>;

async function made<T = { id: number }>(call: Call, url: string, payload: unknown): Promise<T> {
  const res = await call({ method: 'POST', url, payload: payload as never });
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

const birthday = '1980-12-05';

/** One client with a record of every kind, made by the owner. */
async function fullClient(call: Call, name: string, ownerUserId: number, productId: number) {
  const client = await made(call, '/api/v1/clients', { name, ownerUserId, industry: 'Строительство' });
  // The clients share an ИНН on purpose (saved past the duplicate warning): the scope holds whatever their requisites.
  const entity = await made(call, '/api/v1/legal-entities', {
    clientId: client.id,
    fullName: `${name} (юрлицо)`,
    inn: '7707083893',
    allowDuplicateRequisites: true,
  });
  const contact = await made(call, '/api/v1/contacts', {
    clientId: client.id,
    fullName: `Директор ${name}`,
    birthday,
    isKeyFigure: true,
    decisionRoles: ['decision_maker'],
  });
  const boss = await made(call, '/api/v1/contacts', { clientId: client.id, fullName: `Собственник ${name}` });
  const order = await made(call, '/api/v1/orders', {
    clientId: client.id,
    number: `З-${client.id}`,
    orderDate: '2026-06-15',
    lines: [{ productId, quantity: 3 }],
  });
  const payment = await made(call, '/api/v1/payments', {
    clientId: client.id,
    paymentDate: '2026-06-20',
    amount: '1000.00',
  });
  const interaction = await made(call, '/api/v1/interactions', {
    clientId: client.id,
    kind: 'meeting',
    occurredAt: '2026-06-21T09:00:00Z',
    durationMinutes: 60,
  });
  const claim = await made(call, '/api/v1/claims', {
    clientId: client.id,
    type: 'claim',
    category: 'quality',
    severity: 'high',
    subject: 'Брак в партии',
  });
  const survey = await made(call, '/api/v1/surveys', {
    clientId: client.id,
    answeredOn: '2026-06-25',
    goods: 4,
    nps: 8,
  });
  const link = await made(call, '/api/v1/surveys/links', { clientId: client.id });
  const family = await made(call, '/api/v1/family-members', {
    contactId: contact.id,
    relation: 'child',
    name: 'Сын',
    birthday: '2010-12-06',
  });
  const date = await made(call, '/api/v1/useful-dates', {
    clientId: client.id,
    contactId: contact.id,
    kind: 'name_day',
    title: 'Именины',
    month: 12,
    day: 7,
  });
  return { client, entity, contact, boss, order, payment, interaction, claim, survey, link, family, date };
}

async function setting() {
  const owner = await buildOrg(db);
  const a = await buildUser(db, owner.orgId, 'manager');
  const b = await buildUser(db, owner.orgId, 'manager');
  const asOwner = (await signedIn(app, owner.email)) as Call;
  const asA = (await signedIn(app, a.email)) as Call;
  const product = await buildProduct(db, owner);
  const mine = await fullClient(asOwner, 'ООО «Альфа-Строй»', a.userId, product.id);
  const mineToo = await made(asOwner, '/api/v1/clients', { name: 'ООО «Альфа-Два»', ownerUserId: a.userId });
  const theirs = await fullClient(asOwner, 'ООО «Бета-Монтаж»', b.userId, product.id);
  const theirLost = await made(asOwner, '/api/v1/clients', { name: 'ООО «Бета-Ушедший»', ownerUserId: b.userId });
  await made(asOwner, '/api/v1/clients', { name: 'ООО «Ничейный»' });
  const myLoss = await made(asOwner, `/api/v1/clients/${mineToo.id}/loss`, { reason: 'price' });
  const theirLoss = await made(asOwner, `/api/v1/clients/${theirLost.id}/loss`, {
    reason: 'competitor',
    competitor: 'ООО «Конкурент»',
  });
  return { owner, a, b, asOwner, asA, mine, mineToo, theirs, theirLost, myLoss, theirLoss };
}

const json = async (call: Call, url: string) => {
  const res = await call({ url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json();
};

/** What a manager's lists hold: totals of every scoped list and count. */
async function totals(call: Call) {
  const t = (url: string) => json(call, url).then((r: { total: number }) => r.total);
  return {
    clients: await t('/api/v1/clients'),
    legalEntities: await t('/api/v1/legal-entities'),
    contacts: await t('/api/v1/contacts'),
    orders: await t('/api/v1/orders'),
    payments: await t('/api/v1/payments'),
    interactions: await t('/api/v1/interactions'),
    familyMembers: await t('/api/v1/family-members'),
    usefulDates: await t('/api/v1/useful-dates'),
    claims: await t('/api/v1/claims'),
    claimsReceived: (await json(call, '/api/v1/claims/summary')).received,
    surveys: await t('/api/v1/surveys'),
    surveyAnswers: (await json(call, '/api/v1/surveys/trends?from=2026-01-01&to=2026-11-01')).total.responses,
    surveyLinks: (await json(call, '/api/v1/surveys/links')).items.length,
    losses: await t('/api/v1/losses'),
    paretoLosses: (await json(call, '/api/v1/losses/pareto?from=2025-01-01')).losses,
    figures: await t('/api/v1/analytics/clients'),
    baseAnalysis: await t('/api/v1/people/base-analysis?includeLost=true'),
  };
}

describe("a manager's clients", () => {
  it('limits every list, count and search to the clients the manager owns or shares', async () => {
    const s = await setting();
    expect(await totals(s.asA)).toEqual({
      clients: 2,
      legalEntities: 1,
      contacts: 2,
      orders: 1,
      payments: 1,
      interactions: 1,
      familyMembers: 1,
      usefulDates: 1,
      claims: 1,
      claimsReceived: 1,
      surveys: 1,
      surveyAnswers: 1,
      surveyLinks: 1,
      losses: 1,
      paretoLosses: 1,
      figures: 2,
      baseAnalysis: 2,
    });
    // The owner sees the whole organisation.
    expect((await totals(s.asOwner)).clients).toBe(5);
    expect((await json(s.asA, `/api/v1/clients?q=${encodeURIComponent('Бета')}`)).total).toBe(0);
    expect((await json(s.asA, `/api/v1/contacts?clientId=${s.theirs.client.id}`)).total).toBe(0);
    expect((await json(s.asA, `/api/v1/family-members?contactId=${s.theirs.contact.id}`)).total).toBe(0);
    expect((await json(s.asA, `/api/v1/analytics/clients?q=${encodeURIComponent('Бета')}`)).total).toBe(0);
    expect((await json(s.asA, '/api/v1/losses/pareto?from=2025-01-01')).competitors).toEqual([]);
    const csv = await s.asA({ url: '/api/v1/clients?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Альфа-Строй');
    expect(csv.body).not.toContain('Бета');
    const events = await json(s.asA, '/api/v1/calendar/events?from=2026-12-01&to=2026-12-31');
    const names = JSON.stringify(events.events);
    expect(names).toContain('Альфа-Строй');
    expect(names).not.toContain('Бета');
  });

  it("answers 404 to reads and writes of a colleague's client and its records, and changes nothing", async () => {
    const s = await setting();
    const t = s.theirs;
    const before = await json(s.asOwner, `/api/v1/clients/${t.client.id}/card`);
    const claimBefore = await json(s.asOwner, `/api/v1/claims/${t.claim.id}`);
    const lossBefore = await json(s.asOwner, `/api/v1/losses/${s.theirLoss.id}`);
    const reads = [
      `/api/v1/clients/${t.client.id}`,
      `/api/v1/clients/${t.client.id}/card`,
      `/api/v1/clients/${t.client.id}/power-structure`,
      `/api/v1/clients/${t.client.id}/shares`,
      `/api/v1/analytics/clients/${t.client.id}`,
      `/api/v1/legal-entities/${t.entity.id}`,
      `/api/v1/contacts/${t.contact.id}`,
      `/api/v1/contacts/${t.contact.id}/personal`,
      `/api/v1/orders/${t.order.id}`,
      `/api/v1/payments/${t.payment.id}`,
      `/api/v1/interactions/${t.interaction.id}`,
      `/api/v1/family-members/${t.family.id}`,
      `/api/v1/useful-dates/${t.date.id}`,
      `/api/v1/claims/${t.claim.id}`,
      `/api/v1/claims/summary?clientId=${t.client.id}`,
      `/api/v1/surveys/${t.survey.id}`,
      `/api/v1/surveys/trends?clientId=${t.client.id}`,
      `/api/v1/losses/${s.theirLoss.id}`,
    ];
    for (const url of reads) {
      const res = await s.asA({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ code: 'not_found' });
    }
    const writes: InjectOptions[] = [
      { method: 'PATCH', url: `/api/v1/clients/${t.client.id}`, payload: { notes: 'чужое' } },
      { method: 'DELETE', url: `/api/v1/clients/${t.client.id}` },
      { method: 'PATCH', url: `/api/v1/legal-entities/${t.entity.id}`, payload: { shortName: 'чужое' } },
      { method: 'PATCH', url: `/api/v1/contacts/${t.contact.id}`, payload: { position: 'чужое' } },
      { method: 'DELETE', url: `/api/v1/contacts/${t.boss.id}` },
      { method: 'PATCH', url: `/api/v1/payments/${s.mine.payment.id}`, payload: { clientId: t.client.id } },
      { method: 'PATCH', url: `/api/v1/interactions/${s.mine.interaction.id}`, payload: { clientId: t.client.id } },
      { method: 'POST', url: '/api/v1/contacts', payload: { clientId: t.client.id, fullName: 'Подсадной' } },
      { method: 'PATCH', url: `/api/v1/orders/${t.order.id}`, payload: { notes: 'чужое' } },
      { method: 'DELETE', url: `/api/v1/orders/${t.order.id}` },
      { method: 'PATCH', url: `/api/v1/payments/${t.payment.id}`, payload: { amount: '1.00' } },
      { method: 'DELETE', url: `/api/v1/interactions/${t.interaction.id}` },
      {
        method: 'POST',
        url: '/api/v1/interactions',
        payload: { clientId: t.client.id, kind: 'call', occurredAt: '2026-06-22T09:00:00Z' },
      },
      {
        method: 'POST',
        url: '/api/v1/family-members',
        payload: { contactId: t.contact.id, relation: 'spouse', name: 'Жена' },
      },
      { method: 'DELETE', url: `/api/v1/useful-dates/${t.date.id}` },
      {
        method: 'POST',
        url: `/api/v1/clients/${t.client.id}/contact-links`,
        payload: { fromContactId: t.contact.id, toContactId: t.boss.id, kind: 'reports_to' },
      },
      {
        method: 'POST',
        url: `/api/v1/clients/${t.client.id}/relations`,
        payload: { relatedClientId: s.mine.client.id, kind: 'partner' },
      },
      {
        method: 'POST',
        url: `/api/v1/clients/${s.mine.client.id}/relations`,
        payload: { relatedClientId: t.client.id, kind: 'partner' },
      },
      { method: 'PATCH', url: `/api/v1/claims/${t.claim.id}`, payload: { subject: 'чужое' } },
      { method: 'POST', url: `/api/v1/claims/${t.claim.id}/transition`, payload: { to: 'in_progress' } },
      { method: 'DELETE', url: `/api/v1/claims/${t.claim.id}` },
      {
        method: 'POST',
        url: '/api/v1/claims',
        payload: { clientId: t.client.id, type: 'wish', category: 'price', severity: 'low', subject: 'чужое' },
      },
      { method: 'POST', url: `/api/v1/clients/${t.client.id}/loss`, payload: { reason: 'price' } },
      { method: 'PATCH', url: `/api/v1/losses/${s.theirLoss.id}`, payload: { reasonNotes: 'чужое' } },
      {
        method: 'POST',
        url: '/api/v1/surveys',
        payload: { clientId: t.client.id, answeredOn: '2026-06-26', goods: 1 },
      },
      { method: 'DELETE', url: `/api/v1/surveys/${t.survey.id}` },
      { method: 'POST', url: '/api/v1/surveys/links', payload: { clientId: t.client.id } },
      { method: 'DELETE', url: `/api/v1/surveys/links/${t.link.id}` },
      {
        method: 'POST',
        url: '/api/v1/tasks',
        payload: { title: 'Позвонить', dueOn: '2026-12-01', clientId: t.client.id },
      },
      { method: 'POST', url: `/api/v1/clients/${t.client.id}/shares`, payload: { userId: s.a.userId } },
    ];
    for (const request of writes) {
      const res = await s.asA(request);
      expect(res.statusCode, `${request.method} ${request.url}: ${res.body}`).toBe(404);
    }
    expect(await json(s.asOwner, `/api/v1/clients/${t.client.id}/card`)).toEqual(before);
    expect(await json(s.asOwner, `/api/v1/claims/${t.claim.id}`)).toEqual(claimBefore);
    expect(await json(s.asOwner, `/api/v1/losses/${s.theirLoss.id}`)).toEqual(lossBefore);
    expect((await json(s.asOwner, `/api/v1/surveys/links?clientId=${t.client.id}`)).items[0].status).toBe('waiting');
    expect((await json(s.asOwner, `/api/v1/clients/${t.client.id}/power-structure`)).links).toEqual([]);
    expect((await json(s.asOwner, `/api/v1/family-members?contactId=${t.contact.id}`)).total).toBe(1);
    expect((await json(s.asOwner, `/api/v1/surveys?clientId=${t.client.id}`)).total).toBe(1);
    expect((await json(s.asOwner, `/api/v1/claims?clientId=${t.client.id}`)).total).toBe(1);
    expect((await json(s.asOwner, `/api/v1/payments/${s.mine.payment.id}`)).clientId).toBe(s.mine.client.id);
    expect((await json(s.asOwner, `/api/v1/interactions/${s.mine.interaction.id}`)).clientId).toBe(s.mine.client.id);
  });

  it('sees a shared client with all its records, cannot reassign or reshare it, and loses it when the share ends', async () => {
    const s = await setting();
    const t = s.theirs;
    const shared = await s.asOwner({
      method: 'POST',
      url: `/api/v1/clients/${t.client.id}/shares`,
      payload: { userId: s.a.userId },
    });
    expect(shared.statusCode).toBe(201);
    expect(shared.json()).toMatchObject({
      clientId: t.client.id,
      ownerUserId: s.b.userId,
      canManage: true,
      shares: [{ userId: s.a.userId, sharedBy: s.owner.userId }],
    });
    // Sharing again changes nothing.
    expect(
      (
        await s.asOwner({
          method: 'POST',
          url: `/api/v1/clients/${t.client.id}/shares`,
          payload: { userId: s.a.userId },
        })
      ).json().shares,
    ).toHaveLength(1);

    expect(await totals(s.asA)).toMatchObject({
      clients: 3,
      contacts: 4,
      orders: 2,
      claims: 2,
      surveys: 2,
      figures: 3,
      familyMembers: 2,
    });
    expect((await json(s.asA, `/api/v1/clients/${t.client.id}/card`)).client.name).toBe('ООО «Бета-Монтаж»');
    expect((await json(s.asA, `/api/v1/clients/${t.client.id}/shares`)).canManage).toBe(false);
    const patched = await s.asA({
      method: 'PATCH',
      url: `/api/v1/clients/${t.client.id}`,
      payload: { notes: 'Веду сделку вместе' },
    });
    expect(patched.statusCode).toBe(200);
    expect(
      (await s.asA({ method: 'POST', url: `/api/v1/claims/${t.claim.id}/transition`, payload: { to: 'in_progress' } }))
        .statusCode,
    ).toBe(200);

    const reassign = await s.asA({
      method: 'PATCH',
      url: `/api/v1/clients/${t.client.id}`,
      payload: { ownerUserId: s.a.userId },
    });
    expect(reassign.statusCode).toBe(403);
    expect(reassign.json().detail).toMatch(/head of sales/);
    const reshare = await s.asA({
      method: 'POST',
      url: `/api/v1/clients/${t.client.id}/shares`,
      payload: { userId: s.a.userId },
    });
    expect(reshare.statusCode).toBe(403);
    expect((await json(s.asOwner, `/api/v1/clients/${t.client.id}`)).ownerUserId).toBe(s.b.userId);

    expect(
      (await s.asOwner({ method: 'DELETE', url: `/api/v1/clients/${t.client.id}/shares/${s.a.userId}` })).statusCode,
    ).toBe(204);
    expect((await s.asA({ url: `/api/v1/clients/${t.client.id}/card` })).statusCode).toBe(404);
    expect((await totals(s.asA)).clients).toBe(2);
    expect(
      (await s.asOwner({ method: 'DELETE', url: `/api/v1/clients/${t.client.id}/shares/${s.a.userId}` })).statusCode,
    ).toBe(404);
  });

  it('lets a manager share their own client, and leave a share given to them', async () => {
    const s = await setting();
    const asB = (await signedIn(app, (await buildUser(db, s.owner.orgId, 'manager')).email)) as Call;
    const c = await buildUser(db, s.owner.orgId, 'manager');
    const res = await s.asA({
      method: 'POST',
      url: `/api/v1/clients/${s.mine.client.id}/shares`,
      payload: { userId: c.userId },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().canManage).toBe(true);
    const asC = (await signedIn(app, c.email)) as Call;
    expect((await json(asC, '/api/v1/clients')).total).toBe(1);
    expect(
      (await asC({ method: 'DELETE', url: `/api/v1/clients/${s.mine.client.id}/shares/${c.userId}` })).statusCode,
    ).toBe(204);
    expect((await json(asC, '/api/v1/clients')).total).toBe(0);
    // Another manager cannot end someone else's share of a client they cannot see.
    await s.asA({ method: 'POST', url: `/api/v1/clients/${s.mine.client.id}/shares`, payload: { userId: c.userId } });
    expect(
      (await asB({ method: 'DELETE', url: `/api/v1/clients/${s.mine.client.id}/shares/${c.userId}` })).statusCode,
    ).toBe(404);
  });

  it("refuses shares with the owner, with roles that see all, with other organisations' users, and bad ids", async () => {
    const s = await setting();
    const url = `/api/v1/clients/${s.theirs.client.id}/shares`;
    const analyst = await buildUser(db, s.owner.orgId, 'analyst');
    const stranger = await buildOrg(db, 'manager');
    const withOwner = await s.asOwner({ method: 'POST', url, payload: { userId: s.b.userId } });
    expect(withOwner.statusCode).toBe(400);
    expect(withOwner.json().errors[0]).toMatchObject({ field: 'userId', reason: 'owner' });
    const withAnalyst = await s.asOwner({ method: 'POST', url, payload: { userId: analyst.userId } });
    expect(withAnalyst.json().errors[0]).toMatchObject({ field: 'userId', reason: 'seesAll' });
    expect((await s.asOwner({ method: 'POST', url, payload: { userId: stranger.userId } })).statusCode).toBe(404);
    expect(
      (await s.asOwner({ method: 'POST', url: '/api/v1/clients/999999999/shares', payload: { userId: s.a.userId } }))
        .statusCode,
    ).toBe(404);
    expect((await s.asOwner({ method: 'POST', url, payload: { userId: 'x' } })).statusCode).toBe(400);
    expect((await s.asOwner({ method: 'POST', url, payload: {} })).statusCode).toBe(400);
    // Another organisation's client is missing for its owner too.
    const other = (await signedIn(app, stranger.email)) as Call;
    expect((await other({ url })).statusCode).toBe(404);
    expect((await json(s.asOwner, url)).shares).toEqual([]);
  });

  it("scopes a manager's API token like the manager, and never issues a token that sees more", async () => {
    const s = await setting();
    const issued = await s.asA({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'Интеграция' } });
    expect(issued.statusCode).toBe(201);
    const bearer = (options: InjectOptions) =>
      app.inject({ ...options, headers: { authorization: `Bearer ${issued.json().token}` } });
    expect((await json(bearer, '/api/v1/clients')).total).toBe(2);
    expect((await bearer({ url: `/api/v1/clients/${s.theirs.client.id}` })).statusCode).toBe(404);
    expect(
      (await bearer({ method: 'PATCH', url: `/api/v1/contacts/${s.theirs.contact.id}`, payload: { position: 'x' } }))
        .statusCode,
    ).toBe(404);
    const created = await bearer({ method: 'POST', url: '/api/v1/clients', payload: { name: 'ООО «Через API»' } });
    expect(created.json().ownerUserId).toBe(s.a.userId);
    for (const role of ['read_only', 'analyst', 'head_of_sales']) {
      expect(
        (await s.asA({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: role, role } })).statusCode,
        role,
      ).toBe(403);
    }
  });
});
