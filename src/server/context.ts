import type { Database } from '../db/database.js';
import type { Actor } from '../services/actor.js';
import type { AnalyticsRefresher } from './analytics-refresher.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    /** Background org-wide analytics refresh after writes; absent when the app runs without it (tests). */
    analyticsRefresher?: AnalyticsRefresher;
  }
  interface FastifyRequest {
    /** Set by the authentication hook on every /api/v1 route but sign-in. */
    actor: Actor;
  }
}

export const SESSION_COOKIE = 'rapport_session';
/** Cookie-authenticated writes must carry this header: a cross-site form cannot set it (CSRF). */
export const CSRF_HEADER = 'x-rapport-csrf';
