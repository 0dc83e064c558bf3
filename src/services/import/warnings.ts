/**
 * What an import reports without refusing a row: something the user should look at, counted, with
 * the first rows it concerns. Shown in the dry run (the preview), the job and the CLI report.
 */
export type ImportWarning = {
  reason: 'repeated_lines';
  count: number;
  /** The first rows concerned (up to `WARNING_ROWS_KEPT`), each with the earlier row it repeats. */
  rows: { rowNo: number; first: number }[];
  message: { ru: string; en: string };
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
  const ru = rows.slice(0, 3).map((r) => `строка ${r.rowNo} повторяет строку ${r.first}`).join(', ');
  const en = rows.slice(0, 3).map((r) => `row ${r.rowNo} repeats row ${r.first}`).join(', ');
  const more = repeats.length > 3;
  return [{
    reason: 'repeated_lines', count: repeats.length, rows,
    message: {
      ru: `Строк, во всём совпадающих с другой строкой того же документа: ${repeats.length} (${ru}${more ? ' и другие' : ''}). `
        + 'Документ 1С может содержать один товар дважды, поэтому они загружаются как отдельные строки; если файл выгружен с повторами по ошибке, исправьте его.',
      en: `${repeats.length} line${repeats.length === 1 ? '' : 's'} equal cell for cell to another line of the same document (${en}${more ? ' and more' : ''}). `
        + 'A 1C document may hold the same article twice, so they are imported as lines of their own; if the file repeats them by mistake, correct it.',
    },
  }];
}
