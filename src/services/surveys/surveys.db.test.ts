import { createHash, randomBytes } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../../test/support/app.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildUser } from '../../../test/support/factories.js';
import { surveyTrend } from '../../core/surveys/satisfaction.js';

const db = await useDatabase();
const app = await useApp(db);

type Call = Awaited<ReturnType<typeof signedIn>>;
const fields = (body: { errors?: { field: string; reason: string }[] }) =>
  Object.fromEntries((body.errors ?? []).map((e) => [e.field, e.reason]));
const tomorrow = () => new Date(Date.parse(`${db.clock.today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

// Each test answers from an address of its own, so the per-address limit of one test does not touch another's.
let lastAddress = 0;
const newAddress = () => `10.7.${Math.floor(++lastAddress / 250)}.${(lastAddress % 250) + 1}`;
function publicClient() {
  const remoteAddress = newAddress();
  return {
    get: (token: string) => app.inject({ method: 'GET', url: `/api/v1/public/surveys/${token}`, remoteAddress }),
    post: (token: string, payload: unknown) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/public/surveys/${token}`,
        payload: payload as InjectOptions['payload'],
        remoteAddress,
      }),
  };
}
const tokenOf = (url: string) => url.replace(/^\/survey\//, '');

async function setUp() {
  const owner = await buildOrg(db);
  const call = await signedIn(app, owner.email);
  const client = await buildClient(db, owner, { name: 'ООО «Опрос»' });
  const contact = await buildContact(db, owner, client.id, {
    fullName: 'Смирнова Анна Сергеевна',
    emails: ['anna@client.example'],
    phones: ['+7 900 111-22-33'],
  });
  return { owner, call, client, contact };
}

async function responsesOf(call: Call, clientId: number) {
  return (await call({ url: `/api/v1/surveys?clientId=${clientId}` })).json() as {
    total: number;
    items: Record<string, unknown>[];
  };
}

describe('manager entry of a survey', () => {
  it('records the six scores, NPS and comment with channel "manager" and the actor; lists, exports and deletes it', async () => {
    const { owner, call, client, contact } = await setUp();
    const res = await call({
      method: 'POST',
      url: '/api/v1/surveys',
      payload: {
        clientId: client.id,
        contactId: contact.id,
        answeredOn: '2025-03-14',
        goods: 5,
        staff: 4,
        prices: 2,
        logistics: 3,
        service: 4,
        company: 4,
        nps: 8,
        comment: '  Цены выше, чем у конкурентов  ',
      },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      clientId: client.id,
      clientName: 'ООО «Опрос»',
      contactId: contact.id,
      contactName: 'Смирнова Анна Сергеевна',
      channel: 'manager',
      answeredOn: '2025-03-14',
      goods: 5,
      staff: 4,
      prices: 2,
      logistics: 3,
      service: 4,
      company: 4,
      nps: 8,
      comment: 'Цены выше, чем у конкурентов',
      userId: owner.userId,
      userName: 'Тест Тестов',
    });
    // Only some dimensions: the rest stay empty; the date may be today.
    const partial = await call({
      method: 'POST',
      url: '/api/v1/surveys',
      payload: { clientId: client.id, answeredOn: db.clock.today(), nps: 10 },
    });
    expect(partial.statusCode).toBe(201);
    expect(partial.json()).toMatchObject({ goods: null, company: null, nps: 10, contactId: null, comment: null });

    const list = await responsesOf(call, client.id);
    expect(list.total).toBe(2);
    expect(list.items[0]!.id).toBe(partial.json().id); // the latest answer first
    expect(
      (await call({ url: `/api/v1/surveys?clientId=${client.id}&from=2025-01-01&to=2025-12-31` })).json().total,
    ).toBe(1);
    expect((await call({ url: `/api/v1/surveys?clientId=${client.id}&channel=link` })).json().total).toBe(0);

    const csv = await call({ url: `/api/v1/surveys?clientId=${client.id}&format=csv&lang=ru` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Дата ответа');
    expect(csv.body).toContain('Со слов клиента (менеджер)');
    expect(csv.body).toContain('Цены выше, чем у конкурентов');
    const xlsx = await call({ url: `/api/v1/surveys?clientId=${client.id}&format=xlsx` });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    expect((await call({ method: 'DELETE', url: `/api/v1/surveys/${created.id}` })).statusCode).toBe(204);
    expect((await call({ url: `/api/v1/surveys/${created.id}` })).statusCode).toBe(404);
    expect((await responsesOf(call, client.id)).total).toBe(1);
  });

  it("refuses scores out of range, an empty answer, a future date and another client's contact: 400 with the field, nothing written", async () => {
    const { owner, call, client } = await setUp();
    const other = await buildClient(db, owner, { name: 'ООО «Другой»' });
    const stranger = await buildContact(db, owner, other.id, { fullName: 'Кузнецов Олег Иванович' });
    const base = { clientId: client.id, answeredOn: '2025-05-05' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, goods: 0 }, 'goods', 'minimum'],
      [{ ...base, company: 6 }, 'company', 'maximum'],
      [{ ...base, nps: 11 }, 'nps', 'maximum'],
      [{ ...base, nps: -1 }, 'nps', 'minimum'],
      [{ ...base, staff: 3.5 }, 'staff', 'type'],
      [{ ...base }, 'scores', 'required'],
      [{ ...base, comment: 'только комментарий' }, 'scores', 'required'],
      [{ ...base, goods: null }, 'goods', 'minimum'],
      [{ ...base, answeredOn: tomorrow(), goods: 4 }, 'answeredOn', 'future'],
      [{ ...base, answeredOn: '2025-02-30', goods: 4 }, 'answeredOn', 'format'],
      [{ ...base, contactId: stranger.id, goods: 4 }, 'contactId', 'otherClient'],
      [{ ...base, goods: 4, comment: 'x'.repeat(2001) }, 'comment', 'maxLength'],
    ];
    for (const [payload, field, reason] of cases) {
      const res = await call({ method: 'POST', url: '/api/v1/surveys', payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.json().code).toBe('invalid_input');
      expect(fields(res.json())[field], `${field} of ${JSON.stringify(payload).slice(0, 80)}`).toBe(reason);
      expect(res.json().errors.every((e: { messageRu?: string }) => e.messageRu)).toBe(true);
    }
    expect((await responsesOf(call, client.id)).total).toBe(0);
    expect((await call({ url: '/api/v1/surveys' })).json().total).toBe(0);
  });

  it('lets a read-only user look but not enter', async () => {
    const { owner, client } = await setUp();
    const reader = await buildUser(db, owner.orgId, 'read_only');
    const call = await signedIn(app, reader.email);
    expect(
      (
        await call({
          method: 'POST',
          url: '/api/v1/surveys',
          payload: { clientId: client.id, answeredOn: '2025-01-01', goods: 3 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call({ method: 'POST', url: '/api/v1/surveys/links', payload: { clientId: client.id } })).statusCode,
    ).toBe(403);
    expect((await call({ url: `/api/v1/surveys?clientId=${client.id}` })).statusCode).toBe(200);
  });
});

describe('a one-time survey link', () => {
  it("is answered once in the contact's language: create → public read → answer → a second answer is refused (410), one response stored", async () => {
    const { owner, call, client, contact } = await setUp();
    await db.engine.query('UPDATE contacts SET locale = $3 WHERE org_id = $1 AND id = $2', [
      owner.orgId,
      contact.id,
      'en',
    ]);
    const created = await call({
      method: 'POST',
      url: '/api/v1/surveys/links',
      payload: { clientId: client.id, contactId: contact.id },
    });
    expect(created.statusCode).toBe(201);
    const link = created.json() as { id: number; url: string; expiresAt: string };
    expect(link.url).toMatch(new RegExp(`^/survey/${owner.orgId}\\.[A-Za-z0-9_-]{43}$`));
    const days = (Date.parse(link.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThan(14.1);
    // Only the SHA-256 of the secret is kept.
    const secret = tokenOf(link.url).split('.')[1]!;
    const {
      rows: [stored],
    } = await db.engine.query<{ token_hash: string; locale: string }>(
      'SELECT token_hash, locale FROM survey_links WHERE org_id = $1 AND id = $2',
      [owner.orgId, link.id],
    );
    expect(stored!.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(stored!.locale).toBe('en');

    const visitor = publicClient();
    const page = await visitor.get(tokenOf(link.url));
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    const survey = page.json();
    const orgName = (await call({ url: '/api/v1/auth/me' })).json().orgName;
    expect(survey).toMatchObject({ organization: orgName, client: 'ООО «Опрос»', contactName: 'Анна', locale: 'en' });
    expect(survey.questions.map((q: { key: string }) => q.key)).toEqual([
      'goods',
      'staff',
      'prices',
      'logistics',
      'service',
      'company',
      'nps',
    ]);
    expect(survey.questions[0]).toMatchObject({ min: 1, max: 5, text: expect.stringMatching(/goods/) });
    expect(survey.questions[6]).toMatchObject({ min: 0, max: 10 });
    // Nothing beyond what the page needs: no ids, e-mails or phones.
    expect(Object.keys(survey).sort()).toEqual([
      'client',
      'contactName',
      'expiresAt',
      'locale',
      'organization',
      'questions',
    ]);
    expect(page.body).not.toMatch(/anna@client|900 111|"id"|clientId|contactId|orgId/);

    const answer = {
      scores: { goods: 4, staff: 5, prices: 3, logistics: 4, service: 5, company: 4 },
      nps: 9,
      comment: 'Fast delivery',
    };
    const first = await visitor.post(tokenOf(link.url), answer);
    expect(first.statusCode).toBe(201);
    expect(Date.parse(first.json().answeredAt)).not.toBeNaN();
    const second = await visitor.post(tokenOf(link.url), { ...answer, nps: 0 });
    expect(second.statusCode).toBe(410);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.json()).toMatchObject({
      status: 410,
      code: 'survey_answered',
      reason: 'answered',
      locale: 'en',
      detail: expect.stringMatching(/already been answered/),
    });
    expect((await visitor.get(tokenOf(link.url))).statusCode).toBe(410);

    const list = await responsesOf(call, client.id);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      channel: 'link',
      contactId: contact.id,
      userId: null,
      goods: 4,
      staff: 5,
      nps: 9,
      comment: 'Fast delivery',
      answeredOn: db.clock.today(),
    });
    const links = (await call({ url: `/api/v1/surveys/links?clientId=${client.id}` })).json().items;
    expect(links).toEqual([
      expect.objectContaining({
        id: link.id,
        status: 'answered',
        responseId: list.items[0]!.id,
        contactName: 'Смирнова Анна Сергеевна',
        locale: 'en',
        createdBy: owner.userId,
      }),
    ]);
  });

  it('refuses an answer without any score, without using the link up', async () => {
    const { call, client } = await setUp();
    const link = (
      await call({
        method: 'POST',
        url: '/api/v1/surveys/links',
        payload: { clientId: client.id, locale: 'ru', expiresInDays: 1 },
      })
    ).json();
    const visitor = publicClient();
    const empty = await visitor.post(tokenOf(link.url), { scores: {}, comment: 'без оценок' });
    expect(empty.statusCode).toBe(400);
    expect(fields(empty.json())).toEqual({ scores: 'required' });
    const bad = await visitor.post(tokenOf(link.url), { scores: { goods: 7 }, nps: 12, comment: 'x'.repeat(2001) });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad.json())).toMatchObject({ 'scores/goods': 'maximum', nps: 'maximum', comment: 'maxLength' });
    // A link to no one: the page addresses nobody by name.
    expect((await visitor.get(tokenOf(link.url))).json()).toMatchObject({ contactName: null, locale: 'ru' });
    expect((await visitor.post(tokenOf(link.url), { nps: 3 })).statusCode).toBe(201);
    expect((await responsesOf(call, client.id)).total).toBe(1);
  });

  it("refuses an expired link with 410 in the link's language, and stores nothing", async () => {
    const { owner, call, client, contact } = await setUp();
    const link = (
      await call({
        method: 'POST',
        url: '/api/v1/surveys/links',
        payload: { clientId: client.id, contactId: contact.id },
      })
    ).json();
    await db.engine.query(
      `UPDATE survey_links SET expires_at = now() - interval '1 day' WHERE org_id = $1 AND id = $2`,
      [owner.orgId, link.id],
    );
    const visitor = publicClient();
    const page = await visitor.get(tokenOf(link.url));
    expect(page.statusCode).toBe(410);
    expect(page.json()).toMatchObject({
      code: 'survey_expired',
      reason: 'expired',
      locale: 'ru',
      detail: expect.stringMatching(/Срок действия/),
    });
    expect((await visitor.post(tokenOf(link.url), { nps: 10 })).statusCode).toBe(410);
    expect((await responsesOf(call, client.id)).total).toBe(0);
    expect((await call({ url: `/api/v1/surveys/links?clientId=${client.id}` })).json().items[0].status).toBe('expired');
    expect((await call({ url: `/api/v1/surveys/links?clientId=${client.id}&status=waiting` })).json().items).toEqual(
      [],
    );
  });

  it('refuses a revoked link (410) and an unknown one (404)', async () => {
    const { owner, call, client } = await setUp();
    const link = (
      await call({ method: 'POST', url: '/api/v1/surveys/links', payload: { clientId: client.id, expiresInDays: 90 } })
    ).json();
    expect((await call({ method: 'DELETE', url: `/api/v1/surveys/links/${link.id}` })).statusCode).toBe(204);
    const visitor = publicClient();
    expect((await visitor.get(tokenOf(link.url))).statusCode).toBe(410);
    expect((await visitor.post(tokenOf(link.url), { nps: 10 })).statusCode).toBe(410);
    expect((await call({ url: `/api/v1/surveys/links?clientId=${client.id}` })).json().items[0].status).toBe('expired');

    const unknown = `${owner.orgId}.${randomBytes(32).toString('base64url')}`;
    for (const token of [unknown, 'garbage', `${owner.orgId + 1}.${tokenOf(link.url).split('.')[1]}`]) {
      const res = await visitor.get(token);
      expect(res.statusCode, token).toBe(404);
      expect(res.json().code).toBe('not_found');
      expect((await visitor.post(token, { nps: 5 })).statusCode).toBe(404);
    }
    expect((await call({ method: 'DELETE', url: '/api/v1/surveys/links/999999999' })).statusCode).toBe(404);
    expect((await responsesOf(call, client.id)).total).toBe(0);
  });

  it('takes exactly one of two concurrent answers', async () => {
    const { call, client } = await setUp();
    for (let round = 0; round < 3; round++) {
      const link = (
        await call({ method: 'POST', url: '/api/v1/surveys/links', payload: { clientId: client.id } })
      ).json();
      const visitor = publicClient();
      const results = await Promise.all([
        visitor.post(tokenOf(link.url), { nps: 10 }),
        visitor.post(tokenOf(link.url), { nps: 1 }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 410]);
    }
    expect((await responsesOf(call, client.id)).total).toBe(3);
  });

  it('limits requests per link and per address: 429 problem+json with Retry-After', async () => {
    const { call, client } = await setUp();
    const link = (
      await call({ method: 'POST', url: '/api/v1/surveys/links', payload: { clientId: client.id } })
    ).json();
    const visitor = publicClient();
    for (let i = 0; i < 10; i++) expect((await visitor.get(tokenOf(link.url))).statusCode).toBe(200);
    const limited = await visitor.get(tokenOf(link.url));
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    expect((await visitor.post(tokenOf(link.url), { nps: 10 })).statusCode).toBe(429);

    // From one address, 30 requests a minute whatever the tokens.
    const guesser = publicClient();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await guesser.get(`1.${randomBytes(32).toString('base64url')}`)).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('satisfaction trends', () => {
  it('averages each dimension, computes NPS per period and finds the lowest clients and the weakest dimension, as the pure rules do', async () => {
    const { owner, call } = await setUp();
    const a = await buildClient(db, owner, { name: 'А: довольный' });
    const b = await buildClient(db, owner, { name: 'Б: недовольный' });
    const c = await buildClient(db, owner, { name: 'В: только NPS' });
    const data = [
      {
        clientId: a.id,
        answeredOn: '2024-11-20',
        goods: 5,
        staff: 5,
        prices: 4,
        logistics: 5,
        service: 5,
        company: 5,
        nps: 10,
      },
      {
        clientId: a.id,
        answeredOn: '2025-01-10',
        goods: 5,
        staff: 4,
        prices: 3,
        logistics: 4,
        service: 5,
        company: 5,
        nps: 9,
      },
      {
        clientId: b.id,
        answeredOn: '2025-02-15',
        goods: 3,
        staff: 2,
        prices: 1,
        logistics: 2,
        service: 3,
        company: 2,
        nps: 3,
      },
      { clientId: b.id, answeredOn: '2025-03-31', goods: 4, prices: 2, nps: 7 },
      { clientId: c.id, answeredOn: '2025-05-01', nps: 6 },
      { clientId: a.id, answeredOn: '2025-06-30', company: 4, nps: 8 },
      {
        clientId: b.id,
        answeredOn: '2025-09-01',
        goods: 1,
        staff: 1,
        prices: 1,
        logistics: 1,
        service: 1,
        company: 1,
        nps: 0,
      },
    ];
    for (const payload of data)
      expect((await call({ method: 'POST', url: '/api/v1/surveys', payload })).statusCode).toBe(201);

    const res = await call({ url: '/api/v1/surveys/trends?from=2025-01-01&to=2025-06-30&grain=quarter' });
    expect(res.statusCode).toBe(200);
    const trends = res.json();
    const inRange = data.filter((r) => r.answeredOn >= '2025-01-01' && r.answeredOn <= '2025-06-30');
    const expected = surveyTrend(data, '2025-01-01', '2025-06-30', 'quarter');
    expect(trends.periods.map((p: { period: string }) => p.period)).toEqual(['2025-01-01', '2025-04-01']);
    for (const [i, p] of trends.periods.entries()) {
      const e = expected[i]!.summary;
      expect(p.responses).toBe(e.responses);
      expect(p).toMatchObject({
        promoters: e.promoters,
        passives: e.passives,
        detractors: e.detractors,
        npsRespondents: e.npsRespondents,
      });
      for (const d of ['goods', 'staff', 'prices', 'logistics', 'service', 'company'] as const) {
        if (e.averages[d] === null) expect(p.averages[d]).toBeNull();
        else expect(p.averages[d]).toBeCloseTo(e.averages[d]!, 2);
      }
      expect(p.nps).toBeCloseTo(e.nps!, 1);
    }
    // Q1 2025: a (9 promoter), b (3 detractor), b (7 passive) → (1 − 1)/3 = 0; Q2: c 6, a 8 → (0 − 1)/2 = −50.
    expect(trends.periods[0]).toMatchObject({
      responses: 3,
      nps: 0,
      averages: { goods: 4, staff: 3, prices: 2, company: 3.5 },
    });
    expect(trends.periods[1]).toMatchObject({ responses: 2, nps: -50, averages: { goods: null, company: 4 } });
    // The whole range: 1 promoter (9), 2 passives (7, 8), 2 detractors (3, 6) of 5 → (1 − 2)/5 = −20.
    expect(trends.total).toMatchObject({ responses: 5, promoters: 1, detractors: 2, passives: 2, nps: -20 });
    const totalPrices = (3 + 1 + 2) / 3;
    expect(trends.total.averages.prices).toBeCloseTo(totalPrices, 2);
    expect(trends.weakestDimension).toEqual({ dimension: 'prices', average: 2 });

    // Lowest: b (19 points over 8 scores) before a (30 over 7); c gave only NPS answers and is left out.
    expect(trends.lowestClients.map((x: { clientName: string }) => x.clientName)).toEqual([
      'Б: недовольный',
      'А: довольный',
    ]);
    const bScores = [3, 2, 1, 2, 3, 2, 4, 2];
    expect(trends.lowestClients[0]).toMatchObject({
      clientId: b.id,
      responses: 2,
      weakestDimension: 'prices',
      weakestAverage: 1.5,
      nps: -50,
      lastAnsweredOn: '2025-03-31',
    });
    expect(trends.lowestClients[0].overall).toBeCloseTo(bScores.reduce((x, y) => x + y) / bScores.length, 2);
    // Per client its latest answer in the range, the most recent first.
    expect(trends.latest.map((l: { clientId: number; answeredOn: string }) => [l.clientId, l.answeredOn])).toEqual([
      [a.id, '2025-06-30'],
      [c.id, '2025-05-01'],
      [b.id, '2025-03-31'],
    ]);
    expect(trends.latest[0]).toMatchObject({ company: 4, nps: 8, overall: 4, goods: null });
    expect(inRange).toHaveLength(5);

    // One client, by month, with the empty months in between.
    const one = (
      await call({ url: `/api/v1/surveys/trends?clientId=${b.id}&from=2025-01-01&to=2025-09-30&grain=month` })
    ).json();
    expect(one.periods).toHaveLength(9);
    expect(one.periods.map((p: { responses: number }) => p.responses)).toEqual([0, 1, 1, 0, 0, 0, 0, 0, 1]);
    expect(one.periods[0]).toMatchObject({ nps: null, overall: null });
    expect(one.latest).toHaveLength(1);
    expect(one.latest[0]).toMatchObject({ answeredOn: '2025-09-01', overall: 1, nps: 0 });
    expect(one.total.nps).toBeCloseTo((-100 * 2) / 3, 1);

    // By year, the default range ends today.
    const years = (await call({ url: '/api/v1/surveys/trends?grain=year' })).json();
    expect(years.periods).toHaveLength(5);
    expect(years.to).toBe(db.clock.today());
    expect(years.total.responses).toBe(data.filter((r) => r.answeredOn >= years.from).length);

    const bad = await call({ url: '/api/v1/surveys/trends?from=2025-06-01&to=2025-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad.json())).toEqual({ from: 'range' });
    expect((await call({ url: '/api/v1/surveys/trends?grain=week' })).statusCode).toBe(400);
  });
});

describe('the API document', () => {
  it('describes the survey routes, the public ones without sign-in', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/surveys',
        '/api/v1/surveys/{id}',
        '/api/v1/surveys/trends',
        '/api/v1/surveys/links',
        '/api/v1/surveys/links/{id}',
        '/api/v1/public/surveys/{token}',
      ]),
    );
    expect(doc.paths['/api/v1/public/surveys/{token}'].post.security).toEqual([]);
    expect(Object.keys(doc.paths['/api/v1/public/surveys/{token}'].post.responses)).toEqual(
      expect.arrayContaining(['201', '410', '429']),
    );
  });
});

describe('another organisation', () => {
  it('sees none of our surveys or links, and cannot use our ids: 404, nothing changes', async () => {
    const ours = await setUp();
    const survey = (
      await ours.call({
        method: 'POST',
        url: '/api/v1/surveys',
        payload: { clientId: ours.client.id, answeredOn: '2025-01-01', goods: 5 },
      })
    ).json();
    const link = (
      await ours.call({ method: 'POST', url: '/api/v1/surveys/links', payload: { clientId: ours.client.id } })
    ).json();
    const theirs = await setUp();
    for (const [method, url, payload] of [
      ['GET', `/api/v1/surveys/${survey.id}`],
      ['DELETE', `/api/v1/surveys/${survey.id}`],
      ['DELETE', `/api/v1/surveys/links/${link.id}`],
      ['POST', '/api/v1/surveys', { clientId: ours.client.id, answeredOn: '2025-01-01', goods: 1 }],
      [
        'POST',
        '/api/v1/surveys',
        { clientId: theirs.client.id, contactId: ours.contact.id, answeredOn: '2025-01-01', goods: 1 },
      ],
      ['POST', '/api/v1/surveys/links', { clientId: ours.client.id }],
      ['POST', '/api/v1/surveys/links', { clientId: theirs.client.id, contactId: ours.contact.id }],
      ['GET', `/api/v1/surveys/trends?clientId=${ours.client.id}`],
    ] as const) {
      const res = await theirs.call({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await theirs.call({ url: `/api/v1/surveys?clientId=${ours.client.id}` })).json().total).toBe(0);
    expect((await theirs.call({ url: '/api/v1/surveys/links' })).json().items).toEqual([]);
    expect((await theirs.call({ url: '/api/v1/surveys/trends' })).json().total.responses).toBe(0);
    expect((await theirs.call({ url: `/api/v1/surveys?clientId=${theirs.client.id}` })).json().total).toBe(0);
    // Ours are intact: the survey is there and the link still takes its answer.
    expect((await ours.call({ url: `/api/v1/surveys/${survey.id}` })).statusCode).toBe(200);
    expect((await ours.call({ url: `/api/v1/surveys/links?clientId=${ours.client.id}` })).json().items[0].status).toBe(
      'waiting',
    );
  });
});
