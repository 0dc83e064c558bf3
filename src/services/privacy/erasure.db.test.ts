import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../../test/support/app.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildUser } from '../../../test/support/factories.js';
import { buildPerson, findEverywhere, person } from '../../../test/support/person.js';
import { findClients } from '../clients/clients.js';

const db = await useDatabase();
const app = await useApp(db);

/** Every value of the person that must not survive erasure, as written anywhere (the surname alone finds the family and the search words). */
const traces = [
  person.fullName,
  'Кривошеев',
  'Аглая',
  person.phones[0],
  person.emails[0],
  person.birthday,
  '23.07.1961',
  '1959-02-11',
  'Пунктуальна',
  'Редкие сорта роз',
  'садоводство',
  'Букет роз',
  'Выставка роз',
];

const counts = async (orgId: number, clientId: number) => {
  const { rows } = await db.engine.query<Record<string, number>>(
    `
    SELECT (SELECT count(*)::int FROM orders WHERE org_id = $1 AND client_id = $2) AS orders,
           (SELECT count(*)::int FROM order_lines l JOIN orders o ON o.org_id = l.org_id AND o.id = l.order_id WHERE l.org_id = $1 AND o.client_id = $2) AS lines,
           (SELECT count(*)::int FROM interactions WHERE org_id = $1 AND client_id = $2) AS interactions,
           (SELECT coalesce(sum(money_spent), 0)::bigint FROM interactions WHERE org_id = $1 AND client_id = $2) AS spent,
           (SELECT count(*)::int FROM claims WHERE org_id = $1 AND client_id = $2) AS claims,
           (SELECT count(*)::int FROM claim_events e JOIN claims c ON c.org_id = e.org_id AND c.id = e.claim_id WHERE e.org_id = $1 AND c.client_id = $2) AS claim_events,
           (SELECT count(*)::int FROM survey_responses WHERE org_id = $1 AND client_id = $2) AS surveys,
           (SELECT count(*)::int FROM contacts WHERE org_id = $1 AND client_id = $2) AS contacts,
           (SELECT count(*)::int FROM legal_entities WHERE org_id = $1 AND client_id = $2) AS legal_entities`,
    [orgId, clientId],
  );
  return rows[0]!;
};
const figures = async (orgId: number, clientId: number) =>
  (
    await db.engine.query('SELECT * FROM client_figures WHERE org_id = $1 AND client_id = $2', [orgId, clientId])
  ).rows.map((r) => {
    const { computed_at: _c, updated_at: _u, ...rest } = r as Record<string, unknown>;
    return rest;
  });

describe('erasure on request', () => {
  it("removes every trace of the person from the organisation's rows and keeps the commercial history and figures", async () => {
    const owner = await buildOrg(db);
    const p = await buildPerson(db, owner);
    // A namesake in another organisation is another person's data: untouched.
    const stranger = await buildOrg(db);
    const theirs = await buildContact(db, stranger, (await buildClient(db, stranger)).id, {
      fullName: person.fullName,
      phones: [...person.phones],
    });
    // The check sees her wherever she is before erasure: the tables, the audit log and the search text.
    const seen = new Set((await findEverywhere(db, owner.orgId, traces)).map((h) => h.split(':')[0]));
    for (const column of [
      'contacts.full_name',
      'contacts.birthday',
      'contacts.notes',
      'contacts.phones',
      'clients.management',
      'family_members.name',
      'useful_dates.title',
      'interactions.notes',
      'claims.description',
      'claim_events.note',
      'tasks.title',
      'audit_log.after',
      'client_search.search_text',
      'client_search.search_vector',
    ]) {
      expect(seen, column).toContain(column);
    }
    const before = { counts: await counts(owner.orgId, p.client.id), figures: await figures(owner.orgId, p.client.id) };
    expect(before.figures).toHaveLength(1);

    const call = await signedIn(app, owner.email);
    const res = await call({
      method: 'POST',
      url: `/api/v1/contacts/${p.contact.id}/erase`,
      payload: { reason: `Письменное заявление ${person.fullName} от 01.03.2026, вх. № 45` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({
      contactId: p.contact.id,
      fullName: `Контакт удалён по запросу (№ ${p.contact.id})`,
    });
    expect(result.removed).toMatchObject({
      familyMembers: 1,
      usefulDates: 1,
      consents: 1,
      contactLinks: 1,
      congratulationTasks: 1,
      surveyLinksExpired: 1,
      interactionNotes: 2,
      claimDescriptions: 1,
      claimEventNotes: 1,
      surveyComments: 1,
    });

    // Nothing of her is left anywhere in the organisation: every text, list, JSON and date column of every table.
    expect(await findEverywhere(db, owner.orgId, traces)).toEqual([]);
    // The commercial history is whole: the same documents, interactions with their cost, claims, answers and people; the figures unchanged.
    expect(await counts(owner.orgId, p.client.id)).toEqual(before.counts);
    expect(await figures(owner.orgId, p.client.id)).toEqual(before.figures);
    const contact = (await call({ url: `/api/v1/contacts/${p.contact.id}` })).json();
    expect(contact).toMatchObject({
      fullName: result.fullName,
      phones: [],
      emails: [],
      birthday: null,
      decisionRoles: [],
      influence: null,
      attitude: null,
      isKeyFigure: false,
      position: null,
      hobbies: [],
    });
    expect(contact.erasedAt).toBe(result.erasedAt);
    const gift = (await call({ url: `/api/v1/interactions/${p.gift.id}` })).json();
    expect(gift).toMatchObject({
      contactId: p.contact.id,
      moneySpent: '3500.00',
      kind: 'gift',
      notes: null,
      occurredAt: '2026-02-01T10:00:00.000Z',
    });
    const claim = (await call({ url: `/api/v1/claims/${p.claim.id}` })).json();
    expect(claim).toMatchObject({
      contactId: p.contact.id,
      subject: 'Опоздала поставка',
      description: null,
      status: 'in_progress',
      receivedOn: '2026-02-05',
    });
    // The colleague and the card keep their words, with her name replaced.
    const colleague = (await call({ url: `/api/v1/contacts/${p.colleague.id}` })).json();
    expect(colleague.notes).toBe(`Согласует всё с ${result.fullName}, тел. [удалено]`);
    expect(colleague.fullName).toBe('Орлов Игорь Петрович');
    // The manual task stays (with the placeholder), the congratulation is gone.
    const tasks = (
      await db.engine.query<{ kind: string; title: string }>(
        'SELECT kind, title FROM tasks WHERE org_id = $1 AND contact_id = $2',
        [owner.orgId, p.contact.id],
      )
    ).rows;
    expect(tasks).toEqual([{ kind: 'other', title: `Позвонить ${result.fullName} насчёт оплаты` }]);
    // Search no longer finds the client by her name; it still does by her colleague's.
    expect((await findClients(db, owner, { q: 'Кривошеева' } as never)).items).toEqual([]);
    expect((await findClients(db, owner, { q: 'Орлов' } as never)).items.map((c: { id: number }) => c.id)).toEqual([
      p.client.id,
    ]);
    // The public survey link stopped working.
    expect(
      (
        await db.engine.query<{ live: boolean }>(
          'SELECT expires_at > now() AS live FROM survey_links WHERE org_id = $1 AND id = $2',
          [owner.orgId, p.link.id],
        )
      ).rows[0]!.live,
    ).toBe(false);
    // One audit row records the erasure, without her data.
    const erase = (
      await db.engine.query<{ user_id: number; after: Record<string, unknown> }>(
        "SELECT user_id, after FROM audit_log WHERE org_id = $1 AND action = 'erase'",
        [owner.orgId],
      )
    ).rows;
    expect(erase).toHaveLength(1);
    expect(erase[0]!.user_id).toBe(owner.userId);
    expect(erase[0]!.after).toMatchObject({
      fullName: result.fullName,
      reason: 'Письменное заявление [удалено] от 01.03.2026, вх. № 45',
    });

    // Another organisation's namesake is as it was.
    expect(
      (
        await db.engine.query('SELECT full_name, phones FROM contacts WHERE org_id = $1 AND id = $2', [
          stranger.orgId,
          theirs.id,
        ])
      ).rows[0],
    ).toEqual({ full_name: person.fullName, phones: [...person.phones] });

    // A second erasure is a conflict and changes nothing; the placeholder row cannot take personal data back.
    const again = await call({
      method: 'POST',
      url: `/api/v1/contacts/${p.contact.id}/erase`,
      payload: { reason: 'Повторное заявление' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('already erased');
    const refill = await call({
      method: 'PATCH',
      url: `/api/v1/contacts/${p.contact.id}`,
      payload: { phones: ['+7 900 000-00-00'] },
    });
    expect(refill.statusCode).toBe(409);
    expect(
      (
        await call({
          method: 'POST',
          url: '/api/v1/family-members',
          payload: { contactId: p.contact.id, relation: 'child', name: 'Маша' },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await call({
          method: 'POST',
          url: `/api/v1/contacts/${p.contact.id}/consents`,
          payload: { purpose: 'Поздравления', form: 'written', givenOn: '2026-01-10' },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await db.engine.query("SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action = 'erase'", [
          owner.orgId,
        ])
      ).rows[0],
    ).toEqual({ n: 1 });
  });

  it("is for the owner and the head of sales: analyst, read-only and managers get 403, another organisation's contact 404; nothing changes", async () => {
    const owner = await buildOrg(db);
    const manager = await buildUser(db, owner.orgId, 'manager');
    const p = await buildPerson(db, owner, { ownerUserId: manager.userId });
    const other = await buildUser(db, owner.orgId, 'manager');
    const snapshot = async () =>
      (
        await db.engine.query('SELECT full_name, phones, erased_at FROM contacts WHERE org_id = $1 AND id = $2', [
          owner.orgId,
          p.contact.id,
        ])
      ).rows[0];
    const was = await snapshot();
    for (const [role, status] of [
      ['analyst', 403],
      ['read_only', 403],
      ['manager', 403],
    ] as const) {
      const user = role === 'manager' ? manager : await buildUser(db, owner.orgId, role);
      const call = await signedIn(app, user.email);
      const res = await call({
        method: 'POST',
        url: `/api/v1/contacts/${p.contact.id}/erase`,
        payload: { reason: 'Заявление' },
      });
      expect(res.statusCode, role).toBe(status);
    }
    // A manager of another client does not even see this one.
    const otherCall = await signedIn(app, other.email);
    expect([403, 404]).toContain(
      (
        await otherCall({
          method: 'POST',
          url: `/api/v1/contacts/${p.contact.id}/erase`,
          payload: { reason: 'Заявление' },
        })
      ).statusCode,
    );
    const stranger = await buildOrg(db);
    const strangerCall = await signedIn(app, stranger.email);
    expect(
      (
        await strangerCall({
          method: 'POST',
          url: `/api/v1/contacts/${p.contact.id}/erase`,
          payload: { reason: 'Заявление' },
        })
      ).statusCode,
    ).toBe(404);
    expect(await snapshot()).toEqual(was);

    const head = await buildUser(db, owner.orgId, 'head_of_sales');
    const headCall = await signedIn(app, head.email);
    const blank = await headCall({
      method: 'POST',
      url: `/api/v1/contacts/${p.contact.id}/erase`,
      payload: { reason: '   ' },
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    expect(
      (await headCall({ method: 'POST', url: `/api/v1/contacts/${p.contact.id}/erase`, payload: {} })).statusCode,
    ).toBe(400);
    expect(await snapshot()).toEqual(was);
    expect(
      (
        await headCall({
          method: 'POST',
          url: `/api/v1/contacts/${p.contact.id}/erase`,
          payload: { reason: 'Заявление от 02.03.2026' },
        })
      ).statusCode,
    ).toBe(200);
  });
});
