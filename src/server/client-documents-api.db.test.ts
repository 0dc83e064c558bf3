import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../test/support/app.js';
import { useDatabase } from '../../test/support/database.js';
import { buildClient, buildOrg, buildProduct, buildUser } from '../../test/support/factories.js';
import { readWorkbook } from '../../test/support/workbook.js';
import type { ClientOrderPageT, ClientPaymentPageT, OrderT } from '../contract/sales.js';
import { createOrder } from '../services/sales/orders.js';
import { paymentService } from '../services/sales/payments.js';

const db = await useDatabase();
const app = await useApp(db);

const fieldsOf = (body: { errors?: { field: string; reason: string }[] }) =>
  Object.fromEntries((body.errors ?? []).map((e) => [e.field, e.reason]));

/**
 * An organisation whose client has 25 documents, one a day from 1 March 2026 (№ РН-001 … РН-025), of
 * two lines each: a drill priced from the catalogue, a tool with the cost given on the document, and on
 * the even documents a third line of a product without a purchase price (cost unknown). Payments: one
 * against РН-003 (the oldest pages), one against РН-025, and one against no document.
 */
async function setup() {
  const owner = await buildOrg(db);
  const manager = await buildUser(db, owner.orgId, 'manager');
  const client = await buildClient(db, owner, { ownerUserId: manager.userId });
  const other = await buildClient(db, owner); // the owner's own: the manager does not see it
  const drill = await buildProduct(db, owner, {
    sku: 'ПРФ-800',
    name: 'Перфоратор 800 Вт',
    listPrice: '1000.00',
    cost: '600.00',
  });
  const tool = await buildProduct(db, owner, { sku: 'КЛЧ-12', name: 'Ключ 12 мм', listPrice: '250.00', cost: '0' });
  const uncosted = await buildProduct(db, owner, { sku: 'ЗАГ-1', name: 'Заглушка', listPrice: '10.00', cost: '0' });
  const orders: OrderT[] = [];
  for (let i = 1; i <= 25; i++) {
    const number = `РН-${String(i).padStart(3, '0')}`;
    orders.push(
      await createOrder(db, owner, {
        clientId: client.id,
        number,
        orderDate: `2026-03-${String(i).padStart(2, '0')}`,
        status: i === 7 ? 'cancelled' : 'completed',
        paymentDueDate: i % 5 === 0 ? `2026-04-${String(i).padStart(2, '0')}` : null,
        lines: [
          { productId: drill.id, quantity: '2' },
          { productId: tool.id, quantity: '1.5', price: '300.00', unitCost: '120.50' },
          ...(i % 2 === 0 ? [{ productId: uncosted.id, quantity: 3 }] : []),
        ],
      }),
    );
  }
  const old = orders[2]!; // РН-003
  await paymentService.create(db, owner, {
    clientId: client.id,
    orderId: old.id,
    paymentDate: '2026-04-01',
    amount: '1000.00',
  });
  await paymentService.create(db, owner, {
    clientId: client.id,
    orderId: old.id,
    paymentDate: '2026-04-02',
    amount: '1450.00',
  });
  await paymentService.create(db, owner, {
    clientId: client.id,
    orderId: orders[24]!.id,
    paymentDate: '2026-04-03',
    amount: '2450.00',
  });
  await paymentService.create(db, owner, {
    clientId: client.id,
    paymentDate: '2026-04-04',
    amount: '99.99',
    notes: 'Аванс',
  });
  const otherOrder = await createOrder(db, owner, {
    clientId: other.id,
    number: 'ЧУЖ-1',
    orderDate: '2026-03-05',
    lines: [{ productId: drill.id, quantity: 1 }],
  });
  return {
    owner,
    manager,
    client,
    other,
    orders,
    otherOrder,
    asOwner: await signedIn(app, owner.email),
    asManager: await signedIn(app, manager.email),
  };
}

describe('a client’s documents, a page at a time', () => {
  it('pages the documents newest first, with totals, margin, lines counted and what was paid', async () => {
    const s = await setup();
    const first = await s.asOwner({ url: `/api/v1/clients/${s.client.id}/orders?pageSize=10` });
    expect(first.statusCode, first.body).toBe(200);
    const p1: ClientOrderPageT = first.json();
    expect(p1.total).toBe(25);
    expect(p1.page).toBe(1);
    expect(p1.pageSize).toBe(10);
    expect(p1.items.map((o) => o.number)).toEqual(
      Array.from({ length: 10 }, (_, i) => `РН-${String(25 - i).padStart(3, '0')}`),
    );
    const p3: ClientOrderPageT = (
      await s.asOwner({ url: `/api/v1/clients/${s.client.id}/orders?pageSize=10&page=3` })
    ).json();
    expect(p3.items.map((o) => o.number)).toEqual(['РН-005', 'РН-004', 'РН-003', 'РН-002', 'РН-001']);

    // РН-003: 2 × 1000.00 + 1.5 × 300.00 = 2450.00; cost 2 × 600.00 + 1.5 × 120.50 = 1380.75 (rounded to kopecks).
    const third = p3.items.find((o) => o.number === 'РН-003')!;
    expect(third).toMatchObject({
      orderDate: '2026-03-03',
      status: 'completed',
      total: '2450.00',
      costTotal: '1380.75',
      margin: '1069.25',
      lineCount: 2,
      paid: '2450.00',
    });
    // An even document has a line of unknown cost: its cost and margin are unknown, not total − partial cost.
    const fourth = p3.items.find((o) => o.number === 'РН-004')!;
    expect(fourth).toMatchObject({ total: '2480.00', costTotal: null, margin: null, lineCount: 3, paid: '0.00' });
    // Money is decimal strings, never numbers.
    for (const o of [...p1.items, ...p3.items]) {
      expect(typeof o.total).toBe('string');
      expect(typeof o.paid).toBe('string');
    }
  });

  it('sorts by number, total, status and due date, filters by period and status, and refuses an unknown sort', async () => {
    const s = await setup();
    const list = async (query: string) => {
      const res = await s.asOwner({ url: `/api/v1/clients/${s.client.id}/orders?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as ClientOrderPageT;
    };
    expect((await list('sort=number&pageSize=3')).items.map((o) => o.number)).toEqual(['РН-001', 'РН-002', 'РН-003']);
    const byTotal = (await list('sort=-total&pageSize=200')).items.map((o) => Number(o.total));
    expect(byTotal).toEqual([...byTotal].sort((a, b) => b - a));
    expect(byTotal[0]).toBe(2480);
    const byStatus = await list('sort=status&pageSize=1');
    expect(byStatus.items[0]!.status).toBe('cancelled');
    const byDue = (await list('sort=paymentDueDate&pageSize=200')).items;
    expect(byDue.slice(0, 5).map((o) => o.paymentDueDate)).toEqual([
      '2026-04-05',
      '2026-04-10',
      '2026-04-15',
      '2026-04-20',
      '2026-04-25',
    ]);
    expect(byDue.slice(5).every((o) => o.paymentDueDate === null)).toBe(true);

    const march10to12 = await list('from=2026-03-10&to=2026-03-12');
    expect(march10to12.total).toBe(3);
    expect(march10to12.items.map((o) => o.number)).toEqual(['РН-012', 'РН-011', 'РН-010']);
    const cancelled = await list('status=cancelled');
    expect(cancelled.items.map((o) => o.number)).toEqual(['РН-007']);

    const bad = await s.asOwner({
      url: `/api/v1/clients/${s.client.id}/orders?sort=costTotal`,
      headers: { 'accept-language': 'ru' },
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual({ sort: 'unknown' });
    expect(bad.json().errors[0].message).toBe('нельзя сортировать по «costTotal»');
    const reversed = await s.asOwner({ url: `/api/v1/clients/${s.client.id}/orders?from=2026-03-12&to=2026-03-10` });
    expect(reversed.statusCode).toBe(400);
    expect(fieldsOf(reversed.json())).toEqual({ from: 'afterTo' });
  });

  it('opens a document with its lines: article, product, quantity, price, amount, cost and where the cost came from', async () => {
    const s = await setup();
    const res = await s.asManager({ url: `/api/v1/orders/${s.orders[3]!.id}` });
    expect(res.statusCode, res.body).toBe(200);
    const order: OrderT = res.json();
    expect(order).toMatchObject({ number: 'РН-004', orderDate: '2026-03-04', total: '2480.00', costTotal: null });
    expect(order.lines).toEqual([
      {
        lineNo: 1,
        productId: expect.any(Number),
        sku: 'ПРФ-800',
        productName: 'Перфоратор 800 Вт',
        quantity: '2.000',
        price: '1000.00',
        amount: '2000.00',
        unitCost: '600.00',
        costAmount: '1200.00',
        costBasis: 'catalogue',
      },
      {
        lineNo: 2,
        productId: expect.any(Number),
        sku: 'КЛЧ-12',
        productName: 'Ключ 12 мм',
        quantity: '1.500',
        price: '300.00',
        amount: '450.00',
        unitCost: '120.50',
        costAmount: '180.75',
        costBasis: 'document',
      },
      {
        lineNo: 3,
        productId: expect.any(Number),
        sku: 'ЗАГ-1',
        productName: 'Заглушка',
        quantity: '3.000',
        price: '10.00',
        amount: '30.00',
        unitCost: null,
        costAmount: null,
        costBasis: 'unknown',
      },
    ]);
  });

  it('answers 404 for the documents and payments of a client the actor cannot see, and for one of its documents', async () => {
    const s = await setup();
    for (const url of [
      `/api/v1/clients/${s.other.id}/orders`,
      `/api/v1/clients/${s.other.id}/payments`,
      `/api/v1/clients/${s.other.id}/orders?format=csv`,
      `/api/v1/orders/${s.otherOrder.id}`,
    ]) {
      const res = await s.asManager({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // The owner sees both clients; a client of another organisation is missing for everybody.
    expect((await s.asOwner({ url: `/api/v1/clients/${s.other.id}/orders` })).json().total).toBe(1);
    const stranger = await buildOrg(db);
    const asStranger = await signedIn(app, stranger.email);
    expect((await asStranger({ url: `/api/v1/clients/${s.client.id}/orders` })).statusCode).toBe(404);
    expect((await asStranger({ url: `/api/v1/clients/${s.client.id}/payments` })).statusCode).toBe(404);
    // The manager sees their own client's documents.
    expect((await s.asManager({ url: `/api/v1/clients/${s.client.id}/orders?pageSize=1` })).json().total).toBe(25);
  });
});

describe('a client’s payments, a page at a time', () => {
  it('names the document each payment pays, even one far past the latest pages, and says when it pays none', async () => {
    const s = await setup();
    const res = await s.asManager({ url: `/api/v1/clients/${s.client.id}/payments` });
    expect(res.statusCode, res.body).toBe(200);
    const page: ClientPaymentPageT = res.json();
    expect(page.total).toBe(4);
    expect(page.amount).toBe('4999.99');
    expect(page.items.map((p) => [p.paymentDate, p.amount, p.orderNumber, p.orderDate])).toEqual([
      ['2026-04-04', '99.99', null, null],
      ['2026-04-03', '2450.00', 'РН-025', '2026-03-25'],
      ['2026-04-02', '1450.00', 'РН-003', '2026-03-03'],
      ['2026-04-01', '1000.00', 'РН-003', '2026-03-03'],
    ]);
    expect(page.items[0]!.orderId).toBeNull();
    expect(page.items[3]!.orderId).toBe(s.orders[2]!.id);

    const byAmount: ClientPaymentPageT = (
      await s.asManager({ url: `/api/v1/clients/${s.client.id}/payments?sort=amount&pageSize=2&page=2` })
    ).json();
    expect(byAmount.items.map((p) => p.amount)).toEqual(['1450.00', '2450.00']);
    expect(byAmount.amount).toBe('4999.99');

    const ofOrder: ClientPaymentPageT = (
      await s.asManager({ url: `/api/v1/clients/${s.client.id}/payments?orderId=${s.orders[2]!.id}` })
    ).json();
    expect(ofOrder.items.map((p) => p.amount)).toEqual(['1450.00', '1000.00']);
    expect(ofOrder.amount).toBe('2450.00');
    const none: ClientPaymentPageT = (
      await s.asManager({ url: `/api/v1/clients/${s.client.id}/payments?orderId=none` })
    ).json();
    expect(none.items.map((p) => p.notes)).toEqual(['Аванс']);

    const bad = await s.asManager({ url: `/api/v1/clients/${s.client.id}/payments?sort=-orderNumber` });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual({ sort: 'unknown' });
    const badOrder = await s.asManager({ url: `/api/v1/clients/${s.client.id}/payments?orderId=abc` });
    expect(badOrder.statusCode).toBe(400);
  });
});

describe('exports of a client’s documents and payments', () => {
  it('writes the filtered documents and the payments with document numbers as CSV and XLSX, headers in the language asked', async () => {
    const s = await setup();
    const csv = await s.asManager({
      url: `/api/v1/clients/${s.client.id}/orders?format=csv&lang=ru&from=2026-03-01&to=2026-03-03&sort=orderDate`,
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain(`client-${s.client.id}-orders.csv`);
    const [head, ...rows] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(head!.split(';').slice(0, 9)).toEqual([
      'Номер',
      'Дата',
      'Статус',
      'Срок оплаты',
      'Сумма',
      'Себестоимость',
      'Маржа',
      'Оплачено',
      'Строк',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatch(/^РН-003;[^;]+;Выполнен/);
    expect(rows[2]).toMatch(/;2450[.,]00;1380[.,]75;1069[.,]25;2450[.,]00;2;/);

    const xlsx = await s.asManager({ url: `/api/v1/clients/${s.client.id}/payments?format=xlsx&lang=en` });
    expect(xlsx.statusCode).toBe(200);
    const [sheet] = readWorkbook(xlsx.rawPayload);
    expect(sheet!.column('Document number').map((c) => (c?.type === 'text' ? c.value : null))).toEqual([
      null,
      'РН-025',
      'РН-003',
      'РН-003',
    ]);
    expect(sheet!.column('Amount').map((c) => (c?.type === 'number' ? c.value : c))).toEqual([99.99, 2450, 1450, 1000]);
  });
});
