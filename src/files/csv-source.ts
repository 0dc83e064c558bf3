import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { fileRefusal, invalidUtf8, MAX_COLUMNS, MAX_ROW_CHARS, rowTooLong, tooManyColumns } from './limits.js';
import type { SourceRow, TableSource } from './source.js';
import { INVALID, MarkingUtf8Decoder } from './utf8.js';

export type CsvEncoding = 'utf-8' | 'windows-1251' | 'utf-16le';
/** A part of a file: bytes [start, end), whose first line is line `firstLine` of the file. */
export type CsvRange = { start: number; end: number; firstLine: number };
export type CsvOptions = {
  encoding?: CsvEncoding | undefined;
  delimiter?: string | undefined;
  range?: CsvRange | undefined;
};

const SAMPLE_BYTES = 64 * 1024;
/**
 * Bytes decoded at a time: every encoding here gives at most one character per byte, so the text
 * of a piece (with the unfinished line before it) stays under V8's large-object size (128 kB).
 * Decoding the 256 kB reads whole made strings over it, which V8 allocates and frees one by one:
 * the decoding and the first scan of each (flattening it) took several times as long.
 */
const DECODE_BYTES = 32 * 1024;
const DELIMITERS = [';', ',', '\t', '|'];

/**
 * Russian Excel saves CSV in Windows-1251 with ";" (the decimal separator is the comma); newer
 * Excel and most scripts write UTF-8, often with a BOM; "Unicode text" is UTF-16 with tabs.
 * A sample that is not valid UTF-8 is taken for Windows-1251, the only other encoding 1C and
 * Excel produce here.
 */
export function sniffEncoding(sample: Uint8Array): { encoding: CsvEncoding; bom: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'windows-1251', bom: 0 };
  }
}

/** The delimiter that splits the first lines into the same number of fields (more than one), most often. */
export function sniffDelimiter(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 30);
  let best = { delimiter: ';', score: 0 };
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => splitLine(l, d).length);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 1) freq.set(c, (freq.get(c) ?? 0) + 1);
    const [fields, times] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
    const score = times * 1000 + fields;
    if (score > best.score) best = { delimiter: d, score };
  }
  return best.delimiter;
}

function splitLine(line: string, d: string): string[] {
  const out: string[] = [];
  let field = '',
    quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === d) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

/**
 * A CSV file read as a stream of rows (RFC 4180 quoting, CRLF or LF, quoted line breaks), so a file
 * of any size is read in bounded memory. Encoding and delimiter are sniffed unless given.
 */
export async function openCsvSource(path: string, options: CsvOptions = {}): Promise<TableSource> {
  const size = (await stat(path)).size;
  const handle = await open(path, 'r');
  const sample = new Uint8Array(Math.min(SAMPLE_BYTES, size));
  try {
    await handle.read(sample, 0, sample.length, 0);
  } finally {
    await handle.close();
  }
  const sniffed = sniffEncoding(sample);
  const encoding = options.encoding ?? sniffed.encoding;
  const bom = options.encoding && options.encoding !== sniffed.encoding ? 0 : sniffed.bom;
  const delimiter =
    options.delimiter ?? sniffDelimiter(new TextDecoder(encoding).decode(sample.subarray(bom), { stream: true }));
  const range = options.range;
  const start = range ? range.start : bom;
  const stream = () =>
    createReadStream(path, { start, ...(range ? { end: range.end - 1 } : {}), highWaterMark: 1 << 18 });
  let done = 0;
  const total = range ? range.end - range.start : size;
  return {
    format: 'csv',
    details: { encoding, delimiter: delimiter === '\t' ? 'tab' : delimiter },
    progress: () => ({ done, total }),
    rows: async function* rows() {
      for await (const batch of parseCsv(
        stream(),
        encoding,
        delimiter,
        (n) => {
          done = n;
        },
        range?.firstLine,
      ))
        yield* batch;
    },
    batches: () =>
      parseCsv(
        stream(),
        encoding,
        delimiter,
        (n) => {
          done = n;
        },
        range?.firstLine,
      ),
  };
}

/**
 * Splits decoded text into rows. A line without quotes, the usual case, is cut at its delimiters
 * with `indexOf`; only lines with quotes are read character by character, and a quoted field may
 * run over line breaks. Rows are numbered by the line they start on. A batch is the rows of one
 * decoded piece (a few hundred): few enough that they die young.
 */
async function* parseCsv(
  stream: AsyncIterable<Buffer>,
  encoding: CsvEncoding,
  delimiter: string,
  onBytes: (n: number) => void,
  firstLine = 1,
): AsyncGenerator<SourceRow[]> {
  // UTF-8 is decoded strictly: a row with bytes that are not UTF-8 is refused by itself (see utf8.ts).
  const decoder = encoding === 'utf-8' ? new MarkingUtf8Decoder() : new TextDecoder(encoding);
  const decode = (piece: Uint8Array, final: boolean) =>
    decoder instanceof MarkingUtf8Decoder ? decoder.decode(piece, final) : decoder.decode(piece, { stream: !final });
  /** Whether the text not yet cut into rows may hold a marked invalid byte. */
  let suspect = false;
  let bytes = 0;
  let carry = '';
  let line = firstLine;
  let rows: SourceRow[] = [];
  const single = delimiter.length === 1;
  /** A line's cells cut straight from the text, without the string of the whole line that `split` needs. */
  const cellsOf = (text: string, start: number, end: number): string[] => {
    const cells: string[] = [];
    for (let a = start; ;) {
      let b = text.indexOf(delimiter, a);
      if (b < 0 || b > end) b = end;
      if (cells.push(text.slice(a, b)) > MAX_COLUMNS) throw tooManyColumns(line);
      if (b === end) return cells;
      a = b + 1;
    }
  };
  const splitCells = (text: string, start: number, end: number): string[] => {
    const cells = text.slice(start, end).split(delimiter);
    if (cells.length > MAX_COLUMNS) throw tooManyColumns(line);
    return cells;
  };
  const take = (text: string, final: boolean): string => {
    let pos = 0;
    const n = text.length;
    // The next quote in the text, looked up again only once passed, so lines without quotes cost one scan.
    let quote = -1;
    while (pos < n) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) break;
        nl = n;
      }
      const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (quote !== n && quote < pos) {
        quote = text.indexOf('"', pos);
        if (quote < 0) quote = n;
      }
      if (end - pos > MAX_ROW_CHARS) throw rowTooLong(line);
      if (quote >= end) {
        rows.push({ rowNo: line, cells: single ? cellsOf(text, pos, end) : splitCells(text, pos, end) });
        line++;
        pos = nl + 1;
        continue;
      }
      const record = quotedRecord(text, pos, delimiter, final);
      if (!record) break; // its closing quote is in the next chunk
      if (record.next - pos > MAX_ROW_CHARS) throw rowTooLong(line);
      if (record.cells.length > MAX_COLUMNS) throw tooManyColumns(line);
      rows.push({ rowNo: line, cells: record.cells });
      line += record.lines;
      pos = record.next;
    }
    return text.slice(pos);
  };
  /** Cuts rows from the text, refusing each row that holds an invalid byte (only looked for once the decoder met one). */
  const cut = (piece: Uint8Array, final: boolean): string => {
    const text = carry + decode(piece, final);
    if (!suspect && !(decoder instanceof MarkingUtf8Decoder && decoder.marked)) return take(text, final);
    const from = rows.length;
    const rest = take(text, final);
    for (let i = from; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.cells.some((c) => c.includes(INVALID)))
        rows[i] = {
          rowNo: row.rowNo,
          cells: row.cells.map((c) => c.replaceAll(INVALID, '\uFFFD')),
          refused: invalidUtf8,
        };
    }
    suspect = rest.includes(INVALID);
    return rest;
  };
  for await (const chunk of stream) {
    for (let at = 0; at < chunk.length; at += DECODE_BYTES) {
      const piece = chunk.subarray(at, Math.min(at + DECODE_BYTES, chunk.length));
      bytes += piece.length;
      carry = cut(piece, false);
      // A line that never ends (no line break, or a quote never closed) is refused before it fills the memory.
      if (carry.length > MAX_ROW_CHARS) throw rowTooLong(line);
      onBytes(bytes);
      if (rows.length) {
        const out = rows;
        rows = [];
        yield out;
      }
    }
  }
  const rest = cut(new Uint8Array(0), true);
  if (rest) {
    throw fileRefusal('unclosed_quote', 'import.file.unclosedQuote', { line });
  }
  if (rows.length) yield rows;
}

/**
 * One record that has quotes, from `start` up to and including its line end (RFC 4180: "" inside
 * quotes is a quote; a quoted field may hold line breaks). Null when the text ends inside quotes
 * and more may come.
 */
function quotedRecord(
  text: string,
  start: number,
  delimiter: string,
  final: boolean,
): { cells: string[]; next: number; lines: number } | null {
  const D = delimiter.charCodeAt(0);
  const cells: string[] = [];
  let field = '';
  let i = start;
  let lines = 1;
  const n = text.length;
  for (;;) {
    if (i < n && text.charCodeAt(i) === 34 && field === '') {
      // A quoted field: up to the quote that is not doubled.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return null;
        const part = text.slice(i, q);
        for (let k = part.indexOf('\n'); k >= 0; k = part.indexOf('\n', k + 1)) lines++;
        field += part;
        if (q + 1 < n && text.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
          continue;
        }
        if (q + 1 >= n && !final) return null;
        i = q + 1;
        break;
      }
    }
    // The unquoted rest of the field (or text after a closing quote) up to a delimiter or the line end.
    let j = i;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === D || c === 10 || c === 13) break;
      j++;
    }
    field += text.slice(i, j);
    if (j >= n) {
      if (!final) return null;
      cells.push(field);
      return { cells, next: n, lines };
    }
    const c = text.charCodeAt(j);
    cells.push(field);
    field = '';
    if (c === D) {
      i = j + 1;
      continue;
    }
    const next = c === 13 && text.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
    if (c === 13 && j + 1 >= n && !final) return null;
    return { cells, next, lines };
  }
}

/**
 * Cuts a CSV file into `parts` byte ranges from `dataStart` (the first data line, numbered
 * `dataFirstLine`), each cut at a line break outside quotes (an even number of quotes before it),
 * each with the number of the line it starts on. Small files and UTF-16 (whose line break is two
 * bytes) are not cut.
 */
export async function splitCsv(
  path: string,
  dataStart: number,
  dataFirstLine: number,
  parts: number,
): Promise<CsvRange[]> {
  const { size } = await stat(path);
  const span = size - dataStart;
  if (parts <= 1 || span < parts * 1024 * 1024) return [{ start: dataStart, end: size, firstLine: dataFirstLine }];
  const ranges: CsvRange[] = [];
  let start = dataStart,
    startLine = dataFirstLine,
    line = dataFirstLine,
    quotes = 0,
    offset = dataStart;
  let target = dataStart + Math.floor(span / parts);
  const stream = createReadStream(path, { start: dataStart, highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === 0x22) quotes++;
        else if (b === 0x0a) {
          line++;
          if (offset + i + 1 >= target && quotes % 2 === 0) {
            ranges.push({ start, end: offset + i + 1, firstLine: startLine });
            start = offset + i + 1;
            startLine = line;
            target = start + Math.floor(span / parts);
            if (ranges.length === parts - 1) break;
          }
        }
      }
      if (ranges.length === parts - 1) break;
      offset += chunk.length;
    }
  } finally {
    stream.destroy();
  }
  ranges.push({ start, end: size, firstLine: startLine });
  return ranges;
}

/** The byte offset where line `lineNo` (1-based) of a file starts. */
export async function lineStart(path: string, lineNo: number): Promise<number> {
  if (lineNo <= 1) return 0;
  let line = 1,
    offset = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) {
        if (++line === lineNo) return offset + i + 1;
      }
      offset += chunk.length;
    }
  } finally {
    stream.destroy();
  }
  return offset;
}
