// Load bench: the real `rapport serve` on PostgreSQL with the demo company, driven over loopback by
// autocannon with a mix of what a sales team does at once — about 80 % reads (the client list
// filtered and sorted, a client card, the analytics figures list, the claims list, a calendar month)
// and 20 % writes (record an interaction, record a claim, change a client's notes) with valid,
// varied bodies. Reports requests/s, latency p50/p90/p99 per kind and overall, non-2xx answers and
// errors (any of them fails the run: exit 1), and the server's resident memory.
// usage: node --import tsx bench/load.ts   env: BENCH_CLIENTS (100000), BENCH_YEARS (3), BENCH_SECONDS (30),
//        BENCH_CONNECTIONS (10), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test: the bench
//        database is created beside it), BENCH_DB (rapport_bench), BENCH_REUSE=1 (measure on the 'Bench'
//        organisation a previous run of this bench, bench/analytics.ts or bench/foundation.ts loaded there;
//        the writes of a run stay in it), BENCH_DIR (./bench/out), BENCH_CPU_PROF=1 (the server writes a V8
//        CPU profile into BENCH_DIR; `node --import tsx bench/profile-summary.ts <file>` ranks where time went)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { claimCategories, claimSeverities, claimTypes, interactionKinds } from '../src/core/vocabulary.js';
import { databaseOn, type Database } from '../src/db/database.js';
import { openPostgres } from '../src/db/engine/postgres.js';
import { migrate } from '../src/db/migrate.js';
import { organizations } from '../src/db/schema/index.js';
import { systemActor, type Actor } from '../src/services/actor.js';
import { createApiToken, createUser } from '../src/services/access/users.js';
import { loadDemo } from '../src/services/demo/load-demo.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100_000);
const YEARS = Number(process.env.BENCH_YEARS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = process.env.BENCH_DB ?? 'rapport_bench';
const OUT = path.resolve(process.env.BENCH_DIR ?? 'bench/out');
const REUSE = process.env.BENCH_REUSE === '1';
const CPU_PROF = process.env.BENCH_CPU_PROF === '1';
const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`BENCH_DB must be a plain database name, got "${DB_NAME}"`);
if (![CLIENTS, SECONDS, CONNECTIONS].every((n) => Number.isInteger(n) && n > 0))
  throw new Error('BENCH_CLIENTS, BENCH_SECONDS and BENCH_CONNECTIONS must be positive whole numbers');

const round1 = (x: number) => Math.round(x * 10) / 10;
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN;
const rssMb = (pid: number) => {
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);
  } catch {
    return Number.NaN;
  }
};

async function benchDatabaseUrl(): Promise<string> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  if (REUSE) return url.toString();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  return url.toString();
}

/** The 'Bench' organisation and its owner: found again (BENCH_REUSE=1) or loaded now with the demo company. */
async function benchOrganisation(db: Database): Promise<{ actor: Actor; loadSeconds: number | null }> {
  await migrate(db.engine);
  if (REUSE) {
    const {
      rows: [org],
    } = await db.engine.query<{ id: number }>(
      "SELECT id FROM organizations WHERE name = 'Bench' ORDER BY id DESC LIMIT 1",
    );
    if (!org) throw new Error(`no Bench organisation in ${DB_NAME} to reuse: run without BENCH_REUSE first`);
    const {
      rows: [user],
    } = await db.engine.query<{ id: number }>(
      "SELECT id FROM users WHERE org_id = $1 AND role = 'owner' AND disabled_at IS NULL ORDER BY id LIMIT 1",
      [org.id],
    );
    if (!user) throw new Error('the Bench organisation has no active owner');
    return { actor: { orgId: org.id, userId: user.id, role: 'owner' }, loadSeconds: null };
  }
  const [org] = await db.orm.insert(organizations).values({ name: 'Bench' }).returning();
  const user = await createUser(db, systemActor(org!.id), {
    name: 'Bench',
    email: `bench-load-${Date.now()}@bench.rapport`,
    role: 'owner',
    password: 'bench-password-1',
  });
  const started = performance.now();
  let lastPrint = 0;
  await loadDemo(db, org!.id, { clients: CLIENTS, years: YEARS, seed: 42, until: '2026-11-01' }, (done, total) => {
    if (done - lastPrint >= total / 10 || done === total) {
      lastPrint = done;
      process.stderr.write(
        `  loaded ${done}/${total} clients, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
    }
  });
  return {
    actor: { orgId: org!.id, userId: user.id, role: 'owner' },
    loadSeconds: (performance.now() - started) / 1000,
  };
}

/** What the requests pick from: real ids and values of the organisation, so every request is valid. */
async function samples(db: Database, orgId: number) {
  const q = async <T>(text: string) => (await db.engine.query<T>(text, [orgId])).rows;
  const clientIds = (
    await q<{ id: number }>('SELECT id FROM clients WHERE org_id = $1 ORDER BY random() LIMIT 5000')
  ).map((r) => Number(r.id));
  const regions = (
    await q<{ v: string }>(
      'SELECT region AS v FROM clients WHERE org_id = $1 AND region IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 12',
    )
  ).map((r) => r.v);
  const industries = (
    await q<{ v: string }>(
      'SELECT industry AS v FROM clients WHERE org_id = $1 AND industry IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 12',
    )
  ).map((r) => r.v);
  const owners = (
    await q<{ id: number }>('SELECT id FROM users WHERE org_id = $1 AND disabled_at IS NULL ORDER BY id')
  ).map((r) => Number(r.id));
  if (!clientIds.length || !owners.length) throw new Error('the Bench organisation has no clients or users');
  return { clientIds, regions, industries, owners };
}

type Kind = {
  name: string;
  write: boolean;
  weight: number;
  request: () => { method: 'GET' | 'POST' | 'PATCH'; path: string; body?: unknown };
};

function kinds(s: Awaited<ReturnType<typeof samples>>): Kind[] {
  let seed = 20261129;
  const rnd = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const qs = (o: Record<string, string | number | undefined>) =>
    new URLSearchParams(
      Object.entries(o)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ).toString();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const today = new Date();
  let n = 0;
  return [
    {
      name: 'read: client list, filtered and sorted',
      write: false,
      weight: 25,
      request: () => {
        const variants = [
          () => ({
            status: 'active',
            region: pick(s.regions),
            sort: pick(['name', '-updatedAt', 'createdAt']),
            page: int(1, 3),
          }),
          () => ({ industry: pick(s.industries), sort: pick(['-createdAt', 'region', 'name']) }),
          () => ({ q: pick(['строй', 'торг', 'ООО', 'снаб', 'пром', 'техно', '77']), pageSize: 25 }),
          () => ({ ownerUserId: pick(s.owners), sort: '-updatedAt', page: int(1, 5) }),
          () => ({ sort: pick(['name', '-name', 'status']), page: int(1, 200) }),
        ];
        return { method: 'GET', path: `/api/v1/clients?${qs(pick(variants)())}` };
      },
    },
    {
      name: 'read: client card',
      write: false,
      weight: 25,
      request: () => ({ method: 'GET', path: `/api/v1/clients/${pick(s.clientIds)}/card` }),
    },
    {
      name: 'read: analytics figures list',
      write: false,
      weight: 15,
      request: () => ({
        method: 'GET',
        path: `/api/v1/analytics/clients?${qs(
          pick([
            () => ({ sort: pick(['-profit', '-revenue', 'recencyDays', '-orders', '-marginPct']) }),
            () => ({ abcProfit: pick(['A', 'B', 'C']), sort: '-profit', page: int(1, 4) }),
            () => ({ region: pick(s.regions), sort: '-revenue' }),
            () => ({
              ladderStage: pick(['first_purchase', 'repeat_purchase', 'frequent', 'adherent']),
              sort: '-profit',
            }),
          ])(),
        )}`,
      }),
    },
    {
      name: 'read: claims list',
      write: false,
      weight: 10,
      request: () => ({
        method: 'GET',
        path: `/api/v1/claims?${qs(
          pick([
            () => ({ status: 'new,in_progress', sort: '-severity' }),
            () => ({ sort: '-receivedOn', page: int(1, 10) }),
            () => ({ category: pick(claimCategories), sort: 'dueOn' }),
            () => ({ clientId: pick(s.clientIds) }),
          ])(),
        )}`,
      }),
    },
    {
      name: 'read: calendar month',
      write: false,
      weight: 5,
      request: () => {
        const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + int(-6, 5), 1));
        const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 0));
        return {
          method: 'GET',
          path: `/api/v1/calendar/events?${qs({ from: day(from), to: day(to), scope: pick(['all', 'mine']) })}`,
        };
      },
    },
    {
      name: 'write: record an interaction',
      write: true,
      weight: 10,
      request: () => {
        const kind = pick(interactionKinds);
        const at = new Date(today.getTime() - int(0, 60) * 86_400_000 - int(0, 600) * 60_000);
        return {
          method: 'POST',
          path: '/api/v1/interactions',
          body: {
            clientId: pick(s.clientIds),
            kind,
            occurredAt: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
            durationMinutes: int(5, 180),
            moneySpent:
              kind === 'reception' || kind === 'gift'
                ? `${int(500, 25_000)}.${String(int(0, 99)).padStart(2, '0')}`
                : '0',
            outcome: pick(['Договорились о поставке', 'Нужен повторный звонок', 'Запросили прайс', null]),
            notes: `Нагрузочный тест ${++n}: ${pick(['обсудили отгрузку', 'согласовали скидку', 'передали каталог', 'уточнили реквизиты'])}`,
          },
        };
      },
    },
    {
      name: 'write: record a claim',
      write: true,
      weight: 5,
      request: () => ({
        method: 'POST',
        path: '/api/v1/claims',
        body: {
          clientId: pick(s.clientIds),
          type: pick(claimTypes),
          category: pick(claimCategories),
          severity: pick(claimSeverities),
          receivedOn: day(new Date(today.getTime() - int(0, 30) * 86_400_000)),
          subject: `${pick(['Недовложение', 'Опоздала машина', 'Ошибка в УПД', 'Просьба расширить ассортимент'])} (${++n})`,
          description: pick(['Клиент просит связаться до конца недели.', null, 'Фото приложены к письму.']),
        },
      }),
    },
    {
      name: 'write: change client notes',
      write: true,
      weight: 5,
      request: () => ({
        method: 'PATCH',
        path: `/api/v1/clients/${pick(s.clientIds)}`,
        body: { notes: `Заметка ${++n}: ${pick(['готовит тендер', 'сменился закупщик', 'просит отсрочку 30 дней'])}` },
      }),
    },
  ];
}

/** `rapport serve` from this checkout's sources (tsx), on a free loopback port. */
async function startServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${OUT}`] : []),
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "const { main } = await import('./src/cli/main.ts'); await main(['node', 'rapport', 'serve']);",
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        RAPPORT_DEMO: '0',
        LOG_LEVEL: 'warn',
        LANG: 'C',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d;
      const m = /running at (http:\/\/\S+)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`rapport serve exited (${code}) before it was ready:\n${buf}`)));
  });
  return { child, url };
}

type Tally = { latencies: number[]; non2xx: number; firstFailures: string[] };

async function main() {
  const databaseUrl = await benchDatabaseUrl();
  const db = databaseOn(openPostgres(databaseUrl, { max: 4 }));
  let server: { child: ChildProcess; url: string } | null = null;
  try {
    const { actor, loadSeconds } = await benchOrganisation(db);
    const {
      rows: [n],
    } = await db.engine.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM clients WHERE org_id = $1) AS clients,
      (SELECT count(*) FROM order_lines WHERE org_id = $1) AS order_lines, (SELECT count(*) FROM interactions WHERE org_id = $1) AS interactions,
      (SELECT count(*) FROM claims WHERE org_id = $1) AS claims`,
      [actor.orgId],
    );
    console.log(
      `PostgreSQL ${DB_NAME}: ${loadSeconds === null ? 'reused' : `loaded in ${loadSeconds.toFixed(1)} s`} — ${Object.entries(
        n!,
      )
        .map(([k, v]) => `${k} ${Number(v)}`)
        .join(', ')}`,
    );
    const mix = kinds(await samples(db, actor.orgId));
    const { token } = await createApiToken(db, actor, {
      name: `bench:load ${new Date().toISOString()}`,
      role: 'owner',
    });

    server = await startServer(databaseUrl);
    const serverPid = server.child.pid!;
    const readHeaders = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const headers = { ...readHeaders, 'content-type': 'application/json' };
    // Warm-up: every kind a few times (plans, caches, the JIT), and a check that each one answers 2xx.
    for (const k of mix) {
      for (let i = 0; i < 5; i++) {
        const r = k.request();
        const res = await fetch(server.url + r.path, {
          method: r.method,
          headers,
          ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}),
        });
        const text = await res.text();
        if (res.status >= 300)
          throw new Error(`warm-up: ${k.name} ${r.method} ${r.path} answered ${res.status}: ${text.slice(0, 400)}`);
      }
    }

    const totalWeight = mix.reduce((s, k) => s + k.weight, 0);
    let draw = 0;
    const chooseKind = () => {
      // A fixed, interleaved schedule of the weights: the mix is exact over every 100 requests.
      draw = (draw + 37) % totalWeight;
      let acc = 0;
      for (let i = 0; i < mix.length; i++) {
        acc += mix[i]!.weight;
        if (draw < acc) return i;
      }
      return mix.length - 1;
    };
    const tallies = mix.map((): Tally => ({ latencies: [], non2xx: 0, firstFailures: [] }));
    const rss: number[] = [rssMb(serverPid)];
    const rssTimer = setInterval(() => rss.push(rssMb(serverPid)), 1000);

    console.log(
      `\nmixed load: ${CONNECTIONS} connections for ${SECONDS} s against ${server.url} (${os.cpus().length} cores; the database, the server and the load share them)`,
    );
    const instance = autocannon({
      url: server.url,
      connections: CONNECTIONS,
      pipelining: 1,
      duration: SECONDS,
      timeout: 30,
      headers: readHeaders,
      requests: [
        {
          setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
            const i = chooseKind();
            const r = mix[i]!.request();
            context.kind = i;
            // Headers are a fresh object each time: autocannon writes Content-Length into the one it is given.
            if (r.body === undefined)
              return { ...req, method: r.method, path: r.path, headers: { ...readHeaders }, body: undefined };
            return {
              ...req,
              method: r.method,
              path: r.path,
              headers: { ...readHeaders, 'content-type': 'application/json' },
              body: JSON.stringify(r.body),
            };
          },
          onResponse: (status: number, body: string, context: Record<string, unknown>) => {
            const t = tallies[context.kind as number]!;
            if (status < 200 || status >= 300) {
              t.non2xx++;
              if (t.firstFailures.length < 3) t.firstFailures.push(`${status} ${String(body).slice(0, 300)}`);
            }
          },
        },
      ],
    } as autocannon.Options);
    // With one request in flight per connection, a response belongs to the kind that connection last set up.
    instance.on(
      'response',
      (
        client: { requestIterator?: { context?: { kind?: number } } },
        _status: number,
        _bytes: number,
        responseTime: number,
      ) => {
        const kind = client.requestIterator?.context?.kind;
        if (kind !== undefined) tallies[kind]!.latencies.push(responseTime);
      },
    );
    const result = await instance;
    clearInterval(rssTimer);
    rss.push(rssMb(serverPid));

    const all: number[] = [];
    const rows = mix.map((k, i) => {
      const t = tallies[i]!;
      const sorted = [...t.latencies].sort((a, b) => a - b);
      all.push(...sorted);
      return {
        kind: k.name,
        requests: sorted.length,
        perSecond: round1(sorted.length / SECONDS),
        p50: round1(percentile(sorted, 50)),
        p90: round1(percentile(sorted, 90)),
        p99: round1(percentile(sorted, 99)),
        non2xx: t.non2xx,
        failures: t.firstFailures,
      };
    });
    all.sort((a, b) => a - b);
    const writes = rows.filter((r, i) => mix[i]!.write).reduce((s, r) => s + r.requests, 0);
    const overall = {
      requests: result.requests.total,
      perSecond: round1(result.requests.total / SECONDS),
      p50: round1(percentile(all, 50)),
      p90: round1(percentile(all, 90)),
      p99: round1(percentile(all, 99)),
      writesShare: round1((writes / Math.max(1, all.length)) * 100),
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      serverRssMb: { start: rss[0]!, max: Math.max(...rss.filter(Number.isFinite)), end: rss[rss.length - 1]! },
      benchRssMb: Math.round(process.memoryUsage().rss / 1048576),
    };

    console.log(
      `${'kind'.padEnd(42)} ${'requests'.padStart(8)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'non-2xx'.padStart(8)}`,
    );
    const cell = (x: number, width: number) => (Number.isFinite(x) ? String(x) : '—').padStart(width);
    for (const r of [...rows, { kind: 'overall', ...overall }]) {
      console.log(
        `${r.kind.padEnd(42)} ${cell(r.requests, 8)} ${cell(r.perSecond, 7)} ${cell(r.p50, 8)} ${cell(r.p90, 8)} ${cell(r.p99, 8)} ${cell(r.non2xx, 8)}`,
      );
    }
    console.log(
      `writes ${overall.writesShare} % of requests; errors ${overall.errors}, timeouts ${overall.timeouts}; server RSS ${overall.serverRssMb.start} → max ${overall.serverRssMb.max} MB (end ${overall.serverRssMb.end} MB); bench process ${overall.benchRssMb} MB`,
    );
    for (const r of rows) for (const f of r.failures) console.log(`  ${r.kind}: ${f}`);

    mkdirSync(OUT, { recursive: true });
    writeFileSync(
      path.join(OUT, 'load.json'),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          clients: Number(n!.clients),
          orderLines: Number(n!.order_lines),
          seconds: SECONDS,
          connections: CONNECTIONS,
          cores: os.cpus().length,
          loadAverage: os.loadavg().map(round1),
          overall,
          kinds: rows,
        },
        null,
        2,
      ),
    );
    const ok = overall.non2xx === 0 && overall.errors === 0 && overall.timeouts === 0 && overall.requests > 0;
    console.log(ok ? '\nno errors, every answer 2xx' : '\nFAILED: non-2xx answers, errors or timeouts under load');
    if (!ok) process.exitCode = 1;
  } finally {
    if (server) {
      const exited = new Promise((r) => server!.child.once('exit', r));
      server.child.kill('SIGTERM');
      await exited;
    }
    await db.engine.close();
  }
}

await main();
