import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  CalendarEvents,
  CalendarEventsQuery,
  CalendarFeed,
  CalendarSettings,
  CongratulationRun,
  Task,
  TaskCreate,
  TaskListQuery,
  TaskPage,
  TaskUpdate,
} from '../../contract/calendar.js';
import { IdParams, Problem } from '../../contract/common.js';
import { DomainError, fieldProblem, invalidInput, TooManyAttempts } from '../../core/errors.js';
import { acceptedLanguage, message } from '../../core/messages/index.js';
import { rateLimit } from '../rate-limit.js';
import { runCongratulationTasks } from '../../services/calendar/congratulation-tasks.js';
import { calendarEvents } from '../../services/calendar/events.js';
import { calendarFeed, feedStatus, revokeFeed, rotateFeed } from '../../services/calendar/feed.js';
import { calendarSettingsFor, updateCalendarSettings } from '../../services/calendar/settings.js';
import { createTask, findTasks, getTask, updateTask } from '../../services/calendar/tasks.js';
import { noContent, withProblems } from './responses.js';
import { pathParam } from './types.js';

const tags = ['calendar'];

/**
 * The address the browser used, for links given out (the feed): a reverse proxy's forwarded host and
 * scheme when it sends them (they only shape the answer to the same signed-in user).
 */
function originOf(req: FastifyRequest): string {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
  const proto = first(req.headers['x-forwarded-proto']) ?? req.protocol;
  const host = first(req.headers['x-forwarded-host']) ?? req.host;
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

/**
 * The public feed answers calendar apps, which poll every few minutes to hours: per address at most
 * `perIp` fetches a minute and `missesPerIp` wrong addresses (guessing a secret), per feed `perFeed`
 * fetches a minute (a valid feed costs a query over the year's dates and up to a megabyte).
 */
export const PUBLIC_FEED_LIMITS = { perIp: 30, missesPerIp: 10, perFeed: 10, windowMs: 60_000 } as const;

const feedLimited = (seconds: number) =>
  new TooManyAttempts(seconds, 'file', message('calendar.tooManyFeedRequests', { seconds }));

export const calendarRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const windowMs = PUBLIC_FEED_LIMITS.windowMs;
  const byAddress = (req: FastifyRequest) => req.ip;
  const feedsPerIp = rateLimit(app, { name: 'feeds', max: PUBLIC_FEED_LIMITS.perIp, windowMs, key: byAddress });
  const missesPerIp = rateLimit(app, {
    name: 'feed-misses',
    max: PUBLIC_FEED_LIMITS.missesPerIp,
    windowMs,
    key: byAddress,
  });
  const perFeed = rateLimit(app, {
    name: 'feed',
    max: PUBLIC_FEED_LIMITS.perFeed,
    windowMs,
    key: (req) => pathParam(req, 'file'),
  });
  app.get(
    '/api/v1/calendar/events',
    {
      schema: {
        tags,
        summary:
          'Days off and shortened days, public and professional holidays, and the personal dates of the clients in scope, for a range of up to 400 days',
        querystring: CalendarEventsQuery,
        response: withProblems({ 200: CalendarEvents }),
      },
    },
    (req) => calendarEvents(app.db, req.actor, req.query),
  );

  app.get(
    '/api/v1/calendar/settings',
    { schema: { tags, summary: 'The congratulation lead time', response: withProblems({ 200: CalendarSettings }) } },
    (req) => calendarSettingsFor(app.db, req.actor.orgId),
  );
  app.put(
    '/api/v1/calendar/settings',
    {
      schema: {
        tags,
        summary: 'Change the congratulation lead time, 0–60 days (owner, head of sales)',
        body: CalendarSettings,
        response: withProblems({ 200: CalendarSettings }),
      },
      // The server's validator coerces "7" and null to numbers; a setting takes a JSON number only.
      preValidation: async (req) => {
        // Before validation the body is whatever JSON arrived, not yet the schema's type.
        const body: unknown = req.body;
        const value =
          typeof body === 'object' && body !== null && 'congratulationLeadDays' in body
            ? body.congratulationLeadDays
            : undefined;
        if (value !== undefined && typeof value !== 'number') {
          throw invalidInput([fieldProblem('congratulationLeadDays', 'type', 'calendar.leadDaysType')]);
        }
      },
    },
    (req) => updateCalendarSettings(app.db, req.actor, req.body),
  );

  app.post(
    '/api/v1/calendar/congratulation-tasks',
    {
      schema: {
        tags,
        summary: 'Create the congratulation tasks due today now (owner, head of sales); it also runs daily on its own',
        response: withProblems({ 200: CongratulationRun }),
      },
    },
    (req) => runCongratulationTasks(app.db, req.actor, app.db.clock.today()),
  );

  app.get(
    '/api/v1/calendar/feed',
    {
      schema: {
        tags,
        summary: 'Whether the user has an iCalendar feed',
        response: withProblems({ 200: CalendarFeed }),
      },
    },
    (req) => feedStatus(app.db, req.actor),
  );
  app.post(
    '/api/v1/calendar/feed',
    {
      schema: {
        tags,
        summary: "Create or rotate the user's iCalendar feed; the address is answered this once",
        response: withProblems({ 201: CalendarFeed }),
      },
    },
    async (req, reply) => reply.status(201).send(await rotateFeed(app.db, req.actor, originOf(req))),
  );
  app.delete(
    '/api/v1/calendar/feed',
    { schema: { tags, summary: "Revoke the user's iCalendar feed", response: withProblems({ 204: Type.Null() }) } },
    async (req, reply) => {
      await revokeFeed(app.db, req.actor);
      return noContent(reply);
    },
  );
  app.get(
    '/api/v1/public/calendar/:file',
    {
      schema: {
        tags,
        summary: `A user's iCalendar feed (RFC 5545), by the secret address given when it was created; no session. At most ${PUBLIC_FEED_LIMITS.perIp} requests a minute per address (${PUBLIC_FEED_LIMITS.missesPerIp} to unknown feeds) and ${PUBLIC_FEED_LIMITS.perFeed} per feed, else 429`,
        security: [],
        params: Type.Object({ file: Type.String({ maxLength: 100 }) }),
        response: withProblems({ 200: Type.String({ description: 'text/calendar' }), 429: Problem }),
      },
    },
    async (req, reply) => {
      const file = req.params.file;
      const wait = (await missesPerIp.waitFor(req)) || (await feedsPerIp.hit(req)) || (await perFeed.hit(req));
      if (wait > 0) throw feedLimited(wait);
      const body = await calendarFeed(app.db, file, originOf(req), app.db.clock.today()).catch(async (e: unknown) => {
        if (e instanceof DomainError && e.code === 'not_found') await missesPerIp.hit(req);
        throw e;
      });
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', 'inline; filename="rapport.ics"')
        .send(body);
    },
  );

  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        summary: "Tasks: mine, or everyone's for the owner, head of sales and analysts; open first by due day",
        querystring: TaskListQuery,
        response: withProblems({ 200: TaskPage }),
      },
    },
    (req) => findTasks(app.db, req.actor, req.query, acceptedLanguage(req.headers['accept-language'])),
  );
  app.post(
    '/api/v1/tasks',
    { schema: { tags, summary: 'Add a task by hand', body: TaskCreate, response: withProblems({ 201: Task }) } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await createTask(app.db, req.actor, req.body, acceptedLanguage(req.headers['accept-language']))),
  );
  app.get(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags,
        summary: "One task, with last year's gifts",
        params: IdParams,
        response: withProblems({ 200: Task }),
      },
    },
    (req) => getTask(app.db, req.actor, req.params.id, acceptedLanguage(req.headers['accept-language'])),
  );
  app.patch(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags,
        summary:
          'Mark a task done, dismissed or open; change its notes, due day, title or (owner, head of sales) its user',
        params: IdParams,
        body: TaskUpdate,
        response: withProblems({ 200: Task }),
      },
    },
    (req) => updateTask(app.db, req.actor, req.params.id, req.body, acceptedLanguage(req.headers['accept-language'])),
  );
};
