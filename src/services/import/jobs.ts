import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { DomainError, fieldProblem, notFound } from '../../core/errors.js';
import { message, translateCode, type Message, type MessageParams } from '../../core/messages/index.js';
import { importKinds, normalizeHeader, type ColumnMapping, type ImportKind } from '../../core/import/fields.js';
import type { Database } from '../../db/database.js';
import {
  closeInterruptedJobs,
  copyImportRejects,
  deleteImportMapping,
  importJobById,
  importMappingsOf,
  importRejectsPage,
  insertImportJob,
  insertImportMapping,
  latestImportJobs,
  updateImportJob,
  type ImportJobRow,
} from '../../db/queries/imports/jobs.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { assertCanImport, assertCanSeeImports } from '../access/scope.js';
import { csvChunks, csvLine } from './staging.js';
import { inspectFile, type Inspection, type Reading } from './read-file.js';
import {
  prepareImport,
  runImport,
  type ImportMode,
  type ImportProgress,
  type ImportResult,
  type ImportTuning,
} from './run-import.js';
import type { ImportWarning } from './warnings.js';

/**
 * Uploaded files wait in a folder of their own, named by organisation and a random id, so one
 * tenant can never name another's file. They stay for a day, long enough to inspect, dry-run
 * and import; the wizard's steps all refer to the same upload.
 */
export type UploadStore = { dir: string; maxBytes: number };

const UPLOAD_ID = /^[0-9a-f]{32}$/;
const KEEP_UPLOADS_MS = 24 * 3600 * 1000;

const uploadPath = (store: UploadStore, orgId: number, uploadId: string) => {
  if (!UPLOAD_ID.test(uploadId)) throw notFound('upload', uploadId);
  return join(store.dir, `${orgId}-${uploadId}`);
};

export async function saveUpload(
  store: UploadStore,
  actor: Actor,
  body: Readable,
): Promise<{ uploadId: string; size: number }> {
  assertCanWrite(actor);
  assertCanImport(actor);
  await mkdir(store.dir, { recursive: true });
  const uploadId = randomBytes(16).toString('hex');
  const path = uploadPath(store, actor.orgId, uploadId);
  let size = 0;
  body.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > store.maxBytes)
      body.destroy(
        new DomainError('invalid_input', 'import.file.tooLargeDetail', {}, [
          fieldProblem('file', 'too_large', 'import.file.tooLarge', { mb: Math.round(store.maxBytes / 1048576) }),
        ]),
      );
  });
  try {
    await pipeline(body, createWriteStream(path));
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  return { uploadId, size };
}

export async function existingUpload(store: UploadStore, actor: Actor, uploadId: string): Promise<string> {
  const path = uploadPath(store, actor.orgId, uploadId);
  try {
    await stat(path);
  } catch {
    throw new DomainError('not_found', 'import.file.gone');
  }
  return path;
}

export async function forgetOldUploads(store: UploadStore): Promise<void> {
  const names = await readdir(store.dir).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    const path = join(store.dir, name);
    const s = await stat(path).catch(() => null);
    if (s && now - s.mtimeMs > KEEP_UPLOADS_MS) await rm(path, { force: true });
  }
}

export async function inspectUpload(
  db: Database,
  store: UploadStore,
  actor: Actor,
  uploadId: string,
  reading: Reading,
  kind?: ImportKind,
): Promise<Inspection & { savedMappings: SavedMapping[] }> {
  assertCanWrite(actor);
  assertCanImport(actor);
  const inspection = await inspectFile(await existingUpload(store, actor, uploadId), reading, kind);
  const saved = (await listMappings(db, actor)).filter((m) => m.kind === inspection.kind);
  return { ...inspection, savedMappings: saved };
}

export type ImportJobRequest = {
  uploadId: string;
  fileName: string;
  kind: ImportKind;
  mapping?: ColumnMapping | undefined;
  reading?: Reading | undefined;
  dryRun?: boolean | undefined;
  mode?: ImportMode | undefined;
};

/** Imports running in this process, by org: one at a time per organisation, so two never interleave. */
const running = new Map<number, Promise<void>>();
/**
 * Running jobs as the status endpoint shows them, kept in memory: on PGlite the import's
 * transaction holds the only connection, so its progress could not be read from the database.
 */
const live = new Map<number, ImportJob>();

/**
 * Starts an import in the background and answers its job id at once; progress is written to the
 * job row about once a second, the result and the refused cells when it ends. A failure of the
 * import itself rolls all of its writes back (one transaction).
 */
export async function startImport(
  db: Database,
  store: UploadStore,
  actor: Actor,
  request: ImportJobRequest,
  onEnd?: (orgId: number) => void,
  tuning: ImportTuning = {},
): Promise<{ id: number; done: Promise<ImportResult | null> }> {
  assertCanWrite(actor);
  assertCanImport(actor);
  if (!importKinds.includes(request.kind))
    throw new DomainError('invalid_input', 'import.kindUnknownDetail', {}, [
      fieldProblem('kind', 'enum', 'import.kindUnknown'),
    ]);
  const path = await existingUpload(store, actor, request.uploadId);
  await prepareImport({ path, kind: request.kind, mapping: request.mapping, reading: request.reading });
  if (running.has(actor.orgId)) throw new DomainError('conflict', 'import.running');
  running.set(actor.orgId, Promise.resolve()); // taken before the first await, so a second request sees it
  const job = await insertImportJob(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    kind: request.kind,
    fileName: request.fileName.slice(0, 300),
    format: 'csv',
    mapping: request.mapping ?? [],
    reading: request.reading ?? {},
    dryRun: request.dryRun ?? false,
    mode: request.mode ?? 'all',
    status: 'running',
    startedAt: new Date().toISOString(),
  }).catch((e: unknown) => {
    running.delete(actor.orgId);
    throw e;
  });
  const id = job.id;
  live.set(id, { ...job, phase: 'reading' });
  const onProgress = (p: ImportProgress) => {
    live.set(id, {
      ...live.get(id)!,
      phase: p.phase,
      bytesDone: p.bytesDone,
      bytesTotal: p.bytesTotal,
      rowsRead: p.rowsRead,
      rowsRejected: p.rowsRejected,
    });
  };
  const done = (async (): Promise<ImportResult | null> => {
    try {
      // The rows and the job's "written" mark commit together: a server stopped during the analytics that follow knows the rows are in.
      const beforeCommit = async (r: ImportResult) => {
        await updateImportJob(db, actor.orgId, id, {
          phase: 'written',
          rowsRead: r.rowsRead,
          rowsValid: r.rowsValid,
          outcome: { ...r.outcome },
        });
      };
      const result = await runImport(
        db,
        actor,
        {
          path,
          kind: request.kind,
          mapping: request.mapping,
          reading: request.reading,
          dryRun: request.dryRun,
          mode: request.mode,
          ...tuning,
          beforeCommit,
        },
        onProgress,
      );
      await saveRejects(db, actor.orgId, id, result);
      await updateImportJob(db, actor.orgId, id, {
        status: result.status === 'dry_run' ? 'done' : result.status,
        phase: null,
        format: result.format,
        mapping: result.mapping,
        reading: { ...(request.reading ?? {}), headerRow: result.headerRow, ...result.details },
        rowsRead: result.rowsRead,
        rowsValid: result.rowsValid,
        rowsRejected: result.rowsRejected,
        rowsSkipped: result.rowsSkipped,
        // Warnings ride in the outcome document (see `jobOutcome`): a job's row needs no column for them.
        outcome: {
          ...result.outcome,
          analytics: result.analytics,
          ...(result.warnings.length ? { warnings: result.warnings } : {}),
        },
        finishedAt: new Date().toISOString(),
      });
      if (result.status === 'done' && !request.dryRun) await rm(path, { force: true });
      return result;
    } catch (e) {
      // Stored as a message code: the first field problem of a refusal, else the failure with its cause.
      const first =
        e instanceof DomainError ? (e.fields[0] ?? e.detailMessage ?? message('problem.invalidInput')) : undefined;
      const error: Message = first
        ? { code: first.code, params: first.params }
        : message('import.failed', { reason: (e as Error).message });
      await updateImportJob(db, actor.orgId, id, {
        status: 'failed',
        phase: null,
        error,
        finishedAt: new Date().toISOString(),
      }).catch(() => undefined);
      return null;
    } finally {
      live.delete(id);
      running.delete(actor.orgId);
      onEnd?.(actor.orgId);
    }
  })();
  running.set(
    actor.orgId,
    done.then(() => undefined),
  );
  return { id, done };
}

async function saveRejects(db: Database, orgId: number, jobId: number, result: ImportResult): Promise<void> {
  if (result.rejects.length === 0) return;
  // In the order of `importRejectColumns`.
  const lines = result.rejects.map((r, i) =>
    csvLine([orgId, jobId, i + 1, r.rowNo, r.field, r.column, r.value, r.reason, r.code, JSON.stringify(r.params)]),
  );
  await copyImportRejects(db, csvChunks(lines));
}

/**
 * Jobs left "running" by a server that stopped. One marked "written" had committed its rows (the mark
 * commits with them) and stopped in the analytics refresh after: it is done, with the analytics to
 * rebuild. The others never committed, so nothing of them is in.
 */
export async function closeInterruptedImports(db: Database): Promise<void> {
  await closeInterruptedJobs(db, {
    written: message('import.interruptedAnalytics'),
    unwritten: message('import.interrupted'),
  });
}

export type ImportJob = ImportJobRow;

/**
 * A message as stored with a job (its error, a warning, a refused cell): since message codes a code
 * with its parameters, before them the two texts. Answered with both texts and, when known, the code.
 */
type StoredMessage = { code: unknown; params: unknown } | { ru: string; en: string };

export function storedMessage(m: StoredMessage): {
  message: { ru: string; en: string };
  code?: string;
  params?: MessageParams;
} {
  if (!('code' in m)) return { message: { ru: m.ru, en: m.en } };
  const code = String(m.code);
  const params = (m.params ?? {}) as MessageParams;
  return {
    message: { ru: translateCode('ru', code, params), en: translateCode('en', code, params) },
    code,
    params,
  };
}

/** Why a failed job failed, in both languages with its code; null when it did not fail. */
export function jobError(job: ImportJob): { ru: string; en: string; code?: string; params?: MessageParams } | null {
  if (!job.error) return null;
  const { message: text, ...code } = storedMessage(job.error as StoredMessage);
  return { ...text, ...code };
}

/** A job's outcome counts and its warnings, which are kept in the same document. */
export function jobOutcome(job: ImportJob): {
  outcome: Record<string, number | string>;
  warnings: (Omit<ImportWarning, 'code' | 'params'> & ReturnType<typeof storedMessage>)[];
} {
  const { warnings, ...outcome } = (job.outcome ?? {}) as Record<string, number | string> & {
    warnings?: (ImportWarning | (Omit<ImportWarning, 'code' | 'params'> & { message: { ru: string; en: string } }))[];
  };
  return {
    outcome,
    warnings: (warnings ?? []).map((w) => {
      const { reason, count, rows } = w;
      return { reason, count, rows, ...storedMessage('code' in w ? w : w.message) };
    }),
  };
}

export async function getImportJob(db: Database, actor: Actor, id: number): Promise<ImportJob> {
  assertCanSeeImports(actor);
  const inMemory = live.get(id);
  if (inMemory && inMemory.orgId === actor.orgId) return inMemory;
  const job = await importJobById(db, actor.orgId, id);
  if (!job) throw notFound('import', id);
  return job;
}

export async function listImportJobs(db: Database, actor: Actor, limit = 50): Promise<ImportJob[]> {
  assertCanSeeImports(actor);
  const jobs = await latestImportJobs(db, actor.orgId, limit);
  return jobs.map((j) => live.get(j.id) ?? j);
}

/** The refused cells of an import, in file order, a page at a time (the report keeps the first 10,000). */
export async function rejectsOf(db: Database, actor: Actor, id: number, page = 1, pageSize = 100) {
  await getImportJob(db, actor, id);
  const { rows, total } = await importRejectsPage(db, actor.orgId, id, {
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const items = rows.map((r) => ({
    rowNo: r.rowNo,
    field: r.field,
    column: r.column,
    value: r.value,
    reason: r.reason,
    ...storedMessage(r.code ? { code: r.code, params: r.params } : { ru: r.messageRu ?? '', en: r.messageEn ?? '' }),
  }));
  return { items, total, page, pageSize };
}

export type SavedMapping = { id: number; name: string; kind: string; columns: Record<string, string> };

export async function listMappings(db: Database, actor: Actor): Promise<SavedMapping[]> {
  assertCanSeeImports(actor);
  // Mappings are saved by hand; the list stays bounded even if a script saves thousands.
  const rows = await importMappingsOf(db, actor.orgId, 500);
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, columns: r.columns as Record<string, string> }));
}

/** Saves a mapping by header text, so the next file of that layout maps itself even if columns moved. */
export async function saveMapping(
  db: Database,
  actor: Actor,
  input: { name: string; kind: ImportKind; headers: string[]; mapping: ColumnMapping },
): Promise<SavedMapping> {
  assertCanWrite(actor);
  assertCanImport(actor);
  const columns: Record<string, string> = {};
  input.mapping.forEach((field, i) => {
    const h = input.headers[i];
    if (field && h) columns[normalizeHeader(h)] = field;
  });
  const row = await insertImportMapping(db, actor.orgId, { name: input.name, kind: input.kind, columns });
  return { id: row.id, name: row.name, kind: row.kind, columns };
}

export async function deleteMapping(db: Database, actor: Actor, id: number): Promise<void> {
  assertCanWrite(actor);
  assertCanImport(actor);
  if (!(await deleteImportMapping(db, actor.orgId, id))) throw notFound('mapping', id);
}

/** A saved mapping applied to a file's headers: columns it names get its field, others none. */
export function applyMapping(saved: SavedMapping, headers: readonly string[]): ColumnMapping {
  return headers.map((h) => saved.columns[normalizeHeader(h)] ?? null);
}
