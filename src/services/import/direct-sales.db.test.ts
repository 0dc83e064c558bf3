import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesHeader, writeSalesFile } from '../../../bench/sales-file.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildOrg } from '../../../test/support/factories.js';
import type { Actor } from '../actor.js';
import { lineStart, splitCsv } from './csv-source.js';
import { runImport, type ImportRequest, type ImportResult } from './run-import.js';

// The direct path (order lines written as the file is read, two readers) must leave exactly what the
// staged path (one reader, everything staged, merged at the end) leaves: same result, same rows.
const db = await useDatabase();
const dir = mkdtempSync(join(tmpdir(), 'rapport-direct-'));
let files = 0;
const file = (text: string) => {
  const path = join(dir, `f${++files}.csv`);
  writeFileSync(path, text);
  return path;
};

beforeAll(() => { process.env.RAPPORT_IMPORT_READERS = '2'; });
afterAll(() => { delete process.env.RAPPORT_IMPORT_READERS; });

const staged = (actor: Actor, path: string, extra: Partial<ImportRequest> = {}) =>
  runImport(db, actor, { path, kind: 'sales', readers: 'main', direct: false, ...extra });
const direct = (actor: Actor, path: string, extra: Partial<ImportRequest> = {}) =>
  runImport(db, actor, { path, kind: 'sales', readers: 'workers', direct: true, ...extra });

/** Everything an import leaves in an organisation, by what it means rather than by ids. */
async function contents(orgId: number) {
  const q = async (text: string) => (await db.engine.query<Record<string, unknown>>(text, [orgId])).rows;
  return {
    lines: await q(`SELECT o.number, o.order_date::text AS day, l.line_no, c.name AS client, p.sku, l.quantity::text AS qty, l.price::text AS price,
        l.unit_cost::text AS unit_cost, l.list_price::text AS list_price, l.amount::text AS amount, l.cost_amount::text AS cost,
        l.client_id = o.client_id AS same_client, l.order_date = o.order_date AS same_day
      FROM order_lines l JOIN orders o ON o.org_id = l.org_id AND o.id = l.order_id JOIN clients c ON c.org_id = l.org_id AND c.id = l.client_id
      JOIN products p ON p.org_id = l.org_id AND p.id = l.product_id
      WHERE l.org_id = $1 ORDER BY o.number, o.order_date, l.line_no`),
    orders: await q(`SELECT o.number, o.order_date::text AS day, o.status, o.total::text AS total, o.cost_total::text AS cost_total, c.name AS client,
        u.email AS manager, o.external_id, o.logistics_cost::text AS logistics, o.delivery_method, o.payment_due_date::text AS due
      FROM orders o JOIN clients c ON c.org_id = o.org_id AND c.id = o.client_id LEFT JOIN users u ON u.org_id = o.org_id AND u.id = o.manager_user_id
      WHERE o.org_id = $1 ORDER BY o.number, o.order_date`),
    clients: await q(`SELECT c.name, c.status, c.external_id, le.inn, le.kpp, le.is_primary, le.legal_form, le.full_name
      FROM clients c LEFT JOIN legal_entities le ON le.org_id = c.org_id AND le.client_id = c.id WHERE c.org_id = $1 ORDER BY c.name, le.inn, le.kpp`),
    products: await q('SELECT sku, name, product_group, unit, external_id FROM products WHERE org_id = $1 ORDER BY sku, name'),
    lineIdsDense: (await q(`SELECT count(*)::int AS n FROM (SELECT order_id FROM order_lines WHERE org_id = $1 GROUP BY order_id
      HAVING max(line_no) <> count(*) OR min(line_no) <> 1) gaps`))[0],
  };
}

const comparable = (r: ImportResult) => ({ ...r, rejects: r.rejects.map((x) => [x.rowNo, x.reason, x.field]) });

/** A 1C-style file of `lines` lines whose two halves cut a document: the boundary case the direct path must join. */
async function salesFile(lines: number): Promise<{ path: string; rows: string[] }> {
  const path = join(dir, `sales-${++files}.csv`);
  await writeSalesFile(path, { lines, clients: 300, products: 200 });
  const rows = readFileSync(path, 'utf8').split('\r\n').filter((l) => l !== '');
  return { path, rows };
}

describe('a sales file written as it is read (direct path)', () => {
  it('leaves exactly what the staged path leaves, a document cut by the part boundary joined in file order', async () => {
    const { path, rows } = await salesFile(24_000);
    const header = rows.indexOf(salesHeader) + 1;
    const [first, second] = await splitCsv(path, await lineStart(path, header + 1), header + 1, 2);
    expect(second).toBeDefined();
    // The line before the cut and the line after it belong to one document.
    const title = (lineNo: number) => rows[lineNo - 1]!.split(';')[0];
    expect(title(second!.firstLine - 1)).toBe(title(second!.firstLine));
    expect(first!.end).toBe(second!.start);

    const a = await buildOrg(db), b = await buildOrg(db);
    const one = await staged(a, path);
    const two = await direct(b, path);
    expect(two).toEqual(one);
    expect(two.outcome).toMatchObject({ documentsCreated: 2400, linesWritten: 24_000 });
    const [ca, cb] = [await contents(a.orgId), await contents(b.orgId)];
    expect(cb.lineIdsDense).toEqual({ n: 0 });
    expect(cb).toEqual(ca);
  }, 180_000);

  it('a second import of the same file changes nothing; a changed document is replaced, the rest left alone', async () => {
    const { path, rows } = await salesFile(24_000);
    const a = await buildOrg(db), b = await buildOrg(db);
    await staged(a, path);
    await direct(b, path);
    const again = await direct(b, path);
    expect(again.outcome).toMatchObject({ documentsCreated: 0, documentsUpdated: 0, documentsUnchanged: 2400, linesWritten: 0 });
    // One line of a document in the second half gets another amount in 1C.
    const at = rows.length - 35;
    const cells = rows[at]!.split(';');
    cells[9] = '1,00';
    const changed = file([...rows.slice(0, at), cells.join(';'), ...rows.slice(at + 1)].join('\r\n'));
    const one = await staged(a, changed);
    const two = await direct(b, changed);
    expect(two.outcome).toMatchObject({ documentsUpdated: 1, documentsUnchanged: 2399, documentsCreated: 0 });
    expect(two).toEqual(one);
    expect(await contents(b.orgId)).toEqual(await contents(a.orgId));
  }, 180_000);

  it('adds to an organisation that has part of the documents already', async () => {
    const { path, rows } = await salesFile(24_000);
    const header = rows.indexOf(salesHeader) + 1;
    const half = file(rows.slice(0, header + 12_000).join('\r\n'));
    const a = await buildOrg(db), b = await buildOrg(db);
    await staged(a, half);
    await staged(b, half);
    const one = await staged(a, path);
    const two = await direct(b, path);
    expect(two.outcome).toMatchObject({ documentsUnchanged: 1200, documentsCreated: 1200 });
    expect(two).toEqual(one);
    expect(await contents(b.orgId)).toEqual(await contents(a.orgId));
  }, 180_000);

  it('refuses the whole file on a bad row, naming it and a row repeated across the parts, and writes nothing', async () => {
    const { rows } = await salesFile(24_000);
    const header = rows.indexOf(salesHeader) + 1;
    const bad = rows[header + 100]!.split(';');
    bad[1] = '31.02.2024';
    const path = file([...rows.slice(0, header + 100), bad.join(';'), ...rows.slice(header + 101), rows[header + 1]].join('\r\n'));
    const a = await buildOrg(db), b = await buildOrg(db);
    const one = await staged(a, path);
    const two = await direct(b, path);
    expect(two.status).toBe('rejected');
    expect(comparable(two)).toEqual(comparable(one));
    expect(two.rejects.map((r) => r.reason)).toEqual(['no_such_date']);
    expect(two.warnings.map((w) => [w.reason, w.rows])).toEqual([['repeated_lines', [{ rowNo: rows.length + 1, first: header + 2 }]]]);
    expect(await contents(b.orgId)).toMatchObject({ lines: [], orders: [], clients: [], products: [] });
  }, 180_000);

  it('keeps rows repeated within one reader\'s part, several times over, as lines of their own, reported as the staged path does; a second import changes nothing', async () => {
    const { rows } = await salesFile(24_000);
    const header = rows.indexOf(salesHeader) + 1;
    const path = file([...rows, rows[header + 1], rows[header + 5000], rows[header + 1]].join('\r\n'));
    const a = await buildOrg(db), b = await buildOrg(db);
    const one = await staged(a, path);
    process.env.RAPPORT_IMPORT_READERS = '1';
    const two = await direct(b, path).finally(() => { process.env.RAPPORT_IMPORT_READERS = '2'; });
    expect(two.warnings.map((w) => [w.reason, w.count, w.rows])).toEqual([['repeated_lines', 3, [
      { rowNo: rows.length + 1, first: header + 2 }, { rowNo: rows.length + 2, first: header + 5001 }, { rowNo: rows.length + 3, first: header + 2 },
    ]]]);
    expect(two).toEqual(one);
    expect(two).toMatchObject({ status: 'done', rowsValid: 24_003, outcome: { linesWritten: 24_003 } });
    expect(await contents(b.orgId)).toEqual(await contents(a.orgId));
    const again = await direct(b, path);
    expect(again.outcome).toMatchObject({ documentsCreated: 0, documentsUpdated: 0, documentsUnchanged: 2400, linesWritten: 0 });
    expect(again.warnings).toEqual(two.warnings);
  }, 180_000);

  it('falls back to one reader when a document has another client in a later part, refusing that row as the staged path does', async () => {
    const { rows } = await salesFile(24_000);
    const first = rows[rows.indexOf(salesHeader) + 1]!.split(';');
    const path = file(`${rows.join('\r\n')}\r\n${[...first.slice(0, 2), 'ООО «Другой»', '7702070139', ...first.slice(4, 6), 'Z-1', ...first.slice(7)].join(';')}\r\n`);
    const a = await buildOrg(db), b = await buildOrg(db);
    const one = await staged(a, path);
    const two = await direct(b, path);
    expect(one.rejects.map((r) => r.reason)).toEqual(['document_client_conflict']);
    expect(comparable(two)).toEqual(comparable(one));
  }, 180_000);

  it('keeps articles that share a name apart, with one reader or two, as the staged path does', async () => {
    const { rows } = await salesFile(24_000);
    const header = rows.indexOf(salesHeader) + 1;
    // Name (cell 5) and article (cell 6) of a line: the pairs met in the first half come back in the
    // second (another batch with one reader, another part with two) under another article.
    const named = (at: number, name: string, code: string) => { const c = rows[at]!.split(';'); c[5] = name; c[6] = code; return c.join(';'); };
    const edits = new Map([
      [header + 100, named(header + 100, 'FRENCH PAISLEY CUSHION COVER', '20839')],
      [header + 20_100, named(header + 20_100, 'French Paisley Cushion Cover', '20836')],
      [header + 200, named(header + 200, 'Подушка без артикула', '')],
      [header + 20_200, named(header + 20_200, 'Подушка без артикула', 'P-2')],
      [header + 300, named(header + 300, 'Коврик', 'K-1')],
      [header + 20_300, named(header + 20_300, 'Коврик', '')],
    ]);
    const path = file(rows.map((r, i) => edits.get(i) ?? r).join('\r\n'));
    const a = await buildOrg(db), b = await buildOrg(db), c = await buildOrg(db);
    const one = await staged(a, path);
    const two = await direct(b, path);
    process.env.RAPPORT_IMPORT_READERS = '1';
    const alone = await direct(c, path).finally(() => { process.env.RAPPORT_IMPORT_READERS = '2'; });
    expect(two).toEqual(one);
    expect(alone).toEqual(one);
    const ca = await contents(a.orgId);
    const shared = ca.products.filter((p) => /paisley|подушка|коврик/i.test(String(p.name)));
    expect(shared.map((p) => [p.sku, p.name])).toEqual([
      ['', 'Коврик'], ['', 'Подушка без артикула'], ['20836', 'French Paisley Cushion Cover'], ['20839', 'FRENCH PAISLEY CUSHION COVER'],
      ['K-1', 'Коврик'], ['P-2', 'Подушка без артикула'],
    ]);
    expect(await contents(b.orgId)).toEqual(ca);
    expect(await contents(c.orgId)).toEqual(ca);
  }, 180_000);

  it('a dry run answers the same outcome and writes nothing', async () => {
    const { path } = await salesFile(24_000);
    const a = await buildOrg(db), b = await buildOrg(db);
    const one = await staged(a, path, { dryRun: true });
    const two = await direct(b, path, { dryRun: true });
    expect(two).toEqual(one);
    expect(await contents(b.orgId)).toMatchObject({ lines: [], orders: [], clients: [] });
  }, 180_000);
});
