import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../../test/support/app.js';
import { readWorkbook } from '../../../test/support/workbook.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg } from '../../../test/support/factories.js';
import { lastYearWindow } from '../../core/people/dates.js';
import { interactionService } from '../sales/interactions.js';
import { getPersonalKnowledge } from './personal.js';

const db = await useDatabase();
const app = await useApp(db);

const count = async (table: string, orgId: number) =>
  Number(
    (await db.engine.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [orgId]))
      .rows[0]!.n,
  );
const reasons = (body: { errors?: { field: string; reason: string }[] }) =>
  (body.errors ?? []).map((e) => [e.field, e.reason]);

describe('people API', () => {
  it("keeps a contact's personal knowledge: key figure, traits, hobbies (trimmed, each once, at most 20), language", async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const client = await buildClient(db, owner);
    const created = await call({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: {
        clientId: client.id,
        fullName: 'Орлов Игорь Петрович',
        isKeyFigure: true,
        personalTraits: 'Пунктуален',
        professionalTraits: 'Считает каждую копейку',
        hobbies: [' рыбалка ', 'рыбалка', 'теннис'],
        congratulationPreferences: 'Звонок лично',
        giftIdeas: 'Хороший спиннинг',
        locale: 'en',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      isKeyFigure: true,
      hobbies: ['рыбалка', 'теннис'],
      locale: 'en',
      giftIdeas: 'Хороший спиннинг',
    });
    const plain = (
      await call({ method: 'POST', url: '/api/v1/contacts', payload: { clientId: client.id, fullName: 'Иванова' } })
    ).json();
    expect(plain).toMatchObject({ isKeyFigure: false, hobbies: [], locale: 'ru', personalTraits: null });
    const tooMany = await call({
      method: 'PATCH',
      url: `/api/v1/contacts/${plain.id}`,
      payload: { hobbies: Array.from({ length: 21 }, (_, i) => `хобби ${i}`) },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(reasons(tooMany.json())).toEqual([['hobbies', 'maxItems']]);
    const badLocale = await call({ method: 'PATCH', url: `/api/v1/contacts/${plain.id}`, payload: { locale: 'de' } });
    expect(reasons(badLocale.json())).toEqual([['locale', 'oneOf']]);
    expect((await call({ url: `/api/v1/contacts/${plain.id}` })).json()).toMatchObject({ hobbies: [], locale: 'ru' });
  });

  it("links people through the API: 201 with the structure, 400 for bad links, 404 for another organisation's ids", async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const client = await buildClient(db, owner);
    const boss = await buildContact(db, owner, client.id, { fullName: 'Орлов', decisionRoles: ['decision_maker'] });
    const buyer = await buildContact(db, owner, client.id, { fullName: 'Иванова' });
    const linked = await call({
      method: 'POST',
      url: `/api/v1/clients/${client.id}/contact-links`,
      payload: { fromContactId: buyer.id, toContactId: boss.id, kind: 'reports_to' },
    });
    expect(linked.statusCode).toBe(201);
    expect(linked.json().people.find((p: { id: number }) => p.id === buyer.id).reportsToId).toBe(boss.id);
    const cycle = await call({
      method: 'POST',
      url: `/api/v1/clients/${client.id}/contact-links`,
      payload: { fromContactId: boss.id, toContactId: buyer.id, kind: 'reports_to' },
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().detail).toContain('Орлов cannot report to Иванова');
    const badKind = await call({
      method: 'POST',
      url: `/api/v1/clients/${client.id}/contact-links`,
      payload: { fromContactId: boss.id, toContactId: buyer.id, kind: 'loves' },
    });
    expect(reasons(badKind.json())).toEqual([['kind', 'oneOf']]);

    const stranger = await buildOrg(db);
    const theirClient = await buildClient(db, stranger);
    const theirs = await buildContact(db, stranger, theirClient.id);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/clients/${theirClient.id}/power-structure`],
      [
        'POST',
        `/api/v1/clients/${theirClient.id}/contact-links`,
        { fromContactId: buyer.id, toContactId: boss.id, kind: 'influences' },
      ],
      [
        'POST',
        `/api/v1/clients/${client.id}/contact-links`,
        { fromContactId: theirs.id, toContactId: boss.id, kind: 'influences' },
      ],
      ['DELETE', `/api/v1/clients/${theirClient.id}/contact-links/${buyer.id}/${boss.id}/reports_to`],
      ['GET', `/api/v1/contacts/${theirs.id}/personal`],
      ['POST', '/api/v1/family-members', { contactId: theirs.id, relation: 'child', name: 'Маша' }],
      ['POST', '/api/v1/useful-dates', { clientId: theirClient.id, kind: 'custom', title: 'День', month: 1, day: 1 }],
      [
        'POST',
        '/api/v1/useful-dates',
        { clientId: client.id, contactId: theirs.id, kind: 'custom', title: 'День', month: 1, day: 1 },
      ],
    ] as const) {
      const res = await call({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect(await count('contact_links', owner.orgId)).toBe(1);
    expect((await count('family_members', owner.orgId)) + (await count('useful_dates', owner.orgId))).toBe(0);
    expect(
      (
        await call({
          method: 'DELETE',
          url: `/api/v1/clients/${client.id}/contact-links/${buyer.id}/${boss.id}/reports_to`,
        })
      ).statusCode,
    ).toBe(204);
    expect(await count('contact_links', owner.orgId)).toBe(0);
  });

  it('checks family members and useful dates: real days only (29.02 recurs), the contact of their own client', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const client = await buildClient(db, owner);
    const otherClient = await buildClient(db, owner);
    const person = await buildContact(db, owner, client.id);
    const elsewhere = await buildContact(db, owner, otherClient.id);
    const date = (payload: Record<string, unknown>) =>
      call({
        method: 'POST',
        url: '/api/v1/useful-dates',
        payload: { clientId: client.id, contactId: person.id, kind: 'hobby', title: 'Открытие рыбалки', ...payload },
      });

    const feb31 = await date({ month: 2, day: 31 });
    expect(feb31.statusCode).toBe(400);
    expect(reasons(feb31.json())).toEqual([['day', 'notInMonth']]);
    expect(feb31.json().errors[0].messageRu).toContain('31.02');
    expect(reasons((await date({ month: 13, day: 1 })).json())).toEqual([['month', 'maximum']]);
    expect(reasons((await date({ month: 4, day: 31 })).json())).toEqual([['day', 'notInMonth']]);
    expect(reasons((await date({ month: 2, day: 29, year: 2023 })).json())).toEqual([['day', 'notInYear']]);
    const other = await date({ contactId: elsewhere.id, month: 5, day: 1 });
    expect(reasons(other.json())).toEqual([['contactId', 'otherClient']]);
    expect(await count('useful_dates', owner.orgId)).toBe(0);

    const leap = await date({ month: 2, day: 29 });
    expect(leap.statusCode).toBe(201);
    expect(leap.json()).toMatchObject({ month: 2, day: 29, year: null, contactId: person.id, clientId: client.id });
    // Changing only the month is checked against the day it keeps.
    expect(
      reasons(
        (await call({ method: 'PATCH', url: `/api/v1/useful-dates/${leap.json().id}`, payload: { month: 4 } })).json(),
      ),
    ).toEqual([]);
    expect(
      reasons(
        (
          await call({ method: 'PATCH', url: `/api/v1/useful-dates/${leap.json().id}`, payload: { month: 6, day: 31 } })
        ).json(),
      ),
    ).toEqual([['day', 'notInMonth']]);
    expect(
      reasons(
        (
          await call({
            method: 'PATCH',
            url: `/api/v1/useful-dates/${leap.json().id}`,
            payload: { contactId: elsewhere.id },
          })
        ).json(),
      ),
    ).toEqual([['contactId', 'otherClient']]);
    const company = await call({
      method: 'POST',
      url: '/api/v1/useful-dates',
      payload: {
        clientId: client.id,
        kind: 'company_anniversary',
        title: 'День основания',
        month: 3,
        day: 15,
        year: 1995,
      },
    });
    expect(company.json()).toMatchObject({ contactId: null, year: 1995 });
    expect(
      (await call({ url: `/api/v1/useful-dates?clientId=${client.id}` }))
        .json()
        .items.map((d: { month: number }) => d.month),
    ).toEqual([3, 4]);
    expect((await call({ url: `/api/v1/useful-dates?contactId=${person.id}` })).json().total).toBe(1);

    const family = (payload: Record<string, unknown>) =>
      call({
        method: 'POST',
        url: '/api/v1/family-members',
        payload: { contactId: person.id, relation: 'child', name: 'Маша', ...payload },
      });
    expect(reasons((await family({ birthday: '2015-02-31' })).json())).toEqual([['birthday', 'format']]);
    expect(reasons((await family({ birthday: '2999-01-01' })).json())).toEqual([['birthday', 'range']]);
    expect(reasons((await family({ relation: 'cousin' })).json())).toEqual([['relation', 'oneOf']]);
    expect(reasons((await family({ name: '' })).json())).toEqual([['name', 'minLength']]);
    const child = await family({ birthday: '2016-02-29' });
    expect(child.statusCode).toBe(201);
    await call({
      method: 'POST',
      url: '/api/v1/family-members',
      payload: { contactId: elsewhere.id, relation: 'spouse', name: 'Ольга' },
    });
    expect(
      (await call({ url: `/api/v1/family-members?clientId=${client.id}` }))
        .json()
        .items.map((f: { name: string }) => f.name),
    ).toEqual(['Маша']);
    expect(
      (await call({ url: `/api/v1/family-members?contactId=${elsewhere.id}` }))
        .json()
        .items.map((f: { name: string }) => f.name),
    ).toEqual(['Ольга']);
    expect(
      (
        await call({ method: 'PATCH', url: `/api/v1/family-members/${child.json().id}`, payload: { name: 'Мария' } })
      ).json().name,
    ).toBe('Мария');
    expect((await call({ method: 'DELETE', url: `/api/v1/family-members/${child.json().id}` })).statusCode).toBe(204);
    const csv = await call({ url: `/api/v1/useful-dates?clientId=${client.id}&format=csv` });
    expect(csv.headers['content-type']).toContain('text/csv');
  });

  it('lists the base analysis over HTTP, with filters in the query and as a file', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const key = await buildClient(db, owner, { name: 'ООО «Ключевой»', significance: 'key' });
    await buildContact(db, owner, key.id, { decisionRoles: ['first_contact'] });
    await buildClient(db, owner, { name: 'ООО «Малый»', significance: 'minor' });
    const res = await call({
      url: '/api/v1/people/base-analysis?missing=decision_maker&significance=key,major&pageSize=10',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      total: 1,
      clients: 1,
      items: [{ name: 'ООО «Ключевой»', answered: ['first_contact'] }],
    });
    expect(reasons((await call({ url: '/api/v1/people/base-analysis?missing=nonsense' })).json())).toEqual([
      ['missing', 'oneOf'],
    ]);
    expect(reasons((await call({ url: '/api/v1/people/base-analysis?significance=huge' })).json())).toEqual([
      ['significance', 'oneOf'],
    ]);
    const file = await call({ url: '/api/v1/people/base-analysis?format=xlsx&lang=en' });
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toContain('base-analysis.xlsx');
    const [sheet] = readWorkbook(file.rawPayload);
    expect(sheet!.column('Client id')[0]).toMatchObject({ type: 'number', format: 'General' });
    expect(sheet!.column('Contacts')[0]).toMatchObject({ type: 'number', format: '#,##0' });
    expect(sheet!.column('Significance')[0]).toEqual({ type: 'text', value: 'Key' });
    const csv = (await call({ url: '/api/v1/people/base-analysis?format=csv&lang=ru&sort=name' })).body;
    expect(csv).toContain('Кто решает о покупке');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
  });

  it("answers a contact's personal knowledge with gifts given and those of the last year", async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const client = await buildClient(db, owner);
    const person = await buildContact(db, owner, client.id, {
      fullName: 'Орлов',
      isKeyFigure: true,
      birthday: '1970-05-12',
      hobbies: ['рыбалка'],
    });
    const colleague = await buildContact(db, owner, client.id, { fullName: 'Иванова' });
    const gift = (occurredAt: string, moneySpent: string, notes: string, contactId = person.id, kind = 'gift') =>
      interactionService.create(db, owner, {
        clientId: client.id,
        contactId,
        kind,
        occurredAt,
        moneySpent,
        notes,
      } as never);
    await gift('2024-05-10T09:00:00Z', '3000.00', 'Книга о рыбалке');
    await gift('2025-05-11T09:00:00Z', '5000.50', 'Спиннинг');
    await gift('2025-12-29T09:00:00Z', '1500.00', 'Новогодний набор');
    await gift('2025-12-29T09:00:00Z', '999.00', 'Не ему', colleague.id);
    await gift('2025-12-30T09:00:00Z', '700.00', 'Обед', person.id, 'reception');
    await call({
      method: 'POST',
      url: '/api/v1/family-members',
      payload: { contactId: person.id, relation: 'spouse', name: 'Ольга', birthday: '1972-08-01' },
    });
    await call({
      method: 'POST',
      url: '/api/v1/useful-dates',
      payload: { clientId: client.id, contactId: person.id, kind: 'name_day', title: 'Именины', month: 7, day: 12 },
    });

    const k = await getPersonalKnowledge(db, owner, person.id, '2026-05-01');
    expect(k.contact).toMatchObject({ fullName: 'Орлов', isKeyFigure: true, hobbies: ['рыбалка'] });
    expect(k.nextBirthday).toBe('2026-05-12');
    expect(k.family.map((f) => f.name)).toEqual(['Ольга']);
    expect(k.usefulDates.map((d) => d.title)).toEqual(['Именины']);
    expect(k.gifts.map((g) => g.notes)).toEqual(['Новогодний набор', 'Спиннинг', 'Книга о рыбалке']);
    expect(k.giftsTotal).toBe('9500.50');
    // The last year up to 1 May 2026: since 1 May 2025 — the rod for last birthday and the New Year set.
    expect(k.lastYear).toMatchObject({ from: '2025-05-01', to: '2026-05-01', total: '6500.50' });
    expect(k.lastYear.gifts.map((g) => g.notes)).toEqual(['Новогодний набор', 'Спиннинг']);
    expect((await getPersonalKnowledge(db, owner, person.id, '2026-05-12')).lastYear.gifts.map((g) => g.notes)).toEqual(
      ['Новогодний набор'],
    );

    const res = await call({ url: `/api/v1/contacts/${person.id}/personal` });
    expect(res.statusCode).toBe(200);
    expect(res.json().lastYear).toMatchObject(lastYearWindow(db.clock.today()));
    expect(res.json().giftsTotal).toBe('9500.50');
    // Gifts are relationship spend: they count in the client's cost to serve.
    const card = (await call({ url: `/api/v1/clients/${client.id}/card` })).json();
    expect(card.purchases.relationshipSpend).toBe('11199.50');
  });
});
