import type { Database } from '../../database.js';
import { vacuumAnalyze } from '../maintenance.js';

/**
 * Staging tables of an import: temporary, dropped with the import's transaction, filled by COPY.
 * The merge statements (merge-*.ts) read them set-based, so a million lines cost a few joins,
 * not a million round trips. Column order is the CSV order the import writes.
 */
export const stageTables = {
  /** Clients a file refers to, one row per client key (ИНН+КПП, code or name). */
  s_clients: [
    ['key', 'text'],
    ['first_row', 'int'],
    ['name', 'text'],
    ['inn', 'text'],
    ['kpp', 'text'],
    ['ext', 'text'],
    ['manager', 'text'],
  ],
  /** Products a sales file refers to, one row per item key. */
  s_items: [
    ['key', 'text'],
    ['ext', 'text'],
    ['code', 'text'],
    ['name', 'text'],
    ['grp', 'text'],
    ['unit', 'text'],
  ],
  /** Documents of a sales file, one row per document key. */
  s_docs: [
    ['key', 'text'],
    ['first_row', 'int'],
    ['ext', 'text'],
    ['number', 'text'],
    ['day', 'date'],
    ['status', 'text'],
    ['client_key', 'text'],
    ['manager', 'text'],
    ['due_date', 'date'],
    ['delivery', 'text'],
    ['logistics', 'bigint'],
  ],
  s_lines: [
    ['row_no', 'int'],
    ['doc_key', 'text'],
    ['line_no', 'int'],
    ['item_key', 'text'],
    ['qty', 'numeric(14,3)'],
    ['price', 'bigint'],
    ['amount', 'bigint'],
    ['unit_cost', 'bigint'],
    ['cost_amount', 'bigint'],
    ['list_price', 'bigint'],
    ['fp', 'bigint'],
  ],
  s_client_rows: [
    ['row_no', 'int'],
    ['key', 'text'],
    ['ext', 'text'],
    ['name', 'text'],
    ['full_name', 'text'],
    ['inn', 'text'],
    ['kpp', 'text'],
    ['ogrn', 'text'],
    ['legal_address', 'text'],
    ['actual_address', 'text'],
    ['postal_address', 'text'],
    ['phone', 'text'],
    ['email', 'text'],
    ['bank_account', 'text'],
    ['bik', 'text'],
    ['corr_account', 'text'],
    ['bank_name', 'text'],
    ['industry', 'text'],
    ['region', 'text'],
    ['manager', 'text'],
    ['comment', 'text'],
    ['contact_name', 'text'],
    ['contact_position', 'text'],
  ],
  s_contacts: [
    ['row_no', 'int'],
    ['client_key', 'text'],
    ['full_name', 'text'],
    ['position', 'text'],
    ['phone', 'text'],
    ['email', 'text'],
    ['birthday', 'date'],
    ['comment', 'text'],
  ],
  s_products: [
    ['row_no', 'int'],
    ['key', 'text'],
    ['ext', 'text'],
    ['sku', 'text'],
    ['name', 'text'],
    ['grp', 'text'],
    ['unit', 'text'],
    ['list_price', 'bigint'],
    ['cost', 'bigint'],
  ],
  s_payments: [
    ['row_no', 'int'],
    ['client_key', 'text'],
    ['ext', 'text'],
    ['day', 'date'],
    ['amount', 'bigint'],
    ['doc_number', 'text'],
    ['comment', 'text'],
  ],
  s_interactions: [
    ['row_no', 'int'],
    ['client_key', 'text'],
    ['occurred', 'date'],
    ['kind', 'text'],
    ['contact', 'text'],
    ['manager', 'text'],
    ['duration', 'int'],
    ['money', 'bigint'],
    ['outcome', 'text'],
    ['notes', 'text'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

export type StageTable = keyof typeof stageTables;

export const stageColumns = (table: StageTable): string[] => stageTables[table].map(([c]) => c);

/** Creates the staging tables for this transaction (they vanish at its end, committed or not). */
export async function createStage(db: Database, tables: readonly StageTable[]): Promise<void> {
  for (const t of tables) {
    await db.engine.exec(
      `CREATE TEMP TABLE ${t} (${stageTables[t].map(([c, type]) => `${c} ${type}`).join(', ')}) ON COMMIT DROP`,
    );
  }
}

/** Rows into a staging table by COPY: CSV lines in the order of `stageColumns(table)`. */
export async function copyStage(
  db: Database,
  table: StageTable,
  csv: AsyncIterable<string | Uint8Array>,
): Promise<void> {
  await db.engine.copyCsv(table, stageColumns(table), csv);
}

/** Empties a staging table, to stage the file again another way. */
export async function clearStage(db: Database, table: StageTable): Promise<void> {
  await db.engine.exec(`TRUNCATE ${table}`);
}

/** Temporary tables get no statistics by themselves; without them the merge's joins are planned blind. */
export async function analyzeStage(db: Database, tables: readonly StageTable[]): Promise<void> {
  await db.engine.exec(`ANALYZE ${tables.join(', ')}`);
}

/** Takes staged rows of a referring kind out of the import (their client is unknown). */
export async function dropStagedRows(
  db: Database,
  table: 's_contacts' | 's_payments' | 's_interactions',
  rowNos: readonly number[],
): Promise<void> {
  await db.engine.query(`DELETE FROM ${table} WHERE row_no = ANY($1::int[])`, [rowNos]);
}

/**
 * Takes whole documents out of a staged sales import, with their lines: those named by key, and
 * those named by number (and client key, when known) by a line whose date was refused. Answers the
 * file rows of the lines taken out.
 */
export async function dropStagedDocuments(
  db: Database,
  documents: { keys: readonly string[]; numbers: readonly string[]; clients: readonly (string | null)[] },
): Promise<number[]> {
  const { rows: loose } = await db.engine.query<{ key: string }>(
    `DELETE FROM s_docs d
    USING unnest($1::text[], $2::text[]) AS b(number, client_key)
    WHERE d.number = b.number AND (b.client_key IS NULL OR d.client_key = b.client_key) RETURNING d.key`,
    [documents.numbers, documents.clients],
  );
  const { rows } = await db.engine.query<{ row_no: number }>(
    'DELETE FROM s_lines WHERE doc_key = ANY($1::text[]) RETURNING row_no',
    [[...documents.keys, ...loose.map((d) => d.key)]],
  );
  return rows.map((r) => Number(r.row_no));
}

/**
 * Renumbers the staged lines of documents that several readers met in parts: the lines of document
 * `key` on file rows [fromRow, toRow) move `offset` places on (a `toRow` past the last int means the end).
 */
export async function shiftStagedLines(
  db: Database,
  offsets: readonly { key: string; fromRow: number; toRow: number; offset: number }[],
): Promise<void> {
  if (!offsets.length) return;
  await db.engine.query(
    `UPDATE s_lines l SET line_no = l.line_no + o.shift
    FROM unnest($1::text[], $2::int[], $3::int[], $4::int[]) AS o(key, from_row, to_row, shift)
    WHERE l.doc_key = o.key AND l.row_no >= o.from_row AND l.row_no < o.to_row`,
    [
      offsets.map((o) => o.key),
      offsets.map((o) => o.fromRow),
      offsets.map((o) => Math.min(o.toRow, 2 ** 31 - 1)),
      offsets.map((o) => o.offset),
    ],
  );
}

/** Statistics of the tables an import writes, after a large one (before the analytics are rebuilt from them). */
export async function vacuumImportedTables(db: Database): Promise<void> {
  await vacuumAnalyze(db, [
    'clients',
    'legal_entities',
    'products',
    'orders',
    'order_lines',
    'payments',
    'interactions',
  ]);
}

/**
 * Lines that repeat an earlier line of the file cell for cell (the same fingerprint of all cells),
 * each with the first line it repeats, in file order. 1C lets a document hold the same article twice
 * without a line number, so they stay lines of their own (a document is compared whole on
 * re-import); the import reports them. One sort in the database instead of a million-entry map in
 * the reader, and it sees repeats across the parts that worker threads read.
 */
export async function repeatedLines(db: Database): Promise<{ rowNo: number; first: number }[]> {
  // Most files repeat nothing: a hash aggregate says so cheaper than the sort that finds the repeats.
  const {
    rows: [any],
  } = await db.engine.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM (SELECT fp FROM s_lines GROUP BY fp HAVING count(*) > 1) r',
  );
  if (!any || Number(any.n) === 0) return [];
  const { rows } = await db.engine.query<{ row_no: number; first: number }>(`SELECT row_no, first FROM (
      SELECT row_no, first_value(row_no) OVER (PARTITION BY fp ORDER BY row_no) AS first FROM s_lines) d
    WHERE row_no <> first ORDER BY row_no`);
  return rows.map((r) => ({ rowNo: Number(r.row_no), first: Number(r.first) }));
}

/** A rejected row found by a set-based check (an unknown client, an incomplete document…). */
export type StageReject = { rowNo: number; field: string; value: string; reason: string };
