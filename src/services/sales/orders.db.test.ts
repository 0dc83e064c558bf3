import { describe, expect, it } from 'vitest';
import { fieldsOf, refusal } from '../../../test/support/refusal.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildLegalEntity, buildOrg, buildProduct } from '../../../test/support/factories.js';
import type { Actor } from '../actor.js';
import { createOrder, deleteOrder, findOrders, getOrder, updateOrder } from './orders.js';
import { paymentService } from './payments.js';

const db = await useDatabase();

const count = async (table: string, orgId: number) =>
  Number(
    (await db.engine.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [orgId]))
      .rows[0]!.n,
  );

type LineRow = {
  line_no: number;
  client_id: number;
  order_date: string;
  product_id: number;
  quantity: string;
  amount: number;
  cost_amount: number;
};
const linesOf = async (orgId: number, orderId: number) =>
  (
    await db.engine.query<LineRow>(
      'SELECT line_no, client_id, order_date, product_id, quantity::text AS quantity, amount, cost_amount FROM order_lines WHERE org_id = $1 AND order_id = $2 ORDER BY line_no',
      [orgId, orderId],
    )
  ).rows;

/** An organisation with a client and a product at list price 1000.00 ₽, cost 600.00 ₽. */
async function setup() {
  const owner = await buildOrg(db);
  const client = await buildClient(db, owner);
  const product = await buildProduct(db, owner, { listPrice: '1000.00', cost: '600.00' });
  return { owner, client, product };
}

const order = (
  actor: Actor,
  clientId: number,
  productId: number,
  extra: Partial<Parameters<typeof createOrder>[2]> = {},
) =>
  createOrder(db, actor, {
    clientId,
    number: 'РН-1',
    orderDate: '2026-03-10',
    lines: [{ productId, quantity: 1 }],
    ...extra,
  });

describe('createOrder', () => {
  it('prices a line from the product: 2.5 × 1000.00 = 2500.00, cost 2.5 × 600.00 = 1500.00', async () => {
    const { owner, client, product } = await setup();
    const created = await order(owner, client.id, product.id, { lines: [{ productId: product.id, quantity: '2.5' }] });
    expect(created.lines).toEqual([
      {
        lineNo: 1,
        productId: product.id,
        sku: product.sku,
        productName: 'Перфоратор',
        quantity: '2.500',
        price: '1000.00',
        unitCost: '600.00',
        amount: '2500.00',
        costAmount: '1500.00',
        costBasis: 'catalogue',
      },
    ]);
    // margin = total − cost total = 2500.00 − 1500.00 = 1000.00
    expect(created).toMatchObject({
      clientId: client.id,
      total: '2500.00',
      costTotal: '1500.00',
      margin: '1000.00',
      status: 'completed',
      managerUserId: owner.userId,
      logisticsCost: '0.00',
    });
    const { rows } = await db.engine.query('SELECT total, cost_total FROM orders WHERE org_id = $1 AND id = $2', [
      owner.orgId,
      created.id,
    ]);
    expect(rows[0]).toEqual({ total: 250_000, cost_total: 150_000 });
    expect(await getOrder(db, owner, created.id)).toEqual(created);
  });

  it("leaves a line's cost unknown when the catalogue has no purchase price, never the list price; a given unitCost is the document's", async () => {
    const { owner, client, product } = await setup();
    const uncosted = await buildProduct(db, owner, { name: 'Без себестоимости', listPrice: '500.00', cost: '0.00' });
    const created = await order(owner, client.id, product.id, {
      lines: [
        { productId: uncosted.id, quantity: '2' },
        { productId: uncosted.id, quantity: '1', unitCost: '120.00' },
      ],
    });
    expect(created.lines.map((l) => [l.unitCost, l.costAmount, l.costBasis])).toEqual([
      [null, null, 'unknown'],
      ['120.00', '120.00', 'document'],
    ]);
    const { rows } = await db.engine.query(
      'SELECT cost_basis, cost_amount FROM order_lines WHERE org_id = $1 AND order_id = $2 ORDER BY line_no',
      [owner.orgId, created.id],
    );
    expect(rows).toEqual([
      { cost_basis: 'unknown', cost_amount: 0 },
      { cost_basis: 'document', cost_amount: 12_000 },
    ]);
    // The document's cost and margin are unknown too (not 1500.00 − 120.00 = 1380.00 of margin), read alone or in a list.
    expect(created).toMatchObject({ total: '1500.00', costTotal: null, margin: null });
    expect(await getOrder(db, owner, created.id)).toMatchObject({ costTotal: null, margin: null });
    const listed = (await findOrders(db, owner, { clientId: client.id, pageSize: 50 })).items;
    expect(listed.find((o) => o.id === created.id)).toMatchObject({ costTotal: null, margin: null });
    expect(listed.filter((o) => o.id !== created.id).every((o) => o.margin !== null)).toBe(true);
  });

  it("takes explicit prices over the product's, sums the lines, and lets a return line lower the total", async () => {
    const { owner, client, product } = await setup();
    const cheap = await buildProduct(db, owner, { name: 'Саморез', listPrice: '250.00', cost: '100.00' });
    const created = await order(owner, client.id, product.id, {
      logisticsCost: '1500.50',
      lines: [
        { productId: product.id, quantity: '2.5' }, //                          2.5 × 1000.00 = 2500.00; cost 2.5 × 600.00 = 1500.00
        { productId: product.id, quantity: 3, price: '990.50' }, //             3 × 990.50  = 2971.50; cost 3 × 600.00   = 1800.00
        { productId: cheap.id, quantity: 4, price: 200, unitCost: '120.00' }, // 4 × 200.00  =  800.00; cost 4 × 120.00   =  480.00
        { productId: product.id, quantity: -1 }, //                            −1 × 1000.00 = −1000.00; cost −1 × 600.00 = −600.00
      ],
    });
    expect(
      created.lines.map((l) => [l.lineNo, l.productName, l.quantity, l.price, l.unitCost, l.amount, l.costAmount]),
    ).toEqual([
      [1, 'Перфоратор', '2.500', '1000.00', '600.00', '2500.00', '1500.00'],
      [2, 'Перфоратор', '3.000', '990.50', '600.00', '2971.50', '1800.00'],
      [3, 'Саморез', '4.000', '200.00', '120.00', '800.00', '480.00'],
      [4, 'Перфоратор', '-1.000', '1000.00', '600.00', '-1000.00', '-600.00'],
    ]);
    // total = 2500.00 + 2971.50 + 800.00 − 1000.00 = 5271.50 (6271.50 without the return)
    // cost  = 1500.00 + 1800.00 + 480.00 − 600.00  = 3180.00; margin = 5271.50 − 3180.00 = 2091.50
    expect(created).toMatchObject({
      total: '5271.50',
      costTotal: '3180.00',
      margin: '2091.50',
      logisticsCost: '1500.50',
    });
  });

  it('rounds each line to the kopeck, half away from zero', async () => {
    const { owner, client, product } = await setup();
    const created = await order(owner, client.id, product.id, {
      lines: [
        { productId: product.id, quantity: '1.5', price: '0.01', unitCost: '0.01' }, //  1.5 × 1 коп = 1.5 → 2 коп
        { productId: product.id, quantity: '-1.5', price: '0.01', unitCost: '0' }, //   −1.5 × 1 коп = −1.5 → −2 коп
        { productId: product.id, quantity: '0.333', price: '10.01', unitCost: '0.03' }, // 0.333 × 1001 = 333.333 → 333 коп; 0.333 × 3 = 0.999 → 1 коп
      ],
    });
    expect(created.lines.map((l) => [l.amount, l.costAmount])).toEqual([
      ['0.02', '0.02'],
      ['-0.02', '0.00'],
      ['3.33', '0.01'],
    ]);
    // total = 2 − 2 + 333 = 333 коп; cost = 2 + 0 + 1 = 3 коп
    expect(created).toMatchObject({ total: '3.33', costTotal: '0.03', margin: '3.30' });
  });

  it('refuses a zero or over-precise quantity naming the line, and writes nothing', async () => {
    const { owner, client, product } = await setup();
    const e = await refusal(
      order(owner, client.id, product.id, {
        lines: [
          { productId: product.id, quantity: 0 },
          { productId: product.id, quantity: '1.2345' },
          { productId: product.id, quantity: '1' },
        ],
      }),
    );
    expect(e.code).toBe('invalid_input');
    expect(fieldsOf(e)).toEqual([
      ['lines/0/quantity', 'quantity'],
      ['lines/1/quantity', 'quantity'],
    ]);
    const e2 = await refusal(
      order(owner, client.id, product.id, { lines: [{ productId: product.id, quantity: '0.000' }] }),
    );
    expect(fieldsOf(e2)).toEqual([['lines/0/quantity', 'quantity']]);
    expect([await count('orders', owner.orgId), await count('order_lines', owner.orgId)]).toEqual([0, 0]);
  });

  it('refuses a bad price and a negative logistics cost', async () => {
    const { owner, client, product } = await setup();
    const e = await refusal(
      order(owner, client.id, product.id, {
        lines: [{ productId: product.id, quantity: 1, price: '1.005', unitCost: '-1.00' }],
      }),
    );
    expect(fieldsOf(e)).toEqual([
      ['lines/0/price', 'money'],
      ['lines/0/unitCost', 'money'],
    ]);
    const e2 = await refusal(order(owner, client.id, product.id, { logisticsCost: '-0.01' }));
    expect(fieldsOf(e2)).toEqual([['logisticsCost', 'negative']]);
    expect(await count('orders', owner.orgId)).toBe(0);
  });

  it("refuses an unknown product, or another organisation's, and writes no order", async () => {
    const { owner, client, product } = await setup();
    const stranger = await buildOrg(db);
    const theirs = await buildProduct(db, stranger);
    const before = await count('orders', owner.orgId);
    const e = await refusal(
      order(owner, client.id, product.id, { lines: [{ productId: 9_000_000_000, quantity: 1 }] }),
    );
    expect(e.code).toBe('invalid_input');
    expect(fieldsOf(e)).toEqual([['lines/0/productId', 'notFound']]);
    const e2 = await refusal(
      order(owner, client.id, product.id, {
        lines: [
          { productId: product.id, quantity: 1 },
          { productId: theirs.id, quantity: 1 },
        ],
      }),
    );
    expect(fieldsOf(e2)).toEqual([['lines/1/productId', 'notFound']]);
    expect(await count('orders', owner.orgId)).toBe(before);
    expect(await count('order_lines', owner.orgId)).toBe(0);
  });

  it("accepts only a legal entity of the order's own client", async () => {
    const { owner, client, product } = await setup();
    const other = await buildClient(db, owner);
    const theirs = await buildLegalEntity(db, owner, other.id);
    const own = await buildLegalEntity(db, owner, client.id);
    const e = await refusal(order(owner, client.id, product.id, { legalEntityId: theirs.id }));
    expect(e.code).toBe('invalid_input');
    expect(fieldsOf(e)).toEqual([['legalEntityId', 'otherClient']]);
    expect(await count('orders', owner.orgId)).toBe(0);
    expect((await order(owner, client.id, product.id, { legalEntityId: own.id })).legalEntityId).toBe(own.id);
  });

  it('refuses a payment due date before the order date; the same day is fine', async () => {
    const { owner, client, product } = await setup();
    const e = await refusal(
      order(owner, client.id, product.id, { orderDate: '2026-03-10', paymentDueDate: '2026-03-09' }),
    );
    expect(e.code).toBe('invalid_input');
    expect(fieldsOf(e)).toEqual([['paymentDueDate', 'beforeOrder']]);
    expect(await count('orders', owner.orgId)).toBe(0);
    expect(
      (await order(owner, client.id, product.id, { orderDate: '2026-03-10', paymentDueDate: '2026-03-10' }))
        .paymentDueDate,
    ).toBe('2026-03-10');
  });

  it("answers not_found for another organisation's client or order", async () => {
    const { owner, client, product } = await setup();
    const stranger = await buildOrg(db);
    const theirClient = await buildClient(db, stranger);
    expect((await refusal(order(owner, theirClient.id, product.id))).code).toBe('not_found');
    const mine = await order(owner, client.id, product.id);
    expect((await refusal(getOrder(db, stranger, mine.id))).code).toBe('not_found');
    expect((await refusal(updateOrder(db, stranger, mine.id, { notes: 'взлом' }))).code).toBe('not_found');
    expect((await refusal(deleteOrder(db, stranger, mine.id))).code).toBe('not_found');
    expect(await getOrder(db, owner, mine.id)).toEqual(mine);
  });
});

describe('updateOrder', () => {
  it('replaces the lines when given and recomputes the totals', async () => {
    const { owner, client, product } = await setup();
    const created = await order(owner, client.id, product.id, {
      lines: [
        { productId: product.id, quantity: 1 },
        { productId: product.id, quantity: 2 },
        { productId: product.id, quantity: 3 },
      ],
    });
    expect(created.total).toBe('6000.00'); // (1 + 2 + 3) × 1000.00
    const updated = await updateOrder(db, owner, created.id, {
      lines: [{ productId: product.id, quantity: '0.5', price: '1200.00' }],
    });
    // 0.5 × 1200.00 = 600.00; cost 0.5 × 600.00 = 300.00; margin 300.00
    expect(updated).toMatchObject({
      total: '600.00',
      costTotal: '300.00',
      margin: '300.00',
      number: 'РН-1',
      orderDate: '2026-03-10',
    });
    expect(updated.lines).toHaveLength(1);
    expect(
      (await linesOf(owner.orgId, created.id)).map((l) => [l.line_no, l.quantity, l.amount, l.cost_amount]),
    ).toEqual([[1, '0.500', 60_000, 30_000]]);
  });

  it('keeps lines and totals on a header-only change', async () => {
    const { owner, client, product } = await setup();
    const created = await order(owner, client.id, product.id, { lines: [{ productId: product.id, quantity: 2 }] });
    const updated = await updateOrder(db, owner, created.id, { status: 'shipped', notes: 'Отгружен частично' });
    expect(updated).toMatchObject({
      status: 'shipped',
      notes: 'Отгружен частично',
      total: '2000.00',
      costTotal: '1200.00',
    });
    expect(updated.lines).toEqual(created.lines);
  });

  it('refuses bad new lines and leaves the old ones', async () => {
    const { owner, client, product } = await setup();
    const created = await order(owner, client.id, product.id, { lines: [{ productId: product.id, quantity: 2 }] });
    const e = await refusal(
      updateOrder(db, owner, created.id, {
        notes: 'не сохранится',
        lines: [
          { productId: product.id, quantity: 1 },
          { productId: 9_000_000_000, quantity: 1 },
        ],
      }),
    );
    expect(fieldsOf(e)).toEqual([['lines/1/productId', 'notFound']]);
    expect(await getOrder(db, owner, created.id)).toEqual(created);
    expect(await linesOf(owner.orgId, created.id)).toHaveLength(1);
  });

  it("moves the lines' order date and client with the order", async () => {
    const { owner, client, product } = await setup();
    const created = await order(owner, client.id, product.id, {
      lines: [
        { productId: product.id, quantity: 1 },
        { productId: product.id, quantity: 2 },
      ],
    });
    expect((await linesOf(owner.orgId, created.id)).map((l) => l.order_date)).toEqual(['2026-03-10', '2026-03-10']);
    await updateOrder(db, owner, created.id, { orderDate: '2026-04-02' });
    expect((await linesOf(owner.orgId, created.id)).map((l) => [l.order_date, l.client_id])).toEqual([
      ['2026-04-02', client.id],
      ['2026-04-02', client.id],
    ]);
    const other = await buildClient(db, owner);
    const moved = await updateOrder(db, owner, created.id, { clientId: other.id });
    expect(moved.clientId).toBe(other.id);
    expect((await linesOf(owner.orgId, created.id)).map((l) => [l.order_date, l.client_id])).toEqual([
      ['2026-04-02', other.id],
      ['2026-04-02', other.id],
    ]);
    // With new lines and a new date together the new lines carry the new date.
    await updateOrder(db, owner, created.id, {
      orderDate: '2026-05-05',
      lines: [{ productId: product.id, quantity: 1 }],
    });
    expect((await linesOf(owner.orgId, created.id)).map((l) => [l.order_date, l.client_id])).toEqual([
      ['2026-05-05', other.id],
    ]);
  });

  it('checks a new payment due date against the stored order date', async () => {
    const { owner, client, product } = await setup();
    const created = await order(owner, client.id, product.id, { orderDate: '2026-03-10' });
    const e = await refusal(updateOrder(db, owner, created.id, { paymentDueDate: '2026-03-01' }));
    expect(fieldsOf(e)).toEqual([['paymentDueDate', 'beforeOrder']]);
    expect((await getOrder(db, owner, created.id)).paymentDueDate).toBeNull();
  });

  // The due date is checked against the order as it will be stored.
  it('refuses an order date moved past the stored payment due date', async () => {
    const { owner, client, product } = await setup();
    const created = await order(owner, client.id, product.id, {
      orderDate: '2026-03-01',
      paymentDueDate: '2026-03-10',
    });
    const e = await refusal(updateOrder(db, owner, created.id, { orderDate: '2026-04-01' }));
    expect(fieldsOf(e)).toEqual([['paymentDueDate', 'beforeOrder']]);
  });
});

describe('findOrders, deleteOrder', () => {
  it('filters by client and date range, newest first by default', async () => {
    const { owner, client, product } = await setup();
    const other = await buildClient(db, owner);
    const made: Record<string, number> = {};
    for (const [key, clientId, orderDate] of [
      ['a-jan', client.id, '2026-01-15'],
      ['a-feb', client.id, '2026-02-01'],
      ['a-mar', client.id, '2026-03-31'],
      ['b-feb', other.id, '2026-02-20'],
      ['a-apr', client.id, '2026-04-01'],
    ] as const) {
      made[key] = (await order(owner, clientId, product.id, { number: key, orderDate })).id;
    }
    const numbers = async (query: Parameters<typeof findOrders>[2]) => {
      const page = await findOrders(db, owner, query);
      expect(page.total).toBe(page.items.length);
      return page.items.map((o) => o.number);
    };
    expect(await numbers({})).toEqual(['a-apr', 'a-mar', 'b-feb', 'a-feb', 'a-jan']);
    expect(await numbers({ clientId: client.id })).toEqual(['a-apr', 'a-mar', 'a-feb', 'a-jan']);
    expect(await numbers({ clientId: other.id })).toEqual(['b-feb']);
    // from and to are inclusive
    expect(await numbers({ from: '2026-02-01', to: '2026-03-31' })).toEqual(['a-mar', 'b-feb', 'a-feb']);
    expect(await numbers({ clientId: client.id, from: '2026-02-02', to: '2026-03-31' })).toEqual(['a-mar']);
    expect(await numbers({ sort: 'orderDate' })).toEqual(['a-jan', 'a-feb', 'b-feb', 'a-mar', 'a-apr']);
    const page = await findOrders(db, owner, { page: 2, pageSize: 2 });
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.items.map((o) => o.id)).toEqual([made['b-feb'], made['a-feb']]);
    expect(page.items[0]).not.toHaveProperty('lines');
    expect(page.items[0]).toMatchObject({ total: '1000.00', costTotal: '600.00', margin: '400.00' });
    // another organisation sees none of them
    expect((await findOrders(db, await buildOrg(db), {})).total).toBe(0);
  });

  it('deletes an order with its lines; payments against it stay, unlinked', async () => {
    const { owner, client, product } = await setup();
    const doomed = await order(owner, client.id, product.id, {
      lines: [
        { productId: product.id, quantity: 1 },
        { productId: product.id, quantity: 2 },
      ],
    });
    const kept = await order(owner, client.id, product.id, { number: 'РН-2' });
    const payment = await paymentService.create(db, owner, {
      clientId: client.id,
      orderId: doomed.id,
      paymentDate: '2026-03-15',
      amount: '3000.00',
    });
    expect(payment.orderId).toBe(doomed.id);
    await deleteOrder(db, owner, doomed.id);
    expect((await refusal(getOrder(db, owner, doomed.id))).code).toBe('not_found');
    expect(await linesOf(owner.orgId, doomed.id)).toEqual([]);
    expect(await linesOf(owner.orgId, kept.id)).toHaveLength(1);
    expect(await paymentService.get(db, owner, payment.id)).toEqual({ ...payment, orderId: null });
    expect((await refusal(deleteOrder(db, owner, doomed.id))).code).toBe('not_found');
  });
});
