// A sales export the way 1C's "Продажи" report saved through Russian Excel looks: ";" between cells,
// decimal comma, spaces between thousands, a document title in one cell, DD.MM.YYYY dates, returns and
// documents marked for deletion. Deterministic for a seed; written as a stream so any size fits in memory.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export type SalesFileOptions = {
  lines: number;
  clients?: number;
  products?: number;
  linesPerDocument?: number;
  seed?: number;
};

/** Valid ИНН for a number: 9 digits, then the check digit of the ИНН rule (russian-ecosystem.md §3.1). */
export function innFor(n: number): string {
  const body = String(770_000_000 + (n % 99_999_999));
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = w.reduce((s, k, i) => s + k * Number(body[i]), 0);
  return body + String((sum % 11) % 10);
}

const money = (kopecks: number) => {
  const r = Math.floor(Math.abs(kopecks) / 100);
  const k = Math.abs(kopecks) % 100;
  return `${kopecks < 0 ? '-' : ''}${String(r).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0')},${String(k).padStart(2, '0')}`;
};

export const salesHeader =
  'Документ;Дата;Контрагент;ИНН;Менеджер;Номенклатура;Артикул;Количество;Цена;Сумма;Себестоимость;Пометка удаления';

/** Writes the file and answers its size in bytes. */
export async function writeSalesFile(path: string, o: SalesFileOptions): Promise<number> {
  const clients = o.clients ?? Math.max(10, Math.round(o.lines / 50));
  const products = o.products ?? Math.max(10, Math.min(5000, Math.round(o.lines / 200)));
  const perDoc = o.linesPerDocument ?? 10;
  let seed = o.seed ?? 1;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`Продажи за период;;;;;;;;;;;\r\n;;;;;;;;;;;\r\n${salesHeader}\r\n`);
  const start = Date.UTC(2023, 0, 2);
  let written = 0;
  let doc = 0;
  let buf = '';
  while (written < o.lines) {
    doc++;
    const client = Math.floor(rnd() * clients);
    const day = new Date(start + Math.floor((doc / (o.lines / perDoc)) * 1000) * 86400000);
    const dmy = `${String(day.getUTCDate()).padStart(2, '0')}.${String(day.getUTCMonth() + 1).padStart(2, '0')}.${day.getUTCFullYear()}`;
    const isReturn = rnd() < 0.02;
    const title = `${isReturn ? 'Возврат товаров от клиента' : 'Реализация товаров и услуг'} 00-${String(doc).padStart(7, '0')} от ${dmy} 12:00:00`;
    const deleted = rnd() < 0.01 ? 'Да' : 'Нет';
    const n = Math.min(perDoc, o.lines - written);
    for (let l = 0; l < n; l++) {
      const p = (client * 7 + l * 13 + doc) % products;
      const qty = 1 + Math.floor(rnd() * 40);
      const price = 5000 + ((p * 7919) % 200000);
      const cost = Math.round(price * 0.7);
      buf += `${title};${dmy} 0:00:00;ООО «Клиент ${client}»;${innFor(client)};Менеджер ${client % 12};Товар ${p};A-${p};${qty};${money(price)};${money(qty * price)};${money(qty * cost)};${deleted}\r\n`;
      written++;
    }
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  out.end();
  await once(out, 'finish');
  return bytes;
}
