// Validators for Russian company requisites (ИНН, КПП, ОГРН, ОГРНИП, БИК, bank accounts).
// Pure string functions with no imports, so the same rules run on the server and in the browser.

export type RequisiteKind = 'inn' | 'kpp' | 'ogrn' | 'ogrnip' | 'bik' | 'settlementAccount' | 'correspondentAccount';
export type RequisiteProblem = 'empty' | 'chars' | 'length' | 'checksum' | 'suspicious' | 'format' | 'bikRequired';
export type RequisiteCheck =
  { ok: true; value: string } | { ok: false; problem: RequisiteProblem; message: { ru: string; en: string } };

type Wording = { ru: string; ruOf: string; en: string }; // ru: nominative; ruOf: genitive; en: without article
type LengthRule = { ru: string; en: string }; // continued with «, а в этом — N.» / "; this one has N."

const WORDING: Record<RequisiteKind, Wording> = {
  inn: { ru: 'ИНН', ruOf: 'ИНН', en: 'ИНН' },
  kpp: { ru: 'КПП', ruOf: 'КПП', en: 'КПП' },
  ogrn: { ru: 'ОГРН', ruOf: 'ОГРН', en: 'ОГРН' },
  ogrnip: { ru: 'ОГРНИП', ruOf: 'ОГРНИП', en: 'ОГРНИП' },
  bik: { ru: 'БИК', ruOf: 'БИК', en: 'БИК' },
  settlementAccount: { ru: 'Расчётный счёт', ruOf: 'расчётного счёта', en: 'settlement account' },
  correspondentAccount: { ru: 'Корреспондентский счёт', ruOf: 'корреспондентского счёта', en: 'correspondent account' },
};

const INN_LENGTH: LengthRule = {
  ru: 'ИНН должен состоять из 10 цифр (организация) или 12 цифр (ИП или физическое лицо)',
  en: 'ИНН must have 10 digits (a company) or 12 digits (a sole trader or a person)',
};
const KPP_LENGTH: LengthRule = { ru: 'КПП должен состоять из 9 знаков', en: 'КПП must have 9 characters' };
const OGRN_ANY_LENGTH: LengthRule = {
  ru: 'ОГРН должен состоять из 13 цифр (организация) или 15 цифр (ОГРНИП индивидуального предпринимателя)',
  en: 'ОГРН must have 13 digits (a company) or 15 digits (ОГРНИП of a sole trader)',
};

const fail = (problem: RequisiteProblem, ru: string, en: string): RequisiteCheck => ({
  ok: false,
  problem,
  message: { ru, en },
});

/** «Расчётный счёт» → «расчётный счёт» in mid-sentence; abbreviations such as ИНН stay as they are. */
const inSentence = (text: string): string =>
  /^\p{Lu}{2}/u.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);

/** Strips the separators people type or paste: spaces (including U+00A0) and hyphens. */
const normalise = (value: string): string => value.replace(/[\s\u00A0-]/g, '');

/**
 * The checks every requisite shares, in order: empty, allowed characters, length, and one repeated
 * digit (a placeholder such as 0000000000 passes some checksums, so it is refused before them).
 */
function basic(kind: RequisiteKind, raw: string, lengths: readonly number[], rule?: LengthRule): RequisiteCheck {
  const w = WORDING[kind];
  const value = normalise(raw);
  if (value === '')
    return fail('empty', `${w.ru} не указан — заполните поле.`, `The ${w.en} is not filled in — please enter it.`);
  if (kind === 'kpp' ? !/^[0-9A-Z]+$/.test(value) : !/^\d+$/.test(value)) {
    return kind === 'kpp'
      ? fail(
          'chars',
          'КПП может содержать только цифры, а на 5-м и 6-м местах — ещё и заглавные латинские буквы.',
          'Only digits are allowed in the КПП, plus capital Latin letters in positions 5 and 6.',
        )
      : fail(
          'chars',
          `${w.ru} может содержать только цифры — уберите буквы и другие символы.`,
          `Only digits are allowed in the ${w.en} — remove letters and other symbols.`,
        );
  }
  if (!lengths.includes(value.length)) {
    const { ru, en } = rule ?? {
      ru: `${w.ru} должен состоять из ${lengths[0]} цифр`,
      en: `The ${w.en} must have ${lengths[0]} digits`,
    };
    return fail('length', `${ru}, а в этом — ${value.length}.`, `${en}; this one has ${value.length}.`);
  }
  if (/^(\d)\1*$/.test(value)) {
    return fail(
      'suspicious',
      `${w.ru} состоит из одной повторяющейся цифры — это похоже на заглушку, а не на настоящий номер. Укажите настоящий ${inSentence(w.ru)}.`,
      `This ${w.en} is one digit repeated — it looks like a placeholder, not a real number. Please enter the real one.`,
    );
  }
  return { ok: true, value };
}

const checksumFailure = (kind: RequisiteKind): RequisiteCheck =>
  fail(
    'checksum',
    `Контрольная цифра ${WORDING[kind].ruOf} не сходится с остальными — скорее всего, это опечатка. Сверьте номер с документом.`,
    `The check digit of this ${WORDING[kind].en} does not match the other digits — probably a typo. Please compare it with the document.`,
  );

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
  const r = basic('inn', value, [10, 12], INN_LENGTH);
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
  const r = basic('kpp', value, [9], KPP_LENGTH);
  if (!r.ok) return r;
  if (!/^\d{4}[0-9A-Z]{2}\d{3}$/.test(r.value)) {
    return fail(
      'format',
      'КПП состоит из 4 цифр, затем 2 цифр или заглавных латинских букв и ещё 3 цифр.',
      'КПП must be 4 digits, then 2 digits or capital Latin letters, then 3 digits.',
    );
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
  const r = basic('ogrn', value, [13, 15], OGRN_ANY_LENGTH);
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
    return fail(
      'format',
      `БИК должен начинаться с 0, 1 или 2, а этот начинается с ${r.value[0]}.`,
      `БИК must start with 0, 1 or 2; this one starts with ${r.value[0]}.`,
    );
  }
  return r;
}

const ACCOUNT_WEIGHTS = [7, 1, 3] as const;

function accountKey(kind: 'settlementAccount' | 'correspondentAccount', account: string, bik: string): RequisiteCheck {
  const r = basic(kind, account, [20]);
  if (!r.ok) return r;
  const b = checkBik(bik);
  if (!b.ok) {
    return fail(
      'bikRequired',
      `Чтобы проверить ${inSentence(WORDING[kind].ru)}, сначала укажите правильный БИК банка.`,
      `To check the ${WORDING[kind].en}, first enter a valid БИК of the bank.`,
    );
  }
  const rkc = b.value.slice(6, 8) === '00';
  const prefix = kind === 'settlementAccount' && !rkc ? b.value.slice(6) : `0${b.value.slice(4, 6)}`;
  const digits = prefix + r.value;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digitAt(digits, i) * ACCOUNT_WEIGHTS[i % 3]!;
  if (sum % 10 === 0) return r;
  return fail(
    'checksum',
    `Контрольный ключ ${WORDING[kind].ruOf} не сходится с БИК ${b.value} — скорее всего, опечатка в номере счёта или в БИК.`,
    `The check digit of this ${WORDING[kind].en} does not match БИК ${b.value} — probably a typo in the account number or in the БИК.`,
  );
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
