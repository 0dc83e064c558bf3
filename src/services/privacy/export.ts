import type { ContactT } from '../../contract/clients.js';
import type { FamilyMemberT, UsefulDateT } from '../../contract/people.js';
import type { PersonalDataExportT } from '../../contract/privacy.js';
import { recordLabels } from '../../contract/record-labels.js';
import { can } from '../../core/access/permissions.js';
import { DomainError } from '../../core/errors.js';
import { isMessageCode, translateCode, type Lang } from '../../core/messages/index.js';
import { formatMoney } from '../../core/money/money.js';
import { taskNotesIn, taskTitleIn } from '../../core/calendar/texts.js';
import type { Database } from '../../db/database.js';
import {
  auditOfPerson,
  claimsOfPerson,
  interactionsOfPerson,
  linksOfPerson,
  organisationName,
  surveyLinksOfPerson,
  surveysOfPerson,
  tasksOfPerson,
} from '../../db/queries/privacy/personal-data.js';
import type { Actor } from '../actor.js';
import { audit } from '../audit/record.js';
import { contactService } from '../clients/contacts.js';
import { isoTimestamp } from '../convert.js';
import type { Sheet } from '../../files/spreadsheet.js';
import { familyMemberService } from '../people/family.js';
import { usefulDateService } from '../people/useful-dates.js';
import { listConsents, requirePerson, utcToday } from './consents.js';

/**
 * Who may take everything held on a person out of the system (152-ФЗ ст. 14: the answer to the
 * person's request): the owner and the head of sales for any contact, a manager for the contacts of
 * the clients they own. Analysts and read-only users may not (403); a client outside a manager's
 * scope, or another organisation's contact, is missing (404).
 */
function assertMayExport(actor: Actor, person: { owner_user_id: number | null }): void {
  if (can(actor.role, 'seeAllClients') && can(actor.role, 'writeRecords') && can(actor.role, 'seePersonalData')) return;
  if (
    can(actor.role, 'writeRecords') &&
    can(actor.role, 'seePersonalData') &&
    person.owner_user_id !== null &&
    Number(person.owner_user_id) === actor.userId
  )
    return;
  throw new DomainError('forbidden', 'privacy.exportNotAllowed');
}

/**
 * Everything held on one person (152-ФЗ ст. 14; GDPR art. 15): the contact record, consents, family,
 * useful dates, the power-structure links around them, the interactions with them (gifts with their
 * cost), claims and survey answers they gave, survey links sent to them, tasks about them, and the
 * audit log about them. The export is written to the audit log (action `export`). Only this person's rows: nothing of other contacts but the names at the other
 * end of their links.
 */
export async function personalDataOf(
  db: Database,
  actor: Actor,
  contactId: number,
  format: 'json' | 'xlsx' = 'json',
  today = utcToday(),
  /** The language generated task titles and notes are written in (the file's). */
  lang: Lang = 'ru',
): Promise<PersonalDataExportT> {
  const person = await requirePerson(db, actor, contactId);
  assertMayExport(actor, person);
  const clientId = Number(person.client_id);
  const [
    organization,
    contact,
    consents,
    family,
    dates,
    links,
    interactions,
    claims,
    surveys,
    surveyLinks,
    tasks,
    auditRows,
  ] = await Promise.all([
    organisationName(db, actor.orgId),
    contactService.get(db, actor, contactId),
    listConsents(db, actor, contactId, today),
    familyMemberService.find(db, actor, { contactId, pageSize: 200, sort: 'createdAt' }),
    usefulDateService.find(db, actor, { contactId, pageSize: 200 }),
    linksOfPerson(db, actor.orgId, contactId),
    interactionsOfPerson(db, actor.orgId, contactId),
    claimsOfPerson(db, actor.orgId, contactId),
    surveysOfPerson(db, actor.orgId, contactId),
    surveyLinksOfPerson(db, actor.orgId, contactId),
    tasksOfPerson(db, actor.orgId, contactId),
    auditOfPerson(db, actor.orgId, contactId, clientId),
  ]);
  const { items, contactId: _c, erasedAt: _e, ...consent } = consents;
  // Who handed a person's data out, and when, is itself on record (the export's own row is not in it).
  await audit(db, actor, { action: 'export', entity: 'contact', entityId: contactId, clientId, after: { format } });
  return {
    generatedAt: new Date().toISOString(),
    organization,
    client: { id: clientId, name: person.client_name },
    contact,
    consent,
    consents: items,
    familyMembers: family.items,
    usefulDates: dates.items,
    contactLinks: links.map((l) => ({
      fromContactId: Number(l.from_contact_id),
      fromName: l.from_name,
      toContactId: Number(l.to_contact_id),
      toName: l.to_name,
      kind: l.kind,
    })),
    interactions: interactions.map((i) => ({
      id: Number(i.id),
      occurredAt: isoTimestamp(i.occurred_at),
      kind: i.kind,
      durationMinutes: i.duration_minutes,
      moneySpent: formatMoney(Number(i.money_spent)),
      outcome: i.outcome,
      notes: i.notes,
      userName: i.user_name,
    })),
    claims: claims.map((c) => ({
      id: Number(c.id),
      type: c.type,
      category: c.category,
      severity: c.severity,
      receivedOn: c.received_on,
      subject: c.subject,
      description: c.description,
      status: c.status,
      resolution: c.resolution,
      resolvedOn: c.resolved_on,
    })),
    surveyResponses: surveys.map((s) => ({
      id: Number(s.id),
      channel: s.channel,
      answeredOn: s.answered_on,
      goods: s.goods,
      staff: s.staff,
      prices: s.prices,
      logistics: s.logistics,
      service: s.service,
      company: s.company,
      nps: s.nps,
      comment: s.comment,
    })),
    surveyLinks: surveyLinks.map((l) => ({
      id: Number(l.id),
      createdAt: isoTimestamp(l.created_at),
      expiresAt: isoTimestamp(l.expires_at),
      answeredAt: isoTimestamp(l.answered_at),
      locale: l.locale,
    })),
    tasks: tasks.map((t) => ({
      id: Number(t.id),
      kind: t.kind,
      title: taskTitleIn({ title: t.title, titleWords: t.title_words }, lang),
      eventKind: t.event_kind,
      eventOn: t.event_on,
      dueOn: t.due_on,
      status: t.status,
      notes: taskNotesIn({ notes: t.notes, notesWords: t.notes_words, eventOn: t.event_on }, lang),
    })),
    auditLog: auditRows.map((a) => ({
      id: Number(a.id),
      at: isoTimestamp(a.at),
      userName: a.user_name,
      actorKind: a.actor_kind,
      action: a.action,
      entity: a.entity,
      entityId: a.entity_id === null ? null : Number(a.entity_id),
      before: a.before,
      after: a.after,
    })),
  };
}

/** A sheet's or column's name: the export's own words (core/messages `export.personal.*`), else the record's field label. */

const label = (key: string, lang: Lang): string =>
  isMessageCode(`export.personal.${key}`)
    ? translateCode(lang, `export.personal.${key}`)
    : (recordLabels[key]?.[lang] ?? key);

const cell = (v: unknown): string | number | null => {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number' || typeof v === 'string') return v;
  return JSON.stringify(v);
};

function table<T extends object>(name: string, rows: T[], keys: (keyof T & string)[], lang: Lang): Sheet {
  return {
    name: label(name, lang),
    headers: keys.map((k) => label(k, lang)),
    rows: rows.map((r) => keys.map((k) => cell(r[k]))),
    lang,
  };
}

const contactKeys: (keyof ContactT & string)[] = [
  'id',
  'fullName',
  'position',
  'phones',
  'emails',
  'birthday',
  'decisionRoles',
  'influence',
  'attitude',
  'isKeyFigure',
  'personalTraits',
  'professionalTraits',
  'hobbies',
  'congratulationPreferences',
  'giftIdeas',
  'notes',
  'locale',
  'createdAt',
  'updatedAt',
  'erasedAt',
];

/** The export as a workbook: the person (field / value) and one sheet per part, headers in `lang`. */
export function personalDataSheets(data: PersonalDataExportT, lang: Lang): Sheet[] {
  const about: [string, unknown][] = [
    ['organization', data.organization],
    ['client', `${data.client.name} (${data.client.id})`],
    ['generatedAt', data.generatedAt],
    ...contactKeys.map((k) => [k, data.contact[k]] as [string, unknown]),
    ['consentStatus', data.consent.status],
    ['destroyBy', data.consent.destroyBy],
  ];
  return [
    {
      name: label('contact', lang),
      headers: [label('field', lang), label('value', lang)],
      rows: about.map(([k, v]) => [label(k, lang), cell(v)]),
      lang,
    },
    table(
      'consents',
      data.consents,
      [
        'id',
        'purpose',
        'form',
        'givenOn',
        'validUntil',
        'withdrawnOn',
        'status',
        'notes',
        'recordedByName',
        'createdAt',
      ],
      lang,
    ),
    table<FamilyMemberT>('family', data.familyMembers, ['id', 'relation', 'name', 'birthday', 'notes'], lang),
    table<UsefulDateT>('dates', data.usefulDates, ['id', 'kind', 'title', 'day', 'month', 'year', 'notes'], lang),
    table('links', data.contactLinks, ['kind', 'fromName', 'toName'], lang),
    table(
      'interactions',
      data.interactions,
      ['id', 'occurredAt', 'kind', 'durationMinutes', 'moneySpent', 'outcome', 'notes', 'userName'],
      lang,
    ),
    table(
      'claims',
      data.claims,
      [
        'id',
        'receivedOn',
        'type',
        'category',
        'severity',
        'subject',
        'description',
        'status',
        'resolution',
        'resolvedOn',
      ],
      lang,
    ),
    table(
      'surveys',
      data.surveyResponses,
      ['id', 'answeredOn', 'channel', 'goods', 'staff', 'prices', 'logistics', 'service', 'company', 'nps', 'comment'],
      lang,
    ),
    table('surveyLinks', data.surveyLinks, ['id', 'createdAt', 'expiresAt', 'answeredAt', 'locale'], lang),
    table('tasks', data.tasks, ['id', 'dueOn', 'kind', 'title', 'eventKind', 'eventOn', 'status', 'notes'], lang),
    table(
      'audit',
      data.auditLog,
      ['id', 'at', 'userName', 'actorKind', 'action', 'entity', 'entityId', 'before', 'after'],
      lang,
    ),
  ];
}
