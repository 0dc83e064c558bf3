import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../test/support/app.js';
import { useDatabase } from '../../test/support/database.js';
import { buildClient, buildOrg, buildUser } from '../../test/support/factories.js';
import type { Static } from 'typebox';
import type { FiguresPage } from '../contract/analytics.js';
import type { ClientFieldValuesT } from '../contract/clients.js';

const db = await useDatabase();
const app = await useApp(db);

type FiguresPageT = Static<typeof FiguresPage>;

const fieldsOf = (body: { errors?: { field: string; reason: string }[] }) =>
  Object.fromEntries((body.errors ?? []).map((e) => [e.field, e.reason]));

/**
 * Seven clients: five of the owner's organisation owned by a manager or by nobody, in three regions and
 * two industries (some without), and two owned by the owner herself, which the manager does not see.
 */
async function setup() {
  const owner = await buildOrg(db);
  const manager = await buildUser(db, owner.orgId, 'manager');
  const m = manager.userId;
  const specs = [
    { name: 'Альфа', status: 'active', region: 'Москва', industry: 'Строительство', ownerUserId: m },
    { name: 'Бета', status: 'prospect', region: 'Самара', industry: null, ownerUserId: m },
    { name: 'Вега', status: 'active', region: null, industry: 'Розница', ownerUserId: m },
    { name: 'Гамма', status: 'prospect', region: 'Москва', industry: 'Строительство', ownerUserId: m },
    { name: 'Дельта', status: 'active', region: 'Казань', industry: 'Розница', ownerUserId: null },
    { name: 'Епсилон', status: 'active', region: 'Москва', industry: 'Розница', ownerUserId: owner.userId },
    { name: 'Жета', status: 'prospect', region: 'Тверь', industry: 'Логистика', ownerUserId: owner.userId },
  ] as const;
  for (const spec of specs) await buildClient(db, owner, spec);
  return { owner, manager, asOwner: await signedIn(app, owner.email), asManager: await signedIn(app, manager.email) };
}

type Call = Awaited<ReturnType<typeof signedIn>>;
async function names(call: Call, query: string): Promise<string[]> {
  const res = await call({ url: `/api/v1/analytics/clients?pageSize=200&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as FiguresPageT).items.map((c) => c.name);
}

describe('the client list sorted by the client’s own columns', () => {
  it('sorts by name, status, region and industry in both directions, then by name; no region or industry comes last', async () => {
    const { asOwner } = await setup();
    expect(await names(asOwner, 'sort=name')).toEqual(['Альфа', 'Бета', 'Вега', 'Гамма', 'Дельта', 'Епсилон', 'Жета']);
    expect(await names(asOwner, 'sort=-name')).toEqual(['Жета', 'Епсилон', 'Дельта', 'Гамма', 'Вега', 'Бета', 'Альфа']);
    expect(await names(asOwner, 'sort=status')).toEqual([
      'Альфа',
      'Вега',
      'Дельта',
      'Епсилон',
      'Бета',
      'Гамма',
      'Жета',
    ]);
    expect(await names(asOwner, 'sort=-status')).toEqual([
      'Жета',
      'Гамма',
      'Бета',
      'Епсилон',
      'Дельта',
      'Вега',
      'Альфа',
    ]);
    expect(await names(asOwner, 'sort=region')).toEqual([
      'Дельта',
      'Альфа',
      'Гамма',
      'Епсилон',
      'Бета',
      'Жета',
      'Вега',
    ]);
    expect(await names(asOwner, 'sort=-region')).toEqual([
      'Жета',
      'Бета',
      'Епсилон',
      'Гамма',
      'Альфа',
      'Дельта',
      'Вега',
    ]);
    expect(await names(asOwner, 'sort=industry')).toEqual([
      'Жета',
      'Вега',
      'Дельта',
      'Епсилон',
      'Альфа',
      'Гамма',
      'Бета',
    ]);
    expect(await names(asOwner, 'sort=-industry')).toEqual([
      'Гамма',
      'Альфа',
      'Епсилон',
      'Дельта',
      'Вега',
      'Жета',
      'Бета',
    ]);
  });

  it('pages a sort without repeating or skipping a client, within filters, and in a custom period', async () => {
    const { asOwner } = await setup();
    const pages: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await asOwner({ url: `/api/v1/analytics/clients?sort=region&pageSize=3&page=${page}` });
      const body: FiguresPageT = res.json();
      expect(body.total).toBe(7);
      pages.push(...body.items.map((c) => c.name));
    }
    expect(pages).toEqual(['Дельта', 'Альфа', 'Гамма', 'Епсилон', 'Бета', 'Жета', 'Вега']);
    expect(await names(asOwner, 'sort=-name&status=prospect')).toEqual(['Жета', 'Гамма', 'Бета']);
    expect(await names(asOwner, 'sort=name&region=Москва&industry=Строительство')).toEqual(['Альфа', 'Гамма']);
    expect(await names(asOwner, 'sort=name&from=2025-01&to=2025-06')).toEqual([
      'Альфа',
      'Бета',
      'Вега',
      'Гамма',
      'Дельта',
      'Епсилон',
      'Жета',
    ]);
  });

  it('refuses a sort by anything else, naming the field', async () => {
    const { asOwner } = await setup();
    for (const sort of ['inn', '-owner', 'name;drop', '__proto__']) {
      const res = await asOwner({
        url: `/api/v1/analytics/clients?sort=${encodeURIComponent(sort)}`,
        headers: { 'accept-language': 'en' },
      });
      expect(res.statusCode, sort).toBe(400);
      expect(fieldsOf(res.json())).toEqual({ sort: 'unknown' });
    }
  });

  it('filters by owner, and by no owner at all', async () => {
    const { asOwner, asManager, manager } = await setup();
    expect(await names(asOwner, `sort=name&ownerUserId=${manager.userId}`)).toEqual(['Альфа', 'Бета', 'Вега', 'Гамма']);
    expect(await names(asOwner, 'sort=name&ownerUserId=none')).toEqual(['Дельта']);
    expect(await names(asOwner, 'sort=name&ownerUserId=none&status=prospect')).toEqual([]);
    // A manager sees their own clients only, with or without the owner filter.
    expect(await names(asManager, 'sort=name')).toEqual(['Альфа', 'Бета', 'Вега', 'Гамма']);
    expect(await names(asManager, 'sort=name&ownerUserId=none')).toEqual([]);
    const bad = await asOwner({ url: '/api/v1/analytics/clients?ownerUserId=nobody' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(bad.json()))).toEqual(['ownerUserId']);
  });

  it('counts exactly: unfiltered from the kept count, by client columns from the clients, and so when a client lacks its figures', async () => {
    const { owner, asOwner, asManager } = await setup();
    const page = async (call: Call, query: string) => {
      const res = await call({ url: `/api/v1/analytics/clients?pageSize=200&${query}` });
      expect(res.statusCode, res.body).toBe(200);
      const body: FiguresPageT = res.json();
      return { total: body.total, names: body.items.map((c) => c.name) };
    };
    expect((await page(asOwner, '')).total).toBe(7);
    expect(await page(asOwner, 'sort=name&region=Москва')).toEqual({ total: 3, names: ['Альфа', 'Гамма', 'Епсилон'] });
    expect(await page(asOwner, 'sort=name&q=гамм')).toEqual({ total: 1, names: ['Гамма'] });
    expect(await page(asOwner, 'sort=name&q=альф')).toEqual({ total: 1, names: ['Альфа'] });
    expect(await page(asOwner, 'sort=name&q=несуществующий')).toEqual({ total: 0, names: [] });
    expect(await page(asManager, 'sort=name&region=Москва')).toEqual({ total: 2, names: ['Альфа', 'Гамма'] });
    // A client without its figure row (as a write that skipped upkeep would leave it) is neither listed nor counted.
    await db.engine.query(
      `DELETE FROM client_figures WHERE org_id = $1 AND client_id = (SELECT id FROM clients WHERE org_id = $1 AND name = 'Альфа')`,
      [owner.orgId],
    );
    expect((await page(asOwner, '')).total).toBe(6);
    expect(await page(asOwner, 'sort=name&region=Москва')).toEqual({ total: 2, names: ['Гамма', 'Епсилон'] });
    expect(await page(asManager, 'sort=name&region=Москва')).toEqual({ total: 1, names: ['Гамма'] });
    expect(await page(asOwner, 'sort=name&q=альф')).toEqual({ total: 0, names: [] });
  });

  it('uses the indexes of the client columns for a page of a sorted list', async () => {
    const { owner } = await setup();
    for (const column of ['name', 'status', 'region', 'industry']) {
      const { rows } = await db.engine.query<{ indexname: string; indexdef: string }>(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'clients' AND indexname = $1`,
        [`clients_${column}_idx`],
      );
      // The region index also holds the status after them (a filter read from the index).
      const tail = column === 'name' ? '(org_id, name, id)' : `(org_id, ${column}, name, id`;
      expect(rows[0]?.indexdef, column).toContain(tail);
    }
    // With sequential scans priced out, the planner reads the page in the index's order.
    await db.engine.transaction(async () => {
      await db.engine.exec('SET LOCAL enable_seqscan = off');
      await db.engine.exec('SET LOCAL enable_sort = off');
      const { rows } = await db.engine.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT f.client_id FROM client_figures f JOIN clients c ON c.org_id = $1 AND c.id = f.client_id
         WHERE f.org_id = $1 ORDER BY c.status DESC, c.name DESC, c.id DESC LIMIT 50`,
        [owner.orgId],
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('clients_status_idx');
    });
  });
});

describe('the regions and industries the list offers', () => {
  it('answers the values with how many clients have each, the most common first, within what the actor sees', async () => {
    const { asOwner, asManager } = await setup();
    const values = async (call: Call, query: string) => {
      const res = await call({ url: `/api/v1/clients/field-values?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as ClientFieldValuesT;
    };
    expect(await values(asOwner, 'field=region')).toEqual({
      field: 'region',
      values: [
        { value: 'Москва', clients: 3 },
        { value: 'Казань', clients: 1 },
        { value: 'Самара', clients: 1 },
        { value: 'Тверь', clients: 1 },
      ],
      more: false,
    });
    expect((await values(asManager, 'field=region')).values).toEqual([
      { value: 'Москва', clients: 2 },
      { value: 'Самара', clients: 1 },
    ]);
    expect((await values(asManager, 'field=industry')).values).toEqual([
      { value: 'Строительство', clients: 2 },
      { value: 'Розница', clients: 1 },
    ]);
    const limited = await values(asOwner, 'field=industry&max=2');
    expect(limited.values.map((v) => v.value)).toEqual(['Розница', 'Строительство']);
    expect(limited.more).toBe(true);
    // A search by part of the value, in any case; % and _ are plain characters.
    expect((await values(asOwner, 'field=region&q=моск')).values).toEqual([{ value: 'Москва', clients: 3 }]);
    expect((await values(asOwner, 'field=region&q=АЗА')).values).toEqual([{ value: 'Казань', clients: 1 }]);
    expect((await values(asOwner, 'field=region&q=%25')).values).toEqual([]);

    const bad = await asOwner({ url: '/api/v1/clients/field-values?field=name' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(fieldsOf(bad.json()))).toEqual(['field']);
    const stranger = await signedIn(app, (await buildOrg(db)).email);
    expect((await values(stranger, 'field=region')).values).toEqual([]);
  });
});
