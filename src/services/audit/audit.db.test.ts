import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusal } from '../../../test/support/refusal.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildProduct, buildUser } from '../../../test/support/factories.js';
import { createApiToken, createUser, revokeApiToken, updateUser } from '../access/users.js';
import { systemActor, type Actor } from '../actor.js';
import { updateAnalyticsSettings } from '../analytics/settings.js';
import { updateCalendarSettings } from '../calendar/settings.js';
import { createTask, updateTask } from '../calendar/tasks.js';
import { createClaim, deleteClaim, transitionClaim } from '../claims/claims.js';
import { createClient, deleteClient, updateClient } from '../clients/clients.js';
import { contactService } from '../clients/contacts.js';
import { legalEntityService } from '../clients/legal-entities.js';
import { markClientLost } from '../losses/losses.js';
import { familyMemberService } from '../people/family.js';
import { addContactLink } from '../people/power-structure.js';
import { createOrder, deleteOrder, updateOrder } from '../sales/orders.js';
import { paymentService } from '../sales/payments.js';
import { createSurveyLink, revokeSurveyLink } from '../surveys/links.js';
import { createSurveyResponse } from '../surveys/responses.js';
import { runImport } from '../import/run-import.js';
import { clientHistory } from './history.js';
import { parseCredential } from '../access/secrets.js';

const db = await useDatabase();

type Row = {
  id: number;
  user_id: number | null;
  actor_kind: string;
  action: string;
  entity: string;
  entity_id: number | null;
  client_id: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** The organisation's audit rows, oldest first, with ids and jsonb as the engines give them normalised. */
async function rows(orgId: number, since = 0): Promise<Row[]> {
  const { rows: r } = await db.engine.query<Row>(
    'SELECT id, user_id, actor_kind, action, entity, entity_id, client_id, before, after FROM audit_log WHERE org_id = $1 AND id > $2 ORDER BY id',
    [orgId, since],
  );
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown> | null;
  const id = (v: unknown) => (v === null ? null : Number(v));
  return r.map((x) => ({
    ...x,
    id: Number(x.id),
    user_id: id(x.user_id),
    entity_id: id(x.entity_id),
    client_id: id(x.client_id),
    before: json(x.before),
    after: json(x.after),
  }));
}
const lastId = async (orgId: number) => (await rows(orgId)).at(-1)?.id ?? 0;

describe('the audit log is written with every change', () => {
  it('a client: one row per create, update and delete, with the user, the client and only the fields that changed', async () => {
    const owner = await buildOrg(db);
    const client = await createClient(db, owner, {
      name: 'ООО «Ромашка»',
      status: 'prospect',
      creditLimit: '150000.00',
      tags: ['опт'],
    });
    let log = await rows(owner.orgId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      user_id: owner.userId,
      actor_kind: 'user',
      action: 'create',
      entity: 'client',
      entity_id: client.id,
      client_id: client.id,
      before: null,
    });
    // As the API shows it: money in roubles, no ids, tenant or timestamps, nothing empty.
    expect(log[0]!.after).toMatchObject({
      name: 'ООО «Ромашка»',
      status: 'prospect',
      creditLimit: '150000.00',
      tags: ['опт'],
    });
    expect(log[0]!.after).not.toHaveProperty('orgId');
    expect(log[0]!.after).not.toHaveProperty('createdAt');

    const since = await lastId(owner.orgId);
    await updateClient(db, owner, client.id, {
      status: 'active',
      creditLimit: '200000',
      region: 'Москва',
      name: 'ООО «Ромашка»',
    });
    log = await rows(owner.orgId, since);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: 'update',
      entity: 'client',
      client_id: client.id,
      user_id: owner.userId,
      before: { status: 'prospect', creditLimit: '150000.00', region: null },
      after: { status: 'active', creditLimit: '200000.00', region: 'Москва' },
    });
    expect(Object.keys(log[0]!.after!).sort()).toEqual(['creditLimit', 'region', 'status']);

    // A change that changes nothing is no change.
    await updateClient(db, owner, client.id, { region: 'Москва' });
    expect(await rows(owner.orgId, since + 1)).toHaveLength(0);

    const gone = await createClient(db, owner, { name: 'Удаляемый', status: 'prospect' });
    const beforeDelete = await lastId(owner.orgId);
    await deleteClient(db, owner, gone.id);
    log = await rows(owner.orgId, beforeDelete);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: 'delete',
      entity: 'client',
      entity_id: gone.id,
      before: { name: 'Удаляемый', status: 'prospect' },
      after: null,
    });
  });

  it('a contact, a legal entity and a family member carry their client, so they show in its history', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const since = await lastId(owner.orgId);
    const contact = await buildContact(db, owner, client.id);
    await contactService.update(db, owner, contact.id, {
      phones: ['+7 495 123-45-67'],
      position: 'Директор по закупкам',
    } as never);
    const entity = await legalEntityService.create(db, owner, {
      clientId: client.id,
      fullName: 'ООО «Ромашка»',
      inn: '7707083893',
    } as never);
    const member = await familyMemberService.create(db, owner, {
      contactId: contact.id,
      name: 'Пётр',
      relation: 'child',
    } as never);
    const log = await rows(owner.orgId, since);
    expect(log.map((r) => [r.entity, r.action, r.client_id, r.entity_id])).toEqual([
      ['contact', 'create', client.id, contact.id],
      ['contact', 'update', client.id, contact.id],
      ['legal_entity', 'create', client.id, entity.id],
      ['family_member', 'create', client.id, member.id],
    ]);
    expect(log[1]).toMatchObject({
      before: { phones: [], position: 'Менеджер по закупкам' },
      after: { phones: ['+7 495 123-45-67'], position: 'Директор по закупкам' },
    });
  });

  it('an order with its lines summarised (count and total), a payment in roubles', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const product = await buildProduct(db, owner, { listPrice: '1000.00' });
    const since = await lastId(owner.orgId);
    const order = await createOrder(db, owner, {
      clientId: client.id,
      number: 'РН-7',
      orderDate: '2026-03-10',
      lines: [
        { productId: product.id, quantity: 2 },
        { productId: product.id, quantity: 1, price: '499.99' },
      ],
    });
    let log = await rows(owner.orgId, since);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: 'create',
      entity: 'order',
      entity_id: order.id,
      client_id: client.id,
      after: { number: 'РН-7', orderDate: '2026-03-10', total: '2499.99', lineCount: 2 },
    });
    expect(log[0]!.after).not.toHaveProperty('lines');

    let mark = await lastId(owner.orgId);
    await updateOrder(db, owner, order.id, { lines: [{ productId: product.id, quantity: 3 }] });
    log = await rows(owner.orgId, mark);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: 'update',
      before: { total: '2499.99', lineCount: 2 },
      after: { total: '3000.00', lineCount: 1 },
    });

    mark = await lastId(owner.orgId);
    const payment = await paymentService.create(db, owner, {
      clientId: client.id,
      orderId: order.id,
      paymentDate: '2026-03-15',
      amount: '2999.99',
    });
    log = await rows(owner.orgId, mark);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: 'create',
      entity: 'payment',
      entity_id: payment.id,
      client_id: client.id,
      after: { amount: '2999.99', paymentDate: '2026-03-15', orderId: order.id },
    });

    mark = await lastId(owner.orgId);
    await deleteOrder(db, owner, order.id);
    log = await rows(owner.orgId, mark);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: 'delete',
      entity: 'order',
      before: { number: 'РН-7', total: '3000.00', lineCount: 1 },
      after: null,
    });
  });

  it('settings: one row per change with the section in the key, and no row for a refused change', async () => {
    const owner = await buildOrg(db);
    await updateAnalyticsSettings(db, owner, { hourlyRate: 200_000, abcA: 75 });
    await updateCalendarSettings(db, owner, { congratulationLeadDays: 10 });
    const log = await rows(owner.orgId);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      action: 'update',
      entity: 'setting',
      entity_id: null,
      client_id: null,
      user_id: owner.userId,
      before: { 'analytics.hourlyRate': 150_000, 'analytics.abcA': 80 },
      after: { 'analytics.hourlyRate': 200_000, 'analytics.abcA': 75 },
    });
    expect(Object.keys(log[0]!.after!)).toHaveLength(2);
    expect(log[1]).toMatchObject({
      before: { 'calendar.congratulationLeadDays': 7 },
      after: { 'calendar.congratulationLeadDays': 10 },
    });
    await refusal(updateAnalyticsSettings(db, owner, { abcA: 99, abcB: 50 }));
    expect(await rows(owner.orgId)).toHaveLength(2);
  });

  it('users and API tokens: created, role changed, password changed, disabled, issued, revoked — and never a hash or a secret', async () => {
    const owner = await buildOrg(db);
    const user = await createUser(db, owner, {
      name: 'Анна Смирнова',
      email: `anna-${owner.orgId}@test.rapport`,
      role: 'manager',
      password: 'very-secret-password-1',
    });
    await updateUser(db, owner, user.id, { role: 'head_of_sales' });
    await updateUser(db, owner, user.id, { password: 'another-secret-password-2' });
    await updateUser(db, owner, user.id, { disabled: true });
    const token = await createApiToken(db, owner, { name: 'Выгрузка в 1С', role: 'analyst' });
    await revokeApiToken(db, owner, token.id);
    const log = await rows(owner.orgId);
    expect(log.map((r) => [r.entity, r.action])).toEqual([
      ['user', 'create'],
      ['user', 'update'],
      ['user', 'update'],
      ['user', 'disable'],
      ['api_token', 'create'],
      ['api_token', 'revoke'],
    ]);
    expect(log[0]!.after).toMatchObject({ name: 'Анна Смирнова', role: 'manager' });
    expect(log[1]).toMatchObject({ entity_id: user.id, before: { role: 'manager' }, after: { role: 'head_of_sales' } });
    expect(log[2]).toMatchObject({ before: { credentialsChanged: null }, after: { credentialsChanged: true } });
    expect(log[3]!.after!.disabledAt).toEqual(expect.any(String));
    expect(log[4]).toMatchObject({ entity_id: token.id, after: { name: 'Выгрузка в 1С', role: 'analyst' } });

    const { rows: secrets } = await db.engine.query<{ password_hash: string | null; token_hash: string }>(
      'SELECT u.password_hash, t.token_hash FROM users u, api_tokens t WHERE u.org_id = $1 AND u.id = $2 AND t.org_id = $1 AND t.id = $3',
      [owner.orgId, user.id, token.id],
    );
    const everything = JSON.stringify(log);
    for (const secret of [
      secrets[0]!.password_hash!,
      secrets[0]!.token_hash,
      token.token,
      // The secret itself: it may hold '_' (base64url), so it is cut at the credential's own format.
      parseCredential(token.token, 'rpt_')!.secret,
      'very-secret-password-1',
      'another-secret-password-2',
      '$argon2',
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toMatch(/password|tokenHash|secret/i);
  });

  it('writes nothing for a refused change (400) or a transaction rolled back', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const since = await lastId(owner.orgId);
    // A lost client is marked through the loss form only.
    expect((await refusal(updateClient(db, owner, client.id, { status: 'lost' }))).code).toBe('invalid_input');
    expect(
      (await refusal(paymentService.create(db, owner, { clientId: client.id, paymentDate: '2026-03-01', amount: '0' })))
        .code,
    ).toBe('invalid_input');
    await expect(
      db.engine.transaction(async () => {
        await updateClient(db, owner, client.id, { region: 'Казань' });
        await contactService.create(db, owner, { clientId: client.id, fullName: 'Откатов Иван' } as never);
        throw new Error('the caller gives up');
      }),
    ).rejects.toThrow('the caller gives up');
    expect(await rows(owner.orgId, since)).toEqual([]);
    expect((await updateClient(db, owner, client.id, { region: 'Казань' })).region).toBe('Казань');
    expect(await rows(owner.orgId, since)).toHaveLength(1);
  });

  it('the loss form, claims, tasks, surveys, links between people and survey links', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const boss = await buildContact(db, owner, client.id, { fullName: 'Начальник' });
    const deputy = await buildContact(db, owner, client.id, { fullName: 'Заместитель' });
    const since = await lastId(owner.orgId);
    await markClientLost(db, owner, client.id, { reason: 'price' } as never);
    const claim = await createClaim(db, owner, {
      clientId: client.id,
      type: 'claim',
      category: 'quality',
      severity: 'high',
      subject: 'Брак в партии',
    });
    await transitionClaim(db, owner, claim.id, { to: 'in_progress' });
    await deleteClaim(db, owner, claim.id);
    const task = await createTask(db, owner, { title: 'Позвонить', dueOn: '2026-04-01', clientId: client.id });
    await updateTask(db, owner, task.id, { status: 'done' });
    await createSurveyResponse(db, owner, { clientId: client.id, answeredOn: '2026-01-10', goods: 5, nps: 9 } as never);
    await addContactLink(db, owner, client.id, { fromContactId: deputy.id, toContactId: boss.id, kind: 'reports_to' });
    const link = await createSurveyLink(db, owner, { clientId: client.id, contactId: boss.id });
    await revokeSurveyLink(db, owner, link.id);
    const log = await rows(owner.orgId, since);
    expect(log.map((r) => [r.entity, r.action])).toEqual([
      ['loss', 'create'],
      ['client', 'update'],
      ['claim', 'create'],
      ['claim', 'transition'],
      ['claim', 'delete'],
      ['task', 'create'],
      ['task', 'update'],
      ['survey', 'create'],
      ['contact_link', 'create'],
      ['survey_link', 'create'],
      ['survey_link', 'revoke'],
    ]);
    expect(log.every((r) => r.client_id === client.id)).toBe(true);
    expect(log[1]).toMatchObject({ before: { status: 'active' }, after: { status: 'lost' } });
    expect(log[3]).toMatchObject({ before: { status: 'new' }, after: { status: 'in_progress' } });
    expect(log[6]).toMatchObject({ before: { status: 'open' }, after: { status: 'done' } });
    expect(log[8]!.after).toEqual({ fromContactId: deputy.id, toContactId: boss.id, kind: 'reports_to' });
    expect(JSON.stringify(log[9])).not.toContain(link.url.split('.').at(-1));
  });

  it('an import writes one summary row with its counts, not one per record; a dry run or a refused file none', async () => {
    const owner = await buildOrg(db);
    const path = join(mkdtempSync(join(tmpdir(), 'rapport-audit-')), 'clients.csv');
    writeFileSync(path, 'ИНН;Наименование\n7736050003;Ромашка\n7707083893;Сбербанк\n');
    await runImport(db, owner, { path, kind: 'clients', dryRun: true });
    expect(await rows(owner.orgId)).toEqual([]);
    const result = await runImport(db, owner, { path, kind: 'clients' });
    expect(result.status).toBe('done');
    const log = await rows(owner.orgId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      entity: 'import',
      action: 'create',
      user_id: owner.userId,
      client_id: null,
      before: null,
      after: { kind: 'clients', format: 'csv', rowsRead: 2, rowsValid: 2, rowsRejected: 0, created: 2 },
    });
    writeFileSync(path, 'ИНН;Наименование\n7736050003;Ромашка\n7736050003;Ромашка (дубль)\n');
    expect((await runImport(db, owner, { path, kind: 'clients' })).status).toBe('rejected');
    expect(await rows(owner.orgId)).toHaveLength(1);
  });

  it('tells the CLI from a user', async () => {
    const owner = await buildOrg(db);
    await createClient(db, systemActor(owner.orgId), { name: 'Из командной строки', status: 'prospect' });
    expect((await rows(owner.orgId))[0]).toMatchObject({ actor_kind: 'cli', user_id: null });
  });
});

describe("a client's history", () => {
  it("shows the client's changes and its records', newest first with the user's name, and nothing of another client or organisation", async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const other = await buildClient(db, owner);
    const product = await buildProduct(db, owner);
    const contact = await buildContact(db, owner, client.id);
    await buildContact(db, owner, other.id);
    await createOrder(db, owner, {
      clientId: client.id,
      number: 'РН-1',
      orderDate: '2026-03-10',
      lines: [{ productId: product.id, quantity: 1 }],
    });
    await updateClient(db, owner, other.id, { region: 'Омск' });
    const stranger = await buildOrg(db);
    const theirs = await buildClient(db, stranger);

    const page = await clientHistory(db, owner, client.id, {});
    expect(page.items.map((e) => [e.entity, e.action])).toEqual([
      ['order', 'create'],
      ['contact', 'create'],
      ['client', 'create'],
    ]);
    expect(page.total).toBe(3);
    expect(page.items.every((e) => e.clientId === client.id && e.userName === 'Тест Тестов')).toBe(true);
    expect(page.items[1]).toMatchObject({ subject: contact.fullName, entityId: contact.id });
    expect(page.items[0]!.subject).toBe('РН-1');
    expect((await clientHistory(db, owner, client.id, { entity: 'contact' })).items).toHaveLength(1);
    expect((await clientHistory(db, owner, client.id, { pageSize: 2, page: 2 })).items.map((e) => e.entity)).toEqual([
      'client',
    ]);
    expect((await refusal(clientHistory(db, owner, theirs.id, {}))).code).toBe('not_found');
    expect((await refusal(clientHistory(db, stranger, client.id, {}))).code).toBe('not_found');
  });

  it("hides a contact's personal data and family from a role that may not see them", async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const contact = await buildContact(db, owner, client.id);
    await contactService.update(db, owner, contact.id, { birthday: '1980-05-17', position: 'Директор' } as never);
    await familyMemberService.create(db, owner, {
      contactId: contact.id,
      name: 'Пётр',
      relation: 'child',
      birthday: '2010-01-01',
    } as never);
    const analyst: Actor = await buildUser(db, owner.orgId, 'analyst');
    const seen = await clientHistory(db, analyst, client.id, {});
    const [family, update] = seen.items;
    expect(family).toMatchObject({ entity: 'family_member', subject: null, after: {} });
    expect(family!.hidden).toEqual(expect.arrayContaining(['name', 'birthday']));
    expect(update).toMatchObject({
      entity: 'contact',
      action: 'update',
      before: { position: 'Менеджер по закупкам' },
      after: { position: 'Директор' },
      hidden: ['birthday'],
    });
    expect(JSON.stringify(seen)).not.toContain('1980-05-17');
    expect(JSON.stringify(seen)).not.toContain('Пётр');
    const full = await clientHistory(db, owner, client.id, {});
    expect(full.items[1]).toMatchObject({ after: { birthday: '1980-05-17' }, hidden: [] });
  });
});
