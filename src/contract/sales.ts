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
import { costBases, deliveryMethods, interactionKinds, orderStatuses } from './enums.js';

const oneOf = Type.Enum;
const Quantity = Type.Union(
  [Type.String({ pattern: '^-?\\d{1,10}(\\.\\d{1,3})?$' }), Type.Number({ minimum: -1e10, maximum: 1e10 })],
  { description: 'Quantity, up to 3 decimals; negative on a return line' },
);

// ---- products ---------------------------------------------------------------------------------
const productEditable = {
  sku: Type.String({ minLength: 1, maxLength: 100 }),
  name: Type.String({ minLength: 1, maxLength: 500 }),
  productGroup: Nullable(ShortText),
  unit: Type.String({ minLength: 1, maxLength: 20 }),
  listPrice: MoneyInput,
  cost: MoneyInput,
  externalId: Nullable(ShortText),
};
export const ProductCreate = Type.Object(
  {
    ...Type.Partial(Type.Object(productEditable)).properties,
    sku: productEditable.sku,
    name: productEditable.name,
  },
  { additionalProperties: false },
);
export const ProductUpdate = Type.Partial(Type.Object(productEditable), {
  additionalProperties: false,
  minProperties: 1,
});
export const Product = Type.Object({
  id: Id,
  ...productEditable,
  listPrice: Money,
  cost: Money,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ProductT = Static<typeof Product>;

// ---- orders -----------------------------------------------------------------------------------
export const OrderLineInput = Type.Object(
  {
    productId: Id,
    quantity: Quantity,
    price: Type.Optional(MoneyInput),
    unitCost: Type.Optional(MoneyInput),
  },
  {
    additionalProperties: false,
    description:
      "price defaults to the product's list price; unitCost to its purchase price (cost) when the catalogue has one (> 0), else the line's cost is unknown — never the list price",
  },
);
export const OrderLine = Type.Object({
  lineNo: Type.Integer(),
  productId: Id,
  sku: Type.String({ description: "The product's article code (SKU)" }),
  productName: Type.String(),
  quantity: Type.String(),
  price: Money,
  amount: Money,
  unitCost: Nullable(Money),
  costAmount: Nullable(Money),
  costBasis: oneOf(costBases, {
    description:
      "where the cost came from: given with the document (file or API), the catalogue's purchase price, or unknown (unitCost and costAmount null; left out of margin and profit)",
  }),
});
const orderEditable = {
  clientId: Id,
  legalEntityId: Nullable(Id),
  number: Type.String({ minLength: 1, maxLength: 60 }),
  orderDate: IsoDate,
  status: oneOf(orderStatuses),
  deliveryMethod: Nullable(oneOf(deliveryMethods)),
  logisticsCost: MoneyInput,
  paymentDueDate: Nullable(IsoDate),
  managerUserId: Nullable(Id),
  externalId: Nullable(ShortText),
  notes: Nullable(LongText),
  lines: Type.Array(OrderLineInput, { minItems: 1, maxItems: 2000 }),
};
export const OrderCreate = Type.Object(
  {
    ...Type.Partial(Type.Object(orderEditable)).properties,
    clientId: orderEditable.clientId,
    number: orderEditable.number,
    orderDate: orderEditable.orderDate,
    lines: orderEditable.lines,
  },
  { additionalProperties: false },
);
export const OrderUpdate = Type.Partial(Type.Object(orderEditable), { additionalProperties: false, minProperties: 1 });
export const Order = Type.Object({
  id: Id,
  ...orderEditable,
  logisticsCost: Money,
  total: Money,
  /** Null when a line's cost is unknown (see costBasis): the document's margin is then unknown, not total − 0. */
  costTotal: Nullable(Money),
  /** total − costTotal; null when a line's cost is unknown. */
  margin: Nullable(Money),
  lines: Type.Array(OrderLine),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type OrderT = Static<typeof Order>;
export type OrderCreateT = Static<typeof OrderCreate>;
export type OrderUpdateT = Static<typeof OrderUpdate>;
export const OrderListItem = Type.Omit(Order, ['lines']);
export type OrderListItemT = Static<typeof OrderListItem>;

/** A client's documents, a page at a time: `sort` is one of `sorts` ("-orderDate" newest first, the default). */
export const clientOrderSorts = ['orderDate', 'number', 'status', 'total', 'paymentDueDate'] as const;
export const ClientOrderListQuery = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(
      Type.String({
        maxLength: 40,
        description: `One of ${clientOrderSorts.join(', ')}; prefix with - for descending. Default -orderDate`,
      }),
    ),
    ...ExportQuery,
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    status: Type.Optional(oneOf(orderStatuses)),
  },
  { additionalProperties: false },
);
export type ClientOrderListQueryT = Static<typeof ClientOrderListQuery>;
export const ClientOrderItem = Type.Object({
  ...OrderListItem.properties,
  lineCount: Type.Integer({ description: 'How many lines the document has' }),
  paid: Money,
});
export type ClientOrderItemT = Static<typeof ClientOrderItem>;
export const ClientOrderPage = pageOf(ClientOrderItem);
export type ClientOrderPageT = Static<typeof ClientOrderPage>;

// ---- payments ---------------------------------------------------------------------------------
const paymentEditable = {
  clientId: Id,
  legalEntityId: Nullable(Id),
  orderId: Nullable(Id),
  paymentDate: IsoDate,
  amount: MoneyInput,
  externalId: Nullable(ShortText),
  notes: Nullable(LongText),
};
export const PaymentCreate = Type.Object(
  {
    ...Type.Partial(Type.Object(paymentEditable)).properties,
    clientId: paymentEditable.clientId,
    paymentDate: paymentEditable.paymentDate,
    amount: paymentEditable.amount,
  },
  { additionalProperties: false },
);
export const PaymentUpdate = Type.Partial(Type.Object(paymentEditable), {
  additionalProperties: false,
  minProperties: 1,
});
export const Payment = Type.Object({ id: Id, ...paymentEditable, amount: Money, createdAt: IsoDateTime });
export type PaymentT = Static<typeof Payment>;

export const clientPaymentSorts = ['paymentDate', 'amount'] as const;
export const ClientPaymentListQuery = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(
      Type.String({
        maxLength: 40,
        description: `One of ${clientPaymentSorts.join(', ')}; prefix with - for descending. Default -paymentDate`,
      }),
    ),
    ...ExportQuery,
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    orderId: Type.Optional(
      Type.Union([Id, Type.Literal('none')], {
        description: "Only the payments against this document; 'none' for those against no document",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ClientPaymentListQueryT = Static<typeof ClientPaymentListQuery>;
/** A payment with the number and date of the document it pays (null when it pays none). */
export const ClientPaymentItem = Type.Object({
  ...Payment.properties,
  orderNumber: Nullable(Type.String()),
  orderDate: Nullable(IsoDate),
});
export type ClientPaymentItemT = Static<typeof ClientPaymentItem>;
export const ClientPaymentPage = Type.Object({
  ...pageOf(ClientPaymentItem).properties,
  /** The sum of the payments the filter selects, on every page. */
  amount: Money,
});
export type ClientPaymentPageT = Static<typeof ClientPaymentPage>;

// ---- interactions -----------------------------------------------------------------------------
const interactionEditable = {
  clientId: Id,
  contactId: Nullable(Id),
  userId: Nullable(Id),
  kind: oneOf(interactionKinds),
  occurredAt: IsoDateTime,
  durationMinutes: Type.Integer({ minimum: 0, maximum: 10080 }),
  moneySpent: MoneyInput,
  outcome: Nullable(ShortText),
  notes: Nullable(LongText),
};
export const InteractionCreate = Type.Object(
  {
    ...Type.Partial(Type.Object(interactionEditable)).properties,
    clientId: interactionEditable.clientId,
    kind: interactionEditable.kind,
    occurredAt: interactionEditable.occurredAt,
  },
  { additionalProperties: false },
);
export const InteractionUpdate = Type.Partial(Type.Object(interactionEditable), {
  additionalProperties: false,
  minProperties: 1,
});
export const Interaction = Type.Object({ id: Id, ...interactionEditable, moneySpent: Money, createdAt: IsoDateTime });
export type InteractionT = Static<typeof Interaction>;

/** Lists of orders, payments, interactions, contacts, legal entities filter by client and by date. */
export const RecordListQuery = Type.Object(
  {
    ...PageQuery,
    ...ExportQuery,
    clientId: Type.Optional(Id),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type RecordListQueryT = Static<typeof RecordListQuery>;
export { pageOf };
