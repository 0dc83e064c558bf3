import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../test/support/app.js';
import { useDatabase } from '../../test/support/database.js';
import { buildOrg, buildUser } from '../../test/support/factories.js';

// Imports tell clients by ИНН + КПП, so requisites another client of the organisation already has
// are refused with 409 naming that client (unless the caller may not see it), overridable with
// allowDuplicateRequisites; GET /clients/duplicate-requisites lists the clients that share them.

const db = await useDatabase();
const app = await useApp(db);

type Call = (options: InjectOptions) => Promise<LightMyRequestResponse>;

const SBER = { inn: '7707083893', kpp: '773601001' };
const SBER_BRANCH_KPP = '775001001';
const ALFA = { inn: '7728168971', kpp: '770801001' };
const SOLE_TRADER = { inn: '500100732259', legalForm: 'ИП' };

async function made<T = { id: number; name: string }>(call: Call, url: string, payload: unknown): Promise<T> {
  const res = await call({ method: 'POST', url, payload: payload as never });
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

const entity = (
  call: Call,
  clientId: number,
  requisites: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) =>
  call({
    method: 'POST',
    url: '/api/v1/legal-entities',
    payload: { clientId, fullName: `Юрлицо ${requisites.inn as string}`, ...requisites, ...extra },
  });

const entitiesOf = async (orgId: number, clientId: number) =>
  Number(
    (
      await db.engine.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM legal_entities WHERE org_id = $1 AND client_id = $2',
        [orgId, clientId],
      )
    ).rows[0]!.n,
  );

async function setting() {
  const owner = await buildOrg(db);
  const a = await buildUser(db, owner.orgId, 'manager');
  const b = await buildUser(db, owner.orgId, 'manager');
  const asOwner = (await signedIn(app, owner.email)) as Call;
  const asA = (await signedIn(app, a.email)) as Call;
  const asB = (await signedIn(app, b.email)) as Call;
  const client = (name: string, ownerUserId?: number) =>
    made(asOwner, '/api/v1/clients', { name, ...(ownerUserId ? { ownerUserId } : {}) });
  return { owner, a, b, asOwner, asA, asB, client };
}

describe('the same ИНН + КПП on two clients', () => {
  it('answers 409 problem+json with the existing client, and saves when told to', async () => {
    const { owner, asOwner, client } = await setting();
    const alpha = await client('ООО «Альфа»');
    const beta = await client('ООО «Бета»');
    expect((await entity(asOwner, alpha.id, SBER)).statusCode).toBe(201);

    const refused = await entity(asOwner, beta.id, SBER);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = refused.json();
    expect(body).toMatchObject({
      status: 409,
      code: 'conflict',
      existing: { kind: 'client', id: alpha.id, name: 'ООО «Альфа»' },
    });
    expect(body.errors).toEqual([expect.objectContaining({ field: 'inn', reason: 'duplicateRequisites' })]);
    expect(body.errors[0].message).toContain('«ООО «Альфа»»');
    expect(body.errors[0].messageRu).toContain('уже указаны у клиента «ООО «Альфа»»');
    expect(body.detail).toContain('allowDuplicateRequisites');
    expect(await entitiesOf(owner.orgId, beta.id)).toBe(0);

    // An ИНН with an empty КПП is the same company for an import, whatever КПП the other has.
    expect((await entity(asOwner, beta.id, { inn: SBER.inn })).json().existing?.id).toBe(alpha.id);
    // A branch (another КПП) is another company to an import, and so is a second entity on the same client.
    expect((await entity(asOwner, beta.id, { inn: SBER.inn, kpp: SBER_BRANCH_KPP })).statusCode).toBe(201);
    expect((await entity(asOwner, alpha.id, SBER)).statusCode).toBe(201);

    // Told to, it saves; the flag is not a field of the entity.
    const saved = await entity(asOwner, beta.id, SBER, { allowDuplicateRequisites: true });
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).not.toHaveProperty('allowDuplicateRequisites');
    expect(saved.json()).toMatchObject({ clientId: beta.id, ...SBER });
  });

  it('checks a change of requisites too, but not other edits of an entity saved anyway', async () => {
    const { asOwner, client } = await setting();
    const alpha = await client('ООО «Альфа»');
    const gamma = await client('ООО «Гамма»');
    await made(asOwner, '/api/v1/legal-entities', { clientId: alpha.id, fullName: 'ПАО', ...SBER });
    const own = await made(asOwner, '/api/v1/legal-entities', { clientId: gamma.id, fullName: 'АО', ...ALFA });
    const patch = (payload: Record<string, unknown>) =>
      asOwner({ method: 'PATCH', url: `/api/v1/legal-entities/${own.id}`, payload });

    const refused = await patch({ ...SBER });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().existing).toEqual({ kind: 'client', id: alpha.id, name: 'ООО «Альфа»' });
    expect((await asOwner({ url: `/api/v1/legal-entities/${own.id}` })).json()).toMatchObject(ALFA);
    // The ИНН alone, its КПП cleared: an empty КПП matches the other client's too.
    expect((await patch({ ...SBER, kpp: null })).statusCode).toBe(409);
    // Only the ИНН changed, the КПП kept (ALFA's): another company (a branch), saved.
    expect((await patch({ inn: SBER.inn })).statusCode).toBe(200);
    // Then the КПП to the other client's: the pair is now the other client's.
    expect((await patch({ kpp: SBER.kpp })).json().existing?.id).toBe(alpha.id);

    expect((await patch({ ...SBER, allowDuplicateRequisites: true })).statusCode).toBe(200);
    const later = await patch({ legalAddress: 'Москва, ул. Вавилова, 19' });
    expect(later.statusCode, later.body).toBe(200);
  });

  it('tells a sole trader by the ИНН alone', async () => {
    const { asOwner, client } = await setting();
    const alpha = await client('ИП Иванов');
    const beta = await client('Иванов (магазин)');
    expect((await entity(asOwner, alpha.id, SOLE_TRADER)).statusCode).toBe(201);
    const refused = await entity(asOwner, beta.id, SOLE_TRADER);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().existing.id).toBe(alpha.id);
  });

  it('does not show a manager a client outside their scope, and names one inside it', async () => {
    const { a, b, asA, asOwner, client } = await setting();
    const mine = await client('ООО «Моё»', a.userId);
    const mineToo = await client('ООО «Моё второе»', a.userId);
    const theirs = await client('ООО «Чужое секретное»', b.userId);
    await made(asOwner, '/api/v1/legal-entities', { clientId: theirs.id, fullName: 'ПАО', ...SBER });
    await made(asOwner, '/api/v1/legal-entities', { clientId: mine.id, fullName: 'АО', ...ALFA });

    const hidden = await entity(asA, mineToo.id, SBER);
    expect(hidden.statusCode).toBe(409);
    expect(hidden.json()).not.toHaveProperty('existing');
    expect(hidden.json().errors[0]).toMatchObject({ field: 'inn', reason: 'duplicateRequisites' });
    expect(hidden.json().errors[0].message).toMatch(
      /already registered in the organisation, on a client you do not work with/,
    );
    expect(hidden.json().errors[0].messageRu).toMatch(/уже зарегистрированы в организации/);
    expect(hidden.body).not.toContain('Чужое');
    expect(hidden.body).not.toContain(`"id":${theirs.id}`);

    const shown = await entity(asA, mineToo.id, ALFA);
    expect(shown.statusCode).toBe(409);
    expect(shown.json().existing).toEqual({ kind: 'client', id: mine.id, name: 'ООО «Моё»' });

    expect((await entity(asA, mineToo.id, SBER, { allowDuplicateRequisites: true })).statusCode).toBe(201);
  });

  it('lists the groups of clients sharing requisites, paged and within what the actor sees', async () => {
    const { a, b, asA, asB, asOwner, client } = await setting();
    const c1 = await client('К1 Сбер', a.userId);
    const c2 = await client('К2 Сбер тоже');
    const c3 = await client('К3 Сбер без КПП', a.userId);
    const c4 = await client('К4 Сбер филиал', b.userId);
    const c5 = await client('К5 Альфа');
    const c6 = await client('К6 ИП');
    const c7 = await client('К7 ИП тоже');
    const add = (clientId: number, requisites: Record<string, unknown>) =>
      made<{ id: number }>(asOwner, '/api/v1/legal-entities', {
        clientId,
        fullName: `Юрлицо ${clientId}`,
        ...requisites,
        allowDuplicateRequisites: true,
      });
    const e1 = await add(c1.id, SBER);
    const e2 = await add(c2.id, SBER);
    const e3 = await add(c3.id, { inn: SBER.inn });
    const e4 = await add(c4.id, { inn: SBER.inn, kpp: SBER_BRANCH_KPP });
    const e5 = await add(c5.id, ALFA);
    const e1Alfa = await add(c1.id, ALFA); // a second company of c1, which c5 shares
    const e6 = await add(c6.id, SOLE_TRADER);
    const e7 = await add(c7.id, SOLE_TRADER);

    const member = (
      c: { id: number; name: string },
      legalEntityId: number,
      kpp: string | null,
      ownerName: string | null,
    ) => ({ id: c.id, name: c.name, legalEntityId, legalName: `Юрлицо ${c.id}`, kpp, ownerName });
    const nameOf = async (u: { orgId: number; userId: number }) =>
      (
        await db.engine.query<{ name: string }>('SELECT name FROM users WHERE org_id = $1 AND id = $2', [
          u.orgId,
          u.userId,
        ])
      ).rows[0]!.name;
    const ownerA = await nameOf(a);
    const ownerB = await nameOf(b);
    const all = await asOwner({ url: '/api/v1/clients/duplicate-requisites' });
    expect(all.statusCode, all.body).toBe(200);
    const groups = [
      { inn: SOLE_TRADER.inn, kpp: null, clients: [member(c6, e6.id, null, null), member(c7, e7.id, null, null)] },
      {
        inn: SBER.inn,
        kpp: SBER.kpp,
        clients: [
          member(c1, e1.id, SBER.kpp, ownerA),
          member(c2, e2.id, SBER.kpp, null),
          member(c3, e3.id, null, ownerA),
        ],
      },
      {
        inn: SBER.inn,
        kpp: SBER_BRANCH_KPP,
        clients: [member(c3, e3.id, null, ownerA), member(c4, e4.id, SBER_BRANCH_KPP, ownerB)],
      },
      {
        inn: ALFA.inn,
        kpp: ALFA.kpp,
        clients: [member(c1, e1Alfa.id, ALFA.kpp, ownerA), member(c5, e5.id, ALFA.kpp, null)],
      },
    ];
    const normalise = (body: { items: { clients: { legalEntityId: number }[] }[] }) =>
      body.items.map((g) => ({
        ...g,
        clients: g.clients.map((c) => ({ ...c, legalEntityId: Number(c.legalEntityId) })),
      }));
    expect(all.json()).toMatchObject({ total: 4, page: 1, pageSize: 50 });
    expect(normalise(all.json())).toEqual(groups);

    const page2 = await asOwner({ url: '/api/v1/clients/duplicate-requisites?pageSize=3&page=2' });
    expect(page2.json()).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(normalise(page2.json())).toEqual(groups.slice(3));
    expect((await asOwner({ url: '/api/v1/clients/duplicate-requisites?pageSize=3&page=9' })).json()).toEqual({
      items: [],
      total: 4,
      page: 9,
      pageSize: 3,
    });

    // Manager a sees c1 and c3: they share the requisites; c4's branch group has one client of theirs only.
    const seenByA = await asA({ url: '/api/v1/clients/duplicate-requisites' });
    expect(normalise(seenByA.json())).toEqual([
      { inn: SBER.inn, kpp: SBER.kpp, clients: [member(c1, e1.id, SBER.kpp, ownerA), member(c3, e3.id, null, ownerA)] },
    ]);
    expect(seenByA.json().total).toBe(1);
    expect((await asB({ url: '/api/v1/clients/duplicate-requisites' })).json()).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 50,
    });
  });
});
