import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiWrite, parseCount, screenshot, settled, untranslated, useBrowserSession } from './browser.js';
import { screenshotsDir } from './paths.js';

type OrderItem = {
  id: number;
  number: string;
  orderDate: string;
  status: string;
  total: string;
  lineCount: number;
  paid: string;
};
type PaymentItem = {
  id: number;
  orderId: number | null;
  orderNumber: string | null;
  paymentDate: string;
  amount: string;
};
type Line = {
  lineNo: number;
  sku: string;
  productName: string;
  quantity: string;
  amount: string;
  costBasis: 'document' | 'catalogue' | 'unknown';
};
type Order = { id: number; number: string; orderDate: string; lines: Line[] };
type Page1<T> = { items: T[]; total: number; amount?: string };

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const basisRu = { document: 'из документа', catalogue: 'из каталога', unknown: 'неизвестна' } as const;
const basisEn = { document: 'document', catalogue: 'catalogue', unknown: 'unknown' } as const;

/** The document numbers the card's orders table shows, top to bottom. */
const shownNumbers = (page: Page) =>
  page.getByTestId('client-orders').locator('tbody tr td:first-child').allInnerTexts();

/** Waits for the client's documents to answer the query `matches` asks for, after `action`. */
async function ordersAfter(page: Page, action: () => Promise<void>, matches: (q: URLSearchParams) => boolean) {
  const answered = page.waitForResponse((res) => {
    const url = new URL(res.url());
    return (
      /^\/api\/v1\/clients\/\d+\/orders$/.test(url.pathname) &&
      !url.searchParams.has('format') &&
      matches(url.searchParams)
    );
  });
  await action();
  expect((await answered).ok()).toBe(true);
  await page.locator('[data-testid="client-orders"] table:not([aria-busy="true"])').waitFor();
}

describe('the orders and payments of a client card', () => {
  const s = useBrowserSession();
  let clientId: number;
  let clientName: string;
  let latest: Page1<OrderItem>;

  beforeAll(async () => {
    // The demo client with the most documents: far more than one page of them.
    const top = await apiGet<{ items: { clientId: number; name: string }[] }>(
      s.page,
      '/analytics/clients?sort=-orders&pageSize=1',
    );
    clientId = top.items[0]!.clientId;
    clientName = top.items[0]!.name;
    latest = await apiGet<Page1<OrderItem>>(s.page, `/clients/${clientId}/orders?pageSize=25`);
    expect(latest.total).toBeGreaterThan(25);
  });

  it('pages every document of the client, sorts them, and opens one with its lines, costs and where they came from', async () => {
    const { page } = s;
    await page.goto(`/clients/${clientId}?tab=orders`);
    await page.getByRole('heading', { level: 1, name: clientName }).waitFor();
    const orders = page.getByTestId('client-orders');
    await orders.locator('table').waitFor();
    await settled(page);
    expect(parseCount(await page.getByTestId('client-orders-count').innerText())).toBe(latest.total);
    expect(await shownNumbers(page)).toEqual(latest.items.map((o) => o.number));
    const first = orders.locator('tbody tr').first();
    expect(await first.innerText()).toContain(ddmmyyyy(latest.items[0]!.orderDate));
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'card-orders');

    // The last page holds the oldest documents, which "the last 20" never showed.
    const pages = Math.ceil(latest.total / 25);
    const oldest = await apiGet<Page1<OrderItem>>(s.page, `/clients/${clientId}/orders?pageSize=25&page=${pages}`);
    await ordersAfter(
      page,
      () => orders.getByRole('button', { name: String(pages), exact: true }).click(),
      (q) => q.get('page') === String(pages),
    );
    expect(await shownNumbers(page)).toEqual(oldest.items.map((o) => o.number));

    // Sorting by number starts again from the first page.
    const byNumber = await apiGet<Page1<OrderItem>>(s.page, `/clients/${clientId}/orders?pageSize=25&sort=number`);
    await ordersAfter(
      page,
      () => orders.getByTestId('orders-sort-number').click(),
      (q) => q.get('sort') === 'number' && q.get('page') === '1',
    );
    expect(await shownNumbers(page)).toEqual(byNumber.items.map((o) => o.number));
    expect(await orders.getByRole('columnheader', { name: /Номер/ }).getAttribute('aria-sort')).toBe('ascending');

    // A document opens in a drawer with its header, totals and every line.
    const target = byNumber.items.find((o) => o.lineCount > 1) ?? byNumber.items[0]!;
    const order = await apiGet<Order>(s.page, `/orders/${target.id}`);
    await orders.getByRole('button', { name: `Открыть заказ ${target.number}` }).click();
    const drawer = page.getByRole('dialog', { name: `Заказ ${order.number} от ${ddmmyyyy(order.orderDate)}` });
    await drawer.waitFor();
    const lines = drawer.getByTestId('order-lines');
    await lines.waitFor();
    await settled(page);
    expect(await lines.locator('tbody tr').count()).toBe(order.lines.length);
    for (const line of order.lines) {
      const row = lines.getByTestId(`order-line-${line.lineNo}`);
      const cells = await row.locator('td').allInnerTexts();
      expect(cells[1]).toBe(line.sku);
      expect(cells[2]).toBe(line.productName);
      expect(cells[8]).toBe(basisRu[line.costBasis]);
    }
    expect(await lines.locator('tfoot').innerText()).toContain('Итого');
    expect(await drawer.getByTestId('order-totals').innerText()).toContain('Оплачено');
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'card-order-drawer');
    await drawer.getByRole('button', { name: 'Закрыть' }).click();
    await drawer.waitFor({ state: 'detached' });
    expect(s.pageErrors).toEqual([]);
  });

  it('names the document each payment pays by its number, the oldest too, and says when a payment pays none', async () => {
    const { page } = s;
    // A payment against no document, removed at the end so the demo company stays as it was.
    const advance = await apiWrite<{ id: number }>(page, 'post', '/payments', {
      clientId,
      paymentDate: latest.items[0]!.orderDate,
      amount: '1500.00',
      notes: 'Аванс по договору',
    });
    try {
      const oldest = await apiGet<Page1<PaymentItem>>(
        page,
        `/clients/${clientId}/payments?sort=paymentDate&pageSize=25`,
      );
      const old = oldest.items.find((p) => p.orderNumber !== null)!;
      // It pays a document older than the latest 20 the card used to show.
      expect(latest.items.slice(0, 20).map((o) => o.id)).not.toContain(old.orderId);

      await page.goto(`/clients/${clientId}?tab=payments`);
      const payments = page.getByTestId('client-payments');
      await payments.locator('table').waitFor();
      await settled(page);
      const all = await apiGet<Page1<PaymentItem>>(page, `/clients/${clientId}/payments?pageSize=1`);
      const summary = await page.getByTestId('client-payments-summary').innerText();
      expect(summary).toMatch(/^[\d\s\u00a0]+ оплат\S* на сумму /);
      expect(parseCount(summary)).toBe(all.total);
      const advanceRow = payments.getByTestId(`client-payment-${advance.id}`);
      expect(await advanceRow.innerText()).toContain('без заказа');
      await screenshot(page, 'card-payments');

      // Oldest first: the first payments name their documents by number, never by an internal id.
      const answered = page.waitForResponse((res) => /\/payments\?.*sort=paymentDate(&|$)/.test(res.url()));
      await payments.getByTestId('payments-sort-paymentDate').click();
      await answered;
      await payments.locator('table:not([aria-busy="true"])').waitFor();
      const row = payments.getByTestId(`client-payment-${old.id}`);
      const link = row.getByRole('button', { name: `Открыть заказ ${old.orderNumber}` });
      expect(await link.innerText()).toBe(old.orderNumber);
      expect(await payments.innerText()).not.toMatch(/№\d+/);

      // The number opens the document it pays, with this payment among the payments against it.
      await link.click();
      const drawer = page.getByTestId('order-drawer').getByRole('dialog');
      await drawer.getByTestId('order-payments').waitFor();
      expect(await drawer.getByRole('heading', { level: 2 }).innerText()).toContain(old.orderNumber!);
      expect(await drawer.getByTestId('order-payments').innerText()).toContain(ddmmyyyy(old.paymentDate));
      await settled(page);
      await screenshot(page, 'card-payment-order-drawer');
      // The drawer scrolls inside itself: its end holds the payments against the document.
      await drawer.getByTestId('order-payments').scrollIntoViewIfNeeded();
      await page.screenshot({
        path: path.join(screenshotsDir, 'card-payment-order-drawer-end.png'),
        animations: 'disabled',
      });
      await drawer.getByRole('button', { name: 'Закрыть' }).click();
    } finally {
      await apiWrite(page, 'delete', `/payments/${advance.id}`);
    }
    expect(s.pageErrors).toEqual([]);
  });

  it('reads in English: the tabs, the drawer and the cost sources', async () => {
    const { page } = s;
    await page.goto(`/clients/${clientId}?tab=orders`);
    await page.getByRole('radiogroup', { name: 'Язык интерфейса' }).getByText('EN', { exact: true }).click();
    try {
      const orders = page.getByTestId('client-orders');
      await orders.getByRole('table', { name: "The client's orders" }).waitFor();
      await settled(page);
      expect(await orders.getByRole('heading', { level: 2 }).innerText()).toBe('Orders');
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'card-orders-en');

      const target = latest.items[0]!;
      const order = await apiGet<Order>(page, `/orders/${target.id}`);
      await orders.getByRole('button', { name: `Open order ${target.number}` }).click();
      const [y, m, d] = order.orderDate.split('-');
      const drawer = page.getByRole('dialog', { name: `Order ${order.number} of ${d}/${m}/${y}` });
      await drawer.getByTestId('order-lines').waitFor();
      await settled(page);
      const basis: Locator = drawer.getByTestId('order-line-basis-1');
      expect(await basis.innerText()).toBe(basisEn[order.lines[0]!.costBasis]);
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'card-order-drawer-en');
      await drawer.getByRole('button', { name: 'Close' }).click();

      await page.getByTestId('card-tab-payments').click();
      await page.getByTestId('client-payments').getByRole('table', { name: "The client's payments" }).waitFor();
      await settled(page);
      expect(await page.getByTestId('client-payments-summary').innerText()).toMatch(/^\d[\d,]* payments? totalling /);
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'card-payments-en');
    } finally {
      await page.getByRole('radiogroup', { name: 'Interface language' }).getByText('RU', { exact: true }).click();
    }
    expect(s.pageErrors).toEqual([]);
  });

  it("answers 404 for another organisation's or an unknown client's documents", async () => {
    const res = await s.page.request.get('/api/v1/clients/999999999/orders');
    expect(res.status()).toBe(404);
    const order = await s.page.request.get('/api/v1/orders/999999999');
    expect(order.status()).toBe(404);
  });
});
