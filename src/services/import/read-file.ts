import { open } from 'node:fs/promises';
import { guessKind, matchColumns, missingRequired, type ColumnMapping, type ImportKind } from '../../core/import/fields.js';
import { DomainError } from '../../core/errors.js';
import { openCommerceMlSource } from './commerceml-source.js';
import { openCsvSource, type CsvEncoding } from './csv-source.js';
import type { SourceRow, TableSource } from './source.js';
import { openXlsxSource } from './xlsx-source.js';

export type Reading = { headerRow?: number | undefined; encoding?: CsvEncoding | undefined; delimiter?: string | undefined; sheet?: string | undefined };

/** How many rows from the top are searched for the header: 1C reports put a title and parameters above it. */
const HEADER_SEARCH_ROWS = 30;
export const PREVIEW_ROWS = 10;

const unreadable = (en: string, ru: string) =>
  new DomainError('invalid_input', en, [{ field: 'file', reason: 'unreadable', message: { ru, en } }]);

/** Opens a file by what its first bytes say it is: a zip is XLSX, XML is CommerceML, anything else CSV. */
export async function openSource(path: string, reading: Reading = {}): Promise<TableSource & { kind?: ImportKind }> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(512);
  let n = 0;
  try { n = (await handle.read(head, 0, 512, 0)).bytesRead; } finally { await handle.close(); }
  if (n === 0) throw unreadable('The file is empty.', 'Файл пуст.');
  const start = head.subarray(0, n);
  try {
    if (start[0] === 0x50 && start[1] === 0x4b) return await openXlsxSource(path, reading.sheet ? { sheet: reading.sheet } : {});
    if (start[0] === 0xd0 && start[1] === 0xcf) {
      throw unreadable('This is an old Excel 97–2003 (.xls) file: save it as .xlsx or CSV and import again.', 'Это файл старого формата Excel 97–2003 (.xls): сохраните его как .xlsx или CSV и загрузите снова.');
    }
    const text = start.toString('latin1').replace(/^\uFEFF|^ï»¿/, '').trimStart();
    if (text.startsWith('<?xml') || text.startsWith('<')) return await openCommerceMlSource(path);
    return await openCsvSource(path, { encoding: reading.encoding, delimiter: reading.delimiter });
  } catch (e) {
    if (e instanceof DomainError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw unreadable(`The file cannot be read: ${message}`, `Файл не читается: ${message}`);
  }
}

/**
 * The header row: given, or the row among the first ones whose cells match the most known headers
 * (a 1C report carries a title and its parameters above the table).
 */
export async function findHeader(source: TableSource, headerRow?: number): Promise<{ rowNo: number; headers: string[] }> {
  let best: { rowNo: number; headers: string[]; score: number } | null = null;
  let seen = 0;
  for await (const row of source.rows()) {
    if (headerRow !== undefined) {
      if (row.rowNo === headerRow) return { rowNo: row.rowNo, headers: row.cells.map((c) => c.trim()) };
      if (row.rowNo > headerRow) break;
      continue;
    }
    const headers = row.cells.map((c) => c.trim());
    const kind = guessKind(headers);
    const score = matchColumns(kind, headers).filter((m) => m !== null).length;
    if (score > (best?.score ?? 0)) best = { rowNo: row.rowNo, headers, score };
    if (++seen >= HEADER_SEARCH_ROWS) break;
  }
  if (headerRow !== undefined) throw unreadable(`The file has no row ${headerRow}.`, `В файле нет строки ${headerRow}.`);
  if (!best) throw unreadable('No header row was found: the first rows name none of the known columns.', 'Строка заголовков не найдена: в первых строках нет ни одного известного названия колонки.');
  return best;
}

/** The rows after the header, with the row numbers the user sees in the file. */
export async function* dataRows(source: TableSource, headerRowNo: number): AsyncGenerator<SourceRow> {
  for await (const row of source.rows()) if (row.rowNo > headerRowNo) yield row;
}

/** The rows after the header in batches (a few thousand rows per await on the bulk path). */
export async function* dataBatches(source: TableSource, headerRowNo: number): AsyncGenerator<SourceRow[]> {
  if (source.batches) {
    for await (const batch of source.batches()) {
      const after = batch[0] && batch[0].rowNo > headerRowNo ? batch : batch.filter((r) => r.rowNo > headerRowNo);
      if (after.length) yield after;
    }
    return;
  }
  let batch: SourceRow[] = [];
  for await (const row of dataRows(source, headerRowNo)) {
    batch.push(row);
    if (batch.length >= 2000) { yield batch; batch = []; }
  }
  if (batch.length) yield batch;
}

export type Inspection = {
  format: string;
  details: Record<string, string>;
  headerRow: number;
  headers: string[];
  kind: ImportKind;
  mapping: ColumnMapping;
  missing: string[];
  sample: SourceRow[];
};

/** What the wizard shows before anything is written: format, header, guessed kind and mapping, the first rows. */
export async function inspectFile(path: string, reading: Reading = {}, kind?: ImportKind): Promise<Inspection> {
  const source = await openSource(path, reading);
  const header = await findHeader(source, reading.headerRow);
  const chosen = kind ?? source.kind ?? guessKind(header.headers);
  const mapping = matchColumns(chosen, header.headers);
  const sample: SourceRow[] = [];
  for await (const row of dataRows(source, header.rowNo)) {
    sample.push(row);
    if (sample.length >= PREVIEW_ROWS) break;
  }
  return { format: source.format, details: source.details, headerRow: header.rowNo, headers: header.headers, kind: chosen, mapping, missing: missingRequired(chosen, mapping), sample };
}
