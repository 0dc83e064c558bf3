import type {
  ClientConsentStatusesT,
  ConsentCreateT,
  ConsentT,
  ConsentUpdateT,
  ContactConsentsT,
} from '../../contract/privacy.js';
import { DomainError, invalidInput, notFound } from '../../core/errors.js';
import { consentProblems, consentState, consentSummary, latestToday } from '../../core/privacy/consent.js';
import type { Database } from '../../db/database.js';
import {
  consentById,
  consentsOf,
  contactsOfClient,
  insertConsent,
  personOf,
  withdrawConsent,
  type ConsentRow,
  type PersonRow,
} from '../../db/queries/privacy/consents.js';
import { assertClientInScope, assertRecordInScope } from '../access/scope.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { audit } from '../audit/record.js';
import { isoTimestamp } from '../convert.js';
import { assertMaySeePersonalData } from './masking.js';

/** The day consents are judged on: today in UTC (a consent's last valid day counts whole). */
export const utcToday = (): string => new Date().toISOString().slice(0, 10);

const toApi = (r: ConsentRow, today: string): ConsentT => ({
  id: Number(r.id),
  contactId: Number(r.contact_id),
  purpose: r.purpose,
  form: r.form,
  givenOn: r.given_on,
  validUntil: r.valid_until,
  withdrawnOn: r.withdrawn_on,
  notes: r.notes,
  recordedBy: r.recorded_by === null ? null : Number(r.recorded_by),
  recordedByName: r.recorded_by_name,
  createdAt: isoTimestamp(r.created_at),
  status: consentState(
    { id: Number(r.id), givenOn: r.given_on, validUntil: r.valid_until, withdrawnOn: r.withdrawn_on },
    today,
  ),
});

const summaryOf = (items: ConsentT[], today: string) => consentSummary(items, today);

/** The contact in the actor's organisation and client scope (404 otherwise, like another tenant's). */
export async function requirePerson(
  db: Database,
  actor: Actor,
  contactId: number,
  forUpdate = false,
): Promise<PersonRow> {
  const person = await personOf(db, actor.orgId, contactId, actor.userId, forUpdate);
  if (!person) throw notFound('contact', contactId);
  await assertRecordInScope(db, actor, Number(person.client_id), 'contact', contactId);
  return person;
}

async function consentsState(db: Database, actor: Actor, person: PersonRow, today: string): Promise<ContactConsentsT> {
  const items = (await consentsOf(db, actor.orgId, [Number(person.id)])).map((r) => toApi(r, today));
  return { contactId: Number(person.id), ...summaryOf(items, today), erasedAt: isoTimestamp(person.erased_at), items };
}

/**
 * A person's consents to the processing of their personal data (152-ФЗ ст. 9), oldest first, with the
 * status today (none / given / withdrawn / expired, core/privacy/consent.ts#consentSummary) and, once
 * consent ended, the day the data must be destroyed by. Roles that may not see personal data: 403.
 */
export async function listConsents(
  db: Database,
  actor: Actor,
  contactId: number,
  today = utcToday(),
): Promise<ContactConsentsT> {
  assertMaySeePersonalData(actor);
  return consentsState(db, actor, await requirePerson(db, actor, contactId), today);
}

const trimmedOrNull = (s: string | null | undefined) => (s == null ? null : s.trim() || null);

/**
 * Records a consent as the person gave it: purpose, form (a separate document from 01.09.2025), the day
 * it was given (not after today) and the last day it is valid (after that; empty = until withdrawn).
 * Answers the person's consents as they now stand. Nothing is recorded for an erased person (409).
 */
export async function recordConsent(
  db: Database,
  actor: Actor,
  contactId: number,
  input: ConsentCreateT,
  today = utcToday(),
): Promise<ContactConsentsT> {
  assertCanWrite(actor);
  const problems = consentProblems(
    { purpose: input.purpose, form: input.form, givenOn: input.givenOn, validUntil: input.validUntil ?? null },
    latestToday(),
  );
  if (problems.length) throw invalidInput(problems);
  return db.engine.transaction(async () => {
    const person = await requirePerson(db, actor, contactId, true);
    if (person.erased_at) throw new DomainError('conflict', 'privacy.erasedNoConsent');
    const values = {
      contactId,
      purpose: input.purpose.trim(),
      form: input.form,
      givenOn: input.givenOn,
      validUntil: input.validUntil ?? null,
      notes: trimmedOrNull(input.notes),
      recordedBy: actor.userId,
    };
    const id = await insertConsent(db, actor.orgId, values);
    await audit(db, actor, {
      action: 'create',
      entity: 'consent',
      entityId: id,
      clientId: Number(person.client_id),
      after: { ...values, recordedBy: undefined },
    });
    return consentsState(db, actor, person, today);
  });
}

/**
 * Withdrawal of a consent (152-ФЗ ст. 9 ч. 2): the day the person withdrew it, not before it was given
 * and not after today. Withdrawing again on the same day changes nothing; on another day is a conflict
 * (the first withdrawal stands). Answers the person's consents as they now stand.
 */
export async function updateConsent(
  db: Database,
  actor: Actor,
  consentId: number,
  input: ConsentUpdateT,
  today = utcToday(),
): Promise<ContactConsentsT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    const consent = await consentById(db, actor.orgId, consentId, true);
    if (!consent) throw notFound('consent', consentId);
    const person = await requirePerson(db, actor, Number(consent.contact_id));
    if (consent.withdrawn_on !== null && consent.withdrawn_on !== input.withdrawnOn) {
      throw new DomainError('conflict', 'privacy.consentWithdrawn', { withdrawnOn: consent.withdrawn_on });
    }
    const problems = consentProblems({ givenOn: consent.given_on, withdrawnOn: input.withdrawnOn }, latestToday());
    if (problems.length) throw invalidInput(problems);
    const notes = input.notes === undefined ? undefined : trimmedOrNull(input.notes);
    await withdrawConsent(db, actor.orgId, consentId, input.withdrawnOn, notes);
    await audit(db, actor, {
      action: 'update',
      entity: 'consent',
      entityId: consentId,
      clientId: Number(person.client_id),
      before: {
        contactId: Number(consent.contact_id),
        withdrawnOn: consent.withdrawn_on,
        ...(notes !== undefined ? { notes: consent.notes } : {}),
      },
      after: {
        contactId: Number(consent.contact_id),
        withdrawnOn: input.withdrawnOn,
        ...(notes !== undefined ? { notes } : {}),
      },
    });
    return consentsState(db, actor, person, today);
  });
}

/** The consent status of each person of a client (erased ones marked), for the card's contacts. */
export async function clientConsentStatuses(
  db: Database,
  actor: Actor,
  clientId: number,
  today = utcToday(),
): Promise<ClientConsentStatusesT> {
  assertMaySeePersonalData(actor);
  await assertClientInScope(db, actor, clientId);
  const people = await contactsOfClient(db, actor.orgId, clientId);
  const consents = (
    await consentsOf(
      db,
      actor.orgId,
      people.map((p) => Number(p.id)),
    )
  ).map((r) => toApi(r, today));
  return people.map((p) => ({
    contactId: Number(p.id),
    ...summaryOf(
      consents.filter((c) => c.contactId === Number(p.id)),
      today,
    ),
    erasedAt: isoTimestamp(p.erased_at),
  }));
}
