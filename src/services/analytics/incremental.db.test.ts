// The upkeep inside each write and a full rebuild from the raw documents must agree exactly, whatever
// the sequence of writes: random orders (with returns, cancellations, moves between clients and
// months), payments, interactions and status changes, then a comparison of every derived table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildOrg, buildProduct } from '../../../test/support/factories.js';
import { figureColumns } from '../../db/queries/analytics/figures.js';
import { DomainError } from '../../core/errors.js';
import { updateClient } from '../clients/clients.js';
import { markClientLost } from '../losses/losses.js';
import { interactionService } from '../sales/interactions.js';
import { createOrder, deleteOrder, updateOrder } from '../sales/orders.js';
import { paymentService } from '../sales/payments.js';
import { rebuildAnalytics, refreshAnalytics } from './refresh.js';

const db = await useDatabase({ today: '2026-06-15' });

const dateArb = fc
  .integer({ min: 0, max: 700 })
  .map((d) => new Date(Date.UTC(2024, 6, 1) + d * 86_400_000).toISOString().slice(0, 10));
const op = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    client: fc.nat(3),
    date: dateArb,
    qty: fc.integer({ min: -3, max: 20 }).filter((q) => q !== 0),
    product: fc.nat(2),
    due: fc.option(fc.integer({ min: 0, max: 60 })),
    logistics: fc.nat(500),
    status: fc.constantFrom('completed', 'completed', 'shipped', 'cancelled', 'draft'),
  }),
  fc.record({
    kind: fc.constant('payment' as const),
    client: fc.nat(3),
    date: dateArb,
    amount: fc.integer({ min: 1, max: 30_000 }),
  }),
  fc.record({
    kind: fc.constant('touch' as const),
    client: fc.nat(3),
    date: dateArb,
    minutes: fc.nat(240),
    spend: fc.nat(3000),
    what: fc.constantFrom('call', 'meeting', 'reception', 'gift'),
  }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), client: fc.nat(3), date: dateArb }),
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('movePayment' as const), pick: fc.nat(), client: fc.nat(3), date: dateArb }),
  fc.record({
    kind: fc.constant('status' as const),
    client: fc.nat(3),
    status: fc.constantFrom('active', 'lost', 'prospect'),
    date: dateArb,
  }),
  // The client's own fields: the figures read the deferral and the category a person set; notes they do not.
  fc.record({
    kind: fc.constant('terms' as const),
    client: fc.nat(3),
    deferral: fc.constantFrom(0, 14, 45, null),
    override: fc.constantFrom('image', 'perspective', null),
    notes: fc.string({ maxLength: 12 }),
  }),
);

const classColumns =
  'profit_share, time_share, abc_revenue, abc_gross, abc_profit, xyz, r_score, f_score, m_score, rfm_segment, computed_category, category';

/** Every derived table; with `classes`, also the org-wide classes a refresh sets. */
async function derived(orgId: number, classes = false) {
  const q = async (sql: string) => (await db.engine.query(sql, [orgId])).rows;
  return {
    months: await q(
      'SELECT client_id, month, revenue, cost, returns, list_amount, listed_amount, orders, return_documents, purchase_days, first_purchase, last_purchase, lines, products, logistics, interactions, minutes, spend, payments FROM client_months WHERE org_id = $1 ORDER BY client_id, month',
    ),
    settlements: await q(
      'SELECT order_id, client_id, due_on, amount, cumulative, settled_on FROM order_settlements WHERE org_id = $1 ORDER BY order_id',
    ),
    stages: await q(
      'SELECT client_id, month, stage, previous_stage FROM client_stage_changes WHERE org_id = $1 ORDER BY client_id, month',
    ),
    figures: await q(
      `SELECT ${figureColumns.join(', ')}${classes ? `, ${classColumns}` : ''} FROM client_figures WHERE org_id = $1 ORDER BY client_id`,
    ),
  };
}

describe('incremental upkeep', () => {
  it('equals a full rebuild after any sequence of writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const owner = await buildOrg(db);
        const clients = [];
        for (let i = 0; i < 4; i++) clients.push((await buildClient(db, owner, { paymentDeferralDays: i * 10 })).id);
        const products = [];
        for (let i = 0; i < 3; i++)
          products.push(
            (
              await buildProduct(db, owner, {
                listPrice: `${(i + 1) * 150}.00`,
                cost: `${(i + 1) * 100}.00`,
                productGroup: `G${i % 2}`,
              })
            ).id,
          );
        // A refresh first, so the one after the writes takes the quick path (breadth kept by the writes).
        await refreshAnalytics(db, owner.orgId);
        const orders: number[] = [];
        const payments: number[] = [];
        for (const o of ops) {
          if (o.kind === 'order') {
            const created = await createOrder(db, owner, {
              clientId: clients[o.client]!,
              number: `N${orders.length}`,
              orderDate: o.date,
              status: o.status as 'completed',
              logisticsCost: String(o.logistics),
              paymentDueDate:
                o.due === null
                  ? undefined
                  : new Date(Date.parse(o.date) + o.due * 86_400_000).toISOString().slice(0, 10),
              lines: [
                { productId: products[o.product]!, quantity: o.qty },
                { productId: products[(o.product + 1) % 3]!, quantity: 1, price: '99.99' },
              ],
            } as never);
            orders.push(created.id);
          } else if (o.kind === 'payment') {
            payments.push(
              (
                await paymentService.create(db, owner, {
                  clientId: clients[o.client]!,
                  paymentDate: o.date,
                  amount: String(o.amount),
                } as never)
              ).id,
            );
          } else if (o.kind === 'touch') {
            await interactionService.create(db, owner, {
              clientId: clients[o.client]!,
              kind: o.what,
              occurredAt: `${o.date}T23:30:00+03:00`,
              durationMinutes: o.minutes,
              moneySpent: String(o.spend),
            } as never);
          } else if (o.kind === 'move' && orders.length) {
            await updateOrder(db, owner, orders[o.pick % orders.length]!, {
              clientId: clients[o.client]!,
              orderDate: o.date,
              paymentDueDate: null,
              legalEntityId: null,
            } as never);
          } else if (o.kind === 'drop' && orders.length) {
            await deleteOrder(db, owner, orders.splice(o.pick % orders.length, 1)[0]!);
          } else if (o.kind === 'movePayment' && payments.length) {
            await paymentService.update(db, owner, payments[o.pick % payments.length]!, {
              clientId: clients[o.client]!,
              paymentDate: o.date,
              orderId: null,
              legalEntityId: null,
            } as never);
          } else if (o.kind === 'status' && o.status === 'lost') {
            // A client becomes lost only through its loss record; a second loss while one is open is refused (409).
            await markClientLost(db, owner, clients[o.client]!, { reason: 'price', lostOn: o.date }).catch(
              (e: unknown) => {
                if (!(e instanceof DomainError)) throw e;
              },
            );
          } else if (o.kind === 'status') {
            await updateClient(db, owner, clients[o.client]!, { status: o.status as 'active' });
          } else if (o.kind === 'terms') {
            await updateClient(db, owner, clients[o.client]!, { notes: o.notes });
            await updateClient(db, owner, clients[o.client]!, {
              paymentDeferralDays: o.deferral,
              categoryOverride: o.override,
              ...(o.override ? { categoryOverrideReason: 'проверка' } : {}),
            } as never);
          }
        }
        // Figures follow each write; the org-wide classes follow the refresh, which reads only the rollups.
        const kept = await derived(owner.orgId);
        await refreshAnalytics(db, owner.orgId);
        const keptAndRefreshed = await derived(owner.orgId, true);
        // Shares of profit and time sum to 100 %; ABC by profit never ranks a more profitable client lower.
        const rows = keptAndRefreshed.figures as {
          profit: number;
          manager_minutes: number;
          profit_share: number | null;
          time_share: number | null;
          abc_profit: string | null;
        }[];
        if (rows.some((r) => r.profit !== 0) && rows.reduce((t, r) => t + r.profit, 0) !== 0)
          expect(rows.reduce((t, r) => t + (r.profit_share ?? 0), 0)).toBeCloseTo(1, 9);
        if (rows.some((r) => r.manager_minutes > 0))
          expect(rows.reduce((t, r) => t + (r.time_share ?? 0), 0)).toBeCloseTo(1, 9);
        const classed = rows.filter((r) => r.abc_profit !== null).sort((a, b) => b.profit - a.profit);
        for (let i = 1; i < classed.length; i++)
          expect(classed[i]!.abc_profit! >= classed[i - 1]!.abc_profit!).toBe(true);
        await rebuildAnalytics(db, owner.orgId);
        expect(await derived(owner.orgId)).toEqual(kept);
        expect(await derived(owner.orgId, true)).toEqual(keptAndRefreshed);
      }),
      { numRuns: 12 },
    );
  }, 240_000);

  it("keeps the figures when the client's own terms change, and leaves them alone for a note", async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner, { paymentDeferralDays: 0 });
    const product = await buildProduct(db, owner);
    const order = await createOrder(db, owner, {
      clientId: client.id,
      number: 'T-1',
      orderDate: '2026-03-02',
      lines: [{ productId: product.id, quantity: 10 }],
    } as never);
    await paymentService.create(db, owner, {
      clientId: client.id,
      paymentDate: '2026-04-20',
      amount: String(order.total),
      orderId: null,
      legalEntityId: null,
    } as never);
    const figures = async () => (await derived(owner.orgId)).figures;
    const before = await figures();
    await updateClient(db, owner, client.id, { notes: 'звонить после обеда' });
    expect(await figures()).toEqual(before);
    // 45 days of deferral make the payment of 20 April on time: the delay and the settlements change.
    await updateClient(db, owner, client.id, { paymentDeferralDays: 45 });
    const kept = await derived(owner.orgId);
    expect(kept.figures).not.toEqual(before);
    await rebuildAnalytics(db, owner.orgId);
    expect(await derived(owner.orgId)).toEqual(kept);
    await updateClient(db, owner, client.id, {
      categoryOverride: 'image',
      categoryOverrideReason: 'витрина в регионе',
    });
    const overridden = await derived(owner.orgId);
    await rebuildAnalytics(db, owner.orgId);
    expect(await derived(owner.orgId)).toEqual(overridden);
  });

  it('refreshing twice changes nothing', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const product = await buildProduct(db, owner);
    await createOrder(db, owner, {
      clientId: client.id,
      number: '1',
      orderDate: '2026-05-01',
      lines: [{ productId: product.id, quantity: 3 }],
    });
    await refreshAnalytics(db, owner.orgId);
    const once = await derived(owner.orgId, true);
    await refreshAnalytics(db, owner.orgId);
    expect(await derived(owner.orgId, true)).toEqual(once);
  });
});
