import { beforeAll, describe, expect, it } from 'vitest';
import { coefficientOfVariation, rfmSegment } from '../core/analytics/segments.js';
import { formatMoney as rub } from '../core/money/money.js';
import { signedIn, useApp } from '../../test/support/app.js';
import { excelDate, readWorkbook } from '../../test/support/workbook.js';
import { useDatabase } from '../../test/support/database.js';
import { buildOrg, buildUser } from '../../test/support/factories.js';

// The analytics API on both engines, over a small base whose every figure is worked out by hand.
// Today is pinned to 2026-06-15, so the default period is July 2025 – June 2026 (12 months), as of 15 June.

const TODAY = '2026-06-15';
const db = await useDatabase({ today: TODAY });
const app = await useApp(db);

type Call = Awaited<ReturnType<typeof signedIn>>;
type Figures = Record<string, string | number | null>;
type Item = { clientId: number; name: string; status: string; figures: Figures };
type Page = {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  period: { from: string; to: string; asOf: string };
  classesComputedAt: string | null;
};
type Problem = {
  status: number;
  code: string;
  errors?: { field: string; reason: string; message: string; messageRu?: string }[];
};

/** A write through the API that must succeed; returns the created record. */
async function send(call: Call, method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) {
  const res = await call({ method, url, payload });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number } & Record<string, unknown>;
}

async function getJson<T>(call: Call, url: string): Promise<T> {
  const res = await call({ url });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** The [field, reason] pairs of a 400 answer, checking it is problem+json. */
async function refused(
  call: Call,
  url: string,
  options: { method?: 'GET' | 'PATCH' | 'POST'; payload?: Record<string, unknown> } = {},
) {
  const res = await call({
    method: options.method ?? 'GET',
    url,
    ...(options.payload ? { payload: options.payload } : {}),
  });
  expect(res.statusCode, url).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json() as Problem;
  expect(body).toMatchObject({ status: 400, code: 'invalid_input' });
  return (body.errors ?? []).map((e) => [e.field, e.reason]);
}

const names = (page: Page) => page.items.map((i) => i.name);

/**
 * The base (one product: list price 1 000.00 ₽, cost 600.00 ₽), created through the API in this order:
 * - Альфа: 10, 5 and 20 pieces on 15 Jan, 15 Feb and 10 Apr 2026, each paid the same day; logistics
 *   500.00 on the first; a 90-minute meeting (1 Feb) and a 60-minute reception costing 2 000.00 (5 Mar);
 * - Бета: a 30-minute call (1 Mar); 2 pieces on 2 Mar due 12 Mar, paid 11 Apr (30 days late);
 * - Гамма: only a 45-minute call (5 May), never bought;
 * - Дельта: 3 pieces on 10 Jan 2024, paid that day, nothing since (lost);
 * - Эпсилон: 1 piece at 900.00 (10 % discount) on 1 Apr and 4 May, paid the same days; a 20-minute call (1 Apr).
 */
async function buildBase(call: Call) {
  const product = await send(call, 'POST', '/api/v1/products', {
    sku: 'PERF-1',
    name: 'Перфоратор',
    unit: 'шт',
    listPrice: '1000.00',
    cost: '600.00',
    productGroup: 'Инструмент',
  });
  const client = async (name: string) => (await send(call, 'POST', '/api/v1/clients', { name, status: 'active' })).id;
  let n = 0;
  const order = (
    clientId: number,
    orderDate: string,
    quantity: number,
    extra: Record<string, unknown> = {},
    price?: string,
  ) =>
    send(call, 'POST', '/api/v1/orders', {
      clientId,
      number: `N-${++n}`,
      orderDate,
      lines: [{ productId: product.id, quantity, ...(price ? { price } : {}) }],
      ...extra,
    });
  const pay = (clientId: number, paymentDate: string, amount: string) =>
    send(call, 'POST', '/api/v1/payments', { clientId, paymentDate, amount });
  const touch = (clientId: number, kind: string, occurredAt: string, durationMinutes: number, moneySpent = '0') =>
    send(call, 'POST', '/api/v1/interactions', { clientId, kind, occurredAt, durationMinutes, moneySpent });

  const alfa = await client('ООО «Альфа»');
  const beta = await client('ООО «Бета»');
  const gamma = await client('ООО «Гамма»');
  const delta = await client('ООО «Дельта»');
  const eps = await client('ООО «Эпсилон»');

  await order(alfa, '2026-01-15', 10, { logisticsCost: '500.00' });
  await pay(alfa, '2026-01-15', '10000.00');
  await order(alfa, '2026-02-15', 5);
  await pay(alfa, '2026-02-15', '5000.00');
  await order(alfa, '2026-04-10', 20);
  await pay(alfa, '2026-04-10', '20000.00');
  await touch(alfa, 'meeting', '2026-02-01T10:00:00Z', 90);
  await touch(alfa, 'reception', '2026-03-05T18:00:00Z', 60, '2000.00');

  await touch(beta, 'call', '2026-03-01T09:00:00Z', 30);
  await order(beta, '2026-03-02', 2, { paymentDueDate: '2026-03-12' });
  await pay(beta, '2026-04-11', '2000.00');

  await touch(gamma, 'call', '2026-05-05T12:00:00Z', 45);

  await order(delta, '2024-01-10', 3);
  await pay(delta, '2024-01-10', '3000.00');

  await order(eps, '2026-04-01', 1, {}, '900.00');
  await pay(eps, '2026-04-01', '900.00');
  await order(eps, '2026-05-04', 1, {}, '900.00');
  await pay(eps, '2026-05-04', '900.00');
  await touch(eps, 'call', '2026-04-01T09:00:00Z', 20);

  return { product: product.id, alfa, beta, gamma, delta, eps };
}

describe('analytics API over a hand-worked base', () => {
  let owner: Awaited<ReturnType<typeof buildOrg>>;
  let call: Call;
  let ids: Awaited<ReturnType<typeof buildBase>>;

  beforeAll(async () => {
    owner = await buildOrg(db);
    call = await signedIn(app, owner.email);
    ids = await buildBase(call);
    const res = await call({ method: 'POST', url: '/api/v1/analytics/refresh' });
    expect(res.statusCode).toBe(200);
    // Totals in roubles, as every amount of the API: revenue 35 000 + 2 000 + 1 800 ₽; profit 7 750 + 23.70 − 1 125 + 0 + 100 ₽.
    expect(res.json()).toMatchObject({
      periodFrom: '2025-07-01',
      periodTo: '2026-06-30',
      asOf: TODAY,
      clients: 5,
      buyingClients: 3,
      revenue: '38800.00',
      profit: '6748.70',
    });
    expect(res.json().durationMs).toBeGreaterThanOrEqual(0);
  });

  it('lists every client with its figures, money in roubles', async () => {
    const page = await getJson<Page>(call, '/api/v1/analytics/clients');
    expect(page.total).toBe(5);
    expect(page.period).toEqual({ from: '2025-07-01', to: '2026-06-30', asOf: TODAY });
    expect(page.classesComputedAt).toEqual(expect.any(String));
    // Default sort: profit after cost to serve, highest first.
    expect(names(page)).toEqual(['ООО «Альфа»', 'ООО «Эпсилон»', 'ООО «Бета»', 'ООО «Дельта»', 'ООО «Гамма»']);
    const f = Object.fromEntries(page.items.map((i) => [i.clientId, i.figures]));

    // Альфа: margin 14 000; cost to serve = 150 min × 1 500 ₽/h ÷ 60 (3 750) + logistics 500 + reception 2 000 = 6 250.
    expect(f[ids.alfa]).toMatchObject({
      revenue: '35000.00',
      cost: '21000.00',
      margin: '14000.00',
      marginPct: 40,
      returns: '0.00',
      orders: 3,
      purchaseDays: 3,
      ordersPerMonth: 0.25,
      avgIntervalDays: 42.5,
      recencyDays: 66,
      tenureDays: 151,
      firstPurchase: '2026-01-15',
      lastPurchase: '2026-04-10',
      productsBought: 1,
      groupsBought: 1,
      avgDiscountPct: 0,
      avgDelayDays: 0,
      maxDelayDays: 0,
      overdueNow: '0.00',
      interactions: 2,
      managerMinutes: 150,
      managerTimeCost: '3750.00',
      logisticsCost: '500.00',
      relationshipSpend: '2000.00',
      latePaymentCost: '0.00',
      costToServe: '6250.00',
      profit: '7750.00',
      activeMonths: 3,
      abcRevenue: 'A',
      abcProfit: 'A',
      xyz: 'Z',
      rScore: 3,
      fScore: 4,
      mScore: 4,
      rfmSegment: 'loyal',
      computedCategory: 'productive',
      category: 'productive',
      ladderStage: 'repeat_purchase',
      stageSince: '2026-02-01',
    });
    // Revenue per quarter (the default grain) of the 12 months: 0, 0, 15 000 (January and February), 20 000
    // (population σ ÷ μ ≈ 1.02 → Z beyond 50 %).
    expect(f[ids.alfa]!.revenueCv).toBeCloseTo(coefficientOfVariation([0, 0, 1_500_000, 2_000_000])!, 6);
    expect(f[ids.alfa]!.profitShare).toBeCloseTo(775_000 / 674_870, 9);
    expect(f[ids.alfa]!.timeShare).toBeCloseTo(150 / 245, 9);

    // Бета: 2 000.00 due 12 March, paid 11 April: 30 days × 2 000 × 16 % ÷ 365 = 26.30; 30 min = 750.00.
    expect(f[ids.beta]).toMatchObject({
      revenue: '2000.00',
      cost: '1200.00',
      margin: '800.00',
      orders: 1,
      purchaseDays: 1,
      avgIntervalDays: null,
      recencyDays: 105,
      tenureDays: 105,
      avgDelayDays: 30,
      maxDelayDays: 30,
      overdueNow: '0.00',
      managerMinutes: 30,
      managerTimeCost: '750.00',
      latePaymentCost: '26.30',
      costToServe: '776.30',
      profit: '23.70',
      activeMonths: 1,
      xyz: null,
      abcRevenue: 'B',
      abcProfit: 'C',
      rScore: 2,
      fScore: 2,
      mScore: 3,
      rfmSegment: 'need_attention',
      computedCategory: 'average',
      ladderStage: 'first_purchase',
      stageSince: '2026-03-01',
    });
    // Sales in a single quarter of four: CV = √3.
    expect(f[ids.beta]!.revenueCv).toBeCloseTo(Math.sqrt(3), 6);

    // Гамма: only 45 minutes of calls (1 125.00), never bought: no classes, aware.
    expect(f[ids.gamma]).toMatchObject({
      revenue: '0.00',
      margin: '0.00',
      marginPct: null,
      orders: 0,
      recencyDays: null,
      tenureDays: null,
      firstPurchase: null,
      interactions: 1,
      managerMinutes: 45,
      managerTimeCost: '1125.00',
      costToServe: '1125.00',
      profit: '-1125.00',
      revenueCv: null,
      abcRevenue: null,
      abcProfit: null,
      rScore: null,
      rfmSegment: null,
      computedCategory: null,
      category: null,
      ladderStage: 'aware',
      stageSince: '2026-05-01',
    });

    // Дельта: one purchase on 10 Jan 2024, outside the period; 887 days ago; lost since January 2025 (365 days without a second one).
    expect(f[ids.delta]).toMatchObject({
      revenue: '0.00',
      orders: 0,
      purchaseDays: 0,
      ordersPerMonth: 0,
      recencyDays: 887,
      tenureDays: 887,
      firstPurchase: '2024-01-10',
      lastPurchase: '2024-01-10',
      productsBought: 0,
      profit: '0.00',
      abcRevenue: 'C',
      abcProfit: 'C',
      rScore: 1,
      fScore: 1,
      mScore: 1,
      rfmSegment: 'lost',
      computedCategory: 'average',
      ladderStage: 'lost',
      stageSince: '2025-01-01',
    });

    // Эпсилон: 2 × 900.00 at a list price of 1 000.00 (10 % discount); 20 min = 500.00; profit 100.00 — the insignificant group.
    expect(f[ids.eps]).toMatchObject({
      revenue: '1800.00',
      cost: '1200.00',
      margin: '600.00',
      marginPct: 33.33,
      orders: 2,
      purchaseDays: 2,
      avgIntervalDays: 33,
      recencyDays: 42,
      tenureDays: 75,
      avgDiscountPct: 10,
      managerMinutes: 20,
      managerTimeCost: '500.00',
      costToServe: '500.00',
      profit: '100.00',
      activeMonths: 2,
      xyz: null,
      abcRevenue: 'C',
      abcProfit: 'C',
      rScore: 4,
      fScore: 3,
      mScore: 2,
      rfmSegment: 'potential_loyalists',
      computedCategory: 'insignificant',
      category: 'insignificant',
      ladderStage: 'repeat_purchase',
      stageSince: '2026-05-01',
    });
    // The database's segments are the reference rule's: R × round((F + M) / 2), halves up.
    for (const id of [ids.alfa, ids.beta, ids.delta, ids.eps]) {
      const x = f[id]!;
      expect(x.rfmSegment).toBe(rfmSegment(Number(x.rScore), Number(x.fScore), Number(x.mScore)));
    }
  });

  it('sorts by any figure, ties by client id, and pages', async () => {
    const byRevenue = await getJson<Page>(call, '/api/v1/analytics/clients?sort=-revenue');
    expect(names(byRevenue)).toEqual(['ООО «Альфа»', 'ООО «Бета»', 'ООО «Эпсилон»', 'ООО «Гамма»', 'ООО «Дельта»']);
    expect(byRevenue.items.map((i) => i.figures.revenue)).toEqual(['35000.00', '2000.00', '1800.00', '0.00', '0.00']);
    const ascending = await getJson<Page>(call, '/api/v1/analytics/clients?sort=revenue');
    expect(names(ascending)).toEqual(['ООО «Гамма»', 'ООО «Дельта»', 'ООО «Эпсилон»', 'ООО «Бета»', 'ООО «Альфа»']);
    const minutes = await getJson<Page>(call, '/api/v1/analytics/clients?sort=-managerMinutes');
    expect(minutes.items.map((i) => i.figures.managerMinutes)).toEqual([150, 45, 30, 20, 0]);
    const page2 = await getJson<Page>(call, '/api/v1/analytics/clients?sort=-revenue&pageSize=2&page=2');
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(names(page2)).toEqual(['ООО «Эпсилон»', 'ООО «Гамма»']);
  });

  it('filters by segments and figure ranges', async () => {
    const list = async (query: string) => names(await getJson<Page>(call, `/api/v1/analytics/clients?${query}`));
    expect(await list('ladderStage=repeat_purchase')).toEqual(['ООО «Альфа»', 'ООО «Эпсилон»']);
    expect(await list('ladderStage=lost')).toEqual(['ООО «Дельта»']);
    expect(await list('ladderStage=frequent')).toEqual([]);
    expect(await list('abcProfit=A')).toEqual(['ООО «Альфа»']);
    expect(await list('abcProfit=C')).toEqual(['ООО «Эпсилон»', 'ООО «Бета»', 'ООО «Дельта»']);
    expect(await list('abcRevenue=B')).toEqual(['ООО «Бета»']);
    expect(await list('minRevenue=2000.00')).toEqual(['ООО «Альфа»', 'ООО «Бета»']);
    expect(await list('minRevenue=1800&maxRevenue=2000')).toEqual(['ООО «Эпсилон»', 'ООО «Бета»']);
    expect(await list('maxProfit=0')).toEqual(['ООО «Дельта»', 'ООО «Гамма»']);
    expect(await list('minProfit=-1125.00&maxProfit=-0.01')).toEqual(['ООО «Гамма»']);
    expect(await list('ladderStage=repeat_purchase&minRevenue=5000')).toEqual(['ООО «Альфа»']);
    expect(await list('category=insignificant')).toEqual(['ООО «Эпсилон»']);
    expect(await list('rfmSegment=loyal')).toEqual(['ООО «Альфа»']);
    expect(await list('xyz=Z')).toEqual(['ООО «Альфа»']);
    expect(await list('xyz=none&sort=-revenue')).toEqual([
      'ООО «Бета»',
      'ООО «Эпсилон»',
      'ООО «Гамма»',
      'ООО «Дельта»',
    ]);
    expect(await list('q=Дельта')).toEqual(['ООО «Дельта»']);
    // The R × F grid's cell and a cohort (first purchase in 2024 Q1) open their clients too.
    expect(await list('rScore=3&fScore=4')).toEqual(['ООО «Альфа»']);
    expect(await list('firstPurchaseFrom=2024-01-01&firstPurchaseTo=2024-03-31')).toEqual(['ООО «Дельта»']);
  });

  it('refuses an unknown sort, too large a page and bad filters as problem+json naming the field', async () => {
    expect(await refused(call, '/api/v1/analytics/clients?sort=-bogus')).toEqual([['sort', 'unknown']]);
    expect(await refused(call, '/api/v1/analytics/clients?pageSize=201')).toEqual([['pageSize', 'maximum']]);
    expect(await refused(call, '/api/v1/analytics/clients?ladderStage=sleeping')).toEqual([['ladderStage', 'oneOf']]);
    expect(await refused(call, '/api/v1/analytics/clients?minRevenue=много')).toEqual([['minRevenue', 'pattern']]);
    expect(await refused(call, '/api/v1/analytics/clients?from=2026-13')).toEqual([['from', 'pattern']]);
    expect(await refused(call, '/api/v1/analytics/clients?nonsense=1')).toEqual([['nonsense', 'unknown']]);
    const res = await call({ url: '/api/v1/analytics/clients?sort=bogus' });
    expect(res.json().errors[0]).toEqual({
      field: 'sort',
      reason: 'unknown',
      code: 'field.cannotSort',
      params: { key: 'bogus' },
      message: 'cannot sort by "bogus"',
      messageRu: 'нельзя сортировать по «bogus»',
    });
  });

  it('computes any period of whole months from the rollups', async () => {
    const page = await getJson<Page>(call, '/api/v1/analytics/clients?from=2026-01&to=2026-03');
    expect(page.period).toEqual({ from: '2026-01-01', to: '2026-03-31', asOf: '2026-03-31' });
    expect(page.classesComputedAt).toBeNull();
    // Бета: its order is the only profit of the quarter; Альфа's April order is left out.
    expect(names(page)).toEqual(['ООО «Бета»', 'ООО «Гамма»', 'ООО «Дельта»', 'ООО «Эпсилон»', 'ООО «Альфа»']);
    const f = Object.fromEntries(page.items.map((i) => [i.clientId, i.figures]));
    // Альфа in January–March: 15 000 revenue, 9 000 cost; the same 6 250 cost to serve → −250.00.
    expect(f[ids.alfa]).toMatchObject({
      revenue: '15000.00',
      cost: '9000.00',
      margin: '6000.00',
      orders: 2,
      ordersPerMonth: 0.67,
      recencyDays: 44,
      managerMinutes: 150,
      managerTimeCost: '3750.00',
      logisticsCost: '500.00',
      relationshipSpend: '2000.00',
      costToServe: '6250.00',
      profit: '-250.00',
      ladderStage: 'repeat_purchase',
      abcProfit: null,
      rfmSegment: null,
    });
    // Бета as of 31 March: still unpaid (overdue 2 000.00; the April payment has not happened yet), due
    // 12 March → 19 days late → 2 000 × 19 × 16 % ÷ 365 = 16.66.
    expect(f[ids.beta]).toMatchObject({
      revenue: '2000.00',
      overdueNow: '2000.00',
      avgDelayDays: 19,
      maxDelayDays: 19,
      latePaymentCost: '16.66',
      costToServe: '766.66',
      profit: '33.34',
    });
    expect(f[ids.gamma]).toMatchObject({ managerMinutes: 0, profit: '0.00', ladderStage: 'unaware' });
    expect(f[ids.eps]).toMatchObject({ revenue: '0.00', orders: 0, ladderStage: 'unaware' });

    // The current period asked for explicitly is the stored one, with its classes.
    const same = await getJson<Page>(call, '/api/v1/analytics/clients?from=2025-07&to=2026-06');
    expect(same.classesComputedAt).toEqual(expect.any(String));
    expect(same.items.find((i) => i.clientId === ids.alfa)!.figures).toMatchObject({
      revenue: '35000.00',
      abcProfit: 'A',
    });

    // A period of 2024 alone: Дельта's purchase (3 000 − 1 800).
    const old = await getJson<Page>(call, '/api/v1/analytics/clients?from=2024-01&to=2024-12&minRevenue=0.01');
    expect(old.items.map((i) => [i.name, i.figures.revenue, i.figures.margin])).toEqual([
      ['ООО «Дельта»', '3000.00', '1200.00'],
    ]);
  });

  it('refuses a period ending in the future or ending before it starts, and class sorts on a custom period', async () => {
    expect(await refused(call, '/api/v1/analytics/clients?to=2026-07')).toEqual([['to', 'future']]);
    expect(await refused(call, '/api/v1/analytics/clients?from=2026-05&to=2026-03')).toEqual([['from', 'order']]);
    expect(await refused(call, '/api/v1/analytics/clients?from=2026-01&to=2026-03&sort=-abcProfit')).toEqual([
      ['sort', 'unknown'],
    ]);
    expect(await refused(call, '/api/v1/analytics/ladder?to=2027-01')).toEqual([['to', 'future']]);
  });

  it('exports the list as CSV with Russian headers by default and English ones on request', async () => {
    const res = await call({ url: '/api/v1/analytics/clients?format=csv&sort=-revenue' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="clients.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.toString('utf8').slice(1).split('\r\n');
    expect(lines).toHaveLength(7); // header, 5 clients, the final line end
    const header = lines[0]!.split(';');
    expect(header.slice(0, 7)).toEqual([
      'Код клиента',
      'Клиент',
      'Статус',
      'Регион',
      'Отрасль',
      'Выручка, ₽',
      'Себестоимость, ₽',
    ]);
    const alfa = lines[1]!.split(';');
    const at = (row: string[], name: string) => row[header.indexOf(name)];
    // The status in words, money and shares with the decimal comma and dates as DD.MM.YYYY of Russian Excel.
    expect(alfa.slice(0, 7)).toEqual([String(ids.alfa), 'ООО «Альфа»', 'Активный', '', '', '35000,00', '21000,00']);
    expect(at(alfa, 'Валовая маржа, ₽')).toBe('14000,00');
    expect(at(alfa, 'Маржа, %')).toBe('40');
    expect(at(alfa, 'Прибыль после затрат на обслуживание, ₽')).toBe('7750,00');
    expect(at(alfa, 'Доля прибыли')).toMatch(/^1,14\d+$/);
    expect(at(alfa, 'Первая покупка')).toMatch(/^\d\d\.\d\d\.\d{4}$/);
    expect(alfa[header.indexOf('Ступень лестницы лояльности')]).toBe('Повторная покупка');
    expect(alfa[header.indexOf('RFM-сегмент')]).toBe('Лояльные');
    expect(alfa[header.indexOf('Расчётная категория')]).toBe('Продуктивный');
    expect(lines[5]!.split(';').slice(0, 2)).toEqual([String(ids.delta), 'ООО «Дельта»']);

    const en = await call({
      url: '/api/v1/analytics/clients?format=csv&sort=-revenue&lang=en&ladderStage=repeat_purchase',
    });
    const enLines = en.rawPayload.toString('utf8').slice(1).split('\r\n');
    const enHeader = enLines[0]!.split(';');
    expect(enHeader.slice(0, 6)).toEqual(['Client id', 'Client', 'Status', 'Region', 'Industry', 'Revenue, ₽']);
    expect(enHeader).toContain('Profit after cost to serve, ₽');
    expect(enLines).toHaveLength(4); // header, Альфа, Эпсилон, the final line end
    expect(enLines[1]!.split(';')[enHeader.indexOf('Loyalty ladder stage')]).toBe('Repeat purchase');
    expect(enLines[1]!.split(';')[enHeader.indexOf('Status')]).toBe('Active');
    expect(enLines[1]!.split(';')[enHeader.indexOf('Revenue, ₽')]).toBe('35000.00');
    expect(enLines[1]!.split(';')[enHeader.indexOf('First purchase')]).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(enLines[2]!.split(';')[enHeader.indexOf('Computed category')]).toBe('Insignificant');
  });

  it('exports the list as XLSX', async () => {
    const res = await call({ url: '/api/v1/analytics/clients?format=xlsx&sort=-revenue' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="clients.xlsx"');
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const [sheet] = readWorkbook(res.rawPayload);
    expect(sheet!.name).toBe('Клиенты');
    expect(sheet!.frozenRows).toBe(1);
    expect(sheet!.column('Клиент')[0]).toEqual({ type: 'text', value: 'ООО «Альфа»' });
    expect(sheet!.column('Клиент')).toHaveLength(5);
    expect(sheet!.column('Статус')[0]).toEqual({ type: 'text', value: 'Активный' });
    expect(sheet!.column('Код клиента')[0]).toEqual({ type: 'number', value: ids.alfa, format: 'General' });
    expect(sheet!.column('Выручка, ₽')[0]).toEqual({ type: 'number', value: 35000, format: '#,##0.00' });
    expect(sheet!.column('Прибыль после затрат на обслуживание, ₽')[0]).toEqual({
      type: 'number',
      value: 7750,
      format: '#,##0.00',
    });
    expect(sheet!.column('Заказов')[0]).toEqual({ type: 'number', value: 3, format: '#,##0' });
    expect(sheet!.column('Доля прибыли')[0]).toMatchObject({ type: 'number', format: '0.0%' });
    const first = sheet!.column('Первая покупка')[0] as { type: string; value: number; format: string };
    expect(first).toMatchObject({ type: 'number', format: 'dd.mm.yyyy' });
    const json = await getJson<{ items: { clientId: number; figures: { firstPurchase: string } }[] }>(
      call,
      '/api/v1/analytics/clients?sort=-revenue',
    );
    expect(excelDate(first.value)).toBe(json.items[0]!.figures.firstPurchase);
    expect(sheet!.widths.get(2)).toBeGreaterThanOrEqual('ООО «Альфа»'.length);
  });

  it('exports the ABC × XYZ matrix as CSV', async () => {
    const res = await call({ url: '/api/v1/analytics/matrix?format=csv&lang=en' });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    // C holds Бета, Эпсилон and Дельта: 3 800 revenue, 23.70 + 100 + 0 = 123.70 profit; the first header names the basis.
    expect(res.rawPayload.toString('utf8')).toBe(
      '\uFEFFABC by profit;XYZ;Clients;Revenue, ₽;Gross sales (before returns), ₽;Profit, ₽\r\nA;Z;1;35000.00;35000.00;7750.00\r\nC;—;3;3800.00;3800.00;123.70\r\n',
    );
    const gross = await call({ url: '/api/v1/analytics/matrix?format=csv&lang=ru&basis=gross' });
    const ruLines = gross.rawPayload.toString('utf8').split('\r\n');
    expect(ruLines[0]).toBe(
      '\uFEFFABC по валовым продажам;XYZ;Клиентов;Выручка, ₽;Валовые продажи (до возвратов), ₽;Прибыль, ₽',
    );
    expect(ruLines.slice(1, -1).every((l) => /^[ABC];[^;]*;\d+;\d+,\d\d;\d+,\d\d;-?\d+,\d\d$/.test(l))).toBe(true);
    const ru = await call({ url: '/api/v1/analytics/matrix?format=csv&lang=ru' });
    expect(ru.rawPayload.toString('utf8').split('\r\n')).toContain('C;—;3;3800,00;3800,00;123,70');
    // The other analytics sheets type their numbers too: the whale curve's shares as percentages.
    const [whale] = readWorkbook((await call({ url: '/api/v1/analytics/whale?format=xlsx&lang=en' })).rawPayload);
    expect(whale!.column('Share of clients').at(-1)).toEqual({ type: 'number', value: 1, format: '0.0%' });
    expect(whale!.column('Cumulative profit, ₽').at(-1)).toMatchObject({ type: 'number', format: '#,##0.00' });
    const [retention] = readWorkbook((await call({ url: '/api/v1/analytics/retention?format=xlsx' })).rawPayload);
    expect(
      retention!
        .column('Удержание')
        .filter((c) => c !== null)
        .every((c) => c.type === 'number' && c.format === '0.0%'),
    ).toBe(true);
  });

  it('shows one client: figures, monthly series and ladder history', async () => {
    const one = await getJson<{
      clientId: number;
      period: unknown;
      figures: Figures;
      manualCategory: string | null;
      months: unknown[];
      stages: unknown[];
    }>(call, `/api/v1/analytics/clients/${ids.alfa}`);
    expect(one.clientId).toBe(ids.alfa);
    expect(one.period).toEqual({ from: '2025-07-01', to: '2026-06-30', asOf: TODAY });
    expect(one.figures).toMatchObject({
      revenue: '35000.00',
      profit: '7750.00',
      costToServe: '6250.00',
      abcProfit: 'A',
      rfmSegment: 'loyal',
    });
    expect(one.manualCategory).toBeNull();
    expect(one.months).toEqual([
      {
        month: '2026-01-01',
        revenue: '10000.00',
        cost: '6000.00',
        margin: '4000.00',
        uncostedRevenue: '0.00',
        orders: 1,
        minutes: 0,
        spend: '0.00',
        logistics: '500.00',
      },
      {
        month: '2026-02-01',
        revenue: '5000.00',
        cost: '3000.00',
        margin: '2000.00',
        uncostedRevenue: '0.00',
        orders: 1,
        minutes: 90,
        spend: '0.00',
        logistics: '0.00',
      },
      {
        month: '2026-03-01',
        revenue: '0.00',
        cost: '0.00',
        margin: '0.00',
        uncostedRevenue: '0.00',
        orders: 0,
        minutes: 60,
        spend: '2000.00',
        logistics: '0.00',
      },
      {
        month: '2026-04-01',
        revenue: '20000.00',
        cost: '12000.00',
        margin: '8000.00',
        uncostedRevenue: '0.00',
        orders: 1,
        minutes: 0,
        spend: '0.00',
        logistics: '0.00',
      },
    ]);
    expect(one.stages).toEqual([
      { month: '2026-01-01', stage: 'first_purchase', previousStage: 'unaware' },
      { month: '2026-02-01', stage: 'repeat_purchase', previousStage: 'first_purchase' },
    ]);
    const delta = await getJson<{ months: { month: string }[]; stages: unknown[] }>(
      call,
      `/api/v1/analytics/clients/${ids.delta}`,
    );
    // The series covers the last 24 months (from July 2024): the 2024 purchase is older.
    expect(delta.months).toEqual([]);
    expect(delta.stages).toEqual([
      { month: '2024-01-01', stage: 'first_purchase', previousStage: 'unaware' },
      { month: '2025-01-01', stage: 'lost', previousStage: 'first_purchase' },
    ]);
  });

  it("answers 404 for another organisation's client and for one that does not exist", async () => {
    const other = await buildOrg(db);
    const otherCall = await signedIn(app, other.email);
    const theirs = (await send(otherCall, 'POST', '/api/v1/clients', { name: 'ООО «Чужой»' })).id;
    for (const id of [theirs, 999_999_999]) {
      const res = await call({ url: `/api/v1/analytics/clients/${id}` });
      expect(res.statusCode, String(id)).toBe(404);
      expect(res.json()).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect((await otherCall({ url: `/api/v1/analytics/clients/${ids.alfa}` })).statusCode).toBe(404);
  });

  it('sums up the base: totals, ladder, categories, the insignificant group and retention', async () => {
    const summary = await getJson<Record<string, unknown>>(call, '/api/v1/analytics/summary');
    expect(summary.computedAt).toEqual(expect.any(String));
    expect(summary.period).toEqual({ from: '2025-07-01', to: '2026-06-30', asOf: TODAY });
    expect(summary.retentionTargetPct).toBe(70);
    expect(summary.totals).toEqual({
      clients: 5,
      buyingClients: 3,
      revenue: rub(3_880_000),
      margin: rub(1_540_000),
      costToServe: rub(865_130),
      profit: rub(674_870),
      managerMinutes: 245,
      overdueNow: '0.00',
      // Гамма (−1 125.00 of calls) never traded: a prospect, not loss-making, as byCategory says too.
      lossMakingClients: 0,
      lossMakingProfit: '0.00',
      byStage: { repeat_purchase: 2, first_purchase: 1, aware: 1, lost: 1 },
      byCategory: { productive: 1, average: 2, insignificant: 1, none: 1 },
      byAbcProfit: { A: 1, C: 3, none: 1 },
      // Every line has a known cost: margin and profit cover the whole revenue.
      costCoverage: { unknownProfitClients: 0, revenueWithoutCost: '0.00', revenueWithCostPct: 100 },
    });
    expect(summary.insignificant).toMatchObject({
      clients: 1,
      profit: '100.00',
      managerMinutes: 20,
      profitThresholdPct: 5,
      timeThresholdPct: 80,
      takesBulkOfTime: false,
      rfmChampions: 0,
    });
    const insignificant = summary.insignificant as { profitShare: number; timeShare: number };
    expect(insignificant.profitShare).toBeCloseTo(10_000 / 674_870, 9);
    expect(insignificant.timeShare).toBeCloseTo(20 / 245, 9);
    // Quarters: Дельта (significant in 2024 Q1) lost in Q2 2024; Бета (the only profitable client of 2026 Q1)
    // gained in Q1 and lost in Q2, when Альфа of Альфа and Бета bought again (retention 50 %).
    expect(summary.quarters).toEqual([
      {
        period: '2024-04-01',
        previousBuyers: 1,
        retained: 0,
        retentionRate: 0,
        significantLost: 1,
        significantGained: 0,
        alarm: true,
      },
      {
        period: '2026-01-01',
        previousBuyers: 0,
        retained: 0,
        retentionRate: null,
        significantLost: 0,
        significantGained: 1,
        alarm: false,
      },
      {
        period: '2026-04-01',
        previousBuyers: 2,
        retained: 1,
        retentionRate: 0.5,
        significantLost: 1,
        significantGained: 0,
        alarm: true,
      },
    ]);
    expect(summary.years).toEqual([
      {
        period: '2025-01-01',
        previousBuyers: 1,
        retained: 0,
        retentionRate: 0,
        significantLost: 1,
        significantGained: 0,
        alarm: true,
      },
      {
        period: '2026-01-01',
        previousBuyers: 0,
        retained: 0,
        retentionRate: null,
        significantLost: 0,
        significantGained: 1,
        alarm: false,
      },
    ]);
  });

  it('builds the ABC × XYZ matrix on profit and on revenue; its cells count the classed clients', async () => {
    const page = await getJson<Page>(call, '/api/v1/analytics/clients');
    const classed = page.items.filter((i) => i.figures.abcProfit !== null).length;
    expect(classed).toBe(4);
    type MatrixAnswer = {
      basis: string;
      abc: unknown;
      xyz: unknown;
      cells: { abc: string; xyz: string; clients: number; revenue: string; grossSales: string; profit: string }[];
    };
    const profit = await getJson<MatrixAnswer>(call, '/api/v1/analytics/matrix?basis=profit');
    // The answer names its basis and the rules in force; no returns here, so gross sales = revenue.
    expect(profit).toMatchObject({
      basis: 'profit',
      abc: { a: 80, b: 95 },
      xyz: { grain: 'quarter', x: 25, y: 50, minActiveMonths: 3 },
    });
    expect(profit.cells).toEqual([
      { abc: 'A', xyz: 'Z', clients: 1, revenue: '35000.00', grossSales: '35000.00', profit: '7750.00' },
      { abc: 'C', xyz: 'none', clients: 3, revenue: '3800.00', grossSales: '3800.00', profit: '123.70' },
    ]);
    expect(profit.cells.reduce((s, c) => s + c.clients, 0)).toBe(classed);
    expect(await getJson(call, '/api/v1/analytics/matrix')).toEqual(profit);
    const revenue = await getJson<MatrixAnswer>(call, '/api/v1/analytics/matrix?basis=revenue');
    expect(revenue.basis).toBe('revenue');
    expect(revenue.cells).toEqual([
      { abc: 'A', xyz: 'Z', clients: 1, revenue: '35000.00', grossSales: '35000.00', profit: '7750.00' },
      { abc: 'B', xyz: 'none', clients: 1, revenue: '2000.00', grossSales: '2000.00', profit: '23.70' },
      { abc: 'C', xyz: 'none', clients: 2, revenue: '1800.00', grossSales: '1800.00', profit: '100.00' },
    ]);
    expect(revenue.cells.reduce((s, c) => s + c.clients, 0)).toBe(
      page.items.filter((i) => i.figures.abcRevenue !== null).length,
    );
    const gross = await getJson<MatrixAnswer>(call, '/api/v1/analytics/matrix?basis=gross');
    expect(gross).toEqual({ ...revenue, basis: 'gross' });
  });

  it('maps RFM segments and the R × F grid', async () => {
    const rfm = await getJson<{ segments: { segment: string }[]; grid: unknown[] }>(call, '/api/v1/analytics/rfm');
    expect([...rfm.segments].sort((a, b) => a.segment.localeCompare(b.segment))).toEqual([
      { segment: 'lost', clients: 1, revenue: '0.00', margin: '0.00', profit: '0.00', avgRecencyDays: 887 },
      { segment: 'loyal', clients: 1, revenue: '35000.00', margin: '14000.00', profit: '7750.00', avgRecencyDays: 66 },
      {
        segment: 'need_attention',
        clients: 1,
        revenue: '2000.00',
        margin: '800.00',
        profit: '23.70',
        avgRecencyDays: 105,
      },
      {
        segment: 'potential_loyalists',
        clients: 1,
        revenue: '1800.00',
        margin: '600.00',
        profit: '100.00',
        avgRecencyDays: 42,
      },
    ]);
    expect(rfm).toMatchObject({ basis: 'margin' });
    expect(rfm.grid).toEqual([
      { r: 1, f: 1, clients: 1 },
      { r: 2, f: 2, clients: 1 },
      { r: 3, f: 4, clients: 1 },
      { r: 4, f: 3, clients: 1 },
    ]);
  });

  it('draws the whale curve, ending at the total profit of the summary', async () => {
    const whale = await getJson<{
      clients: number;
      totalProfit: string;
      peakProfit: string;
      hump: number;
      curve: { clientShare: number; cumulativeProfit: string; profitShare: number | null }[];
    }>(call, '/api/v1/analytics/whale');
    // Clients with revenue or cost to serve (not Дельта), by profit: 7 750, 100, 23.70, −1 125.
    expect(whale).toMatchObject({ basis: 'profit', clients: 4, totalProfit: '6748.70', peakProfit: '7873.70' });
    expect(whale.hump).toBeCloseTo(787_370 / 674_870, 9);
    expect(whale.curve.map((p) => p.cumulativeProfit)).toEqual(['0.00', '7750.00', '7850.00', '7873.70', '6748.70']);
    expect(whale.curve.map((p) => p.clientShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(whale.curve.at(-1)!.profitShare).toBe(1);
    const summary = await getJson<{ totals: { profit: string } }>(call, '/api/v1/analytics/summary');
    expect(whale.curve.at(-1)!.cumulativeProfit).toBe(summary.totals.profit);
  });

  it('lists the insignificant clients with their totals', async () => {
    const res = await getJson<Page & { totals: Record<string, unknown> }>(call, '/api/v1/analytics/insignificant');
    expect(res.totals).toMatchObject({ clients: 1, profit: '100.00', managerMinutes: 20, takesBulkOfTime: false });
    expect(res.total).toBe(1);
    expect(res.items.map((i) => [i.clientId, i.figures.profit, i.figures.computedCategory])).toEqual([
      [ids.eps, '100.00', 'insignificant'],
    ]);
  });

  it('shows the ladder funnel over a period: climbed, stayed, fell', async () => {
    type Funnel = {
      period: unknown;
      climbed: number;
      stayed: number;
      fell: number;
      transitions: { from: string; to: string; clients: number }[];
    };
    const sorted = (f: Funnel) =>
      [...f.transitions].sort((a, b) => `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`));
    const year = await getJson<Funnel>(call, '/api/v1/analytics/ladder?from=2026-01&to=2026-06');
    expect(year.period).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(year).toMatchObject({ climbed: 4, stayed: 1, fell: 0 });
    expect(sorted(year)).toEqual([
      { from: 'lost', to: 'lost', clients: 1 },
      { from: 'unaware', to: 'aware', clients: 1 },
      { from: 'unaware', to: 'first_purchase', clients: 1 },
      { from: 'unaware', to: 'repeat_purchase', clients: 2 },
    ]);
    const y2025 = await getJson<Funnel>(call, '/api/v1/analytics/ladder?from=2025-01&to=2025-12');
    expect(y2025).toEqual({
      period: { from: '2025-01-01', to: '2025-12-31' },
      climbed: 0,
      stayed: 0,
      fell: 1,
      transitions: [{ from: 'first_purchase', to: 'lost', clients: 1 }],
    });
    const current = await getJson<Funnel>(call, '/api/v1/analytics/ladder');
    expect(current.period).toEqual({ from: '2025-07-01', to: '2026-06-30' });
    expect(current).toMatchObject({ climbed: 4, stayed: 1, fell: 0 });
  });

  it('gives cohorts by quarter of first purchase and retention by quarter or year', async () => {
    const cohorts = await getJson<{ computedAt: string; cohorts: unknown[] }>(call, '/api/v1/analytics/cohorts');
    expect(cohorts.computedAt).toEqual(expect.any(String));
    expect(cohorts.cohorts).toEqual([
      { cohort: '2024-01-01', size: 1, retained: [1] },
      { cohort: '2026-01-01', size: 2, retained: [2, 1] },
      { cohort: '2026-04-01', size: 1, retained: [1] },
    ]);
    const years = await getJson<{ grain: string; retentionTargetPct: number; periods: { period: string }[] }>(
      call,
      '/api/v1/analytics/retention?grain=year',
    );
    expect(years).toMatchObject({ grain: 'year', retentionTargetPct: 70 });
    expect(years.periods.map((p) => p.period)).toEqual(['2025-01-01', '2026-01-01']);
    const quarters = await getJson<{ grain: string; periods: { period: string; retentionRate: number | null }[] }>(
      call,
      '/api/v1/analytics/retention',
    );
    expect(quarters.grain).toBe('quarter');
    expect(quarters.periods.map((p) => [p.period, p.retentionRate])).toEqual([
      ['2024-04-01', 0],
      ['2026-01-01', null],
      ['2026-04-01', 0.5],
    ]);
    expect(await refused(call, '/api/v1/analytics/retention?grain=month')).toEqual([['grain', 'oneOf']]);
  });

  it('lets an analyst read the analytics but not rebuild them or change the settings', async () => {
    const analyst = await buildUser(db, owner.orgId, 'analyst');
    const asAnalyst = await signedIn(app, analyst.email);
    expect((await getJson<Page>(asAnalyst, '/api/v1/analytics/clients')).total).toBe(5);
    for (const url of [
      '/api/v1/analytics/summary',
      '/api/v1/analytics/matrix',
      '/api/v1/analytics/rfm',
      '/api/v1/analytics/whale',
      `/api/v1/analytics/clients/${ids.alfa}`,
      '/api/v1/analytics/settings',
    ]) {
      expect((await asAnalyst({ url })).statusCode, url).toBe(200);
    }
    const rebuild = await asAnalyst({ method: 'POST', url: '/api/v1/analytics/rebuild' });
    expect(rebuild.statusCode).toBe(403);
    expect(rebuild.json()).toMatchObject({ status: 403, code: 'forbidden' });
    expect(
      (await asAnalyst({ method: 'PATCH', url: '/api/v1/analytics/settings', payload: { abcA: 70 } })).statusCode,
    ).toBe(403);
    expect((await getJson<{ abcA: number }>(call, '/api/v1/analytics/settings')).abcA).toBe(80);
  });

  it('rebuilds from the raw documents to the same figures the writes kept (owner)', async () => {
    const before = await getJson<Page>(call, '/api/v1/analytics/clients?sort=-revenue');
    const res = await call({ method: 'POST', url: '/api/v1/analytics/rebuild' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      periodFrom: '2025-07-01',
      periodTo: '2026-06-30',
      asOf: TODAY,
      clients: 5,
      buyingClients: 3,
      revenue: '38800.00',
      profit: '6748.70',
    });
    const after = await getJson<Page>(call, '/api/v1/analytics/clients?sort=-revenue');
    expect(after.items).toEqual(before.items);
    const delta = await getJson<{ stages: unknown[] }>(call, `/api/v1/analytics/clients/${ids.delta}`);
    expect(delta.stages).toHaveLength(2);
  });
});

describe('analytics settings', () => {
  it('answers the defaults, and the owner changes and keeps them', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const defaults = await getJson<Record<string, number>>(call, '/api/v1/analytics/settings');
    expect(defaults).toEqual({
      hourlyRate: '1500.00',
      costOfCapitalPct: 16,
      periodMonths: 12,
      abcA: 80,
      abcB: 95,
      xyzGrain: 'quarter',
      xyzX: 25,
      xyzY: 50,
      xyzMinActiveMonths: 3,
      insignificantProfitPct: 5,
      insignificantTimePct: 80,
      retentionTargetPct: 70,
      frequentMinPurchases: 4,
      frequentMinQuarters: 3,
      adherentMinTenureMonths: 24,
      lostIntervalMultiple: 3,
      lostMinDays: 90,
      lostSingleDays: 365,
      paymentTracking: 'auto',
    });
    // The manager hour is an amount like any other: roubles, as a string or a number with at most two decimals.
    const changed = await send(call, 'PATCH', '/api/v1/analytics/settings', {
      abcA: 70,
      hourlyRate: 2000,
      xyzGrain: 'month',
    });
    expect(changed).toEqual({ ...defaults, abcA: 70, hourlyRate: '2000.00', xyzGrain: 'month' });
    await send(call, 'PATCH', '/api/v1/analytics/settings', { hourlyRate: '2000.00', xyzGrain: 'quarter' });
    expect(await getJson(call, '/api/v1/analytics/settings')).toEqual({ ...defaults, abcA: 70, hourlyRate: '2000.00' });
    // A second change keeps the first.
    await send(call, 'PATCH', '/api/v1/analytics/settings', { retentionTargetPct: 60 });
    expect(await getJson(call, '/api/v1/analytics/settings')).toEqual({
      ...defaults,
      abcA: 70,
      hourlyRate: '2000.00',
      retentionTargetPct: 60,
    });
    expect((await getJson<{ retentionTargetPct: number }>(call, '/api/v1/analytics/summary')).retentionTargetPct).toBe(
      60,
    );
  });

  it('refuses boundaries out of order, values out of range and unknown properties, changing nothing', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const url = '/api/v1/analytics/settings';
    expect(await refused(call, url, { method: 'PATCH', payload: { abcB: 80 } })).toEqual([['abcB', 'order']]);
    const res = await call({ method: 'PATCH', url, payload: { abcA: 96 } });
    expect(res.json().errors).toEqual([
      {
        field: 'abcB',
        reason: 'order',
        code: 'settings.abcOrder',
        params: {},
        message: 'the B boundary must be above the A boundary',
        messageRu: 'граница B должна быть выше границы A',
      },
    ]);
    expect(await refused(call, url, { method: 'PATCH', payload: { xyzX: 60 } })).toEqual([['xyzY', 'order']]);
    expect(await refused(call, url, { method: 'PATCH', payload: { periodMonths: 0 } })).toEqual([
      ['periodMonths', 'range'],
    ]);
    expect(await refused(call, url, { method: 'PATCH', payload: { hourlyRate: 1500.005 } })).toEqual([
      ['hourlyRate', 'money'],
    ]);
    expect(await refused(call, url, { method: 'PATCH', payload: { hourlyRate: '-1.00' } })).toEqual([
      ['hourlyRate', 'range'],
    ]);
    expect(
      (await refused(call, url, { method: 'PATCH', payload: { xyzGrain: 'week' } })).map(([field]) => field),
    ).toEqual(['xyzGrain']);
    expect(await refused(call, url, { method: 'PATCH', payload: { nonsense: 1 } })).toEqual([['nonsense', 'unknown']]);
    expect(await refused(call, url, { method: 'PATCH', payload: {} })).toEqual([['body', 'minProperties']]);
    expect(await getJson<Record<string, number>>(call, url)).toMatchObject({
      abcA: 80,
      abcB: 95,
      xyzX: 25,
      xyzGrain: 'quarter',
      periodMonths: 12,
      hourlyRate: '1500.00',
    });
  });

  it('lets the owner and the head of sales change them, not a manager or an analyst', async () => {
    const owner = await buildOrg(db);
    const url = '/api/v1/analytics/settings';
    for (const role of ['manager', 'analyst', 'read_only']) {
      const user = await buildUser(db, owner.orgId, role);
      const res = await (await signedIn(app, user.email))({ method: 'PATCH', url, payload: { hourlyRate: '1.00' } });
      expect(res.statusCode, role).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden' });
    }
    const head = await buildUser(db, owner.orgId, 'head_of_sales');
    const asHead = await signedIn(app, head.email);
    expect((await asHead({ method: 'PATCH', url, payload: { costOfCapitalPct: 12 } })).statusCode).toBe(200);
    expect(await getJson<Record<string, number>>(await signedIn(app, owner.email), url)).toMatchObject({
      hourlyRate: '1500.00',
      costOfCapitalPct: 12,
    });
  });

  it('prices manager time at the new hourly rate from the next refresh', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const a = (await send(call, 'POST', '/api/v1/clients', { name: 'ООО «Часы»', status: 'active' })).id;
    const b = (await send(call, 'POST', '/api/v1/clients', { name: 'ООО «Минуты»', status: 'active' })).id;
    await send(call, 'POST', '/api/v1/interactions', {
      clientId: a,
      kind: 'meeting',
      occurredAt: '2026-05-20T10:00:00Z',
      durationMinutes: 45,
    });
    await send(call, 'POST', '/api/v1/interactions', {
      clientId: b,
      kind: 'call',
      occurredAt: '2026-05-21T10:00:00Z',
      durationMinutes: 7,
    });
    const cost = async (id: number) =>
      (await getJson<{ figures: Figures }>(call, `/api/v1/analytics/clients/${id}`)).figures.managerTimeCost;
    // 45 min × 1 500.00 ₽/h ÷ 60 = 1 125.00; 7 min → 175.00.
    expect([await cost(a), await cost(b)]).toEqual(['1125.00', '175.00']);
    await send(call, 'PATCH', '/api/v1/analytics/settings', { hourlyRate: '2000.00' });
    // The figures follow at the next refresh, not before.
    expect(await cost(a)).toBe('1125.00');
    expect((await call({ method: 'POST', url: '/api/v1/analytics/refresh' })).statusCode).toBe(200);
    // 45 × 200 000 ÷ 60 = 150 000 kopecks; 7 × 200 000 ÷ 60 = 23 333.3 → 23 333.
    expect([await cost(a), await cost(b)]).toEqual(['1500.00', '233.33']);
    const figures = (await getJson<{ figures: Figures }>(call, `/api/v1/analytics/clients/${a}`)).figures;
    expect(figures).toMatchObject({ managerMinutes: 45, costToServe: '1500.00', profit: '-1500.00' });
  });

  it('moves the default period with periodMonths', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const product = (
      await send(call, 'POST', '/api/v1/products', {
        sku: 'P-1',
        name: 'Дрель',
        unit: 'шт',
        listPrice: '1000.00',
        cost: '600.00',
      })
    ).id;
    const client = (await send(call, 'POST', '/api/v1/clients', { name: 'ООО «Февраль»', status: 'active' })).id;
    await send(call, 'POST', '/api/v1/orders', {
      clientId: client,
      number: 'F-1',
      orderDate: '2026-02-10',
      lines: [{ productId: product, quantity: 1 }],
    });
    expect((await getJson<Page>(call, '/api/v1/analytics/clients')).items[0]!.figures.revenue).toBe('1000.00');
    await send(call, 'PATCH', '/api/v1/analytics/settings', { periodMonths: 3 });
    const refreshed = await call({ method: 'POST', url: '/api/v1/analytics/refresh' });
    expect(refreshed.json()).toMatchObject({
      periodFrom: '2026-04-01',
      periodTo: '2026-06-30',
      asOf: TODAY,
      clients: 1,
      buyingClients: 0,
      revenue: '0.00',
    });
    const page = await getJson<Page>(call, '/api/v1/analytics/clients');
    expect(page.period).toEqual({ from: '2026-04-01', to: '2026-06-30', asOf: TODAY });
    expect(page.items[0]!.figures).toMatchObject({ revenue: '0.00', recencyDays: 125, ladderStage: 'first_purchase' });
  });
});

describe('analytics tenancy', () => {
  it("keeps each organisation's figures to itself", async () => {
    const a = await buildOrg(db);
    const b = await buildOrg(db);
    const callA = await signedIn(app, a.email);
    const callB = await signedIn(app, b.email);
    for (const [call, name, quantity] of [
      [callA, 'ООО «Первый»', 2],
      [callB, 'ООО «Второй»', 7],
    ] as const) {
      const product = (
        await send(call, 'POST', '/api/v1/products', {
          sku: 'T-1',
          name: 'Товар',
          unit: 'шт',
          listPrice: '100.00',
          cost: '50.00',
        })
      ).id;
      const client = (await send(call, 'POST', '/api/v1/clients', { name, status: 'active' })).id;
      await send(call, 'POST', '/api/v1/orders', {
        clientId: client,
        number: '1',
        orderDate: '2026-05-01',
        lines: [{ productId: product, quantity }],
      });
    }
    const refreshB = await callB({ method: 'POST', url: '/api/v1/analytics/refresh' });
    // 700.00 − 350.00; no payment recorded, so payments are not tracked and nothing is charged for lateness.
    expect(refreshB.json()).toMatchObject({ clients: 1, buyingClients: 1, revenue: '700.00', profit: '350.00' });
    const listB = await getJson<Page>(callB, '/api/v1/analytics/clients');
    expect(listB.items.map((i) => [i.name, i.figures.revenue])).toEqual([['ООО «Второй»', '700.00']]);
    expect(
      (await getJson<{ totals: { clients: number; revenue: string } }>(callB, '/api/v1/analytics/summary')).totals,
    ).toMatchObject({ clients: 1, revenue: '700.00' });
    expect((await getJson<{ cells: unknown[] }>(callB, '/api/v1/analytics/matrix')).cells).toEqual([
      { abc: 'A', xyz: 'none', clients: 1, revenue: '700.00', grossSales: '700.00', profit: '350.00' },
    ]);

    // A has not refreshed: no stored charts yet, but its own figures, never B's.
    const summaryA = await getJson<{ computedAt: string | null; totals: { clients: number; revenue: string } }>(
      callA,
      '/api/v1/analytics/summary',
    );
    expect(summaryA.computedAt).toBeNull();
    expect(summaryA.totals).toMatchObject({ clients: 1, revenue: '200.00' });
    expect((await getJson<Page>(callA, '/api/v1/analytics/clients')).items.map((i) => i.name)).toEqual([
      'ООО «Первый»',
    ]);
    expect((await getJson<Page>(callA, '/api/v1/analytics/clients?q=Второй')).total).toBe(0);
    expect(await getJson(callA, '/api/v1/analytics/cohorts')).toEqual({ computedAt: null, cohorts: [] });

    // An organisation with nothing at all.
    const empty = await buildOrg(db);
    const callE = await signedIn(app, empty.email);
    expect((await callE({ method: 'POST', url: '/api/v1/analytics/refresh' })).json()).toMatchObject({
      clients: 0,
      buyingClients: 0,
      revenue: '0.00',
      profit: '0.00',
    });
    expect(await getJson(callE, '/api/v1/analytics/whale')).toEqual({
      basis: 'profit',
      clients: 0,
      totalProfit: '0.00',
      peakProfit: '0.00',
      hump: null,
      curve: [],
      costCoverage: { unknownProfitClients: 0, revenueWithoutCost: '0.00', revenueWithCostPct: null },
    });
    expect((await getJson<{ cells: unknown[] }>(callE, '/api/v1/analytics/matrix')).cells).toEqual([]);
    expect((await getJson<Page>(callE, '/api/v1/analytics/clients')).total).toBe(0);
  });
});

describe('figures follow writes without a refresh', () => {
  it("updates a client's figures on each order, payment, interaction and deletion", async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const product = (
      await send(call, 'POST', '/api/v1/products', {
        sku: 'W-1',
        name: 'Шуруповёрт',
        unit: 'шт',
        listPrice: '1000.00',
        cost: '600.00',
      })
    ).id;
    const client = (await send(call, 'POST', '/api/v1/clients', { name: 'ООО «Сразу»', status: 'active' })).id;
    const figures = async () =>
      (await getJson<{ figures: Figures }>(call, `/api/v1/analytics/clients/${client}`)).figures;
    expect(await figures()).toMatchObject({ revenue: '0.00', orders: 0, ladderStage: 'unaware' });
    // Payments are tracked from the first sale on (by default only once a payment is recorded).
    await send(call, 'PATCH', '/api/v1/analytics/settings', { paymentTracking: 'on' });

    // 3 000.00 due 25 May, unpaid on 15 June: overdue, 21 days late → 3 000 × 21 × 16 % ÷ 365 = 27.62.
    const order = await send(call, 'POST', '/api/v1/orders', {
      clientId: client,
      number: 'W-1',
      orderDate: '2026-05-20',
      paymentDueDate: '2026-05-25',
      lines: [{ productId: product, quantity: 3 }],
    });
    expect(await figures()).toMatchObject({
      revenue: '3000.00',
      cost: '1800.00',
      margin: '1200.00',
      orders: 1,
      overdueNow: '3000.00',
      maxDelayDays: 21,
      latePaymentCost: '27.62',
      profit: '1172.38',
      ladderStage: 'first_purchase',
      lastPurchase: '2026-05-20',
      recencyDays: 26,
    });
    const listed = await getJson<Page>(call, '/api/v1/analytics/clients');
    expect(listed.items[0]!.figures).toMatchObject({ revenue: '3000.00', overdueNow: '3000.00' });

    // Paid on 1 June: 7 days late → 3 000 × 7 × 16 % ÷ 365 = 9.21.
    await send(call, 'POST', '/api/v1/payments', { clientId: client, paymentDate: '2026-06-01', amount: '3000.00' });
    expect(await figures()).toMatchObject({
      overdueNow: '0.00',
      maxDelayDays: 7,
      latePaymentCost: '9.21',
      profit: '1190.79',
    });

    // 30 minutes of a manager at 1 500 ₽/h: 750.00.
    await send(call, 'POST', '/api/v1/interactions', {
      clientId: client,
      kind: 'call',
      occurredAt: '2026-06-02T09:00:00Z',
      durationMinutes: 30,
    });
    expect(await figures()).toMatchObject({
      managerMinutes: 30,
      managerTimeCost: '750.00',
      costToServe: '759.21',
      profit: '440.79',
    });

    // Five pieces instead of three: the paid 3 000.00 no longer settles the document, 2 000.00 of it is overdue.
    await send(call, 'PATCH', `/api/v1/orders/${order.id}`, { lines: [{ productId: product, quantity: 5 }] });
    expect(await figures()).toMatchObject({ revenue: '5000.00', margin: '2000.00', overdueNow: '2000.00' });

    // A second purchase day makes a repeat buyer.
    await send(call, 'POST', '/api/v1/orders', {
      clientId: client,
      number: 'W-2',
      orderDate: '2026-06-10',
      lines: [{ productId: product, quantity: 1 }],
    });
    expect(await figures()).toMatchObject({
      revenue: '6000.00',
      orders: 2,
      purchaseDays: 2,
      ladderStage: 'repeat_purchase',
      avgIntervalDays: 21,
    });

    // Deleting the first order takes its revenue away; the second keeps the client a first-time buyer.
    expect((await call({ method: 'DELETE', url: `/api/v1/orders/${order.id}` })).statusCode).toBe(204);
    expect(await figures()).toMatchObject({ revenue: '1000.00', orders: 1, ladderStage: 'first_purchase' });
    const months = (
      await getJson<{ months: { month: string; revenue: string; minutes: number }[] }>(
        call,
        `/api/v1/analytics/clients/${client}`,
      )
    ).months;
    expect(months).toEqual([
      {
        month: '2026-06-01',
        revenue: '1000.00',
        cost: '600.00',
        margin: '400.00',
        uncostedRevenue: '0.00',
        orders: 1,
        minutes: 30,
        spend: '0.00',
        logistics: '0.00',
      },
    ]);
  });
});
