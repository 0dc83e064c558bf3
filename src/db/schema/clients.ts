import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, money, orgIdColumn, tsvector, updatedAt, type Word } from './columns.js';
import { organizations, users } from './organizations.js';
import type {
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
} from '../../core/vocabulary.js';

/**
 * A client (a partner in 1C terms): the company we sell to. It may act through several legal
 * entities (see `legalEntities`). Columns follow the five blocks of the client card (docs/domain.md §2);
 * purchase facts are never stored here — they are derived from orders.
 */
export const clients = pgTable(
  'clients',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    name: text('name').notNull(),
    /** prospect | active | lost */
    status: text('status').$type<Word<typeof clientStatuses>>().notNull().default('prospect'),
    /** The day the client was marked lost (set and cleared with the status), for the loyalty ladder. */
    lostOn: date('lost_on', { mode: 'string' }),
    // Block 1: profile
    industry: text('industry'),
    region: text('region'),
    regionNotes: text('region_notes'),
    /** key | major | medium | minor: the client's weight in its industry and in our base. */
    significance: text('significance').$type<Word<typeof significances>>(),
    significanceNotes: text('significance_notes'),
    /** stable | moderate | weak | critical | unknown */
    financialCondition: text('financial_condition').$type<Word<typeof financialConditions>>(),
    financialNotes: text('financial_notes'),
    ownerUserId: bigint('owner_user_id', { mode: 'number' }),
    /** A person's category (image, perspective, …) that wins over the computed one, with its reason. */
    categoryOverride: text('category_override').$type<Word<typeof categoryOverrides>>(),
    categoryOverrideReason: text('category_override_reason'),
    // Block 2 (terms): credit limit and deferral; the purchase figures themselves are derived.
    creditLimit: money('credit_limit'),
    paymentDeferralDays: integer('payment_deferral_days'),
    // Block 3: logistics
    deliveryMethod: text('delivery_method').$type<Word<typeof deliveryMethods>>(),
    transportType: text('transport_type'),
    typicalTransportCost: money('typical_transport_cost'),
    customsNeeded: boolean('customs_needed').notNull().default(false),
    specialPackaging: text('special_packaging'),
    deliveryAddress: text('delivery_address'),
    // Block 5: special knowledge
    management: text('management'),
    powerStructureNotes: text('power_structure_notes'),
    orgStructure: text('org_structure'),
    futurePlans: text('future_plans'),
    notes: text('notes'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    externalId: text('external_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.ownerUserId], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    // The list sorts by name, status, region or industry, then by name and id: each index serves its sort
    // (and its filter) in index order, so a page of a large base is read, not sorted whole.
    index('clients_name_idx').on(t.orgId, t.name, t.id),
    index('clients_status_idx').on(t.orgId, t.status, t.name, t.id),
    index('clients_region_idx').on(t.orgId, t.region, t.name, t.id),
    index('clients_industry_idx').on(t.orgId, t.industry, t.name, t.id),
    index('clients_owner_idx').on(t.orgId, t.ownerUserId),
    index('clients_external_idx').on(t.orgId, t.externalId),
  ],
);

/** A legal entity through which a client buys: its own requisites and bank details. */
export const legalEntities = pgTable(
  'legal_entities',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    /** ООО, АО, ПАО, ИП, … */
    legalForm: text('legal_form'),
    fullName: text('full_name').notNull(),
    shortName: text('short_name'),
    inn: text('inn'),
    kpp: text('kpp'),
    /** ОГРН (13 digits) or ОГРНИП (15 digits). */
    ogrn: text('ogrn'),
    legalAddress: text('legal_address'),
    postalAddress: text('postal_address'),
    bankName: text('bank_name'),
    bik: text('bik'),
    settlementAccount: text('settlement_account'),
    correspondentAccount: text('correspondent_account'),
    isPrimary: boolean('is_primary').notNull().default(false),
    externalId: text('external_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    index('legal_entities_client_idx').on(t.orgId, t.clientId),
    index('legal_entities_inn_idx').on(t.orgId, t.inn, t.kpp),
  ],
);

/** Partner links between clients (holding, partner, supplier, competitor…). */
export const clientRelations = pgTable(
  'client_relations',
  {
    orgId: orgIdColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    relatedClientId: bigint('related_client_id', { mode: 'number' }).notNull(),
    kind: text('kind').$type<Word<typeof relationKinds>>().notNull(),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.clientId, t.relatedClientId, t.kind] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.relatedClientId], foreignColumns: [clients.orgId, clients.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** A person at a client. Birthday and phones are personal data (152-ФЗ). */
export const contacts = pgTable(
  'contacts',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    fullName: text('full_name').notNull(),
    position: text('position'),
    phones: text('phones')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    emails: text('emails')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** first_contact | decision_maker | influencer | technical | payment_decider | payment_influencer */
    decisionRoles: text('decision_roles')
      .array()
      .$type<Word<typeof decisionRoles>[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** low | medium | high */
    influence: text('influence').$type<Word<typeof influenceLevels>>(),
    /** ally | neutral | opponent */
    attitude: text('attitude').$type<Word<typeof attitudes>>(),
    birthday: date('birthday', { mode: 'string' }),
    notes: text('notes'),
    /** A key figure gets the personal knowledge block and congratulations (docs/domain.md §5). */
    isKeyFigure: boolean('is_key_figure').notNull().default(false),
    // Personal knowledge of a key figure: all of it is personal data (152-ФЗ), see contactPersonalFields.
    personalTraits: text('personal_traits'),
    professionalTraits: text('professional_traits'),
    hobbies: text('hobbies')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** How the person likes to be congratulated (call, visit, card, gift, message…), free text. */
    congratulationPreferences: text('congratulation_preferences'),
    giftIdeas: text('gift_ideas'),
    /** Set when the person's personal data was erased on their request; the row stays for the history. */
    erasedAt: timestamp('erased_at', { withTimezone: true, mode: 'string' }),
    /** ru | en: the language to address the person in (surveys). */
    locale: text('locale').$type<Word<typeof locales>>().notNull().default('ru'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    index('contacts_client_idx').on(t.orgId, t.clientId),
  ],
);

/**
 * The full-text document of a client, in a table of its own so the wide text and vectors stay out of
 * the client rows that lists scan and count (measured: client rows 1.3 kB → about 0.3 kB).
 * `search_text` holds names, tags, legal names, ИНН/КПП/ОГРН and contact names, kept by the write
 * path (db/queries/client-search.ts); the vector is derived from it by the database.
 */
export const clientSearch = pgTable(
  'client_search',
  {
    orgId: orgIdColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`to_tsvector('simple'::regconfig, search_text) || to_tsvector('russian'::regconfig, search_text) || to_tsvector('english'::regconfig, search_text)`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.clientId] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    index('client_search_vector_idx').using('gin', t.searchVector),
  ],
);
