import { fieldProblem, type FieldProblem } from '../errors.js';
import { addDays } from '../calendar/congratulations.js';
import { contactPersonalFields } from '../vocabulary.js';

/**
 * How a person's consent to the processing of their personal data was given (152-ФЗ ст. 9):
 * - written: a separate paper document they signed;
 * - electronic: a separate electronic document (a signed scan, an e-mail, a web form with confirmation);
 * - oral: said in a conversation and noted by the manager;
 * - contract: a clause of a contract or an offer.
 * Since 01.09.2025 (Федеральный закон от 24.06.2025 № 156-ФЗ) consent must be a separate document, so
 * `oral` and `contract` are accepted only for consents given before that day (recorded from old files).
 */
export const consentForms = ['written', 'electronic', 'oral', 'contract'] as const;
export type ConsentForm = (typeof consentForms)[number];

/** Forms that are a separate document, the only ones valid from `separateDocumentSince`. */
export const separateDocumentForms: readonly ConsentForm[] = ['written', 'electronic'];
export const separateDocumentSince = '2025-09-01';

/**
 * A person's consent status on a day:
 * - none: no consent was ever recorded;
 * - given: a consent is in force (given, not withdrawn, not past its term);
 * - withdrawn / expired: none is in force and the latest one was withdrawn / ran out.
 */
export const consentStatuses = ['none', 'given', 'withdrawn', 'expired'] as const;
export type ConsentStatus = (typeof consentStatuses)[number];

/** Days the operator has to stop processing and destroy the data after consent ends (152-ФЗ ст. 21 ч. 4–5). */
export const destroyWithinDays = 30;

export type ConsentFacts = { id: number; givenOn: string; validUntil: string | null; withdrawnOn: string | null };

/** One consent on `today` (ISO dates compare as text): withdrawn from its withdrawal day, expired after its last valid day. */
export function consentState(c: ConsentFacts, today: string): Exclude<ConsentStatus, 'none'> {
  if (c.withdrawnOn !== null && c.withdrawnOn <= today) return 'withdrawn';
  if (c.validUntil !== null && c.validUntil < today) return 'expired';
  return 'given';
}

export type ConsentSummaryFacts = {
  status: ConsentStatus;
  /** The consent the status rests on: the one in force that lasts longest, else the latest given. */
  consentId: number | null;
  validUntil: string | null;
  withdrawnOn: string | null;
  /** Withdrawn or expired: the last day to destroy the personal data (end + 30 days), unless another legal basis remains. */
  destroyBy: string | null;
};

/**
 * The status of a person from all their consents: given when any is in force (the one lasting longest is
 * shown; no end date lasts longest), otherwise that of the latest consent by the day it was given
 * (ties: the later recorded). Withdrawn or expired consents get `destroyBy` = the day consent ended
 * (withdrawal day, or the day after the last valid day) + 30 days (152-ФЗ ст. 21 ч. 4–5).
 */
export function consentSummary(consents: readonly ConsentFacts[], today: string): ConsentSummaryFacts {
  if (consents.length === 0)
    return { status: 'none', consentId: null, validUntil: null, withdrawnOn: null, destroyBy: null };
  const inForce = consents.filter((c) => consentState(c, today) === 'given');
  if (inForce.length > 0) {
    const longest = [...inForce]
      .sort(
        (a, b) =>
          (a.validUntil === null ? 1 : 0) - (b.validUntil === null ? 1 : 0) ||
          (a.validUntil ?? '').localeCompare(b.validUntil ?? '') ||
          a.id - b.id,
      )
      .at(-1)!;
    return {
      status: 'given',
      consentId: longest.id,
      validUntil: longest.validUntil,
      withdrawnOn: null,
      destroyBy: null,
    };
  }
  const latest = [...consents].sort((a, b) => a.givenOn.localeCompare(b.givenOn) || a.id - b.id).at(-1)!;
  const status = consentState(latest, today);
  const ended = status === 'withdrawn' ? latest.withdrawnOn! : addDays(latest.validUntil!, 1);
  return {
    status,
    consentId: latest.id,
    validUntil: latest.validUntil,
    withdrawnOn: latest.withdrawnOn,
    destroyBy: addDays(ended, destroyWithinDays),
  };
}

/**
 * The latest calendar day anywhere on Earth (UTC+14) at `now`: a date "not in the future" is checked
 * against it, so a consent signed this morning in Vladivostok is not refused by a server on UTC.
 */
export function latestToday(now = new Date()): string {
  return new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
}

export type ConsentInput = {
  purpose?: string | undefined;
  form?: string | undefined;
  givenOn?: string | undefined;
  validUntil?: string | null | undefined;
  withdrawnOn?: string | null | undefined;
};

/**
 * The rules of a consent beyond its types: a purpose that says something, a form from the list (and a
 * separate document from 01.09.2025), given not after today, valid until a day after it was given,
 * withdrawn not before it was given and not after today.
 */
export function consentProblems(c: ConsentInput, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (c.purpose !== undefined && c.purpose.trim().length < 3) {
    out.push(fieldProblem('purpose', 'required', 'consent.purpose'));
  }
  if (c.form !== undefined && !(consentForms as readonly string[]).includes(c.form)) {
    out.push(fieldProblem('form', 'oneOf', 'consent.form', { forms: consentForms.join(', ') }));
  } else if (
    c.form !== undefined &&
    c.givenOn !== undefined &&
    c.givenOn >= separateDocumentSince &&
    !separateDocumentForms.includes(c.form as ConsentForm)
  ) {
    out.push(fieldProblem('form', 'separateDocument', 'consent.separateDocument'));
  }
  if (c.givenOn !== undefined && c.givenOn > today) out.push(fieldProblem('givenOn', 'future', 'field.future'));
  if (c.givenOn !== undefined && c.validUntil != null && c.validUntil <= c.givenOn) {
    out.push(fieldProblem('validUntil', 'beforeGiven', 'consent.validUntil'));
  }
  if (c.withdrawnOn != null) {
    if (c.withdrawnOn > today) out.push(fieldProblem('withdrawnOn', 'future', 'field.future'));
    else if (c.givenOn !== undefined && c.withdrawnOn < c.givenOn)
      out.push(fieldProblem('withdrawnOn', 'beforeGiven', 'consent.withdrawnBeforeGiven'));
  }
  return out;
}

export type ContactPersonalField = (typeof contactPersonalFields)[number];
const listFields: ReadonlySet<string> = new Set(['phones', 'emails', 'hobbies']);

/**
 * The empty value of each personal field of a contact (vocabulary.ts#contactPersonalFields): what an
 * analyst sees and what erasure writes. Lists become empty lists, the rest null.
 */
export function emptyPersonalFields(): Record<ContactPersonalField, string[] | null> {
  return Object.fromEntries(contactPersonalFields.map((f) => [f, listFields.has(f) ? [] : null])) as Record<
    ContactPersonalField,
    string[] | null
  >;
}
