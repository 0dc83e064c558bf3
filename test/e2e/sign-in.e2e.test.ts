import { describe, expect, it } from 'vitest';
import { baseUrl, credentials, parseCount, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

describe('sign in', () => {
  const s = useBrowserSession({ signedIn: false });

  it('signs in through the form (Russian by default) and lands on the dashboard with its figures', async () => {
    const { page } = s;
    await page.goto('/');
    // Not signed in: the app sends us to the sign-in page, remembering where we were going.
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'sign-in');

    // An empty form is refused in the browser, with Russian messages.
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText('Введите адрес электронной почты.').waitFor();

    await page.getByRole('textbox', { name: 'Электронная почта' }).fill(credentials.email);
    await page.getByRole('textbox', { name: 'Пароль' }).fill(credentials.password);
    // The show/hide toggle is labelled in Russian (not Mantine's English default) and tells its state.
    const toggle = page.getByRole('button', { name: 'Показать пароль' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('textbox', { name: 'Пароль' }).getAttribute('type')).toBe('text');
    await toggle.click();
    await page.getByRole('button', { name: 'Войти' }).click();

    await page.waitForURL(`${baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
    const revenue = page.getByTestId('dashboard-revenue-value');
    await revenue.waitFor();
    await settled(page);

    // The headline figures: money with the rouble sign, and the retention / significant-clients cards.
    expect(await page.getByTestId('dashboard-revenue').innerText()).toContain('Выручка');
    expect(await revenue.innerText()).toMatch(/\d.*₽/);
    expect(await page.getByTestId('dashboard-profit-value').innerText()).toMatch(/\d.*₽/);
    expect(await page.getByTestId('dashboard-retention-value').innerText()).toMatch(/\d+(,\d+)?\s*%/);
    await page.getByTestId('dashboard-significant-value').waitFor();
    // The ladder lists the 300 demo clients by stage; the top-5 tables are filled.
    const ladder = await page
      .getByTestId('dashboard-ladder')
      .locator('[data-testid^="dashboard-ladder-"]')
      .allInnerTexts();
    expect(ladder.length).toBeGreaterThanOrEqual(5);
    expect(ladder.map((row) => parseCount(/(\d+)\s*·/.exec(row)?.[1] ?? 'none')).reduce((a, b) => a + b, 0)).toBe(300);
    expect(await page.getByTestId('dashboard-top-profitable').getByRole('row').count()).toBe(6);

    // Russian throughout: the navigation, and no i18n key shown instead of its text.
    const nav = page.getByRole('navigation', { name: 'Основная навигация' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      'Обзор',
      'Клиенты',
      'Аналитика',
      'Календарь',
      'Претензии',
      'Импорт',
      'Журнал изменений',
      'Настройки',
    ]);
    expect(await untranslated(page)).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    await screenshot(page, 'dashboard');
  });
});
