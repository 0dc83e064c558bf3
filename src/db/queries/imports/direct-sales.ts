import type { Database } from '../../database.js';
import {
  addDocumentColumns,
  finishStagedDocuments,
  itemResolution,
  type MergeTouch,
  type SalesOutcome,
} from './merge-sales.js';
import { clientResolution, resolvedClientColumns, usersByName } from './resolve.js';
import { createStage, stageColumns } from './stage.js';

/**
 * The staging of a sales import that writes orders and order lines as it reads (see
 * services/import/direct-sales.ts). New clients and products are resolved batch by batch through
 * b_clients and b_items and kept in s_clients and s_items; every document goes to s_docs with the
 * order it was given; only the lines of documents the organisation already had are staged (s_lines),
 * to be compared at the end; every line leaves its fingerprint in s_fps for the repeat check.
 */
export async function createDirectStage(db: Database): Promise<void> {
  await createStage(db, ['s_clients', 's_items', 's_docs', 's_lines']);
  await db.engine.exec(`ALTER TABLE s_clients ${resolvedClientColumns};
    ALTER TABLE s_items ADD COLUMN product_id bigint, ADD COLUMN is_new boolean NOT NULL DEFAULT false`);
  await addDocumentColumns(db, 's_docs');
  // Which reader (part of the file) met the document: two readers may meet one document.
  await db.engine.exec(`ALTER TABLE s_docs ADD COLUMN part int;
    CREATE TEMP TABLE b_clients (LIKE s_clients INCLUDING DEFAULTS) ON COMMIT DROP;
    CREATE TEMP TABLE b_items (LIKE s_items INCLUDING DEFAULTS) ON COMMIT DROP;
    CREATE TEMP TABLE s_fps (row_no int, fp bigint) ON COMMIT DROP;
    CREATE TEMP TABLE s_totals (order_id bigint, total bigint, cost_total bigint, lines int) ON COMMIT DROP`);
}

/**
 * The direct way runs under a savepoint inside the import's transaction, so that falling back to the
 * staged way undoes it (its staging tables included) and leaves the transaction as it was.
 */
export async function beginDirectAttempt(db: Database): Promise<void> {
  await db.engine.query('SAVEPOINT direct_import');
}

export async function undoDirectAttempt(db: Database): Promise<void> {
  await db.engine.query('ROLLBACK TO SAVEPOINT direct_import');
}

export const directColumns = {
  order_lines: [
    'org_id',
    'order_id',
    'line_no',
    'client_id',
    'order_date',
    'product_id',
    'quantity',
    'price',
    'unit_cost',
    'list_price',
    'amount',
    'cost_amount',
    'cost_basis',
  ],
  orders: [
    'org_id',
    'id',
    'client_id',
    'number',
    'order_date',
    'status',
    'delivery_method',
    'logistics_cost',
    'payment_due_date',
    'total',
    'cost_total',
    'manager_user_id',
    'external_id',
  ],
  s_docs: [...stageColumns('s_docs'), 'client_id', 'order_id', 'action', 'part'],
  s_lines: stageColumns('s_lines'),
  s_fps: ['row_no', 'fp'],
  s_totals: ['order_id', 'total', 'cost_total', 'lines'],
  b_clients: stageColumns('s_clients'),
  b_items: stageColumns('s_items'),
} as const;

type DirectTable = keyof typeof directColumns;

/** CSV text into a table of the direct import (one COPY). */
export const copyDirect = (db: Database, table: DirectTable, csv: string | readonly (string | Uint8Array)[]) =>
  db.engine.copyCsv(
    table,
    directColumns[table],
    (async function* pieces() {
      yield* typeof csv === 'string' ? [csv] : csv;
    })(),
  );

/** Users by lower-cased name or e-mail, for the "Менеджер" column, as the staged merge matches them. */
export async function managersByName(db: Database, orgId: number): Promise<[string, number][]> {
  const { rows } = await db.engine.query<{ key: string; id: string | number }>(usersByName, [orgId]);
  return rows.map((r) => [r.key, Number(r.id)]);
}

/** The last order id given out before the import: orders above it are the import's own. */
export async function lastOrderId(db: Database, orgId: number): Promise<{ last: number; any: boolean }> {
  const {
    rows: [r],
  } = await db.engine.query<{ last: string | number; any: boolean }>(
    `SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('orders', 'id')::regclass), 0) AS last,
      EXISTS (SELECT 1 FROM orders WHERE org_id = $1) AS any`,
    [orgId],
  );
  return { last: Number(r!.last), any: Boolean(r!.any) };
}

export type BatchKeys = {
  clients: { keys: string[]; ids: number[]; created: number; matched: number };
  items: { keys: string[]; ids: number[]; costs: number[]; created: number; matched: number };
};

/**
 * Finds or creates the clients and products met first in one batch, given as staging CSV lines,
 * in a handful of round trips, the way the staged merge resolves them; keeps them in s_clients and
 * s_items. Answers their ids (and the products' catalogue cost, which a line without a cost takes).
 */
export async function resolveBatchKeys(
  db: Database,
  orgId: number,
  csv: { clients: string; items: string },
): Promise<BatchKeys> {
  await db.engine.exec('TRUNCATE b_clients, b_items');
  if (csv.clients) await copyDirect(db, 'b_clients', csv.clients);
  if (csv.items) await copyDirect(db, 'b_items', csv.items);
  const statements: string[] = [];
  // Temporary tables have no statistics of their own: without them the matches run as nested loops.
  if (csv.clients)
    statements.push(
      'ANALYZE b_clients',
      clientResolution('b_clients', orgId, true),
      'INSERT INTO s_clients SELECT * FROM b_clients',
    );
  if (csv.items)
    statements.push('ANALYZE b_items', itemResolution('b_items', orgId), 'INSERT INTO s_items SELECT * FROM b_items');
  if (statements.length) await db.engine.exec(statements.join(';\n'));
  const { rows: clients } = csv.clients
    ? await db.engine.query<{ key: string; client_id: string | number; is_new: boolean }>(
        'SELECT key, client_id, is_new FROM b_clients',
      )
    : { rows: [] };
  const { rows: items } = csv.items
    ? await db.engine.query<{ key: string; product_id: string | number; cost: string | number; is_new: boolean }>(
        'SELECT b.key, b.product_id, p.cost, b.is_new FROM b_items b JOIN products p ON p.org_id = $1 AND p.id = b.product_id',
        [orgId],
      )
    : { rows: [] };
  return {
    clients: {
      keys: clients.map((r) => r.key),
      ids: clients.map((r) => Number(r.client_id)),
      created: clients.filter((r) => r.is_new).length,
      matched: clients.filter((r) => !r.is_new).length,
    },
    items: {
      keys: items.map((r) => r.key),
      ids: items.map((r) => Number(r.product_id)),
      costs: items.map((r) => Number(r.cost)),
      created: items.filter((r) => r.is_new).length,
      matched: items.filter((r) => !r.is_new).length,
    },
  };
}

/** Orders the organisation had before the import with one of these numbers or 1C ids (lowest id first). */
export async function ordersNamed(
  db: Database,
  orgId: number,
  lastBefore: number,
  numbers: string[],
  exts: string[],
): Promise<{ id: number; number: string; day: string; ext: string | null }[]> {
  const { rows } = await db.engine.query<{ id: string | number; number: string; day: string; ext: string | null }>(
    `SELECT id, number, order_date::text AS day, external_id AS ext FROM orders
      WHERE org_id = $1 AND id <= $2 AND (number = ANY($3::text[]) OR external_id = ANY($4::text[])) ORDER BY id`,
    [orgId, lastBefore, numbers, exts],
  );
  return rows.map((r) => ({ id: Number(r.id), number: r.number, day: r.day, ext: r.ext }));
}

/** `n` new order ids, in order. */
export async function newOrderIds(db: Database, n: number): Promise<number[]> {
  const { rows } = await db.engine.query<{ id: string | number }>(
    "SELECT nextval(pg_get_serial_sequence('orders', 'id')) AS id FROM generate_series(1, $1::int)",
    [n],
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/**
 * Rows that repeat an earlier row of the file (the same fingerprint), each with the row it repeats,
 * searched among the fingerprints that fall on `bits` of the readers' filter (see FINGERPRINT_BITS).
 */
export async function repeatedRows(
  db: Database,
  bits: number[],
  filterBits: number,
): Promise<{ rowNo: number; first: number }[]> {
  if (!bits.length) return [];
  const { rows } = await db.engine.query<{ row_no: number; first: number }>(
    `SELECT row_no, first FROM (
      SELECT f.row_no, first_value(f.row_no) OVER (PARTITION BY f.fp ORDER BY f.row_no) AS first
      FROM s_fps f JOIN (SELECT DISTINCT unnest($1::bigint[]) AS bit) b ON b.bit = mod(f.fp, $2::bigint)) d
    WHERE row_no <> first ORDER BY row_no`,
    [bits, filterBits],
  );
  return rows.map((r) => ({ rowNo: Number(r.row_no), first: Number(r.first) }));
}

/**
 * Documents that two readers both met (a document cut by the boundary between their parts) become
 * one: the first part's order keeps the lines of both, renumbered in file order, and its totals are
 * summed again; the other order goes. Answers false when such a document names another client or
 * day in the two parts (the import is then read again in one piece, which refuses those rows).
 */
export async function joinSharedDocuments(db: Database, orgId: number): Promise<boolean> {
  const {
    rows: [shared],
  } = await db.engine.query<{ n: number; clash: number }>(`SELECT count(*)::int AS n,
      count(*) FILTER (WHERE clients > 1 OR days > 1)::int AS clash FROM (
        SELECT count(DISTINCT client_key) AS clients, count(DISTINCT coalesce(day::text, '')) AS days FROM s_docs GROUP BY key HAVING count(*) > 1) s`);
  if (Number(shared!.n) === 0) return true;
  if (Number(shared!.clash) > 0) return false;
  await db.engine.exec(`CREATE TEMP TABLE s_shared ON COMMIT DROP AS SELECT key, order_id, part, action,
      first_value(order_id) OVER (PARTITION BY key ORDER BY part) AS first_id, first_value(part) OVER (PARTITION BY key ORDER BY part) AS first_part
    FROM s_docs WHERE key IN (SELECT key FROM s_docs GROUP BY key HAVING count(*) > 1)`);
  // Two steps, so no line takes a number another line of the order still holds.
  await db.engine.query(
    `UPDATE order_lines l SET order_id = x.first_id, line_no = -x.rn FROM (
      SELECT l.order_id, l.line_no, s.first_id, row_number() OVER (PARTITION BY s.first_id ORDER BY s.part, l.line_no) AS rn
      FROM order_lines l JOIN s_shared s ON s.action = 'new' AND s.order_id = l.order_id WHERE l.org_id = $1) x
    WHERE l.org_id = $1 AND l.order_id = x.order_id AND l.line_no = x.line_no`,
    [orgId],
  );
  await db.engine.query(
    `UPDATE order_lines SET line_no = -line_no
    WHERE org_id = $1 AND line_no < 0 AND order_id IN (SELECT first_id FROM s_shared WHERE action = 'new')`,
    [orgId],
  );
  await db.engine.query(
    `UPDATE orders o SET total = t.total, cost_total = t.cost_total FROM (
      SELECT order_id, sum(amount) AS total, sum(cost_amount) AS cost_total FROM order_lines
      WHERE org_id = $1 AND order_id IN (SELECT first_id FROM s_shared WHERE action = 'new') GROUP BY order_id) t
    WHERE o.org_id = $1 AND o.id = t.order_id`,
    [orgId],
  );
  await db.engine.query(
    `DELETE FROM orders WHERE org_id = $1 AND id IN (SELECT order_id FROM s_shared WHERE action = 'new' AND order_id <> first_id)`,
    [orgId],
  );
  // Staged lines of a document the organisation had: renumbered by the row they came from.
  await db.engine.exec(`UPDATE s_lines l SET line_no = n.rn FROM (
      SELECT row_no, row_number() OVER (PARTITION BY doc_key ORDER BY row_no) AS rn FROM s_lines
      WHERE doc_key IN (SELECT key FROM s_shared WHERE action = 'existing')) n
    WHERE l.row_no = n.row_no`);
  await db.engine.exec(
    'DELETE FROM s_docs d USING s_shared s WHERE d.key = s.key AND d.part = s.part AND s.part <> s.first_part',
  );
  return true;
}

/**
 * The end of a direct sales import: the orders whose lines ran on past the batch that wrote them get
 * their final totals (s_totals), then the documents the organisation already had are compared with
 * their staged lines and replaced where they differ, as the staged merge does.
 */
export async function finishDirectSales(
  db: Database,
  orgId: number,
  counts: {
    clients: { created: number; matched: number };
    items: { created: number; matched: number };
    linesWritten: number;
    existing: number;
  },
): Promise<{ outcome: SalesOutcome; touch: MergeTouch }> {
  await db.engine.query(
    `UPDATE orders o SET total = t.total, cost_total = t.cost_total
    FROM s_totals t WHERE o.org_id = $1 AND o.id = t.order_id`,
    [orgId],
  );
  return finishStagedDocuments(db, orgId, counts, { existing: counts.existing > 0 });
}
