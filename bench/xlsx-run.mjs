// One run of bench/xlsx.ts in a process of its own, from the compiled sources (as the server runs them), so
// its peak resident memory is the writer's or the reader's and not the TypeScript loader's. Prints one line
// of JSON: seconds (of the clock and of CPU), rows, cells and characters seen (and cells with a broken character), resident memory when
// the run started and at its peak.
// usage: node bench/xlsx-run.mjs '{"task": "write-ours"|"write-ours-stream"|"write-ours-lazy"|"write-exceljs"|
//        "read-ours"|"read-exceljs",
//        "build": "...", "exceljs": "/path/to/exceljs/main.js", "file": "...", "rows": 200000}'
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';

const job = JSON.parse(process.argv[2]);
// Modules are loaded before the clock starts: a run times the work, not the loading.
const { toXlsx, xlsxStream } = await import(pathToFileURL(path.join(job.build, 'files/spreadsheet.js')).href);
const { openXlsxSource } = await import(pathToFileURL(path.join(job.build, 'files/xlsx-source.js')).href);
const ExcelJS = job.exceljs ? (await import(pathToFileURL(job.exceljs).href)).default : null;

const headers = [
  'Документ',
  'Дата',
  'Контрагент',
  'ИНН',
  'Менеджер',
  'Номенклатура',
  'Артикул',
  'Количество',
  'Цена',
  'Сумма',
  'Себестоимость',
  'Пометка удаления',
];
const kinds = ['text', 'date', 'text', 'text', 'text', 'text', 'text', 'integer', 'money', 'money', 'money', 'text'];

/**
 * The lines of a 1C sales report as a sheet holds them (bench/sales-file.ts writes the same as CSV): ten
 * lines a document, a client in fifty lines, a product in two hundred; dates as ISO text, money in roubles.
 * Deterministic, so every run and both writers hold the same cells.
 */
function* salesLines(count) {
  const clients = Math.max(10, Math.round(count / 50));
  const products = Math.max(10, Math.min(5000, Math.round(count / 200)));
  let seed = 1;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const start = Date.UTC(2023, 0, 2);
  for (let written = 0, doc = 1; written < count; doc++) {
    const client = Math.floor(rnd() * clients);
    const day = new Date(start + Math.floor((doc / (count / 10)) * 1000) * 86_400_000).toISOString().slice(0, 10);
    const title = `${rnd() < 0.02 ? 'Возврат товаров от клиента' : 'Реализация товаров и услуг'} 00-${String(doc).padStart(7, '0')} от ${day}`;
    const deleted = rnd() < 0.01 ? 'Да' : 'Нет';
    for (let l = 0; l < 10 && written < count; l++, written++) {
      const p = (client * 7 + l * 13 + doc) % products;
      const qty = 1 + Math.floor(rnd() * 40);
      const price = 5000 + ((p * 7919) % 200_000);
      const cost = Math.round(price * 0.7);
      yield [
        title,
        day,
        `ООО «Клиент ${client}»`,
        String(7_700_000_000 + client),
        `Менеджер ${client % 12}`,
        `Товар ${p}`,
        `A-${p}`,
        qty,
        price / 100,
        (qty * price) / 100,
        (qty * cost) / 100,
        deleted,
      ];
    }
  }
}

/** The workbooks hold none: a reader that gives one has broken a character (a UTF-8 sequence cut between chunks). */
const REPLACEMENT = '\uFFFD';

/** A cell of ExcelJS as the text our reader gives: numbers as stored, dates as ISO, formulas by their result. */
function cellText(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (v.richText) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return cellText(v.result);
  if ('text' in v) return String(v.text);
  return '';
}

const tasks = {
  async 'write-ours'() {
    const rows = [...salesLines(job.rows)];
    writeFileSync(job.file, toXlsx({ name: 'Продажи', headers, rows, kinds }));
    return { rows: rows.length, cells: rows.length * headers.length };
  },
  // As an HTTP export: the rows in an array (as the services give them), the file streamed to its reader.
  async 'write-ours-stream'() {
    const rows = [...salesLines(job.rows)];
    await pipeline(xlsxStream([{ name: 'Продажи', headers, rows, kinds }]), createWriteStream(job.file));
    return { rows: rows.length, cells: rows.length * headers.length };
  },
  // The rows as they are made, as ExcelJS is given them below: the writer's memory alone.
  async 'write-ours-lazy'() {
    let rows = 0;
    const counted = function* () {
      for (const line of salesLines(job.rows)) {
        rows++;
        yield line;
      }
    };
    await pipeline(xlsxStream([{ name: 'Продажи', headers, rows: counted(), kinds }]), createWriteStream(job.file));
    return { rows, cells: rows * headers.length };
  },
  async 'write-exceljs'() {
    // Shared strings and styles, as Excel itself saves a workbook.
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: job.file,
      useSharedStrings: true,
      useStyles: true,
    });
    const sheet = book.addWorksheet('Продажи');
    sheet.columns = headers.map((header, i) => ({
      header,
      style: kinds[i] === 'date' ? { numFmt: 'dd.mm.yyyy' } : kinds[i] === 'money' ? { numFmt: '#,##0.00' } : undefined,
    }));
    let rows = 0;
    for (const line of salesLines(job.rows)) {
      line[1] = new Date(`${line[1]}T00:00:00Z`);
      sheet.addRow(line).commit();
      rows++;
    }
    sheet.commit();
    await book.commit();
    return { rows, cells: rows * headers.length };
  },
  async 'read-ours'() {
    const source = await openXlsxSource(job.file);
    let rows = 0,
      cells = 0,
      chars = 0,
      broken = 0;
    for await (const row of source.rows()) {
      rows++;
      cells += row.cells.length;
      for (const c of row.cells) {
        chars += c.length;
        if (c.includes(REPLACEMENT)) broken++;
      }
    }
    return { rows, cells, chars, broken };
  },
  async 'read-exceljs'() {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(job.file, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    });
    let rows = 0,
      cells = 0,
      chars = 0,
      broken = 0;
    for await (const sheet of reader) {
      for await (const row of sheet) {
        rows++;
        const values = row.values;
        for (let i = 1; i < values.length; i++) {
          const text = cellText(values[i]);
          cells++;
          chars += text.length;
          if (text.includes(REPLACEMENT)) broken++;
        }
      }
    }
    return { rows, cells, chars, broken };
  },
};

const rssStart = process.memoryUsage().rss;
const started = performance.now();
const cpuStart = process.cpuUsage();
const counts = await tasks[job.task]();
const seconds = (performance.now() - started) / 1000;
// Every thread of the process (our reader's worker, zlib's) counts: on a machine shared with other work,
// CPU time says what a run costs when the clock also says how long it waited for a core.
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
// The process's high-water mark, worker threads included (ours reads in one).
const peak = process.resourceUsage().maxRSS * 1024;
const mb = (b) => Math.round(b / 1048576);
console.log(JSON.stringify({ ...counts, seconds, cpuSeconds, rssStartMb: mb(rssStart), peakRssMb: mb(peak) }));
