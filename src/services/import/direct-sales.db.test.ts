import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { innFor, salesHeader, writeSalesFile } from '../../../bench/sales-file.js';
import { settableClock, useDatabase } from '../../../test/support/database.js';
import { buildOrg, buildProduct } from '../../../test/support/factories.js';
import { getClientAnalytics } from '../analytics/reports.js';
import type { Actor } from '../actor.js';
import { lineStart, splitCsv } from '../../files/csv-source.js';
import { runImport, type ImportRequest, type ImportResult } from './run-import.js';
import { translateMessage } from '../../core/messages/index.js';

// The direct path (order lines written as the file is read, two readers) must leave exactly what the
// staged path (one reader, everything staged, merged at the end) leaves: same result, same rows.
const clock = settableClock();
const db = await useDatabase({ clock });
const dir = mkdtempSync(join(tmpdir(), 'rapport-direct-'));
let files = 0;
const file = (text: string) => {
  const path = join(dir, `f${++files}.csv`);
  writeFileSync(path, text);
  return path;
};

const staged = (actor: Actor, path: string, extra: Partial<ImportRequest> = {}) =>
  runImport(db, actor, { path, kind: 'sales', readers: 'main', direct: false, ...extra });
const direct = (actor: Actor, path: string, extra: Partial<ImportRequest> = {}) =>
  runImport(db, actor, { path, kind: 'sales', readers: 'workers', readerThreads: 2, direct: true, ...extra });

/** Everything an import leaves in an organisation, by what it means rather than by ids. */
async function contents(orgId: number) {
  const q = async (text: string) => (await db.engine.query<Record<string, unknown>>(text, [orgId])).rows;
  return {
    lines:
      await q(`SELECT o.number, o.order_date::text AS day, l.line_no, c.name AS client, p.sku, l.quantity::text AS qty, l.price::text AS price,
        l.unit_cost::text AS unit_cost, l.list_price::text AS list_price, l.amount::text AS amount, l.cost_amount::text AS cost, l.cost_basis,
        l.client_id = o.client_id AS same_client, l.order_date = o.order_date AS same_day
      FROM order_lines l JOIN orders o ON o.org_id = l.org_id AND o.id = l.order_id JOIN clients c ON c.org_id = l.org_id AND c.id = l.client_id
      JOIN products p ON p.org_id = l.org_id AND p.id = l.product_id
      WHERE l.org_id = $1 ORDER BY o.number, o.order_date, l.line_no`),
    orders:
      await q(`SELECT o.number, o.order_date::text AS day, o.status, o.total::text AS total, o.cost_total::text AS cost_total, c.name AS client,
        u.email AS manager, o.external_id, o.logistics_cost::text AS logistics, o.delivery_method, o.payment_due_date::text AS due
      FROM orders o JOIN clients c ON c.org_id = o.org_id AND c.id = o.client_id LEFT JOIN users u ON u.org_id = o.org_id AND u.id = o.manager_user_id
      WHERE o.org_id = $1 ORDER BY o.number, o.order_date`),
    clients: await q(`SELECT c.name, c.status, c.external_id, le.inn, le.kpp, le.is_primary, le.legal_form, le.full_name
      FROM clients c LEFT JOIN legal_entities le ON le.org_id = c.org_id AND le.client_id = c.id WHERE c.org_id = $1 ORDER BY c.name, le.inn, le.kpp`),
    products: await q(
      'SELECT sku, name, product_group, unit, external_id FROM products WHERE org_id = $1 ORDER BY sku, name',
    ),
    lineIdsDense: (
      await q(`SELECT count(*)::int AS n FROM (SELECT order_id FROM order_lines WHERE org_id = $1 GROUP BY order_id
      HAVING max(line_no) <> count(*) OR min(line_no) <> 1) gaps`)
    )[0],
  };
}

const comparable = (r: ImportResult) => ({ ...r, rejects: r.rejects.map((x) => [x.rowNo, x.reason, x.field]) });

/** A 1C-style file of `lines` lines whose two halves cut a document: the boundary case the direct path must join. */
async function salesFile(lines: number): Promise<{ path: string; rows: string[] }> {
  const path = join(dir, `sales-${++files}.csv`);
  await writeSalesFile(path, { lines, clients: 300, products: 200 });
  const rows = readFileSync(path, 'utf8')
    .split('\r\n')
    .filter((l) => l !== '');
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

    const a = await buildOrg(db),
      b = await buildOrg(db);
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
    const a = await buildOrg(db),
      b = await buildOrg(db);
    await staged(a, path);
    await direct(b, path);
    const again = await direct(b, path);
    expect(again.outcome).toMatchObject({
      documentsCreated: 0,
      documentsUpdated: 0,
      documentsUnchanged: 2400,
      linesWritten: 0,
    });
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
    const a = await buildOrg(db),
      b = await buildOrg(db);
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
    const path = file(
      [...rows.slice(0, header + 100), bad.join(';'), ...rows.slice(header + 101), rows[header + 1]].join('\r\n'),
    );
    const a = await buildOrg(db),
      b = await buildOrg(db);
    const one = await staged(a, path);
    const two = await direct(b, path);
    expect(two.status).toBe('rejected');
    expect(comparable(two)).toEqual(comparable(one));
    expect(two.rejects.map((r) => r.reason)).toEqual(['no_such_date']);
    expect(two.warnings.map((w) => [w.reason, w.rows])).toEqual([
      ['repeated_lines', [{ rowNo: rows.length + 1, first: header + 2 }]],
    ]);
    expect(await contents(b.orgId)).toMatchObject({ lines: [], orders: [], clients: [], products: [] });
  }, 180_000);

  it("keeps rows repeated within one reader's part, several times over, as lines of their own, reported as the staged path does; a second import changes nothing", async () => {
    const { rows } = await salesFile(24_000);
    const header = rows.indexOf(salesHeader) + 1;
    const path = file([...rows, rows[header + 1], rows[header + 5000], rows[header + 1]].join('\r\n'));
    const a = await buildOrg(db),
      b = await buildOrg(db);
    const one = await staged(a, path);
    const two = await direct(b, path, { readerThreads: 1 });
    expect(two.warnings.map((w) => [w.reason, w.count, w.rows])).toEqual([
      [
        'repeated_lines',
        3,
        [
          { rowNo: rows.length + 1, first: header + 2 },
          { rowNo: rows.length + 2, first: header + 5001 },
          { rowNo: rows.length + 3, first: header + 2 },
        ],
      ],
    ]);
    expect(two).toEqual(one);
    expect(two).toMatchObject({ status: 'done', rowsValid: 24_003, outcome: { linesWritten: 24_003 } });
    expect(await contents(b.orgId)).toEqual(await contents(a.orgId));
    const again = await direct(b, path);
    expect(again.outcome).toMatchObject({
      documentsCreated: 0,
      documentsUpdated: 0,
      documentsUnchanged: 2400,
      linesWritten: 0,
    });
    expect(again.warnings).toEqual(two.warnings);
  }, 180_000);

  it('falls back to one reader when a document has another client in a later part, refusing that row as the staged path does', async () => {
    const { rows } = await salesFile(24_000);
    const first = rows[rows.indexOf(salesHeader) + 1]!.split(';');
    const path = file(
      `${rows.join('\r\n')}\r\n${[...first.slice(0, 2), 'ООО «Другой»', '7702070139', ...first.slice(4, 6), 'Z-1', ...first.slice(7)].join(';')}\r\n`,
    );
    const a = await buildOrg(db),
      b = await buildOrg(db);
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
    const named = (at: number, name: string, code: string) => {
      const c = rows[at]!.split(';');
      c[5] = name;
      c[6] = code;
      return c.join(';');
    };
    const edits = new Map([
      [header + 100, named(header + 100, 'FRENCH PAISLEY CUSHION COVER', '20839')],
      [header + 20_100, named(header + 20_100, 'French Paisley Cushion Cover', '20836')],
      [header + 200, named(header + 200, 'Подушка без артикула', '')],
      [header + 20_200, named(header + 20_200, 'Подушка без артикула', 'P-2')],
      [header + 300, named(header + 300, 'Коврик', 'K-1')],
      [header + 20_300, named(header + 20_300, 'Коврик', '')],
    ]);
    const path = file(rows.map((r, i) => edits.get(i) ?? r).join('\r\n'));
    const a = await buildOrg(db),
      b = await buildOrg(db),
      c = await buildOrg(db);
    const one = await staged(a, path);
    const two = await direct(b, path);
    const alone = await direct(c, path, { readerThreads: 1 });
    expect(two).toEqual(one);
    expect(alone).toEqual(one);
    const ca = await contents(a.orgId);
    const shared = ca.products.filter((p) => /paisley|подушка|коврик/i.test(String(p.name)));
    expect(shared.map((p) => [p.sku, p.name])).toEqual([
      ['', 'Коврик'],
      ['', 'Подушка без артикула'],
      ['20836', 'French Paisley Cushion Cover'],
      ['20839', 'FRENCH PAISLEY CUSHION COVER'],
      ['K-1', 'Коврик'],
      ['P-2', 'Подушка без артикула'],
    ]);
    expect(await contents(b.orgId)).toEqual(ca);
    expect(await contents(c.orgId)).toEqual(ca);
  }, 180_000);

  describe('a file without a cost: unknown stays unknown', () => {
    beforeAll(() => clock.set('2026-06-15'));
    afterAll(() => clock.set(null));

    // Client 1 buys 10 × A at 100.00 and 2 × B at 500.00 (2000.00); client 2 buys 5 × A at 100.00 (500.00). With a cost
    // column, only A's line of client 1 has a cost: 700.00.
    const small = (withCost: boolean) => {
      const head =
        'Документ;Дата;Контрагент;ИНН;Номенклатура;Артикул;Количество;Цена;Сумма' + (withCost ? ';Себестоимость' : '');
      const row = (doc: string, client: number, item: string, qty: number, price: string, sum: string, cost: string) =>
        `Реализация товаров и услуг ${doc} от 05.05.2026 12:00:00;05.05.2026;ООО «Клиент ${client}»;${innFor(client)};Товар ${item};${item}-1;${qty};${price};${sum}` +
        (withCost ? `;${cost}` : '');
      return file(
        [
          head,
          row('00-1', 1, 'A', 10, '100,00', '1000,00', '700,00'),
          row('00-1', 1, 'B', 2, '500,00', '1000,00', ''),
          row('00-2', 2, 'A', 5, '100,00', '500,00', ''),
        ].join('\r\n'),
      );
    };
    const figures = async (actor: Actor) => {
      const { rows } = await db.engine.query<{ id: number; name: string }>(
        'SELECT id, name FROM clients WHERE org_id = $1 ORDER BY name',
        [actor.orgId],
      );
      return Promise.all(
        rows.map(async (c) => {
          const f = (await getClientAnalytics(db, actor, Number(c.id))).figures;
          return [
            c.name,
            {
              revenue: f.revenue,
              uncostedRevenue: f.uncostedRevenue,
              cost: f.cost,
              margin: f.margin,
              marginPct: f.marginPct,
              profit: f.profit,
            },
          ];
        }),
      );
    };
    const bases = async (orgId: number) => (await contents(orgId)).lines.map((l) => [l.sku, l.cost, l.cost_basis]);
    const both = async (path: string, catalogue: (actor: Actor) => Promise<unknown>) => {
      const a = await buildOrg(db),
        b = await buildOrg(db);
      await catalogue(a);
      await catalogue(b);
      const one = await staged(a, path);
      const two = await direct(b, path);
      expect(two).toEqual(one);
      expect(await contents(b.orgId)).toEqual(await contents(a.orgId));
      expect(await figures(b)).toEqual(await figures(a));
      return { a, result: one };
    };
    const none = async () => undefined;

    it('no cost column and an empty catalogue: margin and profit unknown, not 100 %, with a warning', async () => {
      const { a, result } = await both(small(false), none);
      expect(await bases(a.orgId)).toEqual([
        ['A-1', '0', 'unknown'],
        ['B-1', '0', 'unknown'],
        ['A-1', '0', 'unknown'],
      ]);
      expect(await figures(a)).toEqual([
        [
          'ООО «Клиент 1»',
          { revenue: '2000.00', uncostedRevenue: '2000.00', cost: null, margin: null, marginPct: null, profit: null },
        ],
        [
          'ООО «Клиент 2»',
          { revenue: '500.00', uncostedRevenue: '500.00', cost: null, margin: null, marginPct: null, profit: null },
        ],
      ]);
      expect(result.warnings.map((w) => [w.reason, w.count])).toEqual([['unknown_cost', 3]]);
      expect(translateMessage('ru', result.warnings[0]!)).toContain('100 % суммы продаж');
    }, 60_000);

    it("takes the catalogue's purchase price where it has one, labelled, never the list price", async () => {
      // A costs 60.00 in the catalogue; B has only a list price (a selling price, not a cost).
      const catalogue = async (actor: Actor) => {
        await buildProduct(db, actor, { sku: 'A-1', name: 'Товар A', listPrice: '100.00', cost: '60.00' });
        await buildProduct(db, actor, { sku: 'B-1', name: 'Товар B', listPrice: '550.00', cost: '0.00' });
      };
      const { a, result } = await both(small(false), catalogue);
      expect(await bases(a.orgId)).toEqual([
        ['A-1', '60000', 'catalogue'],
        ['B-1', '0', 'unknown'],
        ['A-1', '30000', 'catalogue'],
      ]);
      // Client 1: costed revenue 2000 − 1000 (B) = 1000.00, cost 10 × 60.00 = 600.00, margin 400.00 = 40 % of the costed part.
      // Client 2: cost 5 × 60.00 = 300.00, margin 200.00, 40 %.
      expect(await figures(a)).toEqual([
        [
          'ООО «Клиент 1»',
          {
            revenue: '2000.00',
            uncostedRevenue: '1000.00',
            cost: '600.00',
            margin: '400.00',
            marginPct: 40,
            profit: '400.00',
          },
        ],
        [
          'ООО «Клиент 2»',
          {
            revenue: '500.00',
            uncostedRevenue: '0.00',
            cost: '300.00',
            margin: '200.00',
            marginPct: 40,
            profit: '200.00',
          },
        ],
      ]);
      // B's 1000.00 of 2500.00 of sales has no cost: 40 %.
      expect(result.warnings.map((w) => [w.reason, w.count])).toEqual([
        ['unknown_cost', 1],
        ['catalogue_cost', 2],
      ]);
      expect(translateMessage('en', result.warnings[0]!)).toContain('40 % of the file');
    }, 60_000);

    it("a mixed file: the file's cost where it has one, the catalogue's, then unknown; a re-import changes nothing", async () => {
      const catalogue = (actor: Actor) =>
        buildProduct(db, actor, { sku: 'A-1', name: 'Товар A', listPrice: '100.00', cost: '60.00' });
      const path = small(true);
      const { a } = await both(path, catalogue);
      expect(await bases(a.orgId)).toEqual([
        ['A-1', '70000', 'document'],
        ['B-1', '0', 'unknown'],
        ['A-1', '30000', 'catalogue'],
      ]);
      expect((await figures(a))[0]).toEqual([
        'ООО «Клиент 1»',
        {
          revenue: '2000.00',
          uncostedRevenue: '1000.00',
          cost: '700.00',
          margin: '300.00',
          marginPct: 30,
          profit: '300.00',
        },
      ]);
      expect((await staged(a, path)).outcome).toMatchObject({ documentsUnchanged: 2, documentsUpdated: 0 });
    }, 60_000);

    it('a larger file with blank costs on both readers leaves the same rows both ways', async () => {
      const { rows } = await salesFile(6000);
      const header = rows.indexOf(salesHeader) + 1;
      // Every third line loses its cost; products A-0 … A-9 have a purchase price in the catalogue.
      const path = file(
        rows
          .map((r, i) => {
            if (i < header || i % 3 !== 0) return r;
            const c = r.split(';');
            c[10] = '';
            return c.join(';');
          })
          .join('\r\n'),
      );
      const catalogue = async (actor: Actor) => {
        for (let k = 0; k < 10; k++)
          await buildProduct(db, actor, { sku: `A-${k}`, name: `Товар ${k}`, cost: '10.00' });
      };
      const { a, result } = await both(path, catalogue);
      const counted = (await bases(a.orgId)).reduce<Record<string, number>>(
        (n, [, , basis]) => ({ ...n, [String(basis)]: (n[String(basis)] ?? 0) + 1 }),
        {},
      );
      expect(counted.unknown).toBeGreaterThan(0);
      expect(counted.catalogue).toBeGreaterThan(0);
      expect(result.warnings.find((w) => w.reason === 'unknown_cost')?.count).toBe(counted.unknown);
      expect(result.warnings.find((w) => w.reason === 'catalogue_cost')?.count).toBe(counted.catalogue);
    }, 180_000);
  });

  it('a dry run answers the same outcome and writes nothing', async () => {
    const { path } = await salesFile(24_000);
    const a = await buildOrg(db),
      b = await buildOrg(db);
    const one = await staged(a, path, { dryRun: true });
    const two = await direct(b, path, { dryRun: true });
    expect(two).toEqual(one);
    expect(await contents(b.orgId)).toMatchObject({ lines: [], orders: [], clients: [] });
  }, 180_000);
});
