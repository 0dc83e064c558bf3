import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from '../../contract/common.js';
import {
  ClientLoss,
  ClientLossCreate,
  ClientLossListQuery,
  ClientLossPage,
  ClientLossUpdate,
  LossPareto,
  LossParetoQuery,
  type ClientLossT,
} from '../../contract/losses.js';
import { recordLabels } from '../../contract/record-labels.js';
import { lossReasonLabels, significanceLabels } from '../../core/losses/labels.js';
import { findLosses, getLoss, lossParetoOf, markClientLost, updateLoss } from '../../services/losses/losses.js';
import type { ColumnKind } from '../../files/spreadsheet.js';
import { fileLanguage, sendSheet, withProblems } from './responses.js';

/** The most rows one export carries. */
const EXPORT_ROWS = 100_000;
const EXPORT_PAGE = 200;

/** The columns of the loss list's file, in this order. */
const exportColumns = [
  'id',
  'clientId',
  'clientName',
  'lostOn',
  'reason',
  'competitor',
  'significance',
  'profitAtLoss',
  'reasonNotes',
  'systemicError',
  'winBackPlan',
  'wonBackOn',
  'wonBackOrderNumber',
  'createdAt',
] as const;
/** What the typed columns hold; the others are text. */
const columnKinds: Partial<Record<(typeof exportColumns)[number], ColumnKind>> = {
  id: 'id',
  clientId: 'id',
  lostOn: 'date',
  profitAtLoss: 'money',
  wonBackOn: 'date',
  createdAt: 'datetime',
};

export const lossRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['losses'];

  app.post(
    '/api/v1/clients/:id/loss',
    {
      schema: {
        tags,
        params: IdParams,
        body: ClientLossCreate,
        response: withProblems({ 201: ClientLoss }),
        summary:
          'Mark a client lost with the reason, the competitor, the systemic error and the win-back plan (409 when a loss is already open)',
      },
    },
    async (req, reply) => reply.status(201).send(await markClientLost(app.db, req.actor, req.params.id, req.body)),
  );

  app.get(
    '/api/v1/losses/pareto',
    {
      schema: {
        tags,
        querystring: LossParetoQuery,
        response: withProblems({ 200: LossPareto }),
        summary:
          'Pareto of loss reasons over a period (by=count|profit), the competitors named most and the won-back rate',
      },
    },
    (req) => lossParetoOf(app.db, req.actor, req.query),
  );

  app.get(
    '/api/v1/losses',
    {
      schema: {
        tags,
        querystring: ClientLossListQuery,
        response: withProblems({ 200: Type.Union([ClientLossPage, Type.Unknown()]) }),
        summary:
          'Loss records (filter by period of loss, reason, client, open or won back); format=csv|xlsx answers the whole filtered list as a file',
      },
    },
    async (req, reply) => {
      const q = req.query;
      if (!q.format) return findLosses(app.db, req.actor, q);
      const lang = fileLanguage(q);
      // Reasons and significance in words, as the web app shows them; money as decimal roubles.
      const cell = (item: ClientLossT, k: (typeof exportColumns)[number]) => {
        if (k === 'reason') return lossReasonLabels[item.reason][lang];
        if (k === 'significance') return item.significance ? significanceLabels[item.significance][lang] : null;
        return item[k] ?? null;
      };
      const rows: (string | number | null)[][] = [];
      for (let page = 1; rows.length < EXPORT_ROWS; page++) {
        const { items } = await findLosses(app.db, req.actor, { ...q, page, pageSize: EXPORT_PAGE });
        for (const item of items) rows.push(exportColumns.map((k) => cell(item, k)));
        if (items.length < EXPORT_PAGE) break;
      }
      return sendSheet(reply, q.format, 'losses', {
        name: 'losses',
        headers: exportColumns.map((k) => recordLabels[k]?.[lang] ?? k),
        rows,
        kinds: exportColumns.map((k) => columnKinds[k] ?? 'text'),
        lang,
      });
    },
  );

  app.get(
    '/api/v1/losses/:id',
    { schema: { tags, summary: 'Read a loss record', params: IdParams, response: withProblems({ 200: ClientLoss }) } },
    (req) => getLoss(app.db, req.actor, req.params.id),
  );

  app.patch(
    '/api/v1/losses/:id',
    {
      schema: {
        tags,
        summary: 'Change what a loss record says: reason, competitor, notes, systemic error, win-back plan',
        params: IdParams,
        body: ClientLossUpdate,
        response: withProblems({ 200: ClientLoss }),
      },
    },
    (req) => updateLoss(app.db, req.actor, req.params.id, req.body),
  );
};
