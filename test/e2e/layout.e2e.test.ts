/**
 * The layout at the two widths people use most (1280×800 and 1440×900): wide tables scroll inside
 * themselves with the first column pinned and nothing cut off, tab bars and the header stay on one
 * line, calendar entries can be read in full; the one date field in the app's language; charts that
 * mark the running quarter, keep the reference label off the bars, use even ticks and one precision.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiGet, screenshot, settled, untranslated, useBrowserSession } from './browser.js';
import { screenshotsDir } from './paths.js';

type Page1<T> = { items: T[]; total: number };
type Contact = { id: number; clientId: number; fullName: string };
type Box = { x: number; y: number; width: number; height: number };

const sizes = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;

/** The page itself never scrolls sideways: whatever is wide scrolls inside its own frame. */
async function expectNoPageOverflow(page: Page): Promise<void> {
  const [scroll, client] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scroll).toBeLessThanOrEqual(client);
}

/** The scrolling frame (WideTable) around a table. */
const frameOf = (table: Locator) => table.locator('xpath=ancestor::*[@data-wide-table][1]');

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not rendered');
  return b;
}

/** Whether the element is what a click at its centre would hit (not under the pinned column or a shadow). */
async function hitAtCentre(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const r = element.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === element || element.contains(hit));
  });
}

/**
 * The table's last column reached by scrolling the table itself: `target` (in that column) ends up
 * inside the frame's visible width and clickable, and the first column stays where it was.
 */
async function expectReachableByScrolling(table: Locator, target: Locator, firstCell: Locator): Promise<void> {
  const frame = frameOf(table);
  const firstBefore = await box(firstCell);
  await frame.evaluate((e) => (e.scrollLeft = e.scrollWidth));
  await expect.poll(() => frame.evaluate((e) => e.scrollLeft + e.clientWidth >= e.scrollWidth - 1)).toBe(true);
  const visible = await box(frame);
  const b = await box(target);
  expect(b.x).toBeGreaterThanOrEqual(visible.x - 1);
  expect(b.x + b.width).toBeLessThanOrEqual(visible.x + visible.width + 1);
  expect(await hitAtCentre(target)).toBe(true);
  // The first column is pinned: scrolling left it in place.
  expect(Math.abs((await box(firstCell)).x - firstBefore.x)).toBeLessThan(1);
}

/** A tab list is one line: every tab on the same line, the list no higher than one tab. */
async function expectOneLine(list: Locator): Promise<void> {
  const tabs = list.getByRole('tab');
  const tops = new Set<number>();
  let tallest = 0;
  for (const b of await tabs.evaluateAll((all) => all.map((t) => t.getBoundingClientRect().toJSON() as Box))) {
    tops.add(Math.round(b.y));
    tallest = Math.max(tallest, b.height);
  }
  expect(tops.size).toBe(1);
  expect((await box(list)).height).toBeLessThan(tallest * 1.5);
}

/** The selected tab lies within the visible part of its list. */
async function expectSelectedInView(list: Locator): Promise<void> {
  const visible = await box(list);
  const b = await box(list.locator('[role="tab"][aria-selected="true"]'));
  expect(b.x).toBeGreaterThanOrEqual(visible.x - 1);
  expect(b.x + b.width).toBeLessThanOrEqual(visible.x + visible.width + 1);
}

/** A close-up of the window around a field and its dropdown (a full-page shot makes them too small to judge). */
async function closeUp(page: Page, field: Locator, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  const b = await box(field);
  const viewport = page.viewportSize()!;
  const x = Math.max(0, Math.min(b.x - 40, viewport.width - 480));
  const y = Math.max(0, b.y - 40);
  await page.screenshot({
    path: path.join(screenshotsDir, `${name}.png`),
    clip: { x, y, width: Math.min(480, viewport.width - x), height: Math.min(420, viewport.height - y) },
    animations: 'disabled',
  });
}

/** The text of a chart's axis ticks. */
const ticks = (chart: Locator, axis: 'x' | 'y') =>
  chart
    .locator(`.recharts-${axis}Axis-tick-labels .recharts-cartesian-axis-tick-value`)
    .evaluateAll((all) => all.map((t) => t.textContent ?? ''));

describe('layout at 1280 and 1440 px', () => {
  const s = useBrowserSession();
  let contact: Contact;

  beforeAll(async () => {
    contact = (await apiGet<Page1<Contact>>(s.page, '/contacts?pageSize=1')).items[0]!;
  });

  for (const size of sizes) {
    describe(`${size.width}×${size.height}`, () => {
      const name = (what: string) => `layout-${size.width}-${what}`;

      beforeAll(async () => {
        await s.page.setViewportSize(size);
      });

      it('the 12-column client list scrolls inside itself, the client column pinned, the last column reachable', async () => {
        const { page } = s;
        await page.goto('/clients');
        const table = page.getByTestId('figures-table');
        await table.locator('tbody tr').first().waitFor();
        await settled(page);
        await expectNoPageOverflow(page);
        const headers = table.locator('thead th');
        expect(await headers.count()).toBeGreaterThanOrEqual(12);
        const frame = frameOf(table);
        // At these widths the twelve columns are wider than the page: the table scrolls, with a visible scrollbar.
        expect(await frame.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
        expect(await frame.evaluate((e) => getComputedStyle(e).overflowX)).toBe('auto');
        expect(await frame.getAttribute('role')).toBe('region');
        await screenshot(page, name('clients'));
        await expectReachableByScrolling(table, headers.last(), headers.first());
        const firstName = table.locator('tbody tr').first().locator('td').first();
        expect(await hitAtCentre(firstName)).toBe(true);
        await screenshot(page, name('clients-scrolled'));
        expect(s.pageErrors).toEqual([]);
      });

      it('the card\'s contacts: "Удалить" in the last column is reached by scrolling the table', async () => {
        const { page } = s;
        await page.goto(`/clients/${contact.clientId}?tab=contacts`);
        const table = page.getByRole('table', { name: 'Контактные лица' });
        await table.waitFor();
        await settled(page);
        await expectNoPageOverflow(page);
        const row = table.getByRole('row').filter({ hasText: contact.fullName });
        const remove = row.getByRole('button', { name: `Удалить контакт ${contact.fullName}` });
        await expectReachableByScrolling(table, remove, row.getByRole('cell').first());
        await screenshot(page, name('contacts-scrolled'));
        // The button works where it is: its confirmation opens.
        await remove.click();
        const confirm = page.getByRole('dialog', { name: 'Удалить контакт?' });
        await confirm.waitFor();
        await confirm.getByRole('button', { name: 'Отмена' }).click();
        await confirm.waitFor({ state: 'detached' });
      });

      it('the insignificant clients: every column reachable, the page never wider than the window', async () => {
        const { page } = s;
        await page.goto('/analytics/insignificant');
        const table = page.getByTestId('figures-table');
        await table.locator('tbody tr').first().waitFor();
        await settled(page);
        await expectNoPageOverflow(page);
        const headers = table.locator('thead th');
        await expectReachableByScrolling(table, headers.last(), headers.first());
        await screenshot(page, name('insignificant-scrolled'));
      });

      it('tab bars stay one line high; the selected tab is scrolled into view and the others are a click away', async () => {
        const { page } = s;
        // The card's last tab, opened from the address.
        await page.goto(`/clients/${contact.clientId}?tab=history`);
        const cardTabs = page.getByRole('tablist', { name: 'Разделы карточки клиента' });
        await cardTabs.waitFor();
        await settled(page);
        await expectOneLine(cardTabs);
        await expectSelectedInView(cardTabs);
        await expectNoPageOverflow(page);
        await screenshot(page, name('card-tabs-last'));
        // Fourteen tabs are wider than 1440 px: the first ones are hidden to the left, with a button to bring them back.
        const back = page.getByRole('button', { name: 'Показать предыдущие вкладки' });
        await back.click();
        await back.click();
        await back.click();
        await expect.poll(() => hitAtCentre(page.getByTestId('card-tab-analytics'))).toBe(true);
        await page.getByTestId('card-tab-analytics').click();
        await page.waitForURL(
          (url) => url.searchParams.get('tab') === null || url.searchParams.get('tab') === 'analytics',
        );
        await expectSelectedInView(cardTabs);

        await page.goto('/analytics/settings');
        const analyticsTabs = page.getByRole('tablist', { name: 'Разделы аналитики' });
        await analyticsTabs.waitFor();
        await settled(page);
        await expectOneLine(analyticsTabs);
        await expectSelectedInView(analyticsTabs);
        await screenshot(page, name('analytics-tabs'));
      });

      it('the header keeps its links on one line and its account button whole', async () => {
        const { page } = s;
        await page.goto('/');
        await page.getByTestId('nav-audit').waitFor();
        const links = page.locator('header nav a');
        const heights = await links.evaluateAll((all) => all.map((a) => a.getBoundingClientRect().height));
        const single = Math.min(...heights);
        for (const h of heights) expect(h).toBeLessThan(single * 1.5);
        const account = page.getByTestId('account-menu');
        expect(await account.evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true);
        const b = await box(account);
        expect(b.x + b.width).toBeLessThanOrEqual(size.width);
        await expectNoPageOverflow(page);
      });

      it('a calendar entry cut short shows its whole text on hover and its details on a click', async () => {
        const { page } = s;
        await page.goto('/calendar?people=all');
        await page.getByTestId('calendar-grid').waitFor();
        await settled(page);
        await expectNoPageOverflow(page);
        const events = page.locator('[data-testid^="event-"]');
        await events.first().waitFor();
        // An entry whose text does not fit its two lines.
        const index = await events.evaluateAll((all) =>
          all.findIndex((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1),
        );
        expect(index).toBeGreaterThanOrEqual(0);
        const entry = events.nth(index);
        const full = (await entry.textContent())!.trim();
        await entry.hover();
        const tooltip = page.getByRole('tooltip').filter({ hasText: full });
        await tooltip.waitFor();
        expect((await tooltip.innerText()).trim()).toBe(full);
        await screenshot(page, name('calendar-tooltip'));
        await entry.click();
        await page.getByRole('dialog').waitFor();
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'hidden' });
      });
    });
  }

  describe('dates in the language of the app', () => {
    beforeAll(async () => {
      await s.page.setViewportSize({ width: 1280, height: 800 });
    });

    it('no native date input is left: claims, lost clients, the audit log and the call form use the one date field', async () => {
      const { page } = s;
      for (const path of ['/claims', '/analytics/losses', '/audit']) {
        await page.goto(path);
        await page.locator('input[data-dates-input]').first().waitFor();
        await settled(page);
        expect(await page.locator('input[type="date"], input[type="datetime-local"]').count()).toBe(0);
        for (const value of await page
          .locator('input[data-dates-input]')
          .evaluateAll((all) => all.map((i) => (i as HTMLInputElement).value))) {
          expect(value).toMatch(/^(\d\d\.\d\d\.\d{4})?$/);
        }
      }
      await page.goto(`/clients/${contact.clientId}`);
      await page.getByRole('button', { name: 'Добавить взаимодействие' }).click();
      const dialog = page.getByRole('dialog', { name: 'Новое взаимодействие' });
      const when = dialog.getByRole('textbox', { name: 'Дата и время' });
      expect(await when.inputValue()).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d$/);
      await when.fill('05.12.2026 09:30');
      await dialog.getByRole('combobox', { name: 'Вид' }).click();
      expect(await when.inputValue()).toBe('05.12.2026 09:30');
      await page.keyboard.press('Escape');
      await closeUp(page, when, 'dates-call-form');
      await dialog.getByRole('button', { name: 'Отмена' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(s.pageErrors).toEqual([]);
    });

    it('shows DD.MM.YYYY in Russian, takes a typed date, says what is not a date, and a calendar from Monday', async () => {
      const { page } = s;
      await page.goto('/claims');
      const from = page.getByTestId('claims-period-from');
      await from.waitFor();
      await settled(page);
      expect(await from.inputValue()).toMatch(/^\d\d\.\d\d\.\d{4}$/);
      await from.fill('15.03.2026');
      await page.waitForURL((url) => url.searchParams.get('from') === '2026-03-15');
      await from.press('Tab');
      // (The address changes before the page re-renders with it: poll, the field follows within a frame.)
      await expect.poll(() => from.inputValue()).toBe('15.03.2026');
      // The calendar, in Russian, weeks from Monday, on the chosen month.
      await page.keyboard.press('Escape');
      await from.click();
      const dropdown = page.locator('[data-dates-dropdown]').filter({ hasText: /март 2026/i });
      await dropdown.waitFor();
      expect((await dropdown.locator('th').first().innerText()).toLowerCase()).toBe('пн');
      await closeUp(page, from, 'dates-ru-calendar');
      await dropdown.getByRole('button', { name: /^20 марта 2026/ }).click();
      await page.waitForURL((url) => url.searchParams.get('from') === '2026-03-20');
      await expect.poll(() => from.inputValue()).toBe('20.03.2026');
      // Not a date: said under the field, in Russian, and the filter is not left on a date the field does not show.
      await from.fill('31.02.2026');
      await from.press('Tab');
      await page.getByText('«31.02.2026» — не дата: введите ДД.ММ.ГГГГ').waitFor();
      await page.waitForURL((url) => url.searchParams.get('from') === null);
      await closeUp(page, from, 'dates-ru-invalid');
      expect(await untranslated(page)).toEqual([]);
    });

    it('shows DD/MM/YYYY in English, as every English table does, and takes a typed date', async () => {
      const { page } = s;
      await page.evaluate(() => localStorage.setItem('rapport.language', 'en'));
      try {
        await page.goto('/claims?from=2026-03-15');
        const from = page.getByTestId('claims-period-from');
        await from.waitFor();
        await settled(page);
        expect(await from.inputValue()).toBe('15/03/2026');
        await from.fill('20/04/2026');
        await page.waitForURL((url) => url.searchParams.get('from') === '2026-04-20');
        await from.click();
        const dropdown = page.locator('[data-dates-dropdown]').filter({ hasText: /april 2026/i });
        await dropdown.waitFor();
        expect((await dropdown.locator('th').first().innerText()).toLowerCase()).toBe('mo');
        await closeUp(page, from, 'dates-en-calendar');
        await page.keyboard.press('Escape');
        await from.fill('2026-02-30');
        await from.press('Tab');
        await page.getByText('“2026-02-30” is not a date: type DD/MM/YYYY').waitFor();
        expect(await untranslated(page)).toEqual([]);
      } finally {
        await page.evaluate(() => localStorage.setItem('rapport.language', 'ru'));
      }
    });
  });

  describe('charts', () => {
    beforeAll(async () => {
      await s.page.setViewportSize({ width: 1280, height: 800 });
    });

    it('retention: the running quarter is pale and dashed, named under the chart, and the reference label is clear of the bars', async () => {
      const { page } = s;
      for (const size of sizes) {
        await page.setViewportSize(size);
        await page.goto('/analytics/retention');
        const chart = page.getByTestId('retention-chart');
        await chart.locator('.recharts-bar-rectangle').first().waitFor();
        await settled(page);
        const bars = chart.locator('.recharts-bar-rectangle path');
        const dashed = await bars.evaluateAll((all) => all.filter((p) => p.getAttribute('stroke-dasharray')).length);
        expect(dashed).toBe(1);
        expect(await page.getByTestId('retention-chart-running').innerText()).toMatch(
          /^\d кв\. \d{4} — квартал не закончен/,
        );
        const label = chart.locator('text.recharts-label', { hasText: /^Ориентир 70\s%$/ });
        const l = await box(label);
        for (const b of await bars.evaluateAll((all) => all.map((p) => p.getBoundingClientRect().toJSON() as Box))) {
          const overlaps = l.x < b.x + b.width && b.x < l.x + l.width && l.y < b.y + b.height && b.y < l.y + l.height;
          expect(overlaps).toBe(false);
        }
        // One precision in the table's retention column: "82,0 %", never "82 %" beside "82,8 %".
        const rates = await page.getByTestId('retention-table').locator('tbody tr td:nth-child(4)').allInnerTexts();
        for (const rate of rates) expect(rate.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/^\d+,\d %$/);
        await screenshot(page, `charts-retention-${size.width}`);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    it('cohorts: the cells of the running quarter are marked and explained', async () => {
      const { page } = s;
      await page.goto('/analytics/cohorts');
      await page.getByTestId('cohorts-table').waitFor();
      await settled(page);
      expect(await page.locator('[data-testid="cohorts-table"] [data-running]').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('cohorts-running').innerText()).toMatch(/^\d кв\. \d{4} — квартал не закончен/);
      for (const cell of await page.locator('[data-testid="cohorts-table"] td div').allInnerTexts()) {
        expect(cell.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/^\d+,\d %$/);
      }
      await screenshot(page, 'charts-cohorts');
    });

    it('the whale curve has even ticks (0/20/40/…), never 0/30/60/90/110', async () => {
      const { page } = s;
      await page.goto('/analytics/whale');
      const chart = page.getByTestId('whale-chart');
      await chart.locator('.recharts-line').first().waitFor();
      await settled(page);
      const values = (await ticks(chart, 'y')).map((t) => Number(t.replace(/[^\d−-]/g, '').replace('−', '-')));
      expect(values.length).toBeGreaterThanOrEqual(5);
      const steps = new Set(values.slice(1).map((v, i) => v - values[i]!));
      expect(steps.size).toBe(1);
      const step = [...steps][0]!;
      expect([10, 20, 25, 50]).toContain(step);
      expect(values).toContain(0);
      expect(values).toContain(100);
      await screenshot(page, 'charts-whale');
    });

    it('satisfaction: the NPS starts at the first period with answers; scores have 2 decimals, the NPS 1', async () => {
      const { page } = s;
      const trends = page.waitForResponse(
        (res) => new URL(res.url()).pathname === '/api/v1/surveys/trends' && res.request().method() === 'GET',
      );
      await page.goto('/analytics/satisfaction');
      const answer = (await (await trends).json()) as { periods: { period: string; nps: number | null }[] };
      const chart = page.getByTestId('satisfaction-nps-chart');
      await chart.locator('.recharts-bar-rectangle').first().waitFor();
      await settled(page);
      const first = answer.periods.find((p) => p.nps !== null)!;
      const m = /^(\d{4})-(\d{2})/.exec(first.period)!;
      const firstLabel = `${Math.floor((Number(m[2]) - 1) / 3) + 1} кв. ${m[1]}`;
      expect((await ticks(chart, 'x'))[0]).toBe(firstLabel);
      const table = page.getByTestId('satisfaction-periods');
      const rows = table.locator('tbody tr');
      for (const row of await rows.all()) {
        const cells = await row.locator('td').allInnerTexts();
        // Period, answers, six dimensions, the average, the NPS.
        for (const score of cells.slice(2, -1)) expect(score).toMatch(/^(\d,\d\d|—)$/);
        expect(cells.at(-1)!).toMatch(/^([+−]\d+,\d|0,0|—)$/);
      }
      await screenshot(page, 'charts-satisfaction');
    });

    it('writes negative money with the minus sign, never a hyphen', async () => {
      const { page } = s;
      await page.goto('/');
      await page.getByTestId('dashboard-top-loss').locator('tbody tr').first().waitFor();
      await settled(page);
      const text = await page.getByTestId('dashboard-top-loss').innerText();
      expect(text).toMatch(/\u2212\d/);
      expect(text).not.toMatch(/(^|\s)-\d/m);
      expect(await page.locator('body').innerText()).not.toMatch(
        /(^|\s)-\d[\d\s\u00a0\u202f]*(,\d+)?\s*(млн|тыс|₽|%)/m,
      );
    });
  });
});
