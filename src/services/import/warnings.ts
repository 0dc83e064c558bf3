/**
 * What an import reports without refusing a row: something the user should look at, counted, with
 * the first rows it concerns. Shown in the dry run (the preview), the job and the CLI report.
 */
import type { MessageCode, MessageParams } from '../../core/messages/index.js';

export type ImportWarning = {
  reason: 'repeated_lines' | 'unknown_cost' | 'catalogue_cost';
  count: number;
  /** The first rows concerned (up to `WARNING_ROWS_KEPT`), each with the earlier row it repeats (none for the cost warnings). */
  rows: { rowNo: number; first: number }[];
  /** What it says (core/messages `import.warning.*`); stored with the job, so a warning of an older job may carry `message` instead. */
  code: MessageCode;
  params: MessageParams;
};

export const WARNING_ROWS_KEPT = 20;

/**
 * Sales lines equal cell for cell to an earlier line of the file (so of the same document): 1C lets
 * a document hold one article twice without a line number, so they are imported as lines of their
 * own, and said, since a file saved twice over looks the same.
 */
export function repeatedLinesWarning(repeats: readonly { rowNo: number; first: number }[]): ImportWarning[] {
  if (repeats.length === 0) return [];
  const rows = repeats.slice(0, WARNING_ROWS_KEPT);
  const shown = rows.slice(0, 3);
  // The message names up to three of them: one code per number shown, and whether there are more.
  const variant = `${shown.length}${repeats.length > 3 ? 'More' : ''}` as '1' | '2' | '3' | '3More';
  const examples = Object.fromEntries(
    shown.flatMap((r, i) => [
      [`row${i + 1}`, r.rowNo],
      [`first${i + 1}`, r.first],
    ]),
  ) as Record<string, number>;
  return [
    {
      reason: 'repeated_lines',
      count: repeats.length,
      rows,
      code: `import.warning.repeatedLines${variant}`,
      params: { count: repeats.length, ...examples },
    },
  ];
}

/** Percent with at most one decimal, for the warnings' text. */
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : 0);

/**
 * Sales lines whose cost neither the file nor the catalogue gives (their margin and profit stay
 * unknown, never 100 %), and lines that took the catalogue's purchase price (said, since the file had none).
 */
export function costWarnings(c: {
  unknownLines: number;
  catalogueLines: number;
  sales: number;
  unknownSales: number;
}): ImportWarning[] {
  const out: ImportWarning[] = [];
  if (c.unknownLines > 0) {
    out.push({
      reason: 'unknown_cost',
      count: c.unknownLines,
      rows: [],
      code: 'import.warning.unknownCost',
      params: { count: c.unknownLines, share: percent(c.unknownSales, c.sales) },
    });
  }
  if (c.catalogueLines > 0) {
    out.push({
      reason: 'catalogue_cost',
      count: c.catalogueLines,
      rows: [],
      code: 'import.warning.catalogueCost',
      params: { count: c.catalogueLines },
    });
  }
  return out;
}
