import type { ImportKind } from '../../core/import/fields.js';
import { clientKey, documentKey, itemKey } from '../../core/import/keys.js';
import type { CellValue, ImportRecord, RowProblem } from '../../core/import/records.js';
import type { MessageCode, ParamsArg } from '../../core/messages/index.js';
import type { StageTable } from '../../db/queries/imports/stage.js';

/** One CSV line for COPY: NULL is an empty unquoted field, an empty string is "". */
export function csvLine(values: readonly CellValue[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') {
      out += String(v);
      continue;
    }
    if (typeof v === 'boolean') {
      out += v ? 't' : 'f';
      continue;
    }
    out += v === '' || /[",\r\n]/.test(v) || v.trim() !== v ? `"${v.replace(/"/g, '""')}"` : v;
  }
  return `${out}\n`;
}

/** CSV lines in pieces of a few thousand, so no COPY builds one huge string. */
export async function* csvChunks(lines: readonly string[], per = 5000): AsyncGenerator<string> {
  for (let i = 0; i < lines.length; i += per) yield lines.slice(i, i + per).join('');
}

export const text = (v: CellValue | undefined): string | null =>
  typeof v === 'string' ? v : v === null || v === undefined ? null : String(v);

/**
 * A copy of a string that no longer points into the megabyte of file text it was cut from: values
 * kept for the whole import (clients, products, documents) would otherwise keep every chunk alive.
 */
export const detach = (s: string | null): string | null => (s === null ? null : ` ${s}`.slice(1));
export const detached = (values: CellValue[]): CellValue[] =>
  values.map((v) => (typeof v === 'string' ? detach(v) : v));
export const num = (v: CellValue | undefined): number | null => (typeof v === 'number' ? v : null);

const problem = <C extends MessageCode>(
  field: string,
  column: string,
  value: string,
  reason: string,
  code: C,
  ...params: ParamsArg<C>
): RowProblem => ({ field, column, value, reason, code, params: params[0] ?? {} });

/**
 * How rows of one kind become staging rows: `accept` turns a valid record into a CSV line of the
 * streamed table (or refuses it for a reason only the whole file shows, such as a document given
 * with two clients); `extras` gives the lines of the small tables (clients, products, documents)
 * gathered along the way, copied once the stream ends.
 */
export type Staging = {
  tables: StageTable[];
  streamed: StageTable;
  accept(
    rowNo: number,
    record: ImportRecord,
    columnOf: (field: string) => string,
    fingerprint: number,
  ): string | RowProblem[];
  /** Repeated rows are found in the database from the fingerprints staged with each row (sales), not in memory. */
  repeatsInDatabase?: boolean;
  /** A rejected row's record and why, so a document with a refused line can be left out whole. */
  rejected(record: ImportRecord, problems: readonly RowProblem[]): void;
  extras(): { table: StageTable; lines: string[] }[];
  /**
   * Documents with a refused line: their other lines are taken out in "valid rows" mode. A document
   * key, or a `looseDocument` when the line's date was refused and so its key is unknown.
   */
  brokenDocuments(): string[];
  /** A sales file's clients, products and documents so far, to join with another reader's part of the file. */
  state?(): SalesState;
};

type ClientRefValue = {
  key: string;
  firstRow: number;
  name: string | null;
  inn: string | null;
  kpp: string | null;
  ext: string | null;
  manager: string | null;
};
type Doc = { key: string; firstRow: number; clientKey: string; lines: number; values: CellValue[] };
export type SalesState = {
  clients: Map<string, ClientRefValue>;
  items: Map<string, CellValue[]>;
  docs: Map<string, Doc>;
  broken: Set<string>;
};

/** The small staging tables of a sales file from its gathered clients, products and documents. */
export function salesExtras(state: SalesState): { table: StageTable; lines: string[] }[] {
  return [
    {
      table: 's_clients',
      lines: [...state.clients.values()].map((c) =>
        csvLine([c.key, c.firstRow, c.name, c.inn, c.kpp, c.ext, c.manager]),
      ),
    },
    { table: 's_items', lines: [...state.items.values()].map(csvLine) },
    {
      table: 's_docs',
      lines: [...state.docs.values()]
        .filter((d) => !state.broken.has(d.key))
        .map((d) => csvLine([d.key, d.firstRow, ...d.values])),
    },
  ];
}

/**
 * What a reader of one part of a file hands back about its clients, products and documents: flat
 * arrays of keys and ready CSV lines rather than maps of objects, so the join on the main thread
 * holds a few strings per document and not an object graph per part.
 */
export type SalesPart = {
  clientKeys: string[];
  clientLines: string[];
  itemKeys: string[];
  itemLines: string[];
  docKeys: string[];
  docClients: string[];
  docDays: (string | null)[];
  docLines: number[];
  docCsv: string[];
  broken: string[];
};

export function salesPart(state: SalesState): SalesPart {
  const docs = [...state.docs.values()];
  return {
    clientKeys: [...state.clients.keys()],
    clientLines: [...state.clients.values()].map((c) =>
      csvLine([c.key, c.firstRow, c.name, c.inn, c.kpp, c.ext, c.manager]),
    ),
    itemKeys: [...state.items.keys()],
    itemLines: [...state.items.values()].map(csvLine),
    docKeys: docs.map((d) => d.key),
    docClients: docs.map((d) => d.clientKey),
    docDays: docs.map((d) => d.values[2] as string | null),
    docLines: docs.map((d) => d.lines),
    docCsv: docs.map((d) => csvLine([d.key, d.firstRow, ...d.values])),
    broken: [...state.broken],
  };
}

/**
 * Joins the parts read by several readers, in file order: a client, product or document is the
 * first part's; a document cut by a part boundary continues its line numbers (`offsets`: by how
 * much the later part's lines of it move). Null when a document has different clients or dates in
 * two parts (the caller then reads the file in one piece, where that is refused row by row).
 */
export function joinSalesParts(parts: { part: SalesPart; fromRow: number; toRow: number }[]): {
  extras: { table: StageTable; lines: string[] }[];
  offsets: { key: string; fromRow: number; toRow: number; offset: number }[];
  broken: string[];
} | null {
  const clients = new Set<string>(),
    items = new Set<string>();
  const clientLines: string[] = [],
    itemLines: string[] = [];
  const docs = new Map<string, { client: string; day: string | null; lines: number; csv: string }>();
  const broken = new Set<string>();
  const offsets: { key: string; fromRow: number; toRow: number; offset: number }[] = [];
  for (const { part, fromRow, toRow } of parts) {
    part.clientKeys.forEach((k, i) => {
      if (!clients.has(k)) {
        clients.add(k);
        clientLines.push(part.clientLines[i]!);
      }
    });
    part.itemKeys.forEach((k, i) => {
      if (!items.has(k)) {
        items.add(k);
        itemLines.push(part.itemLines[i]!);
      }
    });
    for (const k of part.broken) broken.add(k);
    for (let i = 0; i < part.docKeys.length; i++) {
      const key = part.docKeys[i]!;
      const known = docs.get(key);
      if (!known) {
        docs.set(key, {
          client: part.docClients[i]!,
          day: part.docDays[i]!,
          lines: part.docLines[i]!,
          csv: part.docCsv[i]!,
        });
        continue;
      }
      if (known.client !== part.docClients[i] || known.day !== part.docDays[i]) return null;
      offsets.push({ key, fromRow, toRow, offset: known.lines });
      known.lines += part.docLines[i]!;
    }
  }
  const docLines: string[] = [];
  for (const [key, d] of docs) if (!broken.has(key)) docLines.push(d.csv);
  return {
    extras: [
      { table: 's_clients', lines: clientLines },
      { table: 's_items', lines: itemLines },
      { table: 's_docs', lines: docLines },
    ],
    offsets,
    broken: [...broken],
  };
}

/**
 * A line that names a document seen before on `firstRow` with another client, or (for a document
 * with a 1C id) another date: refused, since one document has one client and one day.
 */
export function documentConflict(
  clientKey: string,
  day: string | null,
  firstRow: number,
  r: ImportRecord,
  ck: string,
  columnOf: (field: string) => string,
): RowProblem[] | null {
  if (clientKey !== ck) {
    return [
      problem(
        'client',
        columnOf('client'),
        text(r.client) ?? text(r.clientInn) ?? '',
        'document_client_conflict',
        'import.row.documentClient',
        { number: String(text(r.documentNumber)), first: firstRow },
      ),
    ];
  }
  if (r.documentId && day !== text(r.documentDate)) {
    return [
      problem(
        'documentDate',
        columnOf('documentDate'),
        text(r.documentDate) ?? '',
        'document_date_conflict',
        'import.row.documentDate',
        { number: String(text(r.documentNumber)), first: firstRow },
      ),
    ];
  }
  return null;
}

const CLIENT_FIELDS = new Set(['client', 'clientInn', 'clientKpp', 'clientExternalId']);
const LOOSE = '?';

/** A document with a refused line whose day is unknown: every document of that number (and client, when known). */
export const looseDocument = (number: string, clientKey: string | null): string =>
  LOOSE + JSON.stringify([number, clientKey]);

/** The broken documents as exact keys and as number (+ client) pairs (see `looseDocument`). */
export function splitBroken(broken: readonly string[]): {
  keys: string[];
  numbers: string[];
  clients: (string | null)[];
} {
  const keys: string[] = [],
    numbers: string[] = [],
    clients: (string | null)[] = [];
  for (const b of broken) {
    if (!b.startsWith(LOOSE)) {
      keys.push(b);
      continue;
    }
    const [number, client] = JSON.parse(b.slice(LOOSE.length)) as [string, string | null];
    numbers.push(number);
    clients.push(client);
  }
  return { keys, numbers, clients };
}

function clientRefs() {
  const refs = new Map<string, ClientRefValue>();
  return {
    refs,
    add(
      rowNo: number,
      r: {
        name: CellValue | undefined;
        inn: CellValue | undefined;
        kpp: CellValue | undefined;
        ext: CellValue | undefined;
        manager?: CellValue | undefined;
      },
    ): string | null {
      const ref = { name: text(r.name), inn: text(r.inn), kpp: text(r.kpp), ext: text(r.ext) };
      const key = clientKey(ref);
      if (key && !refs.has(key)) {
        const k = detach(key)!;
        refs.set(k, {
          key: k,
          firstRow: rowNo,
          name: detach(ref.name),
          inn: detach(ref.inn),
          kpp: detach(ref.kpp),
          ext: detach(ref.ext),
          manager: detach(text(r.manager)),
        });
      }
      return key;
    },
    lines: () => [...refs.values()].map((c) => csvLine([c.key, c.firstRow, c.name, c.inn, c.kpp, c.ext, c.manager])),
  };
}

export function stagingFor(kind: ImportKind): Staging {
  switch (kind) {
    case 'sales':
      return salesStaging();
    case 'clients':
      return clientsStaging();
    case 'products':
      return productsStaging();
    default:
      return referringStaging(kind);
  }
}

function salesStaging(): Staging {
  const clients = clientRefs();
  const items = new Map<string, CellValue[]>();
  const docs = new Map<string, Doc>();
  const broken = new Set<string>();
  const docKeyOf = (r: ImportRecord) =>
    documentKey({ ext: text(r.documentId), number: text(r.documentNumber), day: text(r.documentDate) });
  let last: {
    client: CellValue | undefined;
    inn: CellValue | undefined;
    kpp: CellValue | undefined;
    ext: CellValue | undefined;
    ck: string;
    number: CellValue | undefined;
    day: CellValue | undefined;
    id: CellValue | undefined;
    dk: string;
  } | null = null;
  return {
    tables: ['s_clients', 's_items', 's_docs', 's_lines'],
    streamed: 's_lines',
    repeatsInDatabase: true,
    accept(rowNo, r, columnOf, fingerprint) {
      // Consecutive lines of one document name the same client and document: reuse the last keys.
      let ck: string, dk: string;
      if (
        last &&
        last.client === r.client &&
        last.inn === r.clientInn &&
        last.kpp === r.clientKpp &&
        last.ext === r.clientExternalId
      )
        ck = last.ck;
      else
        ck = clients.add(rowNo, {
          name: r.client,
          inn: r.clientInn,
          kpp: r.clientKpp,
          ext: r.clientExternalId,
          manager: r.manager,
        })!;
      if (last && last.number === r.documentNumber && last.day === r.documentDate && last.id === r.documentId)
        dk = last.dk;
      else dk = docKeyOf(r);
      last = {
        client: r.client,
        inn: r.clientInn,
        kpp: r.clientKpp,
        ext: r.clientExternalId,
        ck,
        number: r.documentNumber,
        day: r.documentDate,
        id: r.documentId,
        dk,
      };
      let doc = docs.get(dk);
      if (!doc) {
        const key = detach(dk)!;
        doc = {
          key,
          firstRow: rowNo,
          clientKey: detach(ck)!,
          lines: 0,
          values: detached([
            text(r.documentId),
            text(r.documentNumber),
            text(r.documentDate),
            text(r.status),
            ck,
            text(r.manager),
            text(r.dueDate),
            text(r.deliveryMethod),
            num(r.logisticsCost),
          ]),
        };
        docs.set(key, doc);
      } else {
        const conflict = documentConflict(doc.clientKey, doc.values[2] as string | null, doc.firstRow, r, ck, columnOf);
        if (conflict) {
          broken.add(dk);
          return conflict;
        }
      }
      const ik = itemKey({ ext: text(r.itemExternalId), code: text(r.itemCode), name: text(r.item) });
      if (!items.has(ik))
        items.set(
          detach(ik)!,
          detached([ik, text(r.itemExternalId), text(r.itemCode), text(r.item), text(r.itemGroup), text(r.unit)]),
        );
      doc.lines++;
      return csvLine([
        rowNo,
        dk,
        doc.lines,
        ik,
        r.qty ?? null,
        num(r.price),
        num(r.amount),
        num(r.unitCost),
        num(r.costAmount),
        num(r.listPrice),
        fingerprint,
      ]);
    },
    rejected(r, problems) {
      if (!r.documentNumber && !r.documentId) return;
      if (r.documentId || typeof r.documentDate === 'string') {
        broken.add(detach(docKeyOf(r))!);
        return;
      }
      // The date was refused: the document is known by its number (1C numbers a document within its
      // year) and its client, unless a client cell was refused too.
      const clientRefused = problems.some((p) => CLIENT_FIELDS.has(p.field));
      const ck = clientRefused
        ? null
        : clientKey({
            name: text(r.client),
            inn: text(r.clientInn),
            kpp: text(r.clientKpp),
            ext: text(r.clientExternalId),
          });
      broken.add(looseDocument(text(r.documentNumber)!, ck));
    },
    extras: () => salesExtras({ clients: clients.refs, items, docs, broken }),
    brokenDocuments: () => [...broken],
    state: () => ({ clients: clients.refs, items, docs, broken }),
  };
}

function clientsStaging(): Staging {
  const clients = clientRefs();
  return {
    tables: ['s_clients', 's_client_rows'],
    streamed: 's_client_rows',
    accept(rowNo, r, columnOf) {
      const before = clients.refs.size;
      const key = clients.add(rowNo, { name: r.name, inn: r.inn, kpp: r.kpp, ext: r.externalId, manager: r.manager })!;
      if (clients.refs.size === before) {
        const first = clients.refs.get(key)!.firstRow;
        return [
          problem(
            r.inn ? 'inn' : 'name',
            columnOf(r.inn ? 'inn' : 'name'),
            text(r.inn) ?? text(r.name) ?? '',
            'duplicate_client',
            'import.row.sameClient',
            { first },
          ),
        ];
      }
      return csvLine([
        rowNo,
        key,
        text(r.externalId),
        text(r.name),
        text(r.fullLegalName),
        text(r.inn),
        text(r.kpp),
        text(r.ogrn),
        text(r.legalAddress),
        text(r.actualAddress),
        text(r.postalAddress),
        text(r.phone),
        text(r.email),
        text(r.bankAccount),
        text(r.bik),
        text(r.corrAccount),
        text(r.bankName),
        text(r.industry),
        text(r.region),
        text(r.manager),
        text(r.comment),
        text(r.contactName),
        text(r.contactPosition),
      ]);
    },
    rejected: () => undefined,
    extras: () => [{ table: 's_clients', lines: clients.lines() }],
    brokenDocuments: () => [],
  };
}

function productsStaging(): Staging {
  const seen = new Map<string, number>();
  return {
    tables: ['s_products'],
    streamed: 's_products',
    accept(rowNo, r, columnOf) {
      const key = itemKey({ ext: text(r.externalId), code: text(r.sku), name: text(r.name) });
      const first = seen.get(key);
      if (first !== undefined) {
        return [
          problem(
            'name',
            columnOf(r.sku ? 'sku' : 'name'),
            text(r.sku) ?? text(r.name) ?? '',
            'duplicate_product',
            'import.row.sameProduct',
            { first },
          ),
        ];
      }
      seen.set(detach(key)!, rowNo);
      return csvLine([
        rowNo,
        key,
        text(r.externalId),
        text(r.sku),
        text(r.name),
        text(r.group),
        text(r.unit),
        num(r.listPrice),
        num(r.cost),
      ]);
    },
    rejected: () => undefined,
    extras: () => [],
    brokenDocuments: () => [],
  };
}

/** Contacts, payments and interactions: rows that refer to a client who must already be here. */
function referringStaging(kind: 'contacts' | 'payments' | 'interactions'): Staging {
  const clients = clientRefs();
  const table: StageTable = kind === 'contacts' ? 's_contacts' : kind === 'payments' ? 's_payments' : 's_interactions';
  return {
    tables: ['s_clients', table],
    streamed: table,
    accept(rowNo, r) {
      const ck = clients.add(rowNo, { name: r.client, inn: r.clientInn, kpp: r.clientKpp, ext: r.clientExternalId });
      if (kind === 'contacts')
        return csvLine([
          rowNo,
          ck,
          text(r.fullName),
          text(r.position),
          text(r.phone),
          text(r.email),
          text(r.birthday),
          text(r.comment),
        ]);
      if (kind === 'payments')
        return csvLine([
          rowNo,
          ck,
          text(r.externalId),
          text(r.paymentDate),
          num(r.amount),
          text(r.documentNumber),
          text(r.comment),
        ]);
      return csvLine([
        rowNo,
        ck,
        text(r.occurredAt),
        text(r.kind),
        text(r.contact),
        text(r.manager),
        num(r.durationMinutes),
        num(r.moneySpent),
        text(r.outcome),
        text(r.notes),
      ]);
    },
    rejected: () => undefined,
    extras: () => [{ table: 's_clients', lines: clients.lines() }],
    brokenDocuments: () => [],
  };
}
