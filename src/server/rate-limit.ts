import fastifyRateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateWindow } from '../db/queries/rate-limits.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Prefixes every limit's keys: '' in production, so all processes count together; a test app counts apart. */
    rateLimitScope: string;
  }
}

/** What a route needs from a limit: count a hit, or look at the count, in seconds to wait (0 = go ahead). */
export type RateLimit = {
  /** Counts a hit: 0 when it is allowed, otherwise the seconds until the window ends. */
  hit(req: FastifyRequest): Promise<number>;
  /** The seconds this request's key must still wait (0 when it may go ahead), without counting a hit. */
  waitFor(req: FastifyRequest): Promise<number>;
};

export type WindowStore = {
  hit(key: string, windowMs: number): Promise<RateWindow>;
  read(key: string): Promise<RateWindow>;
  dropEnded(): Promise<number>;
};

type StoreCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit kept in the database's `rate_limit_windows`, so that several server
 * processes on one PostgreSQL count together (the library's own shared store needs Redis, which a
 * self-hosted install may not run). Every limit prefixes its keys, so one table serves them all.
 */
function databaseStore(windows: WindowStore) {
  let hits = 0;
  return class DatabaseStore implements FastifyRateLimitStore {
    incr(key: string, callback: StoreCallback, timeWindow: number): void {
      // Now and then forget ended windows, so the table holds only live ones.
      if (++hits % 500 === 0) void windows.dropEnded().catch(() => undefined);
      windows.hit(key, timeWindow).then(
        (w) => callback(null, { current: w.hits, ttl: w.msLeft }),
        (e: Error) => callback(e),
      );
    }
    read(key: string, callback: StoreCallback): void {
      windows.read(key).then(
        (w) => callback(null, { current: w.hits, ttl: w.msLeft }),
        (e: Error) => callback(e),
      );
    }
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

/**
 * Registers @fastify/rate-limit for the routes open to the world. With PGlite the app is one process
 * and counts in memory (the library's LRU store); with PostgreSQL the count lives in the database.
 * No route is limited by default: a route asks for a limit with `rateLimit(app, …)`.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  options: { windows?: WindowStore | undefined; scope?: string | undefined },
): Promise<void> {
  app.decorate('rateLimitScope', options.scope ?? '');
  await app.register(fastifyRateLimit, {
    global: false,
    ...(options.windows ? { store: databaseStore(options.windows) } : { cache: 50_000 }),
  });
}

/**
 * A limit of `max` hits per key in a fixed window of `windowMs`. `key` says what is counted (the
 * network address, a survey token…); `name` keeps this limit's keys apart from the others'.
 */
export function rateLimit(
  app: FastifyInstance,
  limit: { name: string; max: number; windowMs: number; key: (req: FastifyRequest) => string },
): RateLimit {
  const check = app.createRateLimit({
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: (req) => `${app.rateLimitScope}${limit.name}:${limit.key(req)}`,
  });
  const run = async (req: FastifyRequest, increment: boolean): Promise<number> => {
    const status = await check(req, { increment });
    if (status.isAllowed) return 0;
    // A hit is refused once it passes `max`; a look says "wait" when the next hit would be refused.
    const refused = increment ? status.isExceeded : status.remaining === 0;
    return refused ? Math.max(1, status.ttlInSeconds) : 0;
  };
  return { hit: (req) => run(req, true), waitFor: (req) => run(req, false) };
}
