import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Unzip, UnzipInflate, type AsyncFlateStreamHandler, type UnzipDecoder } from 'fflate';
import type { SourceRow, TableSource } from './source.js';

export type XlsxErrorCode = 'not_zip' | 'legacy_xls' | 'damaged' | 'no_workbook' | 'no_sheets' | 'sheet_not_found' | 'too_large';

/** A file that cannot be read as a workbook; `code` lets the caller say so in the user's language. */
export class XlsxSourceError extends Error {
  readonly code: XlsxErrorCode;
  constructor(code: XlsxErrorCode, message: string) {
    super(message);
    this.name = 'XlsxSourceError';
    this.code = code;
  }
}

const CHUNK = 1 << 16;
/** Excel's last column, XFD: a reference beyond it is damage, not data. */
const MAX_COLUMNS = 16_384;
const DAY_MS = 86_400_000;
// Limits against zip bombs and broken files, far above what Excel writes: a cell holds at most
// 32,767 characters, workbook.xml and styles.xml a few megabytes.
const MAX_TEXT_PART = 64 << 20;
const MAX_SHARED_STRINGS = 200 << 20;
const MAX_PENDING_TEXT = 32 << 20;

/**
 * An XLSX workbook read as the rows of one sheet. The archive is streamed twice: once for the
 * workbook, styles and shared strings (Excel stores the shared strings after the sheets, so the
 * sheet cannot be read on the first pass), then on every `rows()` for the sheet itself, inflated
 * and scanned chunk by chunk so a sheet of any size is read in bounded memory.
 *
 * Cells come as text: numbers as stored ("1234.5"), date-formatted numbers as "YYYY-MM-DD" or
 * "YYYY-MM-DD HH:mm:ss", booleans as "true"/"false", error values empty. Trailing empty cells
 * are dropped and rows with no value are skipped; `rowNo` stays the sheet's row number.
 */
export async function openXlsxSource(path: string, options: { sheet?: string } = {}): Promise<TableSource> {
  const size = (await stat(path)).size;
  await checkSignature(path);
  const book = await readWorkbook(path);
  // Chart sheets have no cells to import.
  const worksheets = book.sheets.filter((s) => !s.chart && s.part);
  const sheet = pickSheet(worksheets, options.sheet);
  let done = 0;
  return {
    format: 'xlsx',
    // JSON keeps the list unambiguous: sheet names may hold commas and semicolons.
    details: { sheet: sheet.name, sheets: JSON.stringify(worksheets.map((s) => s.name)) },
    progress: () => ({ done, total: size }),
    rows: () => readSheet(path, sheet.part, book, (n) => { done = n; }, () => { done = size; }),
  };
}

async function checkSignature(path: string): Promise<void> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(8);
  let n = 0;
  try { n = (await handle.read(head, 0, 8, 0)).bytesRead; } finally { await handle.close(); }
  if (n >= 4 && head.readUInt32LE(0) === 0x04034b50) return;
  if (n >= 4 && head.readUInt32LE(0) === 0x06054b50) throw noWorkbook();
  // OLE2 compound file: Excel 97–2003, and also what Excel makes of a password-protected .xlsx.
  if (n === 8 && head.toString('hex') === 'd0cf11e0a1b11ae1') {
    throw new XlsxSourceError('legacy_xls', 'This is not an XLSX workbook but an Excel 97-2003 (.xls) file or a password-protected workbook: save it as .xlsx without a password and import again.');
  }
  throw new XlsxSourceError('not_zip', 'This is not a valid XLSX workbook: the file is not a zip archive.');
}

const noWorkbook = () => new XlsxSourceError('no_workbook', 'This is not a valid XLSX workbook: the zip archive holds no workbook (xl/workbook.xml).');
const tooLarge = (what: string) => new XlsxSourceError('too_large', `This workbook cannot be read: ${what} is too large (the file is damaged or not a real workbook).`);
const damaged = (cause: unknown) => new XlsxSourceError('damaged', `This is not a valid XLSX workbook: the zip archive is damaged (${cause instanceof Error ? cause.message : String(cause)}).`);

// ---------------------------------------------------------------------------------------------
// The archive

type EntrySink = { data(chunk: Uint8Array): void; end(): void };

/** Zip entry names compared the way OPC compares part names: case-insensitive, no leading slash. */
const partName = (name: string) => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();

/**
 * One streaming pass over the archive that inflates only the entries `pick` asks for.
 * fflate's Unzip keeps the compressed bytes of every entry that is never started, so every entry
 * is started and the unwanted ones get a decoder that drops their bytes uninflated.
 */
class ZipPass {
  private readonly unzip: Unzip;
  private failure: unknown = null;
  private sinkError: unknown = null;

  constructor(pick: (part: string) => EntrySink | undefined) {
    const dropped = new Set<string>();
    class SelectiveInflate implements UnzipDecoder {
      static readonly compression = 8;
      ondata: AsyncFlateStreamHandler = () => undefined;
      private readonly inner: UnzipInflate | null;
      constructor(name: string) {
        this.inner = dropped.has(name) ? null : new UnzipInflate();
        if (this.inner) this.inner.ondata = (err, data, final) => this.ondata(err, data, final);
      }
      push(data: Uint8Array, final: boolean): void {
        this.inner?.push(data, final);
      }
    }
    this.unzip = new Unzip((file) => {
      const sink = pick(partName(file.name));
      // fflate fails on starting an entry it has no decoder for (Excel only stores and deflates).
      const decodable = file.compression === 0 || file.compression === 8;
      if (!sink) {
        dropped.add(file.name);
        file.ondata = () => undefined;
        if (!decodable) return;
      } else if (!decodable) {
        this.failure ??= new Error(`${file.name} is compressed with method ${file.compression}, which is not supported`);
        return;
      } else {
        file.ondata = (err, data, final) => {
          if (err) { this.failure ??= err; return; }
          if (this.sinkError) return;
          try {
            if (data.length) sink.data(data);
            if (final) sink.end();
          } catch (e) {
            this.sinkError = e;
          }
        };
      }
      file.start();
    });
    this.unzip.register(SelectiveInflate);
  }

  push(chunk: Uint8Array, final: boolean): void {
    try {
      this.unzip.push(chunk, final);
    } catch (e) {
      throw damaged(e);
    }
    if (this.sinkError) throw this.sinkError;
    if (this.failure) throw damaged(this.failure);
  }
}

/** A sink that decodes an entry's UTF-8 and scans it as it arrives. */
function scanningSink(events: XmlEvents, onEnd: () => void = () => undefined): EntrySink {
  const decoder = new TextDecoder();
  const scanner = new XmlScanner(events);
  return {
    data: (chunk) => scanner.write(decoder.decode(chunk, { stream: true })),
    end: () => { scanner.write(decoder.decode(), true); onEnd(); },
  };
}

function textSink(part: string, onText: (text: string) => void): EntrySink {
  const decoder = new TextDecoder();
  let text = '';
  return {
    data: (chunk) => {
      text += decoder.decode(chunk, { stream: true });
      if (text.length > MAX_TEXT_PART) throw tooLarge(part);
    },
    end: () => onText(text + decoder.decode()),
  };
}

// ---------------------------------------------------------------------------------------------
// Workbook, relationships, styles, shared strings

type DateKind = 'date' | 'time' | null;
type SheetInfo = { name: string; part: string; hidden: boolean; chart: boolean };
type Book = { sheets: SheetInfo[]; date1904: boolean; strings: string[]; dateKinds: DateKind[] };

const isTextPart = (part: string) => part.endsWith('.rels') || /(^|\/)(workbook[^/]*|styles)\.xml$/.test(part);
const isSharedStrings = (part: string) => /(^|\/)sharedstrings[^/]*\.xml$/.test(part);

async function readWorkbook(path: string): Promise<Book> {
  const texts = new Map<string, string>();
  const shared = new Map<string, string[]>();
  const pass = new ZipPass((part) => {
    if (isTextPart(part)) return textSink(part, (text) => texts.set(part, text));
    if (isSharedStrings(part)) {
      const reader = new SharedStringsReader();
      return scanningSink(reader, () => shared.set(part, reader.strings));
    }
    return undefined;
  });
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) pass.push(chunk as Buffer, false);
  pass.push(new Uint8Array(0), true);

  const rootRels = parseRels(texts.get('_rels/.rels') ?? '', '');
  const officeDocument = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPart = officeDocument && texts.has(officeDocument.target) ? officeDocument.target : 'xl/workbook.xml';
  const workbookXml = texts.get(workbookPart);
  if (workbookXml === undefined) throw noWorkbook();
  const base = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
  const rels = parseRels(texts.get(`${base}_rels/${workbookPart.slice(base.length)}.rels`) ?? '', base);
  const related = (type: string, fallback: string) => [...rels.values()].find((r) => r.type.endsWith(type))?.target ?? fallback;

  const workbook = parseWorkbook(workbookXml);
  const sheets = workbook.sheets.map((s): SheetInfo => {
    const rel = rels.get(s.rid);
    const part = rel?.target ?? '';
    return { name: s.name, part, hidden: s.hidden, chart: (rel?.type.endsWith('/chartsheet') ?? false) || part.includes('chartsheets/') };
  });
  return {
    sheets,
    date1904: workbook.date1904,
    strings: shared.get(related('/sharedStrings', `${base}sharedstrings.xml`)) ?? [],
    dateKinds: parseStyles(texts.get(related('/styles', `${base}styles.xml`)) ?? ''),
  };
}

function pickSheet(worksheets: SheetInfo[], wanted: string | undefined): SheetInfo {
  if (wanted !== undefined) {
    // Excel keeps sheet names unique regardless of case.
    const found = worksheets.find((s) => s.name === wanted) ?? worksheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (!found) {
      throw new XlsxSourceError('sheet_not_found', `The workbook has no sheet named "${wanted}"; its sheets are ${worksheets.map((s) => `"${s.name}"`).join(', ') || 'none'}.`);
    }
    return found;
  }
  const first = worksheets.find((s) => !s.hidden) ?? worksheets[0];
  if (!first) throw new XlsxSourceError('no_sheets', 'The workbook has no worksheets.');
  return first;
}

/** Relationship id → type and the target's part name, resolved against the owning part's folder. */
function parseRels(xml: string, base: string): Map<string, { type: string; target: string }> {
  const rels = new Map<string, { type: string; target: string }>();
  scanAll(xml, {
    open(name, raw) {
      if (name !== 'Relationship') return;
      const a = attributes(raw);
      if (a.Id && a.Target && a.TargetMode !== 'External') rels.set(a.Id, { type: a.Type ?? '', target: resolvePart(base, a.Target) });
    },
  });
  return rels;
}

function resolvePart(base: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try { t = decodeURIComponent(t); } catch { /* a stray % is part of the name */ }
  const out: string[] = [];
  for (const segment of (t.startsWith('/') ? t : base + t).split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/').toLowerCase();
}

function parseWorkbook(xml: string): { sheets: { name: string; rid: string; hidden: boolean }[]; date1904: boolean } {
  const sheets: { name: string; rid: string; hidden: boolean }[] = [];
  let date1904 = false;
  scanAll(xml, {
    open(name, raw) {
      if (name === 'workbookPr') {
        const v = attributes(raw).date1904;
        date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        // r:id is the only namespaced "id" on <sheet>; attributes() keys by local name.
        const a = attributes(raw);
        sheets.push({ name: a.name ?? '', rid: a.id ?? '', hidden: a.state === 'hidden' || a.state === 'veryHidden' });
      }
    },
  });
  return { sheets, date1904 };
}

/** For each cell style (the `s` of a cell), whether its number format shows a date or a time. */
function parseStyles(xml: string): DateKind[] {
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  scanAll(xml, {
    open(name, raw) {
      if (name === 'numFmt') {
        const a = attributes(raw);
        formats.set(Number(a.numFmtId), a.formatCode ?? '');
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(attributes(raw).numFmtId ?? 0) || 0);
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfs.map((id) => {
    const code = formats.get(id);
    return code !== undefined ? formatKind(code) : builtInKind(id);
  });
}

function builtInKind(id: number): DateKind {
  if (id >= 14 && id <= 17) return 'date';
  if (id === 22) return 'date';
  if ((id >= 18 && id <= 21) || id === 45 || id === 47) return 'time';
  // 46 is [h]:mm:ss, a duration: its value is a count of days, not a moment.
  return null;
}

/**
 * Whether a custom number format shows a date ('date'), only a time ('time') or a number. Literal
 * text (quoted, escaped with a backslash, after _ or *) and bracketed parts (colours, locales,
 * conditions) do not count; an elapsed-time format such as [h]:mm is a duration, kept as a number.
 */
export function formatKind(code: string): DateKind {
  if (/\[(h+|m+|s+)\]/i.test(code)) return null;
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/[_*]./g, '').replace(/\[[^\]]*\]/g, '');
  if (/[dy]/i.test(bare)) return 'date';
  if (/[hs]/i.test(bare)) return 'time';
  // Months alone ("mmmm yyyy" is caught above, "mmm" here).
  if (/m/i.test(bare)) return 'date';
  return null;
}

class SharedStringsReader implements XmlEvents {
  readonly strings: string[] = [];
  private size = 0;
  private inItem = false;
  private inPhonetic = false;
  private capturing = false;
  private preserve = false;
  private buffer = '';
  private item = '';

  open(name: string, raw: string): void {
    if (name === 'si') { this.inItem = true; this.item = ''; }
    else if (name === 'rPh') this.inPhonetic = true;
    else if (name === 't' && this.inItem && !this.inPhonetic) {
      this.capturing = true;
      this.preserve = attributes(raw).space === 'preserve';
      this.buffer = '';
    }
  }

  close(name: string): void {
    if (name === 't' && this.capturing) {
      this.item += this.preserve ? this.buffer : trimXmlSpace(this.buffer);
      this.capturing = false;
    } else if (name === 'rPh') this.inPhonetic = false;
    else if (name === 'si') {
      this.strings.push(unescapeOoxml(this.item));
      if ((this.size += this.item.length) > MAX_SHARED_STRINGS) throw tooLarge('the shared strings table');
      this.inItem = false;
    }
  }

  text(text: string): void {
    if (this.capturing) this.buffer += text;
  }
}

// ---------------------------------------------------------------------------------------------
// The sheet

async function* readSheet(path: string, part: string, book: Book, onBytes: (n: number) => void, onDone: () => void): AsyncGenerator<SourceRow> {
  let queue: SourceRow[] = [];
  const reader = new SheetReader(book, (row) => queue.push(row));
  let found = false;
  let ended = false;
  const pass = new ZipPass((name) => {
    if (name !== part || found) return undefined;
    found = true;
    return scanningSink(reader, () => { ended = true; });
  });
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    bytes += (chunk as Buffer).length;
    pass.push(chunk as Buffer, false);
    onBytes(bytes);
    if (queue.length) { const out = queue; queue = []; yield* out; }
    // Whatever follows the sheet data in the archive is of no use here.
    if (ended || reader.finished) break;
  }
  if (!ended && !reader.finished) {
    pass.push(new Uint8Array(0), true);
    if (!found) throw new XlsxSourceError('damaged', `This is not a valid XLSX workbook: the sheet part ${part} is missing from the archive.`);
  }
  yield* queue;
  onDone();
}

class SheetReader implements XmlEvents {
  finished = false;
  private inData = false;
  private rowNo = 0;
  private cells: string[] = [];
  private nextColumn = 0;
  private column = 0;
  private type = '';
  private style = 0;
  private value = '';
  private inline = '';
  private hasInline = false;
  private capture: 'v' | 't' | null = null;
  private inInline = false;
  private inPhonetic = false;
  private preserve = false;
  private buffer = '';

  constructor(private readonly book: Book, private readonly emit: (row: SourceRow) => void) {}

  open(name: string, raw: string): void {
    if (!this.inData) {
      if (name === 'sheetData') this.inData = true;
      return;
    }
    switch (name) {
      case 'row': {
        const r = Number(attributes(raw).r);
        this.rowNo = Number.isInteger(r) && r > 0 ? r : this.rowNo + 1;
        this.cells = [];
        this.nextColumn = 0;
        break;
      }
      case 'c': {
        const a = attributes(raw);
        const ref = a.r ? columnIndex(a.r) : -1;
        this.column = ref >= 0 ? ref : this.nextColumn;
        this.type = a.t ?? 'n';
        this.style = Number(a.s ?? 0) || 0;
        this.value = '';
        this.inline = '';
        this.hasInline = false;
        break;
      }
      case 'v': this.capture = 'v'; break;
      case 'is': this.inInline = true; this.hasInline = true; break;
      case 'rPh': this.inPhonetic = true; break;
      case 't':
        if (this.inInline && !this.inPhonetic) {
          this.capture = 't';
          this.preserve = attributes(raw).space === 'preserve';
          this.buffer = '';
        }
        break;
    }
  }

  close(name: string): void {
    if (!this.inData) return;
    switch (name) {
      case 'sheetData': this.inData = false; this.finished = true; break;
      case 'v': if (this.capture === 'v') this.capture = null; break;
      case 't':
        if (this.capture === 't') {
          this.inline += this.preserve ? this.buffer : trimXmlSpace(this.buffer);
          this.capture = null;
        }
        break;
      case 'rPh': this.inPhonetic = false; break;
      case 'is': this.inInline = false; break;
      case 'c':
        if (this.column < MAX_COLUMNS) this.cells[this.column] = this.cellText();
        this.nextColumn = this.column + 1;
        break;
      case 'row': this.endRow(); break;
    }
  }

  text(text: string): void {
    if (this.capture === 'v') this.value += text;
    else if (this.capture === 't') this.buffer += text;
  }

  private endRow(): void {
    const cells = this.cells;
    let last = -1;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (c === undefined) cells[i] = '';
      else if (c !== '') last = i;
    }
    if (last < 0) return;
    cells.length = last + 1;
    this.emit({ rowNo: this.rowNo, cells });
  }

  private cellText(): string {
    const v = this.value;
    switch (this.type) {
      case 's': return v.trim() === '' ? '' : this.book.strings[Number(v)] ?? '';
      case 'inlineStr': return unescapeOoxml(this.hasInline ? this.inline : v);
      case 'str': return unescapeOoxml(v);
      case 'b': {
        const b = v.trim();
        return b === '' ? '' : b === '1' || b === 'true' ? 'true' : 'false';
      }
      case 'e': return '';
      case 'd': return isoDateText(v.trim());
      default: {
        const text = v.trim();
        const kind = this.book.dateKinds[this.style];
        if (!kind || text === '') return text;
        return serialDateText(Number(text), kind, this.book.date1904) ?? text;
      }
    }
  }
}

/** "C5" → 2; -1 when the reference has no column letters. */
function columnIndex(ref: string): number {
  let n = 0, i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  return i === 0 ? -1 : n - 1;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * An Excel serial date as text. In the 1900 system serial 1 is 1900-01-01 and serial 60 is the
 * 29 February 1900 that Lotus 1-2-3 invented and Excel kept, so later serials count from 1899-12-30;
 * the 1904 system (old Mac workbooks) counts from 1904-01-01. A time-only format with no day part
 * gives just the time. Null when the value is no date at all.
 */
export function serialDateText(serial: number, kind: 'date' | 'time', date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return null; // past 9999-12-31
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds >= 86_400) { days += 1; seconds -= 86_400; }
  const time = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  if (kind === 'time' && days === 0) return time;
  let date: string;
  if (!date1904 && days === 60) date = '1900-02-29';
  else {
    const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
    const d = new Date(epoch + days * DAY_MS);
    date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  return seconds ? `${date} ${time}` : date;
}

/** A `t="d"` cell holds an ISO 8601 date-time; midnight is dropped to give a plain date. */
function isoDateText(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!m) return text;
  const time = m[2] ? `${m[2]}:${m[3]}:${m[4] ?? '00'}` : '00:00:00';
  return time === '00:00:00' ? m[1]! : `${m[1]} ${time}`;
}

// ---------------------------------------------------------------------------------------------
// A small streaming XML scanner: spreadsheet parts are machine-written, so tags, text, comments,
// CDATA and processing instructions are all it needs to know; names come without their prefix.

type XmlEvents = {
  open?(name: string, rawAttributes: string): void;
  close?(name: string): void;
  text?(text: string): void;
};

class XmlScanner {
  private rest = '';
  constructor(private readonly events: XmlEvents) {}

  write(chunk: string, final = false): void {
    const s = this.rest ? this.rest + chunk : chunk;
    const n = s.length;
    const on = this.events;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        // Text is handed on whole, so an entity is never split between two calls.
        if (final) on.text?.(decodeXml(s.slice(i)));
        else break;
        i = n;
        break;
      }
      if (lt > i) on.text?.(decodeXml(s.slice(i, lt)));
      i = lt;
      // Too little left to tell a comment or CDATA from a tag.
      if (!final && n - i < 9) break;
      let end: number;
      const next = s.charCodeAt(i + 1);
      if (next === 33 /* ! */) {
        if (s.startsWith('<!--', i)) {
          if ((end = s.indexOf('-->', i + 4)) < 0) break;
          i = end + 3;
        } else if (s.startsWith('<![CDATA[', i)) {
          if ((end = s.indexOf(']]>', i + 9)) < 0) break;
          on.text?.(s.slice(i + 9, end));
          i = end + 3;
        } else {
          if ((end = s.indexOf('>', i + 2)) < 0) break;
          i = end + 1;
        }
      } else if (next === 63 /* ? */) {
        if ((end = s.indexOf('?>', i + 2)) < 0) break;
        i = end + 2;
      } else {
        if ((end = tagEnd(s, i + 1)) < 0) break;
        const closing = next === 47;
        let k = closing ? i + 2 : i + 1;
        const nameStart = k;
        while (k < end) {
          const c = s.charCodeAt(k);
          if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) break;
          k++;
        }
        const qname = s.slice(nameStart, k);
        const name = qname.slice(qname.indexOf(':') + 1);
        if (closing) on.close?.(name);
        else {
          const selfClosing = s.charCodeAt(end - 1) === 47;
          on.open?.(name, s.slice(k, selfClosing ? end - 1 : end));
          if (selfClosing) on.close?.(name);
        }
        i = end + 1;
      }
    }
    this.rest = i < n ? s.slice(i) : '';
    if (this.rest.length > MAX_PENDING_TEXT) throw tooLarge('a single cell or tag');
  }
}

/** The index of the `>` closing a tag, skipping quoted attribute values; -1 when not yet read. */
function tagEnd(s: string, from: number): number {
  let gt = s.indexOf('>', from);
  for (let k = from; gt >= 0 && k < gt; k++) {
    const c = s.charCodeAt(k);
    if (c !== 34 && c !== 39) continue;
    // A quoted value may hold a ">".
    const close = s.indexOf(s[k]!, k + 1);
    if (close < 0) return -1;
    k = close;
    if (close > gt) gt = s.indexOf('>', close + 1);
  }
  return gt;
}

function scanAll(xml: string, events: XmlEvents): void {
  new XmlScanner(events).write(xml, true);
}

/** Attributes by local name (r:id → id, xml:space → space), values decoded. */
function attributes(raw: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  // Read by hand: this runs for every cell of a sheet, and a regular expression costs several times more.
  const n = raw.length;
  let i = 0;
  while (i < n) {
    const eq = raw.indexOf('=', i);
    if (eq < 0) break;
    const qname = raw.slice(i, eq).trim();
    let q = eq + 1;
    while (q < n && raw.charCodeAt(q) !== 34 && raw.charCodeAt(q) !== 39) q++;
    if (q >= n) break;
    const close = raw.indexOf(raw[q]!, q + 1);
    if (close < 0) break;
    if (qname !== 'xmlns' && !qname.startsWith('xmlns:')) out[qname.slice(qname.indexOf(':') + 1)] = decodeXml(raw.slice(q + 1, close));
    i = close + 1;
  }
  return out;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity[0] !== '#') return NAMED_ENTITIES[entity] ?? whole;
    const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Without xml:space="preserve" the whitespace around a text run is layout, not content. */
const trimXmlSpace = (s: string) => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');

/**
 * Excel writes characters XML cannot carry (a carriage return from a 1C cell, say) as _xHHHH_,
 * and a literal "_x" that would look like one as _x005F_x.
 */
const unescapeOoxml = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9a-fA-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s);
