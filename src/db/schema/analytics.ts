import {
  bigint,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { clients } from './clients.js';
import { money, orgIdColumn, type Word } from './columns.js';
import { organizations } from './organizations.js';
import type {
  abcClasses,
  computedCategories,
  LadderStage,
  rfmSegments,
  xyzClasses,
} from '../../core/analytics/segments.js';
import type { categoryOverrides } from '../../core/vocabulary.js';

// Derived tables: everything here is rebuilt from the raw documents by `rapport analyze`, and kept in
// step by every write of an order, payment, interaction or client status in the same transaction.

/**
 * One client's activity in one calendar month (UTC): the rollup every figure, segmentation and chart
 * is computed from, so no question has to scan the order lines.
 */
export const clientMonths = pgTable(
  'client_months',
  {
    orgId: orgIdColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    /** First day of the month. */
    month: date('month', { mode: 'string' }).notNull(),
    /** Σ line amounts of non-cancelled documents, returns negative (net revenue), kopecks. */
    revenue: money('revenue').notNull().default(0),
    /** Σ line cost amounts of the same lines whose cost is known, kopecks. */
    cost: money('cost').notNull().default(0),
    /** Σ line amounts of the lines whose cost is unknown (cost_basis 'unknown'): revenue no margin is known for. */
    uncostedRevenue: money('uncosted_revenue').notNull().default(0),
    /** How many of the month's lines have an unknown cost (all of them: nothing is known about the margin). */
    uncostedLines: integer('uncosted_lines').notNull().default(0),
    /** −Σ amounts of returned lines (a positive number), kopecks. */
    returns: money('returns').notNull().default(0),
    /** Σ quantity × list price at the time of sale, over sold lines that carry a list price. */
    listAmount: money('list_amount').notNull().default(0),
    /** Σ amounts of those same lines, so the discount is 1 − listed / list. */
    listedAmount: money('listed_amount').notNull().default(0),
    /** Sales documents (non-cancelled, total > 0). */
    orders: integer('orders').notNull().default(0),
    /** Return documents (non-cancelled, total < 0). */
    returnDocuments: integer('return_documents').notNull().default(0),
    /** Distinct dates of sales documents. */
    purchaseDays: integer('purchase_days').notNull().default(0),
    firstPurchase: date('first_purchase', { mode: 'string' }),
    lastPurchase: date('last_purchase', { mode: 'string' }),
    lines: integer('lines').notNull().default(0),
    /** Distinct products sold (positive quantity), for assortment breadth over any period. */
    products: bigint('products', { mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    /** Σ logistics cost of the month's non-cancelled documents. */
    logistics: money('logistics').notNull().default(0),
    interactions: integer('interactions').notNull().default(0),
    /** Σ interaction minutes: the managers' time. */
    minutes: integer('minutes').notNull().default(0),
    /** Σ money spent on receptions, entertainment, gifts. */
    spend: money('spend').notNull().default(0),
    payments: money('payments').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.clientId, t.month] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    index('client_months_month_idx').on(t.orgId, t.month),
  ],
);

/**
 * How each sales document was paid, allocating all of the client's credits (payments and returns) to
 * its documents first-in first-out by due date (as 1C settles by documents). A document is cut into
 * pieces, one per day on which credits covered part of it and one for the part still open, so a
 * return or payment covering part of a document reduces what is owed and overdue by just that part.
 */
export const orderSettlements = pgTable(
  'order_settlements',
  {
    orgId: orgIdColumn(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    /** 1, 2, … in the order the pieces were covered; the open piece, if any, is last. */
    piece: integer('piece').notNull().default(1),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    /** The due date, or the order date plus the client's deferral, or the order date. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** This piece's amount; the pieces of a document add up to its total. */
    amount: money('amount').notNull(),
    /** Σ of the client's documents in settlement order up to the end of this piece. */
    cumulative: money('cumulative').notNull(),
    /** The date the client's credits covered this piece; null while it is open. */
    settledOn: date('settled_on', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.orderId, t.piece] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    index('order_settlements_client_idx').on(t.orgId, t.clientId, t.dueOn),
  ],
);

/** A client's loyalty-ladder stage from a month on (evaluated at the month's end, or today). */
export const clientStageChanges = pgTable(
  'client_stage_changes',
  {
    orgId: orgIdColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    stage: text('stage').$type<LadderStage>().notNull(),
    previousStage: text('previous_stage').$type<LadderStage>(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.clientId, t.month] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    index('client_stage_changes_month_idx').on(t.orgId, t.month),
  ],
);

/**
 * Every figure of a client for the organisation's current period, with its segments: the table lists
 * filter and sort on. Figures follow each write; org-wide classes follow each refresh.
 */
export const clientFigures = pgTable(
  'client_figures',
  {
    orgId: orgIdColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    revenue: money('revenue').notNull().default(0),
    /** Cost, margin and profit are over the revenue whose cost is known; null when none of it is (figures.ts). */
    cost: money('cost'),
    /** Revenue of lines with an unknown cost, left out of cost, margin and profit. */
    uncostedRevenue: money('uncosted_revenue').notNull().default(0),
    margin: money('margin'),
    marginPct: numeric('margin_pct', { precision: 9, scale: 2 }),
    returns: money('returns').notNull().default(0),
    orders: integer('orders').notNull().default(0),
    purchaseDays: integer('purchase_days').notNull().default(0),
    ordersPerMonth: numeric('orders_per_month', { precision: 9, scale: 2 }).notNull().default('0'),
    avgIntervalDays: numeric('avg_interval_days', { precision: 9, scale: 1 }),
    recencyDays: integer('recency_days'),
    tenureDays: integer('tenure_days'),
    firstPurchase: date('first_purchase', { mode: 'string' }),
    lastPurchase: date('last_purchase', { mode: 'string' }),
    productsBought: integer('products_bought').notNull().default(0),
    groupsBought: integer('groups_bought').notNull().default(0),
    avgDiscountPct: numeric('avg_discount_pct', { precision: 7, scale: 2 }),
    avgDelayDays: numeric('avg_delay_days', { precision: 9, scale: 1 }),
    maxDelayDays: integer('max_delay_days'),
    /** Null while the organisation does not track payments (then nothing is overdue or late: unknown). */
    overdueNow: money('overdue_now'),
    interactions: integer('interactions').notNull().default(0),
    managerMinutes: integer('manager_minutes').notNull().default(0),
    managerTimeCost: money('manager_time_cost').notNull().default(0),
    logisticsCost: money('logistics_cost').notNull().default(0),
    relationshipSpend: money('relationship_spend').notNull().default(0),
    latePaymentCost: money('late_payment_cost').notNull().default(0),
    costToServe: money('cost_to_serve').notNull().default(0),
    profit: money('profit'),
    activeMonths: smallint('active_months').notNull().default(0),
    revenueCv: doublePrecision('revenue_cv'),
    // Org-wide classes, set by the refresh.
    profitShare: doublePrecision('profit_share'),
    timeShare: doublePrecision('time_share'),
    abcRevenue: text('abc_revenue').$type<Word<typeof abcClasses>>(),
    /** ABC by gross sales (revenue before returns), as 1C's sales reports count it. */
    abcGross: text('abc_gross').$type<Word<typeof abcClasses>>(),
    abcProfit: text('abc_profit').$type<Word<typeof abcClasses>>(),
    xyz: text('xyz').$type<Word<typeof xyzClasses>>(),
    rScore: smallint('r_score'),
    fScore: smallint('f_score'),
    mScore: smallint('m_score'),
    rfmSegment: text('rfm_segment').$type<Word<typeof rfmSegments>>(),
    computedCategory: text('computed_category').$type<Word<typeof computedCategories>>(),
    /** The manual category when a person set one, else the computed one. */
    category: text('category').$type<Word<typeof computedCategories> | Word<typeof categoryOverrides>>(),
    ladderStage: text('ladder_stage').$type<LadderStage>().notNull().default('unaware'),
    stageSince: date('stage_since', { mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.clientId] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    // The figure list's usual sorts, each in the exact order the list asks for (figure-list.ts: the
    // figure, NULLS LAST when it may be unknown, then client_id ascending), so a page of 100k clients
    // is read in index order instead of sorting every row: -profit (the default), revenue both ways,
    // -costToServe, -orders, -marginPct. Every index costs each update that is not HOT (measured at
    // 100k: rewriting every row took 1.8 s with 7 indexes, 4 s with 13), so the figures that change
    // with time alone have none: recencyDays moves for every buyer every day, and an index on it would
    // make each daily update touch every index instead of staying on its page.
    index('client_figures_revenue_idx').on(t.orgId, t.revenue, t.clientId),
    index('client_figures_profit_idx').on(t.orgId, t.profit.desc().nullsLast(), t.clientId),
    index('client_figures_cost_to_serve_idx').on(t.orgId, t.costToServe.desc().nullsFirst(), t.clientId),
    index('client_figures_orders_idx').on(t.orgId, t.orders.desc().nullsFirst(), t.clientId),
    index('client_figures_margin_pct_idx').on(t.orgId, t.marginPct.desc().nullsLast(), t.clientId),
    // The list's usual segment filters, so their pages and counts read only the matching clients; the
    // ABC class and the ladder stage are read in the order of the default sort, -profit, too, so a
    // page of class C need not pass A and B.
    index('client_figures_abc_profit_idx').on(t.orgId, t.abcProfit, t.profit.desc().nullsLast(), t.clientId),
    index('client_figures_stage_idx').on(t.orgId, t.ladderStage, t.profit.desc().nullsLast(), t.clientId),
    index('client_figures_category_idx').on(t.orgId, t.category),
    index('client_figures_rfm_idx').on(t.orgId, t.rfmSegment),
  ],
);

/** The last org-wide refresh: its period, cut points and the charts computed with it. */
export const orgAnalytics = pgTable('org_analytics', {
  orgId: orgIdColumn()
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  periodFrom: date('period_from', { mode: 'string' }).notNull(),
  periodTo: date('period_to', { mode: 'string' }).notNull(),
  asOf: date('as_of', { mode: 'string' }).notNull(),
  summary: jsonb('summary')
    .notNull()
    .default(sql`'{}'::jsonb`),
  computedAt: timestamp('computed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  durationMs: integer('duration_ms').notNull().default(0),
});
