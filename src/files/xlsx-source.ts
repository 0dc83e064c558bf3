import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Unzip, UnzipInflate, type AsyncFlateStreamHandler, type UnzipDecoder } from 'fflate';
import { DomainError } from '../core/errors.js';
import type { MessageCode, ParamsArg } from '../core/messages/index.js';
import { spawnWorker } from '../runtime/spawn-worker.js';
import {
  errorFromWorker,
  fileRefusal,
  invalidUtf8,
  MAX_COLUMNS,
  MAX_ROW_CHARS,
  postedError,
  rowTooLong,
  tooManyColumns,
  type PostedError,
} from './limits.js';
import type { SourceRow, TableSource } from './source.js';
import { INVALID, MarkingUtf8Decoder } from './utf8.js';

export type XlsxErrorCode = 'not_zip' | 'legacy_xls' | 'damaged' | 'no_workbook' | 'no_sheets' | 'sheet_not_found';

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
/** Packed bytes inflated at a time (see `ZipPass.push`). */
const INFLATE_SLICE = 1 << 12;
const DAY_MS = 86_400_000;
const MB = 1 << 20;

// Limits against zip bombs and broken files. The archive's directory says how large each part
// unpacks to, so a part over its limit is refused before a byte of it is inflated, and a part that
// unpacks to more than the directory says is refused at that byte.
/** workbook.xml, styles.xml and the relationships: a few megabytes in the largest real workbooks. */
const MAX_TEXT_PART = 64 * MB;
/**
 * The shared strings part: every distinct text of the workbook. A million-line export with a unique
 * text in two columns holds some 100 MB of it.
 */
const MAX_SHARED_STRINGS_PART = 1024 * MB;
/**
 * One sheet part. Excel's largest sheet is 1,048,576 rows; a 1C or Excel export of 20 columns takes
 * about 0.7 kB of XML per row, so a full sheet is some 750 MB (inline strings double it). The probe's
 * 4.3 GB of blank rows is over the limit whatever its packing.
 */
const MAX_SHEET_PART = 2048 * MB;
/**
 * How much larger than packed a part may unpack. Sheet XML of real data packs about ten times (a
 * sales report of 20,000 lines as the app's own export writes it: 11.1 MB in 1.08 MB, measured);
 * long runs of identical blank rows, which only a crafted file has, pack 300–1000 times (the
 * probe's: 4.3 GB in 14.6 MB). Parts under `RATIO_GRACE` may pack as they like: reading them costs little.
 */
const MAX_RATIO = 200;
const RATIO_GRACE = 16 * MB;
/** A workbook has dozens of parts; a directory of millions of entries is itself an attack. */
const MAX_ENTRIES = 100_000;
/** Characters of all shared strings together: 200 million take some 400 MB of a reader's heap. */
const MAX_SHARED_STRINGS = 200 << 20;
/**
 * Items of the shared strings table. Empty items add no characters (the probe's workbook of 1 MB held
 * 150 million of them and killed the process), so they are counted too: a million-line export with
 * a distinct text in two columns has about 2 million, and 4 million take some 32 MB of pointers.
 */
const MAX_SHARED_ITEMS = 4_000_000;
const MAX_PENDING_TEXT = 32 << 20;
/**
 * The preview (inspect) reads at most this many rows of the sheet, blank ones included, and stops:
 * the header is searched in the first rows (at most row 1,000 when given), and ten rows follow it.
 */
export const PREVIEW_SHEET_ROWS = 10_000;
/** A reader's heap: the shared strings at their limits (`MAX_SHARED_STRINGS`, `MAX_SHARED_ITEMS`) fit. */
const WORKER_HEAP_MB = 768;

export type XlsxOptions = { sheet?: string | undefined; preview?: boolean | undefined };

/**
 * An XLSX workbook read as the rows of one sheet, in a worker thread: inflating and scanning a large
 * sheet is CPU work that would otherwise hold up every other request of the server. Each `rows()`
 * runs its own reader, which streams the archive twice: once for the workbook, styles and shared
 * strings (Excel stores the shared strings after the sheets, so the sheet cannot be read on the first
 * pass), then the sheet itself, inflated and scanned chunk by chunk so a sheet of any size is read
 * in bounded memory. A reader stops when its rows are no longer wanted.
 *
 * Cells come as text: numbers as stored ("1234.5"), date-formatted numbers as "YYYY-MM-DD" or
 * "YYYY-MM-DD HH:mm:ss", booleans as "true"/"false", error values empty. Trailing empty cells
 * are dropped and rows with no value are skipped; `rowNo` stays the sheet's row number.
 */
export async function openXlsxSource(path: string, options: XlsxOptions = {}): Promise<TableSource> {
  const size = (await stat(path)).size;
  await checkSignature(path);
  const opening = inReader<Opened>({ mode: 'open', path, sheet: options.sheet });
  const opened = await opening.next();
  // Ending the loop ends the reader's thread, which would otherwise wait for credit as long as the process lives.
  await opening.return(undefined);
  const sheet = opened.value as Opened;
  let done = 0;
  return {
    format: 'xlsx',
    // JSON keeps the list unambiguous: sheet names may hold commas and semicolons.
    details: { sheet: sheet.name, sheets: JSON.stringify(sheet.sheets) },
    progress: () => ({ done, total: size }),
    async *rows() {
      for await (const batch of inReader<Batch>({ mode: 'rows', path, part: sheet.part, preview: options.preview })) {
        done = batch.done;
        yield* batch.rows;
      }
      done = size;
    },
  };
}

export type XlsxJob =
  | { mode: 'open'; path: string; sheet?: string | undefined }
  | { mode: 'rows'; path: string; part: string; preview?: boolean | undefined };
type Opened = { name: string; part: string; sheets: string[] };
type Batch = { rows: SourceRow[]; done: number };
export type XlsxMessage =
  | { type: 'open'; opened: Opened }
  | { type: 'rows'; batch: Batch }
  | { type: 'end' }
  | ({ type: 'error'; xlsx?: XlsxErrorCode | undefined } & PostedError);

/** The messages of a reader thread for `job`, granted a few batches ahead; the thread ends with the loop. */
async function* inReader<T extends Opened | Batch>(job: XlsxJob): AsyncGenerator<T> {
  const worker = spawnWorker(import.meta.url, 'xlsx-worker', job, { maxOldGenerationSizeMb: WORKER_HEAP_MB });
  const queue: XlsxMessage[] = [];
  let wake: (() => void) | null = null;
  const push = (m: XlsxMessage) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', push);
  worker.on('error', (e: Error & { code?: string }) =>
    push(
      e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? {
            type: 'error',
            ...postedError(fileRefusal('too_large', 'import.xlsx.outOfMemory')),
          }
        : { type: 'error', message: e.message },
    ),
  );
  worker.on('exit', (code) => push({ type: 'error', message: `the workbook reader stopped (${code})` }));
  worker.postMessage({ credit: 4 });
  try {
    for (;;) {
      const m =
        queue.shift() ??
        (await new Promise<XlsxMessage>((resolve) => {
          wake = () => resolve(queue.shift()!);
        }));
      if (m.type === 'end') return;
      if (m.type === 'error') throw m.xlsx ? new XlsxSourceError(m.xlsx, m.message) : errorFromWorker(m);
      if (m.type === 'open') {
        yield m.opened as T;
        return;
      }
      worker.postMessage({ credit: 1 });
      yield m.batch as T;
    }
  } finally {
    await worker.terminate();
  }
}

/** What a reader thread does (xlsx-worker.ts): describe the workbook, or read a sheet's rows in batches. */
export async function runXlsxJob(job: XlsxJob, post: (m: XlsxMessage) => Promise<void>): Promise<void> {
  try {
    const directory = await readDirectory(job.path);
    if (job.mode === 'open') {
      const book = await readWorkbook(job.path, directory, false);
      // Chart sheets have no cells to import.
      const worksheets = book.sheets.filter((s) => !s.chart && s.part);
      const sheet = pickSheet(worksheets, job.sheet);
      // A part over its limit is refused at opening already: the preview and the import say so at once.
      checkPart(directory, sheet.part, MAX_SHEET_PART);
      for (const part of directory.keys())
        if (isSharedStrings(part)) checkPart(directory, part, MAX_SHARED_STRINGS_PART);
      await post({
        type: 'open',
        opened: { name: sheet.name, part: sheet.part, sheets: worksheets.map((s) => s.name) },
      });
      return;
    }
    checkPart(directory, job.part, MAX_SHEET_PART);
    const book = await readWorkbook(job.path, directory, true);
    for await (const batch of readSheet(job.path, directory, job.part, book, job.preview ?? false))
      await post({ type: 'rows', batch });
    await post({ type: 'end' });
  } catch (e) {
    await post(
      e instanceof XlsxSourceError
        ? { type: 'error', message: e.message, xlsx: e.code }
        : { type: 'error', ...postedError(e) },
    );
  }
}

async function checkSignature(path: string): Promise<void> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(8);
  let n = 0;
  try {
    n = (await handle.read(head, 0, 8, 0)).bytesRead;
  } finally {
    await handle.close();
  }
  if (n >= 4 && head.readUInt32LE(0) === 0x04034b50) return;
  if (n >= 4 && head.readUInt32LE(0) === 0x06054b50) throw noWorkbook();
  // OLE2 compound file: Excel 97–2003, and also what Excel makes of a password-protected .xlsx.
  if (n === 8 && head.toString('hex') === 'd0cf11e0a1b11ae1') {
    throw new XlsxSourceError(
      'legacy_xls',
      'This is not an XLSX workbook but an Excel 97-2003 (.xls) file or a password-protected workbook: save it as .xlsx without a password and import again.',
    );
  }
  throw new XlsxSourceError('not_zip', 'This is not a valid XLSX workbook: the file is not a zip archive.');
}

const noWorkbook = () =>
  new XlsxSourceError(
    'no_workbook',
    'This is not a valid XLSX workbook: the zip archive holds no workbook (xl/workbook.xml).',
  );
const damaged = (cause: unknown) =>
  new XlsxSourceError(
    'damaged',
    `This is not a valid XLSX workbook: the zip archive is damaged (${cause instanceof Error ? cause.message : String(cause)}).`,
  );
const megabytes = (n: number) => Math.ceil(n / MB);
const tooLarge = <C extends MessageCode>(code: C, ...params: ParamsArg<C>) => fileRefusal('too_large', code, ...params);

// ---------------------------------------------------------------------------------------------
// The archive's directory

type Entry = { size: number; packed: number };
type Directory = Map<string, Entry>;

/**
 * The archive's central directory (at its end): every part's packed and unpacked size, read before
 * anything is inflated. Zip64 sizes are read too; a missing directory is a damaged (cut) archive.
 */
async function readDirectory(path: string): Promise<Directory> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const read = async (at: number, n: number) => {
      const buf = Buffer.alloc(n);
      const { bytesRead } = await handle.read(buf, 0, n, at);
      if (bytesRead < n) throw damaged('its directory runs past the end of the file');
      return buf;
    };
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = await read(size - tailLength, tailLength);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === 0x06054b50) {
        end = i;
        break;
      }
    if (end < 0) throw damaged('the directory at its end is missing: the file was cut short');
    let entries = tail.readUInt16LE(end + 10);
    let length = tail.readUInt32LE(end + 12);
    let offset = tail.readUInt32LE(end + 16);
    if (entries === 0xffff || length === 0xffffffff || offset === 0xffffffff) {
      const locator = end - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) throw damaged('its zip64 directory is missing');
      const record = await read(Number(tail.readBigUInt64LE(locator + 8)), 56);
      if (record.readUInt32LE(0) !== 0x06064b50) throw damaged('its zip64 directory is missing');
      entries = Number(record.readBigUInt64LE(32));
      length = Number(record.readBigUInt64LE(40));
      offset = Number(record.readBigUInt64LE(48));
    }
    if (entries > MAX_ENTRIES) throw tooLarge('import.xlsx.tooManyParts', { count: entries });
    if (offset + length > size) throw damaged('its directory runs past the end of the file');
    const cd = await read(offset, length);
    const directory: Directory = new Map();
    for (let at = 0, k = 0; k < entries; k++) {
      if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) throw damaged('its directory is broken');
      let packed = cd.readUInt32LE(at + 20);
      let unpacked = cd.readUInt32LE(at + 24);
      const nameLength = cd.readUInt16LE(at + 28),
        extraLength = cd.readUInt16LE(at + 30),
        commentLength = cd.readUInt16LE(at + 32);
      const name = partName(cd.toString('utf8', at + 46, at + 46 + nameLength));
      // Zip64: the sizes that did not fit are in the extra field 0x0001, unpacked first.
      for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength;) {
        const id = cd.readUInt16LE(x),
          n = cd.readUInt16LE(x + 2);
        if (id === 1) {
          let y = x + 4;
          if (unpacked === 0xffffffff && y + 8 <= x + 4 + n) {
            unpacked = Number(cd.readBigUInt64LE(y));
            y += 8;
          }
          if (packed === 0xffffffff && y + 8 <= x + 4 + n) packed = Number(cd.readBigUInt64LE(y));
        }
        x += 4 + n;
      }
      if (directory.has(name)) throw damaged(`it holds the part ${name} twice`);
      directory.set(name, { size: unpacked, packed });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return directory;
  } finally {
    await handle.close();
  }
}

/** Refuses a part whose directory entry says it unpacks to more than `limit`, or far more than it packs. */
function checkPart(directory: Directory, part: string, limit: number): void {
  const entry = directory.get(part);
  if (!entry) return;
  if (entry.size > limit) {
    throw tooLarge('import.xlsx.partTooLarge', { part, mb: megabytes(entry.size), limit: megabytes(limit) });
  }
  if (entry.size > RATIO_GRACE && entry.size > MAX_RATIO * Math.max(entry.packed, 1)) {
    const ratio = Math.round(entry.size / Math.max(entry.packed, 1)).toLocaleString('en');
    throw tooLarge('import.xlsx.zipBomb', { part, ratio, max: MAX_RATIO });
  }
}

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

  constructor(directory: Directory, pick: (part: string) => EntrySink | undefined) {
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
      const part = partName(file.name);
      const sink = pick(part);
      // fflate fails on starting an entry it has no decoder for (Excel only stores and deflates).
      const decodable = file.compression === 0 || file.compression === 8;
      if (!sink) {
        dropped.add(file.name);
        file.ondata = () => undefined;
        if (!decodable) return;
      } else if (!decodable) {
        this.failure ??= new Error(
          `${file.name} is compressed with method ${file.compression}, which is not supported`,
        );
        return;
      } else {
        // What the directory says the part unpacks to (checked against the limits before reading):
        // a part that unpacks to more is refused at that byte.
        const declared = directory.get(part)?.size;
        if (declared === undefined) {
          this.failure ??= new Error(`the part ${part} is missing from its directory`);
          return;
        }
        let unpacked = 0;
        file.ondata = (err, data, final) => {
          if (err) {
            this.failure ??= err;
            return;
          }
          if (this.sinkError) return;
          try {
            if ((unpacked += data.length) > declared) {
              throw tooLarge('import.xlsx.partLargerThanDeclared', { part, bytes: declared });
            }
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
      // A few kilobytes at a time: a part that packs a hundredfold inflates 64 kB into 6 MB at once, and
      // such buffers, made and dropped by the thousand, held some 200 MB of the process (measured).
      if (chunk.length <= INFLATE_SLICE) this.unzip.push(chunk, final);
      else {
        for (let at = 0; at < chunk.length && !this.sinkError; at += INFLATE_SLICE) {
          this.unzip.push(chunk.subarray(at, at + INFLATE_SLICE), final && at + INFLATE_SLICE >= chunk.length);
        }
      }
    } catch (e) {
      throw e instanceof DomainError ? e : damaged(e);
    }
    if (this.sinkError) throw this.sinkError;
    if (this.failure) throw damaged(this.failure);
  }
}

/** A sink that decodes an entry's UTF-8 and scans it as it arrives. */
/**
 * A sink that decodes an entry's UTF-8 and scans it as it arrives. Bytes that are not UTF-8 come
 * through as `INVALID` (utf8.ts), so the rows whose cells hold them are refused, not read as U+FFFD.
 */
function scanningSink(
  events: XmlEvents,
  onEnd: () => void = () => undefined,
): EntrySink & { decoder: MarkingUtf8Decoder } {
  const decoder = new MarkingUtf8Decoder();
  const scanner = new XmlScanner(events);
  return {
    decoder,
    data: (chunk) => scanner.write(decoder.decode(chunk)),
    end: () => {
      scanner.write(decoder.decode(new Uint8Array(0), true), true);
      onEnd();
    },
  };
}

function textSink(part: string, onText: (text: string) => void): EntrySink {
  const decoder = new TextDecoder();
  let text = '';
  return {
    data: (chunk) => {
      text += decoder.decode(chunk, { stream: true });
      if (text.length > MAX_TEXT_PART)
        throw tooLarge('import.xlsx.textPartTooLarge', { part, mb: megabytes(MAX_TEXT_PART) });
    },
    end: () => onText(text + decoder.decode()),
  };
}

// ---------------------------------------------------------------------------------------------
// Workbook, relationships, styles, shared strings

type DateKind = 'date' | 'time' | null;
type SheetInfo = { name: string; part: string; hidden: boolean; chart: boolean };
type Book = {
  sheets: SheetInfo[];
  date1904: boolean;
  strings: string[];
  dateKinds: DateKind[];
  /** Whether some shared string holds bytes that were not UTF-8. */
  invalid: boolean;
};

const isTextPart = (part: string) => part.endsWith('.rels') || /(^|\/)(workbook[^/]*|styles)\.xml$/.test(part);
const isSharedStrings = (part: string) => /(^|\/)sharedstrings[^/]*\.xml$/.test(part);

async function readWorkbook(path: string, directory: Directory, withStrings: boolean): Promise<Book> {
  // The parts this pass reads, by the directory: each is checked against its limits first, and the
  // pass stops once it has them all (the workbook and its relationships come first in the archive).
  let wanted = 0;
  for (const part of directory.keys()) {
    if (isTextPart(part)) {
      checkPart(directory, part, MAX_TEXT_PART);
      wanted++;
    } else if (withStrings && isSharedStrings(part)) {
      checkPart(directory, part, MAX_SHARED_STRINGS_PART);
      wanted++;
    }
  }
  const texts = new Map<string, string>();
  const shared = new Map<string, string[]>();
  const invalid = new Set<string>();
  let read = 0;
  const pass = new ZipPass(directory, (part) => {
    if (isTextPart(part))
      return textSink(part, (text) => {
        texts.set(part, text);
        read++;
      });
    if (withStrings && isSharedStrings(part)) {
      const reader = new SharedStringsReader();
      const sink = scanningSink(reader, () => {
        shared.set(part, reader.strings);
        if (sink.decoder.marked) invalid.add(part);
        read++;
      });
      return sink;
    }
    return undefined;
  });
  let all = false;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    pass.push(chunk as Buffer, false);
    if ((all = read >= wanted)) break;
  }
  if (!all) pass.push(new Uint8Array(0), true);

  const rootRels = parseRels(texts.get('_rels/.rels') ?? '', '');
  const officeDocument = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPart = officeDocument && texts.has(officeDocument.target) ? officeDocument.target : 'xl/workbook.xml';
  const workbookXml = texts.get(workbookPart);
  if (workbookXml === undefined) throw noWorkbook();
  const base = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
  const rels = parseRels(texts.get(`${base}_rels/${workbookPart.slice(base.length)}.rels`) ?? '', base);
  const related = (type: string, fallback: string) =>
    [...rels.values()].find((r) => r.type.endsWith(type))?.target ?? fallback;

  const workbook = parseWorkbook(workbookXml);
  const sheets = workbook.sheets.map((s): SheetInfo => {
    const rel = rels.get(s.rid);
    const part = rel?.target ?? '';
    return {
      name: s.name,
      part,
      hidden: s.hidden,
      chart: (rel?.type.endsWith('/chartsheet') ?? false) || part.includes('chartsheets/'),
    };
  });
  return {
    sheets,
    date1904: workbook.date1904,
    strings: shared.get(related('/sharedStrings', `${base}sharedstrings.xml`)) ?? [],
    invalid: invalid.has(related('/sharedStrings', `${base}sharedstrings.xml`)),
    dateKinds: parseStyles(texts.get(related('/styles', `${base}styles.xml`)) ?? ''),
  };
}

function pickSheet(worksheets: SheetInfo[], wanted: string | undefined): SheetInfo {
  if (wanted !== undefined) {
    // Excel keeps sheet names unique regardless of case.
    const found =
      worksheets.find((s) => s.name === wanted) ??
      worksheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (!found) {
      throw new XlsxSourceError(
        'sheet_not_found',
        `The workbook has no sheet named "${wanted}"; its sheets are ${worksheets.map((s) => `"${s.name}"`).join(', ') || 'none'}.`,
      );
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
      if (a.Id && a.Target && a.TargetMode !== 'External')
        rels.set(a.Id, { type: a.Type ?? '', target: resolvePart(base, a.Target) });
    },
  });
  return rels;
}

function resolvePart(base: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try {
    t = decodeURIComponent(t);
  } catch {
    /* a stray % is part of the name */
  }
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
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '');
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
    if (name === 'si') {
      this.inItem = true;
      this.item = '';
    } else if (name === 'rPh') this.inPhonetic = true;
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
      if (this.strings.push(unescapeOoxml(this.item)) > MAX_SHARED_ITEMS) {
        throw tooLarge('import.xlsx.tooManySharedItems', { max: MAX_SHARED_ITEMS });
      }
      if ((this.size += this.item.length) > MAX_SHARED_STRINGS) {
        throw tooLarge('import.xlsx.tooManySharedChars', { max: MAX_SHARED_STRINGS });
      }
      this.inItem = false;
    }
  }

  text(text: string): void {
    if (!this.capturing) return;
    this.buffer += text;
    if (this.buffer.length + this.item.length > MAX_ROW_CHARS) {
      throw tooLarge('import.xlsx.sharedTextTooLong', { max: MAX_ROW_CHARS });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The sheet

/** The sheet's rows in batches, one per chunk of the file read (in preview, only its first rows). */
async function* readSheet(
  path: string,
  directory: Directory,
  part: string,
  book: Book,
  preview: boolean,
): AsyncGenerator<Batch> {
  let queue: SourceRow[] = [];
  const reader = new SheetReader(book, (row) => queue.push(row), preview ? PREVIEW_SHEET_ROWS : Infinity);
  let found = false;
  let ended = false;
  const pass = new ZipPass(directory, (name) => {
    if (name !== part || found) return undefined;
    found = true;
    const sink = scanningSink(reader, () => {
      ended = true;
    });
    reader.invalid = () => book.invalid || sink.decoder.marked;
    return sink;
  });
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    bytes += (chunk as Buffer).length;
    pass.push(chunk as Buffer, false);
    if (queue.length) {
      const rows = queue;
      queue = [];
      yield { rows, done: bytes };
    }
    // Whatever follows the sheet data in the archive is of no use here.
    if (ended || reader.finished) break;
  }
  if (!ended && !reader.finished) {
    pass.push(new Uint8Array(0), true);
    if (!found)
      throw new XlsxSourceError(
        'damaged',
        `This is not a valid XLSX workbook: the sheet part ${part} is missing from the archive.`,
      );
  }
  if (queue.length) yield { rows: queue, done: bytes };
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

  /** Whether the sheet or the shared strings held bytes that were not UTF-8: only then are cells looked at for them. */
  invalid: () => boolean = () => false;
  /** Rows of the sheet seen, blank ones included, and characters of the current row. */
  private seen = 0;
  private chars = 0;

  constructor(
    private readonly book: Book,
    private readonly emit: (row: SourceRow) => void,
    private readonly maxRows: number,
  ) {}

  open(name: string, raw: string): void {
    if (!this.inData) {
      if (name === 'sheetData') this.inData = true;
      return;
    }
    switch (name) {
      case 'row': {
        // The preview has read enough once it passes its rows, blank ones included (a sheet of blank rows is a bomb too).
        if (++this.seen > this.maxRows) {
          this.inData = false;
          this.finished = true;
          return;
        }
        const r = Number(attributes(raw).r);
        this.rowNo = Number.isInteger(r) && r > 0 ? r : this.rowNo + 1;
        this.cells = [];
        this.nextColumn = 0;
        this.chars = 0;
        break;
      }
      case 'c': {
        const a = attributes(raw);
        const ref = a.r ? columnIndex(a.r) : -1;
        this.column = ref >= 0 ? ref : this.nextColumn;
        // Excel's last column is XFD: a cell past it is no table's.
        if (this.column >= MAX_COLUMNS) throw tooManyColumns(this.rowNo);
        this.type = a.t ?? 'n';
        this.style = Number(a.s ?? 0) || 0;
        this.value = '';
        this.inline = '';
        this.hasInline = false;
        break;
      }
      case 'v':
        this.capture = 'v';
        break;
      case 'is':
        this.inInline = true;
        this.hasInline = true;
        break;
      case 'rPh':
        this.inPhonetic = true;
        break;
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
      case 'sheetData':
        this.inData = false;
        this.finished = true;
        break;
      case 'v':
        if (this.capture === 'v') this.capture = null;
        break;
      case 't':
        if (this.capture === 't') {
          this.inline += this.preserve ? this.buffer : trimXmlSpace(this.buffer);
          this.capture = null;
        }
        break;
      case 'rPh':
        this.inPhonetic = false;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'c': {
        const text = this.cellText();
        // A shared string counts to its row's length where it is used.
        if (this.type === 's' && (this.chars += text.length) > MAX_ROW_CHARS) throw rowTooLong(this.rowNo);
        this.cells[this.column] = text;
        this.nextColumn = this.column + 1;
        break;
      }
      case 'row':
        this.endRow();
        break;
    }
  }

  text(text: string): void {
    if (this.capture === null) return;
    if (this.capture === 'v') this.value += text;
    else this.buffer += text;
    if ((this.chars += text.length) > MAX_ROW_CHARS) throw rowTooLong(this.rowNo);
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
    if (this.invalid() && cells.some((c) => c.includes(INVALID))) {
      this.emit({ rowNo: this.rowNo, cells: cells.map((c) => c.replaceAll(INVALID, '\uFFFD')), refused: invalidUtf8 });
      return;
    }
    this.emit({ rowNo: this.rowNo, cells });
  }

  private cellText(): string {
    const v = this.value;
    switch (this.type) {
      case 's':
        return v.trim() === '' ? '' : (this.book.strings[Number(v)] ?? '');
      case 'inlineStr':
        return unescapeOoxml(this.hasInline ? this.inline : v);
      case 'str':
        return unescapeOoxml(v);
      case 'b': {
        const b = v.trim();
        return b === '' ? '' : b === '1' || b === 'true' ? 'true' : 'false';
      }
      case 'e':
        return '';
      case 'd':
        return isoDateText(v.trim());
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
  let n = 0,
    i = 0;
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
  if (seconds >= 86_400) {
    days += 1;
    seconds -= 86_400;
  }
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
    if (this.rest.length > MAX_PENDING_TEXT) {
      throw tooLarge('import.xlsx.tagTooLong', { mb: megabytes(MAX_PENDING_TEXT) });
    }
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
    if (qname !== 'xmlns' && !qname.startsWith('xmlns:'))
      out[qname.slice(qname.indexOf(':') + 1)] = decodeXml(raw.slice(q + 1, close));
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
const unescapeOoxml = (s: string) =>
  s.includes('_x') ? s.replace(/_x([0-9a-fA-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
