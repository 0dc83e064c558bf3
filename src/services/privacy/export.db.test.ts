import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../../test/support/app.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildUser } from '../../../test/support/factories.js';
import { buildPerson, person } from '../../../test/support/person.js';

const db = await useDatabase();
const app = await useApp(db);

describe('export of everything held on one person', () => {
  it('answers every part of the person, and nothing of other people or organisations', async () => {
    const owner = await buildOrg(db);
    const p = await buildPerson(db, owner);
    // Another person of another organisation with the same name: not in the export.
    const stranger = await buildOrg(db);
    await buildContact(db, stranger, (await buildClient(db, stranger)).id, {
      fullName: person.fullName,
      phones: ['+7 (999) 111-22-33'],
      notes: 'чужая организация',
    });
    const call = await signedIn(app, owner.email);

    const res = await call({ url: `/api/v1/contacts/${p.contact.id}/personal-data` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json();
    expect(data.client).toEqual({ id: p.client.id, name: p.client.name });
    expect(data.contact).toMatchObject({
      id: p.contact.id,
      fullName: person.fullName,
      phones: person.phones,
      emails: person.emails,
      birthday: person.birthday,
      giftIdeas: 'Редкие сорта роз',
      hobbies: ['садоводство'],
    });
    expect(data.consent).toMatchObject({ status: 'given' });
    expect(data.consents).toEqual([
      expect.objectContaining({ purpose: 'Поздравления с личными датами', form: 'written', givenOn: '2025-10-01' }),
    ]);
    expect(data.familyMembers).toEqual([
      expect.objectContaining({ name: person.family, relation: 'spouse', birthday: '1959-02-11' }),
    ]);
    expect(data.usefulDates).toEqual([expect.objectContaining({ title: 'Выставка роз', month: 6, day: 14 })]);
    expect(data.contactLinks).toEqual([
      {
        fromContactId: p.contact.id,
        fromName: person.fullName,
        toContactId: p.colleague.id,
        toName: 'Орлов Игорь Петрович',
        kind: 'reports_to',
      },
    ]);
    expect(data.interactions.map((i: { kind: string; moneySpent: string }) => [i.kind, i.moneySpent])).toEqual([
      ['call', '0.00'],
      ['gift', '3500.00'],
    ]);
    expect(data.interactions[1]).toMatchObject({ notes: 'Букет роз', userName: 'Тест Тестов' });
    expect(data.claims).toEqual([
      expect.objectContaining({ id: p.claim.id, subject: 'Опоздала поставка', status: 'in_progress' }),
    ]);
    expect(data.surveyResponses).toEqual([
      expect.objectContaining({ id: p.survey.id, nps: 9, comment: 'Всё хорошо, но хочется быстрее' }),
    ]);
    expect(data.surveyLinks).toHaveLength(1);
    expect(data.tasks.map((t: { kind: string }) => t.kind).sort()).toEqual(['congratulation', 'other']);
    // The audit log about her: her record, her family, dates, consent, link, interactions, claim, survey, tasks — not her colleague's record or the client's.
    const entities = new Set(data.auditLog.map((a: { entity: string }) => a.entity));
    for (const e of [
      'contact',
      'family_member',
      'useful_date',
      'consent',
      'contact_link',
      'interaction',
      'claim',
      'task',
    ])
      expect(entities, e).toContain(e);
    for (const a of data.auditLog as { entity: string; entityId: number }[]) {
      if (a.entity === 'contact') expect(a.entityId).toBe(p.contact.id);
      expect(a.entity).not.toBe('client');
      expect(a.entity).not.toBe('order');
    }
    const text = JSON.stringify(data);
    expect(text).not.toContain('+7 (915) 000-00-01'); // the colleague's phone
    expect(text).not.toContain('+7 (999) 111-22-33');
    expect(text).not.toContain('чужая организация');
    expect(text).not.toContain('Согласует всё'); // the colleague's notes
    // The export itself is on record.
    expect(
      (
        await db.engine.query(
          "SELECT after FROM audit_log WHERE org_id = $1 AND action = 'export' AND entity_id = $2",
          [owner.orgId, p.contact.id],
        )
      ).rows,
    ).toEqual([{ after: { format: 'json' } }]);

    const xlsx = await call({ url: `/api/v1/contacts/${p.contact.id}/personal-data?format=xlsx&lang=ru` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain(`personal-data-${p.contact.id}.xlsx`);
    const files = unzipSync(new Uint8Array(xlsx.rawPayload));
    const workbook = strFromU8(files['xl/workbook.xml']!);
    const sheets = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    expect(sheets).toEqual([
      'Контакт',
      'Согласия',
      'Семья',
      'Полезные даты',
      'Связи',
      'Взаимодействия',
      'Претензии',
      'Опросы',
      'Ссылки на опрос',
      'Задачи',
      'Журнал изменений',
    ]);
    expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toContain(person.fullName);
    expect(strFromU8(files['xl/worksheets/sheet3.xml']!)).toContain(person.family);
    expect(strFromU8(files['xl/worksheets/sheet6.xml']!)).toContain('3500.00');
    const english = unzipSync(
      new Uint8Array(
        (await call({ url: `/api/v1/contacts/${p.contact.id}/personal-data?format=xlsx&lang=en` })).rawPayload,
      ),
    );
    expect(strFromU8(english['xl/workbook.xml']!)).toContain('<sheet name="Family"');
    expect((await call({ url: `/api/v1/contacts/${p.contact.id}/personal-data?format=pdf` })).statusCode).toBe(400);
  });

  it('is for the owner, the head of sales and the manager who owns the client; analysts and read-only 403; others 404', async () => {
    const owner = await buildOrg(db);
    const manager = await buildUser(db, owner.orgId, 'manager');
    const p = await buildPerson(db, owner, { ownerUserId: manager.userId });
    const as = async (role: string) => signedIn(app, (await buildUser(db, owner.orgId, role)).email);
    const url = `/api/v1/contacts/${p.contact.id}/personal-data`;
    expect((await (await signedIn(app, manager.email))({ url })).statusCode).toBe(200);
    expect((await (await as('head_of_sales'))({ url })).statusCode).toBe(200);
    expect((await (await as('analyst'))({ url })).statusCode).toBe(403);
    expect((await (await as('read_only'))({ url })).statusCode).toBe(403);
    // A manager the client is shared with sees the card but may not take the person's data out.
    const colleague = await buildUser(db, owner.orgId, 'manager');
    await db.engine.query('INSERT INTO client_shares (org_id, client_id, user_id) VALUES ($1, $2, $3)', [
      owner.orgId,
      p.client.id,
      colleague.userId,
    ]);
    expect((await (await signedIn(app, colleague.email))({ url })).statusCode).toBe(403);
    expect((await (await as('manager'))({ url })).statusCode).toBe(404);
    const stranger = await buildOrg(db);
    expect((await (await signedIn(app, stranger.email))({ url })).statusCode).toBe(404);
    expect(
      (
        await db.engine.query("SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1 AND action = 'export'", [
          owner.orgId,
        ])
      ).rows[0],
    ).toEqual({ n: 2 });
  });
});
