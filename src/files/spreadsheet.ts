import { Readable } from 'node:stream';
import { strToU8, Zip, ZipDeflate } from 'fflate';

export type Lang = 'ru' | 'en';
export type Cell = string | number | null;

/**
 * What a column holds, so a file opens in Excel as numbers and dates rather than text:
 * `id` a code (a plain number), `integer` a count (grouped thousands), `number` any other number,
 * `money` roubles (a decimal string "1234.50" or a number; two decimals), `share` a fraction shown as
 * a percentage (0.0617 → 6.2 %), `date` an ISO date "YYYY-MM-DD", `datetime` an ISO timestamp
 * (written in UTC, and the header says so: the server does not know the reader's time zone).
 */
export type ColumnKind = 'text' | 'id' | 'integer' | 'number' | 'money' | 'share' | 'date' | 'datetime';

/**
 * A table to export: headers and enum values already in the user's language. `kinds` says what each
 * column holds; a column without one is a date, timestamp or number column when every filled cell
 * is one, and text otherwise. `lang` (Russian unless told) picks the decimal comma of Russian Excel
 * in CSV and the date formats.
 */
export type Sheet = {
  name: string;
  headers: string[];
  rows: Cell[][];
  kinds?: (ColumnKind | undefined)[];
  lang?: Lang;
};

const DECIMAL = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DAY_MS = 86_400_000;
/** Day 0 of Excel's 1900 date system (its serial 60 is the 29 February 1900 that never was). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A number as a plain decimal (never "1e-7"), or null when it is not a finite number. */
function decimal(v: string | number): string | null {
  if (typeof v === 'string') return DECIMAL.test(v) ? v.replace(/^(-?)0+(?=\d)/, '$1') : null;
  if (!Number.isFinite(v)) return null;
  const s = String(v);
  return /e/i.test(s) ? v.toFixed(20).replace(/\.?0+$/, '') : s;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Milliseconds since 1970 of an ISO date or timestamp of the kind, or null when the text is not one. */
function instant(v: Cell, kind: 'date' | 'datetime'): number | null {
  if (typeof v !== 'string') return null;
  if (kind === 'date') {
    const m = ISO_DATE.exec(v);
    if (!m) return null;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return new Date(t).toISOString().startsWith(v) ? t : null;
  }
  if (!ISO_DATETIME.test(v)) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.round(t / 1000) * 1000;
}

function kindOf(rows: Cell[][], i: number): ColumnKind {
  let kind: ColumnKind | undefined;
  for (const row of rows) {
    const v = row[i];
    if (v === null || v === undefined) continue;
    const k: ColumnKind =
      typeof v === 'number'
        ? Number.isFinite(v)
          ? 'number'
          : 'text'
        : instant(v, 'date') !== null
          ? 'date'
          : instant(v, 'datetime') !== null
            ? 'datetime'
            : 'text';
    if (k === 'text' || (kind && kind !== k)) return 'text';
    kind = k;
  }
  return kind ?? 'text';
}

/** Each column's kind: the one given, else what its cells are. */
const kindsOf = (sheet: Sheet): ColumnKind[] => sheet.headers.map((_, i) => sheet.kinds?.[i] ?? kindOf(sheet.rows, i));

const headersOf = (sheet: Pick<Sheet, 'headers'>, kinds: ColumnKind[]) =>
  sheet.headers.map((h, i) => (kinds[i] === 'datetime' && !h.includes('UTC') ? `${h} (UTC)` : h));

/**
 * A cell as written: a number (the plain decimal), a date or time (ms since 1970, UTC), or text.
 * A value that is not what its column says (a note in a number column) stays text rather than lost.
 */
type Typed = { n: string } | { t: number } | { s: string } | null;
function typed(v: Cell | undefined, kind: ColumnKind): Typed {
  if (v === null || v === undefined) return null;
  if (kind === 'date' || kind === 'datetime') {
    const t = instant(v, kind);
    return t === null ? { s: String(v) } : { t };
  }
  // A number in a text column stays a number, as before columns had kinds.
  if (kind !== 'text' || typeof v === 'number') {
    const n = decimal(v);
    if (n !== null) return { n };
  }
  return { s: String(v) };
}

const csvText = (s: string) => {
  // Excel runs cells that begin with = + - @ as formulas; a quote keeps exported text as text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

function csvCell(cell: Typed, kind: ColumnKind, lang: Lang): string {
  if (cell === null) return '';
  if ('s' in cell) return csvText(cell.s);
  if ('n' in cell) return lang === 'ru' ? cell.n.replace('.', ',') : cell.n;
  const d = new Date(cell.t);
  const date =
    lang === 'ru'
      ? `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`
      : d.toISOString().slice(0, 10);
  return kind === 'date' ? date : `${date} ${d.toISOString().slice(11, 19)}`;
}

/**
 * CSV as Excel opens it by double click: UTF-8 with a byte-order mark, semicolons between cells, CRLF
 * line ends. In Russian, numbers with a decimal comma and dates as DD.MM.YYYY, as Russian Excel and 1C
 * read them (a decimal point would make "9873087.48" text there); in English, a decimal point and ISO dates.
 */
export function toCsv(sheet: Sheet): Buffer {
  const lang = sheet.lang ?? 'ru';
  const kinds = kindsOf(sheet);
  const lines = [
    headersOf(sheet, kinds).map(csvText),
    ...sheet.rows.map((r) => r.map((v, i) => csvCell(typed(v, kinds[i] ?? 'text'), kinds[i] ?? 'text', lang))),
  ];
  return Buffer.from(`\uFEFF${lines.map((l) => l.join(';')).join('\r\n')}\r\n`, 'utf8');
}

const xml = (s: string) =>
  s
    .replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)
    // Characters XML 1.0 forbids would make Excel refuse the whole file.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');

const columnName = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : columnName(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));

/**
 * Column widths in characters: room for the longest of the header and the first `WIDTH_ROWS` rows, within
 * bounds. Only the first rows, because the widths come before the rows in the file and the file is
 * written as the rows come: a longer value further down is cut at the cell's edge, as Excel shows it.
 */
const WIDTH_ROWS = 1000;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** How wide a cell shows in Excel: grouped thousands and two decimals for money, the date format's length. */
function shownLength(cell: Typed, kind: ColumnKind): number {
  if (cell === null) return 0;
  if ('s' in cell) return Math.max(...cell.s.split('\n').map((l) => l.length));
  if ('t' in cell) return kind === 'date' ? 10 : 19;
  const [whole = '', fraction] = cell.n.replace('-', '').split('.');
  const grouped =
    kind === 'integer' || kind === 'money' ? whole.length + Math.floor((whole.length - 1) / 3) : whole.length;
  const decimals = kind === 'money' ? 3 : kind === 'share' ? 3 : fraction ? fraction.length + 1 : 0;
  return grouped + decimals + (cell.n.startsWith('-') ? 1 : 0) + (kind === 'share' ? 2 : 0);
}

/**
 * Styles (cellXfs) of the workbook by index: 0 plain, 1 the bold header, then one per kind that has a
 * number format. Format codes are written with "," for groups and "." for decimals, and Excel shows
 * them in the reader's locale (1 234,50 in Russian); dates follow the language of the file.
 */
const styleOf: Record<ColumnKind, number> = {
  text: 0,
  id: 0,
  number: 0,
  integer: 2,
  money: 3,
  share: 4,
  date: 5,
  datetime: 6,
};
const formats = {
  ru: { date: 'dd.mm.yyyy', datetime: 'dd.mm.yyyy hh:mm:ss' },
  en: { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' },
};
const stylesXml = (lang: Lang) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="${formats[lang].date}"/><numFmt numFmtId="166" formatCode="${formats[lang].datetime}"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="7"><xf/><xf fontId="1" applyFont="1"/><xf numFmtId="3" applyNumberFormat="1"/><xf numFmtId="4" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="166" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/**
 * A minimal Office Open XML workbook (ECMA-376): one sheet, inline strings; numbers, money, shares and
 * dates as numbers with their formats (see `ColumnKind`); a bold frozen header row and column widths.
 * Written directly so no spreadsheet library (and its audit history) is needed. The whole file in
 * memory: for a small file or one written to disk; an HTTP answer streams with `xlsxStream`.
 */
export function toXlsx(sheet: Sheet): Buffer {
  return toXlsxBook([sheet]);
}

/** Excel's rules for sheet names: at most 31 characters, none of \ / ? * [ ] :, unique in the book. */
function sheetNames(sheets: SheetHead[]): string[] {
  const taken = new Set<string>();
  return sheets.map((s, i) => {
    let name =
      s.name
        .replace(/[\\/?*[\]:]/g, ' ')
        .trim()
        .slice(0, 31) || `Sheet${i + 1}`;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${name.slice(0, 31 - String(n).length - 1)} ${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** The same workbook with several sheets, in the order given (a person's data export: one sheet per part). */
export function toXlsxBook(sheets: Sheet[]): Buffer {
  const chunks: Uint8Array[] = [];
  const book = new Book(sheets, (chunk) => chunks.push(chunk));
  sheets.forEach((sheet, i) => {
    const writer = book.sheet(i, kindsOf(sheet));
    for (const row of sheet.rows) writer.add(row);
    writer.end();
  });
  book.end();
  return Buffer.concat(chunks);
}

/**
 * A sheet whose rows come one at a time (a generator, a query's cursor) rather than as an array, for
 * `xlsxStream`. A column without a kind then takes its kind from the first rows (`WIDTH_ROWS`), not all.
 */
export type SheetSource = Omit<Sheet, 'rows'> & { rows: Iterable<Cell[]> | AsyncIterable<Cell[]> };

/**
 * The workbook of `toXlsxBook` as a stream, written as it is read: a row's XML is compressed into the
 * file as soon as a piece of them is ready, and the next rows are not taken before the reader (an HTTP
 * reply) has taken what came before. What it holds is the first rows (for the column widths), a piece
 * of XML and the compressor's window, whatever the length of the sheet.
 */
export function xlsxStream(sheets: SheetSource[]): Readable {
  return Readable.from(xlsxChunks(sheets), { objectMode: false });
}

async function* xlsxChunks(sheets: SheetSource[]): AsyncGenerator<Buffer> {
  let chunks: Uint8Array[] = [];
  const book = new Book(sheets, (chunk) => chunks.push(chunk));
  const ready = function* () {
    const out = chunks;
    chunks = [];
    for (const c of out) yield Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  };
  for (const [i, sheet] of sheets.entries()) {
    const { rows } = sheet;
    const writer = book.sheet(i, Array.isArray(rows) ? kindsOf({ ...sheet, rows }) : undefined);
    if (Symbol.asyncIterator in rows) {
      for await (const row of rows) {
        writer.add(row);
        if (chunks.length) yield* ready();
      }
    } else {
      for (const row of rows) {
        writer.add(row);
        if (chunks.length) yield* ready();
      }
    }
    writer.end();
    yield* ready();
  }
  book.end();
  yield* ready();
}

/** What a sheet is apart from its rows. */
type SheetHead = Omit<Sheet, 'rows'>;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** The compression of every part, as zipSync wrote them. */
const LEVEL = 6;
/**
 * A sheet's XML goes to the compressor in pieces of about this many characters (some 200 kB). Each
 * piece ends a block of the compressed data: at this size the sheet packs within 0.3 % of packing it
 * whole (32 K characters cost 1.3 %).
 */
const PIECE = 131_072;

/**
 * The zip of a workbook, written through fflate's streaming `Zip` part by part to `out`: the parts
 * that describe the book at once, then each sheet as its rows come. A part must end before the next
 * one starts, or `Zip` holds the next one back in memory until it does.
 */
class Book {
  private readonly zip: Zip;

  constructor(
    private readonly sheets: SheetHead[],
    out: (chunk: Uint8Array) => void,
  ) {
    this.zip = new Zip((err, data) => {
      if (err) throw err;
      if (data.length) out(data);
    });
    const names = sheetNames(sheets);
    const numbers = sheets.map((_, i) => i + 1);
    this.file(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${numbers.map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    );
    this.file(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    this.file(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${numbers.map((n) => `<sheet name="${xml(names[n - 1]!)}" sheetId="${n}" r:id="rId${n}"/>`).join('')}</sheets></workbook>`,
    );
    this.file(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${numbers.map((n) => `<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    );
    this.file('xl/styles.xml', stylesXml(sheets[0]?.lang ?? 'ru'));
  }

  private file(name: string, text: string): void {
    const part = new ZipDeflate(name, { level: LEVEL });
    this.zip.add(part);
    part.push(strToU8(text), true);
  }

  /** The writer of sheet `i` (from 0), once the one before it has ended. */
  sheet(i: number, kinds: ColumnKind[] | undefined): SheetWriter {
    const part = new ZipDeflate(`xl/worksheets/sheet${i + 1}.xml`, { level: LEVEL });
    this.zip.add(part);
    return new SheetWriter(part, this.sheets[i]!, kinds);
  }

  end(): void {
    this.zip.end();
  }
}

const textCell = (ref: string, v: string, style = '') =>
  `<c r="${ref}" t="inlineStr"${style}><is><t xml:space="preserve">${xml(v)}</t></is></c>`;

function cellXml(cell: Typed, kind: ColumnKind, ref: string): string {
  if (cell === null) return '';
  if ('s' in cell) return textCell(ref, cell.s);
  const style = styleOf[kind] ? ` s="${styleOf[kind]}"` : '';
  // A date is a serial day number of Excel's 1900 system; the time of day is its fraction.
  const value = 'n' in cell ? cell.n : decimal((cell.t - EXCEL_EPOCH) / DAY_MS)!;
  return `<c r="${ref}"${style}><v>${value}</v></c>`;
}

/**
 * One sheet's XML, a row at a time. The column widths come before the rows in the file, so the first
 * `WIDTH_ROWS` rows are held until the widths (from the header and those rows, not the whole sheet)
 * and, for rows that are not an array, the kinds of the columns not given one are known.
 */
class SheetWriter {
  private head: Cell[][] | null = [];
  private kinds: ColumnKind[] = [];
  private piece = '';
  private rowNo = 1;
  /** Column letters by index, as they are first needed. */
  private readonly letters: string[] = [];

  constructor(
    private readonly part: ZipDeflate,
    private readonly sheet: SheetHead,
    private readonly given: ColumnKind[] | undefined,
  ) {}

  add(cells: Cell[]): void {
    if (!this.head) return this.row(cells);
    this.head.push(cells);
    if (this.head.length === WIDTH_ROWS) this.begin();
  }

  end(): void {
    if (this.head) this.begin();
    this.piece += '</sheetData></worksheet>';
    this.part.push(strToU8(this.piece), true);
    this.piece = '';
  }

  private begin(): void {
    const head = this.head!;
    this.head = null;
    const { sheet } = this;
    const kinds = (this.kinds = this.given ?? sheet.headers.map((_, i) => sheet.kinds?.[i] ?? kindOf(head, i)));
    const headers = headersOf(sheet, kinds);
    const widths = headers.map((h) => h.length + 2);
    for (const cells of head)
      for (let i = 0; i < cells.length && i < widths.length; i++) {
        const kind = kinds[i] ?? 'text';
        widths[i] = Math.max(widths[i]!, shownLength(typed(cells[i], kind), kind) + 2);
      }
    const cols = widths.length
      ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w))}" customWidth="1"/>`).join('')}</cols>`
      : '';
    this.piece = `${XML_HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>${cols}<sheetData><row r="1">${headers.map((h, i) => textCell(`${this.letter(i)}1`, h, ' s="1"')).join('')}</row>`;
    for (const cells of head) this.row(cells);
  }

  private letter(i: number): string {
    return (this.letters[i] ??= columnName(i));
  }

  private row(cells: Cell[]): void {
    const r = ++this.rowNo;
    let s = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const kind = this.kinds[i] ?? 'text';
      s += cellXml(typed(cells[i], kind), kind, `${this.letter(i)}${r}`);
    }
    this.piece += `${s}</row>`;
    if (this.piece.length >= PIECE) {
      this.part.push(strToU8(this.piece));
      this.piece = '';
    }
  }
}
