import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { listSettled, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

const navTexts = (page: Page) => page.locator('header nav a').allInnerTexts();
const storedLanguage = (page: Page) => page.evaluate(() => window.localStorage.getItem('rapport.language'));

describe('the interface language', () => {
  const s = useBrowserSession();

  it('switches to English, keeps it over a reload, and switches back to Russian', async () => {
    const { page } = s;
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
    expect(await navTexts(page)).toEqual([
      'Обзор',
      'Клиенты',
      'Аналитика',
      'Календарь',
      'Претензии',
      'Импорт',
      'Журнал изменений',
      'Настройки',
    ]);
    expect(await storedLanguage(page)).toBeNull();

    await page.getByRole('radiogroup', { name: 'Язык интерфейса' }).getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await navTexts(page)).toEqual([
      'Overview',
      'Clients',
      'Analytics',
      'Calendar',
      'Claims',
      'Import',
      'Audit log',
      'Settings',
    ]);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('radio', { name: 'EN' }).isChecked()).toBe(true);
    expect(await storedLanguage(page)).toBe('en');
    await page.getByTestId('dashboard-revenue').getByText('Revenue').waitFor();
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'dashboard-en');

    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Clients' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await listSettled(page);
    expect(await page.getByTestId('clients-total').innerText()).toMatch(/^Clients found: 300\b/);

    // A reload starts the app afresh: the choice is remembered.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    await listSettled(page);
    expect(await navTexts(page)).toEqual([
      'Overview',
      'Clients',
      'Analytics',
      'Calendar',
      'Claims',
      'Import',
      'Audit log',
      'Settings',
    ]);
    expect(await page.getByRole('searchbox', { name: 'Search' }).count()).toBe(1);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'clients-list-en');

    await page.goto('/analytics/matrix');
    await page.getByRole('heading', { name: 'ABC × XYZ matrix' }).waitFor();
    await page.getByTestId('matrix').waitFor();
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'analytics-matrix-en');

    await page.getByRole('radiogroup', { name: 'Interface language' }).getByText('RU', { exact: true }).click();
    await page.getByRole('heading', { name: 'Матрица ABC × XYZ' }).waitFor();
    expect(await navTexts(page)).toEqual([
      'Обзор',
      'Клиенты',
      'Аналитика',
      'Календарь',
      'Претензии',
      'Импорт',
      'Журнал изменений',
      'Настройки',
    ]);
    expect(await storedLanguage(page)).toBe('ru');
    await page.reload();
    await page.getByRole('heading', { name: 'Матрица ABC × XYZ' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    expect(await navTexts(page)).toEqual([
      'Обзор',
      'Клиенты',
      'Аналитика',
      'Календарь',
      'Претензии',
      'Импорт',
      'Журнал изменений',
      'Настройки',
    ]);
    await screenshot(page, 'analytics-matrix-ru-again');
    expect(s.pageErrors).toEqual([]);
  });
});
