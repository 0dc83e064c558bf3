import { isSuperuser } from '../../db/queries/roles.js';
import { rebuildAnalytics, refreshAnalytics } from '../analytics/refresh.js';
import { DomainError, notFound } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import {
  danglingReferences,
  deleteDemoRows,
  lockAgainstInserts,
  moveIdSequencePastMax,
  nextId,
} from '../../db/queries/demo/load.js';
import { seedPeopleAndVoice } from '../../db/queries/demo/people-and-voice.js';
import { analyzeTables, copyRows, foreignKeyTriggers, vacuumAnalyze } from '../../db/queries/maintenance.js';
import { hasDemoDataOf, setHasDemoData } from '../../db/queries/organizations.js';
import { spawnWorker } from '../../runtime/spawn-worker.js';
import { fillProfitAtLoss } from '../../db/queries/losses/losses.js';
import { analyticsSettingsFor } from '../analytics/settings.js';
import { demoCatalogue, demoColumns, type DemoOptions, type IdBase } from './generate.js';
import { claimRejections, claimTopics } from './vocabulary.js';
import { auditImport } from '../audit/record.js';
import { rebuildPageAnswers } from '../analytics/upkeep.js';
import { systemActor } from '../actor.js';

export type DemoSummary = Record<keyof typeof demoColumns, number>;
export type DemoProgress = (done: number, total: number) => void;

const sequenceTables: Record<keyof IdBase, string> = {
  user: 'users',
  product: 'products',
  client: 'clients',
  legalEntity: 'legal_entities',
  contact: 'contacts',
  order: 'orders',
  payment: 'payments',
  interaction: 'interactions',
};
const CLIENTS_PER_SLICE = 2000;
/** The tables the load fills by COPY. */
const loadedTables = [
  'users',
  'products',
  'clients',
  'client_search',
  'legal_entities',
  'contacts',
  'orders',
  'order_lines',
  'payments',
  'interactions',
];

type Slice = { to: number; csv: Record<string, string>; counts: Record<string, number> };

async function* single(text: string): AsyncIterable<string> {
  yield text;
}
async function* joined(rows: string[]): AsyncIterable<string> {
  // Joined in pieces so one COPY never builds a string near V8's limit.
  for (let i = 0; i < rows.length; i += 50_000) yield rows.slice(i, i + 50_000).join('\n') + '\n';
}

/** Every reference the foreign keys would have checked row by row, checked as set-based anti-joins. */
const references: [string, string, string][] = [
  ['clients', 'owner_user_id', 'users'],
  ['client_search', 'client_id', 'clients'],
  ['legal_entities', 'client_id', 'clients'],
  ['contacts', 'client_id', 'clients'],
  ['orders', 'client_id', 'clients'],
  ['orders', 'legal_entity_id', 'legal_entities'],
  ['orders', 'manager_user_id', 'users'],
  ['order_lines', 'order_id', 'orders'],
  ['order_lines', 'product_id', 'products'],
  ['payments', 'client_id', 'clients'],
  ['payments', 'legal_entity_id', 'legal_entities'],
  ['payments', 'order_id', 'orders'],
  ['interactions', 'client_id', 'clients'],
  ['interactions', 'contact_id', 'contacts'],
  ['interactions', 'user_id', 'users'],
];
async function assertReferencesHold(db: Database, orgId: number): Promise<void> {
  for (const [table, column, target] of references) {
    const dangling = await danglingReferences(db, orgId, table, column, target);
    if (dangling > 0)
      throw new DomainError('conflict', 'demo.brokenReference', { count: dangling, table, column, target });
  }
}

/**
 * Loads a generated wholesale distributor into an organisation by bulk COPY, all in one transaction
 * (a failure leaves nothing behind). Ids continue each table's identity sequence; the generator writes
 * each client's search text itself, so the full-text index fills during the COPY.
 */
export async function loadDemo(
  db: Database,
  orgId: number,
  opts: DemoOptions,
  onProgress?: DemoProgress,
): Promise<DemoSummary> {
  const summary = Object.fromEntries(Object.keys(demoColumns).map((k) => [k, 0])) as DemoSummary;
  let checkedAfter = false;
  await db.engine.transaction(async () => {
    const hasDemoData = await hasDemoDataOf(db, orgId);
    if (hasDemoData === undefined) throw notFound('organisation', orgId);
    if (hasDemoData) throw new DomainError('conflict', 'demo.alreadyLoaded');
    // Other sessions may not insert while the generator takes ids from the sequences: EXCLUSIVE mode
    // still lets them read, and the sequences are moved past the used ids before the lock is released.
    await lockAgainstInserts(db, Object.values(sequenceTables));
    const base = {} as IdBase;
    for (const [key, table] of Object.entries(sequenceTables) as [keyof IdBase, string][]) {
      base[key] = await nextId(db, table);
    }
    const copy = async (table: keyof typeof demoColumns, rows: string[]) => {
      if (rows.length === 0) return;
      await copyRows(db, table, demoColumns[table], joined(rows));
      summary[table] += rows.length;
    };
    // Bulk-load like pg_restore --disable-triggers: per-row foreign-key checks would cost more than
    // the COPY itself (measured: 38k vs ~150k lines/s). Only a superuser may do this (always so on
    // PGlite); referential integrity is then proven set-based before the transaction commits.
    checkedAfter = await isSuperuser(db);
    if (checkedAfter) await foreignKeyTriggers(db, 'off');
    const catalogue = demoCatalogue(orgId, opts, base);
    await copy('users', catalogue.users);
    await copy('products', catalogue.products);
    const worker = spawnWorker(import.meta.url, 'generate-worker', {
      orgId,
      opts,
      base,
      catalogue: { managers: catalogue.managers, prices: catalogue.prices },
      sliceSize: CLIENTS_PER_SLICE,
    });
    let failed: ((e: unknown) => void) | undefined;
    worker.on('error', (e) => failed?.(e));
    const next = () =>
      new Promise<Slice | null>((resolve, reject) => {
        failed = reject;
        worker.once('message', resolve);
        worker.postMessage('next');
      });
    try {
      onProgress?.(0, opts.clients);
      let pending = next();
      for (let slice = await pending; slice; slice = await pending) {
        pending = next(); // the worker makes the next slice while this one loads
        for (const table of [
          'clients',
          'client_search',
          'legal_entities',
          'contacts',
          'orders',
          'order_lines',
          'payments',
          'interactions',
        ] as const) {
          if (!slice.counts[table]) continue;
          await copyRows(db, table, demoColumns[table], single(slice.csv[table]!));
          summary[table] += slice.counts[table]!;
        }
        onProgress?.(slice.to, opts.clients);
      }
    } finally {
      await worker.terminate();
    }
    if (checkedAfter) {
      await foreignKeyTriggers(db, 'on');
      // Fresh statistics let the planner choose hash anti-joins for the checks (9 s → under 1 s here).
      await analyzeTables(db, loadedTables);
      await assertReferencesHold(db, orgId);
    }
    // The sequences move past the ids the generator used.
    for (const table of Object.values(sequenceTables)) await moveIdSequencePastMax(db, table);
    // Its people and voice come from the rows above, through the ordinary checks.
    const since = new Date(Date.parse(`${opts.until}T00:00:00Z`) - Math.round(opts.years * 365 * 86_400_000))
      .toISOString()
      .slice(0, 10);
    await seedPeopleAndVoice(db, orgId, opts.until, since, { topics: claimTopics, rejections: claimRejections });
    // Its people, claims and answers arrived past the write paths' upkeep: the pages' stored answers in one go.
    await rebuildPageAnswers(db, orgId);
    await setHasDemoData(db, orgId, true);
    await auditImport(db, systemActor(orgId), { kind: 'demo', ...summary });
  });
  // VACUUM sets the visibility map, so counts and lists can use index-only scans straight away
  // instead of reading the freshly loaded heap (measured: a 100k-client count 108 ms → a few ms).
  await vacuumAnalyze(db, loadedTables);
  // Without statistics the planner takes the freshly filled people-and-voice tables for empty (measured: a card's power structure 108 ms → 6 ms at 100k clients).
  await vacuumAnalyze(db, [
    'contact_links',
    'family_members',
    'useful_dates',
    'claims',
    'claim_events',
    'survey_responses',
    'client_losses',
    'client_base_analysis',
    'claim_months',
    'survey_months',
  ]);
  // The demo's history arrives in bulk, past the write path's upkeep: derive its analytics in one go.
  await rebuildAnalytics(db, orgId);
  // Each loss record keeps the client's profit of its last year, known only now the months exist.
  await fillProfitAtLoss(db, orgId, (await analyticsSettingsFor(db, orgId)).hourlyRate);
  await vacuumAnalyze(db, ['client_months', 'order_settlements', 'client_stage_changes', 'client_figures']);
  return summary;
}

/**
 * Takes the demo company out of an organisation: its clients with all their documents, its products
 * and its demo managers. Records people added by hand stay.
 */
export async function removeDemo(db: Database, orgId: number): Promise<{ clients: number }> {
  return db.engine
    .transaction(async () => {
      const rowCount = await deleteDemoRows(db, orgId);
      // Its clients' claims and answers went with them, and its managers' clients have no owner now.
      await rebuildPageAnswers(db, orgId);
      await setHasDemoData(db, orgId, false);
      await auditImport(db, systemActor(orgId), { kind: 'demo', clients: rowCount }, 'delete');
      return { clients: rowCount };
    })
    .then(async (result) => {
      await refreshAnalytics(db, orgId, { full: true });
      return result;
    });
}
