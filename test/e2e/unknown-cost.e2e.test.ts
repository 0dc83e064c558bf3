import { describe, expect, it } from 'vitest';
import { apiGet, apiWrite, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

type Coverage = { unknownProfitClients: number; revenueWithoutCost: string; revenueWithCostPct: number | null };

/**
 * A sale whose cost nobody knows (no cost given, none in the catalogue) does not show as pure profit:
 * the client card says "no cost data" for margin and profit, and the dashboard's profit says how much
 * of the revenue it leaves out.
 */
describe('unknown cost', () => {
  const s = useBrowserSession();

  it('shows "no cost data" on the client card and the share of revenue without a cost on the dashboard', async () => {
    const { page } = s;
    const product = await apiWrite<{ id: number }>(page, 'post', '/products', {
      sku: 'E2E-NO-COST',
      name: 'Товар без закупочной цены',
      listPrice: '1000.00',
      cost: '0.00',
    });
    const client = await apiWrite<{ id: number }>(page, 'post', '/clients', { name: 'ООО «Без себестоимости»' });
    const today = new Date().toISOString().slice(0, 10);
    const order = await apiWrite<{ id: number; lines: { costBasis: string; unitCost: string | null }[] }>(
      page,
      'post',
      '/orders',
      { clientId: client.id, number: 'E2E-NC-1', orderDate: today, lines: [{ productId: product.id, quantity: 3 }] },
    );
    try {
      expect(order.lines).toMatchObject([{ costBasis: 'unknown', unitCost: null }]);
      const figures = (
        await apiGet<{ figures: { revenue: string; margin: string | null; profit: string | null } }>(
          page,
          `/analytics/clients/${client.id}`,
        )
      ).figures;
      expect(figures).toMatchObject({ revenue: '3000.00', margin: null, profit: null });

      await page.goto(`/clients/${client.id}`);
      const profit = page.getByTestId('client-analytics-profit');
      await profit.waitFor();
      expect(await profit.innerText()).toContain('нет данных о себестоимости');
      expect(await page.getByTestId('client-analytics-margin').innerText()).toContain('нет данных о себестоимости');
      expect(await profit.innerText()).not.toContain('3 000');
      await settled(page);
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'client-card-no-cost-data');

      // The dashboard reads the refresh that follows the write (1 s in the e2e server).
      await expect
        .poll(
          async () =>
            (await apiGet<{ totals: { costCoverage: Coverage } }>(page, '/analytics/summary')).totals.costCoverage
              .unknownProfitClients,
          { timeout: 20_000 },
        )
        .toBeGreaterThan(0);
      await page.goto('/');
      const card = page.getByTestId('dashboard-profit');
      await card.waitFor();
      await expect.poll(async () => card.innerText()).toContain('нет данных о себестоимости');
      await settled(page);
      await screenshot(page, 'dashboard-no-cost-data');
      expect(s.pageErrors).toEqual([]);
    } finally {
      await apiWrite(page, 'delete', `/orders/${order.id}`);
      await apiWrite(page, 'delete', `/clients/${client.id}`).catch(() => undefined);
      await apiWrite(page, 'delete', `/products/${product.id}`).catch(() => undefined);
    }
  });
});
