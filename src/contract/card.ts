import { Type, type Static } from 'typebox';
import { Client, ClientRelation, Contact, LegalEntity } from './clients.js';
import { IsoDate, Money, Nullable } from './common.js';
import { Interaction, OrderListItem, Payment } from './sales.js';

/** Block 2 of the card: purchase facts derived from the client's documents, never typed in. */
export const PurchaseFacts = Type.Object({
  orders: Type.Integer({ description: 'Documents that are not cancelled' }),
  revenue: Money,
  /** Σ (amount − cost) over the lines whose cost is known; null when none is (no cost data), never the whole revenue. */
  grossMargin: Nullable(Money),
  firstOrderDate: Nullable(IsoDate),
  lastOrderDate: Nullable(IsoDate),
  paid: Money,
  /** Null when the organisation does not track payments (see the analytics setting paymentTracking): the debt is unknown. */
  balanceDue: Nullable(Money),
  overdue: Nullable(Money),
  paymentsTracked: Type.Boolean({
    description: 'Whether payment discipline is tracked; without it what is owed is unknown',
  }),
  productsBought: Type.Integer(),
  interactionMinutes: Type.Integer(),
  relationshipSpend: Money,
});

export const ClientCard = Type.Object({
  client: Client,
  ownerName: Nullable(Type.String()),
  legalEntities: Type.Array(LegalEntity),
  contacts: Type.Array(Contact),
  relations: Type.Array(ClientRelation),
  purchases: PurchaseFacts,
  recentOrders: Type.Array(OrderListItem),
  recentPayments: Type.Array(Payment),
  recentInteractions: Type.Array(Interaction),
});
export type ClientCardT = Static<typeof ClientCard>;
