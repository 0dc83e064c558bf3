import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiGet,
  listAfter,
  listSettled,
  parseCount,
  screenshot,
  settled,
  untranslated,
  useBrowserSession,
} from './browser.js';

type FiguresPage = { items: { clientId: number; name: string; region: string | null }[]; total: number };
type FieldValues = { values: { value: string; clients: number }[]; more: boolean };
type User = { id: number; name: string };

/** The client names the list shows, top to bottom. */
const shownNames = (page: Page) => page.getByTestId('figures-table').locator('tbody tr td:first-child').allInnerTexts();
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const listOf = (page: Page, query: string) => apiGet<FiguresPage>(page, `/analytics/clients?pageSize=50&${query}`);

describe('the client list: sorts by the client’s own columns and filters by values that exist', () => {
  const s = useBrowserSession();

  it('sorts by name, status, region and industry from the column headers, kept in the address', async () => {
    const { page } = s;
    await page.goto('/clients');
    await page.getByRole('heading', { level: 1, name: 'Клиенты' }).waitFor();
    await listSettled(page);

    await listAfter(
      page,
      () => page.getByTestId('sort-name').click(),
      (q) => q.get('sort') === 'name',
    );
    expect(new URL(page.url()).searchParams.get('sort')).toBe('name');
    expect(await shownNames(page)).toEqual((await listOf(page, 'sort=name')).items.map((c) => c.name));
    expect(await page.getByRole('columnheader', { name: /^Клиент/ }).getAttribute('aria-sort')).toBe('ascending');

    await listAfter(
      page,
      () => page.getByTestId('sort-name').click(),
      (q) => q.get('sort') === '-name',
    );
    expect(await shownNames(page)).toEqual((await listOf(page, 'sort=-name')).items.map((c) => c.name));

    await listAfter(
      page,
      () => page.getByTestId('sort-region').click(),
      (q) => q.get('sort') === 'region',
    );
    const byRegion = await listOf(page, 'sort=region');
    expect(await shownNames(page)).toEqual(byRegion.items.map((c) => c.name));
    const regions = byRegion.items.map((c) => c.region).filter((r): r is string => r !== null);
    expect(regions).toEqual([...regions].sort());
    await settled(page);
    await screenshot(page, 'clients-sorted-by-region');

    await listAfter(
      page,
      () => page.getByTestId('sort-status').click(),
      (q) => q.get('sort') === 'status',
    );
    expect(await shownNames(page)).toEqual((await listOf(page, 'sort=status')).items.map((c) => c.name));

    // Industry sorts once its column is shown (the column chooser remembers the choice in the browser).
    await page.evaluate(() =>
      window.localStorage.setItem(
        'rapport.clients.columns',
        JSON.stringify(['status', 'region', 'industry', 'owner', 'revenue']),
      ),
    );
    await page.reload();
    await listSettled(page);
    await listAfter(
      page,
      () => page.getByTestId('sort-industry').click(),
      (q) => q.get('sort') === 'industry',
    );
    expect(await shownNames(page)).toEqual((await listOf(page, 'sort=industry')).items.map((c) => c.name));
    await settled(page);
    await screenshot(page, 'clients-sorted-by-industry');

    // The sort survives a reload: it is in the address.
    await page.reload();
    await listSettled(page);
    expect(await page.getByRole('columnheader', { name: /^Отрасль/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(await shownNames(page)).toEqual((await listOf(page, 'sort=industry')).items.map((c) => c.name));
    await page.evaluate(() => window.localStorage.removeItem('rapport.clients.columns'));
    expect(s.pageErrors).toEqual([]);
  });

  it('offers the regions and industries the clients have, with their counts, searchable, and filters by the one chosen', async () => {
    const { page } = s;
    await page.goto('/clients');
    await listSettled(page);
    const regions = await apiGet<FieldValues>(page, '/clients/field-values?field=region');
    expect(regions.values.length).toBeGreaterThan(3);
    const region = regions.values[0]!;

    await page.getByTestId('filters-more').click();
    const input = page.getByTestId('filter-region');
    await input.click();
    // Typing part of a region narrows the choices to those containing it.
    const part = region.value.slice(1, 5).toLowerCase();
    await input.fill(part);
    const option = page.getByRole('option', { name: new RegExp(`^${escaped(region.value)}\\s*${region.clients}$`) });
    await option.waitFor();
    const shown = await page.getByRole('option').allInnerTexts();
    expect(shown.every((text) => text.toLowerCase().includes(part))).toBe(true);
    await screenshot(page, 'clients-filter-region-search');

    await listAfter(
      page,
      () => option.click(),
      (q) => q.get('region') === region.value,
    );
    expect(new URL(page.url()).searchParams.get('region')).toBe(region.value);
    // The count beside the choice is the number of clients the list then finds.
    expect(parseCount(await page.getByTestId('clients-total').innerText())).toBe(region.clients);

    const industries = await apiGet<FieldValues>(page, '/clients/field-values?field=industry');
    const industry = industries.values[0]!;
    await page.getByTestId('filter-industry').click();
    const industryOption = page.getByRole('option', { name: new RegExp(`^${escaped(industry.value)}\\s*\\d+$`) });
    await listAfter(
      page,
      () => industryOption.click(),
      (q) => q.get('industry') === industry.value,
    );
    const both = await listOf(
      page,
      `region=${encodeURIComponent(region.value)}&industry=${encodeURIComponent(industry.value)}`,
    );
    expect(parseCount(await page.getByTestId('clients-total').innerText())).toBe(both.total);
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'clients-filter-region-industry');
    expect(s.pageErrors).toEqual([]);
  });

  it('filters by manager, and by clients without one', async () => {
    const { page } = s;
    await page.goto('/clients');
    await listSettled(page);
    const users = await apiGet<User[]>(page, '/users');
    const owners = await Promise.all(
      users.map(async (u) => ({ user: u, total: (await listOf(page, `ownerUserId=${u.id}`)).total })),
    );
    const busiest = owners.sort((a, b) => b.total - a.total)[0]!;

    // The manager filter is in the first row, beside the status.
    const owner = page.getByTestId('filter-owner');
    await owner.click();
    await listAfter(
      page,
      () => page.getByRole('option', { name: busiest.user.name, exact: true }).click(),
      (q) => q.get('ownerUserId') === String(busiest.user.id),
    );
    expect(parseCount(await page.getByTestId('clients-total').innerText())).toBe(busiest.total);
    await settled(page);
    await screenshot(page, 'clients-filter-manager');

    // The clients nobody owns (the demo company may have none: then the list says nothing was found).
    const none = await listOf(page, 'ownerUserId=none');
    await owner.click();
    const answered = page.waitForResponse((res) => new URL(res.url()).searchParams.get('ownerUserId') === 'none');
    await page.getByRole('option', { name: 'Без менеджера', exact: true }).click();
    expect((await answered).ok()).toBe(true);
    expect(new URL(page.url()).searchParams.get('ownerUserId')).toBe('none');
    if (none.total === 0) await page.getByText('Ничего не найдено', { exact: true }).waitFor();
    else {
      await listSettled(page);
      expect(parseCount(await page.getByTestId('clients-total').innerText())).toBe(none.total);
    }
    await screenshot(page, 'clients-filter-no-manager');

    // A reload keeps the filter (the address), and the field shows it.
    await page.reload();
    await page.getByTestId('filter-owner').waitFor();
    expect(await page.getByTestId('filter-owner').inputValue()).toBe('Без менеджера');
    expect(s.pageErrors).toEqual([]);
  });

  it('reads in English: the sortable headers, the manager and value filters', async () => {
    const { page } = s;
    await page.goto('/clients?sort=-region');
    await listSettled(page);
    await page.getByRole('radiogroup', { name: 'Язык интерфейса' }).getByText('EN', { exact: true }).click();
    try {
      await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
      await listSettled(page);
      expect(await page.getByRole('columnheader', { name: /^Region/ }).getAttribute('aria-sort')).toBe('descending');
      await page.getByTestId('filter-owner').click();
      await page.getByRole('option', { name: 'No manager', exact: true }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('filters-more').click();
      await page.getByTestId('filter-region').click();
      await page.getByRole('option').first().waitFor();
      await settled(page);
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'clients-filters-en');
      await page.keyboard.press('Escape');
    } finally {
      await page.getByRole('radiogroup', { name: 'Interface language' }).getByText('RU', { exact: true }).click();
    }
    expect(s.pageErrors).toEqual([]);
  });
});
