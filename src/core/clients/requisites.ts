// Validators for Russian company requisites (ИНН, КПП, ОГРН, ОГРНИП, БИК, bank accounts).
// Pure string functions with no runtime imports, so the same rules run on the server and in the browser;
// their refusals are message codes (core/messages, `requisite.*`), translated where they are shown.

import type { MessageCode, MessageParams } from '../messages/types.js';

export const requisiteKinds = [
  'inn',
  'kpp',
  'ogrn',
  'ogrnip',
  'bik',
  'settlementAccount',
  'correspondentAccount',
] as const;
export type RequisiteKind = (typeof requisiteKinds)[number];
export type RequisiteProblem = 'empty' | 'chars' | 'length' | 'checksum' | 'suspicious' | 'format' | 'bikRequired';
/** A refusal says why with a message code (core/messages `requisite.*`) and its parameters. */
export type RequisiteCheck =
  { ok: true; value: string } | { ok: false; problem: RequisiteProblem; code: MessageCode; params: MessageParams };

/** The length rules with their own wording; the others say "must have N digits". */
type LengthRule = 'requisite.innLength' | 'requisite.kppLength' | 'requisite.ogrnAnyLength';

const fail = (problem: RequisiteProblem, code: MessageCode, params: MessageParams = {}): RequisiteCheck => ({
  ok: false,
  problem,
  code,
  params,
});

/** Strips the separators people type or paste: spaces (including U+00A0) and hyphens. */
const normalise = (value: string): string => value.replace(/[\s\u00A0-]/g, '');

/**
 * The checks every requisite shares, in order: empty, allowed characters, length, and one repeated
 * digit (a placeholder such as 0000000000 passes some checksums, so it is refused before them).
 */
function basic(kind: RequisiteKind, raw: string, lengths: readonly number[], rule?: LengthRule): RequisiteCheck {
  const value = normalise(raw);
  if (value === '') return fail('empty', `requisite.${kind}.empty`);
  if (kind === 'kpp' ? !/^[0-9A-Z]+$/.test(value) : !/^\d+$/.test(value)) {
    return kind === 'kpp' ? fail('chars', 'requisite.kppChars') : fail('chars', `requisite.${kind}.digitsOnly`);
  }
  if (!lengths.includes(value.length)) {
    return rule
      ? fail('length', rule, { length: value.length })
      : fail('length', `requisite.${kind}.length`, { digits: lengths[0] ?? 0, length: value.length });
  }
  if (/^(\d)\1*$/.test(value)) return fail('suspicious', `requisite.${kind}.suspicious`);
  return { ok: true, value };
}

const checksumFailure = (kind: RequisiteKind): RequisiteCheck => fail('checksum', `requisite.${kind}.checksum`);

const digitAt = (value: string, i: number): number => value.charCodeAt(i) - 48;

/** (Σ digit·weight mod 11) mod 10 over the leading digits — the ИНН control digit. */
function innDigit(value: string, weights: readonly number[]): number {
  let sum = 0;
  weights.forEach((weight, i) => {
    sum += digitAt(value, i) * weight;
  });
  return (sum % 11) % 10;
}

/** The remainder of a long decimal string modulo m, by Horner's rule (no precision loss). */
function remainder(digits: string, m: number): number {
  let r = 0;
  for (let i = 0; i < digits.length; i++) r = (r * 10 + digitAt(digits, i)) % m;
  return r;
}

/**
 * ИНН of a company (10 digits) or of a sole trader / person (12 digits).
 * Rule: control digit = (Σ dᵢ·wᵢ mod 11) mod 10; 10 digits: w = 2,4,10,3,5,9,4,6,8 → 10th digit;
 * 12 digits: w = 7,2,4,10,3,5,9,4,6,8 → 11th digit, then w = 3,7,2,4,10,3,5,9,4,6,8 → 12th digit.
 * Source: ФНС России, Приказ ФНС № ЕД-7-14/559@ (structure of the ИНН).
 */
export function checkInn(value: string): RequisiteCheck {
  const r = basic('inn', value, [10, 12], 'requisite.innLength');
  if (!r.ok) return r;
  const v = r.value;
  const ok =
    v.length === 10
      ? innDigit(v, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === digitAt(v, 9)
      : innDigit(v, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === digitAt(v, 10) &&
        innDigit(v, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === digitAt(v, 11);
  return ok ? r : checksumFailure('inn');
}

/**
 * КПП: 9 characters, ^\d{4}[0-9A-Z]{2}\d{3}$ — tax office code (4 digits), reason code
 * (2 digits or capital Latin letters), serial number (3 digits). It has no check digit.
 * Source: ФНС России, Приказ ФНС № ЕД-7-14/559@ (structure of the КПП).
 */
export function checkKpp(value: string): RequisiteCheck {
  const r = basic('kpp', value, [9], 'requisite.kppLength');
  if (!r.ok) return r;
  if (!/^\d{4}[0-9A-Z]{2}\d{3}$/.test(r.value)) {
    return fail('format', 'requisite.kppFormat');
  }
  return r;
}

function ogrnLike(kind: 'ogrn' | 'ogrnip', r: RequisiteCheck): RequisiteCheck {
  if (!r.ok) return r;
  const body = r.value.slice(0, -1);
  const control = remainder(body, kind === 'ogrn' ? 11 : 13) % 10;
  return control === digitAt(r.value, r.value.length - 1) ? r : checksumFailure(kind);
}

/**
 * ОГРН of a company: 13 digits; the 13th digit = (first 12 digits as a number mod 11) mod 10,
 * i.e. a remainder of 10 gives 0. Source: Приказ Минфина России № 165н, п. 7.
 */
export function checkOgrn(value: string): RequisiteCheck {
  return ogrnLike('ogrn', basic('ogrn', value, [13]));
}

/**
 * ОГРНИП of a sole trader: 15 digits; the 15th digit = (first 14 digits as a number mod 13) mod 10,
 * i.e. remainders 10, 11, 12 give 0, 1, 2. Modulus 13, not 11. Source: Приказ Минфина России № 165н, п. 7.
 */
export function checkOgrnip(value: string): RequisiteCheck {
  return ogrnLike('ogrnip', basic('ogrnip', value, [15]));
}

/**
 * ОГРН or ОГРНИП, chosen by length: 13 digits → ОГРН (mod 11), 15 digits → ОГРНИП (mod 13).
 * Source: Приказ Минфина России № 165н, п. 7.
 */
export function checkOgrnAny(value: string): RequisiteCheck {
  const r = basic('ogrn', value, [13, 15], 'requisite.ogrnAnyLength');
  if (!r.ok) return r;
  return r.value.length === 13 ? ogrnLike('ogrn', r) : ogrnLike('ogrnip', r);
}

/**
 * БИК: 9 digits, the first being 0, 1 or 2. Format only — a БИК has no check digit, and whether it
 * exists is a question for the Bank of Russia directory. Source: Положение Банка России № 732-П, прил. 5.
 */
export function checkBik(value: string): RequisiteCheck {
  const r = basic('bik', value, [9]);
  if (!r.ok) return r;
  if (!/^[012]/.test(r.value)) {
    return fail('format', 'requisite.bikStart', { first: r.value[0] ?? '' });
  }
  return r;
}

const ACCOUNT_WEIGHTS = [7, 1, 3] as const;

function accountKey(kind: 'settlementAccount' | 'correspondentAccount', account: string, bik: string): RequisiteCheck {
  const r = basic(kind, account, [20]);
  if (!r.ok) return r;
  const b = checkBik(bik);
  if (!b.ok) {
    return fail('bikRequired', `requisite.${kind}.bikRequired`);
  }
  const rkc = b.value.slice(6, 8) === '00';
  const prefix = kind === 'settlementAccount' && !rkc ? b.value.slice(6) : `0${b.value.slice(4, 6)}`;
  const digits = prefix + r.value;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digitAt(digits, i) * ACCOUNT_WEIGHTS[i % 3]!;
  if (sum % 10 === 0) return r;
  return fail('checksum', `requisite.${kind}.accountKey`, { bik: b.value });
}

/**
 * Settlement (расчётный) account: 20 digits checked with the bank's БИК. Key: prefix the account with the
 * last 3 digits of the БИК (for a РКЦ, whose БИК digits 7–8 are "00": "0" + БИК digits 5–6), multiply the
 * 23 digits by weights 7,1,3 repeated, and the sum must be divisible by 10. An invalid or missing БИК
 * gives 'bikRequired'. Source: Банк России, «Порядок расчёта контрольного ключа в номере лицевого счёта»
 * № 515 от 08.09.1997.
 */
export function checkSettlementAccount(account: string, bik: string): RequisiteCheck {
  return accountKey('settlementAccount', account, bik);
}

/**
 * Correspondent (корреспондентский) account: 20 digits checked with the bank's БИК. Key: prefix the
 * account with "0" + БИК digits 5–6, multiply the 23 digits by weights 7,1,3 repeated, and the sum must
 * be divisible by 10. An invalid or missing БИК gives 'bikRequired'. Source: Банк России, «Порядок
 * расчёта контрольного ключа в номере лицевого счёта» № 515 от 08.09.1997.
 */
export function checkCorrespondentAccount(account: string, bik: string): RequisiteCheck {
  return accountKey('correspondentAccount', account, bik);
}

/**
 * Who a valid ИНН belongs to: 10 digits → 'legal' (a company), 12 digits → 'individual'
 * (a sole trader or a person); null when the ИНН is invalid. Source: Приказ ФНС № ЕД-7-14/559@.
 */
export function innKind(inn: string): 'legal' | 'individual' | null {
  const r = checkInn(inn);
  if (!r.ok) return null;
  return r.value.length === 10 ? 'legal' : 'individual';
}

/**
 * Whether a КПП is expected alongside this ИНН: true for a valid 10-digit ИНН (companies have a КПП,
 * sole traders and persons do not). Source: Приказ ФНС № ЕД-7-14/559@.
 */
export function kppExpectedFor(inn: string): boolean {
  return innKind(inn) === 'legal';
}
