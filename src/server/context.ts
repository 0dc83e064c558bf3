import type { Database } from '../db/database.js';
import type { Actor } from '../services/actor.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
  interface FastifyRequest {
    /** Set by the authentication hook on every /api/v1 route but sign-in. */
    actor: Actor;
  }
}

export const SESSION_COOKIE = 'rapport_session';
/** Cookie-authenticated writes must carry this header: a cross-site form cannot set it (CSRF). */
export const CSRF_HEADER = 'x-rapport-csrf';
