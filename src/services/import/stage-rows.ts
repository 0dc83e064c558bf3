import type { ColumnMapping, ImportKind } from '../../core/import/fields.js';
import { rowFingerprint } from '../../core/import/keys.js';
import { recordReader, type RowProblem } from '../../core/import/records.js';
import type { StageTable } from '../../db/queries/imports/stage.js';
import { openCsvSource, type CsvRange } from '../../files/csv-source.js';
import { dataBatches, openSource, type Reading } from './read-file.js';
import { salesPart, stagingFor, type SalesPart, type SalesState } from './staging.js';

export type RejectedCell = RowProblem & { rowNo: number };

/** What one reader of a file (or of one part of it) needs to know. */
export type StageJob = {
  path: string;
  kind: ImportKind;
  mapping: ColumnMapping;
  headers: string[];
  headerRowNo: number;
  reading: Reading;
  /** A byte range of a CSV file, for a reader that reads one part of it. */
  range?: CsvRange | undefined;
};

export type StageResult = {
  rowsRead: number;
  rowsValid: number;
  rowsSkipped: number;
  rejectedRows: number;
  /** The first refused cells, up to `REJECTS_KEPT`. */
  rejects: RejectedCell[];
  extras: { table: StageTable; lines: string[] }[];
  broken: string[];
  sales?: SalesState | undefined;
  /** The same, flat, from a reader of one part of the file (see `joinSalesParts`). */
  salesPart?: SalesPart | undefined;
};

export const REJECTS_KEPT = 10_000;

export const repeatOf = (first: number): RowProblem => ({
  field: '*',
  column: '*',
  value: '',
  reason: 'duplicate_row',
  code: 'import.row.repeats',
  params: { first },
});
// Chunks stay under V8's large-object size (128 kB), so the young generation collects them as soon as COPY has them.
const COPY_CHUNK = 48 * 1024;

/**
 * Reads rows, checks each through the mapping, refuses repeats and rows only the whole file shows
 * to be wrong, and hands the staging CSV out in chunks of about 256 kB (`emit` may wait: that is
 * the backpressure of the COPY it feeds). Runs on the main thread for small files and in worker
 * threads, one per part of the file, for large ones.
 */
export async function stageRows(
  job: StageJob,
  emit: (csv: string) => Promise<void>,
  onBytes?: (done: number, total: number, rowsRead: number, rejected: number) => void,
): Promise<StageResult> {
  const source = job.range
    ? await openCsvSource(job.path, {
        encoding: job.reading.encoding,
        delimiter: job.reading.delimiter,
        range: job.range,
      })
    : await openSource(job.path, job.reading);
  const read = recordReader(job.kind, job.mapping, job.headers);
  const staging = stagingFor(job.kind);
  const columnOf = (field: string) => job.headers[job.mapping.indexOf(field)] ?? field;
  const fingerprints = new Map<number, number>();
  const rejects: RejectedCell[] = [];
  let rowsRead = 0,
    rowsValid = 0,
    rowsSkipped = 0,
    rejectedRows = 0;
  const reject = (rowNo: number, problems: RowProblem[]) => {
    rejectedRows++;
    for (const p of problems) if (rejects.length < REJECTS_KEPT) rejects.push({ rowNo, ...p });
  };
  let buffer = '';
  for await (const batch of dataBatches(source, job.range ? 0 : job.headerRowNo)) {
    for (const row of batch) {
      rowsRead++;
      const result = read(row.cells);
      if (row.refused) {
        // Refused by the reader (bytes not in the file's encoding): as far as it reads, it still names its document.
        if (result.kind !== 'skipped') staging.rejected(result.record, [row.refused]);
        reject(row.rowNo, [row.refused]);
        continue;
      }
      if (result.kind === 'skipped') {
        rowsSkipped++;
        continue;
      }
      if (result.kind === 'rejected') {
        staging.rejected(result.record, result.problems);
        reject(row.rowNo, result.problems);
        continue;
      }
      const fp = rowFingerprint(row.cells);
      if (!staging.repeatsInDatabase) {
        const first = fingerprints.get(fp);
        if (first !== undefined) {
          reject(row.rowNo, [repeatOf(first)]);
          continue;
        }
        fingerprints.set(fp, row.rowNo);
      }
      const line = staging.accept(row.rowNo, result.record, columnOf, fp);
      if (typeof line !== 'string') {
        reject(row.rowNo, line);
        continue;
      }
      rowsValid++;
      buffer += line;
    }
    const p = source.progress();
    onBytes?.(p.done, p.total, rowsRead, rejectedRows);
    if (buffer.length >= COPY_CHUNK) {
      await emit(buffer);
      buffer = '';
    }
  }
  if (buffer) await emit(buffer);
  return {
    rowsRead,
    rowsValid,
    rowsSkipped,
    rejectedRows,
    rejects,
    extras: staging.state ? [] : staging.extras(),
    broken: staging.brokenDocuments(),
    sales: job.range ? undefined : staging.state?.(),
    salesPart: job.range && staging.state ? salesPart(staging.state()) : undefined,
  };
}
