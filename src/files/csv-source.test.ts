import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsvSource, type CsvEncoding } from './csv-source.js';
import type { SourceRow } from './source.js';

const dir = mkdtempSync(join(tmpdir(), 'rapport-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The rows of a whole text read at once, for files whose quotes open fields and whose line breaks
 * are CRLF or LF: what the streaming reader must give whatever the pieces the file is read in.
 */
function referenceRows(text: string, d: string): SourceRow[] {
  const rows: SourceRow[] = [];
  let i = 0,
    line = 1;
  while (i < text.length) {
    const rowNo = line;
    const cells: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          const part = text.slice(i, q);
          field += part;
          line += part.split('\n').length - 1;
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
      }
      const start = i;
      while (i < text.length && text[i] !== d && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) i++;
      field += text.slice(start, i);
      cells.push(field);
      if (i >= text.length) break;
      if (text[i] === d) {
        i++;
        continue;
      }
      i += text[i] === '\r' ? 2 : 1;
      line++;
      break;
    }
    rows.push({ rowNo, cells });
  }
  return rows;
}

/** A text of `lines` rows from the cells 1C and Excel write, quoted ones among them, from a seed. */
function sampleText(lines: number, d: string, cyrillicOnly: boolean, seed: number): string {
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const cells = [
    'Реализация товаров и услуг 00-000123 от 20.11.2025 12:00:00',
    '20.11.2025 0:00:00',
    'ООО «Ромашка»',
    '7707083893',
    '1\u00a0234,50',
    '',
    'Нет',
    `"в ${d} кавычках"`,
    '"с ""кавычками"" внутри"',
    '"две\nстроки"',
    '"и\r\nтак"',
    '""',
    '"№ 5"',
    'ё',
  ];
  if (!cyrillicOnly) cells.push('€ 12', '😀', '"😀\n€"', 'Straße');
  let text = '';
  for (let l = 0; l < lines; l++) {
    const n = 1 + Math.floor(rnd() * 12);
    const row: string[] = [];
    for (let c = 0; c < n; c++) row.push(cells[Math.floor(rnd() * cells.length)]!);
    text += row.join(d) + (rnd() < 0.5 ? '\r\n' : '\n');
  }
  return text;
}

/** Windows-1251 bytes of a text in Russian (the characters `sampleText` uses). */
function windows1251(text: string): Buffer {
  const special: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '«': 0xab, '»': 0xbb, '№': 0xb9, '\u00a0': 0xa0 };
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const b = c < 0x80 ? c : c >= 0x410 && c <= 0x44f ? c - 0x410 + 0xc0 : special[text[i]!];
    if (b === undefined) throw new Error(`no ${text[i]} in windows-1251`);
    out[i] = b;
  }
  return out;
}

async function readAll(
  path: string,
  options: Parameters<typeof openCsvSource>[1],
): Promise<{ rows: SourceRow[]; batched: SourceRow[] }> {
  const rows: SourceRow[] = [];
  for await (const row of (await openCsvSource(path, options)).rows()) rows.push(row);
  const batched: SourceRow[] = [];
  for await (const batch of (await openCsvSource(path, options)).batches!()) batched.push(...batch);
  return { rows, batched };
}

describe('CSV read in pieces', () => {
  const cases: { encoding: CsvEncoding; bytes: (text: string) => Buffer; cyrillicOnly: boolean }[] = [
    {
      encoding: 'utf-8',
      bytes: (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]),
      cyrillicOnly: false,
    },
    { encoding: 'windows-1251', bytes: windows1251, cyrillicOnly: true },
    {
      encoding: 'utf-16le',
      bytes: (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
      cyrillicOnly: false,
    },
  ];
  // Over a megabyte: several reads of the file, dozens of decoded pieces, characters and quoted
  // line breaks cut at their ends.
  it.each(cases)('gives the rows of the whole text, in $encoding', async ({ encoding, bytes, cyrillicOnly }) => {
    for (const [d, seed] of [
      [';', 1],
      [',', 2],
      ['\t', 3],
    ] as const) {
      const text = sampleText(8_000, d, cyrillicOnly, seed);
      const path = join(dir, `${encoding}-${seed}.csv`);
      writeFileSync(path, bytes(text));
      const expected = referenceRows(text, d);
      const { rows, batched } = await readAll(path, { delimiter: d });
      expect(rows.length).toBe(expected.length);
      // As JSON: deep equality of so many rows is slow, and the first row that differs is enough to see.
      const firstDiffering = (got: SourceRow[]) =>
        got.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(expected[i]));
      expect(firstDiffering(rows)).toBe(-1);
      expect(firstDiffering(batched)).toBe(-1);
      const sniffed = await openCsvSource(path);
      expect(sniffed.details.encoding).toBe(encoding);
    }
  });

  it('ends a file without a final line break, and still splits on a delimiter of several characters', async () => {
    const path = join(dir, 'short.csv');
    writeFileSync(path, 'a::b:c\r\n1::2');
    expect((await readAll(path, { delimiter: '::' })).rows).toEqual([
      { rowNo: 1, cells: ['a', 'b:c'] },
      { rowNo: 2, cells: ['1', '2'] },
    ]);
    writeFileSync(path, 'a;"b\n');
    await expect(readAll(path, { delimiter: ';' })).rejects.toThrow(/never closed/);
  });
});
