import { describe, expect, it } from 'vitest';
import { engineName, useDatabase } from '../../../test/support/database.js';
import { buildClient, buildOrg } from '../../../test/support/factories.js';
import { foreignKeyTriggers, copyRows } from './maintenance.js';
import { keptRowCount, keptRowCounts, type CountedTable } from './row-counts.js';

const db = await useDatabase();

const counted: CountedTable[] = ['clients', 'client_figures', 'claims'];

/** The kept counts next to the rows actually there, per table. */
async function keptAndReal(orgId: number) {
  const kept = await keptRowCounts(db, orgId, counted);
  const real: Record<string, number> = {};
  for (const t of counted) {
    const { rows } = await db.engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${t} WHERE org_id = $1`, [orgId]);
    real[t] = Number(rows[0]!.n);
  }
  return { kept, real };
}

async function* csv(lines: string[]) {
  yield lines.map((l) => `${l}\n`).join('');
}

describe('org_row_counts', () => {
  it('follows every way rows come and go: a service, INSERT … SELECT, COPY with triggers off, DELETE, a cascade', async () => {
    const owner = await buildOrg(db);
    const other = await buildOrg(db);
    expect(await keptRowCount(db, owner.orgId, 'clients')).toBe(0);

    // The service (with its figures row through upkeep) and a claim.
    const first = await buildClient(db, owner, { name: 'Альфа' });
    await buildClient(db, other, { name: 'Чужой' });
    await db.engine.query(
      `INSERT INTO claims (org_id, client_id, type, category, severity, received_on, due_on, subject)
       VALUES ($1, $2, 'claim', 'quality', 'low', '2026-01-10', '2026-01-20', 'Брак')`,
      [owner.orgId, first.id],
    );
    let { kept, real } = await keptAndReal(owner.orgId);
    expect(kept).toEqual(real);
    expect(real).toEqual({ clients: 1, client_figures: 1, claims: 1 });

    // Several rows by one statement, and by COPY as the demo loader and a restore write them.
    await db.engine.query(`INSERT INTO clients (org_id, name) SELECT $1, 'Клиент ' || g FROM generate_series(1, 5) g`, [
      owner.orgId,
    ]);
    await db.engine.transaction(async () => {
      await foreignKeyTriggers(db, 'off');
      await copyRows(db, 'clients', ['org_id', 'name'], csv([`${owner.orgId},Копия 1`, `${owner.orgId},Копия 2`]));
      await foreignKeyTriggers(db, 'on');
    });
    ({ kept, real } = await keptAndReal(owner.orgId));
    expect(kept).toEqual(real);
    expect(real.clients).toBe(8);

    // An upsert that only updates adds nothing; deletes take away, in one statement or by a cascade.
    await db.engine.query(
      `INSERT INTO client_figures (org_id, client_id) VALUES ($1, $2)
       ON CONFLICT (org_id, client_id) DO UPDATE SET revenue = 0`,
      [owner.orgId, first.id],
    );
    await db.engine.query(`DELETE FROM clients WHERE org_id = $1 AND name LIKE 'Клиент %'`, [owner.orgId]);
    await db.engine.query('DELETE FROM clients WHERE org_id = $1 AND id = $2', [owner.orgId, first.id]);
    ({ kept, real } = await keptAndReal(owner.orgId));
    expect(kept).toEqual(real);
    expect(real).toEqual({ clients: 2, client_figures: 0, claims: 0 });

    // A rolled-back write leaves the count as it was.
    await expect(
      db.engine.transaction(async () => {
        await db.engine.query(`INSERT INTO clients (org_id, name) VALUES ($1, 'Откат')`, [owner.orgId]);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await keptRowCount(db, owner.orgId, 'clients')).toBe(2);

    // The other organisation's count was never touched; deleting it takes its counts along.
    expect(await keptRowCounts(db, other.orgId, counted)).toEqual({ clients: 1, client_figures: 1, claims: 0 });
    await db.engine.query('DELETE FROM organizations WHERE id = $1', [other.orgId]);
    const { rows } = await db.engine.query('SELECT 1 FROM org_row_counts WHERE org_id = $1', [other.orgId]);
    expect(rows).toEqual([]);
  });

  // PGlite runs one transaction at a time, so only PostgreSQL can hold one open beside another.
  it.runIf(engineName === 'postgres')(
    'never makes a write wait for the count while a long transaction holds its part',
    async () => {
      const owner = await buildOrg(db);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const started = new Promise<void>((resolve) => (inserted = resolve));
      const long = db.engine.transaction(async () => {
        await db.engine.query(`INSERT INTO clients (org_id, name) VALUES ($1, 'Долгий импорт')`, [owner.orgId]);
        inserted();
        await held;
      });
      await started;
      const quick = db.engine.query(`INSERT INTO clients (org_id, name) VALUES ($1, 'Между делом')`, [owner.orgId]);
      const outcome = await Promise.race([
        quick.then(() => 'committed'),
        new Promise((resolve) => setTimeout(() => resolve('waiting'), 3000)),
      ]);
      release();
      await Promise.all([long, quick]);
      expect(outcome).toBe('committed');
      const { kept, real } = await keptAndReal(owner.orgId);
      expect(kept).toEqual(real);
      expect(real.clients).toBe(2);
      // Each statement folds the parts nobody holds: a later write leaves one part.
      await buildClient(db, owner, { name: 'Потом' });
      const { rows } = await db.engine.query(
        `SELECT 1 FROM org_row_counts WHERE org_id = $1 AND table_name = 'clients'`,
        [owner.orgId],
      );
      expect(rows).toHaveLength(1);
    },
  );
});
