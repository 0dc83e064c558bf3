import type { Locator, Page, Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiGet,
  apiWrite,
  listAfter,
  listSettled,
  parseCount,
  screenshot,
  settled,
  untranslated,
  useBrowserSession,
} from './browser.js';

type LegalEntity = {
  id: number;
  clientId: number;
  inn: string | null;
  kpp: string | null;
  fullName: string;
  updatedAt: string;
};
type Page1<T> = { items: T[]; total: number };
type ClientAnalytics = { figures: { interactions: number; managerMinutes: number } };

/** "Время менеджеров (8 ч 17 мин)" in the analytics panel's cost-to-serve block → 497 (0 when the block says there are no costs). */
async function managerMinutesShown(page: Page): Promise<number> {
  const costs = page.getByTestId('client-analytics-costs');
  await costs.waitFor();
  const row = page.getByTestId('client-analytics-cost-managerTime');
  if ((await row.count()) === 0) {
    expect(await costs.innerText()).toContain('Затрат на обслуживание за период нет');
    return 0;
  }
  const m = /Время менеджеров \(([\d\s\u00a0\u202f]+) ч (\d+) мин\)/.exec(await row.innerText());
  if (!m) throw new Error(`no manager time in "${await row.innerText()}"`);
  return parseCount(m[1]!) * 60 + Number(m[2]);
}

/** The error message a form field points at (Mantine links it with aria-describedby "…-error"). */
async function errorUnder(field: Locator): Promise<string> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const id = (await field.getAttribute('aria-describedby'))?.split(/\s+/).find((ref) => ref.endsWith('-error'));
  if (!id) throw new Error('the field points at no error message');
  return field.page().locator(`[id="${id}"]`).innerText();
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

    await listAfter(
      page,
      () => page.getByRole('searchbox', { name: 'Поиск' }).fill(entity.inn!),
      (q) => q.get('q') === entity.inn,
    );
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

  it('edits a legal entity in the card: an ИНН with a wrong check digit is refused under the field, in Russian, and nothing is saved', async () => {
    const { page } = s;
    const invalid = '7707083890'; // Сбербанк's 7707083893 with the last (check) digit changed
    await page.goto(`/clients/${entity.clientId}?tab=legalEntities`);
    const block = page.getByRole('region', { name: entity.fullName });
    await block.getByText(entity.inn!, { exact: true }).waitFor();
    const writes: string[] = [];
    const onRequest = (req: Request) => {
      if (req.method() !== 'GET' && new URL(req.url()).pathname.startsWith('/api/v1/legal-entities'))
        writes.push(`${req.method()} ${req.url()}`);
    };
    page.on('request', onRequest);

    // The entity's card turns into its form, filled with the requisites.
    await block.getByRole('button', { name: `Изменить юрлицо ${entity.fullName}` }).click();
    const form = block.getByRole('form', { name: `Изменение юрлица ${entity.fullName}` });
    const inn = form.getByRole('textbox', { name: 'ИНН', exact: true });
    expect(await inn.inputValue()).toBe(entity.inn);

    // The check digit is checked in the browser: the reason shows under the ИНН field (its
    // aria-describedby), in Russian, and nothing is sent.
    await inn.fill(invalid);
    await form.getByRole('button', { name: 'Сохранить', exact: true }).click();
    expect(await errorUnder(inn)).toMatch(
      /^Контрольная цифра ИНН не сходится с остальными — скорее всего, это опечатка/,
    );
    expect(await inn.getAttribute('aria-invalid')).toBe('true');
    expect(writes).toEqual([]);
    await screenshot(page, 'client-card-legal-entity-invalid-inn');

    // Typing in the field clears its error; what only the server checks (an ОГРН that does not fit
    // the kind of ИНН) comes back as problem+json and lands under its field as well.
    await inn.fill(entity.inn!);
    await expect.poll(() => inn.getAttribute('aria-invalid')).not.toBe('true');
    const ogrn = form.getByRole('textbox', { name: 'ОГРН', exact: true });
    await ogrn.fill(entity.inn!.length === 10 ? '304770200000110' : '1027700132195'); // valid ОГРНИП / ОГРН of the other kind
    const answered = page.waitForResponse(
      (res) => new URL(res.url()).pathname === `/api/v1/legal-entities/${entity.id}`,
    );
    await form.getByRole('button', { name: 'Сохранить', exact: true }).click();
    expect((await answered).status()).toBe(400);
    expect(await errorUnder(ogrn)).toMatch(/^у (организации|ИП) \(ИНН из 1[02] цифр\)/);
    expect(writes).toHaveLength(1);

    // Cancel: the card shows the stored requisites again, and so does a reload.
    await form.getByRole('button', { name: 'Отмена', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await block.getByText(entity.inn!, { exact: true }).waitFor();
    await page.reload();
    await block.getByText(entity.inn!, { exact: true }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain(invalid);
    const after = await apiGet<LegalEntity>(page, `/legal-entities/${entity.id}`);
    expect(after).toMatchObject({ inn: entity.inn, updatedAt: entity.updatedAt });
    page.off('request', onRequest);
    await screenshot(page, 'client-card-legal-entities');
    expect(s.pageErrors).toEqual([]);
  });

  it("warns when a legal entity gets another client's ИНН and КПП, links to that client, saves anyway, and lists the pair", async () => {
    const { page } = s;
    const clients = await apiGet<Page1<{ id: number; name: string }>>(page, '/clients?pageSize=2&sort=name');
    const other = clients.items.find((c) => c.id !== entity.clientId)!;
    const fullName = `e2e Дубль ${Date.now()}`;
    await page.goto(`/clients/${other.id}?tab=legalEntities`);
    await page.getByRole('button', { name: 'Добавить юрлицо' }).click();
    const form = page.getByRole('form', { name: 'Новое юрлицо' });
    await form.getByRole('textbox', { name: 'Полное наименование' }).fill(fullName);
    await form.getByRole('textbox', { name: 'ИНН', exact: true }).fill(entity.inn!);
    if (entity.kpp) await form.getByRole('textbox', { name: 'КПП', exact: true }).fill(entity.kpp);
    const refused = page.waitForResponse(
      (res) => new URL(res.url()).pathname === '/api/v1/legal-entities' && res.request().method() === 'POST',
    );
    await form.getByRole('button', { name: 'Сохранить', exact: true }).click();
    expect((await refused).status()).toBe(409);

    // The warning names the client that has these requisites, as a link to its card, and offers to save anyway.
    const warning = form.getByTestId('legal-entity-duplicate');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('Такие реквизиты уже есть у другого клиента');
    const link = warning.getByRole('link', { name: clientName });
    expect(await link.getAttribute('href')).toBe(`/clients/${entity.clientId}?tab=legalEntities`);
    await screenshot(page, 'client-card-legal-entity-duplicate');
    const saved = page.waitForResponse(
      (res) => new URL(res.url()).pathname === '/api/v1/legal-entities' && res.request().method() === 'POST',
    );
    await warning.getByRole('button', { name: 'Сохранить всё равно' }).click();
    expect((await saved).status()).toBe(201);
    await form.waitFor({ state: 'detached' });
    const created = (
      await apiGet<Page1<LegalEntity>>(page, `/legal-entities?clientId=${other.id}&pageSize=200`)
    ).items.find((le) => le.fullName === fullName)!;
    expect(created).toMatchObject({ inn: entity.inn, kpp: entity.kpp });

    try {
      // Clients → "Одинаковые реквизиты": the two clients in one group, each opening its card.
      await page.goto('/clients');
      await page.getByTestId('clients-duplicates-link').click();
      await page.getByRole('heading', { level: 1, name: 'Клиенты с одинаковыми реквизитами' }).waitFor();
      const group = page.getByTestId(`duplicates-${entity.inn}-${entity.kpp ?? ''}`);
      await group.waitFor();
      expect(await group.getByRole('link').allInnerTexts()).toEqual(expect.arrayContaining([clientName, other.name]));
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'clients-duplicate-requisites');
    } finally {
      await apiWrite(page, 'delete', `/legal-entities/${created.id}`);
    }
    expect(s.pageErrors).toEqual([]);
  });

  it('adds a contact with roles in the buying decision and a birthday, edits it and deletes it', async () => {
    const { page } = s;
    const name = `e2e Контактов ${Date.now()}`;
    await page.goto(`/clients/${entity.clientId}?tab=contacts`);
    await page.getByRole('button', { name: 'Добавить контакт' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый контакт' });
    await dialog.getByRole('textbox', { name: 'Имя' }).fill(name);
    await dialog.getByRole('combobox', { name: 'Роли в решении о покупке' }).click();
    await page.getByRole('option', { name: 'Принимает решение' }).click();
    await page.getByRole('option', { name: 'Решает об оплате' }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('combobox', { name: 'Влияние' }).click();
    await page.getByRole('option', { name: 'Высокое' }).click();
    const phones = dialog.getByRole('textbox', { name: 'Телефоны' });
    await phones.fill('+7 495 123-45-67, abc');
    await dialog.getByRole('textbox', { name: 'Эл. почта' }).fill('Ivanov@Example.com');
    await dialog.getByRole('textbox', { name: 'День рождения' }).fill('17.05.1980');
    // A phone that is not one is refused under the phones field, in Russian.
    await dialog.getByRole('button', { name: 'Сохранить', exact: true }).click();
    expect(await errorUnder(phones)).toMatch(/^Неверный телефон «abc»/);
    await phones.fill('+7 495 123-45-67\n8 (800) 555-35-35');
    await screenshot(page, 'client-card-add-contact');
    await dialog.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('notification').filter({ hasText: 'Контакт добавлен.' }).waitFor();

    const row = page.getByRole('table', { name: 'Контактные лица' }).getByRole('row').filter({ hasText: name });
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    for (const shown of [
      'Принимает решение',
      'Решает об оплате',
      'Высокое',
      '+7 495 123-45-67',
      '8 (800) 555-35-35',
      'ivanov@example.com',
      '17.05.1980',
    ]) {
      expect(text).toContain(shown);
    }

    await row.getByRole('button', { name: `Изменить контакт ${name}` }).click();
    const edit = page.getByRole('dialog', { name: 'Контактное лицо' });
    await edit.getByRole('textbox', { name: 'Должность' }).fill('Финансовый директор');
    await edit.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await edit.waitFor({ state: 'detached' });
    await row.getByText('Финансовый директор').waitFor();

    await row.getByRole('button', { name: `Удалить контакт ${name}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Удалить контакт?' });
    await confirm.getByRole('button', { name: 'Удалить', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });
    const left = await apiGet<Page1<{ fullName: string }>>(page, `/contacts?clientId=${entity.clientId}&pageSize=200`);
    expect(left.items.map((c) => c.fullName)).not.toContain(name);
    expect(await untranslated(page)).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });

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
    const row = page
      .getByRole('table', { name: 'Последние взаимодействия' })
      .getByRole('row')
      .filter({ hasText: outcome });
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
