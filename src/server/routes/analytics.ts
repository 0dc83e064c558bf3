import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import {
  AnalyticsSettingsChange,
  AnalyticsSettingsSchema,
  AnalyticsSummary,
  ChartQuery,
  ClientAnalytics,
  Cohorts,
  Flows,
  FiguresListQuery,
  FiguresPage,
  Funnel,
  Insignificant,
  Matrix,
  RefreshResult,
  RfmMap,
  Whale,
} from '../../contract/analytics.js';
import { IdParams } from '../../contract/common.js';
import { assertAdministrator, assertCanWrite } from '../../services/actor.js';
import { rebuildAnalytics, refreshAnalytics } from '../../services/analytics/refresh.js';
import {
  analyticsSummary,
  cohortsOf,
  findClientFigures,
  flowsOf,
  funnelOf,
  getClientAnalytics,
  insignificantOf,
  matrixOf,
  refreshResultView,
  rfmOf,
  whaleOf,
} from '../../services/analytics/reports.js';
import {
  analyticsSettingsFor,
  settingsChangeOf,
  settingsView,
  updateAnalyticsSettings,
} from '../../services/analytics/settings.js';
import {
  cohortSheet,
  figuresSheet,
  flowSheet,
  funnelSheet,
  matrixSheet,
  rfmSheet,
  whaleSheet,
} from '../../services/analytics/sheets.js';
import type { Sheet } from '../../files/spreadsheet.js';
import { fileLanguage, sendSheet, withProblems } from './responses.js';

/** The most rows one export carries; larger bases export by filter. */
const EXPORT_ROWS = 100_000;

/** Answers with the sheet as a file when the query asks for csv/xlsx; otherwise returns undefined. */
function sendFile(
  reply: FastifyReply,
  query: { format?: string | undefined },
  name: string,
  sheet: () => Sheet,
): FastifyReply | undefined {
  if (query.format !== 'csv' && query.format !== 'xlsx') return undefined;
  return sendSheet(reply, query.format, name, sheet());
}

const files = { 200: Type.Unknown({ description: 'JSON, or the file when format=csv|xlsx' }) };

export const analyticsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['analytics'];
  app.get(
    '/api/v1/analytics/summary',
    {
      schema: {
        tags,
        summary: 'Dashboard figures: totals, ladder, categories, retention and the significant-clients alarm',
        response: withProblems({ 200: AnalyticsSummary }),
      },
    },
    (req) => analyticsSummary(app.db, req.actor),
  );

  app.get(
    '/api/v1/analytics/clients',
    {
      schema: {
        tags,
        summary:
          'Clients with every figure: filter by segment and range, sort by any figure, any period; CSV/XLSX export',
        querystring: FiguresListQuery,
        response: withProblems({ ...files, 200: Type.Union([FiguresPage, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const exporting = q.format === 'csv' || q.format === 'xlsx';
      const page = await findClientFigures(app.db, req.actor, q, {}, exporting ? EXPORT_ROWS : undefined);
      return sendFile(reply, q, 'clients', () => figuresSheet(page.items, fileLanguage(q))) ?? page;
    },
  );

  app.get(
    '/api/v1/analytics/clients/:id',
    {
      schema: {
        tags,
        summary: "One client's figures, cost to serve, segments, monthly series and ladder history",
        params: IdParams,
        response: withProblems({ 200: ClientAnalytics }),
      },
    },
    (req) => getClientAnalytics(app.db, req.actor, req.params.id),
  );

  app.get(
    '/api/v1/analytics/matrix',
    {
      schema: {
        tags,
        summary:
          'ABC × XYZ matrix: clients, revenue, gross sales and profit per cell (basis=profit|revenue|gross), with the rules in force',
        querystring: ChartQuery,
        response: withProblems({ 200: Type.Union([Matrix, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const matrix = await matrixOf(app.db, req.actor, q.basis ?? 'profit');
      return sendFile(reply, q, 'abc-xyz', () => matrixSheet(matrix, fileLanguage(q))) ?? matrix;
    },
  );

  app.get(
    '/api/v1/analytics/rfm',
    {
      schema: {
        tags,
        summary: 'RFM segments and the R × F grid',
        querystring: ChartQuery,
        response: withProblems({ 200: Type.Union([RfmMap, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const map = await rfmOf(app.db, req.actor);
      return sendFile(reply, q, 'rfm', () => rfmSheet(map.segments, fileLanguage(q))) ?? map;
    },
  );

  app.get(
    '/api/v1/analytics/whale',
    {
      schema: {
        tags,
        summary: 'Whale curve: cumulative profit after cost to serve against clients ranked by profit',
        querystring: ChartQuery,
        response: withProblems({ 200: Type.Union([Whale, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const whale = await whaleOf(app.db, req.actor);
      return sendFile(reply, q, 'whale-curve', () => whaleSheet(whale.curve, fileLanguage(q))) ?? whale;
    },
  );

  app.get(
    '/api/v1/analytics/insignificant',
    {
      schema: {
        tags,
        summary: "Steady clients giving a small share of profit yet taking managers' time (docs/analytics.md §11)",
        querystring: FiguresListQuery,
        response: withProblems({ 200: Type.Union([Insignificant, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const exporting = q.format === 'csv' || q.format === 'xlsx';
      const page = await findClientFigures(
        app.db,
        req.actor,
        { ...q, from: undefined, to: undefined, sort: q.sort ?? '-managerMinutes' },
        { computedCategory: 'insignificant' },
        exporting ? EXPORT_ROWS : undefined,
      );
      return (
        sendFile(reply, q, 'insignificant-clients', () => figuresSheet(page.items, fileLanguage(q))) ?? {
          totals: await insignificantOf(app.db, req.actor),
          ...page,
        }
      );
    },
  );

  app.get(
    '/api/v1/analytics/ladder',
    {
      schema: {
        tags,
        summary: 'Loyalty-ladder funnel for a period of months: climbed, stayed, fell',
        querystring: ChartQuery,
        response: withProblems({ 200: Type.Union([Funnel, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const funnel = await funnelOf(app.db, req.actor, q);
      return sendFile(reply, q, 'loyalty-ladder', () => funnelSheet(funnel.transitions, fileLanguage(q))) ?? funnel;
    },
  );

  app.get(
    '/api/v1/analytics/cohorts',
    {
      schema: {
        tags,
        summary: 'Cohort retention by quarter of first purchase',
        querystring: ChartQuery,
        response: withProblems({ 200: Type.Union([Cohorts, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const cohorts = await cohortsOf(app.db, req.actor);
      return sendFile(reply, q, 'cohorts', () => cohortSheet(cohorts.cohorts, fileLanguage(q))) ?? cohorts;
    },
  );

  app.get(
    '/api/v1/analytics/retention',
    {
      schema: {
        tags,
        summary:
          'Retention rate per quarter or year against the reference, and significant clients lost vs gained with the alarm',
        querystring: ChartQuery,
        response: withProblems({ 200: Type.Union([Flows, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const flows = await flowsOf(app.db, req.actor, q.grain ?? 'quarter');
      return sendFile(reply, q, 'retention', () => flowSheet(flows.periods, fileLanguage(q))) ?? flows;
    },
  );

  app.get(
    '/api/v1/analytics/settings',
    {
      schema: {
        tags,
        summary: 'Costs and thresholds behind the analytics',
        response: withProblems({ 200: AnalyticsSettingsSchema }),
      },
    },
    async (req) => settingsView(await analyticsSettingsFor(app.db, req.actor.orgId)),
  );
  app.patch(
    '/api/v1/analytics/settings',
    {
      schema: {
        tags,
        summary: 'Change costs and thresholds (owner, head of sales); figures follow at the next refresh',
        body: AnalyticsSettingsChange,
        response: withProblems({ 200: AnalyticsSettingsSchema }),
      },
    },
    async (req) => {
      const next = await updateAnalyticsSettings(app.db, req.actor, settingsChangeOf(req.body));
      app.analyticsRefresher?.requestSoon(req.actor.orgId, 0);
      return settingsView(next);
    },
  );

  app.post(
    '/api/v1/analytics/refresh',
    {
      schema: {
        tags,
        summary: 'Recompute every figure, class and chart from the rollups now',
        response: withProblems({ 200: RefreshResult }),
      },
    },
    async (req) => {
      assertCanWrite(req.actor);
      return refreshResultView(await refreshAnalytics(app.db, req.actor.orgId, { full: true }));
    },
  );
  app.post(
    '/api/v1/analytics/rebuild',
    {
      schema: {
        tags,
        summary: 'Rebuild all analytics from the raw documents (administrator)',
        response: withProblems({ 200: RefreshResult }),
      },
    },
    async (req) => {
      assertAdministrator(req.actor);
      return refreshResultView(await rebuildAnalytics(app.db, req.actor.orgId));
    },
  );
};
