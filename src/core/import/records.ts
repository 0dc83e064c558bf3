import {
  checkBik,
  checkCorrespondentAccount,
  checkInn,
  checkKpp,
  checkOgrnAny,
  checkSettlementAccount,
} from '../clients/requisites.js';
import type { MessageCode, MessageParams } from '../messages/types.js';
import { lineAmount } from '../money/money.js';
import { importFields, type ColumnMapping, type FieldSpec, type FieldType, type ImportKind } from './fields.js';
import {
  dayOf,
  decimalOf,
  emailOf,
  isRefused,
  kopecksOf,
  wholeOf,
  yesNoOf,
  valueProblemCodes,
  type Refused,
  type ValueProblem,
} from './values.js';

export type CellValue = string | number | boolean | null;
export type ImportRecord = Record<string, CellValue>;

/** Why one cell of one row was refused: the column as the file names it, and a message (code and parameters). */
export type RowProblem = {
  field: string;
  column: string;
  value: string;
  reason: string;
  code: MessageCode;
  params: MessageParams;
};

export type ReadRow =
  | { kind: 'record'; record: ImportRecord }
  /** The record as far as it could be read, so the caller can still tell its document or client. */
  | { kind: 'rejected'; problems: RowProblem[]; record: ImportRecord }
  /** A blank row, or a total line («Итого», «Всего») that reports carry: not data. */
  | { kind: 'skipped' };

const MAX_TEXT = 1000;
const RUB = new Set(['rub', 'rur', 'руб', 'руб.', 'рубль', 'рублей', '643', '810', '₽', 'р', 'р.']);
const TOTAL = /^(итого|всего|total|grand total)(?!\p{L})/iu;

/** Interaction kinds as people write them, in both languages. */
const interactionKinds: [RegExp, string][] = [
  [/^(звон|call|phone|телефон)/i, 'call'],
  [/^(встреч|meet)/i, 'meeting'],
  [/^(визит|выезд|visit)/i, 'visit'],
  [/^(письм|e-?mail|почт|mail)/i, 'email'],
  [/^(при[её]м|reception|banquet|банкет)/i, 'reception'],
  [/^(подар|gift)/i, 'gift'],
  [/^(поздрав|congrat)/i, 'congratulation'],
  [/^(обучен|семинар|training|seminar)/i, 'training'],
];

/** «Реализация товаров и услуг 00-000123 от 20.11.2025 12:00:00», as 1C names a document in reports. */
const DOCUMENT_TITLE = /^(.*?)\s+(\S+)\s+от\s+(\d{1,2}\.\d{1,2}\.\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;

type Column = { index: number; header: string; spec: FieldSpec };

/** Why a cell was refused: a value problem, or a requisite check with its own message. */
type Refusal = Refused | { ok: false; reason: string; code: MessageCode; params: MessageParams };
const refused = (v: CellValue | Refusal): v is Refusal => typeof v === 'object' && v !== null;

/**
 * Types whose cells repeat on the consecutive lines of one document (its date, the client's
 * requisites, the flags) and cost more to read than to compare: the last cell read and its value
 * are kept per column. Every reader is a pure function of the cell, so this changes no answer.
 */
const REPEATING: ReadonlySet<FieldType> = new Set<FieldType>([
  'date',
  'boolean',
  'email',
  'inn',
  'kpp',
  'ogrn',
  'bik',
  'account',
]);

/** Whitespace as `String.prototype.trim` removes it (WhiteSpace and LineTerminator of ECMA-262). */
export function isTrimmedSpace(c: number): boolean {
  return c <= 32
    ? c === 32 || (c >= 9 && c <= 13)
    : c >= 0xa0 &&
        (c === 0xa0 ||
          c === 0x1680 ||
          (c >= 0x2000 && c <= 0x200a) ||
          c === 0x2028 ||
          c === 0x2029 ||
          c === 0x202f ||
          c === 0x205f ||
          c === 0x3000 ||
          c === 0xfeff);
}

/** `s.trim()`, without the call when there is nothing to trim, as in nearly every cell. */
const trimmed = (s: string): string =>
  s.length > 0 && (isTrimmedSpace(s.charCodeAt(0)) || isTrimmedSpace(s.charCodeAt(s.length - 1))) ? s.trim() : s;

/** Where the first character `trim` keeps is, or -1 for a blank text. */
function firstKept(s: string): number {
  for (let i = 0; i < s.length; i++) if (!isTrimmedSpace(s.charCodeAt(i))) return i;
  return -1;
}

/**
 * Whether a text starting with character `c` may match TOTAL, so the regex runs only for those:
 * the first letters of its words in either case, and, to stay exact under Unicode case folding,
 * any character outside ASCII and the basic Cyrillic block.
 */
function mayBeTotal(c: number): boolean {
  if (c < 0x80) {
    const l = c | 32;
    return l === 116 || l === 103;
  } // t, g
  if (c >= 0x400 && c <= 0x4ff) return c === 0x438 || c === 0x418 || c === 0x432 || c === 0x412; // и, И, в, В
  return true;
}

/**
 * Turns cells into a typed record for one import kind through a column mapping: each mapped cell
 * is parsed by its field's type, then the kind's rules apply (a sale needs a price or an amount;
 * a return counts negative; a cancelled or unposted document is recognised; foreign currency is
 * refused). Built once per import, then called for every row, so it allocates little: no result
 * object per cell, no problem list for a row without problems.
 */
export function recordReader(
  kind: ImportKind,
  mapping: ColumnMapping,
  headers: readonly string[],
): (cells: readonly string[]) => ReadRow {
  const specs = new Map(importFields[kind].map((f) => [f.key, f]));
  const columns: Column[] = [];
  mapping.forEach((key, index) => {
    const spec = key ? specs.get(key) : undefined;
    if (spec) columns.push({ index, header: headers[index] ?? spec.key, spec });
  });
  const required = importFields[kind].filter((f) => f.required);
  const found = new Problems(new Map(columns.map((c) => [c.spec.key, c.header])));
  // The columns as flat arrays, and the last cell of each and what it read to (see REPEATING).
  const count = columns.length;
  const indexes = columns.map((c) => c.index);
  const keys = columns.map((c) => c.spec.key);
  const types = columns.map((c) => c.spec.type);
  const repeating = columns.map((c) => REPEATING.has(c.spec.type));
  const lastCell: (string | undefined)[] = columns.map(() => undefined);
  const lastValue: (CellValue | Refusal)[] = columns.map(() => null);

  return (cells) => {
    let lead = -1,
      at = -1;
    for (let i = 0; i < cells.length; i++) {
      at = firstKept(cells[i]!);
      if (at >= 0) {
        lead = i;
        break;
      }
    }
    if (lead < 0) return { kind: 'skipped' };
    if (mayBeTotal(cells[lead]!.charCodeAt(at)) && TOTAL.test(cells[lead]!.trim())) return { kind: 'skipped' };

    const record: ImportRecord = {};
    found.list = null;
    for (let k = 0; k < count; k++) {
      const key = keys[k]!;
      const cell = cells[indexes[k]!];
      if (cell === undefined || cell === null) {
        record[key] = null;
        continue;
      }
      let v: CellValue | Refusal;
      if (!repeating[k]) v = cellValue(types[k]!, cell);
      else if (cell === lastCell[k]) v = lastValue[k]!;
      else {
        v = cellValue(types[k]!, cell);
        lastCell[k] = cell;
        lastValue[k] = v;
      }
      if (!refused(v)) record[key] = v;
      else
        found.add(
          key,
          cell.trim(),
          v.reason,
          'code' in v ? v.code : valueProblemCodes[v.reason as ValueProblem],
          'code' in v ? v.params : undefined,
        );
    }
    for (const f of required) {
      const v = record[f.key];
      if (v === null || (v === undefined && !found.has(f.key))) {
        if (kind === 'sales' && f.key === 'documentNumber' && record.documentId) continue;
        if (f.key === 'client' && (record.clientInn || record.clientExternalId)) continue;
        if (kind === 'sales' && f.key === 'documentDate') continue; // may come from the document's title below
        found.add(f.key, '', 'required', valueProblemCodes.required);
      }
    }
    if (kind === 'sales') applySaleRules(record, found);
    if (kind === 'clients') applyClientRules(record, found);
    if (kind === 'interactions' && typeof record.kind === 'string') {
      const known = interactionKinds.find(([re]) => re.test(record.kind as string));
      if (known) record.kind = known[1];
      else found.add('kind', record.kind, 'kind', 'import.rule.kind');
    }
    const problems = found.list;
    return problems ? { kind: 'rejected', problems, record } : { kind: 'record', record };
  };
}

/**
 * The problems of the row being read: one per reader, its list made only when a row has a
 * problem (most have none), and handed out with that row.
 */
class Problems {
  list: RowProblem[] | null = null;
  constructor(private readonly headers: Map<string, string>) {}
  add(field: string, value: string, reason: string, code: MessageCode, params: MessageParams = {}): void {
    (this.list ??= []).push({
      field,
      column: this.headers.get(field) ?? field,
      value: value.length > 100 ? `${value.slice(0, 100)}…` : value,
      reason,
      code,
      params,
    });
  }
  has(field: string): boolean {
    if (this.list) for (const p of this.list) if (p.field === field) return true;
    return false;
  }
}
type Refuse = Problems;

/** What a cell reads to by its field's type: null when blank, else the value or why it is refused. */
function cellValue(type: FieldType, cell: string): CellValue | Refusal {
  const raw = trimmed(cell);
  return raw === '' ? null : readValue(type, raw);
}

function readValue(type: FieldType, raw: string): CellValue | Refusal {
  switch (type) {
    case 'text':
      return raw.length > MAX_TEXT ? tooLong : raw;
    case 'number':
      return decimalOf(raw, 3);
    case 'money':
      return kopecksOf(raw);
    case 'integer':
      return wholeOf(raw);
    case 'date':
      return dayOf(raw);
    case 'boolean':
      return yesNoOf(raw);
    case 'email':
      return emailOf(raw);
    case 'inn':
    case 'kpp':
    case 'ogrn':
    case 'bik': {
      const digits = raw.replace(/[\s\u00a0]/g, '');
      const check =
        type === 'inn'
          ? checkInn(digits)
          : type === 'kpp'
            ? checkKpp(digits)
            : type === 'ogrn'
              ? checkOgrnAny(digits)
              : checkBik(digits);
      return check.ok ? check.value : { ok: false, reason: check.problem, code: check.code, params: check.params };
    }
    case 'account': {
      const digits = raw.replace(/[\s\u00a0]/g, '');
      return /^\d{20}$/.test(digits)
        ? digits
        : { ok: false, reason: 'length', code: 'import.rule.accountLength', params: {} };
    }
  }
}
const tooLong: Refusal = Object.freeze({ ok: false, reason: 'too_long' } as const);

/** The last document title read: the lines of one document repeat it, so it is parsed once per document. */
let lastTitle: { text: string; match: RegExpExecArray | null } = { text: '', match: null };

/** The last document type seen and whether it is a return: the lines of one document repeat it. */
let lastType = '';
let lastTypeIsReturn = false;
function isReturnType(type: string): boolean {
  if (type !== lastType) {
    lastTypeIsReturn = /возврат|return|refund/i.test(type);
    lastType = type;
  }
  return lastTypeIsReturn;
}

function applySaleRules(r: ImportRecord, refuse: Refuse): void {
  // «Реализация товаров и услуг 00-000123 от 20.11.2025» in one cell: number, date and type in one.
  if (typeof r.documentNumber === 'string') {
    if (lastTitle.text !== r.documentNumber)
      lastTitle = { text: r.documentNumber, match: DOCUMENT_TITLE.exec(r.documentNumber) };
    const title = lastTitle.match;
    if (title) {
      r.documentNumber = title[2]!;
      r.documentType ??= title[1]!;
      if (!r.documentDate) {
        const d = dayOf(title[3]!);
        if (!isRefused(d)) r.documentDate = d;
      }
    }
  }
  // undefined: the cell was refused already; null: it was empty and no title gave the date.
  if (r.documentDate === null) refuse.add('documentDate', '', 'required', valueProblemCodes.required);
  if (!r.documentNumber && r.documentId) r.documentNumber = String(r.documentId);
  if (typeof r.currency === 'string' && !RUB.has(r.currency.toLowerCase()))
    refuse.add('currency', r.currency, 'currency', 'import.rule.currency');

  const qty = typeof r.qty === 'string' ? r.qty : null;
  if (qty === null) return;
  const isReturn = typeof r.documentType === 'string' && isReturnType(r.documentType);
  // A return counts negative whichever sign the file gives it.
  const signedQty = isReturn ? (qty.startsWith('-') ? qty : qty === '0' ? qty : `-${qty}`) : qty;
  r.qty = signedQty;
  let price = typeof r.price === 'number' ? Math.abs(r.price) : null;
  let amount = typeof r.amount === 'number' ? (isReturn ? -Math.abs(r.amount) : r.amount) : null;
  if (price === null && amount === null) {
    refuse.add('price', '', 'priceOrAmount', 'import.rule.priceOrAmount');
    return;
  }
  if (amount === null) amount = lineAmount(signedQty, price!);
  if (price === null) {
    if (Number(signedQty) === 0) {
      refuse.add('qty', qty, 'zeroQuantity', 'import.rule.zeroQuantity');
      return;
    }
    price = Math.abs(Math.round(amount / Number(signedQty)));
  }
  r.price = price;
  r.amount = amount;
  if (typeof r.costAmount === 'number') r.costAmount = isReturn ? -Math.abs(r.costAmount) : r.costAmount;
  else if (typeof r.unitCost === 'number') r.costAmount = lineAmount(signedQty, Math.abs(r.unitCost));
  if (typeof r.unitCost !== 'number' && typeof r.costAmount === 'number' && Number(signedQty) !== 0)
    r.unitCost = Math.abs(Math.round(r.costAmount / Number(signedQty)));
  if (typeof r.unitCost === 'number') r.unitCost = Math.abs(r.unitCost);

  // Most files have no status column: no regex then, as neither matches an empty text.
  const status = typeof r.status === 'string' ? r.status.toLowerCase() : '';
  r.status =
    r.deleted === true || (status !== '' && /отмен|аннул|cancel|удал|delet/.test(status))
      ? 'cancelled'
      : r.posted === false || (status !== '' && /чернов|draft|не провед/.test(status))
        ? 'draft'
        : 'completed';
  r.isReturn = isReturn;
}

function applyClientRules(r: ImportRecord, refuse: Refuse): void {
  if (typeof r.bik === 'string') {
    if (typeof r.bankAccount === 'string') {
      const c = checkSettlementAccount(r.bankAccount, r.bik);
      if (!c.ok) refuse.add('bankAccount', r.bankAccount, c.problem, c.code, c.params);
    }
    if (typeof r.corrAccount === 'string') {
      const c = checkCorrespondentAccount(r.corrAccount, r.bik);
      if (!c.ok) refuse.add('corrAccount', r.corrAccount, c.problem, c.code, c.params);
    }
  }
}
