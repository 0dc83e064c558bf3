import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../core/vocabulary.js';
import { useApp, signedIn } from '../../test/support/app.js';
import { useDatabase } from '../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildProduct, buildUser } from '../../test/support/factories.js';
import { createClaim } from '../services/claims/claims.js';

// The role matrix: every role calls a representative set of endpoints and gets what
// core/access/permissions says — 2xx when allowed, 403 when the role may not, 404 when the record is
// outside the role's clients (a manager and a colleague's client), exactly as another organisation's.

const db = await useDatabase();
const app = await useApp(db);

type Call = (options: InjectOptions) => Promise<LightMyRequestResponse>;
type Expect = Record<Role, number>;

const all = (status: number): Expect => ({
  owner: status,
  head_of_sales: status,
  manager: status,
  analyst: status,
  read_only: status,
});
/** Writers get `ok`; analysts and read-only users 403. */
const writers = (ok: number, manager = ok): Expect => ({
  owner: ok,
  head_of_sales: ok,
  manager,
  analyst: 403,
  read_only: 403,
});
/** Only the owner and the head of sales. */
const leads = (ok: number, manager = 403): Expect => ({
  owner: ok,
  head_of_sales: ok,
  manager,
  analyst: 403,
  read_only: 403,
});

/** A fresh organisation where `role` acts: its own client with a contact, a colleague's client, a product, a claim. */
async function world(role: Role) {
  const owner = await buildOrg(db);
  const actor = role === 'owner' ? owner : await buildUser(db, owner.orgId, role);
  const colleague = await buildUser(db, owner.orgId, 'manager');
  const second = await buildUser(db, owner.orgId, 'manager');
  const mine = await buildClient(db, owner, { ownerUserId: actor.userId, name: 'ООО «Своё»' });
  const spare = await buildClient(db, owner, { ownerUserId: actor.userId, name: 'ООО «Запасной»' });
  const lossy = await buildClient(db, owner, { ownerUserId: actor.userId, name: 'ООО «Уходит»' });
  const deletable = await buildClient(db, owner, { ownerUserId: actor.userId, name: 'ООО «Удаляемый»' });
  const theirs = await buildClient(db, owner, { ownerUserId: colleague.userId, name: 'ООО «Чужое»' });
  const contact = await buildContact(db, owner, mine.id);
  const product = await buildProduct(db, owner);
  const claim = await createClaim(db, owner, {
    clientId: mine.id,
    type: 'claim',
    category: 'delivery',
    severity: 'medium',
    subject: 'Опоздала поставка',
  });
  return {
    owner,
    actor,
    colleague,
    second,
    mine,
    spare,
    lossy,
    deletable,
    theirs,
    contact,
    product,
    claim,
    call: (await signedIn(app, actor.email)) as Call,
  };
}

type World = Awaited<ReturnType<typeof world>>;

const cases: [string, Expect, (w: World) => InjectOptions][] = [
  ['list clients', all(200), () => ({ url: '/api/v1/clients' })],
  ['read own client card', all(200), (w) => ({ url: `/api/v1/clients/${w.mine.id}/card` })],
  [
    "read a colleague's client card",
    { ...all(200), manager: 404 },
    (w) => ({ url: `/api/v1/clients/${w.theirs.id}/card` }),
  ],
  [
    "read a colleague's client figures",
    { ...all(200), manager: 404 },
    (w) => ({ url: `/api/v1/analytics/clients/${w.theirs.id}` }),
  ],
  [
    'update own client',
    writers(200),
    (w) => ({ method: 'PATCH', url: `/api/v1/clients/${w.mine.id}`, payload: { notes: 'Звонить после обеда' } }),
  ],
  [
    "update a colleague's client",
    writers(200, 404),
    (w) => ({ method: 'PATCH', url: `/api/v1/clients/${w.theirs.id}`, payload: { notes: 'Чужая заметка' } }),
  ],
  [
    'create a client',
    writers(201),
    () => ({ method: 'POST', url: '/api/v1/clients', payload: { name: 'ООО «Новый»' } }),
  ],
  [
    'create a client for a colleague',
    leads(201),
    (w) => ({
      method: 'POST',
      url: '/api/v1/clients',
      payload: { name: 'ООО «Для коллеги»', ownerUserId: w.colleague.userId },
    }),
  ],
  [
    'hand own client to a colleague',
    leads(200),
    (w) => ({ method: 'PATCH', url: `/api/v1/clients/${w.spare.id}`, payload: { ownerUserId: w.colleague.userId } }),
  ],
  ['delete own client', writers(204), (w) => ({ method: 'DELETE', url: `/api/v1/clients/${w.deletable.id}` })],
  [
    'add a contact',
    writers(201),
    (w) => ({ method: 'POST', url: '/api/v1/contacts', payload: { clientId: w.mine.id, fullName: 'Петров Пётр' } }),
  ],
  [
    "add a contact to a colleague's client",
    writers(201, 404),
    (w) => ({ method: 'POST', url: '/api/v1/contacts', payload: { clientId: w.theirs.id, fullName: 'Петров Пётр' } }),
  ],
  ['read own contact', all(200), (w) => ({ url: `/api/v1/contacts/${w.contact.id}` })],
  [
    'add an order',
    writers(201),
    (w) => ({
      method: 'POST',
      url: '/api/v1/orders',
      payload: {
        clientId: w.mine.id,
        number: 'Р-1',
        orderDate: '2026-01-15',
        lines: [{ productId: w.product.id, quantity: 2 }],
      },
    }),
  ],
  [
    'add a payment',
    writers(201),
    (w) => ({
      method: 'POST',
      url: '/api/v1/payments',
      payload: { clientId: w.mine.id, paymentDate: '2026-01-20', amount: '1500.00' },
    }),
  ],
  [
    'add an interaction',
    writers(201),
    (w) => ({
      method: 'POST',
      url: '/api/v1/interactions',
      payload: { clientId: w.mine.id, kind: 'call', occurredAt: '2026-01-21T10:00:00Z', durationMinutes: 15 },
    }),
  ],
  [
    'record a claim',
    writers(201),
    (w) => ({
      method: 'POST',
      url: '/api/v1/claims',
      payload: {
        clientId: w.mine.id,
        type: 'wish',
        category: 'assortment',
        severity: 'low',
        subject: 'Больше размеров',
      },
    }),
  ],
  [
    'move a claim along',
    writers(200),
    (w) => ({ method: 'POST', url: `/api/v1/claims/${w.claim.id}/transition`, payload: { to: 'in_progress' } }),
  ],
  [
    'mark a client lost',
    writers(201),
    (w) => ({ method: 'POST', url: `/api/v1/clients/${w.lossy.id}/loss`, payload: { reason: 'price' } }),
  ],
  [
    'record a survey',
    writers(201),
    (w) => ({
      method: 'POST',
      url: '/api/v1/surveys',
      payload: { clientId: w.mine.id, answeredOn: '2026-01-10', goods: 5, nps: 9 },
    }),
  ],
  [
    'share own client with a colleague',
    writers(201),
    (w) => ({ method: 'POST', url: `/api/v1/clients/${w.mine.id}/shares`, payload: { userId: w.colleague.userId } }),
  ],
  [
    "share a colleague's client",
    writers(201, 404),
    (w) => ({ method: 'POST', url: `/api/v1/clients/${w.theirs.id}/shares`, payload: { userId: w.second.userId } }),
  ],
  [
    'change the analytics settings',
    leads(200),
    () => ({ method: 'PATCH', url: '/api/v1/analytics/settings', payload: { abcA: 75 } }),
  ],
  [
    'change the calendar settings',
    leads(200),
    () => ({ method: 'PUT', url: '/api/v1/calendar/settings', payload: { congratulationLeadDays: 5 } }),
  ],
  [
    'add a user',
    leads(201),
    (w) => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        name: 'Новенький',
        email: `new-${w.owner.orgId}-${w.actor.userId}@test.rapport`,
        role: 'manager',
        password: 'long-enough-password',
      },
    }),
  ],
  [
    'upload a file to import',
    leads(201),
    () => ({
      method: 'POST',
      url: '/api/v1/imports/uploads',
      payload: Buffer.from('Наименование;ИНН\nООО «Импорт»;7707083893\n'),
      headers: { 'content-type': 'application/octet-stream' },
    }),
  ],
  ['list imports', { ...all(200), manager: 403 }, () => ({ url: '/api/v1/imports' })],
  // Last: it takes the colleague's client away for the roles that may.
  [
    "delete a colleague's client",
    writers(204, 404),
    (w) => ({ method: 'DELETE', url: `/api/v1/clients/${w.theirs.id}` }),
  ],
];

describe.each(roles.map((r) => [r]))('role %s', (role) => {
  it('gets what the capability table says from every endpoint', async () => {
    const w = await world(role);
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const [name, expected, request] of cases) {
      const res = await w.call(request(w));
      got[name] = res.statusCode;
      want[name] = expected[role];
      if (res.statusCode >= 400) expect(res.headers['content-type'], name).toContain('application/problem+json');
    }
    expect(got).toEqual(want);
  });
});

describe('what a refusal says', () => {
  it('tells a manager why a client cannot be handed over, and changes nothing', async () => {
    const w = await world('manager');
    const res = await w.call({
      method: 'PATCH',
      url: `/api/v1/clients/${w.mine.id}`,
      payload: { ownerUserId: w.colleague.userId, notes: 'не должно сохраниться' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(/head of sales/) });
    const after = (await w.call({ url: `/api/v1/clients/${w.mine.id}` })).json();
    expect(after).toMatchObject({ ownerUserId: w.actor.userId, notes: null });
    const created = await w.call({ method: 'POST', url: '/api/v1/clients', payload: { name: 'ООО «Мой новый»' } });
    expect(created.json().ownerUserId).toBe(w.actor.userId);
    const unowned = await w.call({
      method: 'POST',
      url: '/api/v1/clients',
      payload: { name: 'ООО «Ничей»', ownerUserId: null },
    });
    expect(unowned.statusCode).toBe(403);
  });

  it('keeps an analyst and a read-only user from every write with the same message', async () => {
    for (const role of ['analyst', 'read_only'] as const) {
      const w = await world(role);
      const res = await w.call({ method: 'PATCH', url: `/api/v1/clients/${w.mine.id}`, payload: { notes: 'x' } });
      expect(res.json()).toMatchObject({ status: 403, code: 'forbidden' });
    }
  });
});
