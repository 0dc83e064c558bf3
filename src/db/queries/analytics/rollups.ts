import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { runSql } from '../sql.js';
import { clientFilter, upkeepOptions, type Scope } from './scope.js';

/** Document statuses that are sales: drafts are not yet agreed, cancelled ones never happened. */
export const SALE_STATUSES = sql.raw(`('confirmed', 'shipped', 'completed')`);

/**
 * Recomputes client_months from the raw documents for the scope (optionally only some months):
 * net revenue and cost from the lines (returns are negative lines) with the revenue and count of lines
 * whose cost is unknown, documents, purchase days,
 * products, logistics, interactions (minutes and spend) and payments, one row per client and month.
 */
export async function refreshClientMonths(db: Database, scope: Scope, months?: readonly string[]): Promise<void> {
  const org = scope.orgId;
  const monthList = months ? sql`${sql.param([...months])}::date[]` : undefined;
  const inMonths = (expr: string): SQL =>
    monthList ? sql`AND date_trunc('month', ${sql.raw(expr)})::date = ANY(${monthList})` : sql``;
  const lines = clientFilter(scope, 'l.client_id');
  const orders = clientFilter(scope, 'o.client_id');
  const touches = clientFilter(scope, 'i.client_id');
  const pays = clientFilter(scope, 'y.client_id');
  const dMonths = monthList ? sql`AND month = ANY(${monthList})` : sql``;
  await runSql(db, sql`DELETE FROM client_months WHERE org_id = ${org} ${clientFilter(scope, 'client_id')} ${dMonths}`);
  await runSql(
    db,
    sql`
    INSERT INTO client_months (org_id, client_id, month, revenue, cost, uncosted_revenue, uncosted_lines, returns, list_amount, listed_amount, orders, return_documents,
      purchase_days, first_purchase, last_purchase, lines, products, logistics, interactions, minutes, spend, payments)
    WITH line AS (
      SELECT l.client_id, date_trunc('month', l.order_date)::date AS month,
        sum(l.amount) AS revenue, sum(l.cost_amount) AS cost,
        -- A line of unknown cost holds cost 0: its revenue is set apart so it never reads as pure margin.
        coalesce(sum(l.amount) FILTER (WHERE l.cost_basis = 'unknown'), 0) AS uncosted_revenue,
        count(*) FILTER (WHERE l.cost_basis = 'unknown') AS uncosted_lines,
        coalesce(-sum(l.amount) FILTER (WHERE l.quantity < 0), 0) AS returns,
        coalesce(sum(round(l.quantity * l.list_price)) FILTER (WHERE l.quantity > 0 AND l.list_price IS NOT NULL), 0) AS list_amount,
        coalesce(sum(l.amount) FILTER (WHERE l.quantity > 0 AND l.list_price IS NOT NULL), 0) AS listed_amount,
        count(*) AS lines,
        coalesce(array_agg(DISTINCT l.product_id) FILTER (WHERE l.quantity > 0), '{}') AS products
      FROM order_lines l
      JOIN orders o ON o.org_id = l.org_id AND o.id = l.order_id AND o.status IN ${SALE_STATUSES}
      WHERE l.org_id = ${org} ${lines} ${inMonths('l.order_date')}
      GROUP BY 1, 2
    ), doc AS (
      SELECT o.client_id, date_trunc('month', o.order_date)::date AS month,
        count(*) FILTER (WHERE o.total > 0) AS orders, count(*) FILTER (WHERE o.total < 0) AS return_documents,
        count(DISTINCT o.order_date) FILTER (WHERE o.total > 0) AS purchase_days,
        min(o.order_date) FILTER (WHERE o.total > 0) AS first_purchase, max(o.order_date) FILTER (WHERE o.total > 0) AS last_purchase,
        sum(o.logistics_cost) AS logistics
      FROM orders o
      WHERE o.org_id = ${org} AND o.status IN ${SALE_STATUSES} ${orders} ${inMonths('o.order_date')}
      GROUP BY 1, 2
    ), touch AS (
      SELECT i.client_id, date_trunc('month', i.occurred_at AT TIME ZONE 'UTC')::date AS month,
        count(*) AS interactions, sum(i.duration_minutes) AS minutes, sum(i.money_spent) AS spend
      FROM interactions i
      WHERE i.org_id = ${org} ${touches} ${inMonths("i.occurred_at AT TIME ZONE 'UTC'")}
      GROUP BY 1, 2
    ), pay AS (
      SELECT y.client_id, date_trunc('month', y.payment_date)::date AS month, sum(y.amount) AS payments
      FROM payments y
      WHERE y.org_id = ${org} ${pays} ${inMonths('y.payment_date')}
      GROUP BY 1, 2
    )
    SELECT ${org}::bigint, client_id, month,
      coalesce(line.revenue, 0), coalesce(line.cost, 0), coalesce(line.uncosted_revenue, 0), coalesce(line.uncosted_lines, 0), coalesce(line.returns, 0), coalesce(line.list_amount, 0), coalesce(line.listed_amount, 0),
      coalesce(doc.orders, 0), coalesce(doc.return_documents, 0), coalesce(doc.purchase_days, 0), doc.first_purchase, doc.last_purchase,
      coalesce(line.lines, 0), coalesce(line.products, '{}'), coalesce(doc.logistics, 0),
      coalesce(touch.interactions, 0), coalesce(touch.minutes, 0), coalesce(touch.spend, 0), coalesce(pay.payments, 0)
    FROM line FULL JOIN doc USING (client_id, month) FULL JOIN touch USING (client_id, month) FULL JOIN pay USING (client_id, month)`,
    upkeepOptions(scope),
  );
}

/**
 * Recomputes order_settlements for the scope: each sales document (total > 0) is due on its due date,
 * else its date plus the client's deferral; the client's credits (payments, and return documents on
 * their date) settle documents first-in first-out by due date. A document is cut into pieces by the
 * days its credits covered part of it: a return or payment covering part of a document settles that
 * part on its day, and only the rest stays open.
 *
 * Set-based, on the line of running amounts: documents take the intervals (C − amount, C] of their
 * running total C, credits cover (0, K] of their running total K by day. Every point where a document
 * or a credit ends cuts the line into segments; a segment belongs to the first document ending at or
 * after its end and is covered on the first day the running credits reached its end (never, when they
 * have not). Adjacent segments of one document covered on the same day make one piece.
 */
export async function refreshSettlements(db: Database, scope: Scope): Promise<void> {
  const org = scope.orgId;
  const invoices = clientFilter(scope, 'o.client_id');
  const pays = clientFilter(scope, 'y.client_id');
  await runSql(db, sql`DELETE FROM order_settlements WHERE org_id = ${org} ${clientFilter(scope, 'client_id')}`);
  await runSql(
    db,
    sql`
    INSERT INTO order_settlements (org_id, order_id, piece, client_id, due_on, amount, cumulative, settled_on)
    WITH invoice AS (
      SELECT o.client_id, o.id AS order_id, o.total AS amount,
        coalesce(o.payment_due_date, o.order_date + coalesce(c.payment_deferral_days, 0)) AS due_on
      FROM orders o JOIN clients c ON c.org_id = o.org_id AND c.id = o.client_id
      WHERE o.org_id = ${org} AND o.status IN ${SALE_STATUSES} AND o.total > 0 ${invoices}
    ), invoice_run AS (
      SELECT *, sum(amount) OVER w AS cumulative, row_number() OVER w AS seq FROM invoice
      WINDOW w AS (PARTITION BY client_id ORDER BY due_on, order_id)
    ), credit AS (
      SELECT y.client_id, y.payment_date AS on_date, 0 AS source, y.id, y.amount FROM payments y
      WHERE y.org_id = ${org} ${pays}
      UNION ALL
      SELECT o.client_id, o.order_date, 1, o.id, -o.total FROM orders o
      WHERE o.org_id = ${org} AND o.status IN ${SALE_STATUSES} AND o.total < 0 ${invoices}
    ), credit_run AS (
      SELECT client_id, on_date, sum(amount) OVER (PARTITION BY client_id ORDER BY on_date, source, id) AS cumulative FROM credit
    ), bound AS (
      SELECT client_id, cumulative AS hi, seq, NULL::date AS on_date FROM invoice_run
      UNION ALL
      SELECT client_id, cumulative, NULL, on_date FROM credit_run
    ), owner AS (
      -- Over every point at or above this one: the first document ending there, the first day credits reached it.
      SELECT client_id, hi, min(seq) OVER w AS seq, min(on_date) OVER w AS settled_on FROM bound
      WINDOW w AS (PARTITION BY client_id ORDER BY hi DESC RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    ), segment AS (
      SELECT client_id, seq, settled_on, hi, hi - coalesce(lag(hi) OVER (PARTITION BY client_id ORDER BY hi), 0) AS amount
      FROM (SELECT DISTINCT client_id, hi, seq, settled_on FROM owner WHERE seq IS NOT NULL AND hi > 0) s
    ), piece AS (
      SELECT client_id, seq, settled_on, sum(amount) AS amount, max(hi) AS cumulative FROM segment GROUP BY client_id, seq, settled_on
    )
    SELECT ${org}::bigint, i.order_id, row_number() OVER (PARTITION BY i.order_id ORDER BY x.cumulative), i.client_id, i.due_on, x.amount, x.cumulative, x.settled_on
    FROM piece x JOIN invoice_run i ON i.client_id = x.client_id AND i.seq = x.seq`,
    upkeepOptions(scope),
  );
}
