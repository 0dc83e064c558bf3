import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { clients, contacts, legalEntities } from './clients.js';
import { createdAt, idColumn, money, orgIdColumn, updatedAt, type Word } from './columns.js';
import { organizations, users } from './organizations.js';
import type { costBases, deliveryMethods, interactionKinds, orderStatuses } from '../../core/vocabulary.js';

export const products = pgTable(
  'products',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    productGroup: text('product_group'),
    unit: text('unit').notNull().default('шт'),
    listPrice: money('list_price').notNull().default(0),
    cost: money('cost').notNull().default(0),
    externalId: text('external_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('products_sku_idx').on(t.orgId, t.sku)],
);

/** A sales document. Totals are kept in step with its lines by the write path. */
export const orders = pgTable(
  'orders',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    legalEntityId: bigint('legal_entity_id', { mode: 'number' }),
    number: text('number').notNull(),
    orderDate: date('order_date', { mode: 'string' }).notNull(),
    /** draft | confirmed | shipped | completed | cancelled */
    status: text('status').$type<Word<typeof orderStatuses>>().notNull().default('completed'),
    /** pickup | delivery */
    deliveryMethod: text('delivery_method').$type<Word<typeof deliveryMethods>>(),
    logisticsCost: money('logistics_cost').notNull().default(0),
    paymentDueDate: date('payment_due_date', { mode: 'string' }),
    /** Σ line amounts, kopecks. */
    total: money('total').notNull().default(0),
    /** Σ line cost amounts, kopecks. */
    costTotal: money('cost_total').notNull().default(0),
    managerUserId: bigint('manager_user_id', { mode: 'number' }),
    externalId: text('external_id'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({ columns: [t.orgId, t.legalEntityId], foreignColumns: [legalEntities.orgId, legalEntities.id] }),
    foreignKey({ columns: [t.orgId, t.managerUserId], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    index('orders_client_date_idx').on(t.orgId, t.clientId, t.orderDate),
    index('orders_date_idx').on(t.orgId, t.orderDate),
    index('orders_number_idx').on(t.orgId, t.number),
  ],
);

/**
 * One line of a sales document, with the price and unit cost at the time of sale.
 * client_id and order_date repeat the order's so analytics can scan lines without a join.
 */
export const orderLines = pgTable(
  'order_lines',
  {
    orgId: orgIdColumn(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    lineNo: integer('line_no').notNull(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    orderDate: date('order_date', { mode: 'string' }).notNull(),
    productId: bigint('product_id', { mode: 'number' }).notNull(),
    /** Negative on returns. */
    quantity: numeric('quantity', { precision: 14, scale: 3 }).notNull(),
    price: money('price').notNull(),
    unitCost: money('unit_cost').notNull(),
    /** The product's list price at the time of sale, for the discount given (null when unknown). */
    listPrice: money('list_price'),
    /** round(quantity × price), kopecks. */
    amount: money('amount').notNull(),
    /** round(quantity × unit cost), kopecks. */
    costAmount: money('cost_amount').notNull(),
    /**
     * Where the line's cost came from: 'document' (the file's cost column or the API's unitCost),
     * 'catalogue' (the product's purchase price, products.cost > 0), or 'unknown' — then unit_cost and
     * cost_amount are 0 and mean nothing: analytics leave the line out of cost, margin and profit
     * rather than count it as pure profit. A flag beside the NOT NULL costs keeps every Σ cost as it was.
     */
    costBasis: text('cost_basis').$type<Word<typeof costBases>>().notNull().default('document'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.orderId, t.lineNo] }),
    foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.productId], foreignColumns: [products.orgId, products.id] }),
    // No index by product: at millions of lines its random inserts dominate bulk loads (measured), and
    // the product questions are answered from per-client rollups, not by probing lines.
    index('order_lines_client_date_idx').on(t.orgId, t.clientId, t.orderDate),
  ],
);

export const payments = pgTable(
  'payments',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    legalEntityId: bigint('legal_entity_id', { mode: 'number' }),
    orderId: bigint('order_id', { mode: 'number' }),
    paymentDate: date('payment_date', { mode: 'string' }).notNull(),
    amount: money('amount').notNull(),
    externalId: text('external_id'),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({ columns: [t.orgId, t.legalEntityId], foreignColumns: [legalEntities.orgId, legalEntities.id] }),
    foreignKey({ columns: [t.orgId, t.orderId], foreignColumns: [orders.orgId, orders.id] }).onDelete('set null'),
    index('payments_client_date_idx').on(t.orgId, t.clientId, t.paymentDate),
    index('payments_order_idx').on(t.orgId, t.orderId),
  ],
);

/** Calls, meetings, visits, receptions, gifts…: manager time and relationship spend per client. */
export const interactions = pgTable(
  'interactions',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    contactId: bigint('contact_id', { mode: 'number' }),
    userId: bigint('user_id', { mode: 'number' }),
    /** call | meeting | visit | email | reception | gift | congratulation | training */
    kind: text('kind').$type<Word<typeof interactionKinds>>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(0),
    moneySpent: money('money_spent').notNull().default(0),
    outcome: text('outcome'),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('set null'),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    index('interactions_client_idx').on(t.orgId, t.clientId, t.occurredAt),
  ],
);
