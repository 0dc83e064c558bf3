import type { RowProblem } from '../core/import/records.js';

/**
 * A file being imported, read as rows of text cells. CSV and XLSX give the file's own rows;
 * CommerceML gives one row per document line with canonical field keys as its header, so the
 * same mapping, validation and merge serve every format.
 */
export type SourceRow = {
  /** The row's number as the user sees it in the file (1-based line in CSV, row in the sheet). */
  rowNo: number;
  cells: string[];
  /** Set when the reader itself refuses the row (bytes that are not the file's encoding): the reason, as a refused cell. */
  refused?: RowProblem | undefined;
};

export type { SourceFormat } from '../core/import/jobs.js';
import type { SourceFormat } from '../core/import/jobs.js';

export type TableSource = {
  format: SourceFormat;
  /** Bytes read so far and in all, for progress (total 0 when unknown). */
  progress(): { done: number; total: number };
  rows(): AsyncIterable<SourceRow>;
  /** The same rows a few thousand at a time, where the reader can: one await per batch, not per row. */
  batches?(): AsyncIterable<SourceRow[]>;
  /** Facts found while reading that the preview shows (encoding, delimiter, sheet name…). */
  details: Record<string, string>;
};
