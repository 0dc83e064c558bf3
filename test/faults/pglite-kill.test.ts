// Faults of a real `rapport serve` on the embedded database (PGlite), one data folder through all of
// them, in order (each step starts from what the previous one left, as an operator's server would):
//  1. SIGKILL at a random moment while six clients write: every write answered 2xx is there after
//     the restart (twice);
//  2. a bulk write killed halfway — `rapport import` SIGKILLed while it writes, then an import run by
//     the server SIGKILLed while it runs — leaves nothing of the import, and the next serve marks the
//     server's import job failed;
//  3. SIGTERM while an upload is still streaming in: the upload is answered 201, new connections are
//     refused, and the process exits 0;
//  4. the folder, opened directly: every order has exactly the lines it was sent with.
// The seed is printed; FAULTS_SEED=<n> repeats a run.
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSalesFile } from '../../bench/sales-file.js';
import { databaseOn } from '../../src/db/database.js';
import { openPglite } from '../../src/db/engine/pglite.js';
import { Api, random, runRapport, signIn, sleep, startServer, tempDataDir, type ServerProcess } from './support.js';

const SEED = Number(process.env.FAULTS_SEED ?? Date.now() % 100_000);
const WRITERS = 6;
const SALES_LINES = 30_000;
/** What the server's import left when it had committed before its kill (see that test); nothing otherwise. */
let committedImport = { orders: 0, products: 0 };

type Acked = {
  clients: Map<number, string>;
  orders: Map<number, { number: string; lines: number; total: string }>;
  interactions: Map<number, string>;
  payments: Map<number, string>;
  /** Per client: every notes value sent, in order, and how many of them were acknowledged. */
  notes: Map<number, { sent: string[]; acked: number }>;
};

describe(`rapport serve on PGlite under faults (seed ${SEED})`, () => {
  const rnd = random(SEED);
  const data = tempDataDir('pglite');
  const files = tempDataDir('files');
  const salesFile = `${files.dir}/sales.csv`;
  const env = { RAPPORT_DATA_DIR: data.dir };
  let server: ServerProcess | null = null;
  let api: Api;
  const acked: Acked = {
    clients: new Map(),
    orders: new Map(),
    interactions: new Map(),
    payments: new Map(),
    notes: new Map(),
  };
  const timings: Record<string, number> = {};
  /** Uploads the server keeps in the system's temporary folder (organisation 1: the only one here). */
  const uploads: string[] = [];
  afterAll(async () => {
    await server?.kill('SIGKILL');
    data.remove();
    files.remove();
    for (const id of uploads) rmSync(path.join(tmpdir(), 'rapport-uploads', `1-${id}`), { force: true });
    console.log(`[faults] PGlite, seed ${SEED}: ${JSON.stringify(timings)}`);
  });
  const restart = async () => {
    server = await startServer(env);
    api = new Api(server.baseUrl, api.token);
  };
  /** Totals the API shows; an import must change none of them unless it completed. */
  const totals = async () => ({
    clients: (await api.ok('GET', '/api/v1/clients?pageSize=1')).total as number,
    products: (await api.ok('GET', '/api/v1/products?pageSize=1')).total as number,
    orders: (await api.ok('GET', '/api/v1/orders?pageSize=1')).total as number,
  });

  it('keeps every acknowledged write after SIGKILL during concurrent writes', async () => {
    const t0 = performance.now();
    server = await startServer(env);
    api = await signIn(server.baseUrl);
    const products: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const price = 100 * i + 0.5;
      products.push(
        (
          await api.ok('POST', '/api/v1/products', {
            sku: `K-${i}`,
            name: `Кабель ВВГ ${i}×2,5`,
            listPrice: price.toFixed(2),
            cost: (price * 0.7).toFixed(2),
            unit: 'м',
          })
        ).id,
      );
    }
    const kills: { round: number; killedAfter: number; failedInFlight: number }[] = [];
    let seq = 0;
    for (let round = 1; round <= 2; round++) {
      let stop = false;
      let acknowledged = 0;
      let failedInFlight = 0;
      // The kill comes after a random number of acknowledged writes (and a random few milliseconds),
      // so every run has writes on both sides of it whatever the machine's speed.
      const target = rnd.int(20, 45);
      let reached!: () => void;
      const targetReached = new Promise<void>((r) => {
        reached = r;
      });
      const writer = async (w: number) => {
        const mine: number[] = [];
        while (!stop) {
          const n = ++seq;
          try {
            const roll = rnd.next();
            if (mine.length === 0 || roll < 0.25) {
              const name = `ООО «Отказ ${round}-${w}-${n}»`;
              const c = await api.ok('POST', '/api/v1/clients', {
                name,
                region: rnd.pick(['Москва', 'Казань', 'Пермь']),
                tags: ['faults'],
              });
              acked.clients.set(c.id, name);
              mine.push(c.id);
            } else if (roll < 0.55) {
              const lines = Array.from({ length: rnd.int(1, 6) }, () => ({
                productId: rnd.pick(products),
                quantity: rnd.int(1, 50),
              }));
              const number = `К-${round}-${n}`;
              const o = await api.ok('POST', '/api/v1/orders', {
                clientId: rnd.pick(mine),
                number,
                orderDate: '2026-03-14',
                status: 'confirmed',
                notes: `lines=${lines.length}`,
                lines,
              });
              acked.orders.set(o.id, { number, lines: lines.length, total: o.total });
            } else if (roll < 0.7) {
              const notes = `Звонок ${n}: обсудили отгрузку`;
              const x = await api.ok('POST', '/api/v1/interactions', {
                clientId: rnd.pick(mine),
                kind: 'call',
                occurredAt: '2026-03-14T10:00:00Z',
                durationMinutes: rnd.int(5, 60),
                notes,
              });
              acked.interactions.set(x.id, notes);
            } else if (roll < 0.85) {
              const amount = `${rnd.int(1, 90_000)}.${String(rnd.int(0, 99)).padStart(2, '0')}`;
              const p = await api.ok('POST', '/api/v1/payments', {
                clientId: rnd.pick(mine),
                paymentDate: '2026-03-20',
                amount,
              });
              acked.payments.set(p.id, amount);
            } else {
              // Each writer changes only its own clients, so "the latest acknowledged" is well defined.
              const clientId = rnd.pick(mine);
              const notes = `Заметка ${n}`;
              const track = acked.notes.get(clientId) ?? { sent: [], acked: 0 };
              acked.notes.set(clientId, track);
              track.sent.push(notes);
              await api.ok('PATCH', `/api/v1/clients/${clientId}`, { notes });
              track.acked = track.sent.length;
            }
            if (++acknowledged === target) reached();
          } catch (e) {
            if (!stop) throw e; // before the kill every write must succeed
            failedInFlight++;
          }
        }
      };
      const running = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await Promise.race([targetReached, Promise.all(running)]);
      await sleep(rnd.int(0, 150));
      // The writers learn first that a failure from now on is the kill's doing.
      stop = true;
      await server!.kill('SIGKILL');
      await Promise.all(running);
      kills.push({ round, killedAfter: acknowledged, failedInFlight });
      await restart();
      await verify(api, acked);
    }
    timings.hardKillMs = Math.round(performance.now() - t0);
    console.log(
      `[faults] hard kill: ${JSON.stringify(kills)}; acknowledged: clients ${acked.clients.size}, orders ${acked.orders.size}, interactions ${acked.interactions.size}, payments ${acked.payments.size}, notes ${[...acked.notes.values()].reduce((s, t) => s + t.acked, 0)}`,
    );
    expect(kills.every((k) => k.killedAfter > 0 && k.failedInFlight > 0)).toBe(true);
  }, 150_000);

  it('leaves nothing of a `rapport import` killed while it writes', async () => {
    const t0 = performance.now();
    await writeSalesFile(salesFile, { lines: SALES_LINES, seed: SEED });
    const before = await totals();
    await server!.kill('SIGKILL'); // the embedded database belongs to one process at a time
    server = null;
    const cli = runRapport(['import', salesFile, '--kind', 'sales'], env);
    let phase = '';
    while (cli.child.exitCode === null && !/^writing/m.test(cli.output())) await sleep(20);
    if (/^writing/m.test(cli.output())) {
      phase = 'writing';
      await sleep(rnd.int(0, 1000));
      if (/^analytics|^Imported/m.test(cli.output())) phase = 'past writing';
    }
    await cli.kill('SIGKILL');
    expect(phase, `the import must be killed while it writes; its output:\n${cli.output().slice(-2000)}`).toBe(
      'writing',
    );
    await restart();
    expect(await totals()).toEqual(before);
    timings.cliImportKillMs = Math.round(performance.now() - t0);
  }, 120_000);

  it('leaves nothing of an import the server runs when the server is killed while it writes, and marks the job failed', async () => {
    const t0 = performance.now();
    const before = await totals();
    const upload = await fetch(`${server!.baseUrl}/api/v1/imports/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/octet-stream' },
      body: await import('node:fs/promises').then((fs) => fs.readFile(salesFile)),
    });
    expect(upload.status).toBe(201);
    const { uploadId } = (await upload.json()) as { uploadId: string };
    uploads.push(uploadId);
    const job = await api.ok('POST', '/api/v1/imports', { uploadId, fileName: 'sales.csv', kind: 'sales' });
    expect(job.status).toMatch(/queued|running/);
    await sleep(rnd.int(100, 1200));
    await server!.kill('SIGKILL');
    await restart();
    const after = await api.ok('GET', `/api/v1/imports/${job.id}`);
    if (after.status === 'done') {
      // Killed after its transaction committed, in the analytics refresh that follows: the rows are in, and the job says so.
      expect(after.error.en).toMatch(/The data is in.*rapport analyze/);
      const now = await totals();
      expect(now.orders).toBe(before.orders + SALES_LINES / 10);
      committedImport = { orders: SALES_LINES / 10, products: now.products - before.products };
      console.log(
        '[faults] the server import had committed before the kill; the job is done with its analytics to rebuild',
      );
    } else {
      expect(after.status).toBe('failed');
      expect(after.error.en).toMatch(/stopped during the import; nothing of it was written/);
      expect(after.error.ru).toMatch(/ничего из него не записано/);
      expect(await totals()).toEqual(before);
    }
    timings.serverImportKillMs = Math.round(performance.now() - t0);
  }, 120_000);

  it('finishes the request in flight on SIGTERM, refuses new connections, then exits 0', async () => {
    const t0 = performance.now();
    const s = server!;
    const url = new URL(`${s.baseUrl}/api/v1/imports/uploads`);
    const chunk = Buffer.alloc(16 * 1024, 'Документ;Дата;Контрагент\r\n');
    const chunks = 40; // 640 KB over about 3 s
    let lastChunkAt = 0;
    const answered = new Promise<{ status: number; body: string; at: number }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            authorization: `Bearer ${api.token}`,
            'content-type': 'application/octet-stream',
            'content-length': chunk.length * chunks,
          },
        },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => {
            body += d.toString('utf8');
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, at: performance.now() }));
        },
      );
      req.on('error', reject);
      void (async () => {
        for (let i = 0; i < chunks; i++) {
          if (i > 0) await sleep(75);
          lastChunkAt = performance.now();
          req.write(chunk);
        }
        req.end();
      })();
    });
    await sleep(800);
    const signalled = performance.now();
    s.child.kill('SIGTERM');
    await sleep(300);
    // Meanwhile nothing new gets in: the port is closed (or a kept-alive connection is answered 503).
    const fresh = await fetch(`${s.baseUrl}/api/health`).then(
      (r) => r.status,
      (e: Error) => (e.cause as { code?: string } | undefined)?.code ?? e.message,
    );
    expect([503, 'ECONNREFUSED']).toContain(fresh);
    const upload = await answered;
    expect(upload.status, upload.body).toBe(201);
    const saved = JSON.parse(upload.body) as { uploadId: string; size: number };
    uploads.push(saved.uploadId);
    expect(saved.size).toBe(chunk.length * chunks);
    expect(lastChunkAt).toBeGreaterThan(signalled + 1000); // the body was still streaming in well after the signal
    const exit = await s.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - upload.at).toBeLessThan(15_000);
    expect(s.output()).toMatch(/Stopping: finishing requests in flight/);
    server = null;
    timings.sigtermMs = Math.round(performance.now() - t0);
    timings.sigtermExitAfterAnswerMs = Math.round(exit.at - upload.at);
  }, 60_000);

  it('holds whole orders only: each with exactly the lines it was sent with', async () => {
    const db = databaseOn(await openPglite({ dataDir: data.dir }));
    try {
      const { rows } = await db.engine.query<{ id: number; notes: string | null; lines: number }>(
        'SELECT o.id, o.notes, (SELECT count(*) FROM order_lines l WHERE l.org_id = o.org_id AND l.order_id = o.id) AS lines FROM orders o',
      );
      expect(rows.length).toBeGreaterThanOrEqual(acked.orders.size);
      // Orders sent through the API say how many lines they were sent with; an import that committed before its kill adds whole documents of ten.
      const imported = rows.filter((r) => r.notes === null);
      expect(rows.filter((r) => r.notes !== null && r.notes !== `lines=${Number(r.lines)}`)).toEqual([]);
      expect(imported.length).toBe(committedImport.orders);
      expect(imported.filter((r) => Number(r.lines) !== 10)).toEqual([]);
      const {
        rows: [n],
      } = await db.engine.query<{ products: number; running: number }>(
        "SELECT (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM import_jobs WHERE status IN ('queued', 'running')) AS running",
      );
      expect({ products: Number(n!.products), running: Number(n!.running) }).toEqual({
        products: 5 + committedImport.products,
        running: 0,
      });
    } finally {
      await db.engine.close();
    }
  }, 60_000);
});

/** Reads back every acknowledged write through the API, a few at a time. */
async function verify(api: Api, acked: Acked) {
  const checks: (() => Promise<void>)[] = [];
  for (const [id, name] of acked.clients)
    checks.push(async () => expect((await api.ok('GET', `/api/v1/clients/${id}`)).name).toBe(name));
  for (const [id, o] of acked.orders) {
    checks.push(async () => {
      const got = await api.ok('GET', `/api/v1/orders/${id}`);
      expect({ number: got.number, lines: got.lines.length, total: got.total }).toEqual(o);
    });
  }
  for (const [id, notes] of acked.interactions)
    checks.push(async () => expect((await api.ok('GET', `/api/v1/interactions/${id}`)).notes).toBe(notes));
  for (const [id, amount] of acked.payments)
    checks.push(async () =>
      expect(Number((await api.ok('GET', `/api/v1/payments/${id}`)).amount)).toBe(Number(amount)),
    );
  for (const [id, t] of acked.notes) {
    if (t.acked === 0) continue;
    // The latest acknowledged value, or a later one whose answer the kill cut off.
    checks.push(async () =>
      expect(t.sent.slice(t.acked - 1)).toContain((await api.ok('GET', `/api/v1/clients/${id}`)).notes),
    );
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < checks.length) await checks[next++]!();
    }),
  );
}
