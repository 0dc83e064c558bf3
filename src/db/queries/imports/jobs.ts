import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { ImportKind } from '../../../core/import/fields.js';
import type { Database } from '../../database.js';
import { importJobs, importMappings, importRejects } from '../../schema/index.js';

// The import jobs (their progress, result and refused cells) and the saved column mappings: the
// rows behind services/import/jobs.ts. Every function takes the organisation; another's ids find nothing.

export type ImportJobRow = typeof importJobs.$inferSelect;
export type NewImportJob = Omit<typeof importJobs.$inferInsert, 'id' | 'createdAt'>;
/** The columns a job's progress and end write. */
export type ImportJobChange = Partial<Omit<NewImportJob, 'orgId'>>;
export type ImportMappingRow = typeof importMappings.$inferSelect;
export type ImportRejectRow = typeof importRejects.$inferSelect;

export async function insertImportJob(db: Database, job: NewImportJob): Promise<ImportJobRow> {
  const [row] = await db.orm.insert(importJobs).values(job).returning();
  return row!;
}

export async function updateImportJob(db: Database, orgId: number, id: number, change: ImportJobChange): Promise<void> {
  await db.orm
    .update(importJobs)
    .set(change)
    .where(and(eq(importJobs.orgId, orgId), eq(importJobs.id, id)));
}

export async function importJobById(db: Database, orgId: number, id: number): Promise<ImportJobRow | undefined> {
  const [job] = await db.orm
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.orgId, orgId), eq(importJobs.id, id)));
  return job;
}

/** The latest jobs first. */
export async function latestImportJobs(db: Database, orgId: number, limit: number): Promise<ImportJobRow[]> {
  return db.orm.select().from(importJobs).where(eq(importJobs.orgId, orgId)).orderBy(desc(importJobs.id)).limit(limit);
}

/**
 * Jobs left "running" or "queued" by a server that stopped, in every organisation: those marked
 * "written" (their rows committed) become done, the others failed; each gets its `error` text.
 */
export async function closeInterruptedJobs(
  db: Database,
  errors: { written: ImportJobRow['error']; unwritten: ImportJobRow['error'] },
): Promise<void> {
  const open = inArray(importJobs.status, ['running', 'queued']);
  const finishedAt = new Date().toISOString();
  await db.orm
    .update(importJobs)
    .set({ status: 'done', phase: null, finishedAt, error: errors.written })
    .where(and(open, eq(importJobs.phase, 'written')));
  await db.orm
    .update(importJobs)
    .set({ status: 'failed', phase: null, finishedAt, error: errors.unwritten })
    .where(open);
}

/** The columns of `import_rejects` in the order of the CSV `copyImportRejects` takes. */
export const importRejectColumns = [
  'org_id',
  'job_id',
  'seq',
  'row_no',
  'field',
  'column_name',
  'value',
  'reason',
  'code',
  'params',
] as const;

/** A job's refused cells by COPY: CSV lines of `importRejectColumns`. */
export async function copyImportRejects(db: Database, csv: AsyncIterable<string>): Promise<void> {
  await db.engine.copyCsv('import_rejects', importRejectColumns, csv);
}

/** One page of a job's refused cells in file order, and how many there are in all. */
export async function importRejectsPage(
  db: Database,
  orgId: number,
  jobId: number,
  page: { limit: number; offset: number },
): Promise<{ rows: ImportRejectRow[]; total: number }> {
  const where = and(eq(importRejects.orgId, orgId), eq(importRejects.jobId, jobId));
  const [rows, [total]] = await Promise.all([
    db.orm.select().from(importRejects).where(where).orderBy(importRejects.seq).limit(page.limit).offset(page.offset),
    db.orm.select({ n: count() }).from(importRejects).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The organisation's saved mappings by name, at most `limit`. */
export async function importMappingsOf(db: Database, orgId: number, limit: number): Promise<ImportMappingRow[]> {
  return db.orm
    .select()
    .from(importMappings)
    .where(eq(importMappings.orgId, orgId))
    .orderBy(importMappings.name)
    .limit(limit);
}

export async function insertImportMapping(
  db: Database,
  orgId: number,
  mapping: { name: string; kind: ImportKind; columns: Record<string, string> },
): Promise<ImportMappingRow> {
  const [row] = await db.orm
    .insert(importMappings)
    .values({ orgId, ...mapping })
    .returning();
  return row!;
}

/** Whether the mapping was there to delete. */
export async function deleteImportMapping(db: Database, orgId: number, id: number): Promise<boolean> {
  const gone = await db.orm
    .delete(importMappings)
    .where(and(eq(importMappings.orgId, orgId), eq(importMappings.id, id)))
    .returning({ id: importMappings.id });
  return gone.length > 0;
}
