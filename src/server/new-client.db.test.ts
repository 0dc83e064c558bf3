import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../test/support/app.js';
import { useDatabase } from '../../test/support/database.js';
import { buildOrg, buildUser } from '../../test/support/factories.js';

// POST /api/v1/clients/with-details writes a client, its primary legal entity and its first contact in
// one transaction or nothing; GET /api/v1/clients/possible-duplicates answers, while the form is typed,
// which clients may be the same company: by ИНН, ИНН + КПП, the same or a very similar name.

const db = await useDatabase();
const app = await useApp(db);

type Call = (options: InjectOptions) => Promise<LightMyRequestResponse>;

// ПАО Сбербанк's public requisites (valid check digits) and a branch КПП of the same ИНН.
const SBER = { inn: '7707083893', kpp: '773601001', ogrn: '1027700132195' };
const SBER_BRANCH_KPP = '775001001';
const ALFA = { inn: '7728168971', kpp: '770801001' };

/** Rows of the organisation in each table the route writes, and its audit records. */
async function written(orgId: number) {
  const { rows } = await db.engine.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM clients WHERE org_id = $1) AS clients,
            (SELECT count(*)::int FROM legal_entities WHERE org_id = $1) AS "legalEntities",
            (SELECT count(*)::int FROM contacts WHERE org_id = $1) AS contacts,
            (SELECT count(*)::int FROM audit_log WHERE org_id = $1) AS audit`,
    [orgId],
  );
  return rows[0]!;
}

const create = (call: Call, payload: Record<string, unknown>) =>
  call({ method: 'POST', url: '/api/v1/clients/with-details', payload });

async function created(call: Call, payload: Record<string, unknown>): Promise<{ id: number; name: string }> {
  const res = await create(call, payload);
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
}

type Duplicates = {
  items: {
    id: number;
    name: string;
    ownerName: string | null;
    inn: string | null;
    kpp: string | null;
    matches: string[];
  }[];
  more: number;
  hidden: { match: string; count: number }[];
  checked: { inn: string | null; kpp: string | null };
};

async function duplicates(call: Call, query: Record<string, string>): Promise<Duplicates> {
  const res = await call({ url: `/api/v1/clients/possible-duplicates?${new URLSearchParams(query).toString()}` });
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
}

/** Each listed client's name with its matches, in the answer's order. */
const matched = (d: Duplicates) => d.items.map((i) => [i.name, i.matches]);

async function setting() {
  const owner = await buildOrg(db);
  const asOwner = (await signedIn(app, owner.email)) as Call;
  return { owner, asOwner };
}

describe('POST /api/v1/clients/with-details', () => {
  it('creates the client, its primary legal entity and its first contact in one request', async () => {
    const { owner, asOwner } = await setting();
    const manager = await buildUser(db, owner.orgId, 'manager');
    const res = await create(asOwner, {
      name: 'ООО «Вектор»',
      status: 'active',
      ownerUserId: manager.userId,
      legalEntity: {
        legalForm: 'ПАО',
        fullName: 'Публичное акционерное общество «Сбербанк России»',
        inn: '7707 083 893', // typed with spaces: stored as its digits
        kpp: SBER.kpp,
        ogrn: SBER.ogrn,
        legalAddress: '117312, г. Москва, ул. Вавилова, д. 19',
      },
      contact: {
        fullName: 'Иванова Мария Петровна',
        position: 'Главный бухгалтер',
        phones: ['+7 495 500-55-50'],
        emails: ['M.Ivanova@Example.ru'],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      name: 'ООО «Вектор»',
      status: 'active',
      ownerUserId: manager.userId,
      legalEntity: { clientId: body.id, isPrimary: true, inn: SBER.inn, kpp: SBER.kpp, ogrn: SBER.ogrn },
      contact: {
        clientId: body.id,
        fullName: 'Иванова Мария Петровна',
        position: 'Главный бухгалтер',
        phones: ['+7 495 500-55-50'],
        emails: ['m.ivanova@example.ru'],
      },
    });
    expect(body).not.toHaveProperty('nameKey');
    expect(await written(owner.orgId)).toMatchObject({ clients: 1, legalEntities: 1, contacts: 1 });

    // The card reads all three; the list finds the client by the ИНН and the contact's name.
    const card = (await asOwner({ url: `/api/v1/clients/${body.id}/card` })).json();
    expect(card.legalEntities.map((l: { id: number }) => l.id)).toEqual([body.legalEntity.id]);
    expect(card.contacts.map((c: { id: number }) => c.id)).toEqual([body.contact.id]);
    for (const q of [SBER.inn, 'Иванова']) {
      const list = (await asOwner({ url: `/api/v1/clients?q=${encodeURIComponent(q)}` })).json();
      expect(list.items.map((c: { id: number }) => c.id)).toEqual([body.id]);
    }
    // Each part is in the audit log, as when written one by one.
    const { rows } = await db.engine.query<{ entity: string; action: string }>(
      "SELECT entity, action FROM audit_log WHERE org_id = $1 AND entity IN ('client', 'legal_entity', 'contact') ORDER BY id",
      [owner.orgId],
    );
    expect(rows).toEqual([
      { entity: 'client', action: 'create' },
      { entity: 'legal_entity', action: 'create' },
      { entity: 'contact', action: 'create' },
    ]);
  });

  it('takes the legal entity and the contact as optional: a client alone is a client', async () => {
    const { owner, asOwner } = await setting();
    const body = (await create(asOwner, { name: 'Новый клиент' })).json();
    expect(body).toMatchObject({ name: 'Новый клиент', status: 'prospect', legalEntity: null, contact: null });
    expect(await written(owner.orgId)).toMatchObject({ clients: 1, legalEntities: 0, contacts: 0 });
  });

  it('refuses an ИНН with a wrong check digit with every problem named by its path, and writes nothing', async () => {
    const { owner, asOwner } = await setting();
    const before = await written(owner.orgId);
    const res = await asOwner({
      method: 'POST',
      url: '/api/v1/clients/with-details',
      headers: { 'accept-language': 'ru' },
      payload: {
        name: 'ООО «Опечатка»',
        creditLimit: '1.999',
        legalEntity: { fullName: 'ООО «Опечатка»', inn: '7707083890', kpp: '77360100' },
        contact: { fullName: 'Петров Пётр' },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.code).toBe('invalid_input');
    expect(
      problem.errors.map((f: { field: string; reason: string; code: string }) => [f.field, f.reason, f.code]),
    ).toEqual([
      ['creditLimit', 'money', 'field.money'],
      ['legalEntity/inn', 'checksum', 'requisite.inn.checksum'],
      ['legalEntity/kpp', 'length', 'requisite.kppLength'],
    ]);
    expect(problem.errors[1].message).toMatch(/^Контрольная цифра ИНН не сходится/);
    expect(await written(owner.orgId)).toEqual(before);
  });

  it('refuses requisites another client has after writing the client, and rolls the client back', async () => {
    const { owner, asOwner } = await setting();
    const first = await created(asOwner, {
      name: 'ООО «Первый»',
      legalEntity: { fullName: 'ПАО Сбербанк', ...SBER },
    });
    const before = await written(owner.orgId);
    const payload = {
      name: 'ООО «Второй»',
      legalEntity: { fullName: 'ПАО Сбербанк', ...SBER },
      contact: { fullName: 'Сидоров Иван' },
    };
    const refused = await create(asOwner, payload);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'conflict',
      existing: { kind: 'client', id: first.id, name: 'ООО «Первый»' },
      errors: [{ field: 'legalEntity/inn', reason: 'duplicateRequisites' }],
    });
    // The client was written before the legal entity was refused: the transaction took it back.
    expect(await written(owner.orgId)).toEqual(before);
    const { rows } = await db.engine.query('SELECT 1 FROM clients WHERE org_id = $1 AND name = $2', [
      owner.orgId,
      'ООО «Второй»',
    ]);
    expect(rows).toEqual([]);

    // Told it really is another client, it saves all three.
    const saved = await create(asOwner, {
      ...payload,
      legalEntity: { ...payload.legalEntity, allowDuplicateRequisites: true },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().legalEntity).not.toHaveProperty('allowDuplicateRequisites');
    expect(await written(owner.orgId)).toMatchObject({
      clients: before.clients! + 1,
      legalEntities: before.legalEntities! + 1,
      contacts: before.contacts! + 1,
    });
  });

  it('refuses a bad contact by the schema, at its path, and writes nothing', async () => {
    const { owner, asOwner } = await setting();
    const res = await create(asOwner, {
      name: 'ООО «Почта»',
      legalEntity: { fullName: 'ООО «Почта»', ...ALFA },
      contact: { fullName: 'Почтов', emails: ['не адрес'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'contact/emails/0', reason: 'format' })]);
    expect(await written(owner.orgId)).toMatchObject({ clients: 0, legalEntities: 0, contacts: 0 });
  });

  it("gives a manager's new client to the manager, and refuses another owner", async () => {
    const { owner } = await setting();
    const manager = await buildUser(db, owner.orgId, 'manager');
    const colleague = await buildUser(db, owner.orgId, 'manager');
    const asManager = (await signedIn(app, manager.email)) as Call;
    const mine = (await create(asManager, { name: 'ООО «Моё»', contact: { fullName: 'Кузнецов' } })).json();
    expect(mine).toMatchObject({ ownerUserId: manager.userId, contact: { fullName: 'Кузнецов' } });
    const refused = await create(asManager, { name: 'ООО «Чужое»', ownerUserId: colleague.userId });
    expect(refused.statusCode).toBe(403);
    expect(await written(owner.orgId)).toMatchObject({ clients: 1 });

    const reader = await buildUser(db, owner.orgId, 'read_only');
    const asReader = (await signedIn(app, reader.email)) as Call;
    expect((await create(asReader, { name: 'ООО «Читатель»' })).statusCode).toBe(403);
  });
});

describe('GET /api/v1/clients/possible-duplicates', () => {
  it('finds the same ИНН, the same ИНН and КПП, and another КПП of the ИНН', async () => {
    const { asOwner } = await setting();
    const sber = await created(asOwner, { name: 'Сбербанк', legalEntity: { fullName: 'ПАО Сбербанк', ...SBER } });
    const branch = await created(asOwner, {
      name: 'Сбербанк, филиал',
      legalEntity: {
        fullName: 'Филиал ПАО Сбербанк',
        inn: SBER.inn,
        kpp: SBER_BRANCH_KPP,
        allowDuplicateRequisites: true,
      },
    });
    await created(asOwner, { name: 'Альфа', legalEntity: { fullName: 'АО Альфа', ...ALFA } });
    // Another organisation with the same requisites and name is not this one's duplicate.
    const other = await setting();
    await created(other.asOwner, { name: 'Сбербанк', legalEntity: { fullName: 'ПАО Сбербанк', ...SBER } });

    // The ИНН alone (no КПП typed yet): both are the same company by the import's rule.
    const byInn = await duplicates(asOwner, { inn: SBER.inn });
    expect(byInn.checked).toEqual({ inn: SBER.inn, kpp: null });
    expect(matched(byInn)).toEqual([
      ['Сбербанк', ['inn']],
      ['Сбербанк, филиал', ['inn']],
    ]);
    // With the КПП: the one with it is the same company; the branch has the ИНН with another КПП.
    const byInnKpp = await duplicates(asOwner, { inn: SBER.inn, kpp: SBER.kpp });
    expect(matched(byInnKpp)).toEqual([
      ['Сбербанк', ['innKpp']],
      ['Сбербанк, филиал', ['innOtherKpp']],
    ]);
    expect(byInnKpp.items[0]).toMatchObject({ id: sber.id, inn: SBER.inn, kpp: SBER.kpp });
    expect(byInnKpp.items[1]).toMatchObject({ id: branch.id, inn: SBER.inn, kpp: SBER_BRANCH_KPP });
    // The same name as well: one entry for the client, its matches strongest first.
    expect(matched(await duplicates(asOwner, { inn: SBER.inn, kpp: SBER.kpp, name: 'ПАО «Сбербанк»' }))).toEqual([
      ['Сбербанк', ['innKpp', 'sameName']],
      ['Сбербанк, филиал', ['innOtherKpp', 'similarName']],
    ]);
    // An ИНН still being typed, or with a wrong check digit, is not compared (and not refused).
    for (const inn of ['770708', '7707083890']) {
      const d = await duplicates(asOwner, { inn });
      expect(d).toEqual({ items: [], more: 0, hidden: [], checked: { inn: null, kpp: null } });
    }
    expect((await duplicates(asOwner, {})).items).toEqual([]);
  });

  it('finds the same name whatever the legal form, quotes, case and ё, and a very similar one', async () => {
    const { asOwner } = await setting();
    for (const name of [
      'ООО «Ромашка»',
      'Акционерное общество "Уральский Сервис"',
      'ИП Семёнов Пётр Ильич',
      'ТД Василёк',
      'Ромб',
    ]) {
      await created(asOwner, { name });
    }
    const names = async (name: string) => matched(await duplicates(asOwner, { name }));

    // Legal form anywhere, quotes of any kind, case, ё/е, hyphens and spaces do not make another name.
    for (const typed of [
      'Ромашка',
      'ромашка ооо',
      'Общество с ограниченной ответственностью "РОМАШКА"',
      'OOO Ромашка',
    ]) {
      expect(await names(typed), typed).toEqual([['ООО «Ромашка»', ['sameName']]]);
    }
    expect(await names('ПАО «Уральский-Сервис»')).toEqual([['Акционерное общество "Уральский Сервис"', ['sameName']]]);
    expect(await names('Семенов Петр Ильич')).toEqual([['ИП Семёнов Пётр Ильич', ['sameName']]]);
    // One name inside the other, or a letter or two apart: very similar.
    expect(await names('Ромашка-Трейд')).toEqual([['ООО «Ромашка»', ['similarName']]]);
    expect(await names('Ромашко')).toEqual([['ООО «Ромашка»', ['similarName']]]);
    expect(await names('Уральский Сервес')).toEqual([['Акционерное общество "Уральский Сервис"', ['similarName']]]);
    expect(await names('Василек')).toEqual([['ТД Василёк', ['similarName']]]);
    // Short or unrelated names are not similar: "Ром" would match half the base.
    expect(await names('Ром')).toEqual([]);
    expect(await names('ООО')).toEqual([]);
    expect(await names('Лютик')).toEqual([]);
    expect(await names('Ромбоид Плюс')).toEqual([]);
  });

  it("tells a manager that another manager's client matches, but not which", async () => {
    const { owner, asOwner } = await setting();
    const a = await buildUser(db, owner.orgId, 'manager');
    const b = await buildUser(db, owner.orgId, 'manager');
    const asA = (await signedIn(app, a.email)) as Call;
    const secret = await created(asOwner, {
      name: 'ООО «Секретный клиент»',
      ownerUserId: b.userId,
      legalEntity: { fullName: 'ПАО Сбербанк', ...SBER },
    });
    const mine = await created(asA, { name: 'ООО «Секретный клиент Юг»' });

    const res = await asA({
      url: `/api/v1/clients/possible-duplicates?name=${encodeURIComponent('Секретный клиент')}&inn=${SBER.inn}&kpp=${SBER.kpp}`,
    });
    expect(res.statusCode).toBe(200);
    const d: Duplicates = res.json();
    expect(matched(d)).toEqual([['ООО «Секретный клиент Юг»', ['similarName']]]);
    expect(d.items[0]!.id).toBe(mine.id);
    expect(d.hidden).toEqual([{ match: 'innKpp', count: 1 }]);
    expect(res.body).not.toContain(`"id":${secret.id}`);
    expect(res.body).not.toContain('Сбербанк');
    expect(res.body).not.toMatch(/"name":"ООО «Секретный клиент»"/);

    // The head of sales sees every client, so nothing is hidden from them.
    const head = await buildUser(db, owner.orgId, 'head_of_sales');
    const asHead = (await signedIn(app, head.email)) as Call;
    const all = await duplicates(asHead, { name: 'Секретный клиент', inn: SBER.inn, kpp: SBER.kpp });
    expect(matched(all)).toEqual([
      ['ООО «Секретный клиент»', ['innKpp', 'sameName']],
      ['ООО «Секретный клиент Юг»', ['similarName']],
    ]);
    expect(all.hidden).toEqual([]);
    expect(all.items[0]!.ownerName).toBe('Второй');
  });
});
