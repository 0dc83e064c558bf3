import type { Database } from '../../database.js';
import { resolveClients, usersByName } from './resolve.js';

export type SalesOutcome = {
  clientsCreated: number;
  clientsMatched: number;
  productsCreated: number;
  productsMatched: number;
  documentsCreated: number;
  documentsUpdated: number;
  documentsUnchanged: number;
  linesWritten: number;
  returns: number;
  cancelled: number;
};

/** What a merge touched, for the analytics upkeep that follows it. */
export type MergeTouch = { clientIds: number[]; days: string[] };

/**
 * Merges staged sales (s_clients, s_items, s_docs, s_lines) into clients, products, orders and
 * order lines. A document is found by its 1C id, else by number and date: when its client, date,
 * status, totals and line count are the same it is left alone (re-importing a file changes
 * nothing); when they differ its lines are replaced. Clients and products missing are created.
 */
export async function mergeSales(db: Database, orgId: number): Promise<{ outcome: SalesOutcome; touch: MergeTouch }> {
  const q = (text: string) => db.engine.query(text, [orgId]);
  const clients = await resolveClients(db, orgId, { create: true });
  const items = await resolveItems(db, orgId, 's_items');
  await addDocumentColumns(db, 's_docs');
  await db.engine.exec('UPDATE s_docs d SET client_id = c.client_id FROM s_clients c WHERE c.key = d.client_key');
  await stagedTotals(db, orgId, 'TRUE');
  await q(`UPDATE s_docs d SET order_id = o.id, old_client = o.client_id, old_day = o.order_date, action = ${sameDocument}
    FROM orders o WHERE o.org_id = $1 AND d.ext IS NOT NULL AND o.external_id = d.ext`);
  await q(`UPDATE s_docs d SET order_id = o.id, old_client = o.client_id, old_day = o.order_date, action = ${sameDocument}
    FROM (SELECT DISTINCT ON (number, order_date) * FROM orders WHERE org_id = $1 ORDER BY number, order_date, id) o
    WHERE d.order_id IS NULL AND o.number = d.number AND o.order_date = d.day`);
  // New documents take ids in file order, so the list shows them as the file had them.
  await db.engine.exec(`UPDATE s_docs d SET order_id = n.id, action = 'new' FROM (
      SELECT key, nextval(pg_get_serial_sequence('orders', 'id')) AS id FROM (SELECT key FROM s_docs WHERE order_id IS NULL ORDER BY first_row) k) n
    WHERE d.key = n.key`);
  await writeDocuments(db, orgId, { insertNew: true });
  const linesWritten = await insertStagedLines(db, orgId, ['new', 'updated']);
  return settleSales(db, orgId, clients, items, linesWritten);
}

/**
 * The documents of a direct import that the organisation already had (action "existing", their
 * lines in s_lines): compared with their orders as the staged merge compares them, replaced where
 * they differ; then the new documents' orders (totals already in s_docs) and the tally.
 */
export async function finishStagedDocuments(
  db: Database,
  orgId: number,
  counts: {
    clients: { created: number; matched: number };
    items: { created: number; matched: number };
    linesWritten: number;
  },
  opts: { existing: boolean },
): Promise<{ outcome: SalesOutcome; touch: MergeTouch }> {
  // A file of documents all new to the organisation has nothing staged to compare.
  if (!opts.existing) return settleSales(db, orgId, counts.clients, counts.items, counts.linesWritten);
  await stagedTotals(db, orgId, "d.action = 'existing'");
  await db.engine.query(
    `UPDATE s_docs d SET old_client = o.client_id, old_day = o.order_date, action = ${sameDocument}
    FROM orders o WHERE o.org_id = $1 AND d.action = 'existing' AND o.id = d.order_id`,
    [orgId],
  );
  // The new documents' orders went in as they were read.
  await writeDocuments(db, orgId, { insertNew: false });
  const replaced = await insertStagedLines(db, orgId, ['updated']);
  return settleSales(db, orgId, counts.clients, counts.items, counts.linesWritten + replaced);
}

/**
 * Finds the products staged in `table` by 1C id, article, then name; creates the missing ones. An
 * article (or 1C id) is the product's identity: a name alone never joins two different articles.
 */
export async function resolveItems(
  db: Database,
  orgId: number,
  table: 's_items' | 'b_items',
): Promise<{ created: number; matched: number }> {
  await db.engine
    .exec(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS product_id bigint, ADD COLUMN IF NOT EXISTS is_new boolean NOT NULL DEFAULT false;
    ${itemResolution(table, orgId)}`);
  const {
    rows: [n],
  } = await db.engine.query<{ created: number; matched: number }>(
    `SELECT count(*) FILTER (WHERE is_new)::int AS created, count(*) FILTER (WHERE NOT is_new)::int AS matched FROM ${table}`,
  );
  return { created: Number(n!.created), matched: Number(n!.matched) };
}

/**
 * The statements of `resolveItems` as one text (see `clientResolution`). The article and name
 * fallbacks look only at products the organisation had before this import (`{before}`: those it
 * created are in s_items as new): the direct way resolves a file batch by batch, and a product
 * an earlier batch created must not catch another key of the file that the staged way, resolving
 * the whole file at once, keeps apart.
 */
export function itemResolution(table: 's_items' | 'b_items', orgId: number): string {
  if (!Number.isSafeInteger(orgId)) throw new RangeError('organisation id');
  return [
    `UPDATE s_items s SET product_id = p.id FROM products p WHERE p.org_id = $1 AND s.ext IS NOT NULL AND p.external_id = s.ext`,
    `UPDATE s_items s SET product_id = m.id
    FROM (SELECT DISTINCT ON (sku) sku, id FROM products p
      WHERE org_id = $1 AND sku <> '' AND sku IN (SELECT code FROM s_items WHERE product_id IS NULL) AND {before} ORDER BY sku, id) m
    WHERE s.product_id IS NULL AND s.code IS NOT NULL AND m.sku = s.code`,
    // By name only where no article (or 1C id) tells the two apart.
    `UPDATE s_items s SET product_id = m.id
    FROM (SELECT DISTINCT ON (s2.key) s2.key, p.id FROM s_items s2
      JOIN products p ON p.org_id = $1 AND lower(p.name) = lower(s2.name)
      WHERE s2.product_id IS NULL AND (s2.code IS NULL OR p.sku = '') AND (s2.ext IS NULL OR p.external_id IS NULL) AND {before}
      ORDER BY s2.key, p.id) m
    WHERE s.key = m.key`,
    `UPDATE s_items SET product_id = nextval(pg_get_serial_sequence('products', 'id')), is_new = true WHERE product_id IS NULL`,
    `INSERT INTO products (org_id, id, sku, name, product_group, unit, external_id)
    SELECT $1, product_id, coalesce(code, ''), name, grp, coalesce(unit, 'шт'), ext FROM s_items WHERE is_new`,
  ]
    .map((t) =>
      t
        .replaceAll('s_items', table)
        .replaceAll('$1', String(orgId))
        .replaceAll('{before}', 'NOT EXISTS (SELECT 1 FROM s_items n WHERE n.is_new AND n.product_id = p.id)'),
    )
    .join(';\n');
}

/** The columns a staged document gains while it is merged. */
export async function addDocumentColumns(db: Database, table: 's_docs' | 'b_docs'): Promise<void> {
  await db.engine
    .exec(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS client_id bigint, ADD COLUMN IF NOT EXISTS order_id bigint,
    ADD COLUMN IF NOT EXISTS action text, ADD COLUMN IF NOT EXISTS old_client bigint, ADD COLUMN IF NOT EXISTS old_day date,
    ADD COLUMN IF NOT EXISTS total bigint, ADD COLUMN IF NOT EXISTS cost_total bigint, ADD COLUMN IF NOT EXISTS lines int,
    ADD COLUMN IF NOT EXISTS uncosted int`);
}

/** Whether an order already holds the staged document as it is (then a re-import leaves it alone). */
const sameDocument = `CASE WHEN o.client_id = d.client_id AND o.order_date = d.day AND o.status = d.status AND o.total = d.total
    AND o.cost_total = d.cost_total AND o.number = d.number
    AND (SELECT (count(*), count(*) FILTER (WHERE ol.cost_basis = 'unknown')) FROM order_lines ol WHERE ol.org_id = o.org_id AND ol.order_id = o.id)
      = (d.lines::bigint, coalesce(d.uncosted, 0)::bigint)
    THEN 'unchanged' ELSE 'updated' END`;

/**
 * Where a staged line's cost comes from (l: s_lines, p: its product, if any): the file's unit cost or
 * cost amount; else the product's purchase price when the catalogue has one (products.cost > 0: a
 * product imported without one holds 0); else it is unknown — never the list price, a selling price.
 * The direct reader (services/import/direct-reader.ts) decides the same way.
 */
const costBasis = `CASE WHEN l.cost_amount IS NOT NULL OR l.unit_cost IS NOT NULL THEN 'document' WHEN p.cost > 0 THEN 'catalogue' ELSE 'unknown' END`;

/**
 * Totals and line counts of the staged documents that `where` picks, from their staged lines. A
 * line without a unit cost takes the product's catalogue cost (0, unknown, for a product without one).
 */
async function stagedTotals(db: Database, orgId: number, where: string): Promise<void> {
  await db.engine.query(
    `UPDATE s_docs d SET total = t.total, cost_total = t.cost_total, lines = t.n, uncosted = t.uncosted FROM (
      SELECT l.doc_key, sum(l.amount) AS total,
             sum(coalesce(l.cost_amount, round(l.qty * coalesce(l.unit_cost, p.cost, 0)))) AS cost_total, count(*) AS n,
             count(*) FILTER (WHERE ${costBasis} = 'unknown') AS uncosted
      FROM s_lines l JOIN s_items i ON i.key = l.item_key LEFT JOIN products p ON p.org_id = $1 AND p.id = i.product_id
      GROUP BY l.doc_key) t
    WHERE t.doc_key = d.key AND ${where}`,
    [orgId],
  );
}

/** Writes the orders of staged documents: replaces the lines and heads of the updated ones, inserts the new ones. */
async function writeDocuments(db: Database, orgId: number, opts: { insertNew: boolean }): Promise<void> {
  const q = (text: string) => db.engine.query(text, [orgId]);
  await q(
    `DELETE FROM order_lines l USING s_docs d WHERE l.org_id = $1 AND d.action = 'updated' AND l.order_id = d.order_id`,
  );
  await q(`UPDATE orders o SET client_id = d.client_id, number = d.number, order_date = d.day, status = d.status,
      payment_due_date = coalesce(d.due_date, o.payment_due_date), delivery_method = coalesce(d.delivery, o.delivery_method),
      logistics_cost = coalesce(d.logistics, o.logistics_cost), total = d.total, cost_total = d.cost_total,
      external_id = coalesce(d.ext, o.external_id), updated_at = now()
    FROM s_docs d WHERE o.org_id = $1 AND d.action = 'updated' AND o.id = d.order_id`);
  if (!opts.insertNew) return;
  await q(`INSERT INTO orders (org_id, id, client_id, number, order_date, status, delivery_method, logistics_cost, payment_due_date,
      total, cost_total, manager_user_id, external_id)
    SELECT $1, d.order_id, d.client_id, d.number, d.day, d.status, d.delivery, coalesce(d.logistics, 0), d.due_date,
      d.total, d.cost_total, u.id, d.ext
    FROM s_docs d LEFT JOIN (${usersByName}) u ON u.key = lower(d.manager)
    WHERE d.action = 'new'`);
}

/** Inserts the staged lines of the documents whose action is one of `actions`; answers how many. */
async function insertStagedLines(db: Database, orgId: number, actions: string[]): Promise<number> {
  return (
    await db.engine.query(
      `INSERT INTO order_lines (org_id, order_id, line_no, client_id, order_date, product_id, quantity, price,
      unit_cost, list_price, amount, cost_amount, cost_basis)
    SELECT $1, d.order_id, l.line_no, d.client_id, d.day, i.product_id, l.qty, l.price,
      coalesce(l.unit_cost, p.cost, 0), l.list_price, l.amount, coalesce(l.cost_amount, round(l.qty * coalesce(l.unit_cost, p.cost, 0))), ${costBasis}
    FROM s_lines l JOIN s_docs d ON d.key = l.doc_key AND d.action = ANY($2::text[])
    JOIN s_items i ON i.key = l.item_key LEFT JOIN products p ON p.org_id = $1 AND p.id = i.product_id`,
      [orgId, actions],
    )
  ).rowCount;
}

/** The end of a sales merge: prospects who bought become clients; the tally and what was touched. */
async function settleSales(
  db: Database,
  orgId: number,
  clients: { created: number; matched: number },
  items: { created: number; matched: number },
  linesWritten: number,
): Promise<{ outcome: SalesOutcome; touch: MergeTouch }> {
  // A prospect who bought is a client now.
  await db.engine.query(
    `UPDATE clients c SET status = 'active', updated_at = now() FROM s_clients s
    WHERE c.org_id = $1 AND c.id = s.client_id AND c.status = 'prospect'
      AND EXISTS (SELECT 1 FROM s_docs d WHERE d.client_key = s.key AND d.status = 'completed')`,
    [orgId],
  );
  const {
    rows: [tally],
  } = await db.engine.query<Record<string, string | number>>(
    `SELECT
      count(*) FILTER (WHERE d.action = 'new') AS created, count(*) FILTER (WHERE d.action = 'updated') AS updated,
      count(*) FILTER (WHERE d.action = 'unchanged') AS unchanged,
      count(*) FILTER (WHERE d.status = 'cancelled') AS cancelled, count(*) FILTER (WHERE coalesce(d.total, o.total) < 0) AS returns
    FROM s_docs d LEFT JOIN orders o ON d.total IS NULL AND o.org_id = $1 AND o.id = d.order_id`,
    [orgId],
  );
  const { rows: touched } = await db.engine.query<{ client_id: number; day: string }>(`
    SELECT client_id, day::text AS day FROM s_docs WHERE action <> 'unchanged'
    UNION SELECT old_client, old_day::text FROM s_docs WHERE action = 'updated'`);
  return {
    outcome: {
      clientsCreated: clients.created,
      clientsMatched: clients.matched,
      productsCreated: items.created,
      productsMatched: items.matched,
      documentsCreated: Number(tally!.created),
      documentsUpdated: Number(tally!.updated),
      documentsUnchanged: Number(tally!.unchanged),
      linesWritten,
      returns: Number(tally!.returns),
      cancelled: Number(tally!.cancelled),
    },
    touch: { clientIds: touched.map((r) => Number(r.client_id)), days: touched.map((r) => r.day) },
  };
}

/** How the lines of the file's documents got their cost: for the import's warnings (both ways). */
export type CostBases = {
  lines: number;
  unknownLines: number;
  catalogueLines: number;
  sales: number;
  unknownSales: number;
};

/**
 * Counts, over the orders of the staged documents (s_docs, after the merge, as either way leaves it),
 * the lines whose cost is unknown or came from the catalogue, and the sales amount (lines sold, not
 * returned) without a known cost.
 */
export async function importedCostBases(db: Database, orgId: number): Promise<CostBases> {
  const {
    rows: [r],
  } = await db.engine.query<Record<string, string | number>>(
    `SELECT count(*) AS lines,
      count(*) FILTER (WHERE l.cost_basis = 'unknown') AS unknown_lines, count(*) FILTER (WHERE l.cost_basis = 'catalogue') AS catalogue_lines,
      coalesce(sum(l.amount) FILTER (WHERE l.amount > 0), 0) AS sales,
      coalesce(sum(l.amount) FILTER (WHERE l.amount > 0 AND l.cost_basis = 'unknown'), 0) AS unknown_sales
    FROM order_lines l WHERE l.org_id = $1 AND l.order_id IN (SELECT order_id FROM s_docs WHERE order_id IS NOT NULL)`,
    [orgId],
  );
  return {
    lines: Number(r!.lines),
    unknownLines: Number(r!.unknown_lines),
    catalogueLines: Number(r!.catalogue_lines),
    sales: Number(r!.sales),
    unknownSales: Number(r!.unknown_sales),
  };
}
