import { beforeAll, describe, expect, it } from 'vitest';
import { apiGet, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

type Contact = { id: number; clientId: number; fullName: string };
type Page1<T> = { items: T[]; total: number };
type Claim = {
  id: number;
  status: string;
  subject: string;
  resolvedOn: string | null;
  daysToResolve: number | null;
  history: { toStatus: string; note: string | null }[];
};

describe('claims and wishes', () => {
  const s = useBrowserSession();
  let clientId: number;
  let clientName: string;
  let contact: Contact;
  const subject = `e2e: сорвана поставка ${Date.now()}`;
  const resolution = 'Отгрузили заново за наш счёт, водителя заменили';
  let claimId: number;

  beforeAll(async () => {
    contact = (await apiGet<Page1<Contact>>(s.page, '/contacts?pageSize=1')).items[0]!;
    clientId = contact.clientId;
    clientName = (await apiGet<{ name: string }>(s.page, `/clients/${clientId}`)).name;
  });

  it('records a claim in the client card, takes it in work and resolves it; the history shows every step', async () => {
    const { page } = s;
    await page.goto(`/clients/${clientId}?tab=claims`);
    await page.getByRole('heading', { level: 1, name: clientName }).waitFor();
    await page.getByTestId('client-claims').waitFor();
    await settled(page);

    await page.getByTestId('claims-add').click();
    const dialog = page.getByRole('dialog', { name: 'Новое обращение клиента' });
    await dialog.waitFor();
    // Nothing chosen: the form says what is missing, under the fields, in Russian.
    await dialog.getByTestId('claim-form-submit').click();
    await dialog.getByText('Выберите категорию', { exact: true }).last().waitFor();
    await dialog.getByText('Укажите тему', { exact: true }).waitFor();
    // The default deadline is shown from the production calendar as the severity changes.
    await dialog.getByText(/Если не указать — \d\d\.\d\d\.\d{4}: 5 раб\. дн\./).waitFor();

    await dialog.getByRole('combobox', { name: 'Категория' }).click();
    await page.getByRole('option', { name: 'Доставка', exact: true }).click();
    await dialog.getByRole('combobox', { name: 'Важность' }).click();
    await page.getByRole('option', { name: 'Высокая', exact: true }).click();
    await dialog.getByText(/Если не указать — \d\d\.\d\d\.\d{4}: 3 раб\. дн\./).waitFor();
    await dialog.getByRole('textbox', { name: 'Тема' }).fill(subject);
    await dialog
      .getByRole('textbox', { name: 'Описание' })
      .fill('Машина не пришла в согласованное окно, склад клиента простаивал.');
    await dialog.getByRole('combobox', { name: 'Контактное лицо' }).click();
    await page
      .getByRole('option', { name: new RegExp(`^${contact.fullName}`) })
      .first()
      .click();
    await screenshot(page, 'claims-add-form');
    const created = page.waitForResponse(
      (res) => res.url().endsWith('/api/v1/claims') && res.request().method() === 'POST',
    );
    await dialog.getByTestId('claim-form-submit').click();
    const res = await created;
    expect(res.status()).toBe(201);
    claimId = ((await res.json()) as Claim).id;
    await dialog.waitFor({ state: 'detached' });

    // The new claim opens at once, new, with its first line of history.
    const drawer = page.getByRole('dialog', { name: `Обращение № ${claimId}` });
    await drawer.waitFor();
    await drawer.getByTestId('claim-subject').filter({ hasText: subject }).waitFor();
    expect(await drawer.getByTestId('claim-status').textContent()).toBe('Новая');
    expect(await drawer.getByTestId('claim-history-item').count()).toBe(1);
    await drawer.getByText('Зарегистрирована').waitFor();
    expect(await drawer.getByTestId('claim-action-resolve').count()).toBe(0); // a new claim is taken in work first

    await drawer.getByTestId('claim-action-take').click();
    await expect.poll(() => drawer.getByTestId('claim-status').textContent()).toBe('В работе');
    await expect.poll(() => drawer.getByTestId('claim-history-item').count()).toBe(2);

    // A field corrected after the fact: the severity, in the same form, and the drawer shows it.
    await drawer.getByTestId('claim-edit').click();
    const editor = page.getByRole('dialog', { name: 'Изменить обращение' });
    await editor.waitFor();
    expect(await editor.getByRole('textbox', { name: 'Тема' }).inputValue()).toBe(subject);
    await editor.getByRole('combobox', { name: 'Важность' }).click();
    await page.getByRole('option', { name: 'Критическая', exact: true }).click();
    const patched = page.waitForResponse(
      (res) => res.url().endsWith(`/api/v1/claims/${claimId}`) && res.request().method() === 'PATCH',
    );
    await editor.getByTestId('claim-form-submit').click();
    expect((await patched).status()).toBe(200);
    await editor.waitFor({ state: 'detached' });
    await drawer.getByText('Критическая').first().waitFor();
    expect(await drawer.getByTestId('claim-status').textContent()).toBe('В работе');

    await drawer.getByTestId('claim-action-resolve').click();
    await drawer.getByTestId('claim-transition-confirm').click();
    await drawer.getByText('Опишите решение — его увидят все, кто откроет карточку клиента').waitFor();
    expect(await drawer.getByTestId('claim-status').textContent()).toBe('В работе');
    await drawer.getByRole('textbox', { name: 'Решение: что сделано для клиента' }).fill(resolution);
    await drawer.getByTestId('claim-transition-confirm').click();
    await expect.poll(() => drawer.getByTestId('claim-status').textContent()).toBe('Решена');

    const history = drawer.getByTestId('claim-history-item');
    await expect.poll(() => history.count()).toBe(3);
    expect(await history.nth(1).innerText()).toContain('Новая → В работе');
    expect(await history.nth(2).innerText()).toContain('В работе → Решена');
    expect(await history.nth(2).innerText()).toContain(resolution);
    await drawer.getByText('Время решения').waitFor();
    await drawer.getByTestId('claim-action-reopen').waitFor(); // the only step left from «Решена»
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'claims-resolved-drawer');

    const claim = await apiGet<Claim>(page, `/claims/${claimId}`);
    expect(claim).toMatchObject({ status: 'resolved', daysToResolve: 0 });
    expect(claim.history.map((e) => e.toStatus)).toEqual(['new', 'in_progress', 'resolved']);
    expect(claim.history[2]!.note).toBe(resolution);

    // Closed, the client's tab lists it as resolved.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    const row = page.locator(`[data-testid="claim-row"][data-claim-id="${claimId}"]`);
    await expect.poll(() => row.getByTestId('claim-status').textContent()).toBe('Решена');
    expect(s.pageErrors).toEqual([]);
  });

  it('shows the claim on the company-wide page, with the summary and a link to the client card', async () => {
    const { page } = s;
    await page.goto('/claims');
    await page.getByRole('heading', { level: 1, name: 'Претензии и пожелания' }).waitFor();
    await page.getByTestId('claims-summary').waitFor();
    await page.getByTestId('claims-categories').getByText('Доставка').first().waitFor();
    expect(Number(await page.getByTestId('claims-received-value').innerText())).toBeGreaterThanOrEqual(1);

    const answered = page.waitForResponse((res) => {
      const url = new URL(res.url());
      return url.pathname === '/api/v1/claims' && url.searchParams.get('q') === subject;
    });
    await page.getByTestId('claims-filter-q').fill(subject);
    await answered;
    const row = page.locator(`[data-testid="claim-row"][data-claim-id="${claimId}"]`);
    await row.waitFor();
    expect(await page.getByTestId('claim-row').count()).toBe(1);
    expect(await row.getByTestId('claim-status').textContent()).toBe('Решена');
    await row.getByTestId('claim-client').filter({ hasText: clientName }).waitFor();
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'claims-page');

    await row.getByTestId('claim-open').click();
    const drawer = page.getByRole('dialog', { name: `Обращение № ${claimId}` });
    await drawer.getByText(resolution).first().waitFor();
    expect(await drawer.getByTestId('claim-history-item').count()).toBe(3);
    await drawer.getByTestId('claim-client-link').click();
    await page.waitForURL((url) => url.pathname === `/clients/${clientId}` && url.searchParams.get('tab') === 'claims');
    await page.getByRole('heading', { level: 1, name: clientName }).waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});
