import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { engineName, useDatabase } from '../support/database.js';
import { dropEndedRateWindows, hitRateWindow, readRateWindow } from '../../src/db/queries/rate-limits.js';
import { rateLimit, registerRateLimits, type RateLimit } from '../../src/server/rate-limit.js';

const db = await useDatabase();
const windows = {
  hit: (key: string, windowMs: number) => hitRateWindow(db, key, windowMs),
  read: (key: string) => readRateWindow(db, key),
  dropEnded: () => dropEndedRateWindows(db),
};

/** One server process: the database store on PostgreSQL (as `buildApp` chooses), memory on PGlite. */
async function serverProcess(
  scope: string,
  max: number,
  windowMs: number,
): Promise<{ app: FastifyInstance; limit: RateLimit }> {
  const app = Fastify();
  await registerRateLimits(app, { scope, windows: engineName === 'postgres' ? windows : undefined });
  const limit = rateLimit(app, { name: 'test', max, windowMs, key: (req) => String(req.headers['x-key']) });
  app.get('/', async (req) => ({ wait: await limit.hit(req), peek: await limit.waitFor(req) }));
  await app.ready();
  afterAll(() => app.close());
  return { app, limit };
}

const hit = async (app: FastifyInstance, key: string) =>
  (await app.inject({ method: 'GET', url: '/', headers: { 'x-key': key } })).json() as { wait: number; peek: number };

describe(`rate limits through @fastify/rate-limit (${engineName})`, () => {
  it('allows `max` hits per key in a window, then says how long to wait; a look does not count', async () => {
    const { app } = await serverProcess(`a-${Date.now()}:`, 3, 60_000);
    const first = await hit(app, 'k');
    expect(first).toEqual({ wait: 0, peek: 0 });
    expect(await hit(app, 'k')).toEqual({ wait: 0, peek: 0 });
    // The third hit is allowed; the next one would not be, which a look says.
    const third = await hit(app, 'k');
    expect(third.wait).toBe(0);
    expect(third.peek).toBeGreaterThan(55);
    const refused = await hit(app, 'k');
    expect(refused.wait).toBeGreaterThan(55);
    expect(refused.wait).toBeLessThanOrEqual(60);
    // Another key counts on its own.
    expect(await hit(app, 'other')).toEqual({ wait: 0, peek: 0 });
  });

  it('starts a new window when the old one ends', async () => {
    const { app } = await serverProcess(`b-${Date.now()}:`, 1, 600);
    expect((await hit(app, 'k')).wait).toBe(0);
    expect((await hit(app, 'k')).wait).toBe(1);
    await new Promise((r) => setTimeout(r, 700));
    expect((await hit(app, 'k')).wait).toBe(0);
  });

  it.runIf(engineName === 'postgres')(
    'counts hits of several server processes on one PostgreSQL together, and forgets ended windows',
    async () => {
      const scope = `c-${Date.now()}:`;
      const one = await serverProcess(scope, 4, 60_000);
      const two = await serverProcess(scope, 4, 60_000);
      const waits = await Promise.all([one, two, one, two, one].map((p) => hit(p.app, 'shared')));
      // Five concurrent hits on a limit of four: exactly one is refused, whichever process took it.
      expect(waits.filter((w) => w.wait > 0)).toHaveLength(1);
      expect((await readRateWindow(db, `${scope}test:shared`)).hits).toBe(5);

      await hitRateWindow(db, `${scope}short`, 1);
      await new Promise((r) => setTimeout(r, 20));
      expect(await dropEndedRateWindows(db)).toBeGreaterThanOrEqual(1);
      expect(await readRateWindow(db, `${scope}short`)).toEqual({ hits: 0, msLeft: 0 });
    },
  );
});
