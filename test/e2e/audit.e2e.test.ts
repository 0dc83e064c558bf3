import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, screenshot, settled, untranslated, useBrowserSession } from './browser.js';
import { offendingWords, pageText } from './russian.js';

async function apiWrite<T>(page: Page, method: 'post' | 'patch' | 'delete', path: string, data?: unknown): Promise<T> {
  const res = await page.request[method](`/api/v1${path}`, {
    headers: { 'x-rapport-csrf': '1' },
    ...(data ? { data } : {}),
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (res.status() === 204 ? undefined : await res.json()) as T;
}

describe('the audit log', () => {
  const s = useBrowserSession();
  let client: { id: number; name: string; region: string | null; creditLimit: string | null };
  let contactId: number;

  beforeAll(async () => {
    // A demo client from the middle of the list (other browser tests open the first and the last ones).
    const list = await apiGet<{ items: { id: number }[] }>(s.page, '/clients?sort=name&page=150&pageSize=1');
    client = await apiGet(s.page, `/clients/${list.items[0]!.id}`);
    await apiWrite(s.page, 'patch', `/clients/${client.id}`, { region: 'Тестовый регион', creditLimit: '123456.70' });
    contactId = (
      await apiWrite<{ id: number }>(s.page, 'post', '/contacts', {
        clientId: client.id,
        fullName: 'Журналова Ольга Петровна',
        position: 'Главный бухгалтер',
      })
    ).id;
  });

  afterAll(async () => {
    await apiWrite(s.page, 'delete', `/contacts/${contactId}`);
    await apiWrite(s.page, 'patch', `/clients/${client.id}`, {
      region: client.region,
      creditLimit: client.creditLimit,
    });
  });

  it("shows the client's history on its card: who, when, what, and each field as before → after", async () => {
    const { page } = s;
    await page.goto(`/clients/${client.id}?tab=history`);
    const panel = page.getByTestId('client-history');
    await panel.waitFor();
    await settled(page);
    const rows = panel.getByTestId('history-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    // Newest first: the contact, then the card's change.
    const contactRow = rows.nth(0);
    expect(await contactRow.getAttribute('data-entity')).toBe('contact');
    expect(await contactRow.innerText()).toContain('Контактное лицо');
    expect(await contactRow.innerText()).toContain('Журналова Ольга Петровна');
    expect(await contactRow.innerText()).toContain('Должность: Главный бухгалтер');
    const change = rows.nth(1);
    expect(await change.getAttribute('data-action')).toBe('update');
    const text = await change.innerText();
    expect(text.toLowerCase()).toContain('изменение');
    expect(text).toMatch(/Регион: .* → Тестовый регион/);
    expect(text).toMatch(/Кредитный лимит[^:]*: .* → 123[\s\u00a0\u202f]456,70[\s\u00a0\u202f]₽/);
    expect(text).toMatch(/\d{2}\.\d{2}\.\d{4}/);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'client-history');

    await panel.getByTestId('history-filter-entity').click();
    await page.getByRole('option', { name: 'Клиент', exact: true }).click();
    await expect.poll(async () => await rows.first().getAttribute('data-entity')).toBe('client');
  });

  it('the owner has the whole log: filters in the address, export of what is shown', async () => {
    const { page } = s;
    await page.goto('/');
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-page').waitFor();
    await settled(page);
    expect(await page.getByTestId('audit-row').count()).toBeGreaterThanOrEqual(2);
    await page.goto(`/audit?entity=client&clientId=${client.id}`);
    await settled(page);
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(1);
    for (const entity of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-entity'))))
      expect(entity).toBe('client');
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'audit-log');

    const href = await page.getByTestId('audit-export-csv').getAttribute('href');
    expect(href).toContain('format=csv');
    expect(href).toContain(`clientId=${client.id}`);
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const body = (await csv.text()).replace(/^\uFEFF/, '');
    expect(body.split('\r\n')[0]).toBe(
      'Когда (UTC);Кто;Как;Действие;Что;Запись;Код записи;Клиент;Код клиента;Изменения',
    );
    expect(body).toContain('Тестовый регион');
  });

  it('names every value of an import row and of the demo company in Russian: kind, format, mode, outcome', async () => {
    const { page } = s;
    // A client list with one row, the audit test's own client by its name: found, nothing changes.
    const upload = await page.request.post('/api/v1/imports/uploads', {
      headers: { 'x-rapport-csrf': '1', 'content-type': 'text/csv' },
      data: Buffer.from(`Наименование;Регион\r\n${client.name};Тестовый регион\r\n`, 'utf8'),
    });
    expect(upload.status()).toBe(201);
    const { uploadId } = (await upload.json()) as { uploadId: string };
    const job = await apiWrite<{ id: number }>(page, 'post', '/imports', {
      uploadId,
      fileName: 'clients.csv',
      kind: 'clients',
      mapping: ['name', 'region'],
    });
    await expect
      .poll(async () => (await apiGet<{ status: string }>(page, `/imports/${job.id}`)).status, { timeout: 30_000 })
      .toBe('done');

    await page.goto('/audit?entity=import');
    await settled(page);
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    // Every folded list unfolded, so each field is read.
    const more = page.getByRole('button', { name: /^Показать все/ });
    while ((await more.count()) > 0) await more.first().click();
    const imported = await rows.first().innerText();
    expect(imported).toContain('Вид: Клиенты');
    expect(imported).toContain('Формат файла: CSV');
    expect(imported).toContain('Режим: Всё или ничего');
    expect(imported).toMatch(/Записей без изменений: 1/);
    const demo = await rows.filter({ hasText: 'Демо-компания' }).first().innerText();
    expect(demo).toContain('Вид: Демо-компания');
    expect(demo).toMatch(/Клиентов: 300/);
    expect(offendingWords(await pageText(page))).toEqual([]);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'audit-log-imports');

    // A row that points at a person names them, not their number.
    await apiWrite(page, 'post', '/surveys/links', { clientId: client.id, contactId, locale: 'ru' });
    await page.goto(`/clients/${client.id}?tab=history`);
    const latest = page.getByTestId('history-row').first();
    await expect.poll(() => latest.getAttribute('data-entity')).toBe('survey_link');
    expect(await latest.innerText()).toContain('Контактное лицо: Журналова Ольга Петровна');
  });
});
