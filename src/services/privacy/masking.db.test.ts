import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../../test/support/app.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildOrg, buildUser } from '../../../test/support/factories.js';
import { buildPerson, person } from '../../../test/support/person.js';
import { usefulDateService } from '../people/useful-dates.js';

const db = await useDatabase();
const app = await useApp(db);

/** Values only the roles with personal data may see. */
const secrets = [
  person.phones[0],
  person.emails[0],
  person.birthday,
  'Пунктуальна',
  'Редкие сорта роз',
  'садоводство',
  'Открытка и звонок',
  person.family,
  'Выставка роз',
  'Предпочитает звонки',
];
const leaks = (body: string) => secrets.filter((s) => body.includes(s));

describe('personal data hidden from analysts', () => {
  it('masks the personal fields in every read of contacts, refuses the personal endpoints, and keeps names, roles and figures', async () => {
    const owner = await buildOrg(db);
    const p = await buildPerson(db, owner);
    const company = await usefulDateService.create(db, owner, {
      clientId: p.client.id,
      kind: 'company_anniversary',
      title: 'День основания',
      month: 3,
      day: 1,
      year: 2001,
    } as never);
    const analyst = await signedIn(app, (await buildUser(db, owner.orgId, 'analyst')).email);
    const readOnly = await signedIn(app, (await buildUser(db, owner.orgId, 'read_only')).email);

    const one = await analyst({ url: `/api/v1/contacts/${p.contact.id}` });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      id: p.contact.id,
      fullName: person.fullName,
      position: 'Финансовый директор',
      decisionRoles: ['payment_decider'],
      influence: 'high',
      attitude: 'ally',
      isKeyFigure: true,
      phones: [],
      emails: [],
      birthday: null,
      personalTraits: null,
      professionalTraits: null,
      hobbies: [],
      congratulationPreferences: null,
      giftIdeas: null,
      notes: null,
      personalDataHidden: true,
    });
    const reads = [
      `/api/v1/contacts/${p.contact.id}`,
      `/api/v1/contacts?clientId=${p.client.id}`,
      `/api/v1/contacts?clientId=${p.client.id}&format=csv`,
      `/api/v1/contacts?clientId=${p.client.id}&format=xlsx`,
      `/api/v1/clients/${p.client.id}/card`,
      `/api/v1/clients/${p.client.id}/power-structure`,
      `/api/v1/useful-dates?clientId=${p.client.id}`,
      '/api/v1/calendar/events?from=2026-01-01&to=2026-12-31',
      '/api/v1/tasks?scope=all',
      `/api/v1/claims?clientId=${p.client.id}`,
      `/api/v1/surveys?clientId=${p.client.id}`,
    ];
    for (const url of reads) {
      const res = await analyst({ url });
      expect(res.statusCode, url).toBe(200);
      // The card's people; its other blocks are the company's free text (interaction notes, special knowledge), not masked.
      const body = url.includes('xlsx')
        ? Buffer.from(res.rawPayload).toString('latin1')
        : url.endsWith('/card')
          ? JSON.stringify(res.json().contacts)
          : res.body;
      expect(leaks(body), url).toEqual([]);
    }
    // What is not personal stays: the company's own dates, the people's names in the structure, the congratulation of the company.
    expect(
      (await analyst({ url: `/api/v1/useful-dates?clientId=${p.client.id}` }))
        .json()
        .items.map((d: { id: number }) => d.id),
    ).toEqual([company.id]);
    expect(
      (await analyst({ url: `/api/v1/clients/${p.client.id}/power-structure` }))
        .json()
        .people.map((x: { fullName: string }) => x.fullName)
        .sort(),
    ).toEqual(['Кривошеева Аглая Феоктистовна', 'Орлов Игорь Петрович']);
    const events = (await analyst({ url: '/api/v1/calendar/events?from=2026-01-01&to=2026-12-31' })).json().events as {
      kind: string;
      contactId?: number | null;
    }[];
    expect(events.filter((e) => e.contactId)).toEqual([]);
    expect(events.some((e) => e.kind === 'company_anniversary')).toBe(true);
    const tasks = (await analyst({ url: '/api/v1/tasks?scope=all' })).json();
    expect(tasks.items.map((t: { id: number }) => t.id)).toEqual([p.callBack.id]);
    expect(tasks.total).toBe(1);

    for (const [method, url] of [
      ['GET', `/api/v1/contacts/${p.contact.id}/personal`],
      ['GET', `/api/v1/family-members?contactId=${p.contact.id}`],
      ['GET', `/api/v1/family-members?clientId=${p.client.id}`],
      ['GET', `/api/v1/useful-dates?contactId=${p.contact.id}`],
      ['GET', `/api/v1/tasks/${p.congratulation.id}`],
      ['GET', `/api/v1/contacts/${p.contact.id}/consents`],
      ['GET', `/api/v1/contacts/${p.contact.id}/personal-data`],
    ] as const) {
      const res = await analyst({ method, url });
      expect(res.statusCode, url).toBe(403);
      expect(leaks(res.body)).toEqual([]);
    }
    const familyId = (
      await db.engine.query<{ id: number }>('SELECT id FROM family_members WHERE org_id = $1', [owner.orgId])
    ).rows[0]!.id;
    expect((await analyst({ url: `/api/v1/family-members/${familyId}` })).statusCode).toBe(403);

    // The roles that see personal data see them: read-only included.
    const full = (await readOnly({ url: `/api/v1/clients/${p.client.id}/card` })).json();
    expect(full.contacts.find((c: { id: number }) => c.id === p.contact.id)).toMatchObject({
      phones: person.phones,
      birthday: person.birthday,
    });
    expect(full.contacts[0].personalDataHidden).toBeUndefined();
    expect((await readOnly({ url: `/api/v1/contacts/${p.contact.id}/personal` })).json().family[0].name).toBe(
      person.family,
    );
    const ownerEvents = (
      await (
        await signedIn(app, owner.email)
      )({ url: '/api/v1/calendar/events?from=2026-01-01&to=2026-12-31' })
    ).json().events as { kind: string; contactId?: number }[];
    expect(
      ownerEvents
        .filter((e) => e.contactId === p.contact.id)
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['birthday', 'family_birthday', 'hobby']);
  });
});
