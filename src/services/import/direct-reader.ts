import { clientKey, documentKey, itemKey, rowFingerprint } from '../../core/import/keys.js';
import { recordReader, type CellValue, type ImportRecord, type RowProblem } from '../../core/import/records.js';
import { lineAmount } from '../../core/money/money.js';
import { openCsvSource } from '../../files/csv-source.js';
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
  part: number;
  orgId: number;
  batchLines: number;
  /** The only reader of the file: no repeat can cross into another part. */
  alone: boolean;
  /** Users by lower-cased name or e-mail, for the orders' manager. */
  managers: [string, number][];
};

/** The keys a batch met first, in the order of the reader's own numbering, clients and products as staging CSV lines. */
export type DirectAsk = {
  clientKeys: string[];
  clientLines: string[];
  itemKeys: string[];
  itemLines: string[];
  docKeys: string[];
  docClientKeys: string[];
  docNumbers: (string | null)[];
  docDays: (string | null)[];
  docExts: (string | null)[];
};

export type DirectAnswer = {
  itemIds: number[];
  itemCosts: number[];
  orderIds: number[];
  clientIds: number[];
  existing: boolean[];
};

/** One batch as CSV for COPY: order lines and orders of new documents, staged lines of existing ones, documents, fingerprints. */
/** One batch as UTF-8 CSV for COPY, handed over without a copy: order lines and orders of new documents, documents, staged lines of existing ones, fingerprints. */
export type DirectOutput = {
  lines: Uint8Array[];
  orders: Uint8Array[];
  docs: Uint8Array[];
  staged: Uint8Array[];
  fps: Uint8Array[];
};

export type DirectResult = {
  rowsRead: number;
  rowsValid: number;
  rowsSkipped: number;
  rejectedRows: number;
  rejects: RejectedCell[];
  /** Orders written with the totals of their first batch whose lines ran on: order id, final Σ amount, Σ cost amount, lines. */
  corrections: { orderIds: number[]; totals: number[]; costs: number[]; lines: number[] };
  /** Set when a document total is past 2^53: the import is read again through the staged path. */
  unsafe?: boolean;
  /** Bits of the fingerprint filter (see `FINGERPRINT_BITS`) that a line of this part hit when already set. */
  repeatBits: number[];
  /** The filter itself, when other readers read other parts: a repeat across parts is a bit set in two filters. */
  filter?: Uint8Array | undefined;
};

/**
 * Rows repeated in a file are found in the database from every line's fingerprint (s_fps), but the
 * search over a million fingerprints costs a second or more. A reader first marks each fingerprint
 * in a fixed bit set (8 MB whatever the file size): a line whose bit is already set may repeat an
 * earlier one, and only the fingerprints on such bits are searched (about 1.5 % of a million lines).
 */
export const FINGERPRINT_BITS = 2 ** 26;

export type DirectIo = {
  ask(ask: DirectAsk): Promise<DirectAnswer>;
  emit(out: DirectOutput): Promise<void>;
  progress(done: number, total: number, rowsRead: number, rejected: number): void;
};

/**
 * The lines of one batch, kept in typed arrays reused from batch to batch: a batch lives until the
 * answer about its keys comes back, and as plain arrays of boxed values it would outlive the young
 * generation and load the old one (measured: a third of the reader's time went to collection).
 * A missing number is NaN.
 */
class LineBatch {
  n = 0;
  doc = new Int32Array(0);
  item = new Int32Array(0);
  lineNo = new Int32Array(0);
  rowNo = new Int32Array(0);
  price = new Float64Array(0);
  amount = new Float64Array(0);
  unitCost = new Float64Array(0);
  costAmount = new Float64Array(0);
  listPrice = new Float64Array(0);
  fp = new Float64Array(0);
  qty: string[] = [];

  push(
    doc: number,
    item: number,
    lineNo: number,
    rowNo: number,
    qty: string,
    price: number,
    amount: number,
    unitCost: number | null,
    costAmount: number | null,
    listPrice: number | null,
    fp: number,
  ): void {
    if (this.n === this.doc.length) this.grow();
    const i = this.n++;
    this.doc[i] = doc;
    this.item[i] = item;
    this.lineNo[i] = lineNo;
    this.rowNo[i] = rowNo;
    this.qty[i] = qty;
    this.price[i] = price;
    this.amount[i] = amount;
    this.unitCost[i] = unitCost ?? NaN;
    this.costAmount[i] = costAmount ?? NaN;
    this.listPrice[i] = listPrice ?? NaN;
    this.fp[i] = fp;
  }

  private grow(): void {
    const size = Math.max(4096, this.doc.length * 2);
    const more = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    const int = (n: number) => new Int32Array(n),
      float = (n: number) => new Float64Array(n);
    this.doc = more(this.doc, int);
    this.item = more(this.item, int);
    this.lineNo = more(this.lineNo, int);
    this.rowNo = more(this.rowNo, int);
    this.price = more(this.price, float);
    this.amount = more(this.amount, float);
    this.unitCost = more(this.unitCost, float);
    this.costAmount = more(this.costAmount, float);
    this.listPrice = more(this.listPrice, float);
    this.fp = more(this.fp, float);
  }
}

const utf8 = new TextEncoder();

/** Text for COPY gathered in pieces of a few hundred lines, each joined flat at once: no long-lived chain of small strings. */
class Pieces {
  readonly pieces: string[] = [];
  private parts: string[] = [];
  add(line: string): void {
    this.parts.push(line);
    if (this.parts.length >= 400) this.cut();
  }
  /** The pieces as UTF-8, each in a buffer of its own, so they can be transferred to another thread. */
  take(): Uint8Array[] {
    this.cut();
    return this.pieces.map((p) => utf8.encode(p));
  }
  private cut(): void {
    if (this.parts.length) {
      this.pieces.push(this.parts.join(''));
      this.parts = [];
    }
  }
}

export async function readSalesDirect(job: DirectJob, io: DirectIo): Promise<DirectResult> {
  const source = await openCsvSource(job.path, {
    encoding: job.reading.encoding,
    delimiter: job.reading.delimiter,
    range: job.range,
  });
  const read = recordReader('sales', job.mapping, job.headers);
  const columnOf = (field: string) => job.headers[job.mapping.indexOf(field)] ?? field;
  const org = String(job.orgId);
  const managers = new Map(job.managers);

  const clients = new Set<string>();
  const items = new Map<string, number>();
  const itemKeys: string[] = [],
    productIds: number[] = [],
    itemCosts: number[] = [];
  const docs = new Map<string, number>();
  const docKeys: string[] = [],
    docClientKeys: string[] = [],
    docDays: (string | null)[] = [],
    docFirstRows: number[] = [],
    docLineCount: number[] = [];
  /** ext, number, day, status, client key, manager, due date, delivery, logistics: until the document's order is written. */
  const docHeads: (CellValue[] | null)[] = [];
  const orderIds: number[] = [],
    docClientIds: number[] = [],
    docExisting: boolean[] = [];
  const docTotal: number[] = [],
    docCost: number[] = [],
    docWritten: number[] = [],
    docBatch: number[] = [],
    docRanOn: boolean[] = [];

  const rejects: RejectedCell[] = [];
  let rowsRead = 0,
    rowsValid = 0,
    rowsSkipped = 0,
    rejectedRows = 0;
  const reject = (rowNo: number, problems: RowProblem[]) => {
    rejectedRows++;
    for (const p of problems) if (rejects.length < REJECTS_KEPT) rejects.push({ rowNo, ...p });
  };

  const noAsk = (): DirectAsk => ({
    clientKeys: [],
    clientLines: [],
    itemKeys: [],
    itemLines: [],
    docKeys: [],
    docClientKeys: [],
    docNumbers: [],
    docDays: [],
    docExts: [],
  });
  let ask = noAsk();
  let itemsAsked = 0,
    docsAsked = 0,
    batchNo = 0;
  const spare: LineBatch[] = [];
  const filter = new Uint8Array(FINGERPRINT_BITS / 8);
  const repeatBits: number[] = [];
  let lines = new LineBatch();
  // Consecutive lines of one document name the same client and document: the last keys are reused.
  const last = {
    client: undefined as unknown,
    inn: undefined as unknown,
    kpp: undefined as unknown,
    ext: undefined as unknown,
    ck: '',
    number: undefined as unknown,
    day: undefined as unknown,
    id: undefined as unknown,
    d: -1,
  };

  const accept = (rowNo: number, r: ImportRecord, fp: number): RowProblem[] | null => {
    let ck: string;
    if (
      last.d >= 0 &&
      last.client === r.client &&
      last.inn === r.clientInn &&
      last.kpp === r.clientKpp &&
      last.ext === r.clientExternalId
    )
      ck = last.ck;
    else {
      ck = clientKey({
        name: text(r.client),
        inn: text(r.clientInn),
        kpp: text(r.clientKpp),
        ext: text(r.clientExternalId),
      })!;
      if (!clients.has(ck)) {
        const k = detach(ck)!;
        clients.add(k);
        ask.clientKeys.push(k);
        ask.clientLines.push(
          csvLine([
            k,
            rowNo,
            text(r.client),
            text(r.clientInn),
            text(r.clientKpp),
            text(r.clientExternalId),
            text(r.manager),
          ]),
        );
      }
    }
    let d: number | undefined;
    if (last.d >= 0 && last.number === r.documentNumber && last.day === r.documentDate && last.id === r.documentId)
      d = last.d;
    else {
      const dk = documentKey({ ext: text(r.documentId), number: text(r.documentNumber), day: text(r.documentDate) });
      d = docs.get(dk);
      if (d === undefined) {
        const key = detach(dk)!;
        d = docKeys.length;
        docs.set(key, d);
        const head = detached([
          text(r.documentId),
          text(r.documentNumber),
          text(r.documentDate),
          text(r.status),
          ck,
          text(r.manager),
          text(r.dueDate),
          text(r.deliveryMethod),
          num(r.logisticsCost),
        ]);
        docKeys.push(key);
        docClientKeys.push(head[4] as string);
        docDays.push(head[2] as string | null);
        docFirstRows.push(rowNo);
        docLineCount.push(0);
        docHeads.push(head);
        docTotal.push(0);
        docCost.push(0);
        docWritten.push(0);
        docBatch.push(-1);
        docRanOn.push(false);
        ask.docKeys.push(key);
        ask.docClientKeys.push(head[4] as string);
        ask.docNumbers.push(head[1] as string | null);
        ask.docDays.push(head[2] as string | null);
        ask.docExts.push(head[0] as string | null);
      }
    }
    // A document seen before (on this line's row or earlier) must name the same client and day.
    if (docFirstRows[d] !== rowNo) {
      const conflict = documentConflict(docClientKeys[d]!, docDays[d]!, docFirstRows[d]!, r, ck, columnOf);
      if (conflict) return conflict;
    }
    last.client = r.client;
    last.inn = r.clientInn;
    last.kpp = r.clientKpp;
    last.ext = r.clientExternalId;
    last.ck = ck;
    last.number = r.documentNumber;
    last.day = r.documentDate;
    last.id = r.documentId;
    last.d = d;
    const ik = itemKey({ ext: text(r.itemExternalId), code: text(r.itemCode), name: text(r.item) });
    let it = items.get(ik);
    if (it === undefined) {
      const key = detach(ik)!;
      it = itemKeys.length;
      items.set(key, it);
      itemKeys.push(key);
      productIds.push(0);
      itemCosts.push(0);
      ask.itemKeys.push(key);
      ask.itemLines.push(
        csvLine([key, text(r.itemExternalId), text(r.itemCode), text(r.item), text(r.itemGroup), text(r.unit)]),
      );
    }
    const lineNo = ++docLineCount[d]!;
    lines.push(
      d,
      it,
      lineNo,
      rowNo,
      r.qty as string,
      r.price as number,
      r.amount as number,
      num(r.unitCost),
      num(r.costAmount),
      num(r.listPrice),
      fp,
    );
    return null;
  };

  /** The batch as text, once the answer about its keys is in. */
  const write = async (batch: LineBatch, answer: DirectAnswer, items0: number, docs0: number, no: number) => {
    for (let i = 0; i < answer.itemIds.length; i++) {
      productIds[items0 + i] = answer.itemIds[i]!;
      itemCosts[items0 + i] = answer.itemCosts[i]!;
    }
    for (let i = 0; i < answer.orderIds.length; i++) {
      orderIds[docs0 + i] = answer.orderIds[i]!;
      docClientIds[docs0 + i] = answer.clientIds[i]!;
      docExisting[docs0 + i] = answer.existing[i]!;
    }
    const out = new Pieces(),
      staged = new Pieces(),
      fps = new Pieces(),
      orders = new Pieces(),
      docsCsv = new Pieces();
    const orNull = (x: number) => (Number.isNaN(x) ? null : x);
    for (let i = 0; i < batch.n; i++) {
      const d = batch.doc[i]!,
        it = batch.item[i]!,
        qty = batch.qty[i]!;
      const listPrice = orNull(batch.listPrice[i]!),
        lineNo = batch.lineNo[i]!,
        rowNo = batch.rowNo[i]!,
        fp = batch.fp[i]!;
      fps.add(`${rowNo},${fp}\n`);
      if (docExisting[d]) {
        staged.add(
          csvLine([
            rowNo,
            docKeys[d]!,
            lineNo,
            itemKeys[it]!,
            qty,
            batch.price[i]!,
            batch.amount[i]!,
            orNull(batch.unitCost[i]!),
            orNull(batch.costAmount[i]!),
            listPrice,
            fp,
          ]),
        );
        continue;
      }
      // As the staged merge writes a line: no unit cost takes the product's, no cost amount is quantity × unit cost;
      // the cost is the file's, else the catalogue's purchase price when it has one, else unknown (merge-sales.ts costBasis).
      const fileUnitCost = orNull(batch.unitCost[i]!),
        fileCost = orNull(batch.costAmount[i]!);
      const basis =
        fileUnitCost !== null || fileCost !== null ? 'document' : itemCosts[it]! > 0 ? 'catalogue' : 'unknown';
      const unitCost = fileUnitCost ?? itemCosts[it]!;
      const cost = fileCost ?? lineAmount(qty, unitCost);
      const amount = batch.amount[i]!;
      out.add(
        `${org},${orderIds[d]},${lineNo},${docClientIds[d]},${docDays[d]},${productIds[it]},${qty},${batch.price[i]},${unitCost},${listPrice ?? ''},${amount},${cost},${basis}\n`,
      );
      docTotal[d]! += amount;
      docCost[d]! += cost;
      docWritten[d]!++;
      if (docBatch[d]! >= 0 && docBatch[d]! < no) docRanOn[d] = true;
    }
    for (let d = docs0; d < docs0 + answer.orderIds.length; d++) {
      const head = docHeads[d]!;
      docsCsv.add(
        csvLine([
          docKeys[d]!,
          docFirstRows[d]!,
          ...head,
          docClientIds[d]!,
          orderIds[d]!,
          docExisting[d] ? 'existing' : 'new',
          job.part,
        ]),
      );
      if (!docExisting[d]) {
        const manager = typeof head[5] === 'string' ? (managers.get(head[5].toLowerCase()) ?? null) : null;
        orders.add(
          csvLine([
            job.orgId,
            orderIds[d]!,
            docClientIds[d]!,
            head[1]!,
            head[2]!,
            head[3]!,
            head[7]!,
            head[8] ?? 0,
            head[6]!,
            docTotal[d]!,
            docCost[d]!,
            manager,
            head[0]!,
          ]),
        );
      }
      docBatch[d] = no;
      docHeads[d] = null;
    }
    batch.n = 0;
    spare.push(batch);
    await io.emit({
      lines: out.take(),
      orders: orders.take(),
      docs: docsCsv.take(),
      staged: staged.take(),
      fps: fps.take(),
    });
  };

  let pending: { batch: LineBatch; answer: Promise<DirectAnswer>; items0: number; docs0: number; no: number } | null =
    null;
  const send = async () => {
    const batch = lines;
    const empty = !ask.clientKeys.length && !ask.itemKeys.length && !ask.docKeys.length;
    const answer = empty
      ? Promise.resolve<DirectAnswer>({ itemIds: [], itemCosts: [], orderIds: [], clientIds: [], existing: [] })
      : io.ask(ask);
    const next = { batch, answer, items0: itemsAsked, docs0: docsAsked, no: batchNo++ };
    itemsAsked = itemKeys.length;
    docsAsked = docKeys.length;
    ask = noAsk();
    lines = spare.pop() ?? new LineBatch();
    if (pending) await write(pending.batch, await pending.answer, pending.items0, pending.docs0, pending.no);
    pending = next;
  };

  for await (const batch of dataBatches(source, 0)) {
    for (const row of batch) {
      rowsRead++;
      if (row.refused) {
        reject(row.rowNo, [row.refused]);
        continue;
      }
      const result = read(row.cells);
      if (result.kind === 'skipped') {
        rowsSkipped++;
        continue;
      }
      if (result.kind === 'rejected') {
        reject(row.rowNo, result.problems);
        continue;
      }
      const fp = rowFingerprint(row.cells);
      const problems = accept(row.rowNo, result.record, fp);
      if (problems) {
        reject(row.rowNo, problems);
        continue;
      }
      const bit = fp % FINGERPRINT_BITS;
      if (filter[bit >>> 3]! & (1 << (bit & 7))) repeatBits.push(bit);
      else filter[bit >>> 3]! |= 1 << (bit & 7);
      rowsValid++;
    }
    const p = source.progress();
    io.progress(p.done, p.total, rowsRead, rejectedRows);
    if (lines.n >= job.batchLines) await send();
  }
  await send();
  const lastBatch = pending as {
    batch: LineBatch;
    answer: Promise<DirectAnswer>;
    items0: number;
    docs0: number;
    no: number;
  } | null;
  if (lastBatch) await write(lastBatch.batch, await lastBatch.answer, lastBatch.items0, lastBatch.docs0, lastBatch.no);

  const corrections = {
    orderIds: [] as number[],
    totals: [] as number[],
    costs: [] as number[],
    lines: [] as number[],
  };
  let unsafe = false;
  for (let d = 0; d < docKeys.length; d++) {
    if (docExisting[d]) continue;
    if (!Number.isSafeInteger(docTotal[d]) || !Number.isSafeInteger(docCost[d])) unsafe = true;
    if (!docRanOn[d]) continue;
    corrections.orderIds.push(orderIds[d]!);
    corrections.totals.push(docTotal[d]!);
    corrections.costs.push(docCost[d]!);
    corrections.lines.push(docWritten[d]!);
  }
  return {
    rowsRead,
    rowsValid,
    rowsSkipped,
    rejectedRows,
    rejects,
    corrections,
    repeatBits,
    filter: job.alone ? undefined : filter,
    ...(unsafe ? { unsafe } : {}),
  };
}
