import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiGet, listAfter, listSettled, parseCount, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

type LegalEntity = { id: number; clientId: number; inn: string | null; fullName: string; updatedAt: string };
type Page1<T> = { items: T[]; total: number };
type ClientAnalytics = { figures: { interactions: number; managerMinutes: number } };

/** "Время менеджеров (8 ч 17 мин)" in the analytics panel's cost-to-serve block → 497 (0 when the block says there are no costs). */
async function managerMinutesShown(page: Page): Promise<number> {
  const costs = page.getByTestId('client-analytics-costs');
  await costs.waitFor();
  const row = page.getByTestId('client-analytics-cost-managerTime');
  if (await row.count() === 0) {
    expect(await costs.innerText()).toContain('Затрат на обслуживание за период нет');
    return 0;
  }
  const m = /Время менеджеров \(([\d\s\u00a0\u202f]+) ч (\d+) мин\)/.exec(await row.innerText());
  if (!m) throw new Error(`no manager time in "${await row.innerText()}"`);
  return parseCount(m[1]!) * 60 + Number(m[2]);
}

describe('the client card', () => {
  const s = useBrowserSession();
  let entity: LegalEntity;
  let clientName: string;

  beforeAll(async () => {
    const list = await apiGet<Page1<LegalEntity>>(s.page, '/legal-entities?pageSize=1');
    entity = list.items[0]!;
    expect(entity.inn).toMatch(/^\d{10}(\d{2})?$/);
    clientName = (await apiGet<{ name: string }>(s.page, `/clients/${entity.clientId}`)).name;
  });

  it('finds a client by its ИНН in the client list and opens its card', async () => {
    const { page } = s;
    await page.goto('/clients');
    await page.getByRole('heading', { level: 1, name: 'Клиенты' }).waitFor();
    await listSettled(page);
    expect(parseCount(await page.getByTestId('clients-total').innerText())).toBe(300);
    await screenshot(page, 'clients-list');

    await listAfter(page, () => page.getByRole('searchbox', { name: 'Поиск' }).fill(entity.inn!), (q) => q.get('q') === entity.inn);
    // The search settles into the address (debounced), so the view can be shared and reloaded.
    expect(new URL(page.url()).searchParams.get('q')).toBe(entity.inn);
    const rows = page.getByTestId('figures-table').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await page.getByTestId('clients-total').innerText()).toMatch(/^Найдено клиентов: 1\b/);
    const link = rows.getByRole('link', { name: clientName, exact: true });
    await link.waitFor();
    await screenshot(page, 'clients-search-by-inn');

    await link.click();
    await page.waitForURL((url) => url.pathname === `/clients/${entity.clientId}`);
    await page.getByRole('heading', { level: 1, name: clientName }).waitFor();
    // The analytics tab comes first and is open by default.
    expect(await page.getByTestId('card-tab-analytics').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('client-analytics-costs').waitFor();
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'client-card');

    // The legal entities tab shows the ИНН we searched by.
    await page.getByTestId('card-tab-legalEntities').click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'legalEntities');
    await page.getByRole('region', { name: entity.fullName }).getByText(entity.inn!, { exact: true }).waitFor();
    expect(s.pageErrors).toEqual([]);
  });

  it('refuses a legal entity\'s ИНН with a wrong check digit, with the Russian message, and saves nothing', async () => {
    // The card shows requisites read-only: the web app has no form to edit them (see the todo below),
    // so the change is sent the way the app sends its writes — fetch from the signed-in page with the
    // CSRF header — and the card is checked afterwards.
    const { page } = s;
    const invalid = '7707083890'; // Сбербанк's 7707083893 with the last (check) digit changed
    await page.goto(`/clients/${entity.clientId}?tab=legalEntities`);
    const block = page.getByRole('region', { name: entity.fullName });
    await block.getByText(entity.inn!, { exact: true }).waitFor();

    const answer = await page.evaluate(async ({ id, inn }) => {
      const res = await fetch(`/api/v1/legal-entities/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-rapport-csrf': '1', accept: 'application/json, application/problem+json' },
        body: JSON.stringify({ inn }),
      });
      return { status: res.status, body: await res.json() as { code?: string; errors?: { field: string; reason: string; messageRu?: string }[] } };
    }, { id: entity.id, inn: invalid });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('invalid_input');
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'inn', reason: 'checksum' })]);
    expect(answer.body.errors![0]!.messageRu).toMatch(/^Контрольная цифра ИНН не сходится с остальными/);

    // Nothing saved: the card, reloaded, still shows the old ИНН, and the record is untouched.
    await page.reload();
    await block.getByText(entity.inn!, { exact: true }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain(invalid);
    const after = await apiGet<LegalEntity>(page, `/legal-entities/${entity.id}`);
    expect(after).toMatchObject({ inn: entity.inn, updatedAt: entity.updatedAt });
    await screenshot(page, 'client-card-legal-entities');
    expect(s.pageErrors).toEqual([]);
  });

  it.todo('edits a legal entity\'s requisites in the card and shows the ИНН check-digit error under the field (the web app has no such form yet)');

  it('adds a 45-minute call in the card: it shows in the interactions and the manager time grows by 45 minutes', async () => {
    const { page } = s;
    const outcome = `e2e: звонок ${Date.now()}`;
    const before = await apiGet<ClientAnalytics>(page, `/analytics/clients/${entity.clientId}`);
    await page.goto(`/clients/${entity.clientId}`);
    await page.getByRole('heading', { level: 1, name: clientName }).waitFor();
    const shownBefore = await managerMinutesShown(page);
    expect(shownBefore).toBe(before.figures.managerMinutes);

    await page.getByRole('button', { name: 'Добавить взаимодействие' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новое взаимодействие' });
    await dialog.waitFor();
    // Without a kind the form refuses, in Russian.
    await dialog.getByRole('button', { name: 'Добавить', exact: true }).click();
    await dialog.getByText('Выберите вид взаимодействия.').waitFor();

    await dialog.getByRole('combobox', { name: 'Вид' }).click();
    await page.getByRole('option', { name: 'Звонок', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Длительность, минут' }).fill('45');
    await dialog.getByRole('textbox', { name: 'Результат' }).fill(outcome);
    await screenshot(page, 'client-card-add-interaction');
    await dialog.getByRole('button', { name: 'Добавить', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    // The card moves to its interactions tab, where the call is listed with its 45 minutes.
    await page.waitForURL((url) => url.searchParams.get('tab') === 'interactions');
    const row = page.getByRole('table', { name: 'Последние взаимодействия' }).getByRole('row').filter({ hasText: outcome });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells).toContain('Звонок');
    expect(cells.map((c) => c.replace(/[\u00a0\u202f]/g, ' '))).toContain('45 мин');
    await screenshot(page, 'client-card-interactions');

    // The analytics panel: manager time up by exactly 45 minutes; the API counts one more interaction.
    await page.getByTestId('card-tab-analytics').click();
    await expect.poll(() => managerMinutesShown(page), { timeout: 15_000 }).toBe(shownBefore + 45);
    const after = await apiGet<ClientAnalytics>(page, `/analytics/clients/${entity.clientId}`);
    expect(after.figures.interactions).toBe(before.figures.interactions + 1);
    expect(after.figures.managerMinutes).toBe(before.figures.managerMinutes + 45);
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'client-card-analytics-after-call');
    expect(s.pageErrors).toEqual([]);
  });
});
