import type { Database } from '../../database.js';
import { resolveClients, usersByName } from './resolve.js';

export type SalesOutcome = {
  clientsCreated: number; clientsMatched: number;
  productsCreated: number; productsMatched: number;
  documentsCreated: number; documentsUpdated: number; documentsUnchanged: number;
  linesWritten: number; returns: number; cancelled: number;
};

/** What a merge touched, for the analytics upkeep that follows it. */
export type MergeTouch = { clientIds: number[]; days: string[] };

const count = async (db: Database, text: string, params: unknown[] = []) =>
  Number((await db.engine.query<{ n: string | number }>(text, params)).rows[0]?.n ?? 0);

/**
 * Merges staged sales (s_clients, s_items, s_docs, s_lines) into clients, products, orders and
 * order lines. A document is found by its 1C id, else by number and date: when its client, date,
 * status, totals and line count are the same it is left alone (re-importing a file changes
 * nothing); when they differ its lines are replaced. Clients and products missing are created.
 */
export async function mergeSales(db: Database, orgId: number): Promise<{ outcome: SalesOutcome; touch: MergeTouch }> {
  const q = (text: string) => db.engine.query(text, [orgId]);
  const clients = await resolveClients(db, orgId, { create: true });

  await db.engine.exec('ALTER TABLE s_items ADD COLUMN product_id bigint, ADD COLUMN is_new boolean NOT NULL DEFAULT false');
  await q(`UPDATE s_items s SET product_id = p.id FROM products p WHERE p.org_id = $1 AND s.ext IS NOT NULL AND p.external_id = s.ext`);
  await q(`UPDATE s_items s SET product_id = m.id
    FROM (SELECT DISTINCT ON (sku) sku, id FROM products WHERE org_id = $1 AND sku <> '' ORDER BY sku, id) m
    WHERE s.product_id IS NULL AND s.code IS NOT NULL AND m.sku = s.code`);
  await q(`UPDATE s_items s SET product_id = m.id
    FROM (SELECT DISTINCT ON (lower(name)) lower(name) AS lname, id FROM products WHERE org_id = $1 ORDER BY lower(name), id) m
    WHERE s.product_id IS NULL AND lower(s.name) = m.lname`);
  await db.engine.exec(`UPDATE s_items SET product_id = nextval(pg_get_serial_sequence('products', 'id')), is_new = true WHERE product_id IS NULL`);
  const productsCreated = (await q(`INSERT INTO products (org_id, id, sku, name, product_group, unit, external_id)
    SELECT $1, product_id, coalesce(code, ''), name, grp, coalesce(unit, 'шт'), ext FROM s_items WHERE is_new`)).rowCount;
  const productsMatched = await count(db, 'SELECT count(*) AS n FROM s_items WHERE NOT is_new');

  await db.engine.exec(`ALTER TABLE s_docs ADD COLUMN client_id bigint, ADD COLUMN order_id bigint, ADD COLUMN action text,
    ADD COLUMN old_client bigint, ADD COLUMN old_day date, ADD COLUMN total bigint, ADD COLUMN cost_total bigint, ADD COLUMN lines int`);
  await db.engine.exec('UPDATE s_docs d SET client_id = c.client_id FROM s_clients c WHERE c.key = d.client_key');
  // A line without a unit cost takes the product's catalogue cost (0 for a product new to us).
  await q(`UPDATE s_docs d SET total = t.total, cost_total = t.cost_total, lines = t.n FROM (
      SELECT l.doc_key, sum(l.amount) AS total,
             sum(coalesce(l.cost_amount, round(l.qty * coalesce(l.unit_cost, p.cost, 0)))) AS cost_total, count(*) AS n
      FROM s_lines l JOIN s_items i ON i.key = l.item_key LEFT JOIN products p ON p.org_id = $1 AND p.id = i.product_id
      GROUP BY l.doc_key) t
    WHERE t.doc_key = d.key`);
  const sameDocument = `CASE WHEN o.client_id = d.client_id AND o.order_date = d.day AND o.status = d.status AND o.total = d.total
      AND o.cost_total = d.cost_total AND o.number = d.number
      AND (SELECT count(*) FROM order_lines ol WHERE ol.org_id = o.org_id AND ol.order_id = o.id) = d.lines
      THEN 'unchanged' ELSE 'updated' END`;
  await q(`UPDATE s_docs d SET order_id = o.id, old_client = o.client_id, old_day = o.order_date, action = ${sameDocument}
    FROM orders o WHERE o.org_id = $1 AND d.ext IS NOT NULL AND o.external_id = d.ext`);
  await q(`UPDATE s_docs d SET order_id = o.id, old_client = o.client_id, old_day = o.order_date, action = ${sameDocument}
    FROM (SELECT DISTINCT ON (number, order_date) * FROM orders WHERE org_id = $1 ORDER BY number, order_date, id) o
    WHERE d.order_id IS NULL AND o.number = d.number AND o.order_date = d.day`);
  // New documents take ids in file order, so the list shows them as the file had them.
  await db.engine.exec(`UPDATE s_docs d SET order_id = n.id, action = 'new' FROM (
      SELECT key, nextval(pg_get_serial_sequence('orders', 'id')) AS id FROM (SELECT key FROM s_docs WHERE order_id IS NULL ORDER BY first_row) k) n
    WHERE d.key = n.key`);

  await q(`DELETE FROM order_lines l USING s_docs d WHERE l.org_id = $1 AND d.action = 'updated' AND l.order_id = d.order_id`);
  await q(`UPDATE orders o SET client_id = d.client_id, number = d.number, order_date = d.day, status = d.status,
      payment_due_date = coalesce(d.due_date, o.payment_due_date), delivery_method = coalesce(d.delivery, o.delivery_method),
      logistics_cost = coalesce(d.logistics, o.logistics_cost), total = d.total, cost_total = d.cost_total,
      external_id = coalesce(d.ext, o.external_id), updated_at = now()
    FROM s_docs d WHERE o.org_id = $1 AND d.action = 'updated' AND o.id = d.order_id`);
  await q(`INSERT INTO orders (org_id, id, client_id, number, order_date, status, delivery_method, logistics_cost, payment_due_date,
      total, cost_total, manager_user_id, external_id)
    SELECT $1, d.order_id, d.client_id, d.number, d.day, d.status, d.delivery, coalesce(d.logistics, 0), d.due_date,
      d.total, d.cost_total, u.id, d.ext
    FROM s_docs d LEFT JOIN (${usersByName}) u ON u.key = lower(d.manager)
    WHERE d.action = 'new'`);
  const linesWritten = (await q(`INSERT INTO order_lines (org_id, order_id, line_no, client_id, order_date, product_id, quantity, price,
      unit_cost, list_price, amount, cost_amount)
    SELECT $1, d.order_id, l.line_no, d.client_id, d.day, i.product_id, l.qty, l.price,
      coalesce(l.unit_cost, p.cost, 0), l.list_price, l.amount, coalesce(l.cost_amount, round(l.qty * coalesce(l.unit_cost, p.cost, 0)))
    FROM s_lines l JOIN s_docs d ON d.key = l.doc_key AND d.action IN ('new', 'updated')
    JOIN s_items i ON i.key = l.item_key LEFT JOIN products p ON p.org_id = $1 AND p.id = i.product_id`)).rowCount;
  // A prospect who bought is a client now.
  await q(`UPDATE clients c SET status = 'active', updated_at = now() FROM s_clients s
    WHERE c.org_id = $1 AND c.id = s.client_id AND c.status = 'prospect'
      AND EXISTS (SELECT 1 FROM s_docs d WHERE d.client_key = s.key AND d.status = 'completed')`);

  const { rows: [tally] } = await db.engine.query<Record<string, string | number>>(`SELECT
      count(*) FILTER (WHERE action = 'new') AS created, count(*) FILTER (WHERE action = 'updated') AS updated,
      count(*) FILTER (WHERE action = 'unchanged') AS unchanged,
      count(*) FILTER (WHERE status = 'cancelled') AS cancelled, count(*) FILTER (WHERE total < 0) AS returns
    FROM s_docs`);
  const { rows: touched } = await db.engine.query<{ client_id: number; day: string }>(`
    SELECT client_id, day::text AS day FROM s_docs WHERE action <> 'unchanged'
    UNION SELECT old_client, old_day::text FROM s_docs WHERE action = 'updated'`);
  return {
    outcome: {
      clientsCreated: clients.created, clientsMatched: clients.matched, productsCreated, productsMatched,
      documentsCreated: Number(tally!.created), documentsUpdated: Number(tally!.updated), documentsUnchanged: Number(tally!.unchanged),
      linesWritten, returns: Number(tally!.returns), cancelled: Number(tally!.cancelled),
    },
    touch: { clientIds: touched.map((r) => Number(r.client_id)), days: touched.map((r) => r.day) },
  };
}
