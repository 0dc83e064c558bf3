import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiWrite, newContext, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

/** One's own account from the header: change the password (the current one asked), sign out everywhere. */
describe('the account menu', () => {
  const s = useBrowserSession();

  it("changes one's own password with the current one, then signs out everywhere: sessions, tokens and the feed stop", async () => {
    const email = `account-${randomUUID().slice(0, 8)}@e2e.rapport`;
    const first = 'first-Password-2026';
    const user = await apiWrite<{ id: number }>(s.page, 'post', '/users', {
      name: 'Учётова Ольга',
      email,
      role: 'head_of_sales',
      password: first,
    });
    const context = await newContext(s.browser);
    try {
      expect((await context.request.post('/api/v1/auth/sign-in', { data: { email, password: first } })).status()).toBe(
        200,
      );
      const page = await context.newPage();
      const token = (await apiWrite<{ token: string }>(page, 'post', '/api-tokens', { name: 'выгрузка' })).token;
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();

      await page.getByTestId('account-menu').click();
      await page.getByTestId('account-change-password').click();
      const dialog = page.getByRole('dialog', { name: 'Сменить пароль' });
      await dialog.waitFor();
      // A wrong current password is refused by the server, next to its field, in Russian.
      await page.getByTestId('account-current-password').fill('not-my-password');
      await page.getByTestId('account-new-password').fill('second-Password-2026');
      await page.getByTestId('account-repeat-password').fill('second-Password-2026');
      await page.getByTestId('account-save-password').click();
      await dialog.getByText('Текущий пароль указан неверно').waitFor();
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'account-password-wrong');
      await page.getByTestId('account-current-password').fill(first);
      await page.getByTestId('account-save-password').click();
      await dialog.getByText('Пароль изменён').waitFor();
      await screenshot(page, 'account-password-changed');
      await dialog.getByRole('button', { name: 'Закрыть' }).first().click();
      // This session carries on (a fresh one); the new password signs in elsewhere.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
      const elsewhere = await newContext(s.browser);
      expect(
        (
          await elsewhere.request.post('/api/v1/auth/sign-in', { data: { email, password: 'second-Password-2026' } })
        ).status(),
      ).toBe(200);

      // Sign out everywhere: this page goes to the sign-in form; the other session and the token answer 401 from now on.
      await page.getByTestId('account-menu').click();
      await page.getByTestId('account-sign-out-everywhere').click();
      await page.getByRole('dialog', { name: 'Выйти везде' }).getByText('API-токены').waitFor();
      await screenshot(page, 'account-sign-out-everywhere');
      await page.getByTestId('account-sign-out-everywhere-confirm').click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await settled(page);
      const me = await context.request.get('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
      expect(me.status()).toBe(401);
      expect((await elsewhere.request.get('/api/v1/auth/me')).status()).toBe(401);
      await elsewhere.close();
      expect(s.pageErrors).toEqual([]);
    } finally {
      await context.close();
      await apiWrite(s.page, 'patch', `/users/${user.id}`, { disabled: true });
    }
  });
});
