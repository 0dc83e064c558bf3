import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ClaimCreate,
  ClaimDetail,
  ClaimListQuery,
  ClaimPage,
  ClaimSummary,
  ClaimSummaryQuery,
  ClaimTransition,
  ClaimUpdate,
  type ClaimT,
} from '../../contract/claims.js';
import { IdParams } from '../../contract/common.js';
import { recordLabels } from '../../contract/record-labels.js';
import { yesNoLabels } from '../../core/value-labels.js';
import {
  claimCategoryLabels,
  claimSeverityLabels,
  claimStatusLabels,
  claimTypeLabels,
} from '../../core/claims/labels.js';
import {
  claimSummary,
  createClaim,
  deleteClaim,
  findClaims,
  getClaim,
  transitionClaim,
  updateClaim,
} from '../../services/claims/claims.js';
import { fileLanguage, noContent, sendSheet, withProblems } from './responses.js';

const EXPORT_ROWS = 100_000;
const EXPORT_PAGE = 1000;

import type { Cell, ColumnKind, Lang } from '../../files/spreadsheet.js';

/**
 * The columns of the exported list: label key (record-labels.ts) and the cell. Vocabularies are written
 * as words in the file's language, not as API codes, since the file is for people.
 */
const exportColumns: [string, (c: ClaimT, lang: Lang) => Cell, ColumnKind?][] = [
  ['id', (c) => c.id, 'id'],
  ['receivedOn', (c) => c.receivedOn, 'date'],
  ['clientName', (c) => c.clientName],
  ['claimType', (c, l) => claimTypeLabels[c.type][l]],
  ['claimCategory', (c, l) => claimCategoryLabels[c.category][l]],
  ['severity', (c, l) => claimSeverityLabels[c.severity][l]],
  ['subject', (c) => c.subject],
  ['description', (c) => c.description],
  ['contactName', (c) => c.contactName],
  ['orderNumber', (c) => c.orderNumber],
  ['responsibleName', (c) => c.responsibleName],
  ['status', (c, l) => claimStatusLabels[c.status][l]],
  ['dueOn', (c) => c.dueOn, 'date'],
  ['overdue', (c, l) => (c.overdue ? yesNoLabels.yes[l] : null)],
  ['resolvedOn', (c) => c.resolvedOn, 'date'],
  ['daysToResolve', (c) => c.daysToResolve, 'integer'],
  ['resolution', (c) => c.resolution],
  ['clientId', (c) => c.clientId, 'id'],
];

/** Claims and wishes of clients: list (and export), create, read, change, delete, the workflow and the summary. */
export const claimRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['voice of the client'];
  const base = '/api/v1/claims';

  app.get(
    base,
    {
      schema: {
        tags,
        summary:
          'List claims and wishes (filters, sort, page); format=csv|xlsx answers the whole filtered list as a file',
        querystring: ClaimListQuery,
        response: withProblems({ 200: Type.Union([ClaimPage, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      if (!q.format) return findClaims(app.db, req.actor, q);
      const lang: Lang = fileLanguage(q);
      const rows: Cell[][] = [];
      for (let page = 1; rows.length < EXPORT_ROWS; page++) {
        const { items } = await findClaims(app.db, req.actor, { ...q, page, pageSize: EXPORT_PAGE });
        for (const item of items) rows.push(exportColumns.map(([, cell]) => cell(item, lang)));
        if (items.length < EXPORT_PAGE) break;
      }
      return sendSheet(reply, q.format, 'claims', {
        name: 'claims',
        headers: exportColumns.map(([key]) => recordLabels[key]?.[lang] ?? key),
        rows,
        kinds: exportColumns.map(([, , kind]) => kind ?? 'text'),
        lang,
      });
    },
  );

  app.get(
    `${base}/summary`,
    {
      schema: {
        tags,
        summary:
          'Claims across the company or for one client: by status, type and category, overdue, time to resolve, per month',
        querystring: ClaimSummaryQuery,
        response: withProblems({ 200: ClaimSummary }),
      },
    },
    (req) => claimSummary(app.db, req.actor, req.query),
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Record a claim or wish (it starts as new)',
        body: ClaimCreate,
        response: withProblems({ 201: ClaimDetail }),
      },
    },
    async (req, reply) => reply.status(201).send(await createClaim(app.db, req.actor, req.body)),
  );
  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Read a claim with its history',
        params: IdParams,
        response: withProblems({ 200: ClaimDetail }),
      },
    },
    (req) => getClaim(app.db, req.actor, req.params.id),
  );
  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Change a claim (only the fields given; the status moves through /transition)',
        params: IdParams,
        body: ClaimUpdate,
        response: withProblems({ 200: ClaimDetail }),
      },
    },
    (req) => updateClaim(app.db, req.actor, req.params.id, req.body),
  );
  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a claim and its history',
        params: IdParams,
        response: withProblems({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await deleteClaim(app.db, req.actor, req.params.id);
      return noContent(reply);
    },
  );
  app.post(
    `${base}/:id/transition`,
    {
      schema: {
        tags,
        summary:
          'Move a claim along its workflow: new → in_progress | rejected; in_progress → resolved | rejected; resolved | rejected → in_progress. Resolving or rejecting needs a resolution; a step not allowed answers 409',
        params: IdParams,
        body: ClaimTransition,
        response: withProblems({ 200: ClaimDetail }),
      },
    },
    (req) => transitionClaim(app.db, req.actor, req.params.id, req.body),
  );
};
