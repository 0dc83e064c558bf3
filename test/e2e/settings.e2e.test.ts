import { describe, expect, it } from 'vitest';
import { apiGet, apiWrite, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

type Settings = { paymentTracking: 'auto' | 'on' | 'off' };
type ClientAnalytics = { paymentTracking: { tracked: boolean; setting: string } };

/** The analytics settings page: payment tracking can be turned off, and a client's panel then says why overdue is not shown. */
describe('analytics settings', () => {
  const s = useBrowserSession();

  it('turns payment tracking off from the page; the client panel says payments are not tracked', async () => {
    const { page } = s;
    const before = await apiGet<Settings>(page, '/analytics/settings');
    const client = (await apiGet<{ items: { id: number }[] }>(page, '/clients?sort=name&pageSize=1')).items[0]!;
    try {
      await page.goto('/analytics/settings');
      const select = page.getByTestId('setting-paymentTracking');
      await select.waitFor();
      expect(await page.getByText('Учёт оплат').count()).toBeGreaterThan(0);
      await select.click();
      await page.getByRole('option', { name: 'Выключен' }).click();
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(async () => (await apiGet<Settings>(page, '/analytics/settings')).paymentTracking).toBe('off');
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'analytics-settings-payments-off');
      expect((await apiGet<ClientAnalytics>(page, `/analytics/clients/${client.id}`)).paymentTracking).toMatchObject({
        tracked: false,
        setting: 'off',
      });

      await page.goto(`/clients/${client.id}`);
      const untracked = page.getByTestId('client-analytics-payments-untracked');
      await untracked.waitFor();
      expect(await untracked.innerText()).toContain('не отслеживается');
      await settled(page);
      await screenshot(page, 'client-card-payments-untracked');
      expect(s.pageErrors).toEqual([]);
    } finally {
      await apiWrite(page, 'patch', '/analytics/settings', { paymentTracking: before.paymentTracking });
    }
  });
});
