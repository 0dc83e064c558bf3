import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.js';
import type { Actor } from '../services/actor.js';
import { actorForSession, actorForToken } from '../services/access/sessions.js';
import { CSRF_HEADER, SESSION_COOKIE } from './context.js';

const open = new Set(['/api/v1/auth/sign-in']);
/** Links given to people outside the organisation (a survey, a calendar feed) carry their own secret. */
const PUBLIC_PREFIX = '/api/v1/public/';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request line may name the target in absolute form (`GET http://host/api/v1/clients HTTP/1.1`,
 * RFC 9112 §3.2.2), which the router still matches. Every decision in the server (the login check,
 * the log's redaction of link secrets, headers) reads the path, so the target is rewritten to its
 * origin form before routing: one shape of URL from there on.
 */
export function originForm(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url);
  if (!m) return url;
  const rest = url.slice(m[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** Whether a route (its pattern, e.g. /api/v1/clients/:id) needs a signed-in user or a token. */
export function needsActor(route: string): boolean {
  return route.startsWith('/api/v1/') && !open.has(route) && !route.startsWith(PUBLIC_PREFIX);
}

const actorSlot = Symbol('actor');
type WithActor = FastifyRequest & { [actorSlot]?: Actor | null };

/** The request's actor, or null on the routes that need none (sign-in, public links, static files). */
export const actorOrNull = (request: FastifyRequest): Actor | null => (request as WithActor)[actorSlot] ?? null;

/**
 * Every /api/v1 route needs a session cookie or an API token; the actor carries the organisation.
 * The decision is taken on the route the router matched, not on the text of the URL; and reading
 * `request.actor` where none was established refuses with 401, so no handler can run for nobody.
 */
export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest('actor', {
    getter(this: WithActor): Actor {
      const actor = this[actorSlot];
      if (!actor) throw new DomainError('unauthenticated', 'auth.signInRequired');
      return actor;
    },
    setter(this: WithActor, value: Actor) {
      this[actorSlot] = value;
    },
  });
  app.addHook('onRequest', async (request) => {
    // A matched route decides; an unmatched /api/v1 path (answered 404 later) is checked by its path,
    // so a stranger cannot tell which routes exist.
    const route = request.routeOptions.url ?? originForm(request.url).split('?')[0]!;
    if (!needsActor(route)) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await actorForToken(app.db, header.slice(7).trim());
      if (!actor) throw new DomainError('unauthenticated', 'auth.tokenUnknown');
      request.actor = { ...actor, kind: 'token' }; // the audit log tells a token's changes from a session's
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    const actor = cookie ? await actorForSession(app.db, cookie) : null;
    if (!actor) throw new DomainError('unauthenticated', 'auth.signInRequired');
    if (!safeMethods.has(request.method) && request.headers[CSRF_HEADER] !== '1') {
      throw new DomainError('forbidden', 'auth.csrfHeader', { header: CSRF_HEADER });
    }
    request.actor = actor;
  });
}
