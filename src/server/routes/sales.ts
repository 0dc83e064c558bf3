import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
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
import { recordRoutes } from './records.js';

export const salesRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
