import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCp1251 } from '../../../test/support/cp1251.js';
import { engineName, useDatabase } from '../../../test/support/database.js';
import { buildOrg } from '../../../test/support/factories.js';
import { refusal } from '../../../test/support/refusal.js';
import type { Actor } from '../actor.js';
import { inspectFile } from './read-file.js';
import { runImport, type ImportRequest } from './run-import.js';
import { translateMessage } from '../../core/messages/index.js';

const db = await useDatabase();
const dir = mkdtempSync(join(tmpdir(), 'rapport-import-'));
let files = 0;
const file = (content: string | Buffer, ext = 'csv') => {
  const path = join(dir, `f${++files}.${ext}`);
  writeFileSync(path, content);
  return path;
};

const counts = async (orgId: number) => {
  const {
    rows: [r],
  } = await db.engine.query<Record<string, number>>(
    `SELECT
    (SELECT count(*)::int FROM clients WHERE org_id = $1) AS clients,
    (SELECT count(*)::int FROM legal_entities WHERE org_id = $1) AS legal_entities,
    (SELECT count(*)::int FROM contacts WHERE org_id = $1) AS contacts,
    (SELECT count(*)::int FROM products WHERE org_id = $1) AS products,
    (SELECT count(*)::int FROM orders WHERE org_id = $1) AS orders,
    (SELECT count(*)::int FROM order_lines WHERE org_id = $1) AS lines,
    (SELECT count(*)::int FROM payments WHERE org_id = $1) AS payments,
    (SELECT count(*)::int FROM interactions WHERE org_id = $1) AS interactions,
    (SELECT coalesce(sum(total), 0)::bigint FROM orders WHERE org_id = $1) AS total`,
    [orgId],
  );
  return { ...r!, total: Number(r!.total) };
};

/**
 * A sales report saved from 1C to Excel and then to CSV by Russian Excel: Windows-1251, ";",
 * decimal comma, spaces between thousands, a title and parameters above the header, the time in
 * 1C's one-digit-hour form, a return, a document marked for deletion and the «Итого» line.
 */
const salesReport = [
  'Продажи за ноябрь 2025;;;;;;;;',
  'Организация: ООО "Торговый дом";;;;;;;;',
  ';;;;;;;;',
  'Документ;Дата;Контрагент;ИНН;КПП;Номенклатура;Артикул;Количество;Цена;Сумма;Себестоимость;Пометка удаления',
  'Реализация товаров и услуг 00-000123 от 20.11.2025 12:00:00;20.11.2025 0:00:00;ПАО Сбербанк;7707083893;773601001;Кабель ВВГнг 3х2,5;A-100;200;122,00;24 400,00;16 000,00;Нет',
  'Реализация товаров и услуг 00-000123 от 20.11.2025 12:00:00;20.11.2025 0:00:00;ПАО Сбербанк;7707083893;773601001;Автомат ВА47 16А;A-200;10;350,00;3 500,00;2 100,00;Нет',
  'Реализация товаров и услуг 00-000124 от 21.11.2025 9:30:00;21.11.2025;АО «Альфа-Банк»;7728168971;770801001;Кабель ВВГнг 3х2,5;A-100;1 000;120,50;120 500,00;80 000,00;Нет',
  'Возврат товаров от клиента 00-000007 от 25.11.2025 10:00:00;25.11.2025;ПАО Сбербанк;7707083893;773601001;Автомат ВА47 16А;A-200;2;350,00;700,00;420,00;Нет',
  'Реализация товаров и услуг 00-000125 от 26.11.2025 10:00:00;26.11.2025;ООО «Ромашка»;7736050003;;Кабель ВВГнг 3х2,5;A-100;5;130,00;650,00;400,00;Да',
  'Итого;;;;;;;1 217;;149 750,00;;',
].join('\r\n');

const sales = (actor: Actor, path: string, extra: Partial<ImportRequest> = {}) =>
  runImport(db, actor, { path, kind: 'sales', ...extra });

describe('sales import from a 1C report saved as CSV', () => {
  it('finds the header under the title, reads Windows-1251, and writes documents, returns and cancellations', async () => {
    const owner = await buildOrg(db);
    const path = file(toCp1251(salesReport));
    const seen = await inspectFile(path);
    expect(seen).toMatchObject({
      format: 'csv',
      headerRow: 4,
      kind: 'sales',
      missing: [],
      details: { encoding: 'windows-1251', delimiter: ';' },
    });
    expect(seen.mapping).toEqual([
      'documentNumber',
      'documentDate',
      'client',
      'clientInn',
      'clientKpp',
      'item',
      'itemCode',
      'qty',
      'price',
      'amount',
      'costAmount',
      'deleted',
    ]);
    expect(seen.sample).toHaveLength(6);

    const result = await sales(owner, path);
    expect(result).toMatchObject({
      status: 'done',
      rowsRead: 6,
      rowsValid: 5,
      rowsRejected: 0,
      rowsSkipped: 1,
      analytics: 'kept',
    });
    expect(result.outcome).toEqual({
      clientsCreated: 3,
      clientsMatched: 0,
      productsCreated: 2,
      productsMatched: 0,
      documentsCreated: 4,
      documentsUpdated: 0,
      documentsUnchanged: 0,
      linesWritten: 5,
      returns: 1,
      cancelled: 1,
    });
    const { rows: docs } = await db.engine.query<{
      number: string;
      order_date: string;
      status: string;
      total: number;
      cost_total: number;
      client: string;
      inn: string;
    }>(
      `
      SELECT o.number, o.order_date, o.status, o.total, o.cost_total, c.name AS client, le.inn
      FROM orders o JOIN clients c ON c.org_id = o.org_id AND c.id = o.client_id
      JOIN legal_entities le ON le.org_id = c.org_id AND le.client_id = c.id
      WHERE o.org_id = $1 ORDER BY o.number`,
      [owner.orgId],
    );
    // 24 400,00 + 3 500,00 = 27 900,00; the return counts negative; 00-000125 is marked for deletion.
    expect(docs).toEqual([
      {
        number: '00-000007',
        order_date: '2025-11-25',
        status: 'completed',
        total: -70000,
        cost_total: -42000,
        client: 'ПАО Сбербанк',
        inn: '7707083893',
      },
      {
        number: '00-000123',
        order_date: '2025-11-20',
        status: 'completed',
        total: 2790000,
        cost_total: 1810000,
        client: 'ПАО Сбербанк',
        inn: '7707083893',
      },
      {
        number: '00-000124',
        order_date: '2025-11-21',
        status: 'completed',
        total: 12050000,
        cost_total: 8000000,
        client: 'АО «Альфа-Банк»',
        inn: '7728168971',
      },
      {
        number: '00-000125',
        order_date: '2025-11-26',
        status: 'cancelled',
        total: 65000,
        cost_total: 40000,
        client: 'ООО «Ромашка»',
        inn: '7736050003',
      },
    ]);
    const { rows: lines } = await db.engine.query<{ quantity: string; price: number; unit_cost: number }>(
      `SELECT quantity::text AS quantity, price, unit_cost FROM order_lines WHERE org_id = $1 ORDER BY order_id, line_no`,
      [owner.orgId],
    );
    expect(lines.map((l) => l.quantity)).toEqual(['200.000', '10.000', '1000.000', '-2.000', '5.000']);
    expect(lines[0]).toMatchObject({ price: 12200, unit_cost: 8000 });
    // The write path's analytics ran for the new clients: revenue of Sberbank = 27 900,00 − 700,00.
    const {
      rows: [fig],
    } = await db.engine.query<{ n: number }>('SELECT count(*)::int AS n FROM client_figures WHERE org_id = $1', [
      owner.orgId,
    ]);
    expect(fig!.n).toBe(3);

    const again = await sales(owner, path);
    expect(again.outcome).toMatchObject({
      clientsCreated: 0,
      clientsMatched: 3,
      productsCreated: 0,
      documentsCreated: 0,
      documentsUpdated: 0,
      documentsUnchanged: 4,
      linesWritten: 0,
    });
    expect(await counts(owner.orgId)).toMatchObject({
      clients: 3,
      legal_entities: 3,
      products: 2,
      orders: 4,
      lines: 5,
    });
  });

  it('replaces the lines of a document whose content changed in 1C since the last import', async () => {
    const owner = await buildOrg(db);
    await sales(owner, file(toCp1251(salesReport)));
    const changed = salesReport.replace('200;122,00;24 400,00', '250;122,00;30 500,00');
    const result = await sales(owner, file(toCp1251(changed)));
    expect(result.outcome).toMatchObject({
      documentsCreated: 0,
      documentsUpdated: 1,
      documentsUnchanged: 3,
      linesWritten: 2,
    });
    const {
      rows: [o],
    } = await db.engine.query<{ total: number }>(
      `SELECT total FROM orders WHERE org_id = $1 AND number = '00-000123'`,
      [owner.orgId],
    );
    expect(o!.total).toBe(3050000 + 350000);
  });

  it('keeps an article listed twice in one document as two lines, warns with their count in the preview, and a second import changes nothing', async () => {
    const owner = await buildOrg(db);
    const lines = salesReport.split('\r\n');
    // Document 00-000123's first line twice (the article bought twice, no line number), the return's line three times.
    const path = file(
      toCp1251(
        [...lines.slice(0, 5), lines[4], ...lines.slice(5, 8), lines[7], lines[7], ...lines.slice(8)].join('\r\n'),
      ),
    );
    const repeated = [
      [
        'repeated_lines',
        3,
        [
          { rowNo: 6, first: 5 },
          { rowNo: 10, first: 9 },
          { rowNo: 11, first: 9 },
        ],
      ],
    ];
    const preview = await sales(owner, path, { dryRun: true });
    expect(preview).toMatchObject({ status: 'dry_run', rowsValid: 8, rowsRejected: 0 });
    expect(preview.warnings.map((w) => [w.reason, w.count, w.rows])).toEqual(repeated);
    expect(translateMessage('ru', preview.warnings[0]!)).toContain('строка 6 повторяет строку 5');
    expect(translateMessage('en', preview.warnings[0]!)).toMatch(/^3 lines equal cell for cell/);

    const first = await sales(owner, path);
    expect(first).toMatchObject({
      status: 'done',
      rowsValid: 8,
      rowsRejected: 0,
      outcome: { documentsCreated: 4, linesWritten: 8 },
    });
    expect(first.warnings.map((w) => [w.reason, w.count, w.rows])).toEqual(repeated);
    const { rows } = await db.engine.query<{ number: string; total: number; lines: string }>(
      `SELECT o.number, o.total,
        string_agg(l.line_no || ':' || p.sku || ':' || l.quantity::text, ' ' ORDER BY l.line_no) AS lines
      FROM orders o JOIN order_lines l ON l.org_id = o.org_id AND l.order_id = o.id JOIN products p ON p.org_id = l.org_id AND p.id = l.product_id
      WHERE o.org_id = $1 AND o.number IN ('00-000123', '00-000007') GROUP BY o.org_id, o.id ORDER BY o.number`,
      [owner.orgId],
    );
    expect(rows).toEqual([
      { number: '00-000007', total: -210000, lines: '1:A-200:-2.000 2:A-200:-2.000 3:A-200:-2.000' },
      { number: '00-000123', total: 5230000, lines: '1:A-100:200.000 2:A-100:200.000 3:A-200:10.000' },
    ]);
    const again = await sales(owner, path);
    expect(again.outcome).toMatchObject({
      documentsCreated: 0,
      documentsUpdated: 0,
      documentsUnchanged: 4,
      linesWritten: 0,
    });
    expect(await counts(owner.orgId)).toMatchObject({ orders: 4, lines: 8 });
  });

  const broken = [
    'Номер;Дата;Контрагент;ИНН;Номенклатура;Количество;Цена',
    'Р-1;01.02.2024;Альфа;7728168971;Болт;10;5,00',
    'Р-2;31.02.2024;Бета;7707083894;Гайка;1;2,00',
    'Р-3;01.03.2024;Гамма;7702070139;Шайба;много;1,00',
    'Р-3;01.03.2024;Гамма;7702070139;Болт;2;5,00',
    'Р-1;01.02.2024;Альфа;7728168971;Болт;10;5,00',
    'Р-4;02.03.2024;Дельта;7710140679;Винт;3;1,00',
  ].join('\n');

  it('refuses the whole file by default and says which row, column and why; nothing is written', async () => {
    const owner = await buildOrg(db);
    const before = await counts(owner.orgId);
    const result = await sales(owner, file(broken));
    expect(result.status).toBe('rejected');
    expect(result.rowsRejected).toBe(2);
    expect(result.rejects.map((r) => [r.rowNo, r.column, r.reason])).toEqual([
      [3, 'Дата', 'no_such_date'],
      [3, 'ИНН', 'checksum'],
      [4, 'Количество', 'number'],
    ]);
    expect(translateMessage('ru', result.rejects[0]!)).toContain('такой даты нет');
    // Row 6 repeats row 2: a line of its own, said, refusing nothing.
    expect(result.warnings.map((w) => [w.reason, w.count, w.rows])).toEqual([
      ['repeated_lines', 1, [{ rowNo: 6, first: 2 }]],
    ]);
    expect(await counts(owner.orgId)).toEqual(before);
  });

  it('in "valid rows" mode imports the rest and leaves a document with a refused line out whole', async () => {
    const owner = await buildOrg(db);
    const result = await sales(owner, file(broken), { mode: 'valid' });
    expect(result.status).toBe('done');
    expect(result.rejects.map((r) => [r.rowNo, r.reason])).toEqual([
      [3, 'no_such_date'],
      [3, 'checksum'],
      [4, 'number'],
      [5, 'document_incomplete'],
    ]);
    expect(result.outcome).toMatchObject({ documentsCreated: 2, linesWritten: 3 });
    const { rows } = await db.engine.query<{ number: string }>(
      'SELECT number FROM orders WHERE org_id = $1 ORDER BY number',
      [owner.orgId],
    );
    expect(rows.map((r) => r.number)).toEqual(['Р-1', 'Р-4']);
  });

  it('in "valid rows" mode leaves a document out whole when the refused cell of its line is the date', async () => {
    const owner = await buildOrg(db);
    const path = file(
      [
        'Номер;Дата;Контрагент;ИНН;Номенклатура;Количество;Цена',
        'Р-1;01.02.2024;Альфа;7728168971;Болт;10;5,00',
        'Р-1;31.02.2024;Альфа;7728168971;Гайка;1;2,00',
        'Р-1;01.02.2024;Альфа;7728168971;Шайба;3;1,00',
        'Р-2;02.02.2024;Бета;7702070139;Винт;3;1,00',
        // The same number a year later for another client (1C numbers within a year): another document, kept.
        'Р-1;03.02.2025;Бета;7702070139;Болт;1;5,00',
        'Р-3;04.02.2024;Гамма;7736050003;Болт;1;5,00',
        'Р-3;;Гамма;7736050003;Гайка;1;2,00',
      ].join('\n'),
    );
    const result = await sales(owner, path, { mode: 'valid' });
    expect(result.rejects.map((r) => [r.rowNo, r.reason])).toEqual([
      [3, 'no_such_date'],
      [8, 'required'],
      [2, 'document_incomplete'],
      [4, 'document_incomplete'],
      [7, 'document_incomplete'],
    ]);
    expect(result.outcome).toMatchObject({ documentsCreated: 2, linesWritten: 2 });
    const { rows } = await db.engine.query<{ number: string; day: string; lines: number }>(
      `SELECT o.number, o.order_date::text AS day,
      (SELECT count(*)::int FROM order_lines l WHERE l.org_id = o.org_id AND l.order_id = o.id) AS lines FROM orders o WHERE o.org_id = $1 ORDER BY o.number, o.order_date`,
      [owner.orgId],
    );
    expect(rows).toEqual([
      { number: 'Р-1', day: '2025-02-03', lines: 1 },
      { number: 'Р-2', day: '2024-02-02', lines: 1 },
    ]);
  });

  it('a dry run answers what would change and writes nothing', async () => {
    const owner = await buildOrg(db);
    const before = await counts(owner.orgId);
    const result = await sales(owner, file(toCp1251(salesReport)), { dryRun: true });
    expect(result).toMatchObject({ status: 'dry_run', rowsValid: 5 });
    expect(result.outcome).toMatchObject({ documentsCreated: 4, linesWritten: 5, clientsCreated: 3 });
    expect(await counts(owner.orgId)).toEqual(before);
  });

  it('refuses a file without a needed column, an empty file and a file read in the wrong encoding', async () => {
    const owner = await buildOrg(db);
    const noQty = await refusal(
      sales(owner, file('Номер;Дата;Контрагент;Номенклатура;Цена\nР-1;01.02.2024;Альфа;Болт;5,00\n')),
    );
    expect(noQty.code).toBe('invalid_input');
    expect(noQty.fields.map((f) => [f.field, f.reason])).toEqual([['mapping.qty', 'required']]);
    const empty = await refusal(sales(owner, file('')));
    expect(empty.fields[0]).toMatchObject({ field: 'file', reason: 'unreadable' });
    expect(translateMessage('ru', empty.fields[0]!)).toBe('Файл пуст.');
    // Windows-1251 bytes read as UTF-8: no header is recognisable, so nothing can be mapped.
    const garbled = await refusal(sales(owner, file(toCp1251(salesReport)), { reading: { encoding: 'utf-8' } }));
    expect(garbled.code).toBe('invalid_input');
    expect(await counts(owner.orgId)).toMatchObject({ orders: 0, clients: 0 });
  });

  it('refuses foreign currency and sales without a price or an amount', async () => {
    const owner = await buildOrg(db);
    const result = await sales(
      owner,
      file(
        'Номер;Дата;Контрагент;Номенклатура;Количество;Цена;Сумма;Валюта\nР-1;01.02.2024;Альфа;Болт;10;5,00;;USD\nР-2;01.02.2024;Альфа;Болт;10;;;руб.\nР-3;01.02.2024;Альфа;Болт;4;;10,00;RUB\n',
      ),
      { mode: 'valid' },
    );
    expect(result.rejects.map((r) => [r.rowNo, r.reason])).toEqual([
      [2, 'currency'],
      [3, 'priceOrAmount'],
    ]);
    const { rows } = await db.engine.query<{ price: number; amount: number }>(
      'SELECT price, amount FROM order_lines WHERE org_id = $1',
      [owner.orgId],
    );
    expect(rows).toEqual([{ price: 250, amount: 1000 }]);
  });
});

describe('client list import', () => {
  const list =
    '\uFEFF' +
    [
      'Код,Наименование,Полное наименование,ИНН,КПП,Расчетный счет,БИК,Менеджер,Регион,Контактное лицо,Должность,Телефон',
      '00-001,"ООО ""Ромашка""","Общество с ограниченной ответственностью ""Ромашка""",7736050003,773601001,,,,"Москва, ЦАО",Иванова Мария,Закупщик,+7 495 000-00-00',
      '00-002,ИП Петров,,500100732259,,,,,Тверь,,,',
      '00-003,Бета,,7702070139,770201001,40702810900000000001,044525225,,Казань,,,',
    ].join('\n');

  it('creates clients with legal entities and contacts, refuses a wrong account, and a second import changes nothing', async () => {
    const owner = await buildOrg(db);
    const path = file(list);
    expect((await inspectFile(path)).kind).toBe('clients');
    const first = await runImport(db, owner, { path, kind: 'clients', mode: 'valid' });
    expect(first.rejects.map((r) => [r.rowNo, r.field, r.reason])).toEqual([[4, 'bankAccount', 'checksum']]);
    expect(first.outcome).toMatchObject({ created: 2, updated: 0 });
    const { rows } = await db.engine.query<{
      name: string;
      region: string;
      external_id: string;
      inn: string;
      legal_form: string | null;
      contact: string | null;
    }>(
      `
      SELECT c.name, c.region, c.external_id, le.inn, le.legal_form, ct.full_name AS contact
      FROM clients c JOIN legal_entities le ON le.org_id = c.org_id AND le.client_id = c.id
      LEFT JOIN contacts ct ON ct.org_id = c.org_id AND ct.client_id = c.id
      WHERE c.org_id = $1 ORDER BY c.external_id`,
      [owner.orgId],
    );
    expect(rows).toEqual([
      {
        name: 'ООО "Ромашка"',
        region: 'Москва, ЦАО',
        external_id: '00-001',
        inn: '7736050003',
        legal_form: null,
        contact: 'Иванова Мария',
      },
      {
        name: 'ИП Петров',
        region: 'Тверь',
        external_id: '00-002',
        inn: '500100732259',
        legal_form: 'ИП',
        contact: null,
      },
    ]);
    const again = await runImport(db, owner, { path, kind: 'clients', mode: 'valid' });
    expect(again.outcome).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await counts(owner.orgId)).toMatchObject({ clients: 2, legal_entities: 2, contacts: 1 });
  });

  it('a duplicated client in one file is refused as the same client', async () => {
    const owner = await buildOrg(db);
    const result = await runImport(db, owner, {
      path: file('ИНН;Наименование\n7736050003;Ромашка\n7736050003;Ромашка (дубль)\n'),
      kind: 'clients',
    });
    expect(result.status).toBe('rejected');
    expect(result.rejects[0]).toMatchObject({ rowNo: 3, reason: 'duplicate_client', column: 'ИНН' });
    expect(translateMessage('en', result.rejects[0]!)).toBe('the same client as on row 2');
  });
});

describe('payments, contacts, products and interactions', () => {
  it('links payments to known clients and their documents; unknown clients are refused', async () => {
    const owner = await buildOrg(db);
    await sales(owner, file(toCp1251(salesReport)));
    const path = file(
      'Дата;Контрагент;ИНН;Сумма;Документ расчетов\n22.11.2025;ПАО Сбербанк;7707083893;27 900,00;00-000123\n23.11.2025;Неизвестный;7710140679;100,00;\n',
    );
    const all = await runImport(db, owner, { path, kind: 'payments' });
    expect(all.status).toBe('rejected');
    expect(all.rejects.map((r) => [r.rowNo, r.reason])).toEqual([[3, 'client_unknown']]);
    const valid = await runImport(db, owner, { path, kind: 'payments', mode: 'valid' });
    expect(valid.outcome).toMatchObject({ created: 1 });
    const { rows } = await db.engine.query<{ amount: number; number: string }>(
      'SELECT p.amount, o.number FROM payments p JOIN orders o ON o.org_id = p.org_id AND o.id = p.order_id WHERE p.org_id = $1',
      [owner.orgId],
    );
    expect(rows).toEqual([{ amount: 2790000, number: '00-000123' }]);
    const again = await runImport(db, owner, { path, kind: 'payments', mode: 'valid' });
    expect(again.outcome).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('contacts, products and interactions are matched on re-import', async () => {
    const owner = await buildOrg(db);
    await sales(owner, file(toCp1251(salesReport)));
    const contacts = file(
      'Контрагент;ФИО;Должность;Дата рождения;E-mail\nПАО Сбербанк;Петров Пётр;Директор;05.06.1975;Petrov@Example.ru\n',
    );
    expect((await runImport(db, owner, { path: contacts, kind: 'contacts' })).outcome).toMatchObject({ created: 1 });
    expect((await runImport(db, owner, { path: contacts, kind: 'contacts' })).outcome).toMatchObject({
      created: 0,
      unchanged: 1,
    });
    const {
      rows: [c],
    } = await db.engine.query<{ birthday: string; emails: string[] }>(
      'SELECT birthday, emails FROM contacts WHERE org_id = $1',
      [owner.orgId],
    );
    expect(c).toEqual({ birthday: '1975-06-05', emails: ['petrov@example.ru'] });

    const products = file(
      'Артикул;Наименование;Цена;Себестоимость;Группа\nA-100;Кабель ВВГнг 3х2,5;125,00;80,00;Кабель\nB-1;Щиток;1 500,00;900,00;Щиты\n',
    );
    expect((await runImport(db, owner, { path: products, kind: 'products' })).outcome).toEqual({
      created: 1,
      updated: 1,
      unchanged: 0,
    });
    expect((await runImport(db, owner, { path: products, kind: 'products' })).outcome).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    });

    const meetings = file(
      'Дата;Контрагент;Вид;Длительность;Расходы;Описание\n24.11.2025;ПАО Сбербанк;Встреча;90;1 200,00;Обсудили поставки\n25.11.2025;ПАО Сбербанк;Телепатия;5;;\n',
    );
    const r = await runImport(db, owner, { path: meetings, kind: 'interactions', mode: 'valid' });
    expect(r.rejects.map((x) => [x.rowNo, x.reason])).toEqual([[3, 'kind']]);
    expect(r.outcome).toMatchObject({ created: 1 });
    expect((await runImport(db, owner, { path: meetings, kind: 'interactions', mode: 'valid' })).outcome).toMatchObject(
      { created: 0, unchanged: 1 },
    );
  });

  it('an article is the product: a name alone never joins two articles, in a later sales file or a catalogue', async () => {
    const owner = await buildOrg(db);
    const head = 'Номер;Дата;Контрагент;Номенклатура;Артикул;Количество;Цена';
    await sales(owner, file(`${head}\nР-1;01.02.2024;Альфа;Подушка;20839;1;5,00\n`));
    // Another article of the same name is another product; a line without an article is found by its name.
    const later = await sales(
      owner,
      file(`${head}\nР-2;02.02.2024;Альфа;ПОДУШКА;20836;1;5,00\nР-2;02.02.2024;Альфа;подушка;;2;5,00\n`),
    );
    expect(later.outcome).toMatchObject({ productsCreated: 1, productsMatched: 1 });
    const catalogue = await runImport(db, owner, {
      path: file('Артикул;Наименование;Цена\n20840;Подушка;7,00\n'),
      kind: 'products',
    });
    expect(catalogue.outcome).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const { rows } = await db.engine.query<{ sku: string; name: string; qty: string }>(
      `SELECT p.sku, p.name, coalesce(sum(l.quantity), 0)::text AS qty
      FROM products p LEFT JOIN order_lines l ON l.org_id = p.org_id AND l.product_id = p.id WHERE p.org_id = $1 GROUP BY p.org_id, p.id ORDER BY p.sku`,
      [owner.orgId],
    );
    expect(rows).toEqual([
      { sku: '20836', name: 'ПОДУШКА', qty: '1.000' },
      { sku: '20839', name: 'Подушка', qty: '3.000' },
      { sku: '20840', name: 'Подушка', qty: '0' },
    ]);
  });

  it('a read-only user may not import', async () => {
    const owner = await buildOrg(db, 'read_only');
    const e = await refusal(sales(owner, file(toCp1251(salesReport))));
    expect(e.code).toBe('forbidden');
  });
});

describe('a large file read by worker threads, one part each', () => {
  it('gives exactly what one reader gives: documents cut by a part boundary, a row repeated across parts', async () => {
    const { writeSalesFile, salesHeader } = await import('../../../bench/sales-file.js');
    const { readFileSync } = await import('node:fs');
    const path = join(dir, 'large.csv');
    await writeSalesFile(path, { lines: 24_000, clients: 300, products: 200 });
    const lines = readFileSync(path, 'utf8').split('\r\n');
    const headerAt = lines.indexOf(salesHeader);
    // The second data row again at the end: a repeat the last part must find (and keep, as a line of its own).
    writeFileSync(path, `${lines.filter((l) => l !== '').join('\r\n')}\r\n${lines[headerAt + 2]}\r\n`);
    const one = await buildOrg(db);
    const many = await buildOrg(db);
    const single = await sales(one, path, { readers: 'main', mode: 'valid' });
    // Two parts whatever the machine's cores, so the cut between them is always exercised.
    const parallel = await sales(many, path, { readers: 'workers', readerThreads: 2, mode: 'valid' });
    expect(parallel.rejects).toEqual([]);
    expect(parallel.warnings.map((w) => [w.reason, w.count, w.rows])).toEqual([
      ['repeated_lines', 1, [{ rowNo: lines.filter((l) => l !== '').length + 1, first: headerAt + 3 }]],
    ]);
    expect(parallel).toEqual(single);
    const shape = async (orgId: number) =>
      (
        await db.engine.query<{ number: string; lines: string; total: number }>(
          `
      SELECT o.number, string_agg(l.line_no::text || ':' || l.quantity::text, ',' ORDER BY l.line_no) AS lines, o.total
      FROM orders o JOIN order_lines l ON l.org_id = o.org_id AND l.order_id = o.id WHERE o.org_id = $1 GROUP BY o.org_id, o.id ORDER BY o.number`,
          [orgId],
        )
      ).rows;
    const a = await shape(one.orgId);
    expect(a).toHaveLength(2400);
    expect(await shape(many.orgId)).toEqual(a);
  }, 180_000); // worker threads start through tsx here; under a loaded CI machine that alone takes seconds

  it('reads the file again in one piece when a document has another client in a later part, refusing that row', async () => {
    const { writeSalesFile, salesHeader } = await import('../../../bench/sales-file.js');
    const { readFileSync } = await import('node:fs');
    const path = join(dir, 'conflict.csv');
    await writeSalesFile(path, { lines: 24_000, clients: 300, products: 200 });
    const lines = readFileSync(path, 'utf8')
      .split('\r\n')
      .filter((l) => l !== '');
    const first = lines[lines.indexOf(salesHeader) + 1]!.split(';');
    // The first document once more at the very end, with another client.
    writeFileSync(
      path,
      `${lines.join('\r\n')}\r\n${[...first.slice(0, 2), 'ООО «Другой»', '7702070139', ...first.slice(4, 6), 'Z-1', ...first.slice(7)].join(';')}\r\n`,
    );
    const one = await buildOrg(db);
    const many = await buildOrg(db);
    const single = await sales(one, path, { readers: 'main', mode: 'valid' });
    const parallel = await sales(many, path, { readers: 'workers', readerThreads: 2, mode: 'valid' });
    expect(single.rejects.map((r) => [r.rowNo, r.reason])).toEqual([
      [lines.length + 1, 'document_client_conflict'],
      ...single.rejects.slice(1).map((r) => [r.rowNo, 'document_incomplete']),
    ]);
    expect({ ...parallel, rejects: parallel.rejects.map((r) => [r.rowNo, r.reason]) }).toEqual({
      ...single,
      rejects: single.rejects.map((r) => [r.rowNo, r.reason]),
    });
  }, 180_000);
});

describe('XLSX and CommerceML through the same import', () => {
  it('imports a client list saved as XLSX', async () => {
    const { toXlsx } = await import('../../files/spreadsheet.js');
    const owner = await buildOrg(db);
    const path = file(
      toXlsx({
        name: 'Контрагенты',
        headers: ['Наименование', 'ИНН', 'КПП', 'Регион'],
        rows: [
          ['Альфа', '7728168971', '770801001', 'Москва'],
          ['Бета', '7702070139', null, 'Тверь'],
        ],
      }),
      'xlsx',
    );
    const seen = await inspectFile(path);
    expect(seen).toMatchObject({ format: 'xlsx', kind: 'clients', headerRow: 1, missing: [] });
    const r = await runImport(db, owner, { path, kind: 'clients' });
    expect(r).toMatchObject({ status: 'done', rowsValid: 2, outcome: { created: 2 } });
    expect(await counts(owner.orgId)).toMatchObject({ clients: 2, legal_entities: 2 });
  });

  it('imports a CommerceML order from 1C: the buyer becomes a client, a second exchange of the same file changes nothing', async () => {
    const owner = await buildOrg(db);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<КоммерческаяИнформация ВерсияСхемы="2.10" ДатаФормирования="2025-11-20T10:15:00">
  <Документ>
    <Ид>b3f1c2d4-0000-4000-8000-000000000001</Ид><Номер>00-000123</Номер><Дата>2025-11-20</Дата>
    <ХозОперация>Заказ товара</ХозОперация><Роль>Продавец</Роль><Валюта>руб</Валюта><Курс>1</Курс><Сумма>24400.00</Сумма>
    <Контрагенты><Контрагент><Ид>7c1e0a9e-0000-4000-8000-0000000000aa</Ид><Наименование>ПАО Сбербанк</Наименование>
      <ОфициальноеНаименование>ПАО "СБЕРБАНК РОССИИ"</ОфициальноеНаименование><ИНН>7707083893</ИНН><КПП>773601001</КПП><Роль>Покупатель</Роль></Контрагент></Контрагенты>
    <Товары><Товар><Ид>item-0001</Ид><Артикул>A-100</Артикул><Наименование>Кабель ВВГнг 3х2,5</Наименование>
      <БазоваяЕдиница Код="006">м</БазоваяЕдиница><ЦенаЗаЕдиницу>122.00</ЦенаЗаЕдиницу><Количество>200</Количество><Сумма>24400.00</Сумма></Товар></Товары>
  </Документ>
</КоммерческаяИнформация>`;
    const path = file(xml, 'xml');
    expect(await inspectFile(path)).toMatchObject({ format: 'commerceml', kind: 'sales', missing: [] });
    const r = await runImport(db, owner, { path, kind: 'sales' });
    expect(r.outcome).toMatchObject({ clientsCreated: 1, productsCreated: 1, documentsCreated: 1, linesWritten: 1 });
    const {
      rows: [o],
    } = await db.engine.query<{
      number: string;
      total: number;
      external_id: string;
      client: string;
      inn: string;
      unit: string;
    }>(
      `
      SELECT o.number, o.total, o.external_id, c.name AS client, le.inn, p.unit FROM orders o
      JOIN clients c ON c.org_id = o.org_id AND c.id = o.client_id JOIN legal_entities le ON le.org_id = c.org_id AND le.client_id = c.id
      JOIN order_lines l ON l.org_id = o.org_id AND l.order_id = o.id JOIN products p ON p.org_id = l.org_id AND p.id = l.product_id
      WHERE o.org_id = $1`,
      [owner.orgId],
    );
    expect(o).toEqual({
      number: '00-000123',
      total: 2440000,
      external_id: 'b3f1c2d4-0000-4000-8000-000000000001',
      client: 'ПАО Сбербанк',
      inn: '7707083893',
      unit: 'м',
    });
    expect((await runImport(db, owner, { path, kind: 'sales' })).outcome).toMatchObject({
      documentsCreated: 0,
      documentsUnchanged: 1,
    });
  });
});

describe('a 100 MB export', () => {
  it.runIf(engineName === 'postgres')(
    'is read, checked and staged whole (dry run), its one broken row found',
    async () => {
      const { writeSalesFile } = await import('../../../bench/sales-file.js');
      const { appendFileSync, statSync } = await import('node:fs');
      const path = join(dir, 'hundred.csv');
      await writeSalesFile(path, { lines: 470_000 });
      appendFileSync(
        path,
        'Реализация товаров и услуг 99-0000001 от 31.02.2024 12:00:00;31.02.2024;ООО «Клиент 1»;7707083893;Менеджер 1;Товар 1;A-1;1;1,00;1,00;1,00;Нет\r\n',
      );
      expect(statSync(path).size).toBeGreaterThan(100 * 1024 * 1024);
      const owner = await buildOrg(db);
      const r = await sales(owner, path, { dryRun: true, mode: 'valid' });
      expect(r).toMatchObject({ status: 'dry_run', rowsRead: 470_001, rowsValid: 470_000, rowsRejected: 1 });
      expect(r.rejects.map((x) => [x.rowNo, x.reason])).toEqual([[470_004, 'no_such_date']]);
      expect(r.outcome).toMatchObject({ linesWritten: 470_000, documentsCreated: 47_000 });
      expect(await counts(owner.orgId)).toMatchObject({ orders: 0, lines: 0 });
    },
    180_000,
  );
});
