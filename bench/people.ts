// The people and the voice of the client at scale: the reads their pages make (power structure and a
// key figure's personal knowledge on the card, the base analysis across the base, a month of the
// calendar, claims list and summary, satisfaction trends, the Pareto of loss reasons), the writes that
// keep the pages' stored answers (a contact, a claim, a survey answer) and the day's congratulation
// tasks, on the demo company with everything filled in.
// usage: node --import tsx bench/people.ts [--engines postgres,pglite]   env: BENCH_CLIENTS (100000),
//        BENCH_YEARS (3), BENCH_SAMPLES (50), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test:
//        a fresh database BENCH_DB, default rapport_bench_people, is created beside it), BENCH_DIR (./bench/out)
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { databaseOn, type Database } from '../src/db/database.js';
import { openPglite } from '../src/db/engine/pglite.js';
import { openPostgres } from '../src/db/engine/postgres.js';
import { migrate } from '../src/db/migrate.js';
import { organizations } from '../src/db/schema/index.js';
import { systemActor, type Actor } from '../src/services/actor.js';
import { createUser } from '../src/services/access/users.js';
import { generateCongratulationTasks } from '../src/services/calendar/congratulation-tasks.js';
import { calendarEvents } from '../src/services/calendar/events.js';
import { claimSummary, createClaim, findClaims } from '../src/services/claims/claims.js';
import { contactService } from '../src/services/clients/contacts.js';
import { loadDemo } from '../src/services/demo/load-demo.js';
import { lossParetoOf } from '../src/services/losses/losses.js';
import { findBaseAnalysisList } from '../src/services/people/base-analysis.js';
import { getPersonalKnowledge } from '../src/services/people/personal.js';
import { getPowerStructure } from '../src/services/people/power-structure.js';
import { createSurveyResponse } from '../src/services/surveys/responses.js';
import { surveyTrends } from '../src/services/surveys/trends.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100_000);
const YEARS = Number(process.env.BENCH_YEARS ?? 3);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 50);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const OUT = path.resolve(process.env.BENCH_DIR ?? 'bench/out');
/** The database the run creates (and drops first): another name lets two runs share a server. */
const DB_NAME = process.env.BENCH_DB ?? 'rapport_bench_people';
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`BENCH_DB "${DB_NAME}" is not a plain database name`);
const UNTIL = '2026-11-01';
const engines = arg('engines', 'postgres')
  .split(',')
  .map((e) => e.trim())
  .filter(Boolean);
/** A page or card answers within this at p95 (the figure the analytics lists are held to, with room for the wider joins). */
const GOAL_P95_MS = 100;
const ms = (x: number) => Math.round(x * 10) / 10;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function freshPostgres(): Promise<string> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  return url.toString();
}

/** Runs `work(i)` SAMPLES times and gives the median and p95 in milliseconds. */
async function sampled(work: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    await work(i);
    times.push(performance.now() - t);
  }
  return { p50: ms(percentile(times, 50)), p95: ms(percentile(times, 95)) };
}

async function benchEngine(engineName: string): Promise<boolean> {
  let db: Database;
  if (engineName === 'postgres') db = databaseOn(openPostgres(await freshPostgres()));
  else if (engineName === 'pglite') {
    const dir = path.join(OUT, 'pglite-people');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    db = databaseOn(await openPglite({ dataDir: dir }));
  } else throw new Error(`unknown engine "${engineName}" (postgres, pglite)`);
  try {
    await migrate(db.engine);
    const [org] = await db.orm.insert(organizations).values({ name: 'Bench' }).returning();
    const user = await createUser(db, systemActor(org!.id), {
      name: 'Bench',
      email: `bench-people-${Date.now()}@bench.rapport`,
      role: 'owner',
      password: 'bench-password-1',
    });
    const actor: Actor = { ...systemActor(org!.id), userId: user.id };
    const started = performance.now();
    await loadDemo(db, actor.orgId, { clients: CLIENTS, years: YEARS, seed: 42, until: UNTIL });
    const loadSeconds = (performance.now() - started) / 1000;
    const {
      rows: [n],
    } = await db.engine.query<Record<string, number>>(
      `SELECT
      (SELECT count(*) FROM clients WHERE org_id = $1) AS clients, (SELECT count(*) FROM contacts WHERE org_id = $1) AS contacts,
      (SELECT count(*) FROM contact_links WHERE org_id = $1) AS links, (SELECT count(*) FROM useful_dates WHERE org_id = $1) + (SELECT count(*) FROM family_members WHERE org_id = $1) AS dates,
      (SELECT count(*) FROM claims WHERE org_id = $1) AS claims, (SELECT count(*) FROM survey_responses WHERE org_id = $1) AS surveys,
      (SELECT count(*) FROM client_losses WHERE org_id = $1) AS losses`,
      [actor.orgId],
    );
    console.log(
      `\n${engineName}: demo with people and voice loaded in ${loadSeconds.toFixed(1)} s — ${Object.entries(n!)
        .map(([k, v]) => `${k} ${Number(v)}`)
        .join(', ')}`,
    );

    const { rows: keyClients } = await db.engine.query<{ client_id: number; contact_id: number }>(
      `SELECT client_id, min(id) AS contact_id FROM contacts WHERE org_id = $1 AND is_key_figure GROUP BY client_id ORDER BY client_id LIMIT ${SAMPLES}`,
      [actor.orgId],
    );
    const pick = (i: number) => keyClients[i % keyClients.length]!;
    const months = ['2026-01-01', '2026-03-01', '2026-05-01', '2026-08-01', '2026-12-01'];
    const monthEnd = (from: string) => {
      const d = new Date(`${from}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + 1, 0);
      return d.toISOString().slice(0, 10);
    };

    const reads: [string, (i: number) => Promise<unknown>][] = [
      ['card: power structure and checklist', (i) => getPowerStructure(db, actor, Number(pick(i).client_id))],
      [
        "card: a key figure's personal knowledge",
        (i) => getPersonalKnowledge(db, actor, Number(pick(i).contact_id), UNTIL),
      ],
      [
        'base analysis: key and major without a decision maker',
        (i) =>
          findBaseAnalysisList(db, actor, {
            missing: 'decision_maker',
            significance: 'key,major',
            page: 1 + (i % 3),
            pageSize: 50,
          } as never),
      ],
      [
        'base analysis: every client, most important first',
        (i) => findBaseAnalysisList(db, actor, { page: 1 + (i % 3), pageSize: 50 } as never),
      ],
      [
        'calendar: a month, every client',
        (i) =>
          calendarEvents(db, actor, {
            from: months[i % months.length]!,
            to: monthEnd(months[i % months.length]!),
            scope: 'all',
          }),
      ],
      [
        'claims: open, most severe first',
        (i) =>
          findClaims(db, actor, {
            status: 'new,in_progress',
            sort: '-severity',
            page: 1 + (i % 3),
            pageSize: 50,
          } as never),
      ],
      ['claims: summary of 12 months', () => claimSummary(db, actor, { to: UNTIL })],
      ['satisfaction: trends by quarter', () => surveyTrends(db, actor, { grain: 'quarter', to: UNTIL })],
      ['losses: Pareto of 12 months by profit', () => lossParetoOf(db, actor, { to: UNTIL, by: 'profit' })],
    ];
    let ok = true;
    console.log(`reads, ${SAMPLES} samples each (goal: p95 ≤ ${GOAL_P95_MS} ms)`);
    for (const [name, work] of reads) {
      await work(0); // warm: plans and caches, as on a running server
      const r = await sampled(work);
      const met = r.p95 <= GOAL_P95_MS;
      ok &&= met;
      console.log(
        `  ${name.padEnd(56)} p50 ${String(r.p50).padStart(7)} ms   p95 ${String(r.p95).padStart(7)} ms ${met ? '' : '  ← over the goal'}`,
      );
    }

    // Writes that keep the pages' stored answers in their transaction (the base analysis of the client,
    // the claims summary's and the trends' month): what each costs with its upkeep.
    const writes: [string, (i: number) => Promise<unknown>][] = [
      [
        'a contact of a key client (its base analysis)',
        (i) =>
          contactService.create(db, actor, {
            clientId: Number(pick(i).client_id),
            fullName: `Bench ${i}`,
            decisionRoles: ['decision_maker'],
          } as never),
      ],
      [
        'a claim (its months of the summary)',
        (i) =>
          createClaim(db, actor, {
            clientId: Number(pick(i).client_id),
            type: 'claim',
            category: 'delivery',
            severity: 'low',
            subject: 'Bench',
            receivedOn: '2026-10-15',
          }),
      ],
      [
        'a survey answer (its month of the trends)',
        (i) =>
          createSurveyResponse(db, actor, {
            clientId: Number(pick(i).client_id),
            answeredOn: '2026-10-20',
            goods: 1 + (i % 5),
            nps: i % 11,
          }),
      ],
    ];
    console.log(`writes with their upkeep, ${SAMPLES} samples each`);
    for (const [name, work] of writes) {
      const r = await sampled(work);
      console.log(`  ${name.padEnd(56)} p50 ${String(r.p50).padStart(7)} ms   p95 ${String(r.p95).padStart(7)} ms`);
    }

    // The day's congratulations: the first run creates, the second finds everything already there.
    const first = performance.now();
    const run = await generateCongratulationTasks(db, actor.orgId, UNTIL);
    const firstMs = performance.now() - first;
    const again = performance.now();
    const rerun = await generateCongratulationTasks(db, actor.orgId, UNTIL);
    const againMs = performance.now() - again;
    console.log(
      `congratulation tasks for ${UNTIL}: ${JSON.stringify(run)} in ${ms(firstMs)} ms; run again: ${JSON.stringify(rerun)} in ${ms(againMs)} ms`,
    );
    console.log(`peak RSS of this process: ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
    return ok;
  } finally {
    await db.engine.close();
  }
}

let allMet = true;
for (const engine of engines) allMet = (await benchEngine(engine)) && allMet;
console.log(allMet ? '\nall reads within the goal' : '\nsome reads are over the goal (see ←)');
