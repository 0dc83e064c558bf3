import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { stopOnSignals } from './lifecycle.js';

const say = { stopping: 'stopping', forced: 'forced' };

/** A server with one slow route, listening on loopback, and the stop wired to SIGUSR2 with a recorded exit. */
async function harness(graceMs = 5000) {
  const app = Fastify({ return503OnClosing: true });
  let release!: () => void;
  const slow = new Promise<void>((r) => {
    release = r;
  });
  app.get('/slow', async () => {
    await slow;
    return { done: true };
  });
  app.get('/fast', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const events: string[] = [];
  let exited!: (code: number) => void;
  const exit = new Promise<number>((r) => {
    exited = r;
  });
  const remove = stopOnSignals(app, {
    say,
    graceMs,
    signals: ['SIGUSR2'],
    log: (l) => events.push(l),
    closeDatabase: async () => {
      events.push('database closed');
    },
    exit: ((code: number) => {
      events.push(`exit ${code}`);
      exited(code);
    }) as (code: number) => never,
  });
  cleanups.push(async () => {
    remove();
    release();
    await app.close().catch(() => undefined);
  });
  return { app, base, events, exit, release };
}
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('stopOnSignals', () => {
  it('lets the request in flight finish, refuses new connections, closes the database, exits 0', async () => {
    const h = await harness();
    const inFlight = fetch(`${h.base}/slow`);
    await new Promise((r) => setTimeout(r, 100));
    process.emit('SIGUSR2');
    await new Promise((r) => setTimeout(r, 100));
    const fresh = await fetch(`${h.base}/fast`).then(
      (r) => r.status,
      (e: Error) => (e.cause as { code?: string }).code,
    );
    expect([503, 'ECONNREFUSED']).toContain(fresh);
    expect(h.events).toEqual(['stopping']);
    h.release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ done: true });
    expect(await h.exit).toBe(0);
    expect(h.events).toEqual(['stopping', 'database closed', 'exit 0']);
  });

  it('a second signal ends it at once with exit code 1', async () => {
    const h = await harness();
    void fetch(`${h.base}/slow`).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    process.emit('SIGUSR2');
    process.emit('SIGUSR2');
    expect(await h.exit).toBe(1);
    expect(h.events).toEqual(['stopping', 'forced', 'exit 1']);
  });

  it('a request still running after the grace period is cut off with exit code 1', async () => {
    const h = await harness(300);
    void fetch(`${h.base}/slow`).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    process.emit('SIGUSR2');
    expect(await h.exit).toBe(1);
    expect(h.events).toEqual(['stopping', 'forced', 'exit 1']);
  });
});
