/**
 * What an import reports without refusing a row: something the user should look at, counted, with
 * the first rows it concerns. Shown in the dry run (the preview), the job and the CLI report.
 */
export type ImportWarning = {
  reason: 'repeated_lines' | 'unknown_cost' | 'catalogue_cost';
  count: number;
  /** The first rows concerned (up to `WARNING_ROWS_KEPT`), each with the earlier row it repeats (none for the cost warnings). */
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
  const ru = rows
    .slice(0, 3)
    .map((r) => `строка ${r.rowNo} повторяет строку ${r.first}`)
    .join(', ');
  const en = rows
    .slice(0, 3)
    .map((r) => `row ${r.rowNo} repeats row ${r.first}`)
    .join(', ');
  const more = repeats.length > 3;
  return [
    {
      reason: 'repeated_lines',
      count: repeats.length,
      rows,
      message: {
        ru:
          `Строк, во всём совпадающих с другой строкой того же документа: ${repeats.length} (${ru}${more ? ' и другие' : ''}). ` +
          'Документ 1С может содержать один товар дважды, поэтому они загружаются как отдельные строки; если файл выгружен с повторами по ошибке, исправьте его.',
        en:
          `${repeats.length} line${repeats.length === 1 ? '' : 's'} equal cell for cell to another line of the same document (${en}${more ? ' and more' : ''}). ` +
          'A 1C document may hold the same article twice, so they are imported as lines of their own; if the file repeats them by mistake, correct it.',
      },
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
    const share = percent(c.unknownSales, c.sales);
    out.push({
      reason: 'unknown_cost',
      count: c.unknownLines,
      rows: [],
      message: {
        ru:
          `Строк без себестоимости: ${c.unknownLines} (${String(share).replace('.', ',')} % суммы продаж файла): ни в файле, ни в справочнике товаров нет закупочной цены. ` +
          'Маржа и прибыль по ним не считаются («нет данных о себестоимости»), а не 100 %; добавьте колонку «Себестоимость» или закупочные цены в справочник товаров.',
        en:
          `${c.unknownLines} line${c.unknownLines === 1 ? '' : 's'} without a cost (${share} % of the file's sales amount): neither the file nor the product catalogue has a purchase price. ` +
          'Their margin and profit are not counted ("no cost data") rather than shown as 100 %; add a cost column or purchase prices to the product catalogue.',
      },
    });
  }
  if (c.catalogueLines > 0) {
    out.push({
      reason: 'catalogue_cost',
      count: c.catalogueLines,
      rows: [],
      message: {
        ru: `Строк с себестоимостью из справочника товаров: ${c.catalogueLines}: в файле её нет, взята закупочная цена товара (не цена продажи).`,
        en: `${c.catalogueLines} line${c.catalogueLines === 1 ? '' : 's'} took their cost from the product catalogue's purchase price (not the list price): the file gives none.`,
      },
    });
  }
  return out;
}
