import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiWrite, newContext, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

/** The users row of `email`, once the list shows it. */
const rowOf = async (page: Page, email: string) => {
  const row = page.getByTestId('users-table').getByRole('row').filter({ hasText: email });
  await row.waitFor();
  return row;
};

/** Opens the actions menu of the user with `email` and clicks `item`. */
async function act(page: Page, email: string, item: string): Promise<void> {
  const row = await rowOf(page, email);
  await row.getByRole('button', { name: /Действия|Actions/ }).click();
  await page.getByTestId(item).click();
}

describe('people and access in the settings', () => {
  const s = useBrowserSession();

  it('adds a user, changes the role, resets the password (they sign in with it), disables them (their session gets 401)', async () => {
    const { page } = s;
    const email = `novikova-${randomUUID().slice(0, 8)}@e2e.rapport`;
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Настройки' }).click();
    await page.waitForURL((url) => url.pathname === '/settings/users');
    await page.getByRole('heading', { level: 1, name: 'Настройки' }).waitFor();
    await page.getByTestId('users-table').waitFor();
    await settled(page);

    // The owner's own row: disabling oneself is greyed out with the reason.
    const me = await rowOf(page, 'admin@rapport.local');
    expect((await me.innerText()).toLowerCase()).toContain('это вы');
    await me.getByRole('button', { name: /Действия/ }).click();
    expect(await page.getByTestId('user-disable').isDisabled()).toBe(true);
    expect(await page.getByTestId('user-disable-reason').innerText()).toBe(
      'Нельзя отключить собственную учётную запись: если это нужно, это сделает другой администратор.',
    );
    expect(await page.getByTestId('user-reset-reason').innerText()).toContain('в меню учётной записи');
    await screenshot(page, 'users-own-menu');
    await page.keyboard.press('Escape');

    // Add a user; the e-mail check happens before sending, the password is generated and shown once.
    await page.getByTestId('users-add').click();
    const add = page.getByRole('dialog', { name: 'Новый пользователь' });
    await add.waitFor();
    await page.getByTestId('user-name').fill('Новикова Дарья');
    await page.getByTestId('user-email').fill('novikova@');
    await page.getByTestId('user-add-submit').click();
    await add.getByText('Это не похоже на адрес электронной почты.').waitFor();
    await page.getByTestId('user-email').fill(email);
    await add.getByRole('combobox', { name: 'Роль' }).click();
    await page.getByRole('option', { name: 'Менеджер', exact: true }).click();
    expect(await add.getByTestId('role-hint').innerText()).toContain('Свои клиенты');
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'users-add-form');
    await page.getByTestId('user-add-submit').click();
    await page.getByTestId('user-added').waitFor();
    const generated = await page.getByTestId('user-generated-password').inputValue();
    expect(generated).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    await screenshot(page, 'users-added-password-once');
    await page.getByTestId('user-added-close').click();
    const row = await rowOf(page, email);
    expect(await row.innerText()).toMatch(
      /Новикова Дарья[\s\S]*временный пароль[\s\S]*Менеджер[\s\S]*Активен[\s\S]*входа не было/i,
    );

    // The same e-mail twice is refused next to the field, in Russian.
    await page.getByTestId('users-add').click();
    await page.getByTestId('user-name').fill('Двойник');
    await page.getByTestId('user-email').fill(email.toUpperCase());
    await page.getByTestId('user-add-submit').click();
    await add.getByText(`В вашей организации уже есть пользователь с адресом ${email}.`).waitFor();
    await add.getByRole('button', { name: 'Отмена' }).click();

    // Change the role: manager → head of sales.
    await act(page, email, 'user-edit');
    const edit = page.getByRole('dialog', { name: 'Учётная запись: Новикова Дарья' });
    await edit.waitFor();
    await edit.getByRole('combobox', { name: 'Роль' }).click();
    await page.getByRole('option', { name: 'Руководитель продаж', exact: true }).click();
    await edit.getByText('Новая роль действует сразу').waitFor();
    await screenshot(page, 'users-edit-role');
    await page.getByTestId('user-edit-submit').click();
    await edit.waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await rowOf(page, email)).getByTestId('user-role').innerText())
      .toBe('Руководитель продаж');

    // She signs in with the generated password, and is asked to choose her own.
    const hers = await newContext(s.browser);
    try {
      expect((await hers.request.post('/api/v1/auth/sign-in', { data: { email, password: generated } })).status()).toBe(
        200,
      );
      const herPage = await hers.newPage();
      await herPage.goto('/settings');
      await herPage.waitForURL((url) => url.pathname === '/settings/users');
      await herPage.getByTestId('temporary-password').waitFor();
      await herPage.getByTestId('users-table').waitFor();
      // A head of sales does not touch an owner: the owner's menu says why.
      const owner = await rowOf(herPage, 'admin@rapport.local');
      await owner.getByRole('button', { name: /Действия/ }).click();
      expect(await herPage.getByTestId('user-actions-reason').innerText()).toBe(
        'Учётную запись владельца может изменить только владелец компании.',
      );
      await settled(herPage);
      await screenshot(herPage, 'users-head-of-sales-temporary-password');
      await herPage.keyboard.press('Escape');

      // Reset her password: a new one is generated; her session ends, the new password signs in.
      await page.bringToFront();
      await act(page, email, 'user-reset');
      const reset = page.getByRole('dialog', { name: 'Сброс пароля: Новикова Дарья' });
      await reset.waitFor();
      await screenshot(page, 'users-reset-form');
      await page.getByTestId('user-reset-submit').click();
      await page.getByTestId('user-reset-done').waitFor();
      expect(await page.getByTestId('user-reset-done').innerText()).toContain('Сеансов завершено: 1');
      const second = await page.getByTestId('user-reset-password').inputValue();
      expect(second).not.toBe(generated);
      await screenshot(page, 'users-reset-done');
      await page.getByTestId('user-reset-close').click();
      expect((await hers.request.get('/api/v1/auth/me')).status()).toBe(401);
      expect((await hers.request.post('/api/v1/auth/sign-in', { data: { email, password: generated } })).status()).toBe(
        401,
      );
      expect((await hers.request.post('/api/v1/auth/sign-in', { data: { email, password: second } })).status()).toBe(
        200,
      );
      expect((await hers.request.get('/api/v1/auth/me')).status()).toBe(200);

      // Disable her (after a confirmation saying what it does): her session answers 401 at once.
      await act(page, email, 'user-disable');
      const confirm = page.getByTestId('user-disable-dialog');
      await confirm.getByText('API-токены будут отозваны').waitFor();
      await screenshot(page, 'users-disable-confirm');
      await page.getByTestId('user-disable-dialog-confirm').click();
      await confirm.waitFor({ state: 'detached' });
      await expect
        .poll(async () => (await rowOf(page, email)).getByTestId('user-state').innerText())
        .toMatch(/^Отключён \d{2}\.\d{2}\.\d{4}$/i);
      expect((await hers.request.get('/api/v1/auth/me')).status()).toBe(401);
      expect((await hers.request.post('/api/v1/auth/sign-in', { data: { email, password: second } })).status()).toBe(
        401,
      );
      // The list shows when she last signed in.
      expect(await (await rowOf(page, email)).innerText()).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
      await page.getByText('Отключённые', { exact: true }).click();
      await settled(page);
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'users-disabled-list');
      await page.getByText('Все', { exact: true }).click();
    } finally {
      await hers.close();
    }
    expect(s.pageErrors).toEqual([]);
  });

  it('issues a token with a lower role, which reads but does not write, shows its last use, and revokes it', async () => {
    const { page } = s;
    await page.goto('/settings/tokens');
    await page.getByRole('heading', { level: 1, name: 'Настройки' }).waitFor();
    await page.getByTestId('tokens-page').waitFor();
    await settled(page);
    await page.getByTestId('tokens-create').click();
    const dialog = page.getByRole('dialog', { name: 'Новый API-токен' });
    await dialog.waitFor();
    await page.getByTestId('token-create-submit').click();
    await dialog.getByText('Укажите название.').waitFor();
    const name = `Отчёт в BI ${randomUUID().slice(0, 4)}`;
    await page.getByTestId('token-name').fill(name);
    // The owner may issue any role; the default is the narrowest.
    expect(await dialog.getByRole('combobox', { name: 'Роль токена' }).inputValue()).toBe('Только просмотр');
    await dialog.getByRole('combobox', { name: 'Роль токена' }).click();
    await page.getByRole('option', { name: 'Аналитик', exact: true }).click();
    await screenshot(page, 'tokens-create-form');
    await page.getByTestId('token-create-submit').click();
    await page.getByTestId('token-created').waitFor();
    const token = await page.getByTestId('token-secret').inputValue();
    expect(token).toMatch(/^rpt_\d+_/);
    await screenshot(page, 'tokens-secret-once');
    await page.getByTestId('token-created-close').click();
    const row = page.getByTestId('tokens-table').getByRole('row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Аналитик[\s\S]*не использовался[\s\S]*Действует/i);

    // The token reads as an analyst and cannot write.
    const outside = await newContext(s.browser);
    try {
      const auth = { authorization: `Bearer ${token}` };
      const me = await outside.request.get('/api/v1/auth/me', { headers: auth });
      expect(me.status()).toBe(200);
      expect((await me.json()).role).toBe('analyst');
      expect((await outside.request.get('/api/v1/clients?pageSize=1', { headers: auth })).status()).toBe(200);
      const write = await outside.request.post('/api/v1/clients', { headers: auth, data: { name: 'ООО «Нельзя»' } });
      expect(write.status()).toBe(403);

      await page.reload();
      await row.waitFor();
      await expect
        .poll(() => row.getByTestId('token-last-used').innerText())
        .toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
      // The owner sees everyone's tokens, with who issued each.
      await page.getByTestId('tokens-scope').getByText('Все пользователи').click();
      await page.getByTestId('tokens-table').getByRole('columnheader', { name: 'Выпустил' }).waitFor();
      await settled(page);
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'tokens-all-users');

      // Revoke, after a confirmation; the token answers 401 from then on.
      await row.getByRole('button', { name: `Отозвать токен «${name}»` }).click();
      const confirm = page.getByTestId('token-revoke-dialog');
      await confirm.getByText('сразу получат отказ (401)').waitFor();
      await screenshot(page, 'tokens-revoke-confirm');
      await page.getByTestId('token-revoke-dialog-confirm').click();
      await confirm.waitFor({ state: 'detached' });
      await row.waitFor({ state: 'detached' });
      expect((await outside.request.get('/api/v1/auth/me', { headers: auth })).status()).toBe(401);
      await page.getByTestId('tokens-with-revoked').check();
      await row.getByText(/^Отозван \d{2}\.\d{2}\.\d{4}$/i).waitFor();
    } finally {
      await outside.close();
    }
    expect(s.pageErrors).toEqual([]);
  });

  it('shows a manager only their own tokens and says why the users page is not theirs', async () => {
    const email = `manager-${randomUUID().slice(0, 8)}@e2e.rapport`;
    const password = 'manager-Password-2026';
    const user = await apiWrite<{ id: number }>(s.page, 'post', '/users', {
      name: 'Менеджеров Олег',
      email,
      role: 'manager',
      password,
    });
    const context = await newContext(s.browser);
    try {
      expect((await context.request.post('/api/v1/auth/sign-in', { data: { email, password } })).status()).toBe(200);
      const page = await context.newPage();
      await page.goto('/settings');
      await page.waitForURL((url) => url.pathname === '/settings/tokens');
      await page.getByTestId('tokens-page').waitFor();
      expect(await page.getByTestId('settings-tab-users').count()).toBe(0);
      expect(await page.getByTestId('tokens-scope').count()).toBe(0);
      await page.getByTestId('tokens-create').click();
      const dialog = page.getByRole('dialog', { name: 'Новый API-токен' });
      // A manager sees only their clients: a token that sees all (analyst, read-only) is not offered.
      await dialog.getByRole('combobox', { name: 'Роль токена' }).click();
      expect(await page.getByRole('option').allInnerTexts()).toEqual(['Менеджер']);
      await page.keyboard.press('Escape');
      await dialog.getByRole('button', { name: 'Отмена' }).click();

      await page.goto('/settings/users');
      await page.getByTestId('users-forbidden').waitFor();
      expect(await page.getByTestId('users-forbidden').innerText()).toContain(
        'Пользователями управляют владелец компании и руководитель продаж. Ваша роль — «Менеджер».',
      );
      expect(await page.getByTestId('users-add').count()).toBe(0);
      await settled(page);
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'users-manager-refused');
    } finally {
      await context.close();
      await apiWrite(s.page, 'patch', `/users/${user.id}`, { disabled: true });
    }
  });

  it('reads in English: the users and tokens pages, with the same guard rails', async () => {
    const { page } = s;
    await page.goto('/settings/users');
    await page.getByRole('radiogroup', { name: 'Язык интерфейса' }).getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByTestId('users-table').waitFor();
    await settled(page);
    const me = await rowOf(page, 'admin@rapport.local');
    expect(await me.innerText()).toMatch(/you[\s\S]*Owner[\s\S]*Active/i);
    expect(await page.getByTestId('users-counts').innerText()).toMatch(/^Active: \d+ · disabled: \d+$/);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'users-en');
    // At 1280 px the navigation (with Settings) and the table still fit.
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await screenshot(page, 'users-en-1280');
    await page.setViewportSize({ width: 1440, height: 900 });
    await me.getByRole('button', { name: /Actions/ }).click();
    expect(await page.getByTestId('user-disable-reason').innerText()).toBe(
      'You cannot disable your own account; another administrator can, if it must be done.',
    );
    await screenshot(page, 'users-own-menu-en');
    await page.keyboard.press('Escape');
    await page.getByTestId('users-add').click();
    await page.getByRole('dialog', { name: 'New user' }).waitFor();
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'users-add-form-en');
    await page.getByRole('dialog', { name: 'New user' }).getByRole('button', { name: 'Cancel' }).click();

    await page.getByTestId('settings-tab-tokens').click();
    await page.getByTestId('tokens-page').waitFor();
    await page.getByTestId('tokens-with-revoked').check();
    await settled(page);
    expect(await page.getByTestId('tokens-table').innerText()).toMatch(/Revoked \d{2}\/\d{2}\/\d{4}/i);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'tokens-en');
    await page.getByRole('radiogroup', { name: 'Interface language' }).getByText('RU', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Настройки' }).waitFor();
    expect(s.pageErrors).toEqual([]);
  });
});
