import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { DomainError, fieldProblem, type FieldProblem } from '../../core/errors.js';
import {
  importFields,
  matchColumns,
  missingRequired,
  type ColumnMapping,
  type ImportKind,
} from '../../core/import/fields.js';
import type { RowProblem } from '../../core/import/records.js';
import type { Database } from '../../db/database.js';
import { spawnWorker } from '../../runtime/spawn-worker.js';
import {
  mergeClients,
  mergeContacts,
  mergeInteractions,
  mergePayments,
  mergeProducts,
  resolvedClientIds,
} from '../../db/queries/imports/merge-records.js';
import { importedCostBases, mergeSales, type MergeTouch } from '../../db/queries/imports/merge-sales.js';
import { resolveClients, rowsWithUnknownClient } from '../../db/queries/imports/resolve.js';
import {
  analyzeStage,
  clearStage,
  copyStage,
  createStage,
  dropStagedDocuments,
  dropStagedRows,
  repeatedLines,
  shiftStagedLines,
  vacuumImportedTables,
  type StageTable,
} from '../../db/queries/imports/stage.js';
import { foreignKeyTriggers } from '../../db/queries/maintenance.js';
import { refreshBaseAnalysis } from '../../db/queries/people/base-analysis.js';
import { isSuperuser } from '../../db/queries/roles.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { rebuildAnalytics } from '../analytics/refresh.js';
import { keepAnalytics } from '../analytics/upkeep.js';
import { winBackBuyers } from '../losses/won-back.js';
import { lineStart, splitCsv } from '../../files/csv-source.js';
import { findHeader, openSource, type Reading } from './read-file.js';
import type { TableSource } from '../../files/source.js';
import { REJECTS_KEPT, stageRows, type RejectedCell, type StageJob, type StageResult } from './stage-rows.js';
import { csvChunks, joinSalesParts, salesExtras, splitBroken, stagingFor } from './staging.js';
import { auditImport } from '../audit/record.js';
import { importSalesDirect } from './direct-sales.js';
import { costWarnings, repeatedLinesWarning, type ImportWarning } from './warnings.js';
import { errorFromWorker, type PostedError } from '../../files/limits.js';

export type { ImportMode } from '../../core/import/jobs.js';
import type { ImportMode, SourceFormat } from '../../core/import/jobs.js';
export type ImportRequest = {
  path: string;
  kind: ImportKind;
  /** Column index → field key; matched from the headers when not given. */
  mapping?: ColumnMapping | undefined;
  reading?: Reading | undefined;
  dryRun?: boolean | undefined;
  /** all (default): one refused row cancels the whole import; valid: the valid rows go in. */
  mode?: ImportMode | undefined;
  /** Who reads the file: worker threads for large CSV sales files by default; tests choose. */
  readers?: 'main' | 'workers' | undefined;
  /**
   * Sales CSV written as it is read (the default for large files; see direct-sales.ts); `false` turns
   * the direct way off (RAPPORT_IMPORT_DIRECT=0 in the configuration); tests choose.
   */
  direct?: boolean | undefined;
  /** Reader threads for a large file (RAPPORT_IMPORT_READERS in the configuration); by the cores when not given. */
  readerThreads?: number | undefined;
  /**
   * Runs in the import's transaction just before it commits (not for a dry run or a refused file):
   * a job records there that its rows are in, so a server stopped afterwards knows they are.
   */
  beforeCommit?: ((result: ImportResult) => Promise<void>) | undefined;
};

/** How large files are read, as the configuration sets it (RAPPORT_IMPORT_DIRECT, RAPPORT_IMPORT_READERS). */
export type ImportTuning = Pick<ImportRequest, 'direct' | 'readerThreads'>;

export type ImportPhase = 'reading' | 'writing' | 'analytics';
export type ImportProgress = {
  phase: ImportPhase;
  bytesDone: number;
  bytesTotal: number;
  rowsRead: number;
  rowsRejected: number;
};

export type { RejectedCell } from './stage-rows.js';

export type ImportResult = {
  /** done: written; rejected: refused rows cancelled an all-or-nothing import; dry_run: checked, nothing written. */
  status: 'done' | 'rejected' | 'dry_run';
  kind: ImportKind;
  format: SourceFormat;
  details: Record<string, string>;
  headerRow: number;
  mapping: ColumnMapping;
  rowsRead: number;
  rowsValid: number;
  rowsRejected: number;
  rowsSkipped: number;
  /** Created / updated / unchanged per entity (what a dry run would have done). */
  outcome: Record<string, number>;
  /** The first refused cells (all of them up to `REJECTS_KEPT`), with row, column and reason. */
  rejects: RejectedCell[];
  /** What the user should look at though nothing was refused for it (lines repeated in a sales file). */
  warnings: ImportWarning[];
  analytics: 'kept' | 'rebuilt' | 'none';
};

/** Above this many touched clients the import rebuilds the analytics instead of keeping them row by row. */
const KEEP_ANALYTICS_UP_TO = 500;
/** Files above this size are read by worker threads (one per core, up to four), below it on the main thread. */
const WORKERS_ABOVE_BYTES = 8 * 1024 * 1024;
const WORKER_HEAP_MB = 256;

class Cancelled extends Error {
  constructor(readonly result: ImportResult) {
    super('import cancelled');
  }
}

const mergers: Record<ImportKind, (db: Database, orgId: number) => Promise<{ outcome: object; touch: MergeTouch }>> = {
  sales: mergeSales,
  clients: mergeClients,
  contacts: mergeContacts,
  products: mergeProducts,
  payments: mergePayments,
  interactions: mergeInteractions,
};

/**
 * Imports one file into an organisation: streams its rows through the mapping and validation into
 * staging tables by COPY, then merges them set-based, all in one transaction. By default any
 * refused row cancels everything; in "valid" mode the refused rows (and documents with a refused
 * line) are left out. A dry run does all of it and rolls back, answering what would have changed.
 * Memory stays bounded by the number of distinct clients, products and documents, not lines.
 */
export async function runImport(
  db: Database,
  actor: Actor,
  request: ImportRequest,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportResult> {
  assertCanWrite(actor);
  const orgId = actor.orgId;
  const { source, header, mapping } = await prepareImport(request);
  const kind = request.kind;
  const mode = request.mode ?? 'all';
  const headers = header.headers;
  const columnOf = (field: string) => headers[mapping.indexOf(field)] ?? field;
  const tables = stageTablesFor(kind);
  const streamed = tables[tables.length - 1]!;
  const rejects: RejectedCell[] = [];
  const warnings: ImportWarning[] = [];
  let rejectedRows = 0,
    rowsRead = 0,
    rowsValid = 0,
    rowsSkipped = 0;
  const reject = (rowNo: number, problems: RowProblem[]) => {
    rejectedRows++;
    for (const p of problems) if (rejects.length < REJECTS_KEPT) rejects.push({ rowNo, ...p });
  };
  const fileBytes = source.progress().total;
  const progress = (phase: ImportPhase, bytesDone = fileBytes) => {
    onProgress?.({ phase, bytesDone, bytesTotal: fileBytes, rowsRead, rowsRejected: rejectedRows });
  };
  const job: StageJob = {
    path: request.path,
    kind,
    mapping,
    headers,
    headerRowNo: header.rowNo,
    reading: { ...request.reading, ...readingOf(source) },
  };

  const base = { kind, format: source.format, details: source.details, headerRow: header.rowNo, mapping };
  let touch: MergeTouch = { clientIds: [], days: [] };
  const finish = (
    status: ImportResult['status'],
    outcome: Record<string, number>,
    analytics: ImportResult['analytics'],
  ): ImportResult => ({
    ...base,
    status,
    rowsRead,
    rowsValid,
    rowsRejected: rejectedRows,
    rowsSkipped,
    outcome,
    rejects,
    warnings,
    analytics,
  });

  let result: ImportResult;
  const onReading = (done: number, read: number, refused: number) =>
    onProgress?.({ phase: 'reading', bytesDone: done, bytesTotal: fileBytes, rowsRead: read, rowsRejected: refused });
  const goesDirect = await directEligible(db, request, source.format, job);
  progress('reading', 0);
  // PGlite answers one query at a time, and a transaction holds it to its end: a file read inside the
  // import's transaction would keep every other request waiting as long as the reading takes (minutes
  // for a large workbook). On PGlite the rows are read and checked first, into a temporary file, and
  // only its COPY runs in the transaction. (PostgreSQL serves other requests on other connections.)
  const preread =
    db.engine.kind === 'pglite' && !goesDirect && !(await readInParallel(job, source.format, request.readers))
      ? await prereadRows(job, onReading)
      : null;
  try {
    result = await db.engine.transaction(async () => {
      const direct = goesDirect
        ? await importSalesDirect(db, orgId, job, directReaderCount(request.readerThreads), onReading)
        : null;
      if (direct && direct.status !== 'fallback') {
        ({ rowsRead, rowsValid, rowsSkipped, rejectedRows } = direct);
        rejects.push(...direct.rejects);
        warnings.push(...direct.warnings);
        if (direct.status === 'rejected') throw new Cancelled(finish('rejected', {}, 'none'));
        progress('writing');
        return await settle(direct);
      }
      await createStage(db, tables);
      const staged = preread
        ? await copyPreread(db, streamed, preread)
        : await stageFile(db, job, source.format, streamed, request, onReading);
      rowsRead = staged.rowsRead;
      rowsValid = staged.rowsValid;
      rowsSkipped = staged.rowsSkipped;
      rejectedRows = staged.rejectedRows;
      rejects.push(...staged.rejects);
      for (const extra of staged.extras) {
        if (extra.lines.length) await copyStage(db, extra.table, csvChunks(extra.lines));
      }
      await analyzeStage(db, tables);
      progress('writing');
      if (kind === 'sales') {
        warnings.push(...repeatedLinesWarning(await repeatedLines(db)));
      }
      if (mode === 'valid' && kind === 'sales') {
        const broken = splitBroken(staged.broken);
        if (staged.broken.length) {
          // A line whose date was refused names its document by number (and client): those documents go whole.
          const rowNos = await dropStagedDocuments(db, broken);
          for (const rowNo of rowNos.sort((a, b) => a - b)) {
            rowsValid--;
            reject(rowNo, [
              {
                field: 'documentNumber',
                column: columnOf('documentNumber'),
                value: '',
                reason: 'document_incomplete',
                code: 'import.row.documentIncomplete',
                params: {},
              },
            ]);
          }
        }
      }
      if (kind === 'contacts' || kind === 'payments' || kind === 'interactions') {
        await resolveClients(db, orgId, { create: false });
        const table = kind === 'contacts' ? 's_contacts' : kind === 'payments' ? 's_payments' : 's_interactions';
        const unknown = await rowsWithUnknownClient(db, table);
        for (const rowNo of unknown) {
          rowsValid--;
          reject(rowNo, [
            {
              field: 'client',
              column: columnOf(
                mapping.includes('client')
                  ? 'client'
                  : mapping.includes('clientInn')
                    ? 'clientInn'
                    : 'clientExternalId',
              ),
              value: '',
              reason: 'client_unknown',
              code: 'import.row.clientUnknown',
              params: {},
            },
          ]);
        }
        if (unknown.length) await dropStagedRows(db, table, unknown);
      }
      if (mode === 'all' && rejectedRows > 0) throw new Cancelled(finish('rejected', {}, 'none'));
      return await settle(await mergeInFastMode(db, kind, orgId));
    });
  } catch (e) {
    if (e instanceof Cancelled) return e.result;
    throw e;
  } finally {
    if (preread) await rm(preread.dir, { recursive: true, force: true });
  }
  if (new Set(touch.clientIds).size > KEEP_ANALYTICS_UP_TO) {
    onProgress?.({
      phase: 'analytics',
      bytesDone: source.progress().total,
      bytesTotal: source.progress().total,
      rowsRead,
      rowsRejected: rejectedRows,
    });
    // A large import lands past the write path's upkeep: statistics first, then the analytics in one go.
    await vacuumImportedTables(db);
    await rebuildAnalytics(db, orgId);
    result.analytics = 'rebuilt';
  }
  return result;

  /** After the merge, in its transaction: won-back clients, analytics kept for a small import, the audit row. */
  async function settle(merged: { outcome: object; touch: MergeTouch }): Promise<ImportResult> {
    touch = merged.touch;
    // Lost clients who bought again in the file are won back (one statement); their ladder history changes from the day they were lost.
    if (kind === 'sales')
      touch = { ...touch, days: [...touch.days, ...(await winBackBuyers(db, orgId, touch.clientIds))] };
    if (kind === 'sales') warnings.push(...costWarnings(await importedCostBases(db, orgId)));
    // The base analysis of every client the file named, whatever its size (it copies the client's status
    // and owner and reads its contacts); their figures follow below or in the rebuild after a large file.
    if (kind !== 'products') await refreshBaseAnalysis(db, { orgId, clientIds: await resolvedClientIds(db) });
    const outcome = merged.outcome as Record<string, number>;
    const clientIds = new Set(touch.clientIds);
    let analytics: ImportResult['analytics'] = 'none';
    if (clientIds.size > 0 && clientIds.size <= KEEP_ANALYTICS_UP_TO) {
      progress('analytics');
      await keepAnalytics(db, orgId, { clientIds, days: touch.days });
      analytics = 'kept';
    }
    // One row for the whole file, in its transaction (a dry run rolls it back with the rest).
    await auditImport(db, actor, {
      kind,
      format: source.format,
      mode,
      rowsRead,
      rowsValid,
      rowsRejected: rejectedRows,
      rowsSkipped,
      ...outcome,
    });
    if (request.dryRun) throw new Cancelled(finish('dry_run', outcome, 'none'));
    const done = finish('done', outcome, analytics);
    await request.beforeCommit?.(done);
    return done;
  }
}

/**
 * Whether a file goes the direct way (order lines written as they are read, see direct-sales.ts): a
 * sales CSV, all or nothing, large (or readers asked for), read as UTF-8 or 1251 (UTF-16's line breaks
 * are two bytes, so it is not cut into parts), and a role that may turn foreign-key triggers off.
 */
async function directEligible(db: Database, request: ImportRequest, format: string, job: StageJob): Promise<boolean> {
  if (
    job.kind !== 'sales' ||
    format !== 'csv' ||
    (request.mode ?? 'all') !== 'all' ||
    job.reading.encoding === 'utf-16le'
  )
    return false;
  if (request.direct === false) return false;
  const large =
    request.readers === 'workers' ||
    (request.readers === undefined && (await stat(job.path)).size > WORKERS_ABOVE_BYTES);
  return (request.direct === true || large) && (await isSuperuser(db));
}

/**
 * Opens the file, finds its header and checks the mapping (fields known, none twice, the required
 * ones present): everything that can be refused before a row is read, so the API can answer 400.
 */
export async function prepareImport(request: Pick<ImportRequest, 'path' | 'kind' | 'mapping' | 'reading'>) {
  const source = await openSource(request.path, request.reading);
  const header = await findHeader(source, request.reading?.headerRow);
  const mapping = request.mapping ?? matchColumns(request.kind, header.headers);
  validateMapping(request.kind, mapping, header.headers.length);
  const missing = missingRequired(request.kind, mapping);
  if (missing.length) {
    throw new DomainError(
      'invalid_input',
      'import.mapping.columnsMissing',
      { fields: missing.join(', ') },
      missing.map((field) => fieldProblem(`mapping.${field}`, 'required', 'import.mapping.noColumn', { field })),
    );
  }
  return { source, header, mapping };
}

/**
 * Sales merge with per-row foreign-key triggers off, like pg_restore --disable-triggers: every key
 * the merge writes comes from a join it has just made, and the triggers would cost more than the
 * inserts (measured on the demo load: 38k vs ~150k lines/s). Only a superuser may (PGlite always).
 */
async function mergeInFastMode(db: Database, kind: ImportKind, orgId: number) {
  if (kind !== 'sales') return mergers[kind](db, orgId);
  const superuser = await isSuperuser(db);
  if (superuser) await foreignKeyTriggers(db, 'off');
  try {
    return await mergers[kind](db, orgId);
  } finally {
    if (superuser) await foreignKeyTriggers(db, 'on');
  }
}

function validateMapping(kind: ImportKind, mapping: ColumnMapping, columns: number): void {
  const known = new Set(importFields[kind].map((f) => f.key));
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  mapping.forEach((key, i) => {
    if (key === null) return;
    if (!known.has(key))
      problems.push(
        fieldProblem(`mapping[${i}]`, 'unknown_field', 'import.mapping.unknownField', { field: String(key) }),
      );
    else if (seen.has(key))
      problems.push(fieldProblem(`mapping[${i}]`, 'twice', 'import.mapping.twice', { field: String(key) }));
    seen.add(key ?? '');
  });
  if (mapping.length > columns + 50) problems.push(fieldProblem('mapping', 'too_long', 'import.mapping.tooLong'));
  if (problems.length) throw DomainError.ofFields('invalid_input', problems, 'alone');
}

const stageTablesFor = (kind: ImportKind): StageTable[] => stagingFor(kind).tables;

/** How the file was read, so a worker reads it the same way without sniffing again. */
function readingOf(source: TableSource): Reading {
  if (source.format !== 'csv') return {};
  const d = source.details;
  return { encoding: d.encoding as Reading['encoding'], delimiter: d.delimiter === 'tab' ? '\t' : d.delimiter };
}

type Part = { result: StageResult; fromRow: number; toRow: number };

/**
 * Stages the rows of the file into `streamed` by one COPY, fed by the readers: the main thread for
 * a small file, worker threads (each reading one part of a large CSV sales file) otherwise. The
 * parts are then joined: clients, products and documents found in several parts become one, a
 * document cut by a part boundary keeps numbering its lines, and a row repeated in a later part
 * is refused there as in a single read.
 */
/** Whether a file is read by several reader threads (a large CSV of sales) rather than on the main thread. */
async function readInParallel(
  job: StageJob,
  format: string,
  readers: 'main' | 'workers' | undefined,
): Promise<boolean> {
  return (
    (readers ??
      (format === 'csv' && job.kind === 'sales' && (await stat(job.path)).size > WORKERS_ABOVE_BYTES
        ? 'workers'
        : 'main')) === 'workers' &&
    format === 'csv' &&
    job.kind === 'sales' &&
    job.reading.encoding !== 'utf-16le'
  );
}

type Preread = { dir: string; file: string; result: StageResult };

/** Reads and checks every row into a temporary CSV file, outside any transaction (see runImport). */
async function prereadRows(
  job: StageJob,
  onProgress: (done: number, rowsRead: number, rejected: number) => void,
): Promise<Preread> {
  const dir = await mkdtemp(path.join(tmpdir(), 'rapport-import-'));
  const file = path.join(dir, 'rows.csv');
  const out = createWriteStream(file, { encoding: 'utf8' });
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  try {
    const result = await stageRows(
      job,
      (csv) =>
        new Promise<void>((resolve) => {
          if (out.write(csv)) resolve();
          else out.once('drain', resolve);
        }),
      (done, _t, read, refused) => onProgress(done, read, refused),
    );
    out.end();
    await closed;
    return { dir, file, result: result.sales ? { ...result, extras: salesExtras(result.sales) } : result };
  } catch (e) {
    out.destroy();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The rows read before the transaction, into the staging table. */
async function copyPreread(db: Database, streamed: StageTable, preread: Preread): Promise<StageResult> {
  await copyStage(
    db,
    streamed,
    createReadStream(preread.file, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>,
  );
  return preread.result;
}

async function stageFile(
  db: Database,
  job: StageJob,
  format: string,
  streamed: StageTable,
  { readers, readerThreads }: Pick<ImportRequest, 'readers' | 'readerThreads'>,
  onProgress: (done: number, rowsRead: number, rejected: number) => void,
): Promise<StageResult> {
  const parallel = await readInParallel(job, format, readers);
  if (!parallel) {
    const channel = chunkChannel();
    const reading = stageRows(
      job,
      (csv) => channel.push(csv),
      (done, _t, read, refused) => onProgress(done, read, refused),
    ).then(
      (r) => {
        channel.end();
        return r;
      },
      (e: unknown) => {
        channel.end(e);
        throw e;
      },
    );
    const copying = copyStage(db, streamed, channel).catch((e: unknown) => {
      channel.end(e);
      throw e;
    });
    const [result] = await Promise.all([reading, copying]);
    return result.sales ? { ...result, extras: salesExtras(result.sales) } : result;
  }
  const dataStart = await lineStart(job.path, job.headerRowNo + 1);
  const ranges = await splitCsv(job.path, dataStart, job.headerRowNo + 1, readerCount(readerThreads));
  const channel = chunkChannel();
  const done = ranges.map(() => 0),
    read = ranges.map(() => 0),
    refused = ranges.map(() => 0);
  // A reader's heap is kept small so the whole import stays within a few hundred megabytes; a file
  // with more documents than that holds is read again on the main thread, which has no such limit.
  const workers = ranges.map((range) =>
    spawnWorker(import.meta.url, 'stage-worker', { ...job, range } satisfies StageJob, {
      maxOldGenerationSizeMb: WORKER_HEAP_MB,
    }),
  );
  const results = workers.map(
    (worker, i) =>
      new Promise<StageResult>((resolve, reject) => {
        worker.on(
          'message',
          (
            m: {
              type: string;
              csv?: string;
              done?: number;
              rowsRead?: number;
              rejected?: number;
              result?: StageResult;
            } & Partial<PostedError>,
          ) => {
            if (m.type === 'chunk') channel.push(m.csv!, () => worker.postMessage({ credit: 1 }));
            else if (m.type === 'progress') {
              done[i] = m.done!;
              read[i] = m.rowsRead!;
              refused[i] = m.rejected!;
              onProgress(sum(done), sum(read), sum(refused));
            } else if (m.type === 'done') resolve(m.result!);
            else if (m.type === 'error') reject(errorFromWorker(m as PostedError));
          },
        );
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`reader stopped (${code})`)));
        worker.postMessage({ credit: 16 });
      }),
  );
  let parts: StageResult[];
  try {
    const all = Promise.all(results).then(
      (r) => {
        channel.end();
        return r;
      },
      (e: unknown) => {
        channel.end(e);
        throw e;
      },
    );
    [parts] = await Promise.all([
      all,
      copyStage(db, streamed, channel).catch((e: unknown) => {
        channel.end(e);
        throw e;
      }),
    ]);
  } catch (e) {
    if (
      !(e instanceof Error) ||
      !/ERR_WORKER_OUT_OF_MEMORY|out of memory|reader stopped/i.test(`${(e as { code?: string }).code} ${e.message}`)
    )
      throw e;
    await Promise.all(workers.map((w) => w.terminate()));
    await clearStage(db, streamed);
    return stageFile(db, job, format, streamed, { readers: 'main' }, onProgress);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const joined = await joinParts(
    db,
    ranges.map((r, i) => ({
      result: parts[i]!,
      fromRow: r.firstLine,
      toRow: ranges[i + 1]?.firstLine ?? Number.MAX_SAFE_INTEGER,
    })),
  );
  if (joined) return joined;
  // A document with different clients or dates in two parts: read the file again in one piece,
  // which refuses the offending rows one by one.
  await clearStage(db, streamed);
  return stageFile(db, job, format, streamed, { readers: 'main' }, onProgress);
}

/** The parts' results as one, or null when a document differs between parts (see `joinSalesParts`). */
async function joinParts(db: Database, parts: Part[]): Promise<StageResult | null> {
  const joined = joinSalesParts(parts.map((p) => ({ part: p.result.salesPart!, fromRow: p.fromRow, toRow: p.toRow })));
  if (!joined) return null;
  const rejects: RejectedCell[] = [];
  let rejectedRows = 0;
  for (const p of parts) {
    rejects.push(...p.result.rejects);
    rejectedRows += p.result.rejectedRows;
  }
  await shiftStagedLines(db, joined.offsets);
  rejects.sort((a, b) => a.rowNo - b.rowNo);
  return {
    rowsRead: sum(parts.map((p) => p.result.rowsRead)),
    rowsValid: sum(parts.map((p) => p.result.rowsValid)),
    rowsSkipped: sum(parts.map((p) => p.result.rowsSkipped)),
    rejectedRows,
    rejects,
    extras: joined.extras,
    broken: joined.broken,
  };
}

/** Readers for a large file: one per core up to four, or as asked (a server shared with other work may want fewer). */
function readerCount(asked: number | undefined): number {
  return asked !== undefined && Number.isInteger(asked) && asked >= 1
    ? Math.min(asked, 16)
    : Math.min(4, Math.max(1, availableParallelism()));
}

/**
 * Readers for the direct path: one core is left to the database, which writes the lines while they
 * are read (PostgreSQL beside the server, or PGlite's own thread). On two cores one reader is faster
 * than two (measured: 12–16 s against 20 s for a million lines).
 */
function directReaderCount(asked: number | undefined): number {
  return asked !== undefined && Number.isInteger(asked) && asked >= 1
    ? Math.min(asked, 16)
    : Math.min(4, Math.max(1, availableParallelism() - 1));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Chunks of staging CSV on their way from the readers to one COPY. A reader on this thread waits
 * while four chunks are queued; a worker is granted a chunk back (`taken`) as the COPY takes one.
 */
function chunkChannel() {
  const queue: { csv: string; taken?: (() => void) | undefined }[] = [];
  let ended = false;
  let failure: unknown = null;
  let wakeReader: (() => void) | null = null;
  let wakeWriter: (() => void) | null = null;
  return {
    async push(csv: string, taken?: () => void): Promise<void> {
      queue.push({ csv, taken });
      wakeReader?.();
      wakeReader = null;
      while (!taken && queue.length > 16 && !ended)
        await new Promise<void>((resolve) => {
          wakeWriter = resolve;
        });
    },
    end(e?: unknown) {
      ended = true;
      failure = e ?? null;
      wakeReader?.();
      wakeReader = null;
      wakeWriter?.();
      wakeWriter = null;
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<string> {
      for (;;) {
        const next = queue.shift();
        if (next) {
          next.taken?.();
          wakeWriter?.();
          wakeWriter = null;
          yield next.csv;
          continue;
        }
        if (ended) {
          if (failure) throw failure;
          return;
        }
        await new Promise<void>((resolve) => {
          wakeReader = resolve;
        });
      }
    },
  };
}
