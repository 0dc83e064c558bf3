import { describe, expect, it } from 'vitest';
import {
  analyticsQuiet,
  listAfter,
  parseCount,
  screenshot,
  settled,
  untranslated,
  useBrowserSession,
} from './browser.js';

const PAGE_SIZE = 50;

describe('the ABC × XYZ matrix', () => {
  const s = useBrowserSession();

  it('opens from the navigation; a cell opens the client list filtered by it, with as many clients as the cell said', async () => {
    const { page } = s;
    // Classes move only in the org-wide refresh: let one started by an earlier write finish first.
    await analyticsQuiet(page);

    await page.goto('/');
    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Аналитика' }).click();
    await page.waitForURL((url) => url.pathname === '/analytics/matrix');
    await page.getByRole('heading', { name: 'Матрица ABC × XYZ' }).waitFor();
    await page.getByTestId('matrix').waitFor();
    await settled(page);

    // Non-empty cells are links (data-testid matrix-cell-<ABC>-<XYZ>); take the smallest with two or more clients.
    const links = page.locator('a[data-testid^="matrix-cell-"]');
    const cells = await links.evaluateAll((els) =>
      els.map((el) => ({
        testId: el.getAttribute('data-testid')!,
        count: el.querySelector('span')?.textContent ?? '',
        label: el.getAttribute('aria-label') ?? '',
      })),
    );
    expect(cells.length).toBeGreaterThan(1);
    const counted = cells.map((c) => ({ ...c, clients: parseCount(c.count) }));
    const byAbc = counted.reduce((sum, c) => sum + c.clients, 0);
    expect(byAbc).toBeGreaterThan(0);
    expect(byAbc).toBeLessThanOrEqual(300);
    const cell = [...counted].filter((c) => c.clients >= 2).sort((a, b) => a.clients - b.clients)[0] ?? counted[0]!;
    const [, abc, xyz] = /^matrix-cell-([ABC])-(\w+)$/.exec(cell.testId)!;
    expect(cell.label).toContain(`клиентов ${cell.clients}`);
    expect(await untranslated(page)).toEqual([]);
    // XYZ says something on the demo: each of X, Y and Z has clients, and the rules in force are shown.
    for (const x of ['X', 'Y', 'Z'])
      expect(counted.filter((c) => c.testId.endsWith(`-${x}`)).length, x).toBeGreaterThan(0);
    expect(await page.getByTestId('matrix-basis-named').innerText()).toBe(
      'ABC по прибыли после затрат на обслуживание',
    );
    expect(await page.getByTestId('matrix-rules').innerText()).toContain(
      'XYZ по кварталам: X — выручка по кварталам колеблется не больше чем на 25 %, Y — до 50 %',
    );
    await screenshot(page, 'analytics-matrix');
    // Gross sales as the basis: named above the matrix; its rows open the list by that class.
    await page.getByTestId('matrix-basis').getByText('валовым продажам').click();
    await page.waitForURL((u) => u.searchParams.get('basis') === 'gross');
    await page
      .getByTestId('matrix-basis-named')
      .getByText('ABC по валовым продажам, до возвратов (как в отчётах о продажах 1С)')
      .waitFor();
    await settled(page);
    expect(await page.getByTestId('matrix').getByRole('link', { name: 'A', exact: true }).getAttribute('href')).toBe(
      '/clients?abcGross=A',
    );
    await screenshot(page, 'analytics-matrix-gross');
    await page.getByTestId('matrix-basis').getByText('прибыли').click();
    await page.waitForURL((u) => !u.searchParams.has('basis'));
    await page.getByTestId('matrix').waitFor();
    await settled(page);

    await listAfter(
      page,
      () => page.getByTestId(cell.testId).click(),
      (q) => q.get('abcProfit') === abc && q.get('xyz') === xyz,
    );
    const url = new URL(page.url());
    expect(url.pathname).toBe('/clients');
    expect(Object.fromEntries(url.searchParams)).toEqual({ abcProfit: abc, xyz });
    expect(parseCount(await page.getByTestId('clients-total').innerText())).toBe(cell.clients);
    // The filters show what the address says.
    expect(await page.getByRole('combobox', { name: 'ABC по прибыли' }).inputValue()).toBe(abc);
    expect(await page.getByRole('combobox', { name: 'XYZ' }).inputValue()).toBe(xyz === 'none' ? 'Без класса' : xyz);

    // Every row on the page is in that cell.
    const table = page.getByTestId('figures-table');
    const headers = await table.locator('thead th').allInnerTexts();
    const abcColumn = headers.findIndex((h) => h.includes('ABC по прибыли'));
    const xyzColumn = headers.findIndex((h) => h.trim().startsWith('XYZ'));
    expect(abcColumn).toBeGreaterThan(0);
    expect(xyzColumn).toBeGreaterThan(0);
    const rows = await table.locator('tbody tr').evaluateAll(
      (trs, [a, x]) =>
        trs.map((tr) => {
          const tds = tr.querySelectorAll('td');
          return { abc: tds[a!]?.textContent?.trim(), xyz: tds[x!]?.textContent?.trim() };
        }),
      [abcColumn, xyzColumn],
    );
    expect(rows).toHaveLength(Math.min(cell.clients, PAGE_SIZE));
    expect(new Set(rows.map((r) => r.abc))).toEqual(new Set([abc]));
    expect(new Set(rows.map((r) => r.xyz))).toEqual(new Set([xyz === 'none' ? '—' : xyz]));
    await screenshot(page, 'clients-from-matrix-cell');
    expect(s.pageErrors).toEqual([]);
  });
});
