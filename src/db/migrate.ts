import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Engine } from './engine/types.js';

type Journal = { entries: { idx: number; tag: string }[] };

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export type MigrationReport = { applied: string[]; total: number };

/**
 * Applies the committed drizzle-kit migrations (forward only) that this database has not seen,
 * each in its own transaction. The same files run on PGlite and PostgreSQL. On PostgreSQL an
 * advisory lock lets several server processes start at once.
 */
export async function migrate(engine: Engine, dir = migrationsDir): Promise<MigrationReport> {
  const journal = JSON.parse(readFileSync(`${dir}/meta/_journal.json`, 'utf8')) as Journal;
  const applied: string[] = [];
  await engine.transaction(async () => {
    if (engine.kind === 'postgres') await engine.query('SELECT pg_advisory_xact_lock(7262777)');
    await engine.exec(`CREATE TABLE IF NOT EXISTS rapport_migrations (
      tag text PRIMARY KEY, hash text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await engine.query<{ tag: string }>('SELECT tag FROM rapport_migrations')).rows.map((r) => r.tag),
    );
    for (const entry of [...journal.entries].sort((a, b) => a.idx - b.idx)) {
      if (done.has(entry.tag)) continue;
      const text = readFileSync(`${dir}/${entry.tag}.sql`, 'utf8');
      for (const statement of text.split('--> statement-breakpoint')) {
        if (statement.trim()) await engine.exec(statement);
      }
      const hash = createHash('sha256').update(text).digest('hex');
      await engine.query('INSERT INTO rapport_migrations (tag, hash) VALUES ($1, $2)', [entry.tag, hash]);
      applied.push(entry.tag);
    }
  });
  return { applied, total: journal.entries.length };
}
