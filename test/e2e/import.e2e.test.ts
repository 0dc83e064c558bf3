import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCp1251 } from '../support/cp1251.js';
import { apiGet, screenshot, settled, untranslated, useBrowserSession } from './browser.js';
import { downloadsDir } from './paths.js';

type LegalEntity = { id: number; clientId: number; inn: string | null; kpp: string | null };
type Job = {
  id: number;
  status: string;
  dryRun: boolean;
  mode: string;
  rowsRead: number;
  rowsValid: number;
  rowsRejected: number;
  outcome: Record<string, number | string>;
};

const csvCell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

describe('the import wizard', () => {
  const s = useBrowserSession();

  it('imports sales from a 1C CSV: detects its columns, a check refuses the row with a bad date, the valid rows go in', async () => {
    const { page } = s;
    // A demo client with an ИНН, so the import finds it rather than adding one (other files count 300 clients).
    // Not the first legal entity: the client card test works on that one.
    const entities = await apiGet<{ items: LegalEntity[] }>(page, '/legal-entities?pageSize=20');
    const entity = entities.items.filter((e) => e.inn).at(-1)!;
    const client = await apiGet<{ name: string }>(page, `/clients/${entity.clientId}`);
    const jobsBefore = await apiGet<Job[]>(page, '/imports');
    const doc = `E2E-${Date.now().toString(36).toUpperCase()}`;
    const file = toCp1251(
      [
        'Номер;Дата;Контрагент;ИНН;Номенклатура;Количество;Цена',
        `${doc}-1;01.02.2024;${csvCell(client.name)};${entity.inn};Болт e2e;10;5,00`,
        `${doc}-2;31.02.2024;${csvCell(client.name)};${entity.inn};Гайка e2e;1;2,00`,
        `${doc}-3;01.03.2024;${csvCell(client.name)};${entity.inn};Шайба e2e;2;1,00`,
      ].join('\r\n'),
    );

    await page.goto('/');
    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Импорт' }).click();
    await page.waitForURL((url) => url.pathname === '/import');
    await page.getByRole('heading', { level: 1, name: 'Импорт данных' }).waitFor();
    await settled(page);

    // Step 1: what the file holds, with an empty template for it; then the file itself.
    await page.getByRole('radio', { name: /^Продажи/ }).click();
    expect(await page.getByRole('radio', { name: /^Продажи/ }).getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('link', { name: 'Шаблон CSV' }).getAttribute('href')).toBe(
      '/api/v1/imports/template?kind=sales&format=csv&lang=ru',
    );
    expect(await page.getByRole('link', { name: 'Шаблон XLSX' }).getAttribute('href')).toBe(
      '/api/v1/imports/template?kind=sales&format=xlsx&lang=ru',
    );
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'import-file');
    await page
      .getByLabel('Файл для импорта')
      .setInputFiles({ name: 'продажи.csv', mimeType: 'text/csv', buffer: file });

    // Step 2: the file as read (a 1C CSV: Windows-1251, semicolons, headers in row 1) and its columns matched.
    const columns = page.getByTestId('import-columns');
    await columns.waitFor();
    const reading = page.getByTestId('import-reading');
    expect(await reading.getByRole('textbox', { name: 'Формат' }).inputValue()).toBe('CSV');
    expect(await reading.getByRole('combobox', { name: 'Кодировка' }).inputValue()).toBe('Windows-1251');
    expect(await reading.getByRole('combobox', { name: 'Разделитель' }).inputValue()).toBe('Точка с запятой (;)');
    expect(await reading.getByRole('textbox', { name: 'Строка заголовков' }).inputValue()).toBe('1');
    expect(await reading.getByRole('combobox', { name: 'Вид данных' }).inputValue()).toBe('Продажи');
    const fields = await columns
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field')));
    expect(fields).toEqual(['documentNumber', 'documentDate', 'client', 'clientInn', 'item', 'qty', 'price']);
    expect(await columns.getByRole('combobox', { name: 'Поле для колонки «Дата»' }).inputValue()).toBe(
      'Дата документа (обязательное)',
    );
    expect(await columns.getByRole('combobox', { name: 'Поле для колонки «Цена»' }).inputValue()).toBe('Цена');
    expect(await columns.getByTestId('import-column-1').innerText()).toContain('31.02.2024');
    expect(await page.getByTestId('import-missing').innerText()).toBe('Все обязательные поля выбраны.');
    expect(await page.getByTestId('import-preview').locator('thead th').allInnerTexts()).toEqual([
      'Строка',
      'Номер документа',
      'Дата документа',
      'Клиент (наименование)',
      'ИНН клиента',
      'Товар',
      'Количество',
      'Цена',
    ]);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'import-columns');
    await page.getByRole('button', { name: 'Далее' }).click();

    // Step 3: a check without writing, all-or-nothing (the default): the file would be refused, row 3 for its date.
    const allOrNothing = page.getByRole('radio', { name: 'Всё или ничего' });
    expect(await allOrNothing.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Проверить без записи' }).click();
    const checked = page.locator('[data-testid="import-job"][data-dry-run="true"]:not([data-status="running"])');
    await checked.waitFor();
    expect(await checked.getAttribute('data-status')).toBe('rejected');
    expect(await checked.getByTestId('import-verdict').innerText()).toContain('Проверка: файл будет отклонён');
    expect(await checked.getByTestId('import-count-rowsRejected').innerText()).toContain('1');
    const refused = checked.getByTestId('import-reject-row');
    await refused.first().waitFor();
    expect(await refused.count()).toBe(1);
    expect((await refused.first().locator('td').allInnerTexts()).map((c) => c.trim().replace(/\s+/g, ' '))).toEqual([
      '3',
      'Дата Дата документа',
      '31.02.2024',
      'такой даты нет в календаре',
    ]);
    await screenshot(page, 'import-dry-run');

    // Import the valid rows: two documents go in, the refused row is reported, in Russian, as CSV too.
    await page.getByRole('radio', { name: 'Загрузить корректные строки' }).check();
    await page.getByRole('button', { name: 'Импортировать' }).click();
    const done = page.locator('[data-testid="import-job"][data-dry-run="false"]:not([data-status="running"])');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.getAttribute('data-status')).toBe('done');
    expect(await done.getByTestId('import-verdict').innerText()).toContain('Импорт завершён');
    expect(await done.getByTestId('import-status-badge').textContent()).toBe('Загружен');
    expect(await done.getByTestId('import-outcome-documentsCreated').innerText()).toMatch(/^Документов создано\s+2$/);
    expect(await done.getByTestId('import-outcome-linesWritten').innerText()).toMatch(
      /^Строк документов записано\s+2$/,
    );
    expect(await done.getByTestId('import-outcome-clientsCreated').innerText()).toMatch(/\s0$/);
    await done.getByTestId('import-reject-row').first().waitFor();
    expect(await done.getByTestId('import-reject-row').first().innerText()).toContain('такой даты нет в календаре');
    await page.getByRole('button', { name: 'Начать новый импорт' }).first().waitFor();
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'import-done');

    const [report] = await Promise.all([
      page.waitForEvent('download'),
      done.getByRole('link', { name: 'Отчёт CSV' }).click(),
    ]);
    mkdirSync(downloadsDir, { recursive: true });
    const target = path.join(downloadsDir, `import-${report.suggestedFilename()}`);
    await report.saveAs(target);
    expect(report.suggestedFilename()).toMatch(/^import-\d+-rejected\.csv$/);
    const lines = readFileSync(target, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter((l) => l !== '');
    expect(lines[0]).toBe('Строка;Колонка;Поле;Значение;Причина;Код причины');
    expect(lines[1]).toBe('3;Дата;documentDate;31.02.2024;такой даты нет в календаре;no_such_date');

    // The server agrees, and the history lists both runs, newest first; the check opens to its result.
    const jobs = await apiGet<Job[]>(page, '/imports');
    const [imported, dryRun] = jobs;
    expect(jobs).toHaveLength(jobsBefore.length + 2);
    expect(imported).toMatchObject({
      status: 'done',
      dryRun: false,
      mode: 'valid',
      rowsRead: 3,
      rowsValid: 2,
      rowsRejected: 1,
      outcome: { documentsCreated: 2, clientsCreated: 0 },
    });
    expect(dryRun).toMatchObject({ status: 'rejected', dryRun: true, mode: 'all', rowsRejected: 1 });
    const history = page.getByTestId('import-history');
    await history.getByTestId(`import-history-${imported!.id}`).getByText('Загружен').waitFor();
    const row = history.getByTestId(`import-history-${dryRun!.id}`);
    expect(await row.getByTestId('import-status-badge').textContent()).toBe('Отклонён');
    await row.getByRole('button', { name: `Открыть импорт №${dryRun!.id}` }).click();
    const dialog = page.getByRole('dialog', { name: `Импорт №${dryRun!.id}` });
    await dialog.getByTestId('import-verdict').getByText('Проверка: файл будет отклонён').waitFor();
    await dialog.getByTestId('import-reject-row').first().waitFor();
    expect(new URL(page.url()).searchParams.get('job')).toBe(String(dryRun!.id));
    await screenshot(page, 'import-history-open');
    await dialog.getByRole('button', { name: 'Закрыть' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('job')).toBeNull();
    expect(s.pageErrors).toEqual([]);
  });
});
