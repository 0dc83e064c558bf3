import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, Zip, ZipDeflate, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toXlsx } from './spreadsheet.js';
import type { SourceRow, TableSource } from './source.js';
import { formatKind, openXlsxSource, serialDateText, XlsxSourceError } from './xlsx-source.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rapport-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileNo = 0;
async function file(bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, `f${++fileNo}.xlsx`);
  await writeFile(path, bytes);
  return path;
}

async function readAll(source: TableSource): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of source.rows()) rows.push(row);
  return rows;
}

const asMap = (rows: SourceRow[]) => Object.fromEntries(rows.map((r) => [r.rowNo, r.cells]));

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

type SheetSpec = { name: string; xml: string; state?: string; target?: string };

/**
 * A workbook zip assembled by hand, parts in the order Excel writes them: workbook, sheets, then
 * styles and shared strings last.
 */
function workbookFiles(spec: {
  sheets: SheetSpec[];
  sharedStrings?: string[];
  styles?: string;
  date1904?: boolean;
}): Zippable {
  const files: Zippable = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook ${NS}>${spec.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets>${spec.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${spec.sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${s.target ?? `worksheets/sheet${i + 1}.xml`}"/>`).join('')}<Relationship Id="rId90" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId91" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
  };
  spec.sheets.forEach((s, i) => {
    files[(s.target ?? `worksheets/sheet${i + 1}.xml`).replace(/^\/?(xl\/)?/, 'xl/')] =
      strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet ${NS}><dimension ref="A1"/>${s.xml}</worksheet>`);
  });
  if (spec.styles)
    files['xl/styles.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet ${NS}>${spec.styles}</styleSheet>`,
    );
  if (spec.sharedStrings) {
    files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst ${NS} count="${spec.sharedStrings.length}" uniqueCount="${spec.sharedStrings.length}">${spec.sharedStrings.join('')}</sst>`);
  }
  return files;
}

const workbook = (spec: Parameters<typeof workbookFiles>[0]) => zipSync(workbookFiles(spec), { level: 6 });

describe('openXlsxSource: a workbook written by our own exporter', () => {
  it('reads the header and rows back as text, numbers as written, gaps as empty cells', async () => {
    // toXlsx writes strings inline and numbers as numbers, with no date styles (dates go out as text).
    const path = await file(
      toXlsx({
        name: 'Клиенты',
        headers: ['Клиент', 'ИНН', 'Выручка, ₽', 'Дата'],
        rows: [
          ['ООО «Ромашка» & Co <1>', '7707083893', 1234.5, '2025-11-20'],
          ['ИП Петров', null, -20, null],
          [null, null, 0, null],
          ['  с пробелами  ', null, null, null],
        ],
      }),
    );
    const source = await openXlsxSource(path);
    expect(source.format).toBe('xlsx');
    expect(source.details).toEqual({ sheet: 'Клиенты', sheets: '["Клиенты"]' });
    expect(await readAll(source)).toEqual([
      { rowNo: 1, cells: ['Клиент', 'ИНН', 'Выручка, ₽', 'Дата'] },
      { rowNo: 2, cells: ['ООО «Ромашка» & Co <1>', '7707083893', '1234.5', '2025-11-20'] },
      { rowNo: 3, cells: ['ИП Петров', '', '-20'] },
      { rowNo: 4, cells: ['', '', '0'] },
      { rowNo: 5, cells: ['  с пробелами  '] },
    ]);
    const progress = source.progress();
    expect(progress.total).toBeGreaterThan(0);
    expect(progress.done).toBe(progress.total);
  });

  it('leaves no reader thread behind once opened, read or stopped early', async () => {
    const path = await file(toXlsx({ name: 'Лист', headers: ['A'], rows: [['1'], ['2'], ['3']] }));
    // A worker thread keeps a MessagePort open while it lives.
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const settled = async () => {
      for (let i = 0; i < 50 && ports() > before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      return ports();
    };
    const before = ports();
    const source = await openXlsxSource(path);
    expect(await settled()).toBe(before);
    await readAll(source);
    expect(await settled()).toBe(before);
    for await (const _row of source.rows()) break;
    expect(await settled()).toBe(before);
  });
});

describe('openXlsxSource: a hand-assembled workbook', () => {
  const sharedStrings = [
    '<si><t>Клиент</t></si>',
    // Rich text: runs are joined; phonetic hints are not text.
    '<si><r><rPr><b/></rPr><t xml:space="preserve">ООО </t></r><r><t>«Ромашка»</t></r><rPh sb="0" eb="1"><t>ромашка</t></rPh></si>',
    '<si><t>A &amp; B &lt;x&gt; &quot;q&quot; &apos;s&apos; &#1046;&#x416;</t></si>',
    '<si><t>строка 1_x000D_\nстрока 2, _x005F_x000D_ literal</t></si>',
    '<si><t>\n      по краям пробелы без preserve\n    </t></si>',
    '<si><t xml:space="preserve">  с preserve  </t></si>',
    '<si><t/></si>',
  ];
  const styles = `<numFmts count="5">
      <numFmt numFmtId="164" formatCode="dd.mm.yyyy"/>
      <numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;руб.&quot;"/>
      <numFmt numFmtId="166" formatCode="[h]:mm"/>
      <numFmt numFmtId="167" formatCode="0.00&quot; days&quot;"/>
      <numFmt numFmtId="168" formatCode="[$-419]d\\ mmmm\\ yyyy\\ h:mm;@"/>
    </numFmts>
    <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
    <cellXfs count="9">
      <xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"><alignment horizontal="left"/></xf>
      <xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="22"/><xf numFmtId="20"/><xf numFmtId="167"/><xf numFmtId="168"/>
    </cellXfs>`;
  const sheet = `<sheetData>
    <!-- a comment, and rows pretty-printed the way some generators write them -->
    <row r="1" spans="1:5">
      <c r="A1" t="s"><v>0</v></c>
      <c r="B1" t="s"><v>1</v></c>
      <c r="C1" t="inlineStr"><is><r><t xml:space="preserve">Дата </t></r><r><rPr><i/></rPr><t>отгрузки</t></r></is></c>
      <c r="E1" t="s"><v>2</v></c>
    </row>
    <row r="2">
      <c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#N/A</v></c>
      <c r="D2" t="str"><f>A1&amp;"!"</f><v>итого &amp; всё</v></c><c r="E2" s="2"><v>45250</v></c><c r="F2"><f>SUM(E2:E2)</f><v>45250</v></c>
    </row>
    <row><c s="3"><v>1234.5</v></c><c s="5"><v>45250.75</v></c><c s="1"><v>60</v></c><c s="1"><v>59</v></c><c s="1"><v>61</v></c><c s="1"><v>44927</v></c></row>
    <row r="5"><c r="A5" s="6"><v>0.5</v></c><c r="B5" s="4"><v>1.5</v></c><c r="C5" s="7"><v>2</v></c><c r="D5" t="d"><v>2024-01-05T00:00:00</v></c><c r="E5" t="d"><v>2024-01-05T10:30:00</v></c><c r="F5" s="8"><v>45000.25</v></c></row>
    <row r="6"/>
    <row r="7" ht="20" customHeight="1"><c r="A7" s="2"/><c r="B7" s="2"/></row>
    <row r="8"><c r="A8" t="s"><v>3</v></c><c r="B8" t="s"><v>4</v></c><c r="C8" t="s"><v>5</v></c><c r="D8" t="s"><v>6</v></c><c r="E8" t="s"><v>99</v></c><c r="Z8" s="2"/></row>
    <row r="9"><c r="AB9" t="inlineStr"><is><t>AB</t></is></c></row>
    <row r="10"><c r="A10" s="1"><v>4.5E4</v></c><c r="B10"><v>1.2345678901234567E+20</v></c><c r="C10" s="1"><v>-1</v></c></row>
  </sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>`;

  it('reads shared and inline strings, booleans, errors, formulas, numbers and dates by the cell style', async () => {
    const source = await openXlsxSource(
      await file(
        workbook({
          sheets: [
            {
              name: 'Скрытый',
              xml: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>hidden</t></is></c></row></sheetData>',
              state: 'hidden',
            },
            { name: 'Продажи', xml: sheet },
            { name: 'Второй', xml: '<sheetData/>' },
          ],
          sharedStrings,
          styles,
        }),
      ),
    );
    // The first sheet a user sees, not the hidden one.
    expect(source.details).toEqual({ sheet: 'Продажи', sheets: '["Скрытый","Продажи","Второй"]' });
    const rows = await readAll(source);
    expect(rows.map((r) => r.rowNo)).toEqual([1, 2, 3, 5, 8, 9, 10]);
    expect(asMap(rows)).toEqual({
      1: ['Клиент', 'ООО «Ромашка»', 'Дата отгрузки', '', 'A & B <x> "q" \'s\' ЖЖ'],
      2: ['true', 'false', '', 'итого & всё', '2023-11-20', '45250'],
      // A row without r follows the one before; cells without r follow each other.
      3: ['1234.5', '2023-11-20 18:00:00', '1900-02-29', '1900-02-28', '1900-03-01', '2023-01-01'],
      // Time only; a duration stays a number; "days" in quotes is no date format; t="d" cells.
      5: ['12:00:00', '1.5', '2', '2024-01-05', '2024-01-05 10:30:00', '2023-03-15 06:00:00'],
      // Trailing empty cells (an empty string, a missing index, a styled blank) are dropped.
      8: ['строка 1\r\nстрока 2, _x000D_ literal', 'по краям пробелы без preserve', '  с preserve  '],
      9: [...Array<string>(27).fill(''), 'AB'],
      // Exponent notation is a number like any other; a negative serial is no date.
      10: ['2023-03-15', '1.2345678901234567E+20', '-1'],
    });
  });

  it('reads another sheet by name, ignoring case, and says which sheets there are when the name is wrong', async () => {
    const path = await file(
      workbook({
        sheets: [
          { name: 'Продажи', xml: sheet },
          {
            name: 'Второй лист',
            xml: '<sheetData><row r="3"><c r="B3" t="inlineStr"><is><t>второй</t></is></c></row></sheetData>',
            target: '/xl/worksheets/other.xml',
          },
        ],
        sharedStrings,
        styles,
      }),
    );
    const byName = await openXlsxSource(path, { sheet: 'Второй лист' });
    expect(byName.details.sheet).toBe('Второй лист');
    expect(await readAll(byName)).toEqual([{ rowNo: 3, cells: ['', 'второй'] }]);
    expect((await openXlsxSource(path, { sheet: 'второй ЛИСТ' })).details.sheet).toBe('Второй лист');
    const error = await openXlsxSource(path, { sheet: 'Клиенты' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XlsxSourceError);
    expect((error as XlsxSourceError).code).toBe('sheet_not_found');
    expect((error as XlsxSourceError).message).toBe(
      'The workbook has no sheet named "Клиенты"; its sheets are "Продажи", "Второй лист".',
    );
  });

  it('counts dates from 1904 when the workbook says so', async () => {
    const source = await openXlsxSource(
      await file(
        workbook({
          sheets: [
            {
              name: 'Mac',
              xml: '<sheetData><row r="1"><c r="A1" s="1"><v>43788</v></c><c r="B1" s="1"><v>0</v></c><c r="C1" s="5"><v>43788.5</v></c><c r="D1"><v>43788</v></c></row></sheetData>',
            },
          ],
          styles,
          date1904: true,
        }),
      ),
    );
    expect(await readAll(source)).toEqual([
      { rowNo: 1, cells: ['2023-11-20', '1904-01-01', '2023-11-20 12:00:00', '43788'] },
    ]);
  });

  it('reads a workbook with no shared strings or styles parts', async () => {
    const source = await openXlsxSource(
      await file(
        workbook({
          sheets: [
            {
              name: 'S',
              xml: '<sheetData><row r="2"><c r="A2"><v>7</v></c><c r="B2" t="s"><v>0</v></c></row></sheetData>',
            },
          ],
        }),
      ),
    );
    expect(await readAll(source)).toEqual([{ rowNo: 2, cells: ['7'] }]);
  });

  it('reads an archive written as a stream (sizes in data descriptors) and one with stored entries', async () => {
    const files = workbookFiles({ sheets: [{ name: 'Продажи', xml: sheet }], sharedStrings, styles });
    const chunks: Uint8Array[] = [];
    await new Promise<void>((resolve, reject) => {
      const zip = new Zip((err, data, final) => {
        if (err) {
          reject(err);
          return;
        }
        chunks.push(data);
        if (final) resolve();
      });
      for (const [name, data] of Object.entries(files)) {
        const entry = new ZipDeflate(name, { level: 6 });
        zip.add(entry);
        entry.push(data as Uint8Array, true);
      }
      zip.end();
    });
    const streamed = await readAll(await openXlsxSource(await file(Buffer.concat(chunks))));
    const stored = await readAll(await openXlsxSource(await file(zipSync(files, { level: 0 }))));
    expect(streamed.map((r) => r.rowNo)).toEqual([1, 2, 3, 5, 8, 9, 10]);
    expect(stored).toEqual(streamed);
    expect(streamed[0]!.cells[1]).toBe('ООО «Ромашка»');
  });

  it('uses an x: prefix on every element the way the OpenXML SDK can write it', async () => {
    const prefixed = zipSync({
      ...workbookFiles({ sheets: [{ name: 'S', xml: '' }] }),
      'xl/worksheets/sheet1.xml': strToU8(
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>',
      ),
    });
    expect(await readAll(await openXlsxSource(await file(prefixed)))).toEqual([{ rowNo: 1, cells: ['', 'prefixed'] }]);
  });
});

describe('openXlsxSource on a big sheet', () => {
  // Hex of a fixed pseudo-random sequence: it hardly compresses, so the archive spans many chunks.
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed.toString(16).padStart(8, '0');
  };
  const ROWS = 10_000;
  const values = Array.from({ length: ROWS }, () => `${random()}${random()}`);

  it('streams every row across chunk boundaries, can be read twice and stopped early', async () => {
    const xml = `<sheetData>${values.map((v, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${v}</t></is></c><c r="B${i + 1}"><v>${i}</v></c></row>`).join('')}</sheetData>`;
    const path = await file(workbook({ sheets: [{ name: 'Big', xml }] }));
    const source = await openXlsxSource(path);
    let n = 0;
    const wrong: SourceRow[] = [];
    for await (const row of source.rows()) {
      if (row.rowNo !== n + 1 || row.cells.length !== 2 || row.cells[0] !== values[n] || row.cells[1] !== String(n))
        wrong.push(row);
      n++;
      if (n === 100) expect(source.progress().done).toBeLessThan(source.progress().total);
    }
    expect(wrong).toEqual([]);
    expect(n).toBe(ROWS);
    expect(source.progress().done).toBe(source.progress().total);

    const firstThree: SourceRow[] = [];
    for await (const row of source.rows()) {
      firstThree.push(row);
      if (firstThree.length === 3) break;
    }
    expect(firstThree.map((r) => r.cells[0])).toEqual(values.slice(0, 3));
  });
});

describe('openXlsxSource on files that are not workbooks', () => {
  const codeOf = async (path: string) => {
    const e = await openXlsxSource(path)
      .then(readAll)
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(XlsxSourceError);
    return { code: (e as XlsxSourceError).code, message: (e as XlsxSourceError).message };
  };

  it('refuses a text file', async () => {
    expect(await codeOf(await file('Клиент;ИНН\r\nРомашка;7707083893\r\n'))).toEqual({
      code: 'not_zip',
      message: 'This is not a valid XLSX workbook: the file is not a zip archive.',
    });
    expect((await codeOf(await file(''))).code).toBe('not_zip');
  });

  it('refuses an Excel 97-2003 file', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    const { code, message } = await codeOf(await file(ole));
    expect(code).toBe('legacy_xls');
    expect(message).toContain('Excel 97-2003 (.xls)');
  });

  it('refuses a zip with no workbook in it, and an empty zip', async () => {
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    expect(await codeOf(await file(docx))).toEqual({
      code: 'no_workbook',
      message: 'This is not a valid XLSX workbook: the zip archive holds no workbook (xl/workbook.xml).',
    });
    expect((await codeOf(await file(zipSync({})))).code).toBe('no_workbook');
  });

  it('refuses a workbook without worksheets', async () => {
    expect((await codeOf(await file(workbook({ sheets: [] })))).code).toBe('no_sheets');
  });

  it('refuses a truncated archive', async () => {
    const big = workbook({
      sheets: [
        {
          name: 'S',
          xml: `<sheetData>${Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${(i * 7919) % 1000003}</v></c></row>`).join('')}</sheetData>`,
        },
      ],
    });
    const { code, message } = await codeOf(await file(big.subarray(0, Math.floor(big.length / 2))));
    expect(code).toBe('damaged');
    expect(message).toMatch(/^This is not a valid XLSX workbook: the zip archive is damaged \(.+\)\.$/);
  });
});

describe('number formats and serial dates', () => {
  it('tells date, time and plain number formats apart', () => {
    expect(
      ['dd.mm.yyyy', 'd/m/yy', 'mmm-yy', 'mmmm', '[$-419]d mmmm yyyy', 'yyyy-mm-dd hh:mm:ss', 'dd.mm.yyyy;@'].map(
        formatKind,
      ),
    ).toEqual(Array(7).fill('date'));
    expect(['h:mm', 'hh:mm:ss', 'mm:ss', 'h:mm AM/PM'].map(formatKind)).toEqual(Array(4).fill('time'));
    expect(
      [
        'General',
        '0.00',
        '#,##0.00\\ "руб."',
        '0" days"',
        '[Red]0.00',
        '[h]:mm:ss',
        '[mm]:ss',
        '# ##0,00 ₽',
        '0.00E+00',
        '@',
        '_-* #,##0_-',
        '\\d0',
      ].map(formatKind),
    ).toEqual(Array(12).fill(null));
  });

  it('converts serials of both date systems, with the 1900 leap-year bug and rounding to the second', () => {
    expect(serialDateText(1, 'date', false)).toBe('1900-01-01');
    expect(serialDateText(59, 'date', false)).toBe('1900-02-28');
    expect(serialDateText(60, 'date', false)).toBe('1900-02-29');
    expect(serialDateText(61, 'date', false)).toBe('1900-03-01');
    expect(serialDateText(45000, 'date', false)).toBe('2023-03-15');
    expect(serialDateText(45000.99999999, 'date', false)).toBe('2023-03-16');
    expect(serialDateText(45000 + 1 / 86400, 'date', false)).toBe('2023-03-15 00:00:01');
    expect(serialDateText(2958465, 'date', false)).toBe('9999-12-31');
    expect(serialDateText(2958466, 'date', false)).toBeNull();
    expect(serialDateText(-1, 'date', false)).toBeNull();
    expect(serialDateText(0, 'date', true)).toBe('1904-01-01');
    expect(serialDateText(0.75, 'time', true)).toBe('18:00:00');
    expect(serialDateText(1.75, 'time', false)).toBe('1900-01-01 18:00:00');
  });
});
