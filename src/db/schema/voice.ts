import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, orgIdColumn, updatedAt, type Word } from './columns.js';
import { clients, contacts } from './clients.js';
import { orders } from './sales.js';
import { organizations, users } from './organizations.js';
import type { ClaimCategory, ClaimSeverity, ClaimStatus, ClaimType } from '../../core/claims/claims.js';
import type { locales, lossReasons, significances, surveyChannels } from '../../core/vocabulary.js';
import { surveyDimensions } from '../../core/vocabulary.js';

/** A claim, wish or suggestion from a client (docs/domain.md §9), through its workflow. */
export const claims = pgTable(
  'claims',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    contactId: bigint('contact_id', { mode: 'number' }),
    /** claim | wish | suggestion */
    type: text('type').$type<ClaimType>().notNull(),
    /** quality | delivery | documents | staff | price | assortment | payment | other */
    category: text('category').$type<ClaimCategory>().notNull(),
    /** low | medium | high | critical */
    severity: text('severity').$type<ClaimSeverity>().notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** When it must be resolved by; defaults from the severity. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    subject: text('subject').notNull(),
    description: text('description'),
    responsibleUserId: bigint('responsible_user_id', { mode: 'number' }),
    /** new | in_progress | resolved | rejected */
    status: text('status').$type<ClaimStatus>().notNull().default('new'),
    resolution: text('resolution'),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    orderId: bigint('order_id', { mode: 'number' }),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('set null'),
    foreignKey({ columns: [t.orgId, t.responsibleUserId], foreignColumns: [users.orgId, users.id] }).onDelete(
      'set null',
    ),
    foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }).onDelete('set null'),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    index('claims_client_idx').on(t.orgId, t.clientId, t.receivedOn),
    index('claims_status_idx').on(t.orgId, t.status, t.dueOn),
    // The claims list's default order (-receivedOn, then id) in both directions, and its category
    // filter with the order by due date and the count of a category (claims.ts listClaims). The first
    // also reads the claims summary's partial months and its upkeep's months by the day received.
    index('claims_received_idx').on(t.orgId, t.receivedOn, t.id),
    index('claims_category_idx').on(t.orgId, t.category, t.dueOn, t.id),
    // The claims summary's partial months and its upkeep's months by the day closed.
    index('claims_resolved_idx')
      .on(t.orgId, t.resolvedOn)
      .where(sql`resolved_on IS NOT NULL`),
  ],
);

/** One line of the history of a claim: each status change with who and when. */
export const claimEvents = pgTable(
  'claim_events',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    claimId: bigint('claim_id', { mode: 'number' }).notNull(),
    fromStatus: text('from_status').$type<ClaimStatus>(),
    toStatus: text('to_status').$type<ClaimStatus>().notNull(),
    userId: bigint('user_id', { mode: 'number' }),
    note: text('note'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.claimId], foreignColumns: [claims.orgId, claims.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    index('claim_events_claim_idx').on(t.orgId, t.claimId),
  ],
);

/** The mean of a response's dimension scores as SQL over its own columns (null when it gives none). */
const scoreMeanSql = `(${surveyDimensions.map((d) => `coalesce(${d}, 0)`).join(' + ')})::float8 / nullif(${surveyDimensions
  .map((d) => `(${d} IS NOT NULL)::int`)
  .join(' + ')}, 0)`;

/**
 * A satisfaction survey answer on the six dimensions of docs/domain.md §3 (1–5) and the NPS question
 * (0–10), entered by a manager after a conversation or given by the contact through a link.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    contactId: bigint('contact_id', { mode: 'number' }),
    /** manager | link */
    channel: text('channel').$type<Word<typeof surveyChannels>>().notNull(),
    answeredOn: date('answered_on', { mode: 'string' }).notNull(),
    goods: smallint('goods'),
    staff: smallint('staff'),
    prices: smallint('prices'),
    logistics: smallint('logistics'),
    service: smallint('service'),
    company: smallint('company'),
    nps: smallint('nps'),
    comment: text('comment'),
    /** Who entered it (manager channel). */
    userId: bigint('user_id', { mode: 'number' }),
    createdAt: createdAt(),
    /**
     * The response's overall satisfaction, the mean of the dimension scores given (core/surveys
     * responseSatisfaction; null with none): the order in which the lowest satisfied clients are looked for.
     */
    scoreMean: doublePrecision('score_mean').generatedAlwaysAs(sql.raw(scoreMeanSql)),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('set null'),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    index('survey_responses_client_idx').on(t.orgId, t.clientId, t.answeredOn),
    // The latest answers first (trends' latest response per client, and the partial months).
    index('survey_responses_answered_idx').on(t.orgId, t.answeredOn, t.id),
    index('survey_responses_score_idx')
      .on(t.orgId, t.scoreMean)
      .where(sql`score_mean IS NOT NULL`),
    check(
      'survey_scores',
      sql`coalesce(goods, 1) BETWEEN 1 AND 5 AND coalesce(staff, 1) BETWEEN 1 AND 5 AND coalesce(prices, 1) BETWEEN 1 AND 5
    AND coalesce(logistics, 1) BETWEEN 1 AND 5 AND coalesce(service, 1) BETWEEN 1 AND 5 AND coalesce(company, 1) BETWEEN 1 AND 5 AND coalesce(nps, 0) BETWEEN 0 AND 10`,
    ),
  ],
);

/** A one-time link a contact answers a survey through, without signing in. Only a hash of its secret is kept. */
export const surveyLinks = pgTable(
  'survey_links',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    contactId: bigint('contact_id', { mode: 'number' }),
    tokenHash: text('token_hash').notNull(),
    /** ru | en: the language the contact is asked in. */
    locale: text('locale').$type<Word<typeof locales>>().notNull().default('ru'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'string' }),
    responseId: bigint('response_id', { mode: 'number' }),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    foreignKey({
      columns: [t.orgId, t.responseId],
      foreignColumns: [surveyResponses.orgId, surveyResponses.id],
    }).onDelete('set null'),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    uniqueIndex('survey_links_token_key').on(t.orgId, t.tokenHash),
    index('survey_links_client_idx').on(t.orgId, t.clientId),
  ],
);

/**
 * The record of a client lost (docs/domain.md §9: a lost client is a lesson): why, to whom, how much it
 * mattered then, what we did wrong and how to win it back; `won_back_on` is set when it buys again.
 */
export const clientLosses = pgTable(
  'client_losses',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    lostOn: date('lost_on', { mode: 'string' }).notNull(),
    /** competitor | price | quality | service | logistics | credit_terms | client_crisis | no_longer_needs | relocation | other */
    reason: text('reason').$type<Word<typeof lossReasons>>().notNull(),
    reasonNotes: text('reason_notes'),
    competitor: text('competitor'),
    /** The client's significance when lost (key | major | medium | minor), copied from the card. */
    significance: text('significance').$type<Word<typeof significances>>(),
    /** The client's profit after cost to serve over the last 12 months at the time of loss, kopecks. */
    profitAtLoss: bigint('profit_at_loss', { mode: 'number' }),
    systemicError: text('systemic_error'),
    winBackPlan: text('win_back_plan'),
    wonBackOn: date('won_back_on', { mode: 'string' }),
    wonBackOrderId: bigint('won_back_order_id', { mode: 'number' }),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.wonBackOrderId], foreignColumns: [orders.orgId, orders.id] }).onDelete(
      'set null',
    ),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    index('client_losses_client_idx').on(t.orgId, t.clientId, t.lostOn),
    index('client_losses_lost_idx').on(t.orgId, t.lostOn),
    uniqueIndex('client_losses_open_key')
      .on(t.orgId, t.clientId)
      .where(sql`won_back_on IS NULL`),
  ],
);

/**
 * The claims summary's tallies of one month of the organisation (docs/analytics.md §17), so a summary of
 * any whole months adds up a few hundred rows instead of reading every claim. One row per facet and
 * key: 'status', 'type' and 'category' (by its status, type or category now) count the claims
 * received in the month; 'days' (key: whole days from receipt to resolution) the closed claims received
 * in the month; 'resolved' (key '') the closed claims resolved in the month. Kept by every write of a
 * claim in its transaction (db/queries/claims/claim-months.ts refreshClaimMonths); `rapport analyze`
 * rebuilds it. A partial month of a period is read from the claims themselves, by the same statement.
 */
export const claimMonths = pgTable(
  'claim_months',
  {
    orgId: orgIdColumn(),
    /** First day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    facet: text('facet').$type<'status' | 'type' | 'category' | 'days' | 'resolved'>().notNull(),
    key: text('key').notNull(),
    claims: integer('claims').notNull(),
    /** Of them, resolved or rejected (open = claims − closed). */
    closed: integer('closed').notNull(),
    /** Of the closed, those with a resolution date, and their days from receipt to resolution summed. */
    timed: integer('timed').notNull(),
    days: bigint('days', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.month, t.facet, t.key] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }).onDelete('cascade'),
  ],
);

/**
 * The satisfaction tallies of one month of the organisation (docs/analytics.md §16): responses, per
 * dimension the sum and number of scores, and the NPS classes, of the responses answered in the month.
 * Trends of whole months add these up; a partial month is read from the responses by the same
 * statement. Kept by every write of a response in its transaction (db/queries/surveys/survey-months.ts).
 */
export const surveyMonths = pgTable(
  'survey_months',
  {
    orgId: orgIdColumn(),
    month: date('month', { mode: 'string' }).notNull(),
    responses: integer('responses').notNull(),
    sumGoods: integer('sum_goods').notNull(),
    nGoods: integer('n_goods').notNull(),
    sumStaff: integer('sum_staff').notNull(),
    nStaff: integer('n_staff').notNull(),
    sumPrices: integer('sum_prices').notNull(),
    nPrices: integer('n_prices').notNull(),
    sumLogistics: integer('sum_logistics').notNull(),
    nLogistics: integer('n_logistics').notNull(),
    sumService: integer('sum_service').notNull(),
    nService: integer('n_service').notNull(),
    sumCompany: integer('sum_company').notNull(),
    nCompany: integer('n_company').notNull(),
    npsRespondents: integer('nps_respondents').notNull(),
    promoters: integer('promoters').notNull(),
    passives: integer('passives').notNull(),
    detractors: integer('detractors').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.month] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }).onDelete('cascade'),
  ],
);
