import { buffer } from 'node:stream/consumers';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { excelDate, readWorkbook } from '../../test/support/workbook.js';
import { toCsv, toXlsx, toXlsxBook, xlsxStream, type Cell, type Sheet } from './spreadsheet.js';

/** One column of each kind, with values that are and are not what the column says. */
const typed: Sheet = {
  name: 's',
  headers: ['Код', 'Выручка, ₽', 'Доля', 'Дата', 'Создано', 'Заказов', 'Статус', 'Заметка'],
  kinds: ['id', 'money', 'share', 'date', 'datetime', 'integer', 'text', 'text'],
  rows: [
    [7, '9873087.48', 0.0616883116883, '2024-03-16', '2024-03-16T07:05:09.000Z', 1234, 'Активный', '-5'],
    [8, '-20.00', 1e-7, null, null, 0, null, '=1+1'],
    [9, 'нет данных', null, '2024-02-30', 'вчера', null, null, null],
  ],
};

describe('toCsv', () => {
  it('writes UTF-8 with a byte-order mark, semicolons and CRLF line ends', () => {
    const csv = toCsv({
      name: 'Клиенты',
      headers: ['Клиент', 'Выручка, ₽'],
      rows: [
        ['ООО «Ромашка»', 1234.5],
        ['ИП Петров', null],
      ],
    });
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toBe('\uFEFFКлиент;Выручка, ₽\r\nООО «Ромашка»;1234,5\r\nИП Петров;\r\n');
  });

  it('in Russian writes numbers with a decimal comma and dates as DD.MM.YYYY, so Russian Excel reads numbers', () => {
    const lines = toCsv({ ...typed, lang: 'ru' })
      .toString('utf8')
      .slice(1)
      .split('\r\n');
    expect(lines[0]).toBe('Код;Выручка, ₽;Доля;Дата;Создано (UTC);Заказов;Статус;Заметка');
    expect(lines[1]).toBe("7;9873087,48;0,0616883116883;16.03.2024;16.03.2024 07:05:09;1234;Активный;'-5");
    // Never an exponent Excel would read as text; a formula stays neutralised.
    expect(lines[2]).toBe("8;-20,00;0,0000001;;;0;;'=1+1");
    // What is not what its column says is kept as text, not lost or made up.
    expect(lines[3]).toBe('9;нет данных;;2024-02-30;вчера;;;');
  });

  it('in English writes a decimal point and ISO dates', () => {
    const lines = toCsv({ ...typed, lang: 'en' })
      .toString('utf8')
      .slice(1)
      .split('\r\n');
    expect(lines[1]).toBe("7;9873087.48;0.0616883116883;2024-03-16;2024-03-16 07:05:09;1234;Активный;'-5");
    expect(lines[2]).toBe("8;-20.00;0.0000001;;;0;;'=1+1");
  });

  it('takes a column whose filled cells are all ISO dates, timestamps or numbers as such when no kind is given', () => {
    const csv = toCsv({
      name: 's',
      headers: ['d', 't', 'n', 'mixed'],
      rows: [
        ['2024-01-05', '2024-01-05T10:00:00Z', 1.5, '2024-01-05'],
        [null, null, 2, 'text'],
      ],
    });
    expect(csv.toString('utf8').slice(1).split('\r\n').slice(0, 3)).toEqual([
      'd;t (UTC);n;mixed',
      '05.01.2024;05.01.2024 10:00:00;1,5;2024-01-05',
      ';;2;text',
    ]);
  });

  it('quotes cells holding a semicolon, a quote or a line break, doubling the quotes', () => {
    const csv = toCsv({ name: 's', headers: ['a'], rows: [['x;y'], ['say "hi"'], ['line\nbreak'], ['plain']] });
    expect(csv.toString('utf8')).toBe('\uFEFFa\r\n"x;y"\r\n"say ""hi"""\r\n"line\nbreak"\r\nplain\r\n');
  });

  it('keeps text that looks like a formula as text, and leaves numbers alone', () => {
    const csv = toCsv({
      name: 's',
      headers: ['v'],
      rows: [
        ['=SUM(A1:A9)'],
        ['+7 999 123-45-67'],
        ['-минус'],
        ['@cmd'],
        ['\tTAB'],
        ['=1;2'],
        [-5],
        [0],
        ['a=b'],
        ['10-20'],
      ],
    });
    expect(csv.toString('utf8').split('\r\n')).toEqual([
      '\uFEFFv',
      "'=SUM(A1:A9)",
      "'+7 999 123-45-67",
      "'-минус",
      "'@cmd",
      "'\tTAB",
      `"'=1;2"`,
      '-5',
      '0',
      'a=b',
      '10-20',
      '',
    ]);
  });

  it('writes headers only for an empty sheet', () => {
    expect(toCsv({ name: 's', headers: ['A', 'B'], rows: [] }).toString('utf8')).toBe('\uFEFFA;B\r\n');
  });
});

describe('toXlsx', () => {
  const open = (sheet: Sheet) => {
    const files = unzipSync(new Uint8Array(toXlsx(sheet)));
    return { files, text: (name: string) => strFromU8(files[name]!) };
  };

  it('is a zip with the parts of a workbook', () => {
    const buffer = toXlsx({ name: 'Клиенты', headers: ['A'], rows: [] });
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const { files, text } = open({ name: 'Клиенты', headers: ['A'], rows: [] });
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    expect(text('[Content_Types].xml')).toContain(
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
    );
    expect(text('[Content_Types].xml')).toContain('<Override PartName="/xl/styles.xml"');
    expect(text('xl/workbook.xml')).toContain('<sheet name="Клиенты" sheetId="1" r:id="rId1"/>');
    expect(text('xl/_rels/workbook.xml.rels')).toContain('Target="worksheets/sheet1.xml"');
    expect(text('xl/styles.xml')).toContain('<font><b/>');
  });

  it('writes a bold frozen header row, numbers as values and strings inline', () => {
    const { text } = open({
      name: 'Клиенты',
      headers: ['Клиент', 'Выручка, ₽'],
      rows: [
        ['ООО «Ромашка»', 1234.5],
        ['ИП Петров', -20],
        [null, 0],
      ],
    });
    const sheet = text('xl/worksheets/sheet1.xml');
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain(
      '<row r="1"><c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">Клиент</t></is></c><c r="B1" t="inlineStr" s="1"><is><t xml:space="preserve">Выручка, ₽</t></is></c></row>',
    );
    expect(sheet).toContain(
      '<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">ООО «Ромашка»</t></is></c><c r="B2"><v>1234.5</v></c></row>',
    );
    expect(sheet).toContain('<c r="B3"><v>-20</v></c>');
    // An empty cell is left out; zero is a number.
    expect(sheet).toContain('<row r="4"><c r="B4"><v>0</v></c></row>');
  });

  it('escapes markup and drops the control characters XML forbids, keeping tabs and line breaks', () => {
    const { text } = open({
      name: 'A & <B>',
      headers: ['h'],
      rows: [['a<b & "c">d'], ['x\u0001y\u0008z\u000B\u000C\u001Fw\tv\nu']],
    });
    const sheet = text('xl/worksheets/sheet1.xml');
    expect(sheet).toContain('<t xml:space="preserve">a&lt;b &amp; &quot;c&quot;&gt;d</t>');
    expect(sheet).toContain('<t xml:space="preserve">xyzw\tv\nu</t>');
    expect(sheet).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/); // eslint-disable-line no-control-regex
    expect(text('xl/workbook.xml')).toContain('<sheet name="A &amp; &lt;B&gt;"');
  });

  it('writes money, shares, counts and dates as numbers with their formats, in the language of the file', () => {
    for (const lang of ['ru', 'en'] as const) {
      const [sheet] = readWorkbook(toXlsx({ ...typed, lang }));
      expect(sheet!.frozenRows).toBe(1);
      expect(sheet!.column('Код')[0]).toEqual({ type: 'number', value: 7, format: 'General' });
      expect(sheet!.column('Выручка, ₽').slice(0, 3)).toEqual([
        { type: 'number', value: 9873087.48, format: '#,##0.00' },
        { type: 'number', value: -20, format: '#,##0.00' },
        { type: 'text', value: 'нет данных' },
      ]);
      expect(sheet!.column('Доля')[0]).toEqual({ type: 'number', value: 0.0616883116883, format: '0.0%' });
      const date = sheet!.column('Дата');
      expect(date[0]).toMatchObject({ type: 'number', format: lang === 'ru' ? 'dd.mm.yyyy' : 'yyyy-mm-dd' });
      expect(excelDate((date[0] as { value: number }).value)).toBe('2024-03-16');
      expect(date[2]).toEqual({ type: 'text', value: '2024-02-30' });
      const at = sheet!.column('Создано (UTC)')[0] as { value: number; format: string };
      expect(at.format).toBe(lang === 'ru' ? 'dd.mm.yyyy hh:mm:ss' : 'yyyy-mm-dd hh:mm:ss');
      expect(excelDate(at.value)).toBe('2024-03-16T07:05:09Z');
      expect(sheet!.column('Заказов')[0]).toEqual({ type: 'number', value: 1234, format: '#,##0' });
      // Text stays text in the workbook, formulas included: an inline string is never run.
      expect(sheet!.column('Заметка').slice(0, 2)).toEqual([
        { type: 'text', value: '-5' },
        { type: 'text', value: '=1+1' },
      ]);
    }
  });

  it('gives each column a width for its longest value, within bounds, in every sheet of a book', () => {
    const long = 'Общество с ограниченной ответственностью «Очень длинное наименование клиента для проверки»';
    const sheets = readWorkbook(
      toXlsxBook([
        {
          name: 'a',
          headers: ['Код', 'Клиент', 'Выручка, ₽'],
          kinds: ['id', 'text', 'money'],
          rows: [
            [1, 'ООО «Ромашка»', '9873087.48'],
            [2, long, '1.00'],
          ],
        },
        { name: 'b', headers: ['x'], rows: [] },
      ]),
    );
    expect(sheets[0]!.widths.get(1)).toBe(6);
    expect(sheets[0]!.widths.get(2)).toBe(60);
    expect(sheets[0]!.widths.get(3)).toBe('9 873 087.48'.length + 2);
    expect(sheets[1]!.widths.get(1)).toBe(6);
    expect(sheets[1]!.frozenRows).toBe(1);
  });

  it('writes a number that is not finite as text, not as a broken value', () => {
    const sheet = open({ name: 's', headers: ['h'], rows: [[Number.NaN], [Infinity]] }).text(
      'xl/worksheets/sheet1.xml',
    );
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">NaN</t></is></c>');
    expect(sheet).toContain('<c r="A3" t="inlineStr"><is><t xml:space="preserve">Infinity</t></is></c>');
    expect(sheet).not.toContain('<v>NaN</v>');
  });

  it('names columns beyond Z as Excel does: AA, AB … AZ, BA … ZZ, AAA', () => {
    const headers = Array.from({ length: 703 }, (_, i) => `h${i}`);
    const sheet = open({ name: 's', headers, rows: [] }).text('xl/worksheets/sheet1.xml');
    const refs = [...sheet.matchAll(/<c r="([A-Z]+)1"/g)].map((m) => m[1]);
    expect(refs).toHaveLength(703);
    expect(refs.slice(24, 29)).toEqual(['Y', 'Z', 'AA', 'AB', 'AC']);
    expect(refs[51]).toBe('AZ');
    expect(refs[52]).toBe('BA');
    expect(refs[701]).toBe('ZZ');
    expect(refs[702]).toBe('AAA');
  });

  it('makes the sheet name legal: at most 31 characters, no \\ / ? * [ ] :', () => {
    expect(open({ name: 'a/b?c*d[e]:f\\g', headers: ['h'], rows: [] }).text('xl/workbook.xml')).toContain(
      '<sheet name="a b c d e  f g"',
    );
    const long = open({ name: 'Клиенты по прибыли после затрат на обслуживание', headers: ['h'], rows: [] }).text(
      'xl/workbook.xml',
    );
    expect(long).toContain('<sheet name="Клиенты по прибыли после затрат"');
  });
});

describe('xlsxStream', () => {
  /** Sales lines enough for several pieces of compressed XML, with every kind of cell. */
  const line = (i: number): Cell[] => [
    i,
    `ООО «Клиент ${i % 97}» <${i}> & "${'я'.repeat(i % 23)}"`,
    `2024-0${1 + (i % 9)}-1${i % 10}`,
    i % 5 ? (i * 1.37).toFixed(2) : 'нет данных',
    i / 7,
    i % 11 ? null : '2024-03-16T07:05:09.000Z',
  ];
  const headers = ['Код', 'Клиент', 'Дата', 'Сумма', 'Доля', 'Создано'];
  const many = Array.from({ length: 5000 }, (_, i) => line(i));
  const parts = (file: Uint8Array) =>
    Object.fromEntries(Object.entries(unzipSync(file)).map(([name, data]) => [name, strFromU8(data)]));

  it('writes the parts toXlsxBook writes, for rows in an array, from a generator and from an async iterable', async () => {
    const book: Sheet[] = [
      { name: 'Продажи', headers, rows: many, kinds: ['id', 'text', 'date', 'money', 'share', 'datetime'] },
      { name: 'Продажи', headers, rows: many.slice(0, 1500), lang: 'en' },
      { name: 'Пусто', headers: ['A'], rows: [] },
    ];
    const want = parts(toXlsxBook(book));
    expect(want['xl/worksheets/sheet1.xml']!.length).toBeGreaterThan(1_000_000);
    expect(parts(await buffer(xlsxStream(book)))).toEqual(want);
    const generated = book.map((s) => ({
      ...s,
      rows: (function* () {
        yield* s.rows;
      })(),
    }));
    expect(parts(await buffer(xlsxStream(generated)))).toEqual(want);
    const listed = book.map((s) => ({
      ...s,
      rows: (async function* () {
        yield* s.rows;
      })(),
    }));
    expect(parts(await buffer(xlsxStream(listed)))).toEqual(want);
  });

  it('takes the kinds of columns given none from the first rows when the rows come one at a time', async () => {
    const rows = (async function* () {
      for (let i = 0; i < 1200; i++) yield [i < 1100 ? '2024-03-16' : 'потом', i] as Cell[];
    })();
    const [sheet] = readWorkbook(await buffer(xlsxStream([{ name: 's', headers: ['Дата', 'N'], rows }])));
    const dates = sheet!.column('Дата');
    expect(dates[0]).toMatchObject({ type: 'number', format: 'dd.mm.yyyy' });
    // A later cell that is not what the first rows said stays text, as in a column of a given kind.
    expect(dates[1100]).toEqual({ type: 'text', value: 'потом' });
    expect(sheet!.column('N')[1199]).toEqual({ type: 'number', value: 1199, format: 'General' });
  });

  it('sizes the columns by the header and the first 1,000 rows only', () => {
    const rows: Cell[][] = Array.from({ length: 1001 }, (_, i) => [i === 1000 ? 'x'.repeat(50) : 'abc']);
    expect(readWorkbook(toXlsx({ name: 's', headers: ['Клиент'], rows }))[0]!.widths.get(1)).toBe(8);
    rows[999] = ['x'.repeat(50)];
    expect(readWorkbook(toXlsx({ name: 's', headers: ['Клиент'], rows }))[0]!.widths.get(1)).toBe(52);
  });

  it('takes rows only as fast as its reader takes the file, and lets go of them when the reader stops', async () => {
    let taken = 0;
    let closed = false;
    const rows = (function* () {
      try {
        for (let i = 0; i < 1_000_000; i++) {
          taken++;
          yield line(i);
        }
      } finally {
        closed = true;
      }
    })();
    const stream = xlsxStream([{ name: 's', headers, rows }]);
    for await (const chunk of stream) {
      expect((chunk as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
      break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toBeLessThan(20_000);
    expect(closed).toBe(true);
  });

  it('fails the stream when its rows fail', async () => {
    const rows = (async function* () {
      yield* many;
      throw new Error('the cursor broke');
    })();
    await expect(buffer(xlsxStream([{ name: 's', headers, rows }]))).rejects.toThrow('the cursor broke');
  });
});
