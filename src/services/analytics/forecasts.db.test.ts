// The stored forecasts (docs/analytics.md §21.12–§21.13) held to the statistical core: a small company
// built here from simulated purchase days, whose every client's summary the test works out from the
// documents it wrote — not from the SQL under test — and feeds to fitBgNbd, fitGammaGamma,
// forecastClients and ownRhythm; an order re-scoring its client; a fit falling back; the routes.
import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../../test/support/app.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildOrg, buildProduct, buildUser } from '../../../test/support/factories.js';
import { expectedStoredForecast } from '../../../test/support/forecast-expectations.js';
import { sampler, simulatePurchaseDays } from '../../../test/support/forecast-simulation.js';
import { fitBgNbd } from '../../core/analytics/forecast/bgnbd.js';
import { fitGammaGamma } from '../../core/analytics/forecast/gamma-gamma.js';
import { ownRhythm } from '../../core/analytics/forecast/next-purchase.js';
import { forecastClients, type ClientToForecast } from '../../core/analytics/forecast/score.js';
import { atRiskReasonsOf } from '../../core/analytics/forecast/at-risk.js';
import type { StoredForecast } from '../../core/analytics/forecast/base.js';
import { orderLines, orders } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import { updateClient } from '../clients/clients.js';
import { createOrder, deleteOrder } from '../sales/orders.js';
import { rebuildAnalytics, refreshAnalytics } from './refresh.js';
import { updateAnalyticsSettings } from './settings.js';

const TODAY = '2026-06-15';
const db = await useDatabase({ today: TODAY });
const app = await useApp(db);

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** A document the test writes, and what it counts for: sales on their day, nothing else as a purchase. */
type Doc = { clientId: number; date: string; status: string; amount: number; cost: number };

/**
 * A company of `n` clients whose purchase days follow BG/NBD (rate ~ Gamma(0.9, 30 per day), dropout after a
 * purchase ~ Beta(1, 2)) over up to two years, each day's value Gamma-Gamma (40 000.00 ₽ on average), each
 * client's margin share its own. Beside the sales: a second sale on some purchase days (one purchase day,
 * its value the sum), a return, a cancelled document and a draft — none of them a purchase day.
 */
async function simulatedCompany(owner: Actor, n: number, seed: number) {
  const s = sampler(seed);
  const product = await buildProduct(db, owner);
  const clientIds: number[] = [];
  for (let i = 0; i < n; i++) clientIds.push((await buildClient(db, owner, { name: `Клиент ${seed}-${i}` })).id);
  const docs: Doc[] = [];
  const today = dayNumber(TODAY);
  for (const clientId of clientIds) {
    const T = 30 + Math.floor(s.uniform() * 700);
    const days = simulatePurchaseDays(s, { r: 0.9, alpha: 30, a: 1, b: 2 }, T).map((d) => today - T + d);
    const nu = s.gamma(3, 2_000_000);
    const share = 0.15 + 0.25 * s.uniform();
    for (const day of days) {
      const amount = 100 + Math.round(s.gamma(4, nu));
      docs.push({ clientId, date: isoDay(day), status: 'completed', amount, cost: Math.round(amount * (1 - share)) });
      if (s.uniform() < 0.1)
        docs.push({ clientId, date: isoDay(day), status: 'shipped', amount: 50_000, cost: 40_000 });
    }
    if (s.uniform() < 0.2) {
      const day = isoDay(days[days.length - 1]! + 1);
      if (day <= TODAY) docs.push({ clientId, date: day, status: 'completed', amount: -30_000, cost: -20_000 });
    }
    if (s.uniform() < 0.2) docs.push({ clientId, date: TODAY, status: 'cancelled', amount: 90_000, cost: 1 });
    if (s.uniform() < 0.2) docs.push({ clientId, date: TODAY, status: 'draft', amount: 90_000, cost: 1 });
  }
  const written = await db.orm
    .insert(orders)
    .values(
      docs.map((d, i) => ({
        orgId: owner.orgId,
        clientId: d.clientId,
        number: `S${seed}-${i}`,
        orderDate: d.date,
        status: d.status as 'completed',
        total: d.amount,
        costTotal: d.cost,
      })),
    )
    .returning({ id: orders.id });
  await db.orm.insert(orderLines).values(
    docs.map((d, i) => ({
      orgId: owner.orgId,
      orderId: written[i]!.id,
      lineNo: 1,
      clientId: d.clientId,
      orderDate: d.date,
      productId: product.id,
      quantity: d.amount < 0 ? '-1' : '1',
      price: Math.abs(d.amount),
      unitCost: Math.abs(d.cost),
      amount: d.amount,
      costAmount: d.cost,
    })),
  );
  return { clientIds, docs, product };
}

/** Each client's purchase days, their values and its margin share, worked out from the documents. */
function expectedInputs(clientIds: number[], docs: Doc[]) {
  return clientIds.flatMap((clientId) => {
    const counted = docs.filter((d) => d.clientId === clientId && d.status !== 'cancelled' && d.status !== 'draft');
    const byDay = new Map<string, number>();
    for (const d of counted.filter((x) => x.amount > 0)) byDay.set(d.date, (byDay.get(d.date) ?? 0) + d.amount);
    const days = [...byDay.keys()].sort();
    if (days.length === 0) return [];
    const revenue = counted.reduce((a, d) => a + d.amount, 0);
    const margin = counted.reduce((a, d) => a + d.amount - d.cost, 0);
    const x = days.length - 1;
    const repeatValue = days.slice(1).reduce((a, d) => a + byDay.get(d)!, 0);
    return [
      {
        clientId,
        days,
        input: {
          history: { x, tx: dayNumber(days[x]!) - dayNumber(days[0]!), T: dayNumber(TODAY) - dayNumber(days[0]!) },
          spend: { x, meanValue: x > 0 ? repeatValue / x : 0 },
          marginShare: revenue > 0 ? margin / revenue : null,
        } satisfies ClientToForecast,
      },
    ];
  });
}

type StoredRow = Record<string, unknown> & { client_id: number };
async function storedForecasts(orgId: number): Promise<StoredRow[]> {
  const { rows } = await db.engine.query<StoredRow>(
    'SELECT * FROM client_forecasts WHERE org_id = $1 ORDER BY client_id',
    [orgId],
  );
  return rows;
}
const num = (v: unknown) => (v === null ? null : Number(v));
/** A stored row as the core's StoredForecast (numbers from numeric and bigint columns). */
const storedOf = (row: StoredRow): StoredForecast => ({
  clientId: Number(row.client_id),
  repeatPurchases: Number(row.repeat_purchases),
  lastAfterFirstDays: Number(row.last_after_first_days),
  ageDays: Number(row.age_days),
  pAlive: num(row.p_alive),
  expectedPurchases30: num(row.expected_purchases_30),
  expectedPurchases90: num(row.expected_purchases_90),
  expectedPurchases365: num(row.expected_purchases_365),
  purchaseWithin30: num(row.purchase_within_30),
  expectedPurchaseValue: num(row.expected_purchase_value),
  expectedMargin12m: num(row.expected_margin_12m),
  expectedMarginLost: num(row.expected_margin_lost),
  modelNextPurchaseOn: row.model_next_purchase_on as string | null,
  usualGapDays: num(row.usual_gap_days),
  daysSinceLast: Number(row.days_since_last),
  nextPurchaseOn: row.next_purchase_on as string | null,
  overdue: row.overdue as boolean | null,
});

describe('the forecasts of a company', () => {
  let owner: Actor & { email: string };
  let company: Awaited<ReturnType<typeof simulatedCompany>>;
  beforeAll(async () => {
    owner = await buildOrg(db);
    company = await simulatedCompany(owner, 160, 11);
    await rebuildAnalytics(db, owner.orgId);
  }, 120_000);

  it('stores what the core gives: fitBgNbd, fitGammaGamma, forecastClients and ownRhythm on the documents', async () => {
    const inputs = expectedInputs(company.clientIds, company.docs);
    const bg = fitBgNbd(inputs.map((c) => c.input.history));
    const gg = fitGammaGamma(inputs.map((c) => c.input.spend));
    if (!bg.ok || !gg.ok) throw new Error(`the simulated company should fit: ${JSON.stringify([bg, gg])}`);
    const {
      rows: [fit],
    } = await db.engine.query<Record<string, unknown>>('SELECT * FROM org_forecasts WHERE org_id = $1', [owner.orgId]);
    expect(fit).toMatchObject({
      status: 'fitted',
      reason: null,
      value_reason: null,
      r: bg.params.r,
      alpha: bg.params.alpha,
      a: bg.params.a,
      b: bg.params.b,
      p: gg.params.p,
      q: gg.params.q,
      gamma: gg.params.gamma,
      clients: inputs.length,
      repeat_buyers: bg.repeatBuyers,
      as_of: TODAY,
    });
    const forecasts = forecastClients(
      bg.params,
      gg.params,
      inputs.map((c) => c.input),
      { monthlyDiscountRate: 0.01 },
    );
    const stored = await storedForecasts(owner.orgId);
    expect(stored.map((r) => Number(r.client_id))).toEqual(inputs.map((c) => c.clientId));
    stored.forEach((row, i) => {
      const { history } = inputs[i]!.input;
      expect(storedOf(row)).toEqual(
        expectedStoredForecast(inputs[i]!.clientId, history, forecasts[i]!, inputs[i]!.days, TODAY),
      );
    });
    // The company has what the views need: one-time buyers, clients overdue by their rhythm, doubtful ones.
    expect(stored.some((r) => r.p_alive === null)).toBe(true);
    expect(stored.some((r) => r.overdue === true)).toBe(true);
    expect(stored.some((r) => r.p_alive !== null && Number(r.p_alive) < 0.5)).toBe(true);
  });

  it('re-scores a client with the stored parameters when it orders, and a refresh the same day keeps the fit', async () => {
    const {
      rows: [before],
    } = await db.engine.query<Record<string, unknown>>('SELECT * FROM org_forecasts WHERE org_id = $1', [owner.orgId]);
    const clientId = company.clientIds[7]!;
    const [old] = (await storedForecasts(owner.orgId)).filter((r) => Number(r.client_id) === clientId);
    await createOrder(db, owner, {
      clientId,
      number: 'NEW-1',
      orderDate: TODAY,
      lines: [{ productId: company.product.id, quantity: 1, price: '1000.00', unitCost: '700.00' }],
    });
    const docs = [...company.docs, { clientId, date: TODAY, status: 'completed', amount: 100_000, cost: 70_000 }];
    const [mine] = expectedInputs([clientId], docs);
    const params = { r: before!.r, alpha: before!.alpha, a: before!.a, b: before!.b } as never;
    const spendParams = { p: before!.p, q: before!.q, gamma: before!.gamma } as never;
    const [f] = forecastClients(params, spendParams, [mine!.input], { monthlyDiscountRate: 0.01 });
    const [row] = (await storedForecasts(owner.orgId)).filter((r) => Number(r.client_id) === clientId);
    expect(Number(row!.repeat_purchases)).toBe(Number(old!.repeat_purchases) + 1);
    expect(row).toMatchObject({
      days_since_last: 0,
      p_alive: f!.probabilityAlive,
      expected_purchases_90: f!.expectedPurchases[1],
      expected_margin_12m: f!.expectedMargin,
    });
    await refreshAnalytics(db, owner.orgId);
    const {
      rows: [after],
    } = await db.engine.query<Record<string, unknown>>('SELECT * FROM org_forecasts WHERE org_id = $1', [owner.orgId]);
    expect(after).toEqual(before);
    // The order gone, so is the purchase day; a full refresh refits and agrees with the upkeep's rhythm.
    const { rows: mineNow } = await db.engine.query<{ id: number }>(
      "SELECT id FROM orders WHERE org_id = $1 AND number = 'NEW-1'",
      [owner.orgId],
    );
    await deleteOrder(db, owner, Number(mineNow[0]!.id));
    const [restored] = (await storedForecasts(owner.orgId)).filter((r) => Number(r.client_id) === clientId);
    expect(restored!.repeat_purchases).toBe(old!.repeat_purchases);
    expect(restored!.usual_gap_days).toEqual(old!.usual_gap_days);
  });

  it('lists significant clients at risk by the margin expected lost, with owner and reasons', async () => {
    const call = await signedIn(app, owner.email);
    // A key client on the card counts as significant whatever its class.
    const key = company.clientIds[3]!;
    await updateClient(db, owner, key, { significance: 'key', ownerUserId: owner.userId } as never);
    await refreshAnalytics(db, owner.orgId, { full: true });
    const res = await call({ url: '/api/v1/analytics/at-risk?pageSize=200' });
    expect(res.statusCode).toBe(200);
    const page = res.json() as {
      model: { status: string; bgnbd: unknown };
      items: {
        clientId: number;
        expectedMarginLost: string | null;
        pAlive: number | null;
        overdue: boolean | null;
        ladderStage: string | null;
        abcProfit: string | null;
        significance: string | null;
        reasons: string[];
        ownerName: string | null;
      }[];
      total: number;
      expectedMarginLost: string;
    };
    expect(page.model.status).toBe('fitted');
    expect(page.total).toBe(page.items.length);
    expect(page.items.length).toBeGreaterThan(3);
    for (const item of page.items) {
      expect(item.abcProfit === 'A' || item.significance === 'key' || item.significance === 'major').toBe(true);
      expect(item.reasons).toEqual(atRiskReasonsOf(item));
      expect(item.reasons.length).toBeGreaterThan(0);
    }
    const lost = page.items.map((i) => (i.expectedMarginLost === null ? -Infinity : Number(i.expectedMarginLost)));
    expect(lost).toEqual([...lost].sort((u, v) => v - u));
    const sum = page.items.reduce((s, i) => s + Math.round(Number(i.expectedMarginLost ?? 0) * 100), 0);
    expect(Math.round(Number(page.expectedMarginLost) * 100)).toBe(sum);
    // Every significant client with a reason is listed, and no other (held to the stored rows).
    const { rows } = await db.engine.query<Record<string, unknown>>(
      `SELECT fc.client_id, fc.p_alive, fc.overdue, f.ladder_stage, f.abc_profit, c.significance FROM client_forecasts fc
       JOIN client_figures f ON f.org_id = fc.org_id AND f.client_id = fc.client_id JOIN clients c ON c.org_id = fc.org_id AND c.id = fc.client_id
       WHERE fc.org_id = $1`,
      [owner.orgId],
    );
    const expected = rows
      .filter((r) => r.abc_profit === 'A' || r.significance === 'key' || r.significance === 'major')
      .filter(
        (r) =>
          atRiskReasonsOf({
            pAlive: num(r.p_alive),
            overdue: r.overdue as boolean | null,
            ladderStage: r.ladder_stage as string | null,
          }).length > 0,
      )
      .map((r) => Number(r.client_id))
      .sort((u, v) => u - v);
    expect(page.items.map((i) => i.clientId).sort((u, v) => u - v)).toEqual(expected);
    const keyed = page.items.find((i) => i.clientId === key);
    if (keyed) expect(keyed.ownerName).toBe('Тест Тестов');
    // Sorted by P(alive), lowest first; filtered by owner.
    const byAlive = (await call({ url: '/api/v1/analytics/at-risk?sort=pAlive&pageSize=200' })).json() as typeof page;
    const alive = byAlive.items.map((i) => i.pAlive ?? Infinity);
    expect(alive).toEqual([...alive].sort((u, v) => u - v));
    const owned = (await call({ url: `/api/v1/analytics/at-risk?ownerUserId=${owner.userId}` })).json() as typeof page;
    expect(owned.items.every((i) => i.ownerName === 'Тест Тестов')).toBe(true);
  });

  it('refuses bad input to the at-risk list', async () => {
    const call = await signedIn(app, owner.email);
    for (const query of ['pageSize=501', 'page=0', 'sort=revenue', 'sort=-name;DROP', 'ownerUserId=x', 'unknown=1']) {
      const res = await call({ url: `/api/v1/analytics/at-risk?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('sorts and filters the client list by the forecasts', async () => {
    const call = await signedIn(app, owner.email);
    type Page = { items: { clientId: number; figures: Record<string, unknown> }[]; total: number };
    const get = async (query: string) => {
      const res = await call({ url: `/api/v1/analytics/clients?pageSize=200&${query}` });
      expect(res.statusCode, `${query}: ${res.body.slice(0, 300)}`).toBe(200);
      return res.json() as Page;
    };
    const stored = new Map((await storedForecasts(owner.orgId)).map((r) => [Number(r.client_id), r]));
    const all = await get('sort=-pAlive');
    const alive = all.items.map((i) => i.figures.pAlive as number | null);
    const known = alive.filter((v): v is number => v !== null);
    expect(known).toEqual([...known].sort((u, v) => v - u));
    expect(alive.slice(known.length).every((v) => v === null)).toBe(true); // unknown last
    for (const item of all.items) {
      const row = stored.get(item.clientId);
      expect(item.figures.pAlive).toBe(row ? num(row.p_alive) : null);
      expect(item.figures.overdue).toBe(row ? row.overdue : null);
      expect(item.figures.nextPurchaseOn).toBe(row ? row.next_purchase_on : null);
      expect(item.figures.expectedMargin12m).toBe(
        row?.expected_margin_12m == null ? null : (Number(row.expected_margin_12m) / 100).toFixed(2),
      );
    }
    const overdue = await get('overdue=true&sort=-expectedMargin12m');
    expect(overdue.total).toBe([...stored.values()].filter((r) => r.overdue === true).length);
    expect(overdue.items.every((i) => i.figures.overdue === true)).toBe(true);
    const likely = await get('minPAlive=0.9&sort=nextPurchaseOn');
    expect(likely.items.every((i) => (i.figures.pAlive as number) >= 0.9)).toBe(true);
    expect(likely.total).toBe(
      [...stored.values()].filter((r) => r.p_alive !== null && Number(r.p_alive) >= 0.9).length,
    );
    const margin = await get('minExpectedMargin=1000&maxExpectedMargin=100000.00');
    expect(
      margin.items.every(
        (i) => Number(i.figures.expectedMargin12m) >= 1000 && Number(i.figures.expectedMargin12m) <= 100000,
      ),
    ).toBe(true);
    for (const bad of ['minPAlive=2', 'overdue=maybe', 'nextPurchaseFrom=15.06.2026', 'minExpectedMargin=abc']) {
      const res = await call({ url: `/api/v1/analytics/clients?${bad}` });
      expect(res.statusCode, bad).toBe(400);
    }
    // Today's forecasts, like the classes, are not there for another period: no sort by them.
    expect((await call({ url: '/api/v1/analytics/clients?from=2025-01&to=2025-06&sort=-pAlive' })).statusCode).toBe(
      400,
    );
  });

  it("answers a client's forecast with the fit on its analytics", async () => {
    const call = await signedIn(app, owner.email);
    const [row] = (await storedForecasts(owner.orgId)).filter((r) => r.p_alive !== null && r.overdue !== null);
    const res = await call({ url: `/api/v1/analytics/clients/${row!.client_id}` });
    expect(res.statusCode).toBe(200);
    const { forecast, figures } = res.json() as {
      forecast: Record<string, unknown> & { model: Record<string, unknown> };
      figures: Record<string, unknown>;
    };
    expect(forecast.model).toMatchObject({ status: 'fitted', reason: null, monthlyDiscountPct: 1 });
    expect(forecast).toMatchObject({
      purchaseDays: Number(row!.repeat_purchases) + 1,
      pAlive: num(row!.p_alive),
      expectedPurchases90: num(row!.expected_purchases_90),
      overdue: row!.overdue,
      daysSinceLast: Number(row!.days_since_last),
    });
    expect(figures.pAlive).toBe(forecast.pAlive);
  });

  it('refits with a new discount rate: a higher rate, a smaller margin to come', async () => {
    const before = await storedForecasts(owner.orgId);
    await updateAnalyticsSettings(db, owner, { monthlyDiscountPct: 5 });
    await refreshAnalytics(db, owner.orgId);
    const after = new Map((await storedForecasts(owner.orgId)).map((r) => [r.client_id, r]));
    const compared = before.filter((r) => r.expected_margin_12m !== null && Number(r.expected_margin_12m) > 1000);
    expect(compared.length).toBeGreaterThan(10);
    for (const r of compared)
      expect(Number(after.get(r.client_id)!.expected_margin_12m)).toBeLessThan(Number(r.expected_margin_12m));
    await updateAnalyticsSettings(db, owner, { monthlyDiscountPct: 1 });
  });
});

describe('a fit that falls back', () => {
  it('stores its reason, no model figure, and each client its own rhythm; the card says so', async () => {
    const owner = await buildOrg(db);
    const product = await buildProduct(db, owner);
    const regular = await buildClient(db, owner);
    const once = await buildClient(db, owner);
    await buildClient(db, owner); // never bought: no forecast
    const buy = (clientId: number, number: string, orderDate: string) =>
      createOrder(db, owner, { clientId, number, orderDate, lines: [{ productId: product.id, quantity: 1 }] });
    const days = ['2026-03-01', '2026-03-22', '2026-04-12', '2026-05-03'];
    for (const [i, orderDate] of days.entries()) await buy(regular.id, `R${i}`, orderDate);
    await buy(once.id, 'O1', '2026-06-01');
    await refreshAnalytics(db, owner.orgId);
    const {
      rows: [fit],
    } = await db.engine.query<Record<string, unknown>>('SELECT * FROM org_forecasts WHERE org_id = $1', [owner.orgId]);
    expect(fit).toMatchObject({ status: 'fallback', reason: 'too-few-clients', value_reason: null, r: null, p: null });
    const stored = await storedForecasts(owner.orgId);
    expect(stored.map((r) => Number(r.client_id))).toEqual([regular.id, once.id]);
    const rhythm = ownRhythm(days, TODAY)!;
    expect(stored[0]).toMatchObject({
      p_alive: null,
      expected_purchases_90: null,
      expected_margin_12m: null,
      expected_margin_lost: null,
      model_next_purchase_on: null,
      next_purchase_on: rhythm.expectedNext,
      days_since_last: rhythm.daysSinceLast,
      overdue: true,
    });
    expect(num(stored[0]!.usual_gap_days)).toBe(21);
    expect(stored[1]).toMatchObject({
      usual_gap_days: null,
      next_purchase_on: null,
      overdue: null,
      days_since_last: 14,
    });

    const call = await signedIn(app, owner.email);
    const card = (await call({ url: `/api/v1/analytics/clients/${regular.id}` })).json() as {
      forecast: Record<string, unknown> & { model: Record<string, unknown> };
    };
    expect(card.forecast.model).toMatchObject({ status: 'fallback', reason: 'too-few-clients', bgnbd: null });
    expect(card.forecast).toMatchObject({ pAlive: null, usualGapDays: 21, overdue: true, purchaseDays: 4 });
    const atRisk = (await call({ url: '/api/v1/analytics/at-risk' })).json() as {
      model: Record<string, unknown>;
      items: unknown[];
    };
    expect(atRisk.model).toMatchObject({ status: 'fallback', reason: 'too-few-clients' });

    // An order re-scores the client with no parameters: its rhythm moves, the model figures stay null.
    await buy(regular.id, 'R9', TODAY);
    const [after] = await storedForecasts(owner.orgId);
    expect(after).toMatchObject({ p_alive: null, overdue: false, days_since_last: 0 });
  });

  it('a manager sees only its own clients at risk', async () => {
    const owner = await buildOrg(db);
    const manager = await buildUser(db, owner.orgId, 'manager');
    const call = await signedIn(app, manager.email);
    const res = await call({ url: '/api/v1/analytics/at-risk' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ items: [], total: 0, model: { status: 'not-computed' } });
  });
});
