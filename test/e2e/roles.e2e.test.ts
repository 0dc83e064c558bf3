import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiGet,
  apiWrite,
  listSettled,
  newContext,
  parseCount,
  screenshot,
  settled,
  untranslated,
  useBrowserSession,
} from './browser.js';

type Client = { id: number; name: string; ownerUserId: number | null };

/** The number the client list shows ("Найдено клиентов: N"). */
async function clientsShown(page: Page): Promise<number> {
  await page.goto('/clients');
  await page.getByRole('heading', { level: 1, name: 'Клиенты' }).waitFor();
  await listSettled(page);
  return parseCount(await page.getByTestId('clients-total').innerText());
}

describe('roles in the web app', () => {
  const s = useBrowserSession();
  const password = 'manager-Password-2026';
  let manager: { id: number; email: string };
  let own: Client;
  let colleagues: Client;
  let managerContext: BrowserContext;
  let asManager: Page;

  beforeAll(async () => {
    const email = `manager-${randomUUID().slice(0, 8)}@e2e.rapport`;
    manager = {
      id: (
        await apiWrite<{ id: number }>(s.page, 'post', '/users', {
          name: 'Менеджерова Анна',
          email,
          role: 'manager',
          password,
        })
      ).id,
      email,
    };
    const list = await apiGet<{ items: Client[] }>(s.page, '/clients?sort=name&page=100&pageSize=2');
    [own, colleagues] = list.items as [Client, Client];
    await apiWrite(s.page, 'patch', `/clients/${own.id}`, { ownerUserId: manager.id });
    managerContext = await newContext(s.browser);
    const signIn = await managerContext.request.post('/api/v1/auth/sign-in', { data: { email, password } });
    expect(signIn.status()).toBe(200);
    asManager = await managerContext.newPage();
  });

  afterAll(async () => {
    await apiWrite(s.page, 'patch', `/clients/${own.id}`, { ownerUserId: own.ownerUserId });
    await s.page.request.delete(`/api/v1/clients/${colleagues.id}/shares/${manager.id}`, {
      headers: { 'x-rapport-csrf': '1' },
    });
    await apiWrite(s.page, 'patch', `/users/${manager.id}`, { disabled: true });
    await managerContext?.close();
  });

  it('shows a manager only their clients, no import, and a locked owner field', async () => {
    expect(await clientsShown(asManager)).toBe(1);
    expect(await asManager.getByTestId('nav-import').count()).toBe(0);
    await screenshot(asManager, 'roles-manager-clients');

    await asManager.goto('/import');
    await asManager.getByTestId('import-read-only').waitFor();
    expect(await asManager.getByTestId('import-read-only').innerText()).toContain(
      'владелец компании и руководитель отдела продаж',
    );

    await asManager.goto(`/clients/${colleagues.id}`);
    await asManager.getByText('Клиент не найден').waitFor();

    await asManager.goto(`/clients/${own.id}?tab=profile`);
    await settled(asManager);
    const shares = asManager.getByTestId('client-shares');
    await shares.waitFor();
    expect(await shares.innerText()).toContain('Клиент открыт только ответственному менеджеру');
    await asManager.getByTestId('edit-profile').click();
    const ownerField = asManager.getByLabel('Ответственный', { exact: true }).first();
    await ownerField.waitFor();
    expect(await ownerField.isDisabled()).toBe(true);
    expect(await asManager.locator('body').innerText()).toContain(
      'Передать клиента другому менеджеру может только руководитель отдела продаж',
    );
    await screenshot(asManager, 'roles-manager-owner-locked');
    expect(await untranslated(asManager)).toEqual([]);
  });

  it('lets the owner share a client with the manager from its card, and take it back', async () => {
    const { page } = s;
    await page.goto(`/clients/${colleagues.id}?tab=profile`);
    await settled(page);
    expect(await page.getByTestId('nav-import').count()).toBe(1);
    const shares = page.getByTestId('client-shares');
    await shares.waitFor();
    await page.getByTestId('client-share-pick').click();
    await page.getByRole('option', { name: 'Менеджерова Анна' }).click();
    await page.getByTestId('client-share-add').click();
    await expect.poll(() => shares.getByTestId('client-share').count()).toBe(1);
    expect(await shares.innerText()).toContain('Менеджерова Анна');
    await screenshot(page, 'roles-client-shared');

    expect(await clientsShown(asManager)).toBe(2);
    await asManager.goto(`/clients/${colleagues.id}?tab=profile`);
    await asManager.getByTestId('client-shares').waitFor();
    // The manager sees who the client is shared with but cannot change it.
    expect(await asManager.getByTestId('client-share-add').count()).toBe(0);

    await page.getByRole('button', { name: 'Закрыть доступ для Менеджерова Анна' }).click();
    await expect.poll(() => shares.getByTestId('client-share').count()).toBe(0);
    expect(await clientsShown(asManager)).toBe(1);
    expect(await untranslated(page)).toEqual([]);
  });
});
