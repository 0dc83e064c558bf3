import { DomainError, fieldProblem, type ErrorDetail } from '../core/errors.js';
import type { MessageCode, ParamsArg } from '../core/messages/index.js';
import type { RowProblem } from '../core/import/records.js';

/**
 * Limits every reader of an imported file keeps, so a crafted file is refused early instead of
 * taking the server's memory or time. Each is far above what a real 1C or Excel export holds.
 */

/** Excel's last column is XFD, the 16,384th: no spreadsheet or 1C report has more, whatever the format. */
export const MAX_COLUMNS = 16_384;

/**
 * Characters of one row (a CSV line with its quoted line breaks, or the cells of a sheet row). A real
 * row of a sales report is a few hundred characters, and Excel's longest cell is 32,767; a million
 * leaves room for dozens of such cells, while a row of a million columns (the probe's: 1.5 GB of
 * memory, an 18.9 MB preview) is refused at its first megabyte.
 */
export const MAX_ROW_CHARS = 1 << 20;

/** The preview shows the beginning of each cell: a person reads a few words, not 32,767 characters. */
export const PREVIEW_CELL_CHARS = 500;
/** And no more than this much text in all, so the inspect answer stays well under a megabyte or two whatever the file. */
export const PREVIEW_CHARS = 1 << 20;

/** A file refused as a whole: a 400 naming the file, the detail being the reason (a message code). */
export function fileRefusal<C extends MessageCode>(reason: string, code: C, ...params: ParamsArg<C>): DomainError {
  return DomainError.ofFields('invalid_input', [fieldProblem('file', reason, code, ...params)], 'alone');
}

export const tooManyColumns = (row: number) =>
  fileRefusal('too_many_columns', 'import.file.tooManyColumns', { row, max: MAX_COLUMNS });

export const rowTooLong = (row: number) =>
  fileRefusal('row_too_long', 'import.file.rowTooLong', { row, max: MAX_ROW_CHARS });

/** A row whose bytes are not the UTF-8 the file declares: refused by itself, the others are read. */
export const invalidUtf8: RowProblem = {
  field: '*',
  column: '*',
  value: '',
  reason: 'encoding',
  code: 'import.file.invalidUtf8Row',
  params: {},
};

/** What a source row is reduced to in the inspect answer (see `PREVIEW_CELL_CHARS`). */
export const previewCell = (cell: string) =>
  cell.length > PREVIEW_CELL_CHARS ? `${cell.slice(0, PREVIEW_CELL_CHARS)}…` : cell;

/** An error as a worker thread posts it: a refusal keeps its code, its detail and its reasons (as message codes). */
export type PostedError = {
  message: string;
  refusal?: { code: DomainError['code']; detail: ErrorDetail; fields: DomainError['fields'] } | undefined;
};

export const postedError = (e: unknown): PostedError =>
  e instanceof DomainError
    ? { message: e.message, refusal: { code: e.code, detail: e.detail, fields: e.fields } }
    : { message: e instanceof Error ? e.message : String(e) };

/** The error a worker posted, as it was thrown there (a refusal stays a 400 with its reasons). */
export const errorFromWorker = (m: PostedError): Error => {
  if (!m.refusal) return new Error(m.message);
  const { code, detail, fields } = m.refusal;
  return 'code' in detail
    ? new DomainError(code, detail.code, detail.params, fields)
    : DomainError.ofFields(code, fields, detail.firstField);
};
