import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../../test/support/app.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildUser } from '../../../test/support/factories.js';
import { addDays } from '../../core/calendar/congratulations.js';

const db = await useDatabase();
const app = await useApp(db);

const today = new Date().toISOString().slice(0, 10);
const reasons = (body: { errors?: { field: string; reason: string }[] }) =>
  (body.errors ?? []).map((e) => [e.field, e.reason]);
const consentCount = async (orgId: number) =>
  Number(
    (await db.engine.query<{ n: number }>('SELECT count(*)::int AS n FROM contact_consents WHERE org_id = $1', [orgId]))
      .rows[0]!.n,
  );

describe('consents', () => {
  it('records a consent, tells the status, and withdraws it with the day to destroy the data by', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const client = await buildClient(db, owner);
    const person = await buildContact(db, owner, client.id);
    const other = await buildContact(db, owner, client.id, { fullName: 'Орлов' });

    expect((await call({ url: `/api/v1/contacts/${person.id}/consents` })).json()).toEqual({
      contactId: person.id,
      status: 'none',
      consentId: null,
      validUntil: null,
      withdrawnOn: null,
      destroyBy: null,
      erasedAt: null,
      items: [],
    });
    const created = await call({
      method: 'POST',
      url: `/api/v1/contacts/${person.id}/consents`,
      payload: {
        purpose: '  Поздравления с личными и семейными датами ',
        form: 'written',
        givenOn: addDays(today, -30),
        validUntil: addDays(today, 365),
        notes: 'Скан в папке «Согласия»',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const state = created.json();
    expect(state).toMatchObject({
      contactId: person.id,
      status: 'given',
      validUntil: addDays(today, 365),
      destroyBy: null,
    });
    expect(state.items).toHaveLength(1);
    expect(state.items[0]).toMatchObject({
      purpose: 'Поздравления с личными и семейными датами',
      form: 'written',
      givenOn: addDays(today, -30),
      status: 'given',
      recordedBy: owner.userId,
      recordedByName: 'Тест Тестов',
    });
    const id = state.consentId;

    // An older consent that ran out does not change a status that rests on one in force.
    await call({
      method: 'POST',
      url: `/api/v1/contacts/${other.id}/consents`,
      payload: { purpose: 'Деловая переписка', form: 'oral', givenOn: '2024-01-10', validUntil: '2025-01-10' },
    });
    const statuses = (await call({ url: `/api/v1/clients/${client.id}/consents` })).json();
    expect(statuses).toEqual([
      {
        contactId: person.id,
        status: 'given',
        consentId: id,
        validUntil: addDays(today, 365),
        withdrawnOn: null,
        destroyBy: null,
        erasedAt: null,
      },
      {
        contactId: other.id,
        status: 'expired',
        consentId: expect.any(Number),
        validUntil: '2025-01-10',
        withdrawnOn: null,
        destroyBy: '2025-02-10',
        erasedAt: null,
      },
    ]);

    const withdrawn = await call({
      method: 'PATCH',
      url: `/api/v1/consents/${id}`,
      payload: { withdrawnOn: today, notes: 'Заявление об отзыве' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawnOn: today, destroyBy: addDays(today, 30) });
    expect(withdrawn.json().items[0]).toMatchObject({ status: 'withdrawn', notes: 'Заявление об отзыве' });
    // The same withdrawal again changes nothing; another day is a conflict: the first one stands.
    expect(
      (await call({ method: 'PATCH', url: `/api/v1/consents/${id}`, payload: { withdrawnOn: today } })).statusCode,
    ).toBe(200);
    const moved = await call({
      method: 'PATCH',
      url: `/api/v1/consents/${id}`,
      payload: { withdrawnOn: addDays(today, -1) },
    });
    expect(moved.statusCode).toBe(409);
    // Each write left its audit row.
    const audit = (
      await db.engine.query<{ action: string; entity: string }>(
        "SELECT action, entity FROM audit_log WHERE org_id = $1 AND entity = 'consent' ORDER BY id",
        [owner.orgId],
      )
    ).rows;
    expect(audit.map((a) => a.action)).toEqual(['create', 'create', 'update']);
  });

  it('refuses bad consents with the field and the reason, and writes nothing', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const person = await buildContact(db, owner, (await buildClient(db, owner)).id);
    const post = (payload: Record<string, unknown>) =>
      call({ method: 'POST', url: `/api/v1/contacts/${person.id}/consents`, payload });
    const ok = { purpose: 'Поздравления', form: 'electronic', givenOn: addDays(today, -1) };
    for (const [payload, expected] of [
      [{ form: 'written', givenOn: today }, [['purpose', 'required']]],
      [{ ...ok, purpose: '   ' }, [['purpose', 'required']]],
      [{ ...ok, form: 'telepathy' }, [['form', 'oneOf']]],
      [{ ...ok, form: 'contract', givenOn: '2025-09-01' }, [['form', 'separateDocument']]],
      [{ ...ok, form: 'oral', givenOn: '2025-10-01' }, [['form', 'separateDocument']]],
      [{ ...ok, givenOn: addDays(today, 2) }, [['givenOn', 'future']]],
      [{ ...ok, givenOn: '2026-02-31' }, [['givenOn', 'format']]],
      [{ ...ok, validUntil: ok.givenOn }, [['validUntil', 'beforeGiven']]],
      [{ ...ok, validUntil: addDays(ok.givenOn, -5) }, [['validUntil', 'beforeGiven']]],
      [{ ...ok, status: 'given' }, [['status', 'unknown']]],
    ] as const) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(reasons(res.json()), JSON.stringify(payload)).toEqual(expected);
    }
    expect(await consentCount(owner.orgId)).toBe(0);

    const id = (await post(ok)).json().consentId;
    for (const [payload, expected] of [
      [{ withdrawnOn: addDays(ok.givenOn, -1) }, [['withdrawnOn', 'beforeGiven']]],
      [{ withdrawnOn: addDays(today, 2) }, [['withdrawnOn', 'future']]],
      [{}, [['withdrawnOn', 'required']]],
    ] as const) {
      const res = await call({ method: 'PATCH', url: `/api/v1/consents/${id}`, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(reasons(res.json())).toEqual(expected);
    }
    expect(
      (await db.engine.query('SELECT withdrawn_on FROM contact_consents WHERE org_id = $1', [owner.orgId])).rows,
    ).toEqual([{ withdrawn_on: null }]);
  });

  it("is for the roles that see personal data: analyst 403, read-only reads but does not write, another client's manager and another organisation 404", async () => {
    const owner = await buildOrg(db);
    const manager = await buildUser(db, owner.orgId, 'manager');
    const client = await buildClient(db, owner, { ownerUserId: manager.userId });
    const person = await buildContact(db, owner, client.id);
    const ownerCall = await signedIn(app, owner.email);
    const id = (
      await ownerCall({
        method: 'POST',
        url: `/api/v1/contacts/${person.id}/consents`,
        payload: { purpose: 'Поздравления', form: 'written', givenOn: today },
      })
    ).json().consentId;
    const as = async (role: string) => signedIn(app, (await buildUser(db, owner.orgId, role)).email);

    const analyst = await as('analyst');
    expect((await analyst({ url: `/api/v1/contacts/${person.id}/consents` })).statusCode).toBe(403);
    expect((await analyst({ url: `/api/v1/clients/${client.id}/consents` })).statusCode).toBe(403);
    expect(
      (await analyst({ method: 'PATCH', url: `/api/v1/consents/${id}`, payload: { withdrawnOn: today } })).statusCode,
    ).toBe(403);
    const readOnly = await as('read_only');
    expect((await readOnly({ url: `/api/v1/contacts/${person.id}/consents` })).json().status).toBe('given');
    expect(
      (
        await readOnly({
          method: 'POST',
          url: `/api/v1/contacts/${person.id}/consents`,
          payload: { purpose: 'Поздравления', form: 'written', givenOn: today },
        })
      ).statusCode,
    ).toBe(403);
    const own = await signedIn(app, manager.email);
    expect((await own({ url: `/api/v1/contacts/${person.id}/consents` })).statusCode).toBe(200);
    const stranger = await as('manager');
    expect((await stranger({ url: `/api/v1/contacts/${person.id}/consents` })).statusCode).toBe(404);
    expect(
      (await stranger({ method: 'PATCH', url: `/api/v1/consents/${id}`, payload: { withdrawnOn: today } })).statusCode,
    ).toBe(404);

    const otherOrg = await buildOrg(db);
    const theirs = await signedIn(app, otherOrg.email);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/contacts/${person.id}/consents`],
      ['POST', `/api/v1/contacts/${person.id}/consents`, { purpose: 'Поздравления', form: 'written', givenOn: today }],
      ['PATCH', `/api/v1/consents/${id}`, { withdrawnOn: today }],
      ['GET', `/api/v1/clients/${client.id}/consents`],
    ] as const) {
      expect((await theirs({ method, url, ...(payload ? { payload } : {}) })).statusCode, `${method} ${url}`).toBe(404);
    }
    expect(await consentCount(owner.orgId)).toBe(1);
    expect(await consentCount(otherOrg.orgId)).toBe(0);
    expect(
      (await db.engine.query('SELECT withdrawn_on FROM contact_consents WHERE org_id = $1', [owner.orgId])).rows,
    ).toEqual([{ withdrawn_on: null }]);
  });
});
