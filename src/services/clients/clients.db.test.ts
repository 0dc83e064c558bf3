import { describe, expect, it } from 'vitest';
import { fieldsOf, refusal } from '../../../test/support/refusal.js';
import { useDatabase } from '../../../test/support/database.js';
import {
  buildClient,
  buildContact,
  buildLegalEntity,
  buildOrg,
  buildProduct,
  buildUser,
} from '../../../test/support/factories.js';
import type { Actor } from '../actor.js';
import { markClientLost } from '../losses/losses.js';
import { createOrder } from '../sales/orders.js';
import { paymentService } from '../sales/payments.js';
import { contactService } from './contacts.js';
import { createClient, deleteClient, findClients, getClient, updateClient } from './clients.js';
import { legalEntityService } from './legal-entities.js';
import { translateMessage } from '../../core/messages/index.js';

const db = await useDatabase();

const count = async (table: string, orgId: number, where = 'true', params: unknown[] = []) =>
  Number(
    (
      await db.engine.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1 AND ${where}`, [
        orgId,
        ...params,
      ])
    ).rows[0]!.n,
  );

const idsFound = async (actor: Actor, q: string) => (await findClients(db, actor, { q })).items.map((c) => c.id);

describe('createClient / getClient', () => {
  it('creates a prospect by default, keeps money to the kopeck and dedupes tags', async () => {
    const owner = await buildOrg(db);
    const created = await createClient(db, owner, {
      name: 'ООО «Вектор»',
      creditLimit: '150000.50',
      typicalTransportCost: 2500.5,
      tags: [' опт ', 'опт', 'дилер', ''],
    });
    expect(created).toMatchObject({
      name: 'ООО «Вектор»',
      status: 'prospect',
      customsNeeded: false,
      creditLimit: '150000.50',
      typicalTransportCost: '2500.50',
      tags: ['опт', 'дилер'],
    });
    expect(created).not.toHaveProperty('orgId');
    expect(created).not.toHaveProperty('searchVector');
    // Stored as integer kopecks: 150000.50 ₽ = 150000 × 100 + 50 = 15 000 050; 2500.5 ₽ = 250 050.
    const { rows } = await db.engine.query<{ credit_limit: number; typical_transport_cost: number }>(
      'SELECT credit_limit, typical_transport_cost FROM clients WHERE org_id = $1 AND id = $2',
      [owner.orgId, created.id],
    );
    expect(rows[0]).toEqual({ credit_limit: 15_000_050, typical_transport_cost: 250_050 });
    expect(await getClient(db, owner, created.id)).toEqual(created);
  });

  it('refuses an amount with more than 2 decimals and writes nothing', async () => {
    const owner = await buildOrg(db);
    const e = await refusal(createClient(db, owner, { name: 'ООО «Копейка»', creditLimit: '1.999' }));
    expect(e.code).toBe('invalid_input');
    expect(fieldsOf(e)).toEqual([['creditLimit', 'money']]);
    expect(await count('clients', owner.orgId)).toBe(0);
  });

  it('refuses a category override without its reason', async () => {
    const owner = await buildOrg(db);
    const e = await refusal(createClient(db, owner, { name: 'ООО «Имидж»', categoryOverride: 'image' }));
    expect(e.code).toBe('invalid_input');
    expect(fieldsOf(e)).toEqual([['categoryOverrideReason', 'required']]);
    expect(translateMessage('ru', e.fields[0]!)).toBeTruthy();
    expect(await count('clients', owner.orgId)).toBe(0);
    const ok = await createClient(db, owner, {
      name: 'ООО «Имидж»',
      categoryOverride: 'image',
      categoryOverrideReason: 'Имиджевый клиент в отрасли',
    });
    expect(ok).toMatchObject({ categoryOverride: 'image', categoryOverrideReason: 'Имиджевый клиент в отрасли' });
  });

  it('refuses read-only users', async () => {
    const reader = await buildOrg(db, 'read_only');
    expect((await refusal(createClient(db, reader, { name: 'ООО «Нельзя»' }))).code).toBe('forbidden');
    expect(await count('clients', reader.orgId)).toBe(0);
  });
});

describe('updateClient', () => {
  it('changes only the named fields', async () => {
    const owner = await buildOrg(db);
    const before = await createClient(db, owner, {
      name: 'ООО «Гранит»',
      status: 'active',
      industry: 'Строительство',
      region: 'Москва',
      notes: 'Платит вовремя',
      creditLimit: '500000.00',
      paymentDeferralDays: 30,
      tags: ['опт'],
    });
    const after = await updateClient(db, owner, before.id, { region: 'Казань', creditLimit: '150000.50' });
    const { updatedAt: u1, region: r1, creditLimit: c1, ...restBefore } = before;
    const { updatedAt: u2, region: r2, creditLimit: c2, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
    expect([r1, c1, r2, c2]).toEqual(['Москва', '500000.00', 'Казань', '150000.50']);
    expect(Date.parse(u2)).toBeGreaterThanOrEqual(Date.parse(u1));
    expect(await getClient(db, owner, before.id)).toEqual(after);
    // null clears a field; undefined leaves it.
    const cleared = await updateClient(db, owner, before.id, { notes: null, industry: undefined });
    expect(cleared).toMatchObject({ notes: null, industry: 'Строительство', region: 'Казань' });
  });

  it('refuses a category override without a reason and bad money, leaving the client as it was', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner, { creditLimit: '1000.00' });
    const e1 = await refusal(updateClient(db, owner, client.id, { categoryOverride: 'perspective', region: 'Тверь' }));
    expect(e1.code).toBe('invalid_input');
    expect(fieldsOf(e1)).toEqual([['categoryOverrideReason', 'required']]);
    const e2 = await refusal(updateClient(db, owner, client.id, { creditLimit: '1.999', region: 'Тверь' }));
    expect(e2.code).toBe('invalid_input');
    expect(fieldsOf(e2)).toEqual([['creditLimit', 'money']]);
    expect(await getClient(db, owner, client.id)).toEqual(client);
    const ok = await updateClient(db, owner, client.id, {
      categoryOverride: 'perspective',
      categoryOverrideReason: 'Новый завод в 2027',
    });
    expect(ok).toMatchObject({
      categoryOverride: 'perspective',
      categoryOverrideReason: 'Новый завод в 2027',
      creditLimit: '1000.00',
    });
  });

  // The reason is checked against the client as it will be stored, not only the fields sent.
  it('refuses clearing the reason while the category override stays', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner, {
      categoryOverride: 'image',
      categoryOverrideReason: 'Имиджевый клиент',
    });
    const e = await refusal(updateClient(db, owner, client.id, { categoryOverrideReason: null }));
    expect(fieldsOf(e)).toEqual([['categoryOverrideReason', 'required']]);
  });

  it("answers not_found for another organisation's client, and changes nothing", async () => {
    const mine = await buildOrg(db);
    const theirs = await buildOrg(db);
    const client = await buildClient(db, theirs, { name: 'ООО «Чужой»' });
    expect((await refusal(getClient(db, mine, client.id))).code).toBe('not_found');
    expect((await refusal(updateClient(db, mine, client.id, { name: 'взлом' }))).code).toBe('not_found');
    expect((await refusal(deleteClient(db, mine, client.id))).code).toBe('not_found');
    expect(await getClient(db, theirs, client.id)).toEqual(client);
    expect((await refusal(getClient(db, mine, 9_000_000_000))).code).toBe('not_found');
  });
});

describe('deleteClient', () => {
  it('refuses while the client has an order or a payment', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const product = await buildProduct(db, owner);
    await createOrder(db, owner, {
      clientId: client.id,
      number: 'РН-1',
      orderDate: '2026-03-01',
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const e = await refusal(deleteClient(db, owner, client.id));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('1 orders');
    expect(await getClient(db, owner, client.id)).toEqual(client);

    const payer = await buildClient(db, owner);
    await paymentService.create(db, owner, { clientId: payer.id, paymentDate: '2026-03-02', amount: '10.00' });
    expect((await refusal(deleteClient(db, owner, payer.id))).code).toBe('conflict');
    expect(await count('clients', owner.orgId)).toBe(2);
  });

  it('deletes the client with its legal entities and contacts, and nothing of another client', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const other = await buildClient(db, owner);
    await buildLegalEntity(db, owner, client.id);
    await buildContact(db, owner, client.id);
    await buildContact(db, owner, client.id, { fullName: 'Петров Олег Игоревич' });
    await buildContact(db, owner, other.id);
    await deleteClient(db, owner, client.id);
    expect((await refusal(getClient(db, owner, client.id))).code).toBe('not_found');
    expect(await count('legal_entities', owner.orgId)).toBe(0);
    expect(await count('contacts', owner.orgId, 'client_id = $2', [client.id])).toBe(0);
    expect(await count('contacts', owner.orgId, 'client_id = $2', [other.id])).toBe(1);
    expect((await refusal(deleteClient(db, owner, client.id))).code).toBe('not_found');
  });
});

describe('findClients: full-text search', () => {
  it('finds by a Russian prefix, a Russian inflection and an English word', async () => {
    const owner = await buildOrg(db);
    const romashka = await buildClient(db, owner, { name: 'ООО «Ромашка»' });
    const builder = await buildClient(db, owner, { name: 'Строительная компания' });
    const northern = await buildClient(db, owner, { name: 'Northern Trade LLC' });
    await buildClient(db, owner, { name: 'ООО «Вектор»' });
    expect(await idsFound(owner, 'ромаш')).toEqual([romashka.id]);
    expect(await idsFound(owner, 'РОМАШКА')).toEqual([romashka.id]);
    expect(await idsFound(owner, 'строительной')).toEqual([builder.id]);
    expect(await idsFound(owner, 'строительной компании')).toEqual([builder.id]);
    expect(await idsFound(owner, 'trade')).toEqual([northern.id]);
    expect(await idsFound(owner, 'northern trad')).toEqual([northern.id]);
    // Every word must match: one known and one unknown word finds nothing.
    expect(await idsFound(owner, 'ромашка northern')).toEqual([]);
    expect(await idsFound(owner, 'несуществующее')).toEqual([]);
    // A query without letters or digits finds nothing rather than everything.
    expect((await findClients(db, owner, { q: '«»' })).total).toBe(0);
  });

  it("finds by an ИНН prefix and a contact name, and shows the primary entity's requisites", async () => {
    const owner = await buildOrg(db);
    const bank = await buildClient(db, owner, { name: 'Банк' });
    const people = await buildClient(db, owner, { name: 'Снабженец' });
    await buildLegalEntity(db, owner, bank.id);
    await buildContact(db, owner, people.id);
    expect(await idsFound(owner, '770708')).toEqual([bank.id]);
    expect(await idsFound(owner, '773601001')).toEqual([bank.id]); // КПП
    expect(await idsFound(owner, '1027700132195')).toEqual([bank.id]); // ОГРН
    expect(await idsFound(owner, 'сбербанк')).toEqual([bank.id]); // the legal entity's name
    expect(await idsFound(owner, 'Иванова')).toEqual([people.id]);
    expect(await idsFound(owner, 'мария петровна')).toEqual([people.id]);
    const page = await findClients(db, owner, { q: '7707083893' });
    expect(page.items).toEqual([
      expect.objectContaining({
        id: bank.id,
        inn: '7707083893',
        legalName: 'Публичное акционерное общество «Сбербанк России»',
      }),
    ]);
  });

  it('follows legal entities and contacts as they are added, changed and deleted', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner, { name: 'ООО «Меридиан»' });
    expect(await idsFound(owner, '770708')).toEqual([]);

    const entity = await buildLegalEntity(db, owner, client.id);
    expect(await idsFound(owner, '770708')).toEqual([client.id]);
    await legalEntityService.update(db, owner, entity.id, {
      inn: '500100732259',
      kpp: null,
      ogrn: '307760324100018',
      fullName: 'ИП Сидоров',
    });
    expect(await idsFound(owner, '770708')).toEqual([]);
    expect(await idsFound(owner, '500100')).toEqual([client.id]);
    expect(await idsFound(owner, 'сидоров')).toEqual([client.id]);
    await legalEntityService.remove(db, owner, entity.id);
    expect(await idsFound(owner, '500100')).toEqual([]);
    expect(await idsFound(owner, 'сидоров')).toEqual([]);

    const contact = await buildContact(db, owner, client.id);
    expect(await idsFound(owner, 'Иванова')).toEqual([client.id]);
    await contactService.update(db, owner, contact.id, { fullName: 'Петрова Анна Сергеевна' });
    expect(await idsFound(owner, 'Иванова')).toEqual([]);
    expect(await idsFound(owner, 'Петрова')).toEqual([client.id]);
    await contactService.remove(db, owner, contact.id);
    expect(await idsFound(owner, 'Петрова')).toEqual([]);

    await updateClient(db, owner, client.id, { name: 'ООО «Эталон»' });
    expect(await idsFound(owner, 'меридиан')).toEqual([]);
    expect(await idsFound(owner, 'эталон')).toEqual([client.id]);
  });

  it('pages a broad search by name both ways with its total, after a rename, and within filters and other sorts', async () => {
    const owner = await buildOrg(db);
    const manager = await buildUser(db, owner.orgId, 'manager');
    const byName: Record<string, number> = {};
    for (const name of ['ООО «Дельта»', 'ООО «Альфа»', 'АО «Гамма»', 'ООО «Вега»', 'ИП Бетин', 'ООО «Бета»'])
      byName[name] = (
        await buildClient(db, owner, { name, ownerUserId: name.includes('Вега') ? manager.userId : null })
      ).id;
    const search = async (query: Parameters<typeof findClients>[2]) => {
      const page = await findClients(db, owner, { pageSize: 2, ...query });
      return { total: page.total, names: page.items.map((i) => i.name) };
    };
    expect(await search({ q: 'ооо' })).toEqual({ total: 4, names: ['ООО «Альфа»', 'ООО «Бета»'] });
    expect(await search({ q: 'ооо', page: 2 })).toEqual({ total: 4, names: ['ООО «Вега»', 'ООО «Дельта»'] });
    expect(await search({ q: 'ооо', page: 3 })).toEqual({ total: 4, names: [] });
    expect(await search({ q: 'ооо', sort: '-name' })).toEqual({ total: 4, names: ['ООО «Дельта»', 'ООО «Вега»'] });
    // A rename moves the client in the search's order, as in the list's.
    await updateClient(db, owner, byName['ООО «Альфа»']!, { name: 'ООО «Эпсилон»' });
    expect(await search({ q: 'ооо', page: 2 })).toEqual({ total: 4, names: ['ООО «Дельта»', 'ООО «Эпсилон»'] });
    // With a filter, or another sort, the matches are counted and paged with the client rows.
    expect(await search({ q: 'ооо', ownerUserId: manager.userId })).toEqual({ total: 1, names: ['ООО «Вега»'] });
    expect(await search({ q: 'ооо', status: 'active', sort: '-name' })).toEqual({
      total: 4,
      names: ['ООО «Эпсилон»', 'ООО «Дельта»'],
    });
    await updateClient(db, owner, byName['ООО «Бета»']!, { notes: 'изменён последним' });
    expect((await search({ q: 'ооо', sort: '-updatedAt' })).names[0]).toBe('ООО «Бета»');
    // A manager's search is within their clients.
    const asManager = { orgId: owner.orgId, userId: manager.userId, role: 'manager' as const };
    expect((await findClients(db, asManager, { q: 'ооо' })).items.map((i) => i.name)).toEqual(['ООО «Вега»']);
    // A Russian word matches by its stem too: «строй» finds «строительная» (стро…), as before.
    const builder = await buildClient(db, owner, { name: 'Строительная компания' });
    expect(await idsFound(owner, 'строй')).toEqual([builder.id]);
  });

  it('never finds a client of another organisation', async () => {
    const a = await buildOrg(db);
    const b = await buildOrg(db);
    const ours = await buildClient(db, a, { name: 'ООО «Ромашка»' });
    const theirs = await buildClient(db, b, { name: 'ООО «Ромашка»' });
    await buildLegalEntity(db, b, theirs.id);
    await buildContact(db, b, theirs.id);
    expect(await idsFound(a, 'ромашка')).toEqual([ours.id]);
    expect(await idsFound(a, '770708')).toEqual([]);
    expect(await idsFound(a, 'иванова')).toEqual([]);
    expect(await idsFound(b, 'ромашка')).toEqual([theirs.id]);
    expect((await findClients(db, a, {})).total).toBe(1);
  });
});

describe('findClients: filters, sort and pages', () => {
  it('filters by status, region, industry, owner and tag', async () => {
    const owner = await buildOrg(db);
    const second = await buildUser(db, owner.orgId, 'manager');
    const a = await buildClient(db, owner, {
      name: 'Альфа',
      status: 'active',
      region: 'Москва',
      industry: 'Строительство',
      ownerUserId: owner.userId,
      tags: ['опт'],
    });
    const b = await buildClient(db, owner, {
      name: 'Бета',
      status: 'prospect',
      region: 'Москва',
      industry: 'HoReCa',
      ownerUserId: second.userId,
      tags: ['опт', 'тендер'],
    });
    const c = await buildClient(db, owner, {
      name: 'Вега',
      status: 'active',
      region: 'Казань',
      industry: 'Строительство',
      tags: ['тендер'],
    });
    await markClientLost(db, owner, c.id, { reason: 'price' });
    const ids = async (query: Parameters<typeof findClients>[2]) => {
      const page = await findClients(db, owner, query);
      expect(page.total).toBe(page.items.length);
      return page.items.map((i) => i.id);
    };
    expect(await ids({})).toEqual([a.id, b.id, c.id]);
    expect(await ids({ status: 'active' })).toEqual([a.id]);
    expect(await ids({ status: 'lost' })).toEqual([c.id]);
    expect(await ids({ region: 'Москва' })).toEqual([a.id, b.id]);
    expect(await ids({ industry: 'Строительство' })).toEqual([a.id, c.id]);
    expect(await ids({ ownerUserId: second.userId })).toEqual([b.id]);
    expect(await ids({ tag: 'тендер' })).toEqual([b.id, c.id]);
    expect(await ids({ tag: 'опт', region: 'Москва', industry: 'HoReCa' })).toEqual([b.id]);
    expect(await ids({ tag: 'розница' })).toEqual([]);
    const list = await findClients(db, owner, { ownerUserId: second.userId });
    expect(list.items[0]).toMatchObject({
      ownerUserId: second.userId,
      ownerName: 'Второй',
      tags: ['опт', 'тендер'],
      inn: null,
      legalName: null,
    });
  });

  it('sorts by name both ways and by latest change, and pages', async () => {
    const owner = await buildOrg(db);
    const byName: Record<string, number> = {};
    for (const name of ['Гамма', 'Альфа', 'Дельта', 'Бета', 'Вега'])
      byName[name] = (await buildClient(db, owner, { name })).id;
    const names = async (query: Parameters<typeof findClients>[2]) =>
      (await findClients(db, owner, query)).items.map((i) => i.name);
    expect(await names({ sort: 'name' })).toEqual(['Альфа', 'Бета', 'Вега', 'Гамма', 'Дельта']);
    expect(await names({ sort: '-name' })).toEqual(['Дельта', 'Гамма', 'Вега', 'Бета', 'Альфа']);
    expect(await names({ sort: 'nonsense' })).toEqual(['Альфа', 'Бета', 'Вега', 'Гамма', 'Дельта']);

    await updateClient(db, owner, byName['Бета']!, { notes: 'изменён последним' });
    const latest = await names({ sort: '-updatedAt' });
    expect(latest[0]).toBe('Бета');
    expect(latest).toHaveLength(5);

    const page2 = await findClients(db, owner, { sort: 'name', page: 2, pageSize: 2 });
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items.map((i) => i.name)).toEqual(['Вега', 'Гамма']);
    const page3 = await findClients(db, owner, { sort: 'name', page: 3, pageSize: 2 });
    expect(page3.items.map((i) => i.name)).toEqual(['Дельта']);
    expect((await findClients(db, owner, { sort: 'name', page: 4, pageSize: 2 })).items).toEqual([]);

    // The unfiltered total is the kept count: it follows a new and a deleted client at once.
    await deleteClient(db, owner, byName['Вега']!);
    await buildClient(db, owner, { name: 'Альфа', status: 'prospect' });
    await buildClient(db, owner, { name: 'Эпсилон', status: 'prospect' });
    expect((await findClients(db, owner, {})).total).toBe(6);
    // Within a status, and among equal names, the order is by name, then id, in the sort's direction.
    expect(await names({ sort: 'status' })).toEqual(['Альфа', 'Бета', 'Гамма', 'Дельта', 'Альфа', 'Эпсилон']);
    const ids = async (query: Parameters<typeof findClients>[2]) =>
      (await findClients(db, owner, query)).items.map((i) => i.id);
    const asc = await ids({ sort: 'name' });
    expect(await ids({ sort: '-name' })).toEqual([...asc].reverse());
  });
});
