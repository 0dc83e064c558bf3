import { clientKey, documentKey, itemKey, rowFingerprint } from '../../core/import/keys.js';
import { recordReader, type CellValue, type ImportRecord, type RowProblem } from '../../core/import/records.js';
import { lineAmount } from '../../core/money/money.js';
import { openCsvSource } from './csv-source.js';
import { dataBatches } from './read-file.js';
import { REJECTS_KEPT, type RejectedCell, type StageJob } from './stage-rows.js';
import { csvLine, detach, detached, documentConflict, num, text } from './staging.js';

/**
 * One reader of a direct sales import (see direct-sales.ts), for one part of a CSV file. It asks
 * the main thread for the ids of the clients, products and documents it meets first in each batch
 * of lines, reads the next batch while the answer comes, and then hands out the batch as final
 * order_lines rows (documents new to the organisation), staged lines (documents it already has),
 * and the fingerprint of every line.
 */
export type DirectJob = StageJob & {
  part: number; orgId: number; batchLines: number;
  /** Users by lower-cased name or e-mail, for the orders' manager. */
  managers: [string, number][];
};

/** The keys a batch met first, in the order of the reader's own numbering, clients and products as staging CSV lines. */
export type DirectAsk = {
  clientKeys: string[]; clientLines: string[];
  itemKeys: string[]; itemLines: string[];
  docKeys: string[]; docClientKeys: string[]; docNumbers: (string | null)[]; docDays: (string | null)[]; docExts: (string | null)[];
};

export type DirectAnswer =
  | { itemIds: number[]; itemCosts: number[]; orderIds: number[]; clientIds: number[]; existing: boolean[] }
  | { abandon: true };

/** One batch as CSV for COPY: order lines and orders of new documents, staged lines of existing ones, documents, fingerprints. */
export type DirectOutput = { lines: string; orders: string; docs: string; staged: string; fps: string };

export type DirectResult = {
  rowsRead: number; rowsValid: number; rowsSkipped: number; rejectedRows: number; rejects: RejectedCell[];
  /** Orders written with the totals of their first batch whose lines ran on: order id, final Σ amount, Σ cost amount, lines. */
  corrections: { orderIds: number[]; totals: number[]; costs: number[]; lines: number[] };
  /** Set when a document total is past 2^53: the import is read again through the staged path. */
  unsafe?: boolean;
};

export type DirectIo = {
  ask(ask: DirectAsk): Promise<DirectAnswer>;
  emit(out: DirectOutput): Promise<void>;
  progress(done: number, total: number, rowsRead: number, rejected: number): void;
};

export class Abandoned extends Error {
  constructor() { super('direct import abandoned'); }
}

type Lines = {
  doc: number[]; item: number[]; lineNo: number[]; qty: string[]; price: number[]; amount: number[];
  unitCost: (number | null)[]; costAmount: (number | null)[]; listPrice: (number | null)[]; rowNo: number[]; fp: number[];
};
const noLines = (): Lines => ({ doc: [], item: [], lineNo: [], qty: [], price: [], amount: [], unitCost: [], costAmount: [], listPrice: [], rowNo: [], fp: [] });

export async function readSalesDirect(job: DirectJob, io: DirectIo): Promise<DirectResult> {
  const source = await openCsvSource(job.path, { encoding: job.reading.encoding, delimiter: job.reading.delimiter, range: job.range });
  const read = recordReader('sales', job.mapping, job.headers);
  const columnOf = (field: string) => job.headers[job.mapping.indexOf(field)] ?? field;
  const org = String(job.orgId);
  const managers = new Map(job.managers);

  const clients = new Set<string>();
  const items = new Map<string, number>();
  const itemKeys: string[] = [], productIds: number[] = [], itemCosts: number[] = [];
  const docs = new Map<string, number>();
  const docKeys: string[] = [], docClientKeys: string[] = [], docDays: (string | null)[] = [], docFirstRows: number[] = [], docLineCount: number[] = [];
  /** ext, number, day, status, client key, manager, due date, delivery, logistics: until the document's order is written. */
  const docHeads: (CellValue[] | null)[] = [];
  const orderIds: number[] = [], docClientIds: number[] = [], docExisting: boolean[] = [];
  const docTotal: number[] = [], docCost: number[] = [], docWritten: number[] = [], docBatch: number[] = [], docRanOn: boolean[] = [];

  const rejects: RejectedCell[] = [];
  let rowsRead = 0, rowsValid = 0, rowsSkipped = 0, rejectedRows = 0;
  const reject = (rowNo: number, problems: RowProblem[]) => {
    rejectedRows++;
    for (const p of problems) if (rejects.length < REJECTS_KEPT) rejects.push({ rowNo, ...p });
  };

  const noAsk = (): DirectAsk => ({ clientKeys: [], clientLines: [], itemKeys: [], itemLines: [], docKeys: [], docClientKeys: [], docNumbers: [], docDays: [], docExts: [] });
  let ask = noAsk();
  let itemsAsked = 0, docsAsked = 0, batchNo = 0;
  let lines = noLines();
  let last: { client: unknown; inn: unknown; kpp: unknown; ext: unknown; ck: string; number: unknown; day: unknown; id: unknown; dk: string } | null = null;

  const accept = (rowNo: number, r: ImportRecord, fp: number): RowProblem[] | null => {
    let ck: string, dk: string;
    if (last && last.client === r.client && last.inn === r.clientInn && last.kpp === r.clientKpp && last.ext === r.clientExternalId) ck = last.ck;
    else {
      ck = clientKey({ name: text(r.client), inn: text(r.clientInn), kpp: text(r.clientKpp), ext: text(r.clientExternalId) })!;
      if (!clients.has(ck)) {
        const k = detach(ck)!;
        clients.add(k);
        ask.clientKeys.push(k);
        ask.clientLines.push(csvLine([k, rowNo, text(r.client), text(r.clientInn), text(r.clientKpp), text(r.clientExternalId), text(r.manager)]));
      }
    }
    if (last && last.number === r.documentNumber && last.day === r.documentDate && last.id === r.documentId) dk = last.dk;
    else dk = documentKey({ ext: text(r.documentId), number: text(r.documentNumber), day: text(r.documentDate) });
    last = { client: r.client, inn: r.clientInn, kpp: r.clientKpp, ext: r.clientExternalId, ck, number: r.documentNumber, day: r.documentDate, id: r.documentId, dk };
    let d = docs.get(dk);
    if (d === undefined) {
      const key = detach(dk)!;
      d = docKeys.length;
      docs.set(key, d);
      const head = detached([text(r.documentId), text(r.documentNumber), text(r.documentDate), text(r.status), ck, text(r.manager),
        text(r.dueDate), text(r.deliveryMethod), num(r.logisticsCost)]);
      docKeys.push(key); docClientKeys.push(head[4] as string); docDays.push(head[2] as string | null); docFirstRows.push(rowNo); docLineCount.push(0);
      docHeads.push(head);
      docTotal.push(0); docCost.push(0); docWritten.push(0); docBatch.push(-1); docRanOn.push(false);
      ask.docKeys.push(key); ask.docClientKeys.push(head[4] as string); ask.docNumbers.push(head[1] as string | null);
      ask.docDays.push(head[2] as string | null); ask.docExts.push(head[0] as string | null);
    } else {
      const conflict = documentConflict(docClientKeys[d]!, docDays[d]!, docFirstRows[d]!, r, ck, columnOf);
      if (conflict) return conflict;
    }
    const ik = itemKey({ ext: text(r.itemExternalId), code: text(r.itemCode), name: text(r.item) });
    let it = items.get(ik);
    if (it === undefined) {
      const key = detach(ik)!;
      it = itemKeys.length;
      items.set(key, it);
      itemKeys.push(key); productIds.push(0); itemCosts.push(0);
      ask.itemKeys.push(key);
      ask.itemLines.push(csvLine([key, text(r.itemExternalId), text(r.itemCode), text(r.item), text(r.itemGroup), text(r.unit)]));
    }
    const lineNo = ++docLineCount[d]!;
    lines.doc.push(d); lines.item.push(it); lines.lineNo.push(lineNo); lines.qty.push(r.qty as string);
    lines.price.push(r.price as number); lines.amount.push(r.amount as number);
    lines.unitCost.push(num(r.unitCost)); lines.costAmount.push(num(r.costAmount)); lines.listPrice.push(num(r.listPrice));
    lines.rowNo.push(rowNo); lines.fp.push(fp);
    return null;
  };

  /** The batch as text, once the answer about its keys is in. */
  const write = async (batch: Lines, answer: DirectAnswer, items0: number, docs0: number, no: number) => {
    if ('abandon' in answer) throw new Abandoned();
    for (let i = 0; i < answer.itemIds.length; i++) { productIds[items0 + i] = answer.itemIds[i]!; itemCosts[items0 + i] = answer.itemCosts[i]!; }
    for (let i = 0; i < answer.orderIds.length; i++) {
      orderIds[docs0 + i] = answer.orderIds[i]!; docClientIds[docs0 + i] = answer.clientIds[i]!; docExisting[docs0 + i] = answer.existing[i]!;
    }
    let out = '', staged = '', fps = '', orders = '', docsCsv = '';
    for (let i = 0; i < batch.doc.length; i++) {
      const d = batch.doc[i]!, it = batch.item[i]!, qty = batch.qty[i]!;
      const listPrice = batch.listPrice[i];
      fps += `${batch.rowNo[i]},${batch.fp[i]}\n`;
      if (docExisting[d]) {
        staged += csvLine([batch.rowNo[i]!, docKeys[d]!, batch.lineNo[i]!, itemKeys[it]!, qty, batch.price[i]!, batch.amount[i]!,
          batch.unitCost[i] ?? null, batch.costAmount[i] ?? null, listPrice ?? null, batch.fp[i]!]);
        continue;
      }
      // As the staged merge writes a line: no unit cost takes the product's, no cost amount is quantity × unit cost.
      const unitCost = batch.unitCost[i] ?? itemCosts[it]!;
      const cost = batch.costAmount[i] ?? lineAmount(qty, unitCost);
      const amount = batch.amount[i]!;
      out += `${org},${orderIds[d]},${batch.lineNo[i]},${docClientIds[d]},${docDays[d]},${productIds[it]},${qty},${batch.price[i]},${unitCost},${listPrice ?? ''},${amount},${cost}\n`;
      docTotal[d]! += amount; docCost[d]! += cost; docWritten[d]!++;
      if (docBatch[d]! >= 0 && docBatch[d]! < no) docRanOn[d] = true;
    }
    for (let d = docs0; d < docs0 + answer.orderIds.length; d++) {
      const head = docHeads[d]!;
      docsCsv += csvLine([docKeys[d]!, docFirstRows[d]!, ...head, docClientIds[d]!, orderIds[d]!, docExisting[d] ? 'existing' : 'new', job.part]);
      if (!docExisting[d]) {
        const manager = typeof head[5] === 'string' ? managers.get(head[5].toLowerCase()) ?? null : null;
        orders += csvLine([job.orgId, orderIds[d]!, docClientIds[d]!, head[1]!, head[2]!, head[3]!, head[7]!, head[8] ?? 0, head[6]!,
          docTotal[d]!, docCost[d]!, manager, head[0]!]);
      }
      docBatch[d] = no;
      docHeads[d] = null;
    }
    await io.emit({ lines: out, orders, docs: docsCsv, staged, fps });
  };

  let pending: { batch: Lines; answer: Promise<DirectAnswer>; items0: number; docs0: number; no: number } | null = null;
  const send = async () => {
    const batch = lines;
    const empty = !ask.clientKeys.length && !ask.itemKeys.length && !ask.docKeys.length;
    const answer = empty ? Promise.resolve<DirectAnswer>({ itemIds: [], itemCosts: [], orderIds: [], clientIds: [], existing: [] }) : io.ask(ask);
    const next = { batch, answer, items0: itemsAsked, docs0: docsAsked, no: batchNo++ };
    itemsAsked = itemKeys.length; docsAsked = docKeys.length;
    ask = noAsk();
    lines = noLines();
    if (pending) await write(pending.batch, await pending.answer, pending.items0, pending.docs0, pending.no);
    pending = next;
  };

  for await (const batch of dataBatches(source, 0)) {
    for (const row of batch) {
      rowsRead++;
      const result = read(row.cells);
      if (result.kind === 'skipped') { rowsSkipped++; continue; }
      if (result.kind === 'rejected') { reject(row.rowNo, result.problems); continue; }
      const problems = accept(row.rowNo, result.record, rowFingerprint(row.cells));
      if (problems) { reject(row.rowNo, problems); continue; }
      rowsValid++;
    }
    const p = source.progress();
    io.progress(p.done, p.total, rowsRead, rejectedRows);
    if (lines.doc.length >= job.batchLines) await send();
  }
  await send();
  const lastBatch = pending as { batch: Lines; answer: Promise<DirectAnswer>; items0: number; docs0: number; no: number } | null;
  if (lastBatch) await write(lastBatch.batch, await lastBatch.answer, lastBatch.items0, lastBatch.docs0, lastBatch.no);

  const corrections = { orderIds: [] as number[], totals: [] as number[], costs: [] as number[], lines: [] as number[] };
  let unsafe = false;
  for (let d = 0; d < docKeys.length; d++) {
    if (docExisting[d]) continue;
    if (!Number.isSafeInteger(docTotal[d]) || !Number.isSafeInteger(docCost[d])) unsafe = true;
    if (!docRanOn[d]) continue;
    corrections.orderIds.push(orderIds[d]!); corrections.totals.push(docTotal[d]!); corrections.costs.push(docCost[d]!); corrections.lines.push(docWritten[d]!);
  }
  return { rowsRead, rowsValid, rowsSkipped, rejectedRows, rejects, corrections, ...(unsafe ? { unsafe } : {}) };
}
