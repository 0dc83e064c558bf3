import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { IdParams, Problem } from '../../contract/common.js';
import { acceptedLanguage, translate } from '../../core/messages/index.js';
import {
  PublicSurvey,
  PublicSurveyAnswer,
  PublicSurveyAnswered,
  PublicSurveyParams,
  SurveyLinkClosedProblem,
  SurveyLinkCreate,
  SurveyLinkCreated,
  SurveyLinkList,
  SurveyLinkListQuery,
  SurveyResponse,
  SurveyResponseCreate,
  SurveyResponseListQuery,
  SurveyResponsePage,
  SurveyTrends,
  SurveyTrendsQuery,
  type SurveyLinkClosedProblemT,
} from '../../contract/surveys.js';
import {
  SurveyLinkClosed,
  answerPublicSurvey,
  createSurveyLink,
  findSurveyLinks,
  readPublicSurvey,
  revokeSurveyLink,
} from '../../services/surveys/links.js';
import {
  createSurveyResponse,
  findSurveyResponses,
  getSurveyResponse,
  removeSurveyResponse,
  surveyResponsesSheet,
} from '../../services/surveys/responses.js';
import { surveyTrends } from '../../services/surveys/trends.js';
import { rateLimit } from '../rate-limit.js';
import { fileLanguage, noContent, sendSheet, withProblems } from './responses.js';
import { pathParam } from './types.js';

/** Requests a minute to the public survey routes: per client address, and per link. */
export const PUBLIC_SURVEY_LIMITS = { perIp: 30, perToken: 10, windowMs: 60_000 } as const;

export const surveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['surveys'];
  const base = '/api/v1/surveys';

  // ---- responses, entered by managers or answered through links --------------------------------
  app.get(
    base,
    {
      schema: {
        tags,
        summary:
          'List survey responses (by client, date range, channel); format=csv|xlsx answers the whole filtered list as a file',
        querystring: SurveyResponseListQuery,
        response: withProblems({ 200: Type.Union([SurveyResponsePage, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      if (!q.format) return findSurveyResponses(app.db, req.actor, q);
      return sendSheet(reply, q.format, 'surveys', await surveyResponsesSheet(app.db, req.actor, q, fileLanguage(q)));
    },
  );
  app.post(
    base,
    {
      schema: {
        tags,
        summary:
          "Record a client's answers after a conversation (goods, staff, prices, logistics, service, company 1–5; NPS 0–10)",
        body: SurveyResponseCreate,
        response: withProblems({ 201: SurveyResponse }),
      },
    },
    async (req, reply) => reply.status(201).send(await createSurveyResponse(app.db, req.actor, req.body)),
  );

  app.get(
    `${base}/trends`,
    {
      schema: {
        tags,
        summary:
          'Satisfaction per month, quarter or year: averages per dimension, NPS, the weakest dimension, the latest answers and the lowest-rated clients',
        querystring: SurveyTrendsQuery,
        response: withProblems({ 200: SurveyTrends }),
      },
    },
    (req) => surveyTrends(app.db, req.actor, req.query),
  );

  // ---- one-time links --------------------------------------------------------------------------
  app.post(
    `${base}/links`,
    {
      schema: {
        tags,
        summary: "Create a one-time survey link for a client's contact (shown once; expires in 1–90 days)",
        body: SurveyLinkCreate,
        response: withProblems({ 201: SurveyLinkCreated }),
      },
    },
    async (req, reply) => reply.status(201).send(await createSurveyLink(app.db, req.actor, req.body)),
  );
  app.get(
    `${base}/links`,
    {
      schema: {
        tags,
        summary: 'Survey links with their status: waiting, answered or expired',
        querystring: SurveyLinkListQuery,
        response: withProblems({ 200: SurveyLinkList }),
      },
    },
    (req) => findSurveyLinks(app.db, req.actor, req.query),
  );
  app.delete(
    `${base}/links/:id`,
    {
      schema: {
        tags,
        summary: 'Revoke a survey link (it expires now)',
        params: IdParams,
        response: withProblems({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await revokeSurveyLink(app.db, req.actor, req.params.id);
      return noContent(reply);
    },
  );

  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Read a survey response',
        params: IdParams,
        response: withProblems({ 200: SurveyResponse }),
      },
    },
    (req) => getSurveyResponse(app.db, req.actor, req.params.id),
  );
  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a survey response',
        params: IdParams,
        response: withProblems({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await removeSurveyResponse(app.db, req.actor, req.params.id);
      return noContent(reply);
    },
  );

  // ---- the public page's API: no sign-in, the token is the credential ---------------------------
  const { windowMs } = PUBLIC_SURVEY_LIMITS;
  const perIp = rateLimit(app, {
    name: 'survey-address',
    max: PUBLIC_SURVEY_LIMITS.perIp,
    windowMs,
    key: (req) => req.ip,
  });
  const perToken = rateLimit(app, {
    name: 'survey-token',
    max: PUBLIC_SURVEY_LIMITS.perToken,
    windowMs,
    key: (req) => pathParam(req, 'token'),
  });
  const limited = async (req: FastifyRequest, reply: FastifyReply) => {
    const wait = (await perIp.hit(req)) || (await perToken.hit(req));
    if (wait === 0) return undefined;
    const lang = acceptedLanguage(req.headers['accept-language']);
    return reply
      .status(429)
      .header('retry-after', String(wait))
      .type('application/problem+json')
      .send({
        type: 'https://rapport.local/problems/rate_limited',
        title: translate(lang, 'problem.title.rate_limited'),
        status: 429,
        code: 'rate_limited',
        detail: translate(lang, 'problem.tooManyRequests', { seconds: wait }),
        detailCode: 'problem.tooManyRequests',
        detailParams: { seconds: wait },
        instance: req.url.split('?')[0],
      });
  };
  const closed = (req: FastifyRequest, reply: FastifyReply, error: SurveyLinkClosed) => {
    const body: SurveyLinkClosedProblemT = {
      type: `https://rapport.local/problems/survey_${error.reason}`,
      title: translate(error.locale, `problem.title.survey_${error.reason}`),
      status: 410,
      code: `survey_${error.reason}`,
      detail: error.message,
      instance: req.url.split('?')[0] ?? '',
      reason: error.reason,
      locale: error.locale,
    };
    return reply.status(410).header('content-language', error.locale).type('application/problem+json').send(body);
  };
  const publicResponses = <const Ok extends Record<number, TSchema>>(ok: Ok) => ({
    ...withProblems(ok),
    410: SurveyLinkClosedProblem,
    429: Problem,
  });
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');

  app.get(
    '/api/v1/public/surveys/:token',
    {
      onRequest: limited,
      schema: {
        tags,
        summary: 'The survey behind a one-time link: who asks, the questions, the language (no sign-in)',
        security: [],
        params: PublicSurveyParams,
        response: publicResponses({ 200: PublicSurvey }),
      },
    },
    async (req, reply) => {
      noStore(reply);
      try {
        return await readPublicSurvey(app.db, req.params.token);
      } catch (error) {
        if (error instanceof SurveyLinkClosed) return closed(req, reply, error);
        throw error;
      }
    },
  );
  app.post(
    '/api/v1/public/surveys/:token',
    {
      onRequest: limited,
      schema: {
        tags,
        summary: 'Answer the survey behind a one-time link, once (no sign-in)',
        security: [],
        params: PublicSurveyParams,
        body: PublicSurveyAnswer,
        response: publicResponses({ 201: PublicSurveyAnswered }),
      },
    },
    async (req, reply) => {
      noStore(reply);
      try {
        return reply.status(201).send(await answerPublicSurvey(app.db, req.params.token, req.body));
      } catch (error) {
        if (error instanceof SurveyLinkClosed) return closed(req, reply, error);
        throw error;
      }
    },
  );
};
