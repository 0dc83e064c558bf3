import type { FastifyInstance } from 'fastify';
import { DomainError } from '../core/errors.js';
import { actorForSession, actorForToken } from '../services/access/sessions.js';
import { CSRF_HEADER, SESSION_COOKIE } from './context.js';

const open = new Set(['/api/v1/auth/sign-in']);
/** Links given to people outside the organisation (a survey, a calendar feed) carry their own secret. */
const PUBLIC_PREFIX = '/api/v1/public/';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Every /api/v1 route needs a session cookie or an API token; the actor carries the organisation. */
export function registerAuthentication(app: FastifyInstance): void {
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/api/v1/') || open.has(path) || path.startsWith(PUBLIC_PREFIX)) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await actorForToken(app.db, header.slice(7).trim());
      if (!actor) throw new DomainError('unauthenticated', 'The API token is unknown or revoked.');
      request.actor = { ...actor, kind: 'token' }; // the audit log tells a token's changes from a session's
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    const actor = cookie ? await actorForSession(app.db, cookie) : null;
    if (!actor) throw new DomainError('unauthenticated', 'Sign in to continue; the session is missing or has expired.');
    if (!safeMethods.has(request.method) && request.headers[CSRF_HEADER] !== '1') {
      throw new DomainError('forbidden', `Cookie-authenticated changes need the ${CSRF_HEADER} header (protection against cross-site requests).`);
    }
    request.actor = actor;
  });
}
