import { beforeAll, describe, expect, it } from 'vitest';
import { apiGet, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

type Page1<T> = { items: T[]; total: number };
type Loss = {
  id: number;
  clientId: number;
  reason: string;
  competitor: string | null;
  winBackPlan: string | null;
  lostOn: string;
};

describe('lost clients', () => {
  const s = useBrowserSession();
  let clientId: number;
  let clientName: string;
  const competitor = `ООО «Конкурент ${Date.now() % 100000}»`;

  beforeAll(async () => {
    const active = await apiGet<Page1<{ id: number; name: string }>>(
      s.page,
      '/clients?status=active&pageSize=1&sort=-name',
    );
    clientId = active.items[0]!.id;
    clientName = active.items[0]!.name;
  });

  it('marks a client lost from its card: the reason from the catalogue, the competitor asked for, then a red banner with the lesson', async () => {
    const { page } = s;
    await page.goto(`/clients/${clientId}`);
    await page.getByRole('heading', { level: 1, name: clientName }).waitFor();
    await settled(page);
    await page.getByTestId('loss-mark').click();
    const dialog = page.getByRole('dialog', { name: 'Клиент потерян: запишите причину и выводы' });
    await dialog.waitFor();
    // Nothing chosen: the reason is asked for under its field.
    await dialog.getByTestId('loss-submit').click();
    await dialog.getByText('Выберите причину потери', { exact: true }).waitFor();
    await dialog.getByRole('combobox', { name: 'Причина' }).click();
    await page.getByRole('option', { name: 'Ушёл к конкуренту', exact: true }).click();
    // "Competitor" appears with that reason and is required.
    await dialog.getByTestId('loss-submit').click();
    await dialog.getByText('Укажите конкурента, к которому ушёл клиент', { exact: true }).waitFor();
    await dialog.getByRole('textbox', { name: 'Конкурент' }).fill(competitor);
    await dialog
      .getByRole('textbox', { name: 'Системная ошибка' })
      .fill('Полгода не звонили, не заметили падения заказов');
    await dialog
      .getByRole('textbox', { name: 'План возврата' })
      .fill('Встреча с директором, отсрочка 30 дней на первый заказ');
    await screenshot(page, 'loss-form');
    const created = page.waitForResponse(
      (res) => res.url().endsWith(`/api/v1/clients/${clientId}/loss`) && res.request().method() === 'POST',
    );
    await dialog.getByTestId('loss-submit').click();
    expect((await created).status()).toBe(201);
    await dialog.waitFor({ state: 'detached' });

    const banner = page.getByTestId('loss-banner');
    await banner.getByText(competitor).waitFor();
    expect(await banner.innerText()).toMatch(/Клиент потерян \d\d\.\d\d\.\d{4}/);
    expect(await banner.innerText()).toContain('Полгода не звонили');
    await page.getByText('Потерян', { exact: true }).first().waitFor();
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'loss-banner');

    // The record is edited in place.
    await banner.getByTestId('loss-edit').click();
    const edit = page.getByRole('dialog', { name: 'Запись о потере клиента' });
    await edit.getByRole('textbox', { name: 'План возврата' }).fill('Пригласить на выставку в марте');
    await edit.getByTestId('loss-submit').click();
    await edit.waitFor({ state: 'detached' });
    await banner.getByText('Пригласить на выставку в марте').waitFor();
    const losses = await apiGet<Page1<Loss>>(page, `/losses?clientId=${clientId}`);
    expect(losses.items[0]).toMatchObject({
      reason: 'competitor',
      competitor,
      winBackPlan: 'Пригласить на выставку в марте',
    });
    expect(s.pageErrors).toEqual([]);
  });

  it('shows the loss in the Pareto of reasons and the list, with a link back to the card', async () => {
    const { page } = s;
    await page.goto('/analytics/losses');
    await page.getByTestId('losses-pareto').waitFor();
    await page.getByTestId('losses-reason-competitor').waitFor();
    await page.getByTestId('losses-competitors').getByText(competitor).waitFor();
    await settled(page);
    await screenshot(page, 'losses-pareto-count');
    await page.getByTestId('losses-by').getByText('потерянной прибыли').click();
    await page.waitForURL((url) => url.searchParams.get('by') === 'profit');
    await page.getByTestId('losses-reason-competitor').getByRole('button').click();
    await page.waitForURL((url) => url.searchParams.get('reason') === 'competitor');
    const link = page.getByTestId('losses-list').getByRole('link', { name: clientName, exact: true });
    await link.waitFor();
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'losses-page');
    await link.click();
    await page.waitForURL((url) => url.pathname === `/clients/${clientId}`);
    await page.getByTestId('loss-banner').waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});
