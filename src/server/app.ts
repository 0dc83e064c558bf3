import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Database } from '../db/database.js';
import { dropEndedRateWindows, hitRateWindow, readRateWindow } from '../db/queries/rate-limits.js';
import { registerRateLimits } from './rate-limit.js';
import { DomainError } from '../core/errors.js';
import { actorOrNull, originForm, registerAuthentication } from './authentication.js';
import { registerInputGuard } from './input-guard.js';
import { readableLogStream, tellRequests } from './readable-log.js';
import { docsContentSecurityPolicy, registerSecurityHeaders } from './security-headers.js';
import { AnalyticsRefresher } from './analytics-refresher.js';
import { CongratulationScheduler } from './congratulation-scheduler.js';
import { analyticsRoutes } from './routes/analytics.js';
import './context.js';
import { sendProblem } from './errors.js';
import { authRoutes } from './routes/auth.js';
import { clientRoutes } from './routes/clients.js';
import { salesRoutes } from './routes/sales.js';
import { importRoutes } from './routes/imports.js';
import { peopleRoutes } from './routes/people.js';
import { calendarRoutes } from './routes/calendar.js';
import { claimRoutes } from './routes/claims.js';
import { surveyRoutes } from './routes/surveys.js';
import { lossRoutes } from './routes/losses.js';
import { auditRoutes } from './routes/audit.js';
import { accessRoutes } from './routes/access.js';
import { privacyRoutes } from './routes/privacy.js';
import type { UploadStore } from '../services/import/jobs.js';
import type { ImportTuning } from '../services/import/run-import.js';

export type AppOptions = {
  db: Database;
  /** Prefix of the rate limits' keys; tests give each app its own so that apps on one database count apart. */
  rateLimitScope?: string;
  secureCookies?: boolean;
  logLevel?: string;
  /** `json` (one JSON line per event, for log collectors; the default) or `readable` (a terminal). */
  logFormat?: 'json' | 'readable';
  /** Seconds after the last write before the org-wide analytics refresh; undefined = no background refresh. */
  analyticsRefreshSeconds?: number;
  /** Create congratulation tasks at start and daily; default: on when the background analytics refresh is (`rapport serve`), off in tests. */
  congratulationTasks?: boolean;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** Folder of the built web app; served at / when it exists. */
  webRoot?: string;
  /** Where uploaded import files wait, and how large one may be. */
  uploads?: UploadStore;
  /** How large import files are read (the configuration's RAPPORT_IMPORT_DIRECT and RAPPORT_IMPORT_READERS). */
  importTuning?: ImportTuning;
};

/** /api/v1/public/<area>/<token> and the survey page /survey/<token> lose their token (and query string) in the log. */
export const withoutSecrets = (url: string): string => {
  if (url.startsWith('/api/v1/public/')) return url.replace(/^(\/api\/v1\/public\/[^/?]+\/)[^?]*(\?.*)?$/, '$1…');
  if (url.startsWith('/survey/')) return '/survey/…';
  return url;
};

const defaultUploads = (): UploadStore => ({ dir: join(tmpdir(), 'rapport-uploads'), maxBytes: 512 * 1024 * 1024 });

const defaultWebRoot = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** The composition root: the one place the HTTP server meets the database. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const readable = options.logFormat === 'readable';
  const app = Fastify({
    // In a terminal, readable lines and only writes and failures per request; JSON lines otherwise.
    logController: new LogController({ disableRequestLogging: readable }),
    logger: {
      level: options.logLevel ?? 'info',
      ...(readable ? { stream: readableLogStream() } : {}),
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      // The secret of a public link (survey, calendar feed) is in its path: it stays out of the logs.
      serializers: {
        req: (req: { method: string; url: string; host?: string; ip?: string }) => ({
          method: req.method,
          url: withoutSecrets(req.url),
          host: req.host,
          remoteAddress: req.ip,
        }),
      },
    },
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array' } },
    return503OnClosing: true,
    // An absolute-form request line (GET http://host/api/v1/…) becomes its path before routing.
    rewriteUrl: (req) => originForm(req.url ?? '/'),
    // A bad URL or an over-long path parameter (a survey token of 1 MB) answers problem+json like any other refusal.
    frameworkErrors: (error, request, reply) => sendProblem(error, request, reply),
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('db', options.db);
  if (readable) tellRequests(app, withoutSecrets);
  if (options.analyticsRefreshSeconds !== undefined) {
    const refresher = new AnalyticsRefresher(options.db, app.log, options.analyticsRefreshSeconds * 1000);
    app.decorate('analyticsRefresher', refresher);
    app.addHook('onClose', () => refresher.close());
    // A successful write may change figures that org-wide classes (ABC, RFM, shares) depend on.
    app.addHook('onResponse', async (req, reply) => {
      const actor = actorOrNull(req);
      if (
        req.method !== 'GET' &&
        reply.statusCode < 400 &&
        req.url.startsWith('/api/v1/') &&
        !req.url.startsWith('/api/v1/analytics') &&
        actor
      ) {
        refresher.requestSoon(actor.orgId);
      }
    });
  }
  if (options.congratulationTasks ?? options.analyticsRefreshSeconds !== undefined) {
    const scheduler = new CongratulationScheduler(options.db, app.log);
    app.addHook('onClose', () => scheduler.close());
  }
  app.setErrorHandler((error, request, reply) => sendProblem(error as Error, request, reply));
  await registerSecurityHeaders(app, { https: options.secureCookies ?? false });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Rapport API',
        version: '1',
        description:
          'Client base and relationship analytics. Money is decimal roubles as strings ("1234.50"); dates are ISO. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'rapport_session' },
          token: { type: 'http', scheme: 'bearer', description: 'API token rpt_<org>_<secret>' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: docsContentSecurityPolicy(options.secureCookies ?? false),
  });
  // Several server processes on one PostgreSQL share the counts; PGlite is one process and counts in memory.
  const db = options.db;
  await registerRateLimits(app, {
    scope: options.rateLimitScope,
    windows:
      db.engine.kind === 'postgres'
        ? {
            hit: (key, windowMs) => hitRateWindow(db, key, windowMs),
            read: (key) => readRateWindow(db, key),
            dropEnded: () => dropEndedRateWindows(db),
          }
        : undefined,
  });
  registerAuthentication(app);
  registerInputGuard(app);

  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and database check',
        security: [],
        response: {
          200: Type.Object({ status: Type.String(), database: Type.String() }),
          503: Type.Object({ status: Type.String(), database: Type.String() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await options.db.engine.query('SELECT 1');
        return { status: 'ok', database: options.db.engine.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: options.db.engine.kind });
      }
    },
  );
  // The route modules are plugins typed by the TypeBox provider; each registers in its own context, in this order.
  await app.register(authRoutes, { secureCookies: options.secureCookies ?? false });
  await app.register(clientRoutes);
  await app.register(salesRoutes);
  await app.register(analyticsRoutes);
  await app.register(peopleRoutes);
  await app.register(calendarRoutes);
  await app.register(claimRoutes);
  await app.register(surveyRoutes);
  await app.register(lossRoutes);
  await app.register(auditRoutes);
  await app.register(accessRoutes);
  await app.register(privacyRoutes);
  await app.register(importRoutes, {
    store: options.uploads ?? defaultUploads(),
    onImported: (orgId) => app.analyticsRefresher?.requestSoon(orgId),
    tuning: options.importTuning ?? {},
  });

  const webRoot = options.webRoot ?? defaultWebRoot;
  const hasWeb = existsSync(`${webRoot}/index.html`);
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api') || !hasWeb || request.method !== 'GET') {
      return sendProblem(
        new DomainError('not_found', 'problem.noEndpoint', {
          method: request.method,
          path: request.url.split('?')[0] ?? request.url,
        }),
        request,
        reply,
      );
    }
    // The web app routes in the browser: every other GET gets its page.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
