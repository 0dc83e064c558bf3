// PostgreSQL going away under a running `rapport serve`, without touching the shared PostgreSQL
// server: the server reaches its database through a TCP proxy this test owns, which can refuse
// connections (PostgreSQL stopped), reset them (restarted) or accept and never answer (a hung host).
// While cut, health and API answer 503 problem+json in seconds, never 500 and never a hang; when
// the proxy is back, requests succeed again without restarting the server. Backends terminated by
// an administrator (57P01) are reconnected the same way. A SIGTERM then stops it cleanly.
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, signIn, sleep, startServer, type Answer, type ServerProcess } from './support.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = `rapport_faults_${process.pid}`;
/** The longest a request may take while the database is cut: the 5 s connection timeout and a margin for a busy machine. */
const OUTAGE_ANSWER_MS = 9000;

/** A TCP proxy in front of PostgreSQL that the test can cut and restore. */
class DatabaseProxy {
  mode: 'up' | 'refuse' | 'hang' = 'up';
  port = 0;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  constructor(private readonly target: { host: string; port: number }) {}

  async listen(): Promise<void> {
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  private track(s: net.Socket) {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => undefined);
  }

  private accept(client: net.Socket) {
    this.track(client);
    if (this.mode !== 'up') return; // 'hang': accepted, never answered
    const upstream = net.connect(this.target.port, this.target.host);
    this.track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  /** Cuts every connection (reset), then refuses new ones or accepts them without ever answering. */
  async cut(mode: 'refuse' | 'hang'): Promise<void> {
    this.mode = mode;
    if (mode === 'refuse' && this.server) {
      const server = this.server;
      this.server = null;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      this.resetAll();
      await closed;
    } else {
      this.resetAll();
    }
  }

  async restore(): Promise<void> {
    this.resetAll(); // connections held by 'hang' are let go
    this.mode = 'up';
    if (!this.server) await this.listen();
  }

  private resetAll() {
    for (const s of this.sockets) s.resetAndDestroy();
  }

  async close(): Promise<void> {
    this.resetAll();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** Times one API call. */
async function timed(call: () => Promise<Answer>) {
  const t = performance.now();
  const r = await call();
  return { ...r, ms: Math.round(performance.now() - t) };
}

describe('PostgreSQL goes away under rapport serve', () => {
  const target = new URL(ADMIN_URL);
  const proxy = new DatabaseProxy({ host: target.hostname, port: Number(target.port || 5432) });
  let server: ServerProcess | null = null;
  let api: Api;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${DB_NAME}`);
    });
    await proxy.listen();
    const url = new URL(ADMIN_URL);
    url.host = `127.0.0.1:${proxy.port}`;
    url.pathname = `/${DB_NAME}`;
    server = await startServer({ DATABASE_URL: url.toString() });
    api = await signIn(server.baseUrl);
  }, 120_000);

  afterAll(async () => {
    await server?.kill('SIGKILL');
    await proxy.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`));
    console.log(`[faults] PostgreSQL outage: ${JSON.stringify(figures)}`);
  });

  /** While cut: health, reads, writes and sign-in answer 503 problem+json quickly, in the caller's language (all at once: each may wait out the connection timeout). */
  async function expectUnavailable(label: string) {
    const base = server!.baseUrl;
    const [health, read, write, ru, signIn] = await Promise.all([
      timed(async () => {
        const r = await fetch(`${base}/api/health`);
        return { status: r.status, body: await r.json(), contentType: '' };
      }),
      timed(() => api.get('/api/v1/clients?sort=name')),
      timed(() => api.post('/api/v1/clients', { name: 'ООО «Во время сбоя»' })),
      timed(async () => {
        const r = await fetch(`${base}/api/v1/clients`, {
          headers: { authorization: `Bearer ${api.token}`, 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' },
        });
        return {
          status: r.status,
          body: { ...((await r.json()) as object), retryAfter: r.headers.get('retry-after') },
          contentType: r.headers.get('content-type') ?? '',
        };
      }),
      timed(async () => {
        const r = await fetch(`${base}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@rapport.local', password: 'whatever-123' }),
        });
        return { status: r.status, body: await r.json(), contentType: r.headers.get('content-type') ?? '' };
      }),
    ]);
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'unavailable', database: 'postgres' });
    for (const r of [read, write, signIn]) {
      expect(r.status, JSON.stringify(r.body)).toBe(503);
      expect(r.contentType).toMatch(/application\/problem\+json/);
      expect(r.body).toMatchObject({
        status: 503,
        code: 'unavailable',
        detail: 'The database is not reachable; try again in a moment.',
      });
    }
    expect(ru.status).toBe(503);
    expect(ru.body).toMatchObject({
      code: 'unavailable',
      detail: 'База данных недоступна; повторите попытку через минуту.',
      retryAfter: '5',
    });
    const slowest = Math.max(...[health, read, write, ru, signIn].map((r) => r.ms));
    figures[`${label}: slowest answer ms`] = slowest;
    expect(slowest).toBeLessThan(OUTAGE_ANSWER_MS);
  }

  /** After the proxy is back: requests succeed again by themselves; until then nothing but 200 or 503. */
  async function expectRecovery(label: string) {
    const t = performance.now();
    const seen = new Set<number>();
    for (;;) {
      const r = await api.get('/api/v1/clients?pageSize=5');
      seen.add(r.status);
      if (r.status === 200) break;
      expect(r.status, JSON.stringify(r.body)).toBe(503);
      expect(performance.now() - t).toBeLessThan(15_000);
      await sleep(200);
    }
    figures[`${label}: recovered in ms`] = Math.round(performance.now() - t);
    const created = await api.ok('POST', '/api/v1/clients', { name: `ООО «После сбоя ${label}»` });
    expect((await api.ok('GET', `/api/v1/clients/${created.id}`)).name).toBe(`ООО «После сбоя ${label}»`);
    expect([...seen].every((s) => s === 200 || s === 503)).toBe(true);
  }

  it('answers 503 while PostgreSQL refuses connections, and recovers without a restart', async () => {
    const before = await api.ok('POST', '/api/v1/clients', { name: 'ООО «До сбоя»' });
    await proxy.cut('refuse');
    await expectUnavailable('refused');
    await proxy.restore();
    await expectRecovery('refused');
    expect((await api.ok('GET', `/api/v1/clients/${before.id}`)).name).toBe('ООО «До сбоя»');
  }, 60_000);

  it('answers 503 within the connection timeout while PostgreSQL accepts but never answers, and recovers', async () => {
    await proxy.cut('hang');
    await expectUnavailable('hung');
    await proxy.restore();
    await expectRecovery('hung');
  }, 60_000);

  it('reconnects by itself after an administrator terminates its connections (57P01)', async () => {
    await api.ok('GET', '/api/v1/clients'); // connections in the pool
    const killed = await admin((c) =>
      c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
        DB_NAME,
      ]),
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    const answers = await Promise.all(Array.from({ length: 8 }, () => api.get('/api/v1/clients?sort=-createdAt')));
    expect(answers.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    await expectRecovery('terminated');
    figures['terminated: first answers'] = answers.map((r) => r.status).join(',');
  }, 60_000);

  it('stops on SIGTERM with exit code 0', async () => {
    const s = server!;
    const t = performance.now();
    s.child.kill('SIGTERM');
    const exit = await s.exited;
    server = null;
    expect(exit).toMatchObject({ code: 0, signal: null });
    figures['SIGTERM to exit ms'] = Math.round(exit.at - t);
    expect(exit.at - t).toBeLessThan(10_000);
  }, 30_000);
});
