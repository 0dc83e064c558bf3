import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from '../../contract/common.js';
import { recordLabels } from '../../contract/record-labels.js';
import {
  ClientOrderListQuery,
  ClientOrderPage,
  ClientPaymentListQuery,
  ClientPaymentPage,
  type ClientOrderItemT,
  type ClientPaymentItemT,
  Interaction,
  InteractionCreate,
  InteractionUpdate,
  Order,
  OrderCreate,
  OrderListItem,
  OrderUpdate,
  Payment,
  PaymentCreate,
  PaymentUpdate,
  Product,
  ProductCreate,
  ProductUpdate,
  RecordListQuery,
} from '../../contract/sales.js';
import { interactionService } from '../../services/sales/interactions.js';
import { createOrder, deleteOrder, findOrders, getOrder, updateOrder } from '../../services/sales/orders.js';
import { paymentService } from '../../services/sales/payments.js';
import { productService } from '../../services/sales/products.js';
import { deliveryMethodLabels, orderStatusLabels } from '../../core/value-labels.js';
import type { Cell, ColumnKind, Lang } from '../../files/spreadsheet.js';
import { findClientOrders, findClientPayments } from '../../services/sales/client-documents.js';
import { recordRoutes } from './records.js';
import { fileLanguage, sendSheet, withProblems } from './responses.js';

/** The most rows one export carries, read a page at a time. */
const EXPORT_ROWS = 100_000;
const EXPORT_PAGE = 1000;

type Column<T> = [label: string, cell: (item: T, lang: Lang) => Cell, kind?: ColumnKind];

/** The client's documents as exported: words in the file's language, money and dates typed. */
const orderColumns: Column<ClientOrderItemT>[] = [
  ['number', (o) => o.number],
  ['orderDate', (o) => o.orderDate, 'date'],
  ['status', (o, l) => orderStatusLabels[o.status][l]],
  ['paymentDueDate', (o) => o.paymentDueDate, 'date'],
  ['total', (o) => o.total, 'money'],
  ['costTotal', (o) => o.costTotal, 'money'],
  ['margin', (o) => o.margin, 'money'],
  ['paid', (o) => o.paid, 'money'],
  ['lineCount', (o) => o.lineCount, 'integer'],
  ['deliveryMethod', (o, l) => (o.deliveryMethod ? deliveryMethodLabels[o.deliveryMethod][l] : null)],
  ['logisticsCost', (o) => o.logisticsCost, 'money'],
  ['notes', (o) => o.notes],
  ['externalId', (o) => o.externalId],
  ['id', (o) => o.id, 'id'],
];
const paymentColumns: Column<ClientPaymentItemT>[] = [
  ['paymentDate', (p) => p.paymentDate, 'date'],
  ['amount', (p) => p.amount, 'money'],
  ['orderNumber', (p) => p.orderNumber],
  ['documentDate', (p) => p.orderDate, 'date'],
  ['notes', (p) => p.notes],
  ['externalId', (p) => p.externalId],
  ['id', (p) => p.id, 'id'],
  ['orderId', (p) => p.orderId, 'id'],
];

/** Every page of a list (up to EXPORT_ROWS rows) as the rows of a sheet. */
async function exportRows<T>(
  find: (page: number, pageSize: number) => Promise<{ items: T[] }>,
  columns: Column<T>[],
  lang: Lang,
): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  for (let page = 1; rows.length < EXPORT_ROWS; page++) {
    const { items } = await find(page, EXPORT_PAGE);
    for (const item of items) rows.push(columns.map(([, cell]) => cell(item, lang)));
    if (items.length < EXPORT_PAGE) break;
  }
  return rows;
}

const sheetOf = <T>(name: string, columns: Column<T>[], rows: Cell[][], lang: Lang) => ({
  name,
  headers: columns.map(([key]) => recordLabels[key]?.[lang] ?? key),
  rows,
  kinds: columns.map(([, , kind]) => kind ?? 'text'),
  lang,
});

export const salesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/clients/:id/orders',
    {
      schema: {
        tags: ['sales'],
        summary:
          "A client's sales documents, a page at a time, with their lines counted and what was paid against each; format=csv|xlsx answers the whole filtered list as a file",
        params: IdParams,
        querystring: ClientOrderListQuery,
        response: withProblems({ 200: Type.Union([ClientOrderPage, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const id = req.params.id;
      if (!q.format) return findClientOrders(app.db, req.actor, id, q);
      const lang = fileLanguage(q);
      const find = (page: number, pageSize: number) =>
        findClientOrders(app.db, req.actor, id, { ...q, page, pageSize });
      const name = `client-${id}-orders`;
      return sendSheet(
        reply,
        q.format,
        name,
        sheetOf(name, orderColumns, await exportRows(find, orderColumns, lang), lang),
      );
    },
  );
  app.get(
    '/api/v1/clients/:id/payments',
    {
      schema: {
        tags: ['sales'],
        summary:
          "A client's payments, a page at a time, each with the number of the document it pays; format=csv|xlsx answers the whole filtered list as a file",
        params: IdParams,
        querystring: ClientPaymentListQuery,
        response: withProblems({ 200: Type.Union([ClientPaymentPage, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const id = req.params.id;
      if (!q.format) return findClientPayments(app.db, req.actor, id, q);
      const lang = fileLanguage(q);
      const find = (page: number, pageSize: number) =>
        findClientPayments(app.db, req.actor, id, { ...q, page, pageSize });
      const name = `client-${id}-payments`;
      return sendSheet(
        reply,
        q.format,
        name,
        sheetOf(name, paymentColumns, await exportRows(find, paymentColumns, lang), lang),
      );
    },
  );
  recordRoutes(app, {
    path: 'products',
    tag: 'catalogue',
    noun: 'product',
    item: Product,
    create: ProductCreate,
    update: ProductUpdate,
    listQuery: RecordListQuery,
    useCases: productService,
  });
  recordRoutes(app, {
    path: 'orders',
    tag: 'sales',
    noun: 'order',
    item: Order,
    listItem: OrderListItem,
    create: OrderCreate,
    update: OrderUpdate,
    listQuery: RecordListQuery,
    useCases: {
      create: createOrder,
      update: updateOrder,
      get: getOrder,
      remove: deleteOrder,
      find: findOrders,
    },
  });
  recordRoutes(app, {
    path: 'payments',
    tag: 'sales',
    noun: 'payment',
    item: Payment,
    create: PaymentCreate,
    update: PaymentUpdate,
    listQuery: RecordListQuery,
    useCases: paymentService,
  });
  recordRoutes(app, {
    path: 'interactions',
    tag: 'relations',
    noun: 'interaction',
    item: Interaction,
    create: InteractionCreate,
    update: InteractionUpdate,
    listQuery: RecordListQuery,
    useCases: interactionService,
  });
};
