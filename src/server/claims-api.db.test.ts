import { beforeAll, describe, expect, it } from 'vitest';
import { workingDayOnOrAfter, addWorkingDays } from '../core/calendar/calendar.js';
import { defaultClaimDueOn } from '../core/claims/claims.js';
import { signedIn, useApp } from '../../test/support/app.js';
import { excelDate, readWorkbook } from '../../test/support/workbook.js';
import { settableClock, useDatabase } from '../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildProduct, buildUser } from '../../test/support/factories.js';
import type { ClaimDetailT, ClaimPageT, ClaimSummaryT } from '../contract/claims.js';

// "Today" is the database's clock, moved by the tests that need another day.
const clock = settableClock('2026-01-15');
const db = await useDatabase({ clock });
const app = await useApp(db);
const setToday = (day: string) => clock.set(day);

type Call = Awaited<ReturnType<typeof signedIn>>;
const fieldsOf = (body: { errors?: { field: string; reason: string }[] }) =>
  Object.fromEntries((body.errors ?? []).map((e) => [e.field, e.reason]));

async function counts(orgId: number): Promise<{ claims: number; events: number }> {
  const {
    rows: [r],
  } = await db.engine.query<{ claims: number; events: number }>(
    'SELECT (SELECT count(*) FROM claims WHERE org_id = $1) AS claims, (SELECT count(*) FROM claim_events WHERE org_id = $1) AS events',
    [orgId],
  );
  return { claims: Number(r!.claims), events: Number(r!.events) };
}

async function setup() {
  const owner = await buildOrg(db);
  const manager = await buildUser(db, owner.orgId, 'manager');
  const call = await signedIn(app, owner.email);
  const client = await buildClient(db, owner, { ownerUserId: manager.userId });
  const contact = await buildContact(db, owner, client.id);
  return { owner, manager, call, client, contact };
}

const create = async (call: Call, payload: Record<string, unknown>): Promise<ClaimDetailT> => {
  const res = await call({ method: 'POST', url: '/api/v1/claims', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const move = (call: Call, id: number, payload: Record<string, unknown>) =>
  call({ method: 'POST', url: `/api/v1/claims/${id}/transition`, payload });

describe('recording a claim', () => {
  it('is documented in the OpenAPI document', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/claims',
        '/api/v1/claims/summary',
        '/api/v1/claims/{id}',
        '/api/v1/claims/{id}/transition',
      ]),
    );
  });

  it('defaults the deadline from the severity in working days, over the New Year holidays', async () => {
    setToday('2026-01-15');
    const { owner, manager, call, client, contact } = await setup();
    const claim = await create(call, {
      clientId: client.id,
      contactId: contact.id,
      type: 'claim',
      category: 'delivery',
      severity: 'critical',
      receivedOn: '2025-12-30',
      subject: '  Сорвана поставка  ',
      description: 'Машина не пришла',
    });
    // 31.12.2025 and 1–11.01.2026 are days off: one working day after 30.12 is 12.01.
    expect(claim.dueOn).toBe(workingDayOnOrAfter('2025-12-31'));
    expect(claim).toMatchObject({
      dueOn: '2026-01-12',
      status: 'new',
      subject: 'Сорвана поставка',
      clientName: client.name,
      contactName: contact.fullName,
      responsibleUserId: manager.userId,
      responsibleName: 'Второй',
      createdBy: owner.userId,
      resolvedOn: null,
      daysToResolve: null,
      overdue: true, // due 12.01, today 15.01
    });
    expect(claim.history).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'new', userId: owner.userId, userName: 'Тест Тестов' }),
    ]);

    // Received today by default; low severity → ten working days.
    const wish = await create(call, {
      clientId: client.id,
      type: 'wish',
      category: 'assortment',
      severity: 'low',
      subject: 'Добавить в ассортимент клей',
    });
    expect(wish).toMatchObject({
      receivedOn: '2026-01-15',
      dueOn: addWorkingDays('2026-01-15', 10),
      overdue: false,
      contactId: null,
    });
    // A deadline given by hand wins.
    const manual = await create(call, {
      clientId: client.id,
      type: 'suggestion',
      category: 'other',
      severity: 'high',
      receivedOn: '2026-01-14',
      dueOn: '2026-02-01',
      subject: 'Электронный документооборот',
      responsibleUserId: owner.userId,
    });
    expect(manual).toMatchObject({ dueOn: '2026-02-01', responsibleUserId: owner.userId });

    // With no manager on the client, the person who records it answers for it.
    const orphan = await buildClient(db, owner);
    expect(
      (
        await create(call, {
          clientId: orphan.id,
          type: 'claim',
          category: 'quality',
          severity: 'medium',
          subject: 'Брак',
        })
      ).responsibleUserId,
    ).toBe(owner.userId);
  });

  it('links an order of the client and reads the claim back with its history', async () => {
    const { owner, call, client } = await setup();
    const product = await buildProduct(db, owner);
    const order = (
      await call({
        method: 'POST',
        url: '/api/v1/orders',
        payload: {
          clientId: client.id,
          number: 'РН-17',
          orderDate: '2026-01-10',
          lines: [{ productId: product.id, quantity: 2 }],
        },
      })
    ).json();
    const claim = await create(call, {
      clientId: client.id,
      orderId: order.id,
      type: 'claim',
      category: 'quality',
      severity: 'high',
      receivedOn: '2026-01-12',
      subject: 'Брак в партии',
    });
    const read = (await call({ url: `/api/v1/claims/${claim.id}` })).json();
    expect(read).toMatchObject({
      id: claim.id,
      orderId: order.id,
      orderNumber: 'РН-17',
      history: [{ toStatus: 'new' }],
    });
  });

  it('refuses bad input naming the field and the reason, and writes nothing', async () => {
    setToday('2026-01-15');
    const { owner, call, client } = await setup();
    const otherClient = await buildClient(db, owner);
    const theirContact = await buildContact(db, owner, otherClient.id);
    const product = await buildProduct(db, owner);
    const theirOrder = (
      await call({
        method: 'POST',
        url: '/api/v1/orders',
        payload: {
          clientId: otherClient.id,
          number: '9',
          orderDate: '2026-01-10',
          lines: [{ productId: product.id, quantity: 1 }],
        },
      })
    ).json();
    const stranger = await buildOrg(db);
    const before = await counts(owner.orgId);
    const good = { clientId: client.id, type: 'claim', category: 'quality', severity: 'medium', subject: 'Брак' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ receivedOn: '2026-01-16' }, 'receivedOn', 'future'],
      [{ contactId: theirContact.id }, 'contactId', 'otherClient'],
      [{ orderId: theirOrder.id }, 'orderId', 'otherClient'],
      [{ responsibleUserId: stranger.userId }, 'responsibleUserId', 'unknown'],
      [{ category: 'weather' }, 'category', 'oneOf'],
      [{ subject: '' }, 'subject', 'minLength'],
      [{ subject: '   ' }, 'subject', 'required'],
      [{ receivedOn: '2026-01-10', dueOn: '2026-01-09' }, 'dueOn', 'beforeReceived'],
      [{ receivedOn: '2026-02-30' }, 'receivedOn', 'format'],
      [{ status: 'resolved' }, 'status', 'unknown'],
    ];
    for (const [change, field, reason] of cases) {
      const res = await call({ method: 'POST', url: '/api/v1/claims', payload: { ...good, ...change } });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      const body = res.json();
      expect(body.code).toBe('invalid_input');
      expect(fieldsOf(body), JSON.stringify(change)).toMatchObject({ [field]: reason });
      expect(body.errors.every((e: { messageRu?: string }) => e.messageRu)).toBe(true);
    }
    // Several problems at once are all reported.
    const many = await call({
      method: 'POST',
      url: '/api/v1/claims',
      payload: { ...good, receivedOn: '2027-01-01', contactId: theirContact.id, subject: ' ' },
    });
    expect(fieldsOf(many.json())).toMatchObject({
      receivedOn: 'future',
      contactId: 'otherClient',
      subject: 'required',
    });
    expect(await counts(owner.orgId)).toEqual(before);
  });

  it('changes fields by PATCH but never the status; a default deadline follows a new severity, one set by hand stays', async () => {
    setToday('2026-01-15');
    const { call, client } = await setup();
    const claim = await create(call, {
      clientId: client.id,
      type: 'claim',
      category: 'quality',
      severity: 'low',
      receivedOn: '2026-01-13',
      subject: 'Брак',
    });
    const patched = (
      await call({
        method: 'PATCH',
        url: `/api/v1/claims/${claim.id}`,
        payload: { severity: 'critical', subject: 'Брак в партии' },
      })
    ).json();
    expect(patched).toMatchObject({
      severity: 'critical',
      dueOn: defaultClaimDueOn('2026-01-13', 'critical'),
      subject: 'Брак в партии',
      status: 'new',
    });
    await call({ method: 'PATCH', url: `/api/v1/claims/${claim.id}`, payload: { dueOn: '2026-03-01' } });
    expect(
      (await call({ method: 'PATCH', url: `/api/v1/claims/${claim.id}`, payload: { severity: 'high' } })).json().dueOn,
    ).toBe('2026-03-01');
    const status = await call({ method: 'PATCH', url: `/api/v1/claims/${claim.id}`, payload: { status: 'resolved' } });
    expect(status.statusCode).toBe(400);
    expect(fieldsOf(status.json())).toMatchObject({ status: 'unknown' });
    const future = await call({
      method: 'PATCH',
      url: `/api/v1/claims/${claim.id}`,
      payload: { receivedOn: '2026-02-01' },
    });
    expect(fieldsOf(future.json())).toMatchObject({ receivedOn: 'future' });
    const read = (await call({ url: `/api/v1/claims/${claim.id}` })).json();
    expect(read).toMatchObject({
      status: 'new',
      receivedOn: '2026-01-13',
      severity: 'high',
      history: [{ toStatus: 'new' }],
    });
    expect(read.history).toHaveLength(1);
  });
});

describe('the workflow', () => {
  it('takes a claim in work, resolves it with a resolution, reopens and rejects it; each step is in the history', async () => {
    setToday('2026-01-20');
    const { owner, call, client } = await setup();
    const claim = await create(call, {
      clientId: client.id,
      type: 'claim',
      category: 'delivery',
      severity: 'high',
      receivedOn: '2026-01-14',
      subject: 'Опоздание машины',
    });

    const skip = await move(call, claim.id, { to: 'resolved', resolution: 'Сделано' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().detail).toMatch(/"New".*"Resolved"/);
    expect(skip.json().errors[0]).toMatchObject({ field: 'to', reason: 'transition' });
    expect(skip.json().errors[0].messageRu).toContain('из статуса «Новая» в статус «Решена»');

    const taken = await move(call, claim.id, { to: 'in_progress', note: 'Звоню логистам' });
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'in_progress', resolvedOn: null });

    const bare = await move(call, claim.id, { to: 'resolved' });
    expect(bare.statusCode).toBe(400);
    expect(fieldsOf(bare.json())).toEqual({ resolution: 'required' });
    expect(fieldsOf((await move(call, claim.id, { to: 'resolved', resolution: '  ' })).json())).toEqual({
      resolution: 'required',
    });
    expect((await call({ url: `/api/v1/claims/${claim.id}` })).json().status).toBe('in_progress');

    setToday('2026-01-23');
    const resolved = (
      await move(call, claim.id, {
        to: 'resolved',
        resolution: 'Сменили перевозчика, скидка 5 % на следующую поставку',
      })
    ).json();
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedOn: '2026-01-23',
      daysToResolve: 9,
      resolution: 'Сменили перевозчика, скидка 5 % на следующую поставку',
      overdue: false,
    });

    expect((await move(call, claim.id, { to: 'rejected', resolution: 'x' })).statusCode).toBe(409);
    expect((await move(call, claim.id, { to: 'resolved', resolution: 'x' })).statusCode).toBe(409);

    setToday('2026-01-26');
    const reopened = (
      await move(call, claim.id, { to: 'in_progress', note: 'Клиент вернулся: опять опоздание' })
    ).json();
    expect(reopened).toMatchObject({ status: 'in_progress', resolvedOn: null, daysToResolve: null });
    const rejected = (
      await move(call, claim.id, { to: 'rejected', resolution: 'Опоздание по вине клиента: не было пропуска' })
    ).json();
    expect(rejected).toMatchObject({ status: 'rejected', resolvedOn: '2026-01-26', daysToResolve: 12 });

    expect(
      rejected.history.map(
        (e: { fromStatus: string | null; toStatus: string; userId: number; note: string | null }) => [
          e.fromStatus,
          e.toStatus,
          e.userId,
          e.note,
        ],
      ),
    ).toEqual([
      [null, 'new', owner.userId, null],
      ['new', 'in_progress', owner.userId, 'Звоню логистам'],
      ['in_progress', 'resolved', owner.userId, 'Сменили перевозчика, скидка 5 % на следующую поставку'],
      ['resolved', 'in_progress', owner.userId, 'Клиент вернулся: опять опоздание'],
      ['in_progress', 'rejected', owner.userId, 'Опоздание по вине клиента: не было пропуска'],
    ]);
    expect((await counts(owner.orgId)).events).toBe(5);
  });

  it('makes whoever takes an unassigned claim responsible for it', async () => {
    setToday('2026-01-20');
    const { owner, call, client } = await setup();
    const claim = await create(call, {
      clientId: client.id,
      type: 'wish',
      category: 'price',
      severity: 'low',
      subject: 'Скидка за объём',
      responsibleUserId: null,
    });
    expect(claim.responsibleUserId).toBeNull();
    expect((await move(call, claim.id, { to: 'in_progress' })).json().responsibleUserId).toBe(owner.userId);
  });

  it('deletes a claim with its history', async () => {
    const { owner, call, client } = await setup();
    const claim = await create(call, {
      clientId: client.id,
      type: 'wish',
      category: 'price',
      severity: 'low',
      subject: 'Скидка',
    });
    expect((await call({ method: 'DELETE', url: `/api/v1/claims/${claim.id}` })).statusCode).toBe(204);
    expect((await call({ url: `/api/v1/claims/${claim.id}` })).statusCode).toBe(404);
    expect(await counts(owner.orgId)).toEqual({ claims: 0, events: 0 });
  });
});

describe('who may do what', () => {
  it('lets read-only users and analysts read but not record or move claims (403), and nothing changes', async () => {
    setToday('2026-01-20');
    const { owner, call, client } = await setup();
    const claim = await create(call, {
      clientId: client.id,
      type: 'claim',
      category: 'staff',
      severity: 'medium',
      subject: 'Грубость водителя',
    });
    for (const role of ['read_only', 'analyst']) {
      const reader = await buildUser(db, owner.orgId, role);
      const as = await signedIn(app, reader.email);
      expect((await as({ url: `/api/v1/claims/${claim.id}` })).statusCode).toBe(200);
      expect((await as({ url: `/api/v1/claims?clientId=${client.id}` })).json().total).toBe(1);
      expect((await as({ url: '/api/v1/claims/summary' })).statusCode).toBe(200);
      expect(
        (
          await as({
            method: 'POST',
            url: '/api/v1/claims',
            payload: { clientId: client.id, type: 'claim', category: 'staff', severity: 'low', subject: 'Ещё' },
          })
        ).statusCode,
      ).toBe(403);
      expect((await move(as, claim.id, { to: 'in_progress' })).statusCode).toBe(403);
      expect(
        (await as({ method: 'PATCH', url: `/api/v1/claims/${claim.id}`, payload: { subject: 'Другое' } })).statusCode,
      ).toBe(403);
      expect((await as({ method: 'DELETE', url: `/api/v1/claims/${claim.id}` })).statusCode).toBe(403);
    }
    expect((await call({ url: `/api/v1/claims/${claim.id}` })).json()).toMatchObject({
      status: 'new',
      subject: 'Грубость водителя',
      history: [{ toStatus: 'new' }],
    });
    expect(await counts(owner.orgId)).toEqual({ claims: 1, events: 1 });
  });

  it("never shows another organisation's claims or clients: 404, and nothing changes", async () => {
    setToday('2026-01-20');
    const theirs = await setup();
    const claim = await create(theirs.call, {
      clientId: theirs.client.id,
      type: 'claim',
      category: 'staff',
      severity: 'medium',
      subject: 'Чужая претензия',
    });
    const mine = await setup();
    for (const [method, url, payload] of [
      ['GET', `/api/v1/claims/${claim.id}`],
      ['PATCH', `/api/v1/claims/${claim.id}`, { subject: 'взлом' }],
      ['DELETE', `/api/v1/claims/${claim.id}`],
      ['POST', `/api/v1/claims/${claim.id}/transition`, { to: 'in_progress' }],
      [
        'POST',
        '/api/v1/claims',
        { clientId: theirs.client.id, type: 'claim', category: 'staff', severity: 'low', subject: 'Шпион' },
      ],
      ['GET', `/api/v1/claims/summary?clientId=${theirs.client.id}`],
    ] as const) {
      const res = await mine.call({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    // Their contact on my claim is simply not a contact of my organisation.
    const res = await mine.call({
      method: 'POST',
      url: '/api/v1/claims',
      payload: {
        clientId: mine.client.id,
        contactId: theirs.contact.id,
        type: 'claim',
        category: 'staff',
        severity: 'low',
        subject: 'x',
      },
    });
    expect(fieldsOf(res.json())).toMatchObject({ contactId: 'unknown' });
    expect((await mine.call({ url: '/api/v1/claims' })).json().total).toBe(0);
    expect(await counts(mine.owner.orgId)).toEqual({ claims: 0, events: 0 });
    expect((await theirs.call({ url: `/api/v1/claims/${claim.id}` })).json()).toMatchObject({
      subject: 'Чужая претензия',
      status: 'new',
      history: [{ toStatus: 'new' }],
    });
    expect(await counts(theirs.owner.orgId)).toEqual({ claims: 1, events: 1 });
  });
});

describe('lists, summary and export', () => {
  // A hand-made company: clients A and B, claims received around the period 01.01–31.03.2026, today 10.04.2026.
  let s: Awaited<ReturnType<typeof setup>>;
  let clientB: { id: number; name: string };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    setToday('2026-04-10');
    s = await setup();
    clientB = await buildClient(db, s.owner, { name: 'ООО «Бета»' });
    const add = async (
      key: string,
      clientId: number,
      type: string,
      category: string,
      receivedOn: string,
      extra: Record<string, unknown> = {},
    ) => {
      ids[key] = (
        await create(s.call, {
          clientId,
          type,
          category,
          severity: 'medium',
          receivedOn,
          subject: `Обращение ${key}`,
          ...extra,
        })
      ).id;
    };
    const a = s.client.id;
    await add('c1', a, 'claim', 'quality', '2026-01-10');
    await add('c2', a, 'claim', 'quality', '2026-01-20', { severity: 'critical' });
    await add('c3', a, 'wish', 'delivery', '2026-02-05', { severity: 'low' });
    await add('c4', clientB.id, 'claim', 'quality', '2026-02-10', {
      dueOn: '2026-02-20',
      severity: 'high',
      description: 'Трещины на плитке',
    });
    await add('c5', clientB.id, 'suggestion', 'price', '2026-03-01');
    await add('c6', clientB.id, 'claim', 'delivery', '2026-03-15');
    await add('c7', a, 'claim', 'quality', '2025-12-20');
    await add('c8', a, 'wish', 'other', '2026-04-08', { severity: 'low' });
    const close = async (key: string, to: 'resolved' | 'rejected', on: string) => {
      setToday(on);
      expect((await move(s.call, ids[key]!, { to: 'in_progress' })).statusCode).toBe(200);
      expect((await move(s.call, ids[key]!, { to, resolution: 'Ответили клиенту' })).statusCode).toBe(200);
    };
    await close('c1', 'resolved', '2026-01-15'); // 5 days
    await close('c2', 'rejected', '2026-02-02'); // 13 days
    await close('c3', 'resolved', '2026-02-06'); // 1 day
    await close('c6', 'resolved', '2026-04-05'); // 21 days, closed after the period
    await close('c7', 'resolved', '2026-01-05'); // 16 days, received before the period
    setToday('2026-04-10');
    expect((await move(s.call, ids.c4!, { to: 'in_progress' })).statusCode).toBe(200);
  });

  it('sums up the company: counts, shares, time to resolve, overdue and months', async () => {
    const res = await s.call({ url: '/api/v1/claims/summary?from=2026-01-01&to=2026-03-31' });
    expect(res.statusCode, res.body).toBe(200);
    const summary: ClaimSummaryT = res.json();
    expect(summary).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-31',
      today: '2026-04-10',
      clientId: null,
      received: 6,
      byStatus: { new: 1, in_progress: 1, resolved: 3, rejected: 1 },
      byType: { claim: 4, wish: 1, suggestion: 1 },
      closed: 4,
      averageDaysToResolve: 10, // (5 + 13 + 1 + 21) / 4
      medianDaysToResolve: 9, // (5 + 13) / 2
      openNow: 3, // c4, c5 and c8 (received after the period)
    });
    expect(summary.topCategories).toEqual([
      { category: 'quality', count: 3, share: 0.5, averageDaysToResolve: 9, open: 1 },
      { category: 'delivery', count: 2, share: 2 / 6, averageDaysToResolve: 11, open: 0 },
      { category: 'price', count: 1, share: 1 / 6, averageDaysToResolve: null, open: 1 },
    ]);
    // c4 due 20.02 (by hand), c5 due 06.03 (medium from Sunday 01.03); c8 is due after today.
    expect(summary.overdue.count).toBe(2);
    expect(summary.overdue.oldest.map((c) => [c.id, c.dueOn, c.overdue])).toEqual([
      [ids.c4, '2026-02-20', true],
      [ids.c5, '2026-03-06', true],
    ]);
    expect(summary.months).toEqual([
      { month: '2026-01', received: 2, resolved: 2 }, // c1, c2 in; c1 and c7 (received in December) out
      { month: '2026-02', received: 2, resolved: 2 }, // c3, c4 in; c2, c3 out
      { month: '2026-03', received: 2, resolved: 0 }, // c5, c6 in; c6 closed in April
    ]);
  });

  it('sums up one client', async () => {
    const summary: ClaimSummaryT = (
      await s.call({ url: `/api/v1/claims/summary?from=2026-01-01&to=2026-03-31&clientId=${s.client.id}` })
    ).json();
    expect(summary).toMatchObject({
      clientId: s.client.id,
      received: 3,
      closed: 3,
      averageDaysToResolve: 6.3,
      medianDaysToResolve: 5,
      openNow: 1,
      overdue: { count: 0, oldest: [] },
    });
    expect(summary.topCategories.map((c) => [c.category, c.count])).toEqual([
      ['quality', 2],
      ['delivery', 1],
    ]);
    // The default period is the twelve months up to today.
    const byDefault: ClaimSummaryT = (await s.call({ url: `/api/v1/claims/summary?clientId=${s.client.id}` })).json();
    expect(byDefault).toMatchObject({ from: '2025-05-01', to: '2026-04-10', received: 5 });
    expect(byDefault.months).toHaveLength(12);
    const backwards = await s.call({ url: '/api/v1/claims/summary?from=2026-03-01&to=2026-01-01' });
    expect(backwards.statusCode).toBe(400);
    expect(fieldsOf(backwards.json())).toEqual({ from: 'afterTo' });
  });

  it('filters and sorts the list', async () => {
    const list = async (query: string) => (await s.call({ url: `/api/v1/claims?${query}` })).json() as ClaimPageT;
    const keys = (page: ClaimPageT) => page.items.map((c) => Object.entries(ids).find(([, id]) => id === c.id)![0]);
    expect(keys(await list('status=new,in_progress&sort=receivedOn'))).toEqual(['c4', 'c5', 'c8']);
    expect(keys(await list('overdue=true&sort=dueOn'))).toEqual(['c4', 'c5']);
    expect(keys(await list(`clientId=${clientB.id}&sort=receivedOn`))).toEqual(['c4', 'c5', 'c6']);
    expect(keys(await list('type=wish&sort=receivedOn'))).toEqual(['c3', 'c8']);
    expect(keys(await list('category=quality&from=2026-01-01&to=2026-02-28&sort=-receivedOn'))).toEqual([
      'c4',
      'c2',
      'c1',
    ]);
    expect(keys(await list('severity=critical'))).toEqual(['c2']);
    expect(keys(await list('q=трещины'))).toEqual(['c4']);
    expect(keys(await list(`responsibleUserId=${s.manager.userId}&status=resolved&sort=receivedOn`))).toEqual([
      'c7',
      'c1',
      'c3',
    ]);
    const bySeverity = await list('sort=-severity&pageSize=2');
    expect(bySeverity.items.map((c) => c.severity)).toEqual(['critical', 'high']);
    expect(bySeverity.total).toBe(8);
    const bad = await s.call({ url: '/api/v1/claims?status=new,lost' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toMatchObject({ status: 'pattern' });
  });

  it('exports the filtered list as CSV with headers and words in Russian or English', async () => {
    const ru = await s.call({ url: `/api/v1/claims?format=csv&lang=ru&clientId=${clientB.id}&sort=receivedOn` });
    expect(ru.statusCode).toBe(200);
    expect(ru.headers['content-type']).toContain('text/csv');
    const [head, first, ...rest] = ru.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(head!.split(';')).toEqual([
      'Код в Rapport',
      'Дата поступления',
      'Клиент',
      'Тип обращения',
      'Категория',
      'Важность',
      'Тема',
      'Описание',
      'Контактное лицо',
      'Номер документа',
      'Ответственный',
      'Статус',
      'Срок решения',
      'Просрочена',
      'Дата закрытия',
      'Дней до закрытия',
      'Решение',
      'Код клиента',
    ]);
    expect(first).toContain('Претензия;Качество;Высокая;Обращение c4;Трещины на плитке');
    // Dates as Russian Excel and 1C write them, DD.MM.YYYY; ISO in English.
    expect(first).toContain('В работе;20.02.2026;да');
    expect(rest).toHaveLength(2);
    const en = await s.call({ url: `/api/v1/claims?format=csv&lang=en&clientId=${clientB.id}&sort=receivedOn` });
    const [enHead, enFirst] = en.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(enHead).toContain('Received on;Client;Type;Category;Severity;Subject');
    expect(enFirst).toContain('Claim;Quality;High;Обращение c4');
    expect(enFirst).toContain('In progress;2026-02-20;yes');
    const xlsx = await s.call({ url: `/api/v1/claims?format=xlsx&lang=ru&clientId=${clientB.id}&sort=receivedOn` });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const [sheet] = readWorkbook(xlsx.rawPayload);
    expect(sheet!.column('Срок решения')[0]).toEqual({ type: 'number', value: 46073, format: 'dd.mm.yyyy' }); // 20.02.2026
    expect(excelDate((sheet!.column('Срок решения')[0] as { value: number }).value)).toBe('2026-02-20');
    expect(sheet!.column('Статус')[0]).toEqual({ type: 'text', value: 'В работе' });
    expect(sheet!.column('Код клиента')[0]).toEqual({ type: 'number', value: clientB.id, format: 'General' });
  });
});
