import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../support/workbook.js';
import { listAfter, listSettled, parseCount, screenshot, useBrowserSession } from './browser.js';
import { downloadsDir } from './paths.js';

/** Clicks an export button and saves what the browser downloads; its suggested name and bytes. */
async function download(page: Page, name: string, saveAs: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  mkdirSync(downloadsDir, { recursive: true });
  const target = path.join(downloadsDir, `${saveAs}-${file.suggestedFilename()}`);
  await file.saveAs(target);
  expect(await file.failure()).toBeNull();
  return { name: file.suggestedFilename(), bytes: readFileSync(target) };
}

describe('export of the client list', () => {
  const s = useBrowserSession();

  it('downloads the list as CSV and XLSX, as filtered on the screen', async () => {
    const { page } = s;
    await page.goto('/clients');
    await listSettled(page);
    const total = parseCount(await page.getByTestId('clients-total').innerText());
    expect(total).toBe(300);
    await screenshot(page, 'clients-list-before-export');

    const csv = await download(page, 'Экспорт CSV', 'all');
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter((l) => l !== '');
    expect(lines[0]).toContain('Клиент'); // the header follows the interface language
    expect(lines).toHaveLength(total + 1);
    // Money with the decimal comma Russian Excel reads as a number; the status in words.
    const header = lines[0]!.split(';');
    const revenue = lines.slice(1).map((l) => l.split(';')[header.indexOf('Выручка, ₽')]);
    expect(revenue.every((v) => /^-?\d+,\d\d$/.test(v ?? ''))).toBe(true);
    expect(lines.slice(1).some((l) => l.includes(';Активный;'))).toBe(true);

    const xlsx = await download(page, 'Экспорт XLSX', 'all');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(Object.keys(unzipSync(new Uint8Array(xlsx.bytes)))).toContain('xl/workbook.xml');
    // Read back: numbers are number cells with their formats, not text; the header row is frozen.
    const [sheet] = readWorkbook(xlsx.bytes);
    expect(sheet!.frozenRows).toBe(1);
    const money = sheet!.column('Выручка, ₽');
    expect(money).toHaveLength(total);
    expect(money.every((c) => c?.type === 'number' && c.format === '#,##0.00')).toBe(true);
    expect(
      sheet!
        .column('Заказов')
        .filter((c) => c !== null)
        .every((c) => c.type === 'number' && c.format === '#,##0'),
    ).toBe(true);
    expect(
      sheet!
        .column('Доля прибыли')
        .filter((c) => c !== null)
        .every((c) => c.type === 'number' && c.format === '0.0%'),
    ).toBe(true);
    expect(
      sheet!
        .column('Последняя покупка')
        .filter((c) => c !== null)
        .every((c) => c.type === 'number' && c.format === 'dd.mm.yyyy'),
    ).toBe(true);
    expect(sheet!.column('Статус').every((c) => c?.type === 'text' && !/^[a-z_]+$/.test(c.value))).toBe(true);

    // With a filter set, the export carries it: a search by a client's name gives just those rows.
    const first = await page.getByTestId('figures-table').locator('tbody tr').first().getByRole('link').innerText();
    await listAfter(
      page,
      () => page.getByRole('searchbox', { name: 'Поиск' }).fill(first),
      (q) => q.get('q') === first,
    );
    expect(new URL(page.url()).searchParams.get('q')).toBe(first);
    const found = parseCount(await page.getByTestId('clients-total').innerText());
    expect(found).toBeGreaterThanOrEqual(1);
    expect(found).toBeLessThan(total);
    const filtered = await download(page, 'Экспорт CSV', 'searched');
    const rows = filtered.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter((l) => l !== '');
    expect(rows).toHaveLength(found + 1);
    expect(rows.slice(1).some((r) => r.includes(first.replace(/"/g, '""')))).toBe(true);
    expect(s.pageErrors).toEqual([]);
  });
});
