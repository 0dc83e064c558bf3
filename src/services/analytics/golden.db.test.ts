// A small company worked out by hand: every figure of every client below is computed in the comments
// from the documents created here, with the default settings (manager hour 1500.00 ₽, cost of capital
// 16 %, period = the 12 months to June 2026, as of 15.06.2026). Org-wide classes are checked against
// the reference rules in core (abcClassify, quintiles, rfmSegment) fed with the hand-worked figures,
// and spot-checked by literal values.
import { beforeAll, describe, expect, it } from 'vitest';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildOrg, buildProduct } from '../../../test/support/factories.js';
import { abcClassify, quintiles, revenueVariation, rfmSegment } from '../../core/analytics/segments.js';
import type { Actor } from '../actor.js';
import { interactionService } from '../sales/interactions.js';
import { createOrder } from '../sales/orders.js';
import { paymentService } from '../sales/payments.js';
import { rebuildAnalytics, refreshAnalytics } from './refresh.js';
import {
  analyticsSummary,
  cohortsOf,
  findClientFigures,
  flowsOf,
  funnelOf,
  getClientAnalytics,
  matrixOf,
  whaleOf,
} from './reports.js';
import { insignificantTotals } from '../../db/queries/analytics/charts.js';
import { analyticsSettingsFor } from './settings.js';
import { updateClient } from '../clients/clients.js';

const TODAY = '2026-06-15';
const db = await useDatabase({ today: TODAY });

/** Whole days from a to b. */
const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;

type Company = Awaited<ReturnType<typeof buildCompany>>;
let n = 0;
const order = (
  actor: Actor,
  clientId: number,
  orderDate: string,
  lines: { productId: number; quantity: number; price?: string }[],
  extra: Record<string, unknown> = {},
) => createOrder(db, actor, { clientId, number: `РН-${++n}`, orderDate, lines, ...extra });
const pay = (actor: Actor, clientId: number, paymentDate: string, amount: string) =>
  paymentService.create(db, actor, { clientId, paymentDate, amount } as never);
const touch = (
  actor: Actor,
  clientId: number,
  kind: string,
  occurredAt: string,
  durationMinutes: number,
  moneySpent = '0',
) =>
  interactionService.create(db, actor, {
    clientId,
    kind,
    occurredAt: `${occurredAt}T10:00:00Z`,
    durationMinutes,
    moneySpent,
  } as never);

async function buildCompany() {
  const owner = await buildOrg(db);
  // P1 1000.00 / cost 600.00 (tools); P2 500.00 / 200.00 and P3 200.00 / 150.00 (consumables).
  const p1 = await buildProduct(db, owner, { listPrice: '1000.00', cost: '600.00', productGroup: 'Инструмент' });
  const p2 = await buildProduct(db, owner, { listPrice: '500.00', cost: '200.00', productGroup: 'Расходники' });
  const p3 = await buildProduct(db, owner, { listPrice: '200.00', cost: '150.00', productGroup: 'Расходники' });
  const c = async (name: string, extra: Record<string, unknown> = {}) =>
    (await buildClient(db, owner, { name, ...extra })).id;
  const ids = {
    A: await c('Альфа'),
    B: await c('Бета', { paymentDeferralDays: 30 }),
    C: await c('Гамма', { status: 'prospect' }),
    D: await c('Дельта', { status: 'prospect' }),
    E: await c('Эпсилон'),
    F: await c('Фи'),
    G: await c('Гамма-2'),
    H: await c('Эйч'),
    R: await c('Возвратов'),
    N: await c('Минус'),
    Q: await c('Граница'),
  };
  // A: an old order before the period, three in it, one left unpaid.
  await order(owner, ids.A, '2025-05-10', [{ productId: p2.id, quantity: 20 }], { paymentDueDate: '2025-05-10' });
  await pay(owner, ids.A, '2025-05-10', '10000.00');
  await order(owner, ids.A, '2026-01-10', [{ productId: p1.id, quantity: 20 }], {
    paymentDueDate: '2026-01-20',
    logisticsCost: '300.00',
  });
  await order(owner, ids.A, '2026-03-05', [{ productId: p2.id, quantity: 40, price: '450.00' }], {
    paymentDueDate: '2026-03-15',
  });
  await order(
    owner,
    ids.A,
    '2026-05-20',
    [
      { productId: p1.id, quantity: 10, price: '900.00' },
      { productId: p3.id, quantity: 50 },
    ],
    { paymentDueDate: '2026-05-30' },
  );
  await pay(owner, ids.A, '2026-01-25', '20000.00');
  await pay(owner, ids.A, '2026-03-15', '18000.00');
  await touch(owner, ids.A, 'call', '2026-02-01', 30);
  await touch(owner, ids.A, 'meeting', '2026-04-10', 90);
  await touch(owner, ids.A, 'reception', '2026-04-10', 120, '500.00');
  await touch(owner, ids.A, 'gift', '2026-05-01', 20, '150.00');
  // B: 30 days' deferral, one sale, a return, paid 10 days late.
  await order(owner, ids.B, '2026-04-01', [{ productId: p3.id, quantity: 10 }]);
  await order(owner, ids.B, '2026-04-20', [{ productId: p3.id, quantity: -2 }]);
  await pay(owner, ids.B, '2026-05-11', '1600.00');
  await touch(owner, ids.B, 'call', '2026-04-02', 60);
  // C: a prospect we called; D: nothing at all.
  await touch(owner, ids.C, 'call', '2026-06-01', 15);
  // E: two purchases a month apart, then silence.
  for (const d of ['2025-08-01', '2025-09-01']) {
    await order(owner, ids.E, d, [{ productId: p2.id, quantity: 2 }]);
    await pay(owner, ids.E, d, '1000.00');
  }
  // F: every month on the 5th, July 2025 … June 2026.
  for (let m = 0; m < 12; m++) {
    const d = `${m < 6 ? 2025 : 2026}-${String(((m + 6) % 12) + 1).padStart(2, '0')}-05`;
    await order(owner, ids.F, d, [{ productId: p3.id, quantity: 1 }]);
    await pay(owner, ids.F, d, '200.00');
  }
  // G: two big orders, one meeting. H: two small orders, one call.
  for (const d of ['2026-02-10', '2026-04-10']) {
    await order(owner, ids.G, d, [{ productId: p1.id, quantity: 10 }]);
    await pay(owner, ids.G, d, '10000.00');
  }
  await touch(owner, ids.G, 'meeting', '2026-03-01', 60);
  for (const d of ['2026-02-15', '2026-05-15']) {
    await order(owner, ids.H, d, [{ productId: p2.id, quantity: 2 }]);
    await pay(owner, ids.H, d, '1000.00');
  }
  await touch(owner, ids.H, 'call', '2026-03-01', 30);
  // R: only a return. N: sold below cost. Q: on both sides of the period's first day.
  await order(owner, ids.R, '2026-03-01', [{ productId: p3.id, quantity: -1 }]);
  await order(owner, ids.N, '2026-02-01', [{ productId: p1.id, quantity: 1, price: '500.00' }]);
  await pay(owner, ids.N, '2026-02-01', '500.00');
  for (const d of ['2025-06-30', '2025-07-01']) {
    await order(owner, ids.Q, d, [{ productId: p3.id, quantity: 1 }]);
    await pay(owner, ids.Q, d, '200.00');
  }
  return { owner, ids };
}

/** Hand-worked figures (money in kopecks). */
function expected(ids: Company['ids']) {
  const zero = {
    returns: 0,
    logisticsCost: 0,
    relationshipSpend: 0,
    latePaymentCost: 0,
    overdueNow: 0,
    interactions: 0,
    managerMinutes: 0,
    managerTimeCost: 0,
  };
  return {
    // Revenue 20000 + 18000 (40 × 450) + 19000 (10 × 900 + 50 × 200) = 57000.00; cost 12000 + 8000 + 13500 = 33500.00.
    // Discount: list 20000 + 20000 + 10000 + 10000 = 60000 against 57000 sold → 5 %.
    // FIFO: the 2025 payment covers the 2025 order; 20000 on 25.01 settles the 20.01 document (5 days
    // late); 18000 on 15.03 the 15.03 one (on time); the 30.05 document is open: 16 days late today.
    // Late cost = (2 000 000 × 5 + 1 900 000 × 16) × 16 % ÷ 365 = 17 709.6 → 17 710 kopecks.
    // Minutes 30 + 90 + 120 + 20 = 260 → 260 × 1500 ₽ ÷ 60 = 6500.00; spend 500 + 150; logistics 300.
    // Cost to serve 650 000 + 30 000 + 65 000 + 17 710 = 762 710; profit 2 350 000 − 762 710 = 1 587 290.
    [ids.A]: {
      ...zero,
      revenue: 5_700_000,
      cost: 3_350_000,
      margin: 2_350_000,
      marginPct: 41.23,
      orders: 3,
      purchaseDays: 3,
      ordersPerMonth: 0.25,
      avgIntervalDays: days('2026-01-10', '2026-05-20') / 2,
      recencyDays: days('2026-05-20', TODAY),
      tenureDays: days('2025-05-10', TODAY),
      firstPurchase: '2025-05-10',
      lastPurchase: '2026-05-20',
      productsBought: 3,
      groupsBought: 2,
      avgDiscountPct: 5,
      avgDelayDays: 7,
      maxDelayDays: 16,
      overdueNow: 1_900_000,
      interactions: 4,
      managerMinutes: 260,
      managerTimeCost: 650_000,
      logisticsCost: 30_000,
      relationshipSpend: 65_000,
      latePaymentCost: 17_710,
      costToServe: 762_710,
      profit: 1_587_290,
      activeMonths: 3,
      ladderStage: 'repeat_purchase',
      stageSince: '2026-01-01',
    },
    // Revenue 2000 − 400 (return) = 1600.00; due 01.04 + 30 days = 01.05; the return (20.04) covers 400
    // before it is due, 1600 on 11.05 the rest: 10 days late on 1600 only → 160 000 × 10 × 16 % ÷ 365 =
    // 701.4 → 701. One hour: 1500.00.
    [ids.B]: {
      ...zero,
      revenue: 160_000,
      cost: 120_000,
      margin: 40_000,
      marginPct: 25,
      returns: 40_000,
      orders: 1,
      purchaseDays: 1,
      ordersPerMonth: 0.08,
      avgIntervalDays: null,
      recencyDays: 75,
      tenureDays: 75,
      firstPurchase: '2026-04-01',
      lastPurchase: '2026-04-01',
      productsBought: 1,
      groupsBought: 1,
      avgDiscountPct: 0,
      avgDelayDays: 10,
      maxDelayDays: 10,
      interactions: 1,
      managerMinutes: 60,
      managerTimeCost: 150_000,
      latePaymentCost: 701,
      costToServe: 150_701,
      profit: -110_701,
      activeMonths: 1,
      ladderStage: 'first_purchase',
      stageSince: '2026-04-01',
    },
    [ids.C]: {
      ...zero,
      revenue: 0,
      cost: 0,
      margin: 0,
      marginPct: null,
      orders: 0,
      purchaseDays: 0,
      ordersPerMonth: 0,
      avgIntervalDays: null,
      recencyDays: null,
      tenureDays: null,
      firstPurchase: null,
      lastPurchase: null,
      productsBought: 0,
      groupsBought: 0,
      avgDiscountPct: null,
      avgDelayDays: null,
      maxDelayDays: null,
      interactions: 1,
      managerMinutes: 15,
      managerTimeCost: 37_500,
      costToServe: 37_500,
      profit: -37_500,
      activeMonths: 0,
      ladderStage: 'aware',
      stageSince: '2026-06-01',
    },
    [ids.D]: {
      ...zero,
      revenue: 0,
      cost: 0,
      margin: 0,
      marginPct: null,
      orders: 0,
      purchaseDays: 0,
      ordersPerMonth: 0,
      avgIntervalDays: null,
      recencyDays: null,
      tenureDays: null,
      firstPurchase: null,
      lastPurchase: null,
      productsBought: 0,
      groupsBought: 0,
      avgDiscountPct: null,
      avgDelayDays: null,
      maxDelayDays: null,
      costToServe: 0,
      profit: 0,
      activeMonths: 0,
      ladderStage: 'unaware',
      stageSince: null,
    },
    // Two purchases 31 days apart; lost once silent for more than max(90, 3 × 31) = 93 days: at the end of December.
    [ids.E]: {
      ...zero,
      revenue: 200_000,
      cost: 80_000,
      margin: 120_000,
      marginPct: 60,
      orders: 2,
      purchaseDays: 2,
      ordersPerMonth: 0.17,
      avgIntervalDays: 31,
      recencyDays: days('2025-09-01', TODAY),
      tenureDays: days('2025-08-01', TODAY),
      firstPurchase: '2025-08-01',
      lastPurchase: '2025-09-01',
      productsBought: 1,
      groupsBought: 1,
      avgDiscountPct: 0,
      avgDelayDays: 0,
      maxDelayDays: 0,
      costToServe: 0,
      profit: 120_000,
      activeMonths: 2,
      ladderStage: 'lost',
      stageSince: '2025-12-01',
    },
    // Twelve monthly purchases: frequent from January (4+ purchases in 12 months, in 3 of the last 4 quarters).
    [ids.F]: {
      ...zero,
      revenue: 240_000,
      cost: 180_000,
      margin: 60_000,
      marginPct: 25,
      orders: 12,
      purchaseDays: 12,
      ordersPerMonth: 1,
      avgIntervalDays: 30.5,
      recencyDays: 10,
      tenureDays: days('2025-07-05', TODAY),
      firstPurchase: '2025-07-05',
      lastPurchase: '2026-06-05',
      productsBought: 1,
      groupsBought: 1,
      avgDiscountPct: 0,
      avgDelayDays: 0,
      maxDelayDays: 0,
      costToServe: 0,
      profit: 60_000,
      activeMonths: 12,
      ladderStage: 'frequent',
      stageSince: '2026-01-01',
    },
    [ids.G]: {
      ...zero,
      revenue: 2_000_000,
      cost: 1_200_000,
      margin: 800_000,
      marginPct: 40,
      orders: 2,
      purchaseDays: 2,
      ordersPerMonth: 0.17,
      avgIntervalDays: 59,
      recencyDays: 66,
      tenureDays: 125,
      firstPurchase: '2026-02-10',
      lastPurchase: '2026-04-10',
      productsBought: 1,
      groupsBought: 1,
      avgDiscountPct: 0,
      avgDelayDays: 0,
      maxDelayDays: 0,
      interactions: 1,
      managerMinutes: 60,
      managerTimeCost: 150_000,
      costToServe: 150_000,
      profit: 650_000,
      activeMonths: 2,
      ladderStage: 'repeat_purchase',
      stageSince: '2026-04-01',
    },
    [ids.H]: {
      ...zero,
      revenue: 200_000,
      cost: 80_000,
      margin: 120_000,
      marginPct: 60,
      orders: 2,
      purchaseDays: 2,
      ordersPerMonth: 0.17,
      avgIntervalDays: 89,
      recencyDays: 31,
      tenureDays: 120,
      firstPurchase: '2026-02-15',
      lastPurchase: '2026-05-15',
      productsBought: 1,
      groupsBought: 1,
      avgDiscountPct: 0,
      avgDelayDays: 0,
      maxDelayDays: 0,
      interactions: 1,
      managerMinutes: 30,
      managerTimeCost: 75_000,
      costToServe: 75_000,
      profit: 45_000,
      activeMonths: 2,
      ladderStage: 'repeat_purchase',
      stageSince: '2026-05-01',
    },
    // Only a return: negative revenue, no purchase, still "unaware" of buying from us.
    [ids.R]: {
      ...zero,
      revenue: -20_000,
      cost: -15_000,
      margin: -5_000,
      marginPct: null,
      returns: 20_000,
      orders: 0,
      purchaseDays: 0,
      ordersPerMonth: 0,
      avgIntervalDays: null,
      recencyDays: null,
      tenureDays: null,
      firstPurchase: null,
      lastPurchase: null,
      productsBought: 0,
      groupsBought: 0,
      avgDiscountPct: null,
      avgDelayDays: null,
      maxDelayDays: null,
      costToServe: 0,
      profit: -5_000,
      activeMonths: 0,
      ladderStage: 'unaware',
      stageSince: null,
    },
    // Sold at 500.00 what costs 600.00: margin −20 %, discount 50 %.
    [ids.N]: {
      ...zero,
      revenue: 50_000,
      cost: 60_000,
      margin: -10_000,
      marginPct: -20,
      orders: 1,
      purchaseDays: 1,
      ordersPerMonth: 0.08,
      avgIntervalDays: null,
      recencyDays: days('2026-02-01', TODAY),
      tenureDays: days('2026-02-01', TODAY),
      firstPurchase: '2026-02-01',
      lastPurchase: '2026-02-01',
      productsBought: 1,
      groupsBought: 1,
      avgDiscountPct: 50,
      avgDelayDays: 0,
      maxDelayDays: 0,
      costToServe: 0,
      profit: -10_000,
      activeMonths: 1,
      ladderStage: 'first_purchase',
      stageSince: '2026-02-01',
    },
    // 30.06.2025 is outside the period, 01.07.2025 inside; two purchases a day apart → lost after 90 days (September).
    [ids.Q]: {
      ...zero,
      revenue: 20_000,
      cost: 15_000,
      margin: 5_000,
      marginPct: 25,
      orders: 1,
      purchaseDays: 1,
      ordersPerMonth: 0.08,
      avgIntervalDays: null,
      recencyDays: days('2025-07-01', TODAY),
      tenureDays: days('2025-06-30', TODAY),
      firstPurchase: '2025-06-30',
      lastPurchase: '2025-07-01',
      productsBought: 1,
      groupsBought: 1,
      avgDiscountPct: 0,
      avgDelayDays: 0,
      maxDelayDays: 0,
      costToServe: 0,
      profit: 5_000,
      activeMonths: 1,
      ladderStage: 'lost',
      stageSince: '2025-09-01',
    },
  } as Record<number, Record<string, number | string | null>>;
}

const money = (k: number) => (k / 100).toFixed(2);

describe('a hand-worked company', async () => {
  let company: Company;
  let figures: Map<number, Record<string, unknown>>;
  beforeAll(async () => {
    company = await buildCompany();
    await refreshAnalytics(db, company.owner.orgId);
    const page = await findClientFigures(db, company.owner, { pageSize: 200, sort: 'revenue' } as never);
    figures = new Map(page.items.map((i) => [i.clientId, i.figures as Record<string, unknown>]));
  });

  it('gives every client the figures worked out by hand', () => {
    const want = expected(company.ids);
    for (const [name, id] of Object.entries(company.ids)) {
      const got = figures.get(id)!;
      for (const [key, value] of Object.entries(want[id]!)) {
        const moneyKeys = [
          'revenue',
          'cost',
          'margin',
          'returns',
          'overdueNow',
          'managerTimeCost',
          'logisticsCost',
          'relationshipSpend',
          'latePaymentCost',
          'costToServe',
          'profit',
        ];
        const shown = moneyKeys.includes(key) ? money(value as number) : value;
        expect.soft(got[key], `${name}.${key}`).toEqual(shown);
      }
    }
  });

  it('reads the period and as-of day from the settings and today', async () => {
    const page = await findClientFigures(db, company.owner, { pageSize: 1 } as never);
    expect(page.period).toEqual({ from: '2025-07-01', to: '2026-06-30', asOf: TODAY });
  });

  it('shares of profit and of time sum to 100 % and match the hand-worked totals', () => {
    const { ids } = company;
    const profits = Object.values(expected(ids)).map((f) => f.profit as number);
    const total = profits.reduce((s, p) => s + p, 0);
    expect(total).toBe(2_304_089);
    const shares = [...figures.values()];
    expect(shares.reduce((s, f) => s + (f.profitShare as number), 0)).toBeCloseTo(1, 12);
    expect(shares.reduce((s, f) => s + (f.timeShare as number), 0)).toBeCloseTo(1, 12);
    expect(figures.get(ids.A)!.profitShare).toBeCloseTo(1_587_290 / 2_304_089, 12);
    // Minutes 260 + 60 + 15 + 60 + 30 = 425.
    expect(figures.get(ids.H)!.timeShare).toBeCloseTo(30 / 425, 12);
  });

  it('classes ABC by revenue and by profit with the 80/15/5 rule', () => {
    const want = expected(company.ids);
    const bought = Object.values(company.ids).filter((id) => want[id]!.firstPurchase !== null);
    const byRevenue = abcClassify(
      bought.map((id) => ({ id, value: want[id]!.revenue as number })),
      80,
      95,
    );
    const byProfit = abcClassify(
      bought.map((id) => ({ id, value: want[id]!.profit as number })),
      80,
      95,
    );
    // Gross sales = revenue + returns: what was sold before returns (B: 2000.00, though 1600.00 net).
    const byGross = abcClassify(
      bought.map((id) => ({ id, value: (want[id]!.revenue as number) + (want[id]!.returns as number) })),
      80,
      95,
    );
    for (const id of Object.values(company.ids)) {
      expect(figures.get(id)!.abcRevenue).toBe(byRevenue.get(id) ?? null);
      expect(figures.get(id)!.abcGross).toBe(byGross.get(id) ?? null);
      expect(figures.get(id)!.abcProfit).toBe(byProfit.get(id) ?? null);
    }
    const { A, G, E, F, H, B } = company.ids;
    // Profit: A 1 587 290 first (A); G before it has 64 % (A); E 91 % (B); F 95.5 % (C); losses are C.
    expect([A, G, E, F, H, B].map((id) => figures.get(id)!.abcProfit)).toEqual(['A', 'A', 'B', 'C', 'C', 'C']);
    // Revenue: A 5 700 000 (A), G before it has 5.7 of 8.2 M = 69 % (A), E/H/F … after 94 %.
    expect(figures.get(A)!.abcRevenue).toBe('A');
    expect(figures.get(company.ids.D)!.abcRevenue).toBeNull();
  });

  it('classes XYZ by the variation of quarterly revenue (the default grain), with no class below three active months', () => {
    const { A, F, E, G } = company.ids;
    // F buys 200.00 every month: 600.00 every quarter, CV 0 → X. A: nothing in July–December, then
    // 20000 + 18000 in the first quarter of 2026 and 19000 in the second → CV ≈ 1.0 → Z (over 50 %).
    expect(figures.get(F)!.xyz).toBe('X');
    expect(figures.get(F)!.revenueCv).toBeCloseTo(0, 9);
    const a = [0, 0, 3_800_000, 1_900_000];
    const mean = a.reduce((s, v) => s + v, 0) / 4;
    const cv = Math.sqrt(a.reduce((s, v) => s + v * v, 0) / 4 - mean * mean) / mean;
    expect(cv).toBeCloseTo(
      revenueVariation([0, 0, 0, 0, 0, 0, 2_000_000, 0, 1_800_000, 0, 1_900_000, 0], 'quarter')!,
      12,
    );
    expect(figures.get(A)!.revenueCv).toBeCloseTo(cv, 9);
    expect(figures.get(A)!.xyz).toBe('Z');
    expect(figures.get(E)!.xyz).toBeNull();
    expect(figures.get(G)!.xyz).toBeNull();
  });

  it('scores RFM in quintiles and names the segments', () => {
    const want = expected(company.ids);
    const bought = Object.values(company.ids).filter((id) => want[id]!.recencyDays !== null);
    const order = (key: string, dir: 1 | -1) =>
      [...bought].sort((x, y) => dir * ((want[x]![key] as number) - (want[y]![key] as number)) || x - y);
    const r = quintiles(order('recencyDays', -1));
    const f = quintiles(order('purchaseDays', 1));
    const m = quintiles(order('margin', 1));
    for (const id of bought) {
      expect(figures.get(id)).toMatchObject({
        rScore: r.get(id),
        fScore: f.get(id),
        mScore: m.get(id),
        rfmSegment: rfmSegment(r.get(id)!, f.get(id)!, m.get(id)!),
      });
    }
    // F bought ten days ago, twelve times: R 5, F 5.
    expect(figures.get(company.ids.F)).toMatchObject({ rScore: 5, fScore: 5 });
    expect(figures.get(company.ids.D)!.rfmSegment).toBeNull();
  });

  it('finds the insignificant group and computes categories, with a manual category winning', async () => {
    const { A, B, C, E, F, G, H, N, Q, R } = company.ids;
    // Steady clients with time spent: H (1500 per minute), A (6105), G (10 833). Positive profit
    // 2 467 290 × 5 % = 123 364: H (45 000) is in, adding A would exceed it.
    const cats = Object.fromEntries(
      Object.entries({ A, B, C, E, F, G, H, N, Q, R }).map(([k, id]) => [k, figures.get(id)!.computedCategory]),
    );
    // R only returned goods: it traded with us at a loss, so it is loss-making; C (a prospect we called) is not categorised.
    expect(cats).toEqual({
      A: 'productive',
      B: 'loss_making',
      C: null,
      E: 'productive',
      F: 'average',
      G: 'productive',
      H: 'insignificant',
      N: 'loss_making',
      Q: 'average',
      R: 'loss_making',
    });
    const totals = await insignificantTotals(
      db,
      company.owner.orgId,
      await analyticsSettingsFor(db, company.owner.orgId),
    );
    expect(totals).toMatchObject({ clients: 1, profit: 45_000, takesBulkOfTime: false });
    expect(totals.timeShare).toBeCloseTo(30 / 425, 12);
    // A person marks N a perspective client: it shows at once, and the computed category stays beside it.
    await updateClient(db, company.owner, N, {
      categoryOverride: 'perspective',
      categoryOverrideReason: 'Новый завод в 2027 году',
    });
    const n = await getClientAnalytics(db, company.owner, N);
    expect(n.figures).toMatchObject({ category: 'perspective', computedCategory: 'loss_making' });
    expect(n).toMatchObject({ manualCategory: 'perspective', manualCategoryReason: 'Новый завод в 2027 году' });
    await updateClient(db, company.owner, N, { categoryOverride: null, categoryOverrideReason: null });
    expect((await getClientAnalytics(db, company.owner, N)).figures.category).toBe('loss_making');
  });

  it('counts loss-making clients once, the same in the totals, by category and in the list', async () => {
    const { B, N, R } = company.ids;
    // B −110 701, N −10 000, R −5 000 (C, a prospect at −37 500, never traded: not loss-making).
    const summary = await analyticsSummary(db, company.owner);
    expect(summary.totals).toMatchObject({ lossMakingClients: 3, lossMakingProfit: money(-110_701 - 10_000 - 5_000) });
    expect(summary.totals.byCategory.loss_making).toBe(3);
    const listed = await findClientFigures(db, company.owner, { category: 'loss_making', pageSize: 50 } as never);
    expect(listed.items.map((i) => i.clientId).sort((x, y) => x - y)).toEqual([B, N, R].sort((x, y) => x - y));
  });

  it('keeps the ladder history month by month', async () => {
    const stages = async (id: number) =>
      (await getClientAnalytics(db, company.owner, id)).stages.map((s) => `${s.month.slice(0, 7)} ${s.stage}`);
    expect(await stages(company.ids.A)).toEqual(['2025-05 first_purchase', '2026-01 repeat_purchase']);
    expect(await stages(company.ids.E)).toEqual(['2025-08 first_purchase', '2025-09 repeat_purchase', '2025-12 lost']);
    expect(await stages(company.ids.F)).toEqual([
      '2025-07 first_purchase',
      '2025-08 repeat_purchase',
      '2026-01 frequent',
    ]);
    expect(await stages(company.ids.Q)).toEqual(['2025-06 first_purchase', '2025-07 repeat_purchase', '2025-09 lost']);
    expect(await stages(company.ids.C)).toEqual(['2026-06 aware']);
    expect(await stages(company.ids.D)).toEqual([]);
  });

  it('shows the ladder funnel for the first half of 2026: seven climbed, two stayed lost', async () => {
    const funnel = await funnelOf(db, company.owner, { from: '2026-01', to: '2026-06' });
    expect(funnel).toMatchObject({ climbed: 7, stayed: 2, fell: 0 });
    expect(funnel.transitions).toContainEqual({ from: 'repeat_purchase', to: 'frequent', clients: 1 });
    expect(funnel.transitions).toContainEqual({ from: 'lost', to: 'lost', clients: 2 });
  });

  it('draws the whale curve: the hump is the peak over the total', async () => {
    const whale = await whaleOf(db, company.owner);
    // Ten active clients (D did nothing). Cumulative profit peaks after the six profitable ones.
    expect(whale).toMatchObject({
      basis: 'profit',
      clients: 10,
      totalProfit: money(2_304_089),
      peakProfit: money(2_467_290),
    });
    expect(whale.hump).toBeCloseTo(2_467_290 / 2_304_089, 12);
    expect(whale.curve.at(-1)).toMatchObject({ rank: 10, cumulativeProfit: money(2_304_089), profitShare: 1 });
    expect(whale.curve[1]).toMatchObject({ rank: 1, cumulativeProfit: money(1_587_290) });
  });

  it('fills the ABC × XYZ matrix with counts and sums per cell', async () => {
    const { cells, ...rules } = await matrixOf(db, company.owner, 'profit');
    // The answer names its basis and the rules its classes were made with (the defaults here).
    // Every line of the company has a known cost: margin and profit cover all of the revenue.
    expect(rules).toEqual({
      basis: 'profit',
      abc: { a: 80, b: 95 },
      xyz: { grain: 'quarter', x: 25, y: 50, minActiveMonths: 3 },
      costCoverage: { unknownProfitClients: 0, revenueWithoutCost: '0.00', revenueWithCostPct: 100 },
    });
    expect(cells.find((c) => c.abc === 'A' && c.xyz === 'Z')).toEqual({
      abc: 'A',
      xyz: 'Z',
      clients: 1,
      revenue: money(5_700_000),
      grossSales: money(5_700_000),
      profit: money(1_587_290),
    });
    expect(cells.find((c) => c.abc === 'C' && c.xyz === 'X')).toEqual({
      abc: 'C',
      xyz: 'X',
      clients: 1,
      revenue: money(240_000),
      grossSales: money(240_000),
      profit: money(60_000),
    });
    // Eight clients ever bought: all are classed; C, D and R never bought.
    expect(cells.reduce((s, c) => s + c.clients, 0)).toBe(8);
  });

  it('builds cohorts by quarter of first purchase', async () => {
    const { cohorts } = await cohortsOf(db, company.owner);
    expect(cohorts).toEqual([
      { cohort: '2025-04-01', size: 2, retained: [2, 1, 0, 1, 1] }, // A and Q; Q again in Q3, A in 2026 Q1 and Q2
      { cohort: '2025-07-01', size: 2, retained: [2, 1, 1, 1] }, // E and F; only F stays
      { cohort: '2026-01-01', size: 3, retained: [3, 2] }, // G, H, N; G and H again in Q2
      { cohort: '2026-04-01', size: 1, retained: [1] }, // B
    ]);
  });

  it('computes the quarterly retention rate and the lost-vs-gained alarm on significant clients', async () => {
    const { periods } = await flowsOf(db, company.owner, 'quarter');
    expect(periods).toEqual([
      // Q3 2025: A and Q bought in Q2, Q again; A (significant in Q2) lost, E gained.
      {
        period: '2025-07-01',
        previousBuyers: 2,
        retained: 1,
        retentionRate: 0.5,
        significantLost: 1,
        significantGained: 1,
        alarm: false,
      },
      // Q4: E (significant in Q3) bought nothing; F is significant but bought in Q3 too: 1 lost, 0 gained.
      {
        period: '2025-10-01',
        previousBuyers: 3,
        retained: 1,
        retentionRate: 1 / 3,
        significantLost: 1,
        significantGained: 0,
        alarm: true,
      },
      {
        period: '2026-01-01',
        previousBuyers: 1,
        retained: 1,
        retentionRate: 1,
        significantLost: 0,
        significantGained: 1,
        alarm: false,
      },
      // Q2 2026: A, F, G, H of the five Q1 buyers bought again.
      {
        period: '2026-04-01',
        previousBuyers: 5,
        retained: 4,
        retentionRate: 0.8,
        significantLost: 0,
        significantGained: 0,
        alarm: false,
      },
    ]);
  });

  it('a full rebuild gives the same figures as the upkeep of the writes', async () => {
    const before = await findClientFigures(db, company.owner, { pageSize: 200, sort: 'revenue' } as never);
    await rebuildAnalytics(db, company.owner.orgId);
    const after = await findClientFigures(db, company.owner, { pageSize: 200, sort: 'revenue' } as never);
    expect(after.items).toEqual(before.items);
  });
});
