import { Type, type Static } from 'typebox';
import { consentForms, consentStatuses } from '../core/privacy/consent.js';
import { Contact } from './clients.js';
import { Id, IsoDate, IsoDateTime, LongText, Money, Nullable } from './common.js';
import { FamilyMember, UsefulDate } from './people.js';

const oneOf = Type.Enum;

// ---- consent (152-ФЗ ст. 9) ------------------------------------------------------------------------
export const ConsentForm = oneOf(consentForms, {
  description: 'written | electronic (a separate document); oral | contract only before 01.09.2025',
});
export const ConsentStatus = oneOf(consentStatuses);

export const ConsentCreate = Type.Object(
  {
    purpose: Type.String({
      minLength: 1,
      maxLength: 1000,
      description: 'What the data are processed for, as agreed (e.g. "congratulations on personal and family dates")',
    }),
    form: ConsentForm,
    givenOn: IsoDate,
    validUntil: Type.Optional(Nullable(IsoDate)),
    notes: Type.Optional(Nullable(LongText)),
  },
  { additionalProperties: false },
);
export type ConsentCreateT = Static<typeof ConsentCreate>;

/** Withdrawal (152-ФЗ ст. 9 ч. 2): the day the person withdrew; notes where the withdrawal is kept. */
export const ConsentUpdate = Type.Object(
  {
    withdrawnOn: IsoDate,
    notes: Type.Optional(Nullable(LongText)),
  },
  { additionalProperties: false },
);
export type ConsentUpdateT = Static<typeof ConsentUpdate>;

export const Consent = Type.Object({
  id: Id,
  contactId: Id,
  purpose: Type.String(),
  form: ConsentForm,
  givenOn: IsoDate,
  validUntil: Nullable(IsoDate),
  withdrawnOn: Nullable(IsoDate),
  notes: Nullable(Type.String()),
  recordedBy: Nullable(Id),
  recordedByName: Nullable(Type.String()),
  /** This consent today. */
  status: oneOf(['given', 'withdrawn', 'expired'] as const),
  createdAt: IsoDateTime,
});
export type ConsentT = Static<typeof Consent>;

const summaryFields = {
  status: ConsentStatus,
  /** The consent the status rests on: the one in force lasting longest, else the latest given. */
  consentId: Nullable(Id),
  validUntil: Nullable(IsoDate),
  withdrawnOn: Nullable(IsoDate),
  /** Withdrawn or expired: the last day to destroy the personal data (the end + 30 days, 152-ФЗ ст. 21). */
  destroyBy: Nullable(IsoDate),
};

export const ContactConsents = Type.Object({
  contactId: Id,
  ...summaryFields,
  erasedAt: Nullable(IsoDateTime),
  items: Type.Array(Consent),
});
export type ContactConsentsT = Static<typeof ContactConsents>;

/** The status of each person of a client, for the card's contacts. */
export const ClientConsentStatuses = Type.Array(
  Type.Object({ contactId: Id, ...summaryFields, erasedAt: Nullable(IsoDateTime) }),
);
export type ClientConsentStatusesT = Static<typeof ClientConsentStatuses>;

// ---- everything held on one person (152-ФЗ ст. 14; GDPR art. 15) -------------------------------
export const PersonalDataQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('xlsx')], {
        description: 'json (default) or xlsx with one sheet per part',
      }),
    ),
    lang: Type.Optional(
      Type.Union([Type.Literal('ru'), Type.Literal('en')], {
        description: 'Language of the XLSX sheets and headers, and of generated task titles and notes',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PersonalDataQueryT = Static<typeof PersonalDataQuery>;

export const PersonLink = Type.Object({
  fromContactId: Id,
  fromName: Type.String(),
  toContactId: Id,
  toName: Type.String(),
  kind: Type.String(),
});
export const PersonInteraction = Type.Object({
  id: Id,
  occurredAt: IsoDateTime,
  kind: Type.String(),
  durationMinutes: Type.Integer(),
  moneySpent: Money,
  outcome: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  userName: Nullable(Type.String()),
});
export const PersonClaim = Type.Object({
  id: Id,
  type: Type.String(),
  category: Type.String(),
  severity: Type.String(),
  receivedOn: IsoDate,
  subject: Type.String(),
  description: Nullable(Type.String()),
  status: Type.String(),
  resolution: Nullable(Type.String()),
  resolvedOn: Nullable(IsoDate),
});
export const PersonSurvey = Type.Object({
  id: Id,
  channel: Type.String(),
  answeredOn: IsoDate,
  goods: Nullable(Type.Integer()),
  staff: Nullable(Type.Integer()),
  prices: Nullable(Type.Integer()),
  logistics: Nullable(Type.Integer()),
  service: Nullable(Type.Integer()),
  company: Nullable(Type.Integer()),
  nps: Nullable(Type.Integer()),
  comment: Nullable(Type.String()),
});
export const PersonSurveyLink = Type.Object({
  id: Id,
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  answeredAt: Nullable(IsoDateTime),
  locale: Type.String(),
});
export const PersonTask = Type.Object({
  id: Id,
  kind: Type.String(),
  title: Type.String(),
  eventKind: Nullable(Type.String()),
  eventOn: Nullable(IsoDate),
  dueOn: IsoDate,
  status: Type.String(),
  notes: Nullable(Type.String()),
});
export const PersonAuditEntry = Type.Object({
  id: Id,
  at: IsoDateTime,
  userName: Nullable(Type.String()),
  actorKind: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Id),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const PersonalDataExport = Type.Object({
  generatedAt: IsoDateTime,
  organization: Type.String(),
  client: Type.Object({ id: Id, name: Type.String() }),
  contact: Contact,
  consent: Type.Object(summaryFields),
  consents: Type.Array(Consent),
  familyMembers: Type.Array(FamilyMember),
  usefulDates: Type.Array(UsefulDate),
  /** The power structure around the person: who they report to and influence, and who reports to and influences them. */
  contactLinks: Type.Array(PersonLink),
  /** Calls, meetings, receptions, gifts… with them, with their cost. */
  interactions: Type.Array(PersonInteraction),
  claims: Type.Array(PersonClaim),
  surveyResponses: Type.Array(PersonSurvey),
  surveyLinks: Type.Array(PersonSurveyLink),
  tasks: Type.Array(PersonTask),
  /** The audit log about them: changes of their contact record, family, dates and consents. */
  auditLog: Type.Array(PersonAuditEntry),
});
export type PersonalDataExportT = Static<typeof PersonalDataExport>;

// ---- erasure on request (152-ФЗ ст. 21; GDPR art. 17) -----------------------------------------
export const ErasureRequest = Type.Object(
  {
    reason: Type.String({
      minLength: 3,
      maxLength: 2000,
      description:
        'Why: the request and its date (e.g. "written request of 12.03.2026, вх. № 45"); the person\'s name is removed from it',
    }),
  },
  { additionalProperties: false },
);
export type ErasureRequestT = Static<typeof ErasureRequest>;

export const ErasureResult = Type.Object({
  contactId: Id,
  erasedAt: IsoDateTime,
  /** The placeholder the contact is shown under from now on. */
  fullName: Type.String(),
  /** Rows deleted or cleared, by table, for the act of destruction. */
  removed: Type.Record(Type.String(), Type.Integer()),
});
export type ErasureResultT = Static<typeof ErasureResult>;
