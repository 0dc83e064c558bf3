import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { apiGet, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

type Task = { id: number; title: string; status: string; dueOn: string; clientId: number | null };
type Page1<T> = { items: T[]; total: number };

async function apiWrite<T>(
  page: Page,
  method: 'post' | 'put' | 'patch' | 'delete',
  path: string,
  data?: unknown,
): Promise<T> {
  const res = await page.request[method](`/api/v1${path}`, {
    headers: { 'x-rapport-csrf': '1' },
    ...(data ? { data } : {}),
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (res.status() === 204 ? undefined : await res.json()) as T;
}

describe('the calendar', () => {
  const s = useBrowserSession();

  afterAll(async () => {
    // The lead time is the demo company's: leave it as it was found.
    await apiWrite(s.page, 'put', '/calendar/settings', { congratulationLeadDays: 7 }).catch(() => undefined);
    await apiWrite(s.page, 'delete', '/calendar/feed').catch(() => undefined);
  });

  it("shows a month of the production calendar with holidays and the clients' professional holidays, linked to the client cards", async () => {
    const { page } = s;
    await page.goto('/calendar?month=2026-06');
    await page.getByRole('heading', { level: 1, name: 'Календарь' }).waitFor();
    await page.getByTestId('calendar-grid').waitFor();
    await settled(page);
    expect(await page.getByTestId('month-title').innerText()).toBe('Июнь 2026');
    // Key figures' dates by default; every contact's birthday on request.
    const keyOnly = await page.locator('[data-testid^="event-birthday:"]').count();
    await page.getByTestId('calendar-all-birthdays').click();
    await page.waitForURL(/people=all/);
    await expect.poll(() => page.locator('[data-testid^="event-birthday:"]').count()).toBeGreaterThan(keyOnly);
    // Weeks start on Monday: June 2026 begins on a Monday.
    expect(await page.getByRole('columnheader').first().innerText()).toMatch(/^пн$/i);
    // 12 June is a holiday and a day off; 11 June a shortened day; Saturday 13 June an ordinary day off.
    expect(await page.getByTestId('day-2026-06-12').getAttribute('data-off')).toBe('true');
    expect(await page.getByTestId('day-2026-06-11').getAttribute('data-shortened')).toBe('true');
    expect(await page.getByTestId('day-2026-06-13').getAttribute('data-off')).toBe('true');
    expect(await page.getByTestId('day-2026-06-10').getAttribute('data-off')).toBe('false');
    await page.getByTestId('event-public_holiday:2026-06-12').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('День России', { exact: true }).waitFor();
    await dialog.getByText('Нерабочий праздничный день (ТК РФ, ст. 112)').waitFor();
    await screenshot(page, 'calendar-june-2026');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Month to month: July, then August with Builders' Day (second Sunday) for the demo builders.
    await page.getByTestId('month-next').click();
    await page.getByTestId('month-next').click();
    await page.waitForURL(/month=2026-08/);
    await page.getByTestId('month-title').filter({ hasText: 'Август 2026' }).waitFor();
    await page.getByTestId('event-professional_holiday:builders_day:2026').click();
    const details = page.getByTestId('details-professional_holiday:builders_day:2026');
    await details.getByText('День строителя', { exact: true }).waitFor();
    await details.getByText(/^Подходит \d+ клиент/).waitFor();
    const firstClient = details.getByRole('link').first();
    const name = await firstClient.innerText();
    await screenshot(page, 'calendar-builders-day');
    await firstClient.click();
    await page.waitForURL(/\/clients\/\d+$/);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(s.pageErrors).toEqual([]);
  });

  it('lists the tasks, marks one done, and keeps the lead time within 0–60 days', async () => {
    const { page } = s;
    await page.goto('/calendar');
    await page.getByTestId('lead-time-panel').waitFor();
    await settled(page);
    const lead = page.getByTestId('lead-days');
    await lead.fill('61');
    await page.getByTestId('lead-days-save').click();
    await page.getByTestId('lead-time-panel').getByText('От 0 до 60 дней').waitFor();
    // A longer lead time brings more congratulations due now; the generator makes them.
    await lead.fill('30');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/calendar/settings') && r.request().method() === 'PUT',
    );
    await page.getByTestId('lead-days-save').click();
    expect((await saved).status()).toBe(200);
    const ran = page.waitForResponse((r) => r.url().endsWith('/api/v1/calendar/congratulation-tasks'));
    await page.getByTestId('run-congratulations').click();
    expect((await ran).status()).toBe(200);

    // The API writes generated titles in the reader's language, as the page asks for them.
    const inLanguage = async <T>(path: string, language: 'ru' | 'en') =>
      (await (await page.request.get(`/api/v1${path}`, { headers: { 'accept-language': language } })).json()) as T;
    const open = await inLanguage<Page1<Task>>('/tasks?scope=all&status=open&pageSize=200', 'ru');
    expect(open.total).toBeGreaterThan(0);
    const panel = page.getByTestId('tasks-panel');
    const first = open.items[0]!;
    const item = panel.getByTestId(`task-${first.id}`);
    await item.waitFor();
    expect(await item.innerText()).toContain(first.title);
    expect(first.title).toMatch(/^Поздравить/);
    expect((await inLanguage<Task>(`/tasks/${first.id}`, 'en')).title).toMatch(/^Congratulate/);
    await screenshot(page, 'calendar-tasks');
    await item.getByTestId('task-done').click();
    await item.waitFor({ state: 'detached' });
    expect((await apiGet<Task>(page, `/tasks/${first.id}`)).status).toBe('done');
    expect(await untranslated(page)).toEqual([]);

    // In English the generated titles read in English, though their manager's language is Russian.
    await page.evaluate(() => window.localStorage.setItem('rapport.language', 'en'));
    await page.reload();
    const second = panel.locator('[data-testid^="task-"]').first();
    await second.waitFor();
    await expect.poll(async () => (await second.innerText()).split('\n')[0]).toMatch(/^Congratulate/);
    expect(await second.innerText()).not.toMatch(/Поздравить|Дата:|подарков/);
    await screenshot(page, 'calendar-tasks-en');
    await page.evaluate(() => window.localStorage.removeItem('rapport.language'));
    await page.reload();
    await panel.waitFor();
    expect(s.pageErrors).toEqual([]);
  });

  it('subscribes to the iCalendar feed, shows the address once, and turns it off', async () => {
    const { page } = s;
    await page.goto('/calendar');
    const panel = page.getByTestId('feed-panel');
    await panel.waitFor();
    await settled(page);
    await panel.getByTestId('feed-subscribe').click();
    const input = panel.getByTestId('feed-url');
    await input.waitFor();
    const url = await input.inputValue();
    expect(url).toMatch(/\/api\/v1\/public\/calendar\/\d+\.[A-Za-z0-9_-]{43}\.ics$/);
    await screenshot(page, 'calendar-feed');
    const feed = await page.request.get(url);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toContain('text/calendar');
    const text = await feed.text();
    expect(text).toContain('BEGIN:VCALENDAR\r\n');
    expect(text).toContain('SUMMARY:День народного единства');
    await panel.getByTestId('feed-revoke').click();
    await panel.getByTestId('feed-subscribe').waitFor();
    expect((await page.request.get(url)).status()).toBe(404);
    expect(s.pageErrors).toEqual([]);
  });
});
