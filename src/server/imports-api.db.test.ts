import { describe, expect, it } from 'vitest';
import { useApp, signedIn } from '../../test/support/app.js';
import { readWorkbook } from '../../test/support/workbook.js';
import { useDatabase } from '../../test/support/database.js';
import { buildOrg, buildUser } from '../../test/support/factories.js';
import { toCp1251 } from '../../test/support/cp1251.js';

const db = await useDatabase();
const app = await useApp(db);

const report = toCp1251(
  [
    'Номер;Дата;Контрагент;ИНН;Номенклатура;Количество;Цена',
    'Р-1;01.02.2024;Альфа;7728168971;Болт;10;5,00',
    'Р-2;31.02.2024;Бета;7707083894;Гайка;1;2,00',
    'Р-3;01.03.2024;Гамма;7702070139;Шайба;2;1,00',
  ].join('\r\n'),
);

type Call = Awaited<ReturnType<typeof signedIn>>;

async function upload(call: Call, body: Buffer | string) {
  const res = await call({
    method: 'POST',
    url: '/api/v1/imports/uploads',
    payload: body,
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ uploadId: string; size: number }>().uploadId;
}

async function finished(call: Call, id: number) {
  for (let i = 0; i < 200; i++) {
    const job = (await call({ method: 'GET', url: `/api/v1/imports/${id}` })).json<{ status: string }>();
    if (job.status !== 'running' && job.status !== 'queued') return job as Record<string, unknown> & { status: string };
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

describe('import API', () => {
  it('uploads, inspects, dry-runs, refuses all-or-nothing, imports the valid rows and reports the refused ones', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const uploadId = await upload(call, report);

    const inspect = await call({ method: 'POST', url: '/api/v1/imports/inspect', payload: { uploadId } });
    expect(inspect.statusCode, inspect.body).toBe(200);
    expect(inspect.json()).toMatchObject({
      format: 'csv',
      headerRow: 1,
      kind: 'sales',
      missing: [],
      details: { encoding: 'windows-1251', delimiter: ';' },
      mapping: ['documentNumber', 'documentDate', 'client', 'clientInn', 'item', 'qty', 'price'],
      sample: [
        { rowNo: 2, cells: ['Р-1', '01.02.2024', 'Альфа', '7728168971', 'Болт', '10', '5,00'] },
        { rowNo: 3 },
        { rowNo: 4 },
      ],
    });

    const dry = await call({
      method: 'POST',
      url: '/api/v1/imports',
      payload: { uploadId, fileName: 'sales.csv', kind: 'sales', dryRun: true, mode: 'valid' },
    });
    expect(dry.statusCode, dry.body).toBe(202);
    const dryJob = await finished(call, dry.json<{ id: number }>().id);
    expect(dryJob).toMatchObject({
      status: 'done',
      dryRun: true,
      rowsRead: 3,
      rowsValid: 2,
      rowsRejected: 1,
      outcome: { documentsCreated: 2 },
    });

    const strict = await call({
      method: 'POST',
      url: '/api/v1/imports',
      payload: { uploadId, fileName: 'sales.csv', kind: 'sales' },
    });
    expect(await finished(call, strict.json<{ id: number }>().id)).toMatchObject({
      status: 'rejected',
      rowsRejected: 1,
    });
    const {
      rows: [none],
    } = await db.engine.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE org_id = $1', [owner.orgId]);
    expect(none!.n).toBe(0);

    const valid = await call({
      method: 'POST',
      url: '/api/v1/imports',
      payload: { uploadId, fileName: 'sales.csv', kind: 'sales', mode: 'valid' },
    });
    const id = valid.json<{ id: number }>().id;
    expect(await finished(call, id)).toMatchObject({
      status: 'done',
      rowsValid: 2,
      outcome: { documentsCreated: 2, linesWritten: 2, analytics: 'kept' },
    });

    const rejects = await call({ method: 'GET', url: `/api/v1/imports/${id}/rejects` });
    expect(rejects.json()).toMatchObject({
      total: 2,
      items: [
        { rowNo: 3, column: 'Дата', reason: 'no_such_date', message: { en: 'no such day in the calendar' } },
        { rowNo: 3, column: 'ИНН', reason: 'checksum' },
      ],
    });
    const csv = await call({ method: 'GET', url: `/api/v1/imports/${id}/rejects?format=csv&lang=ru` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Строка;Колонка;Поле;Значение;Причина;Код причины');
    expect(csv.body).toContain('3;Дата;documentDate;31.02.2024;такой даты нет в календаре;no_such_date');
    const xlsx = await call({ method: 'GET', url: `/api/v1/imports/${id}/rejects?format=xlsx&lang=en` });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    // What came in goes out again: every list exports with the user's language headers.
    const orders = await call({ method: 'GET', url: '/api/v1/orders?format=csv&lang=ru' });
    expect(orders.headers['content-type']).toContain('text/csv');
    const [head, ...rows] = orders.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(head!.split(';').slice(0, 7)).toEqual([
      'Код в Rapport',
      'Код клиента',
      'Код юрлица',
      'Номер',
      'Дата',
      'Статус',
      'Способ доставки',
    ]);
    expect(rows.map((r) => r.split(';')[3]).sort()).toEqual(['Р-1', 'Р-3']);
    const clientsEn = await call({ method: 'GET', url: '/api/v1/clients?format=csv&lang=en&sort=name' });
    expect(clientsEn.body.replace('\uFEFF', '').split('\r\n')[0]).toBe(
      'Rapport ID;Name;Status;Industry;Region;Owner ID;Owner;INN;Legal name;Tags;Created (UTC);Changed (UTC)',
    );
    expect(clientsEn.body).toContain('Альфа;Active'); // the status in words, as the web app shows it
    // Russian: the document's status in words, its total with the decimal comma, its date as DD.MM.YYYY.
    const order = rows.find((r) => r.includes(';Р-1;'))!.split(';');
    expect(order.slice(4, 6)).toEqual(['01.02.2024', 'Выполнен']);
    expect(order[head!.split(';').indexOf('Сумма')]).toMatch(/^\d+,\d\d$/);
    const xlsxList = await call({ method: 'GET', url: '/api/v1/payments?format=xlsx' });
    expect(xlsxList.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const [orderSheet] = readWorkbook(
      (await call({ method: 'GET', url: '/api/v1/orders?format=xlsx&lang=ru' })).rawPayload,
    );
    expect(orderSheet!.column('Сумма')).toHaveLength(2);
    expect(orderSheet!.column('Сумма').every((c) => c?.type === 'number' && c.format === '#,##0.00')).toBe(true);
    expect(orderSheet!.column('Дата').every((c) => c?.type === 'number' && c.format === 'dd.mm.yyyy')).toBe(true);
    expect(orderSheet!.column('Код в Rapport').every((c) => c?.type === 'number' && c.format === 'General')).toBe(true);
    expect(orderSheet!.column('Статус').every((c) => c?.type === 'text' && c.value === 'Выполнен')).toBe(true);
    expect(
      orderSheet!
        .column('Номер')
        .map((c) => c?.value)
        .sort(),
    ).toEqual(['Р-1', 'Р-3']);

    const list = await call({ method: 'GET', url: '/api/v1/imports' });
    expect(
      list
        .json<{ id: number }[]>()
        .map((j) => j.id)
        .slice(0, 3),
    ).toEqual([id, strict.json<{ id: number }>().id, dry.json<{ id: number }>().id]);
  });

  it('a line repeated in a document is a warning of the dry run and the import, with its count, not a refusal', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const uploadId = await upload(
      call,
      [
        'Номер;Дата;Контрагент;Номенклатура;Количество;Цена',
        'Р-1;01.02.2024;Альфа;Болт;10;5,00',
        'Р-1;01.02.2024;Альфа;Болт;10;5,00',
        'Р-1;01.02.2024;Альфа;Гайка;1;2,00',
      ].join('\n'),
    );
    // The file has no cost column and the catalogue no purchase price: its three lines' cost is unknown, and said.
    const warnings = [
      {
        reason: 'repeated_lines',
        count: 1,
        rows: [{ rowNo: 3, first: 2 }],
        message: {
          ru: expect.stringContaining('строка 3 повторяет строку 2'),
          en: expect.stringContaining('row 3 repeats row 2'),
        },
        code: 'import.warning.repeatedLines1',
        params: { count: 1, row1: 3, first1: 2 },
      },
      {
        reason: 'unknown_cost',
        count: 3,
        rows: [],
        message: {
          ru: expect.stringContaining('Строк без себестоимости: 3 (100 %'),
          en: expect.stringContaining('3 lines without a cost (100 %'),
        },
        code: 'import.warning.unknownCost',
        params: { count: 3, share: 100 },
      },
    ];
    for (const dryRun of [true, false]) {
      const started = await call({
        method: 'POST',
        url: '/api/v1/imports',
        payload: { uploadId, fileName: 'sales.csv', kind: 'sales', dryRun },
      });
      expect(started.statusCode, started.body).toBe(202);
      expect(started.json()).toMatchObject({ warnings: [] });
      const job = await finished(call, started.json<{ id: number }>().id);
      expect(job).toMatchObject({
        status: 'done',
        dryRun,
        rowsValid: 3,
        rowsRejected: 0,
        outcome: { documentsCreated: 1, linesWritten: 3 },
        warnings,
      });
      expect(job.outcome).not.toHaveProperty('warnings');
    }
    const listed = (await call({ method: 'GET', url: '/api/v1/imports' })).json<{ warnings: unknown[] }[]>();
    expect(listed.map((j) => j.warnings)).toEqual([warnings, warnings]);
  });

  it('saves a mapping by header and offers it for the next file; gives empty templates in both languages', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const saved = await call({
      method: 'POST',
      url: '/api/v1/imports/mappings',
      payload: {
        name: 'Продажи из 1С',
        kind: 'sales',
        headers: ['Номер', 'Дата', 'Покупатель'],
        mapping: ['documentNumber', 'documentDate', 'client'],
      },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({
      columns: { номер: 'documentNumber', дата: 'documentDate', покупатель: 'client' },
    });
    const uploadId = await upload(call, report);
    const inspect = await call({ method: 'POST', url: '/api/v1/imports/inspect', payload: { uploadId } });
    expect(inspect.json<{ savedMappings: { name: string }[] }>().savedMappings.map((m) => m.name)).toEqual([
      'Продажи из 1С',
    ]);
    const template = await call({ method: 'GET', url: '/api/v1/imports/template?kind=payments&format=csv&lang=en' });
    expect(template.body.replace('\uFEFF', '').split('\r\n')[0]).toBe(
      'External ID;Date;Amount;Client;INN;KPP;Client code;Invoice;Comment',
    );
    const ru = await call({ method: 'GET', url: '/api/v1/imports/template?kind=payments&format=csv&lang=ru' });
    expect(ru.body.replace('\uFEFF', '').split('\r\n')[0]).toBe(
      'Ид;Дата;Сумма;Контрагент;ИНН;КПП;Код контрагента;Документ расчетов;Комментарий',
    );
    const gone = await call({ method: 'DELETE', url: `/api/v1/imports/mappings/${saved.json<{ id: number }>().id}` });
    expect(gone.statusCode).toBe(204);
  });

  it("refuses bad requests with the field at fault, other organisations' uploads and jobs, and readers", async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const uploadId = await upload(call, report);
    const bad = await call({
      method: 'POST',
      url: '/api/v1/imports',
      payload: { uploadId, fileName: 'x.csv', kind: 'invoices' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const badMapping = await call({
      method: 'POST',
      url: '/api/v1/imports',
      payload: { uploadId, fileName: 'x.csv', kind: 'sales', mapping: ['documentNumber', 'documentNumber'] },
    });
    expect(badMapping.statusCode).toBe(400);
    expect(badMapping.json()).toMatchObject({
      code: 'invalid_input',
      errors: [
        { field: 'mapping[1]', reason: 'twice', message: 'the field “documentNumber” is chosen for two columns' },
      ],
    });
    const job = await call({
      method: 'POST',
      url: '/api/v1/imports',
      payload: { uploadId, fileName: 'x.csv', kind: 'sales', dryRun: true },
    });
    await finished(call, job.json<{ id: number }>().id);

    const other = await buildOrg(db);
    const otherCall = await signedIn(app, other.email);
    const stolen = await otherCall({ method: 'POST', url: '/api/v1/imports/inspect', payload: { uploadId } });
    expect(stolen.statusCode).toBe(404);
    const theirs = await otherCall({ method: 'GET', url: `/api/v1/imports/${job.json<{ id: number }>().id}` });
    expect(theirs.statusCode).toBe(404);

    const reader = await buildUser(db, owner.orgId, 'read_only');
    const readerCall = await signedIn(app, reader.email);
    const refused = await readerCall({
      method: 'POST',
      url: '/api/v1/imports/uploads',
      payload: 'a;b\n1;2\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(refused.statusCode).toBe(403);
  });
});
