import { open } from 'node:fs/promises';
import {
  guessKind,
  matchColumns,
  missingRequired,
  type ColumnMapping,
  type ImportKind,
} from '../../core/import/fields.js';
import { DomainError } from '../../core/errors.js';
import type { MessageCode, ParamsArg } from '../../core/messages/index.js';
import { openCommerceMlSource } from '../../files/commerceml-source.js';
import { openCsvSource, type CsvEncoding } from '../../files/csv-source.js';
import { fileRefusal, PREVIEW_CHARS, previewCell } from '../../files/limits.js';
import type { SourceRow, TableSource } from '../../files/source.js';
import { openXlsxSource } from '../../files/xlsx-source.js';

export type Reading = {
  headerRow?: number | undefined;
  encoding?: CsvEncoding | undefined;
  delimiter?: string | undefined;
  sheet?: string | undefined;
};

/** How many rows from the top are searched for the header: 1C reports put a title and parameters above it. */
const HEADER_SEARCH_ROWS = 30;
export const PREVIEW_ROWS = 10;

const unreadable = <C extends MessageCode>(code: C, ...params: ParamsArg<C>) =>
  fileRefusal('unreadable', code, ...params);

/** A file that cannot be read: refusals stay as they are, other failures name their cause (in the reader's English). */
function asRefusal(e: unknown): DomainError {
  if (e instanceof DomainError) return e;
  return unreadable('import.file.unreadable', { reason: e instanceof Error ? e.message : String(e) });
}

/**
 * Opens a file by what its first bytes say it is: a zip is XLSX, XML is CommerceML, anything else CSV.
 * A preview (inspect) reads only the first rows of a sheet.
 */
export async function openSource(
  path: string,
  reading: Reading = {},
  preview = false,
): Promise<TableSource & { kind?: ImportKind }> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(512);
  let n = 0;
  try {
    n = (await handle.read(head, 0, 512, 0)).bytesRead;
  } finally {
    await handle.close();
  }
  if (n === 0) throw unreadable('import.file.empty');
  const start = head.subarray(0, n);
  try {
    if (start[0] === 0x50 && start[1] === 0x4b) return await openXlsxSource(path, { sheet: reading.sheet, preview });
    if (start[0] === 0xd0 && start[1] === 0xcf) {
      throw unreadable('import.file.xls');
    }
    const text = start
      .toString('latin1')
      .replace(/^\uFEFF|^ï»¿/, '')
      .trimStart();
    if (text.startsWith('<?xml') || text.startsWith('<')) return await openCommerceMlSource(path);
    return await openCsvSource(path, { encoding: reading.encoding, delimiter: reading.delimiter });
  } catch (e) {
    throw asRefusal(e);
  }
}

/**
 * The header row: given, or the row among the first ones whose cells match the most known headers
 * (a 1C report carries a title and its parameters above the table).
 */
export async function findHeader(
  source: TableSource,
  headerRow?: number,
): Promise<{ rowNo: number; headers: string[] }> {
  try {
    return await searchHeader(source, headerRow);
  } catch (e) {
    throw asRefusal(e);
  }
}

async function searchHeader(source: TableSource, headerRow?: number): Promise<{ rowNo: number; headers: string[] }> {
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
  if (headerRow !== undefined) throw unreadable('import.file.noRow', { row: headerRow });
  if (!best) throw unreadable('import.file.noHeader');
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
    if (batch.length >= 2000) {
      yield batch;
      batch = [];
    }
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

/**
 * What the wizard shows before anything is written: format, header, guessed kind and mapping, the
 * first rows. The file is read once, and only its beginning; the rows shown are cut to what a person
 * reads (see files/limits.ts), so the answer stays small whatever the file holds.
 */
export async function inspectFile(path: string, reading: Reading = {}, kind?: ImportKind): Promise<Inspection> {
  const source = onePass(await openSource(path, reading, true), reading.headerRow ?? 0);
  try {
    const header = await findHeader(source, reading.headerRow);
    const chosen = kind ?? source.kind ?? guessKind(header.headers);
    const mapping = matchColumns(chosen, header.headers);
    const sample: SourceRow[] = [];
    let chars = 0;
    for await (const row of dataRows(source, header.rowNo)) {
      const cells = row.cells.map(previewCell);
      sample.push({ rowNo: row.rowNo, cells });
      chars += cells.reduce((n, c) => n + c.length, 0);
      if (sample.length >= PREVIEW_ROWS || chars >= PREVIEW_CHARS) break;
    }
    return {
      format: source.format,
      details: source.details,
      headerRow: header.rowNo,
      headers: header.headers,
      kind: chosen,
      mapping,
      missing: missingRequired(chosen, mapping),
      sample,
    };
  } catch (e) {
    throw asRefusal(e);
  } finally {
    await source.close();
  }
}

/**
 * The source read once however many times its rows are asked for: the rows read so far (from row
 * `keepFrom` on) are given again, then reading goes on where it stopped. Inspecting a workbook then
 * costs one reader, not one for the header and another for the rows after it.
 */
function onePass<S extends TableSource>(source: S, keepFrom: number): S & { close(): Promise<void> } {
  const iterator = source.rows()[Symbol.asyncIterator]();
  const kept: SourceRow[] = [];
  let ended = false;
  return {
    ...source,
    async *rows() {
      for (let i = 0; ; i++) {
        if (i < kept.length) {
          yield kept[i]!;
          continue;
        }
        if (ended) return;
        const next = await iterator.next();
        if (next.done) {
          ended = true;
          return;
        }
        if (next.value.rowNo >= keepFrom) kept.push(next.value);
        else i--;
        yield next.value;
      }
    },
    close: async () => {
      await iterator.return?.(undefined);
    },
  };
}
