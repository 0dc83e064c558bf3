import { checkBik, checkCorrespondentAccount, checkInn, checkKpp, checkOgrnAny, checkSettlementAccount } from '../clients/requisites.js';
import { lineAmount } from '../money/money.js';
import { importFields, type ColumnMapping, type FieldSpec, type ImportKind } from './fields.js';
import { parseDay, parseDecimal, parseEmail, parseKopecks, parseWhole, parseYesNo, valueProblemMessages, type ValueProblem } from './values.js';

export type CellValue = string | number | boolean | null;
export type ImportRecord = Record<string, CellValue>;

/** Why one cell of one row was refused: the column as the file names it, and a message in both languages. */
export type RowProblem = { field: string; column: string; value: string; reason: string; message: { ru: string; en: string } };

export type ReadRow =
  | { kind: 'record'; record: ImportRecord }
  /** The record as far as it could be read, so the caller can still tell its document or client. */
  | { kind: 'rejected'; problems: RowProblem[]; record: ImportRecord }
  /** A blank row, or a total line («Итого», «Всего») that reports carry: not data. */
  | { kind: 'skipped' };

const MAX_TEXT = 1000;
const RUB = new Set(['rub', 'rur', 'руб', 'руб.', 'рубль', 'рублей', '643', '810', '₽', 'р', 'р.']);
const TOTAL = /^(итого|всего|total|grand total)(?!\p{L})/iu;

const ruleMessages = {
  priceOrAmount: { ru: 'нужна цена или сумма строки', en: 'a price or a line amount is needed' },
  zeroQuantity: { ru: 'количество равно нулю: цену по сумме не вычислить', en: 'the quantity is zero, so no price can be derived from the amount' },
  currency: { ru: 'документы в иностранной валюте не импортируются: пересчитайте в рубли', en: 'documents in foreign currency are not imported: convert them to roubles first' },
  clientKey: { ru: 'нужен клиент: наименование, ИНН или код', en: 'a client is needed: a name, an ИНН or a code' },
  kind: { ru: 'неизвестный вид взаимодействия (звонок, встреча, визит, письмо, приём, подарок, поздравление, обучение)', en: 'unknown interaction kind (call, meeting, visit, email, reception, gift, congratulation, training)' },
};

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

function hasProblem(problems: RowProblem[], field: string): boolean {
  for (const p of problems) if (p.field === field) return true;
  return false;
}

/**
 * Turns cells into a typed record for one import kind through a column mapping: each mapped cell
 * is parsed by its field's type, then the kind's rules apply (a sale needs a price or an amount;
 * a return counts negative; a cancelled or unposted document is recognised; foreign currency is
 * refused). Built once per import, then called for every row, so it allocates little.
 */
export function recordReader(kind: ImportKind, mapping: ColumnMapping, headers: readonly string[]): (cells: readonly string[]) => ReadRow {
  const specs = new Map(importFields[kind].map((f) => [f.key, f]));
  const columns: Column[] = [];
  mapping.forEach((key, index) => {
    const spec = key ? specs.get(key) : undefined;
    if (spec) columns.push({ index, header: headers[index] ?? spec.key, spec });
  });
  const required = importFields[kind].filter((f) => f.required);
  const headers_ = new Map(columns.map((c) => [c.spec.key, c.header]));

  return (cells) => {
    let firstText = '';
    for (const c of cells) { const t = c.trim(); if (t !== '') { firstText = t; break; } }
    if (firstText === '' || TOTAL.test(firstText)) return { kind: 'skipped' };

    const record: ImportRecord = {};
    const found = new Problems(headers_);
    const problems = found.list;
    const refuse = found;
    for (const { index, spec } of columns) {
      const raw = (cells[index] ?? '').trim();
      if (raw === '') { record[spec.key] = null; continue; }
      const v = readValue(spec, raw);
      if (v.ok) record[spec.key] = v.value;
      else refuse.add(spec.key, raw, v.reason, 'message' in v ? v.message : valueProblemMessages[v.reason as ValueProblem]);
    }
    for (const f of required) {
      if (record[f.key] === null || (record[f.key] === undefined && !hasProblem(problems, f.key))) {
        if (kind === 'sales' && f.key === 'documentNumber' && record.documentId) continue;
        if (f.key === 'client' && (record.clientInn || record.clientExternalId)) continue;
        if (kind === 'sales' && f.key === 'documentDate') continue; // may come from the document's title below
        refuse.add(f.key, '', 'required', valueProblemMessages.required);
      }
    }
    if (kind === 'sales') applySaleRules(record, refuse);
    if (kind === 'clients') applyClientRules(record, refuse);
    if (kind === 'interactions' && typeof record.kind === 'string') {
      const found = interactionKinds.find(([re]) => re.test(record.kind as string));
      if (found) record.kind = found[1];
      else refuse.add('kind', record.kind, 'kind', ruleMessages.kind);
    }
    return problems.length ? { kind: 'rejected', problems, record } : { kind: 'record', record };
  };
}

/** The problems of one row; a class rather than a closure per row, since a file has millions of rows. */
class Problems {
  readonly list: RowProblem[] = [];
  constructor(private readonly headers: Map<string, string>) {}
  add(field: string, value: string, reason: string, message: { ru: string; en: string }): void {
    this.list.push({ field, column: this.headers.get(field) ?? field, value: value.length > 100 ? `${value.slice(0, 100)}…` : value, reason, message });
  }
}
type Refuse = Problems;

function readValue(spec: FieldSpec, raw: string): { ok: true; value: CellValue } | { ok: false; reason: string; message: { ru: string; en: string } } | { ok: false; reason: ValueProblem } {
  switch (spec.type) {
    case 'text':
      return raw.length > MAX_TEXT ? { ok: false, reason: 'too_long' } : { ok: true, value: raw };
    case 'number': return parseDecimal(raw, 3);
    case 'money': return parseKopecks(raw);
    case 'integer': return parseWhole(raw);
    case 'date': return parseDay(raw);
    case 'boolean': return parseYesNo(raw);
    case 'email': return parseEmail(raw);
    case 'inn': case 'kpp': case 'ogrn': case 'bik': {
      const digits = raw.replace(/[\s\u00a0]/g, '');
      const check = spec.type === 'inn' ? checkInn(digits) : spec.type === 'kpp' ? checkKpp(digits) : spec.type === 'ogrn' ? checkOgrnAny(digits) : checkBik(digits);
      return check.ok ? { ok: true, value: check.value } : { ok: false, reason: check.problem, message: check.message };
    }
    case 'account': {
      const digits = raw.replace(/[\s\u00a0]/g, '');
      return /^\d{20}$/.test(digits) ? { ok: true, value: digits } : { ok: false, reason: 'length', message: { ru: 'номер счёта должен состоять из 20 цифр', en: 'an account number has 20 digits' } };
    }
  }
}

/** The last document title read: the lines of one document repeat it, so it is parsed once per document. */
let lastTitle: { text: string; match: RegExpExecArray | null } = { text: '', match: null };

function applySaleRules(r: ImportRecord, refuse: Refuse): void {
  // «Реализация товаров и услуг 00-000123 от 20.11.2025» in one cell: number, date and type in one.
  if (typeof r.documentNumber === 'string') {
    if (lastTitle.text !== r.documentNumber) lastTitle = { text: r.documentNumber, match: DOCUMENT_TITLE.exec(r.documentNumber) };
    const title = lastTitle.match;
    if (title) {
      r.documentNumber = title[2]!;
      r.documentType ??= title[1]!;
      if (!r.documentDate) { const d = parseDay(title[3]!); if (d.ok) r.documentDate = d.value; }
    }
  }
  // undefined: the cell was refused already; null: it was empty and no title gave the date.
  if (r.documentDate === null) refuse.add('documentDate', '', 'required', valueProblemMessages.required);
  if (!r.documentNumber && r.documentId) r.documentNumber = String(r.documentId);
  if (typeof r.currency === 'string' && !RUB.has(r.currency.toLowerCase())) refuse.add('currency', r.currency, 'currency', ruleMessages.currency);

  const qty = typeof r.qty === 'string' ? r.qty : null;
  if (qty === null) return;
  const isReturn = typeof r.documentType === 'string' && /возврат|return|refund/i.test(r.documentType);
  // A return counts negative whichever sign the file gives it.
  const signedQty = isReturn ? (qty.startsWith('-') ? qty : qty === '0' ? qty : `-${qty}`) : qty;
  r.qty = signedQty;
  let price = typeof r.price === 'number' ? Math.abs(r.price) : null;
  let amount = typeof r.amount === 'number' ? (isReturn ? -Math.abs(r.amount) : r.amount) : null;
  if (price === null && amount === null) { refuse.add('price', '', 'priceOrAmount', ruleMessages.priceOrAmount); return; }
  if (amount === null) amount = lineAmount(signedQty, price!);
  if (price === null) {
    if (Number(signedQty) === 0) { refuse.add('qty', qty, 'zeroQuantity', ruleMessages.zeroQuantity); return; }
    price = Math.abs(Math.round(amount / Number(signedQty)));
  }
  r.price = price;
  r.amount = amount;
  if (typeof r.costAmount === 'number') r.costAmount = isReturn ? -Math.abs(r.costAmount) : r.costAmount;
  else if (typeof r.unitCost === 'number') r.costAmount = lineAmount(signedQty, Math.abs(r.unitCost));
  if (typeof r.unitCost !== 'number' && typeof r.costAmount === 'number' && Number(signedQty) !== 0) r.unitCost = Math.abs(Math.round(r.costAmount / Number(signedQty)));
  if (typeof r.unitCost === 'number') r.unitCost = Math.abs(r.unitCost);

  const status = typeof r.status === 'string' ? r.status.toLowerCase() : '';
  r.status = r.deleted === true || /отмен|аннул|cancel|удал|delet/.test(status) ? 'cancelled'
    : r.posted === false || /чернов|draft|не провед/.test(status) ? 'draft'
      : 'completed';
  r.isReturn = isReturn;
}

function applyClientRules(r: ImportRecord, refuse: Refuse): void {
  if (typeof r.bik === 'string') {
    if (typeof r.bankAccount === 'string') {
      const c = checkSettlementAccount(r.bankAccount, r.bik);
      if (!c.ok) refuse.add('bankAccount', r.bankAccount, c.problem, c.message);
    }
    if (typeof r.corrAccount === 'string') {
      const c = checkCorrespondentAccount(r.corrAccount, r.bik);
      if (!c.ok) refuse.add('corrAccount', r.corrAccount, c.problem, c.message);
    }
  }
}
