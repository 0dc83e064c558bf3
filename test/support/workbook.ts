import { strFromU8, unzipSync } from 'fflate';

/** One cell as Excel will take it: a number (with the format it shows in) or text. */
export type ReadCell = { type: 'number'; value: number; format: string } | { type: 'text'; value: string };

export type ReadSheet = {
  name: string;
  /** Rows of cells by column letter; row 1 is the header. */
  rows: Map<number, Map<string, ReadCell>>;
  frozenRows: number;
  /** Column widths by 1-based column number. */
  widths: Map<number, number>;
  /** The cells of the column whose header is `header`, from row 2 on (a missing cell is null). */
  column(header: string): (ReadCell | null)[];
};

const builtinFormats: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  14: 'mm-dd-yy',
};

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/**
 * Reads an XLSX the way Excel would see its cells: for each sheet, every cell's type (a `<v>` number or
 * inline/shared text) and, for numbers, the format code its style gives; the frozen rows and the widths.
 * Enough to check what an export holds without trusting the writer's own code.
 */
export function readWorkbook(bytes: Uint8Array | Buffer): ReadSheet[] {
  const files = unzipSync(new Uint8Array(bytes));
  const part = (name: string) => (files[name] ? strFromU8(files[name]) : '');
  const custom = new Map(
    [...part('xl/styles.xml').matchAll(/<numFmt\b[^>]*>/g)].map((m) => [
      Number(attr(m[0], 'numFmtId')),
      unescape(attr(m[0], 'formatCode') ?? ''),
    ]),
  );
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(part('xl/styles.xml'))?.[1] ?? '';
  const formatOfStyle = [...xfs.matchAll(/<xf\b[^>]*?\/?>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    return custom.get(id) ?? builtinFormats[id] ?? `builtin ${id}`;
  });
  const shared = [...part('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => unescape(t[1]!)).join(''),
  );
  const names = [...part('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)].map((m) => unescape(attr(m[0], 'name') ?? ''));
  return names.map((name, i) => {
    const xml = part(`xl/worksheets/sheet${i + 1}.xml`);
    const rows = new Map<number, Map<string, ReadCell>>();
    for (const c of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = attr(c[0], 'r')!;
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(ref)!;
      const inner = c[2] ?? '';
      const t = attr(c[1]!, 't');
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let cell: ReadCell;
      if (t === 'inlineStr')
        cell = {
          type: 'text',
          value: [...inner.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((m) => unescape(m[1]!)).join(''),
        };
      else if (t === 's') cell = { type: 'text', value: shared[Number(v)] ?? '' };
      else if (t === 'str' || t === 'b' || t === 'e') cell = { type: 'text', value: unescape(v ?? '') };
      else
        cell = { type: 'number', value: Number(v), format: formatOfStyle[Number(attr(c[1]!, 's') ?? 0)] ?? 'General' };
      if (!rows.has(Number(row))) rows.set(Number(row), new Map());
      rows.get(Number(row))!.set(col!, cell);
    }
    const pane = /<pane\b[^>]*>/.exec(xml)?.[0] ?? '';
    const frozenRows = attr(pane, 'state') === 'frozen' ? Number(attr(pane, 'ySplit') ?? 0) : 0;
    const widths = new Map(
      [...xml.matchAll(/<col\b[^>]*>/g)].map((m) => [Number(attr(m[0], 'min')), Number(attr(m[0], 'width'))]),
    );
    const column = (header: string) => {
      const headerRow = rows.get(1) ?? new Map<string, ReadCell>();
      const letter = [...headerRow].find(([, c]) => c.value === header)?.[0];
      if (!letter)
        throw new Error(`no column "${header}" in ${[...headerRow.values()].map((c) => c.value).join(' | ')}`);
      const last = Math.max(1, ...rows.keys());
      return Array.from({ length: last - 1 }, (_, r) => rows.get(r + 2)?.get(letter) ?? null);
    };
    return { name, rows, frozenRows, widths, column };
  });
}

/** An Excel serial day (1900 system) as an ISO date, or date and time in UTC. */
export const excelDate = (serial: number): string =>
  new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000))
    .toISOString()
    .replace(/T00:00:00\.000Z$/, '')
    .replace(/\.000Z$/, 'Z');
