import { eq } from 'drizzle-orm';
import { DomainError } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { refreshClientSearch } from '../../db/queries/client-search.js';
import { organizations } from '../../db/schema/index.js';
import { demoCatalogue, demoColumns, demoSlice, type DemoOptions, type IdBase } from './generate.js';

export type DemoSummary = Record<keyof typeof demoColumns, number>;
export type DemoProgress = (done: number, total: number) => void;

const sequenceTables: Record<keyof IdBase, string> = {
  user: 'users', product: 'products', client: 'clients', legalEntity: 'legal_entities', contact: 'contacts',
  order: 'orders', payment: 'payments', interaction: 'interactions',
};
const CLIENTS_PER_SLICE = 2000;

async function* once(rows: string[]): AsyncIterable<string> {
  // Joined in pieces so one COPY never builds a string near V8's limit.
  for (let i = 0; i < rows.length; i += 50_000) yield rows.slice(i, i + 50_000).join('\n') + '\n';
}

/**
 * Loads a generated wholesale distributor into an organisation by bulk COPY, all in one transaction
 * (a failure leaves nothing behind). Ids continue each table's identity sequence.
 */
export async function loadDemo(db: Database, orgId: number, opts: DemoOptions, onProgress?: DemoProgress): Promise<DemoSummary> {
  const summary = Object.fromEntries(Object.keys(demoColumns).map((k) => [k, 0])) as DemoSummary;
  await db.engine.transaction(async () => {
    const [org] = await db.orm.select({ hasDemoData: organizations.hasDemoData }).from(organizations).where(eq(organizations.id, orgId));
    if (!org) throw new DomainError('not_found', `Organisation ${orgId} was not found.`);
    if (org.hasDemoData) throw new DomainError('conflict', 'This organisation already holds the demo company; remove it first (rapport demo --remove).');
    const base = {} as IdBase;
    for (const [key, table] of Object.entries(sequenceTables) as [keyof IdBase, string][]) {
      const { rows } = await db.engine.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('${table}', 'id')) AS id`);
      base[key] = Number(rows[0]!.id);
    }
    const copy = async (table: keyof typeof demoColumns, rows: string[]) => {
      if (rows.length === 0) return;
      await db.engine.copyCsv(table, demoColumns[table], once(rows));
      summary[table] += rows.length;
    };
    const catalogue = demoCatalogue(orgId, opts, base);
    await copy('users', catalogue.users);
    await copy('products', catalogue.products);
    const counters = { order: 0, payment: 0, interaction: 0, legalEntity: 0, contact: 0 };
    onProgress?.(0, opts.clients);
    for (let from = 0; from < opts.clients; from += CLIENTS_PER_SLICE) {
      const to = Math.min(opts.clients, from + CLIENTS_PER_SLICE);
      const slice = demoSlice(orgId, opts, base, catalogue, from, to, counters);
      for (const table of ['clients', 'legal_entities', 'contacts', 'orders', 'order_lines', 'payments', 'interactions'] as const) await copy(table, slice[table]);
      onProgress?.(to, opts.clients);
    }
    // The sequences move past the ids the generator used.
    for (const table of Object.values(sequenceTables)) {
      await db.engine.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), greatest((SELECT coalesce(max(id), 1) FROM ${table}), 1))`);
    }
    await refreshClientSearch(db, orgId);
    await db.orm.update(organizations).set({ hasDemoData: true }).where(eq(organizations.id, orgId));
  });
  await db.engine.exec('ANALYZE');
  return summary;
}

/**
 * Takes the demo company out of an organisation: its clients with all their documents, its products
 * and its demo managers. Records people added by hand stay.
 */
export async function removeDemo(db: Database, orgId: number): Promise<{ clients: number }> {
  return db.engine.transaction(async () => {
    const demoClients = `SELECT id FROM clients WHERE org_id = $1 AND is_demo`;
    for (const table of ['order_lines', 'payments', 'orders', 'interactions', 'contacts', 'legal_entities']) {
      await db.engine.query(`DELETE FROM ${table} WHERE org_id = $1 AND client_id IN (${demoClients})`, [orgId]);
    }
    await db.engine.query(`DELETE FROM client_relations WHERE org_id = $1 AND (client_id IN (${demoClients}) OR related_client_id IN (${demoClients}))`, [orgId]);
    const { rowCount } = await db.engine.query(`DELETE FROM clients WHERE org_id = $1 AND is_demo`, [orgId]);
    await db.engine.query(`DELETE FROM products p WHERE p.org_id = $1 AND p.is_demo AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.org_id = p.org_id AND l.product_id = p.id)`, [orgId]);
    await db.engine.query(`DELETE FROM sessions s USING users u WHERE s.org_id = $1 AND u.org_id = s.org_id AND u.id = s.user_id AND u.is_demo`, [orgId]);
    await db.engine.query(`DELETE FROM users WHERE org_id = $1 AND is_demo`, [orgId]);
    await db.orm.update(organizations).set({ hasDemoData: false }).where(eq(organizations.id, orgId));
    return { clients: rowCount };
  });
}
