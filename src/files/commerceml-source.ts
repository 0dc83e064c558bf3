import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { SaxesParser } from 'saxes';
import { DomainError } from '../core/errors.js';
import { fileRefusal } from './limits.js';
import { INVALID, MarkingUtf8Decoder } from './utf8.js';
import type { SourceRow, TableSource } from './source.js';

export type CommerceMlKind = 'sales' | 'products';
export type CommerceMlErrorCode = 'malformed' | 'not_commerceml' | 'encoding' | 'nothing_to_import' | 'too_large';

/** A file that cannot be read as CommerceML; `code` (and `line` for bad XML) let the caller explain it. */
export class CommerceMlError extends Error {
  readonly code: CommerceMlErrorCode;
  readonly line: number | undefined;
  constructor(code: CommerceMlErrorCode, message: string, line?: number) {
    super(message);
    this.name = 'CommerceMlError';
    this.code = code;
    this.line = line;
  }
}

/** The header row: canonical keys of importFields.sales / .products, in the order fields.ts lists them. */
export const commerceMlHeaders: Record<CommerceMlKind, readonly string[]> = {
  sales: [
    'documentId',
    'documentNumber',
    'documentDate',
    'documentType',
    'status',
    'client',
    'clientInn',
    'clientKpp',
    'clientExternalId',
    'itemExternalId',
    'itemCode',
    'item',
    'unit',
    'qty',
    'price',
    'amount',
    'currency',
    'dueDate',
  ],
  products: ['externalId', 'sku', 'name', 'group', 'unit'],
};

const CHUNK = 1 << 16;
/**
 * The parser buffers a text or a tag until it ends; this much input without one ending is a broken
 * or hostile file, not an exchange file (whose texts are names and numbers).
 */
const MAX_UNBROKEN = 32 << 20;
// A document's lines and parties are kept until it closes (its status and client may come after its
// lines), so a crafted document of millions of lines would take all the memory (the probe's 455 MB
// document of 35 million lines: 3.8 GB). These limits bound what one document may hold.
/**
 * Lines of one document: a 1C sales document rarely passes a few thousand lines; 100,000 take some
 * 80 MB while the document is read (measured: 200,000 held 170 MB of the heap). A file of a million
 * lines in many documents is not limited.
 */
export const MAX_DOCUMENT_LINES = 100_000;
/** Counterparties of one document: 1C writes the buyer, the seller and sometimes a payer or consignee. */
export const MAX_DOCUMENT_PARTIES = 1_000;
/** Distinct requisites (ЗначенияРеквизитов) of one document: 1C writes a dozen or two. */
export const MAX_DOCUMENT_REQUISITES = 1_000;
/** Groups of a catalogue's classifier, kept while its products are read: large 1C catalogues have thousands. */
export const MAX_GROUPS = 200_000;
/** Nesting of elements: CommerceML goes a dozen levels deep. */
const MAX_DEPTH = 256;

/** A document too large to read: the message names it by number (or says it has none), 1C id and line. */
const documentTooLarge = (
  doc: { number: string; id: string; line: number },
  code: 'import.xml.tooManyParties' | 'import.xml.tooManyLines' | 'import.xml.tooManyRequisites',
  max: number,
) =>
  fileRefusal('too_large', code, {
    document: doc.number ? 'document' : 'documentUnnumbered',
    number: doc.number,
    id: doc.id ? ` (Ид ${doc.id})` : '',
    line: doc.line,
    max,
  });

/** Roots of 2.x (КоммерческаяИнформация) and, as some exporters write it, a bare 3.1 Контейнер. */
const ROOTS = new Set(['КоммерческаяИнформация', 'Контейнер']);
/** A Документ directly under one of these is an exchanged document (2.x: the root, 3.1: a Контейнер). */
const DOCUMENT_PARENTS = ROOTS;

/**
 * A CommerceML exchange file (1C "Обмен с сайтом", Bitrix, other shops) read as a table: one row
 * per line (Товар) of each Документ for orders and other documents (kind 'sales'), or one row per
 * catalogue product for an import.xml (kind 'products'). The first row is the header of canonical
 * field keys (rowNo 1, as a CSV header), data rows follow from rowNo 2.
 *
 * The file is streamed through a SAX parser, so memory stays bounded by one document, not the
 * file. Opening reads just far enough to tell the kind; every `rows()` reads the file anew.
 */
export async function openCommerceMlSource(path: string): Promise<TableSource & { kind: CommerceMlKind }> {
  const size = (await stat(path)).size;
  const probe = await detect(path);
  const details: Record<string, string> = { encoding: probe.encoding, schemaVersion: probe.version };
  const kind = probe.kind;
  let done = 0;
  return {
    format: 'commerceml',
    kind,
    details,
    progress: () => ({ done, total: size }),
    async *rows(): AsyncGenerator<SourceRow> {
      const state: ReadState = { bytes: 0, encoding: '' };
      let queue: string[][] = [];
      const collector =
        kind === 'sales'
          ? new SalesCollector((cells) => queue.push(cells))
          : new ProductsCollector((cells) => queue.push(cells));
      yield { rowNo: 1, cells: [...commerceMlHeaders[kind]] };
      let rowNo = 1;
      for await (const _ of walk(path, state, collector)) {
        done = state.bytes;
        if (queue.length) {
          const out = queue;
          queue = [];
          for (const cells of out) yield { rowNo: ++rowNo, cells };
        }
      }
      for (const cells of queue) yield { rowNo: ++rowNo, cells };
      done = size;
      if (collector instanceof SalesCollector) details.documents = String(collector.documents);
      else details.products = String(collector.products);
    },
  };
}

/** Reads until the first Документ (sales) or Каталог (products). */
async function detect(path: string): Promise<{ kind: CommerceMlKind; encoding: string; version: string }> {
  const state: ReadState = { bytes: 0, encoding: '' };
  let kind: CommerceMlKind | null = null;
  let version = '';
  const visitor: Visitor = {
    open(name, attrs, stack) {
      if (stack.length === 1) {
        if (!ROOTS.has(name)) {
          throw new CommerceMlError(
            'not_commerceml',
            `This is not a CommerceML exchange file: its root element is <${name}>, not <КоммерческаяИнформация>.`,
          );
        }
        version = attrs['ВерсияСхемы'] ?? '';
      } else if (name === 'Документ' && DOCUMENT_PARENTS.has(stack[stack.length - 2]!)) kind ??= 'sales';
      else if (name === 'Каталог') kind ??= 'products';
    },
    close() {},
  };
  const walker = walk(path, state, visitor);
  try {
    while (kind === null) if ((await walker.next()).done) break;
  } finally {
    await walker.return(undefined);
  }
  if (kind === null) {
    throw new CommerceMlError(
      'nothing_to_import',
      'The CommerceML file holds no documents (Документ) and no catalogue (Каталог): there is nothing to import.',
    );
  }
  return { kind, encoding: state.encoding, version };
}

// ---------------------------------------------------------------------------------------------
// Bytes → text → SAX events

type ReadState = { bytes: number; encoding: string };

/** Enough of the file's start to hold the XML declaration. */
const HEAD_BYTES = 1024;

/**
 * The file's text, decoded by its byte-order mark or else the encoding its XML declaration names
 * (older 1C and shop exporters write windows-1251, newer ones UTF-8).
 */
async function* decodedText(path: string, state: ReadState): AsyncGenerator<string> {
  let decoder: Decoder | null = null;
  let head = Buffer.alloc(0);
  for await (const raw of createReadStream(path, { highWaterMark: CHUNK })) {
    const chunk = raw as Buffer;
    state.bytes += chunk.length;
    if (!decoder) {
      head = Buffer.concat([head, chunk]);
      if (head.length < HEAD_BYTES && !head.includes(0x3e)) continue;
      decoder = decoderFor(head, state);
      yield decoder.decode(head, { stream: true });
      continue;
    }
    yield decoder.decode(chunk, { stream: true });
  }
  if (!decoder) {
    decoder = decoderFor(head, state);
    yield decoder.decode(head);
  } else yield decoder.decode();
}

type Decoder = { decode(bytes?: Uint8Array, options?: { stream?: boolean }): string };

function decoderFor(head: Buffer, state: ReadState): Decoder {
  let label = 'utf-8';
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) label = 'utf-8';
  else if (head[0] === 0xff && head[1] === 0xfe) label = 'utf-16le';
  else if (head[0] === 0xfe && head[1] === 0xff) label = 'utf-16be';
  else {
    const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/.exec(head.toString('latin1', 0, HEAD_BYTES));
    if (declared) label = declared[1]!.trim();
  }
  let decoder: TextDecoder;
  try {
    // The decoder drops a byte-order mark itself.
    decoder = new TextDecoder(label);
  } catch {
    throw new CommerceMlError(
      'encoding',
      `The file declares the encoding "${label}", which cannot be read: save it in UTF-8 or windows-1251.`,
    );
  }
  state.encoding = decoder.encoding;
  if (decoder.encoding !== 'utf-8') return decoder;
  // UTF-8 strictly: an invalid byte is marked (utf8.ts) and refused with its line by `walk`, not read as U+FFFD.
  const strict = new MarkingUtf8Decoder();
  return { decode: (bytes = new Uint8Array(0), options = {}) => strict.decode(bytes, !options.stream) };
}

type Visitor = {
  /** `stack` holds the local names from the root down to this element; `line` is where it opens. */
  open(name: string, attrs: Record<string, string>, stack: readonly string[], line: number): void;
  /** `stack` holds the parents of the closed element; `text` is its trimmed text. */
  close(name: string, text: string, stack: readonly string[]): void;
};

/** Namespace prefixes differ between exporters (cml:, none); elements are matched by local name. */
const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** Parses the file, yielding after each chunk so the caller can hand on what was found. */
async function* walk(path: string, state: ReadState, visitor: Visitor): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: string[] = [];
  let text = '';
  let sinceEvent = 0;
  parser.on('opentag', (tag) => {
    sinceEvent = 0;
    const name = localName(tag.name);
    if (stack.push(name) > MAX_DEPTH) {
      throw fileRefusal('too_large', 'import.xml.tooDeep', { line: parser.line, max: MAX_DEPTH });
    }
    text = '';
    visitor.open(name, tag.attributes, stack, parser.line);
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('cdata', (t) => {
    text += t;
  });
  parser.on('closetag', () => {
    sinceEvent = 0;
    const name = stack.pop()!;
    visitor.close(name, text.trim(), stack);
    text = '';
  });
  for await (const chunk of decodedText(path, state)) {
    const invalid = chunk.indexOf(INVALID);
    if (invalid >= 0) {
      let line = parser.line;
      for (let k = chunk.indexOf('\n'); k >= 0 && k < invalid; k = chunk.indexOf('\n', k + 1)) line++;
      throw fileRefusal('encoding', 'import.xml.invalidUtf8', { line });
    }
    guarded(parser, () => parser.write(chunk));
    if ((sinceEvent += chunk.length) > MAX_UNBROKEN) {
      throw new CommerceMlError(
        'too_large',
        `The file cannot be read: near line ${parser.line} it holds a text or tag longer than ${MAX_UNBROKEN >> 20} million characters.`,
        parser.line,
      );
    }
    yield;
  }
  guarded(parser, () => parser.close());
  yield;
}

function guarded(parser: { line: number; column: number }, step: () => void): void {
  try {
    step();
  } catch (e) {
    if (e instanceof CommerceMlError || e instanceof DomainError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    // saxes writes "line:column: reason".
    const at = /^(\d+):(\d+): ([\s\S]*)$/.exec(message);
    const line = at ? Number(at[1]) : parser.line;
    const column = at ? Number(at[2]) : parser.column;
    throw new CommerceMlError(
      'malformed',
      `The file is not well-formed XML: line ${line}, column ${column}: ${at ? at[3] : message}`,
      line,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Documents → sales lines

type Party = {
  id: string;
  name: string;
  officialName: string;
  fullName: string;
  inn: string;
  kpp: string;
  role: string;
};
type Line = {
  id: string;
  sku: string;
  name: string;
  unit: string;
  unitFullName: string;
  qty: string;
  price: string;
  amount: string;
};
type Doc = {
  /** The line of the file the document starts on, to name it in a refusal. */
  line: number;
  id: string;
  number: string;
  date: string;
  type: string;
  currency: string;
  due: string;
  deleted: string;
  posted: string;
  parties: Party[];
  lines: Line[];
  /** Requisite name (lower case, no spaces) → its first value. */
  requisites: Map<string, string>;
};

const datePart = (value: string) => value.split(/[T ]/)[0] ?? '';
const requisiteKey = (name: string) => name.toLowerCase().replace(/ё/g, 'е').replace(/[\s_]/g, '');
const isTrue = (v: string | undefined) => v !== undefined && /^(true|истина|да|1)$/i.test(v);
const isFalse = (v: string | undefined) => v !== undefined && /^(false|ложь|нет|0)$/i.test(v);

class SalesCollector implements Visitor {
  documents = 0;
  private doc: Doc | null = null;
  private docDepth = 0;
  private party: Party | null = null;
  private partyDepth = 0;
  private line: Line | null = null;
  private lineDepth = 0;
  private requisite: { name: string; value: string | null } | null = null;
  private requisiteDepth = 0;

  constructor(private readonly emit: (cells: string[]) => void) {}

  open(name: string, attrs: Record<string, string>, stack: readonly string[], line: number): void {
    const depth = stack.length;
    const doc = this.doc;
    if (!doc) {
      if (name === 'Документ' && DOCUMENT_PARENTS.has(stack[depth - 2]!)) {
        this.doc = {
          line,
          id: '',
          number: '',
          date: '',
          type: '',
          currency: '',
          due: '',
          deleted: '',
          posted: '',
          parties: [],
          lines: [],
          requisites: new Map(),
        };
        this.docDepth = depth;
        this.documents++;
      }
      return;
    }
    const below = depth - this.docDepth;
    const parent = stack[depth - 2];
    if (this.line) {
      if (name === 'БазоваяЕдиница' && depth === this.lineDepth + 1)
        this.line.unitFullName = attrs['НаименованиеПолное'] ?? '';
    } else if (this.party || this.requisite) {
      // Nested elements of a counterparty (its representatives, accounts) are not parties themselves.
    } else if (name === 'Контрагент' && (below === 1 || (below === 2 && parent === 'Контрагенты'))) {
      this.party = { id: '', name: '', officialName: '', fullName: '', inn: '', kpp: '', role: '' };
      this.partyDepth = depth;
      if (doc.parties.push(this.party) > MAX_DOCUMENT_PARTIES) {
        throw documentTooLarge(doc, 'import.xml.tooManyParties', MAX_DOCUMENT_PARTIES);
      }
    } else if (name === 'Товар' && below === 2 && parent === 'Товары') {
      this.line = { id: '', sku: '', name: '', unit: '', unitFullName: '', qty: '', price: '', amount: '' };
      this.lineDepth = depth;
      if (doc.lines.push(this.line) > MAX_DOCUMENT_LINES) {
        throw documentTooLarge(doc, 'import.xml.tooManyLines', MAX_DOCUMENT_LINES);
      }
    } else if (name === 'ЗначениеРеквизита' && below === 2 && parent === 'ЗначенияРеквизитов') {
      this.requisite = { name: '', value: null };
      this.requisiteDepth = depth;
    }
  }

  close(name: string, text: string, stack: readonly string[]): void {
    const doc = this.doc;
    if (!doc) return;
    const depth = stack.length + 1;
    if (depth === this.docDepth) {
      this.finish(doc);
      return;
    }

    if (this.line) {
      if (depth === this.lineDepth) this.line = null;
      else if (depth === this.lineDepth + 1) setLineField(this.line, name, text);
      return;
    }
    if (this.party) {
      if (depth === this.partyDepth) this.party = null;
      else if (depth === this.partyDepth + 1) setPartyField(this.party, name, text, true);
      // 1C puts ИНН/КПП directly in Контрагент; some exporters wrap them as the XSD's group names.
      else if (
        depth === this.partyDepth + 2 &&
        (stack[depth - 2] === 'РеквизитыЮрЛица' || stack[depth - 2] === 'РеквизитыФизЛица')
      )
        setPartyField(this.party, name, text, false);
      return;
    }
    if (this.requisite) {
      const r = this.requisite;
      if (depth === this.requisiteDepth) {
        const key = requisiteKey(r.name);
        if (key && !doc.requisites.has(key)) {
          if (doc.requisites.size >= MAX_DOCUMENT_REQUISITES) {
            throw documentTooLarge(doc, 'import.xml.tooManyRequisites', MAX_DOCUMENT_REQUISITES);
          }
          doc.requisites.set(key, r.value ?? '');
        }
        this.requisite = null;
      } else if (depth === this.requisiteDepth + 1) {
        if (name === 'Наименование') r.name = text;
        else if (name === 'Значение' && r.value === null) r.value = text;
      }
      return;
    }
    if (depth !== this.docDepth + 1) return;
    switch (name) {
      case 'Ид':
        doc.id = text;
        break;
      case 'Номер':
        doc.number = text;
        break;
      case 'Дата':
        doc.date = datePart(text);
        break;
      case 'ХозОперация':
        doc.type = text;
        break;
      case 'Валюта':
        doc.currency = text;
        break;
      case 'СрокПлатежа':
        doc.due = datePart(text);
        break;
      case 'ПометкаУдаления':
        doc.deleted = text;
        break;
      case 'Проведен':
        doc.posted = text;
        break;
    }
  }

  private finish(doc: Doc): void {
    this.doc = null;
    if (doc.lines.length === 0) return;
    const role = (p: Party) => p.role.toLowerCase();
    const client =
      doc.parties.find((p) => role(p) === 'покупатель') ??
      doc.parties.find((p) => role(p) === 'плательщик') ??
      doc.parties[0];
    const r = doc.requisites;
    const status =
      isTrue(r.get('пометкаудаления')) || isTrue(doc.deleted) || isTrue(r.get('отменен'))
        ? 'cancelled'
        : isFalse(r.get('проведен')) || isFalse(doc.posted)
          ? 'draft'
          : (r.get('статусзаказа') ?? r.get('статус') ?? '');
    for (const line of doc.lines) {
      this.emit([
        doc.id,
        doc.number,
        doc.date,
        doc.type,
        status,
        client ? client.name || client.officialName || client.fullName : '',
        client?.inn ?? '',
        client?.kpp ?? '',
        client?.id ?? '',
        line.id,
        line.sku,
        line.name,
        line.unit || line.unitFullName,
        line.qty,
        line.price,
        line.amount,
        doc.currency,
        doc.due,
      ]);
    }
  }
}

function setLineField(line: Line, name: string, text: string): void {
  switch (name) {
    case 'Ид':
      line.id = text;
      break;
    case 'Артикул':
      line.sku = text;
      break;
    case 'Наименование':
      line.name = text;
      break;
    case 'БазоваяЕдиница':
      line.unit = text;
      break;
    case 'Количество':
      line.qty = text;
      break;
    case 'ЦенаЗаЕдиницу':
      line.price = text;
      break;
    case 'Сумма':
      line.amount = text;
      break;
  }
}

function setPartyField(party: Party, name: string, text: string, direct: boolean): void {
  switch (name) {
    case 'Ид':
      if (direct) party.id = text;
      break;
    case 'Наименование':
      if (direct) party.name = text;
      break;
    case 'Роль':
      if (direct) party.role = text;
      break;
    case 'ОфициальноеНаименование':
      party.officialName = text;
      break;
    case 'ПолноеНаименование':
      party.fullName = text;
      break;
    case 'ИНН':
      party.inn = text;
      break;
    case 'КПП':
      party.kpp = text;
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// Catalogue → products

type Product = {
  id: string;
  sku: string;
  name: string;
  unit: string;
  unitFullName: string;
  groupId: string;
  deleted: boolean;
};

class ProductsCollector implements Visitor {
  products = 0;
  /** Классификатор group id → name; the classifier precedes the catalogue in import.xml. */
  private readonly groups = new Map<string, string>();
  private readonly groupStack: { id: string; name: string; depth: number }[] = [];
  private product: Product | null = null;
  private productDepth = 0;

  constructor(private readonly emit: (cells: string[]) => void) {}

  open(name: string, attrs: Record<string, string>, stack: readonly string[], line: number): void {
    const depth = stack.length;
    if (this.product) {
      if (name === 'БазоваяЕдиница' && depth === this.productDepth + 1)
        this.product.unitFullName = attrs['НаименованиеПолное'] ?? '';
      return;
    }
    const parent = stack[depth - 2];
    if (name === 'Товар' && parent === 'Товары' && stack[depth - 3] === 'Каталог') {
      // An exchange of changes marks a product removed in 1C with Статус="Удален".
      this.product = {
        id: '',
        sku: '',
        name: '',
        unit: '',
        unitFullName: '',
        groupId: '',
        deleted: /^удал/i.test(attrs['Статус'] ?? ''),
      };
      this.productDepth = depth;
    } else if (name === 'Группа' && parent === 'Группы' && stack.includes('Классификатор')) {
      if (this.groups.size >= MAX_GROUPS) {
        throw fileRefusal('too_large', 'import.xml.tooManyGroups', { max: MAX_GROUPS, line });
      }
      this.groupStack.push({ id: '', name: '', depth });
    }
  }

  close(name: string, text: string, stack: readonly string[]): void {
    const depth = stack.length + 1;
    const product = this.product;
    if (product) {
      if (depth === this.productDepth) {
        this.product = null;
        if (product.deleted) return;
        this.products++;
        this.emit([
          product.id,
          product.sku,
          product.name,
          product.groupId ? (this.groups.get(product.groupId) ?? '') : '',
          product.unit || product.unitFullName,
        ]);
      } else if (depth === this.productDepth + 1) {
        switch (name) {
          case 'Ид':
            product.id = text;
            break;
          case 'Артикул':
            product.sku = text;
            break;
          case 'Наименование':
            product.name = text;
            break;
          case 'БазоваяЕдиница':
            product.unit = text;
            break;
        }
      } else if (
        depth === this.productDepth + 2 &&
        name === 'Ид' &&
        stack[depth - 2] === 'Группы' &&
        !product.groupId
      ) {
        product.groupId = text;
      }
      return;
    }
    const group = this.groupStack[this.groupStack.length - 1];
    if (!group) return;
    if (depth === group.depth) {
      this.groupStack.pop();
      if (group.id) this.groups.set(group.id, group.name);
    } else if (depth === group.depth + 1) {
      if (name === 'Ид') group.id = text;
      else if (name === 'Наименование') group.name = text;
    }
  }
}
