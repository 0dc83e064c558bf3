import { Type, type Static } from 'typebox';
import {
  Id,
  IsoDate,
  IsoDateTime,
  LongText,
  Money,
  MoneyInput,
  Nullable,
  PageQuery,
  ExportQuery,
  ShortText,
  pageOf,
} from './common.js';
import { duplicateMatches } from '../core/clients/duplicates.js';
import {
  attitudes,
  categoryOverrides,
  clientStatuses,
  decisionRoles,
  deliveryMethods,
  financialConditions,
  influenceLevels,
  locales,
  relationKinds,
  significances,
} from './enums.js';

const oneOf = Type.Enum;
const Tag = Type.String({ minLength: 1, maxLength: 60 });

/** Fields a person edits on the client card (blocks 1, 3 and 5, plus credit terms). */
const clientEditable = {
  name: Type.String({ minLength: 1, maxLength: 300 }),
  status: oneOf(clientStatuses),
  industry: Nullable(ShortText),
  region: Nullable(ShortText),
  regionNotes: Nullable(LongText),
  significance: Nullable(oneOf(significances)),
  significanceNotes: Nullable(LongText),
  financialCondition: Nullable(oneOf(financialConditions)),
  financialNotes: Nullable(LongText),
  ownerUserId: Nullable(Id),
  categoryOverride: Nullable(oneOf(categoryOverrides)),
  categoryOverrideReason: Nullable(LongText),
  creditLimit: Nullable(MoneyInput),
  paymentDeferralDays: Nullable(Type.Integer({ minimum: 0, maximum: 3650 })),
  deliveryMethod: Nullable(oneOf(deliveryMethods)),
  transportType: Nullable(ShortText),
  typicalTransportCost: Nullable(MoneyInput),
  customsNeeded: Type.Boolean(),
  specialPackaging: Nullable(ShortText),
  deliveryAddress: Nullable(ShortText),
  management: Nullable(LongText),
  powerStructureNotes: Nullable(LongText),
  orgStructure: Nullable(LongText),
  futurePlans: Nullable(LongText),
  notes: Nullable(LongText),
  tags: Type.Array(Tag, { maxItems: 50 }),
  externalId: Nullable(ShortText),
};

export const ClientCreate = Type.Object(
  {
    ...Type.Partial(Type.Object(clientEditable)).properties,
    name: clientEditable.name,
  },
  { additionalProperties: false },
);
export const ClientUpdate = Type.Partial(Type.Object(clientEditable), {
  additionalProperties: false,
  minProperties: 1,
});

export const Client = Type.Object({
  id: Id,
  ...clientEditable,
  creditLimit: Nullable(Money),
  typicalTransportCost: Nullable(Money),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ClientT = Static<typeof Client>;
export type ClientCreateT = Static<typeof ClientCreate>;
export type ClientUpdateT = Static<typeof ClientUpdate>;

/** A row of the client list: the client and its primary legal entity's requisites. */
export const ClientListItem = Type.Object({
  id: Id,
  name: Type.String(),
  status: Type.String(),
  industry: Nullable(Type.String()),
  region: Nullable(Type.String()),
  ownerUserId: Nullable(Id),
  ownerName: Nullable(Type.String()),
  inn: Nullable(Type.String()),
  legalName: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ClientListItemT = Static<typeof ClientListItem>;
export const ClientPage = pageOf(ClientListItem);
export type ClientPageT = Static<typeof ClientPage>;

export const clientSorts = ['name', 'createdAt', 'updatedAt', 'status', 'region', 'industry'] as const;
export const ClientListQuery = Type.Object(
  {
    ...PageQuery,
    ...ExportQuery,
    q: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Full-text search over names, ИНН/КПП/ОГРН and contact names (Russian and English)',
      }),
    ),
    status: Type.Optional(oneOf(clientStatuses)),
    industry: Type.Optional(ShortText),
    region: Type.Optional(ShortText),
    ownerUserId: Type.Optional(Id),
    tag: Type.Optional(Tag),
  },
  { additionalProperties: false },
);
export type ClientListQueryT = Static<typeof ClientListQuery>;

// ---- legal entities -------------------------------------------------------------------------
const legalEntityEditable = {
  legalForm: Nullable(Type.String({ maxLength: 40 })),
  fullName: Type.String({ minLength: 1, maxLength: 500 }),
  shortName: Nullable(ShortText),
  inn: Nullable(Type.String({ maxLength: 20 })),
  kpp: Nullable(Type.String({ maxLength: 20 })),
  ogrn: Nullable(Type.String({ maxLength: 20 })),
  legalAddress: Nullable(LongText),
  postalAddress: Nullable(LongText),
  bankName: Nullable(ShortText),
  bik: Nullable(Type.String({ maxLength: 20 })),
  settlementAccount: Nullable(Type.String({ maxLength: 30 })),
  correspondentAccount: Nullable(Type.String({ maxLength: 30 })),
  isPrimary: Type.Boolean(),
  externalId: Nullable(ShortText),
};
/** Not stored: the answer to a 409 about requisites another client already has. */
const allowDuplicateRequisites = Type.Optional(
  Type.Boolean({
    description:
      'Save even though another client of the organisation has a legal entity with the same ИНН and КПП (409 otherwise)',
  }),
);
export const LegalEntityCreate = Type.Object(
  {
    ...Type.Partial(Type.Object(legalEntityEditable)).properties,
    clientId: Id,
    fullName: legalEntityEditable.fullName,
    allowDuplicateRequisites,
  },
  { additionalProperties: false },
);
export const LegalEntityUpdate = Type.Object(
  {
    ...Type.Partial(Type.Object(legalEntityEditable)).properties,
    allowDuplicateRequisites,
  },
  { additionalProperties: false, minProperties: 1 },
);
export const LegalEntity = Type.Object({
  id: Id,
  clientId: Id,
  ...legalEntityEditable,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type LegalEntityT = Static<typeof LegalEntity>;

/** Clients sharing a company's requisites (ИНН, and КПП where both have one): candidates to merge. */
export const DuplicateRequisitesGroup = Type.Object({
  inn: Type.String(),
  kpp: Nullable(Type.String()),
  clients: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      ownerName: Nullable(Type.String()),
      legalEntityId: Id,
      legalName: Type.String(),
      kpp: Nullable(Type.String()),
    }),
  ),
});
export const DuplicateRequisitesPage = pageOf(DuplicateRequisitesGroup);
export type DuplicateRequisitesPageT = Static<typeof DuplicateRequisitesPage>;
export const DuplicateRequisitesQuery = Type.Object(
  {
    page: PageQuery.page,
    pageSize: PageQuery.pageSize,
  },
  { additionalProperties: false },
);

/** The regions or industries the caller's clients have, for the client list's filters. */
export const ClientFieldValuesQuery = Type.Object(
  {
    field: Type.Union([Type.Literal('region'), Type.Literal('industry')], {
      description: 'Which column of the client to list the values of',
    }),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Only the values containing this text (any case)' })),
    max: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 500, default: 200, description: 'At most this many values' }),
    ),
  },
  { additionalProperties: false },
);
export type ClientFieldValuesQueryT = Static<typeof ClientFieldValuesQuery>;
export const ClientFieldValues = Type.Object({
  field: Type.Union([Type.Literal('region'), Type.Literal('industry')]),
  values: Type.Array(
    Type.Object({
      value: Type.String(),
      clients: Type.Integer({ description: 'How many of the clients the caller sees have this value' }),
    }),
    { description: 'The most common values first' },
  ),
  more: Type.Boolean({ description: 'More values match than `max`: narrow them with q' }),
});
export type ClientFieldValuesT = Static<typeof ClientFieldValues>;

// ---- contacts ---------------------------------------------------------------------------------
const contactEditable = {
  fullName: Type.String({ minLength: 1, maxLength: 300 }),
  position: Nullable(ShortText),
  phones: Type.Array(Type.String({ minLength: 3, maxLength: 40, pattern: '^[0-9+()\\-\\s.]+$' }), { maxItems: 10 }),
  emails: Type.Array(Type.String({ format: 'email', maxLength: 200 }), { maxItems: 10 }),
  decisionRoles: Type.Array(oneOf(decisionRoles), { maxItems: 6, uniqueItems: true }),
  influence: Nullable(oneOf(influenceLevels)),
  attitude: Nullable(oneOf(attitudes)),
  birthday: Nullable(IsoDate),
  notes: Nullable(LongText),
  // The power structure (docs/domain.md §5): key figures get the personal knowledge block and congratulations.
  isKeyFigure: Type.Boolean({ description: "A key figure of the client's power structure" }),
  // Personal data (152-ФЗ; see contactPersonalFields): what a manager learns about the person.
  personalTraits: Nullable(Type.String({ maxLength: 20000, description: 'Personal traits (personal data)' })),
  professionalTraits: Nullable(Type.String({ maxLength: 20000, description: 'Professional traits (personal data)' })),
  hobbies: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
    maxItems: 20,
    description: 'Hobbies (personal data)',
  }),
  congratulationPreferences: Nullable(
    Type.String({ maxLength: 20000, description: 'How the person likes to be congratulated (personal data)' }),
  ),
  giftIdeas: Nullable(Type.String({ maxLength: 20000, description: 'Gift ideas (personal data)' })),
  locale: oneOf(locales, { description: 'The language to address the person in (surveys)' }),
};
export const ContactCreate = Type.Object(
  {
    ...Type.Partial(Type.Object(contactEditable)).properties,
    clientId: Id,
    fullName: contactEditable.fullName,
  },
  { additionalProperties: false },
);
export const ContactUpdate = Type.Partial(Type.Object(contactEditable), {
  additionalProperties: false,
  minProperties: 1,
});
export const Contact = Type.Object({
  id: Id,
  clientId: Id,
  ...contactEditable,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  // Personal data (services/privacy): erased on the person's request, or hidden from a role that may not see it (analyst).
  erasedAt: Type.Optional(Nullable(IsoDateTime)),
  personalDataHidden: Type.Optional(
    Type.Boolean({ description: 'The personal fields are empty because the role may not see them' }),
  ),
});
export type ContactT = Static<typeof Contact>;

// ---- a new client with its legal entity and first contact -----------------------------------------
/** The legal entity of a new client: as POST /legal-entities takes it, without the client (it is new) and always primary. */
export const NewClientLegalEntity = Type.Object(
  {
    ...Type.Omit(LegalEntityCreate, ['clientId', 'isPrimary']).properties,
  },
  { additionalProperties: false },
);
/** The first contact person of a new client: as POST /contacts takes it, without the client. */
export const NewClientContact = Type.Object(
  {
    ...Type.Omit(ContactCreate, ['clientId']).properties,
  },
  { additionalProperties: false },
);
export const ClientWithDetailsCreate = Type.Object(
  {
    ...ClientCreate.properties,
    legalEntity: Type.Optional(NewClientLegalEntity),
    contact: Type.Optional(NewClientContact),
  },
  {
    additionalProperties: false,
    description:
      'A client with its primary legal entity and its first contact, saved together or not at all. Problems name their field by path (legalEntity/inn, contact/emails/0). Requisites another client already has are refused with 409 unless legalEntity.allowDuplicateRequisites is true; a similar name is not refused (GET /clients/possible-duplicates shows it beforehand).',
  },
);
export type ClientWithDetailsCreateT = Static<typeof ClientWithDetailsCreate>;
export const ClientWithDetails = Type.Object({
  ...Client.properties,
  legalEntity: Nullable(LegalEntity),
  contact: Nullable(Contact),
});
export type ClientWithDetailsT = Static<typeof ClientWithDetails>;

/** How an existing client resembles the one being entered (core/clients/duplicates.ts). */
const DuplicateMatchKind = oneOf(duplicateMatches);
export const PossibleDuplicatesQuery = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 300, description: 'The name as typed' })),
    inn: Type.Optional(Type.String({ maxLength: 20, description: 'Checked only when it is a valid ИНН' })),
    kpp: Type.Optional(Type.String({ maxLength: 20, description: 'Checked only when it is a valid КПП' })),
  },
  { additionalProperties: false },
);
export type PossibleDuplicatesQueryT = Static<typeof PossibleDuplicatesQuery>;
export const PossibleDuplicates = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      status: oneOf(clientStatuses),
      ownerName: Nullable(Type.String()),
      legalForm: Nullable(Type.String()),
      legalName: Nullable(Type.String({ description: 'The matching legal entity, else the primary one' })),
      inn: Nullable(Type.String()),
      kpp: Nullable(Type.String()),
      matches: Type.Array(DuplicateMatchKind, { description: 'Strongest first' }),
    }),
    { description: 'Clients the caller may open, strongest match first (at most 10)' },
  ),
  more: Type.Integer({ minimum: 0, description: 'Further clients the caller may open that match, not listed' }),
  hidden: Type.Array(Type.Object({ match: DuplicateMatchKind, count: Type.Integer({ minimum: 1 }) }), {
    description:
      'Clients the caller may not open (another manager’s), counted by their strongest match: that they exist, not which they are',
  }),
  checked: Type.Object({
    inn: Nullable(Type.String({ description: 'The ИНН compared, normalised; null when none or not a valid ИНН' })),
    kpp: Nullable(Type.String()),
  }),
});
export type PossibleDuplicatesT = Static<typeof PossibleDuplicates>;

// ---- partner links ----------------------------------------------------------------------------
export const ClientRelationCreate = Type.Object(
  {
    relatedClientId: Id,
    kind: oneOf(relationKinds),
    notes: Type.Optional(Nullable(LongText)),
  },
  { additionalProperties: false },
);
export const ClientRelation = Type.Object({
  clientId: Id,
  relatedClientId: Id,
  relatedClientName: Type.String(),
  kind: Type.String(),
  notes: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type ClientRelationT = Static<typeof ClientRelation>;
export const ClientRelationParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  relatedClientId: Type.Integer({ minimum: 1 }),
  kind: oneOf(relationKinds),
});
