// A sales history without payments is not a history of unpaid sales. Until an organisation records a
// payment (or turns tracking on), nothing is overdue or late; the first payment turns tracking on for
// every client at once, and the setting can force it either way.
import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildOrg, buildProduct } from '../../../test/support/factories.js';
import type { Actor } from '../actor.js';
import { createOrder } from '../sales/orders.js';
import { paymentService } from '../sales/payments.js';
import { rebuildAnalytics, refreshAnalytics } from './refresh.js';
import { analyticsSummary, findClientFigures, getClientAnalytics } from './reports.js';
import { updateAnalyticsSettings } from './settings.js';
import { getClientCard } from '../clients/client-card.js';

const TODAY = '2026-06-15';
const db = await useDatabase({ today: TODAY });

const discipline = async (actor: Actor, clientId: number) => {
  const f = (await getClientAnalytics(db, actor, clientId)).figures;
  return {
    overdueNow: f.overdueNow,
    latePaymentCost: f.latePaymentCost,
    avgDelayDays: f.avgDelayDays,
    maxDelayDays: f.maxDelayDays,
    costToServe: f.costToServe,
    profit: f.profit,
  };
};

/** An organisation with one unpaid sale: 1000.00 (cost 600.00) on 01.05, due 11.05; 35 days past due today. */
async function unpaidSale() {
  const owner = await buildOrg(db);
  const product = await buildProduct(db, owner, { listPrice: '100.00', cost: '60.00' });
  const client = (await buildClient(db, owner)).id;
  await createOrder(db, owner, {
    clientId: client,
    number: 'S1',
    orderDate: '2026-05-01',
    paymentDueDate: '2026-05-11',
    lines: [{ productId: product.id, quantity: 10 }],
  });
  return { owner, client, product };
}

// Tracked: 1000.00 overdue, 35 days late → 100 000 × 35 × 16 % ÷ 365 = 1534.2 → 15.34; profit 400.00 − 15.34.
const tracked = {
  overdueNow: '1000.00',
  latePaymentCost: '15.34',
  avgDelayDays: 35,
  maxDelayDays: 35,
  costToServe: '15.34',
  profit: '384.66',
};
const untracked = {
  overdueNow: null,
  latePaymentCost: '0.00',
  avgDelayDays: null,
  maxDelayDays: null,
  costToServe: '0.00',
  profit: '400.00',
};

describe('payment tracking', () => {
  it('is off until the first payment: nothing overdue or late, and the summary says why', async () => {
    const { owner, client } = await unpaidSale();
    expect(await discipline(owner, client)).toEqual(untracked);
    await refreshAnalytics(db, owner.orgId);
    const summary = await analyticsSummary(db, owner);
    expect(summary.paymentTracking).toEqual({ setting: 'auto', tracked: false, hasPayments: false });
    expect(Number(summary.totals.overdueNow)).toBe(0);
    expect(Number(summary.totals.costToServe)).toBe(0);
  });

  it('leaves what is owed unknown on the client card too, until payments are tracked', async () => {
    const { owner, client } = await unpaidSale();
    expect((await getClientCard(db, owner, client)).purchases).toMatchObject({
      revenue: '1000.00',
      paid: '0.00',
      paymentsTracked: false,
      balanceDue: null,
      overdue: null,
    });
    await updateAnalyticsSettings(db, owner, { paymentTracking: 'on' });
    expect((await getClientCard(db, owner, client)).purchases).toMatchObject({
      paymentsTracked: true,
      balanceDue: '1000.00',
      overdue: '1000.00',
    });
  });

  it('the first payment of another client turns it on for every client at once, as a rebuild would', async () => {
    const { owner, client, product } = await unpaidSale();
    const other = (await buildClient(db, owner)).id;
    await createOrder(db, owner, {
      clientId: other,
      number: 'S2',
      orderDate: '2026-06-01',
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const payment = await paymentService.create(db, owner, {
      clientId: other,
      paymentDate: '2026-06-01',
      amount: '100.00',
    } as never);
    expect(await discipline(owner, client)).toEqual(tracked);
    expect((await getClientAnalytics(db, owner, client)).paymentTracking).toEqual({
      setting: 'auto',
      tracked: true,
      hasPayments: true,
    });
    // Figures a write keeps (the org-wide classes follow the refresh) equal a rebuild's.
    const perClient = async () =>
      Object.fromEntries(
        (await findClientFigures(db, owner, { pageSize: 10, sort: 'revenue' } as never)).items.map((i) => {
          const { overdueNow, latePaymentCost, avgDelayDays, maxDelayDays, costToServe, profit, revenue } = i.figures;
          return [
            i.clientId,
            { overdueNow, latePaymentCost, avgDelayDays, maxDelayDays, costToServe, profit, revenue },
          ];
        }),
      );
    const kept = await perClient();
    await rebuildAnalytics(db, owner.orgId);
    expect(await perClient()).toEqual(kept);
    // The last payment gone, tracking is off again for everyone.
    await paymentService.remove(db, owner, payment.id);
    expect(await discipline(owner, client)).toEqual(untracked);
  });

  it('the setting forces it on without payments, or off with them', async () => {
    const { owner, client } = await unpaidSale();
    await updateAnalyticsSettings(db, owner, { paymentTracking: 'on' });
    await refreshAnalytics(db, owner.orgId);
    expect(await discipline(owner, client)).toEqual(tracked);
    expect((await analyticsSummary(db, owner)).paymentTracking).toEqual({
      setting: 'on',
      tracked: true,
      hasPayments: false,
    });

    await paymentService.create(db, owner, { clientId: client, paymentDate: '2026-06-10', amount: '1.00' } as never);
    await updateAnalyticsSettings(db, owner, { paymentTracking: 'off' });
    await refreshAnalytics(db, owner.orgId);
    expect(await discipline(owner, client)).toEqual(untracked);
    expect((await analyticsSummary(db, owner)).paymentTracking).toEqual({
      setting: 'off',
      tracked: false,
      hasPayments: true,
    });
    await expect(updateAnalyticsSettings(db, owner, { paymentTracking: 'sometimes' } as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
