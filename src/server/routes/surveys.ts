import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
  type PublicSurveyAnswerT,
  type SurveyLinkClosedProblemT,
  type SurveyLinkCreateT,
  type SurveyLinkListQueryT,
  type SurveyResponseCreateT,
  type SurveyResponseListQueryT,
  type SurveyTrendsQueryT,
} from '../../contract/surveys.js';
import type { Actor } from '../../services/actor.js';
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
import { sendSheet, withProblems } from './responses.js';

/** Requests a minute to the public survey routes: per client address, and per link. */
export const PUBLIC_SURVEY_LIMITS = { perIp: 30, perToken: 10, windowMs: 60_000 } as const;

const langOf = (query: { lang?: string | undefined }, actor: Actor & { locale?: string }): 'ru' | 'en' =>
  query.lang === 'en' || query.lang === 'ru' ? query.lang : actor.locale === 'en' ? 'en' : 'ru';

const id = (req: FastifyRequest) => (req.params as { id: number }).id;

export function surveyRoutes(app: FastifyInstance): void {
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
      const q = req.query as SurveyResponseListQueryT;
      if (!q.format) return findSurveyResponses(app.db, req.actor, q);
      return sendSheet(
        reply,
        q.format,
        'surveys',
        await surveyResponsesSheet(app.db, req.actor, q, langOf(q, req.actor)),
      );
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
    async (req, reply) =>
      reply.status(201).send(await createSurveyResponse(app.db, req.actor, req.body as SurveyResponseCreateT)),
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
    (req) => surveyTrends(app.db, req.actor, req.query as SurveyTrendsQueryT),
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
    async (req, reply) =>
      reply.status(201).send(await createSurveyLink(app.db, req.actor, req.body as SurveyLinkCreateT)),
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
    (req) => findSurveyLinks(app.db, req.actor, req.query as SurveyLinkListQueryT),
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
      await revokeSurveyLink(app.db, req.actor, id(req));
      return reply.status(204).send();
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
    (req) => getSurveyResponse(app.db, req.actor, id(req)),
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
      await removeSurveyResponse(app.db, req.actor, id(req));
      return reply.status(204).send();
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
    key: (req) => (req.params as { token?: string }).token ?? '',
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
  const publicResponses = (ok: Record<number, TSchema>): Record<string, TSchema> => ({
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
        return await readPublicSurvey(app.db, (req.params as { token: string }).token);
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
        return reply
          .status(201)
          .send(
            await answerPublicSurvey(app.db, (req.params as { token: string }).token, req.body as PublicSurveyAnswerT),
          );
      } catch (error) {
        if (error instanceof SurveyLinkClosed) return closed(req, reply, error);
        throw error;
      }
    },
  );
}
