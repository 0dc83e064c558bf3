// What a client owes and what of it is overdue, when returns and payments cover parts of documents.
// The reference below does not cut documents into pieces as the SQL does: on any day t, what is due
// and unpaid is max(0, Σ documents due on or before t − Σ credits (payments, returns) dated on or
// before t), because credits settle documents first-in first-out by due date. Overdue today is that
// sum for documents due before today; the cost of late payment sums it over the days of the period.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildOrg, buildProduct } from '../../../test/support/factories.js';
import { createOrder } from '../sales/orders.js';
import { paymentService } from '../sales/payments.js';
import { refreshAnalytics } from './refresh.js';
import { findClientFigures } from './reports.js';

const TODAY = '2026-06-15';
const db = await useDatabase({ today: TODAY });

const DAY = 86_400_000;
const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const kopecks = (roubles: string) => Math.round(Number(roubles) * 100);

async function figuresOf(orgId: number, owner: Parameters<typeof findClientFigures>[1]) {
  await refreshAnalytics(db, orgId, { full: true });
  const page = await findClientFigures(db, owner, { pageSize: 200, sort: 'revenue' } as never);
  return new Map(page.items.map((i) => [i.clientId, i.figures as Record<string, unknown>]));
}

describe('partial returns and payments', () => {
  it('reduce what is overdue and late by the part they cover (worked by hand)', async () => {
    const owner = await buildOrg(db);
    const product = await buildProduct(db, owner, { listPrice: '100.00', cost: '60.00' });
    const client = (await buildClient(db, owner)).id;
    // D1 1000.00 due 11.03; a return of 300.00 on 05.03; D2 500.00 due 11.04; 800.00 paid on 20.04.
    await createOrder(db, owner, {
      clientId: client,
      number: 'D1',
      orderDate: '2026-03-01',
      paymentDueDate: '2026-03-11',
      lines: [{ productId: product.id, quantity: 10 }],
    });
    await createOrder(db, owner, {
      clientId: client,
      number: 'R1',
      orderDate: '2026-03-05',
      lines: [{ productId: product.id, quantity: -3 }],
    });
    await createOrder(db, owner, {
      clientId: client,
      number: 'D2',
      orderDate: '2026-04-01',
      paymentDueDate: '2026-04-11',
      lines: [{ productId: product.id, quantity: 5 }],
    });
    await paymentService.create(db, owner, { clientId: client, paymentDate: '2026-04-20', amount: '800.00' } as never);
    const f = (await figuresOf(owner.orgId, owner)).get(client)!;
    // Credits: 300 on 05.03 and 800 on 20.04 against 1000 + 500. D1: 300 covered on 05.03 (before it
    // was due), 700 on 20.04 (40 days late); D2: 100 on 20.04 (9 days late), 400 open (65 days late).
    // Owed 1500 − 1100 = 400.00, all of it overdue (the whole D2, 500.00, before partial credits counted).
    expect(f.overdueNow).toBe('400.00');
    // (70 000 × 40 + 10 000 × 9 + 40 000 × 65) × 16 % ÷ 365 = 5 490 000 × 0.16 ÷ 365 = 2406.6 → 24.07.
    expect(f.latePaymentCost).toBe('24.07');
    // Delays are per document, to the day it was paid in full: D1 40 days, D2 open for 65.
    expect(f).toMatchObject({ avgDelayDays: 52.5, maxDelayDays: 65 });
  });

  it('a document due before the period and paid inside it is late inside the period', async () => {
    const owner = await buildOrg(db);
    const product = await buildProduct(db, owner, { listPrice: '100.00', cost: '60.00' });
    const client = (await buildClient(db, owner)).id;
    // Due 21.06.2025, the period starts 01.07.2025, paid 11.07.2025: 10 of its 20 late days are inside.
    await createOrder(db, owner, {
      clientId: client,
      number: 'D',
      orderDate: '2025-06-11',
      paymentDueDate: '2025-06-21',
      lines: [{ productId: product.id, quantity: 365 }],
    });
    await paymentService.create(db, owner, {
      clientId: client,
      paymentDate: '2025-07-11',
      amount: '36500.00',
    } as never);
    const f = (await figuresOf(owner.orgId, owner)).get(client)!;
    // 3 650 000 × 10 × 16 % ÷ 365 = 16 000 kopecks.
    expect(f.latePaymentCost).toBe('160.00');
    expect(f.overdueNow).toBe('0.00');
  });

  const dateArb = fc.integer({ min: 0, max: 420 }).map((d) => addDays('2025-05-01', d));
  const docArb = fc.record({
    kind: fc.constant('doc' as const),
    client: fc.nat(1),
    date: dateArb,
    qty: fc.integer({ min: -6, max: 12 }).filter((q) => q !== 0),
    due: fc.option(fc.nat(45)),
    status: fc.constantFrom('completed', 'shipped', 'confirmed', 'cancelled', 'draft'),
  });
  const payArb = fc.record({
    kind: fc.constant('pay' as const),
    client: fc.nat(1),
    date: dateArb,
    amount: fc.integer({ min: 1, max: 2_000 }),
  });

  it('overdue equals the reference and never exceeds what is owed, on random documents, returns and payments', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(docArb, docArb, payArb), { minLength: 1, maxLength: 14 }),
        payArb,
        async (ops, lastPayment) => {
          const owner = await buildOrg(db);
          const product = await buildProduct(db, owner, { listPrice: '123.45', cost: '50.00' });
          const deferral = [0, 20];
          const clients = [
            (await buildClient(db, owner, { paymentDeferralDays: deferral[0] })).id,
            (await buildClient(db, owner, { paymentDeferralDays: deferral[1] })).id,
          ];
          // Per client: documents (due day, amount) and credits (day, amount), in kopecks.
          const docs: { client: number; due: string; amount: number }[] = [];
          const credits: { client: number; on: string; amount: number }[] = [];
          let n = 0;
          // At least one payment, so the organisation tracks payments.
          for (const o of [...ops, lastPayment]) {
            if (o.kind === 'doc') {
              const paymentDueDate = o.due === null ? undefined : addDays(o.date, o.due);
              await createOrder(db, owner, {
                clientId: clients[o.client]!,
                number: `N${++n}`,
                orderDate: o.date,
                status: o.status as 'completed',
                paymentDueDate,
                lines: [{ productId: product.id, quantity: o.qty }],
              } as never);
              if (!['completed', 'shipped', 'confirmed'].includes(o.status)) continue;
              const amount = Math.round(o.qty * 12_345);
              if (amount > 0)
                docs.push({ client: o.client, due: paymentDueDate ?? addDays(o.date, deferral[o.client]!), amount });
              else credits.push({ client: o.client, on: o.date, amount: -amount });
            } else {
              await paymentService.create(db, owner, {
                clientId: clients[o.client]!,
                paymentDate: o.date,
                amount: (o.amount / 100).toFixed(2),
              } as never);
              credits.push({ client: o.client, on: o.date, amount: o.amount });
            }
          }
          const figures = await figuresOf(owner.orgId, owner);
          // Unpaid part of what was due on or before day t (`before`: due strictly before t), credits to t.
          const unpaid = (client: number, t: string, before: boolean) =>
            Math.max(
              0,
              docs
                .filter((d) => d.client === client && (before ? d.due < t : d.due <= t))
                .reduce((s, d) => s + d.amount, 0) -
                credits.filter((c) => c.client === client && c.on <= t).reduce((s, c) => s + c.amount, 0),
            );
          for (const [i, id] of clients.entries()) {
            const f = figures.get(id)!;
            const owed = Math.max(
              0,
              docs.filter((d) => d.client === i).reduce((s, d) => s + d.amount, 0) -
                credits.filter((c) => c.client === i && c.on <= TODAY).reduce((s, c) => s + c.amount, 0),
            );
            const overdue = kopecks(f.overdueNow as string);
            expect(overdue).toBe(unpaid(i, TODAY, true));
            expect(overdue).toBeLessThanOrEqual(owed);
            // Late amount × days over the period 01.07.2025 … today.
            let amountDays = 0;
            for (let t = '2025-07-01'; t < TODAY; t = addDays(t, 1)) amountDays += unpaid(i, t, false);
            expect(kopecks(f.latePaymentCost as string)).toBe(Math.round((amountDays * 16) / 36_500));
          }
        },
      ),
      { numRuns: 10 },
    );
  }, 240_000);
});
