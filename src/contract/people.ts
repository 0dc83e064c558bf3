import { Type, type Static } from 'typebox';
import { baseAnalysisQuestions } from '../core/people/base-analysis.js';
import { Contact } from './clients.js';
import { ExportQuery, Id, IsoDate, IsoDateTime, LongText, Money, Nullable, PageQuery, pageOf } from './common.js';
import {
  attitudes,
  contactLinkKinds,
  decisionRoles,
  familyRelations,
  influenceLevels,
  significances,
  usefulDateKinds,
} from './enums.js';

const oneOf = Type.Enum;

// ---- power structure ----------------------------------------------------------------------------
/** A person in the client's power structure: their place in the buying decision and their boss. */
export const PowerPerson = Type.Object({
  id: Id,
  fullName: Type.String(),
  position: Nullable(Type.String()),
  decisionRoles: Type.Array(oneOf(decisionRoles)),
  influence: Nullable(oneOf(influenceLevels)),
  attitude: Nullable(oneOf(attitudes)),
  isKeyFigure: Type.Boolean(),
  reportsToId: Nullable(Id),
});
export type PowerPersonT = Static<typeof PowerPerson>;

/** `from` reports to `to`, or `from` influences `to`. */
export const ContactLink = Type.Object({ fromContactId: Id, toContactId: Id, kind: oneOf(contactLinkKinds) });
export type ContactLinkT = Static<typeof ContactLink>;
export const ContactLinkCreate = Type.Object(
  { fromContactId: Id, toContactId: Id, kind: oneOf(contactLinkKinds) },
  { additionalProperties: false },
);
export type ContactLinkCreateT = Static<typeof ContactLinkCreate>;
export const ContactLinkParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  from: Type.Integer({ minimum: 1 }),
  to: Type.Integer({ minimum: 1 }),
  kind: oneOf(contactLinkKinds),
});

export const BaseAnalysisQuestionKey = oneOf(baseAnalysisQuestions);
/** One question of the base analysis (docs/domain.md §4) for a client: answered or not, and by whom. */
export const BaseAnalysisAnswer = Type.Object({
  key: BaseAnalysisQuestionKey,
  group: Type.Union([Type.Literal('base'), Type.Literal('power')]),
  answered: Type.Boolean(),
  contactIds: Type.Array(Id, { description: 'Who answers it; when missing, who still lacks it' }),
});
export type BaseAnalysisAnswerT = Static<typeof BaseAnalysisAnswer>;

export const PowerStructure = Type.Object({
  clientId: Id,
  people: Type.Array(PowerPerson),
  links: Type.Array(ContactLink),
  checklist: Type.Array(BaseAnalysisAnswer),
  answered: Type.Integer(),
  total: Type.Integer(),
});
export type PowerStructureT = Static<typeof PowerStructure>;

// ---- base analysis across the base ----------------------------------------------------------
export const BaseAnalysisQuery = Type.Object(
  {
    ...PageQuery,
    ...ExportQuery,
    missing: Type.Optional(BaseAnalysisQuestionKey),
    significance: Type.Optional(
      Type.String({ maxLength: 100, description: 'Comma-separated: key,major,medium,minor,none' }),
    ),
    ownerUserId: Type.Optional(Id),
    includeLost: Type.Optional(Type.Boolean({ description: 'Lost clients are left out unless asked for' })),
  },
  { additionalProperties: false },
);
export type BaseAnalysisQueryT = Static<typeof BaseAnalysisQuery>;

export const BaseAnalysisRow = Type.Object({
  clientId: Id,
  name: Type.String(),
  status: Type.String(),
  significance: Nullable(oneOf(significances)),
  ownerUserId: Nullable(Id),
  ownerName: Nullable(Type.String()),
  revenue: Nullable(Money),
  profit: Nullable(Money),
  contacts: Type.Integer(),
  answered: Type.Array(BaseAnalysisQuestionKey),
  missing: Type.Array(BaseAnalysisQuestionKey),
});
export type BaseAnalysisRowT = Static<typeof BaseAnalysisRow>;
export const BaseAnalysisPage = Type.Object({
  ...pageOf(BaseAnalysisRow).properties,
  /** Over the clients the significance/owner filters select (whatever `missing` says): how many miss each question. */
  summary: Type.Array(Type.Object({ key: BaseAnalysisQuestionKey, missing: Type.Integer() })),
  clients: Type.Integer({ description: 'Clients the significance/owner filters select' }),
});
export type BaseAnalysisPageT = Static<typeof BaseAnalysisPage>;

// ---- family members -------------------------------------------------------------------------
const familyEditable = {
  relation: oneOf(familyRelations),
  name: Type.String({ minLength: 1, maxLength: 300 }),
  birthday: Nullable(IsoDate),
  notes: Nullable(LongText),
};
export const FamilyMemberCreate = Type.Object(
  {
    ...Type.Partial(Type.Object(familyEditable)).properties,
    contactId: Id,
    relation: familyEditable.relation,
    name: familyEditable.name,
  },
  { additionalProperties: false, description: "A member of a key figure's family: personal data (152-ФЗ)" },
);
export type FamilyMemberCreateT = Static<typeof FamilyMemberCreate>;
export const FamilyMemberUpdate = Type.Partial(Type.Object(familyEditable), {
  additionalProperties: false,
  minProperties: 1,
});
export type FamilyMemberUpdateT = Static<typeof FamilyMemberUpdate>;
export const FamilyMember = Type.Object({
  id: Id,
  contactId: Id,
  ...familyEditable,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type FamilyMemberT = Static<typeof FamilyMember>;
export const FamilyMemberListQuery = Type.Object(
  {
    ...PageQuery,
    ...ExportQuery,
    contactId: Type.Optional(Id),
    clientId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type FamilyMemberListQueryT = Static<typeof FamilyMemberListQuery>;

// ---- useful dates ---------------------------------------------------------------------------
const usefulDateEditable = {
  contactId: Nullable(Id),
  kind: oneOf(usefulDateKinds),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  month: Type.Integer({ minimum: 1, maximum: 12 }),
  day: Type.Integer({ minimum: 1, maximum: 31 }),
  year: Nullable(
    Type.Integer({ minimum: 1800, maximum: 2200, description: 'When known: gives anniversaries their count' }),
  ),
  leadDays: Nullable(
    Type.Integer({
      minimum: 0,
      maximum: 365,
      description: "Days ahead the congratulation task appears; empty = the organisation's default",
    }),
  ),
  notes: Nullable(LongText),
};
export const UsefulDateCreate = Type.Object(
  {
    ...Type.Partial(Type.Object(usefulDateEditable)).properties,
    clientId: Id,
    kind: usefulDateEditable.kind,
    title: usefulDateEditable.title,
    month: usefulDateEditable.month,
    day: usefulDateEditable.day,
  },
  {
    additionalProperties: false,
    description: "A date worth a congratulation; a contact's dates are personal data (152-ФЗ)",
  },
);
export type UsefulDateCreateT = Static<typeof UsefulDateCreate>;
export const UsefulDateUpdate = Type.Partial(Type.Object(usefulDateEditable), {
  additionalProperties: false,
  minProperties: 1,
});
export type UsefulDateUpdateT = Static<typeof UsefulDateUpdate>;
export const UsefulDate = Type.Object({
  id: Id,
  clientId: Id,
  ...usefulDateEditable,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type UsefulDateT = Static<typeof UsefulDate>;
export const UsefulDateListQuery = Type.Object(
  {
    ...PageQuery,
    ...ExportQuery,
    clientId: Type.Optional(Id),
    contactId: Type.Optional(Id),
    month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  },
  { additionalProperties: false },
);
export type UsefulDateListQueryT = Static<typeof UsefulDateListQuery>;

// ---- personal knowledge of one contact ----------------------------------------------------------
export const Gift = Type.Object({
  id: Id,
  occurredAt: IsoDateTime,
  moneySpent: Money,
  outcome: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  userId: Nullable(Id),
});
export type GiftT = Static<typeof Gift>;

export const PersonalKnowledge = Type.Object({
  contact: Contact,
  /** Where the person stands: for the header of the panel. */
  clientId: Id,
  nextBirthday: Nullable(IsoDate),
  family: Type.Array(FamilyMember),
  usefulDates: Type.Array(UsefulDate),
  /** Gifts: interactions of kind gift naming this contact, newest first; their cost counts in the client's cost to serve. */
  gifts: Type.Array(Gift),
  giftsTotal: Money,
  /** The 12 months up to today (core/people/dates.ts#lastYearWindow). */
  lastYear: Type.Object({ from: IsoDate, to: IsoDate, gifts: Type.Array(Gift), total: Money }),
});
export type PersonalKnowledgeT = Static<typeof PersonalKnowledge>;
