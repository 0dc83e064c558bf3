import { isSuperuser } from '../../db/queries/roles.js';
import { addMissingClientSearch, syncClientSearchNames } from '../../db/queries/client-search.js';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { DomainError, fieldProblem, type ErrorCode } from '../../core/errors.js';
import type { MessageCode, ParamsArg } from '../../core/messages/index.js';
import type { Database } from '../../db/database.js';
import { DatabaseError, type EngineKind } from '../../db/engine/types.js';
import { misorderedKey, organisationCatalog } from '../../db/queries/backup/catalog.js';
import {
  appliedMigrationTags,
  brokenReferences,
  countOrganisationRows,
  emailsSharedWithOtherOrganisations,
  moveSequencesPastIds,
  organisationRowPages,
  readOnlySnapshot,
  stableTextOutput,
} from '../../db/queries/backup/tables.js';
import { analyzeTables, copyRows, foreignKeyTriggers, vacuumAnalyze } from '../../db/queries/maintenance.js';
import { organisationName } from '../../db/queries/organizations.js';
import { rebuildPageAnswers } from '../analytics/upkeep.js';

/*
 * A backup file is gzip-compressed UTF-8 text, one JSON value per line:
 *
 *   {"format":"rapport-backup","version":1,…,"tables":[{"name":"organizations","columns":[…],"rows":1},…]}
 *   {"table":"organizations","rows":1}
 *   ["1","ООО «Демо»","t","{\"analytics\": {…}}","2026-03-01 09:00:00.123456+00"]
 *   {"table":"users","rows":3}
 *   …
 *   {"end":"rapport-backup","tables":17,"rows":123456}
 *
 * Every value is PostgreSQL's own text form of the column (`col::text`) or null, so numerics, int8
 * ids past 2^53, arrays, jsonb, dates and timestamps come back exactly as they were; the same text
 * goes into COPY. Tables come parents first, so a restore reads the file once, start to end.
 */

export const BACKUP_FORMAT = 'rapport-backup';
export const BACKUP_VERSION = 1;

/** Rows per keyset page: bounded memory however many order lines an organisation has. */
const PAGE_ROWS = 20_000;
/** Rows per piece handed to COPY; PGlite slices its COPY between pieces, so each holds whole rows. */
const ROWS_PER_PIECE = 5_000;

export type BackupTable = {
  name: string;
  tenantColumn: string;
  primaryKey: string[];
  columns: string[];
  types: string[];
  rows: number;
};
export type BackupHeader = {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  orgId: number;
  organisation: string;
  /** The engine it was read from, for whoever looks at a file later; a restore goes to either. */
  engine: EngineKind;
  /** Tags of `rapport_migrations` in the database backed up: the schema the rows fit. */
  migrations: string[];
  tables: BackupTable[];
};
export type BackupSummary = {
  path: string;
  orgId: number;
  organisation: string;
  tables: Record<string, number>;
  rows: number;
  bytes: number;
};
export type RestoreSummary = { orgId: number; organisation: string; tables: Record<string, number>; rows: number };
export type BackupProgress = (done: number, total: number) => void;

type Value = string | null;

/** A refusal of the backup file: the detail is its one field problem's message (a code of core/messages). */
function refusal<C extends MessageCode>(
  code: ErrorCode,
  reason: string,
  message: C,
  ...params: ParamsArg<C>
): DomainError {
  return DomainError.ofFields(code, [fieldProblem('backup', reason, message, ...params)], 'alone');
}
/** `detail` says what is wrong in English only (it names tables, lines and the database's own words). */
const damaged = (path: string, detail: string) =>
  refusal('invalid_input', 'damaged', 'backup.damaged', { path, detail });

/**
 * Writes one organisation, every table of it, to a gzip file at `path` (through `path.partial`, so a
 * failed backup never leaves a file that looks whole). Reads one consistent snapshot, in keyset pages.
 */
export async function backupOrganisation(
  db: Database,
  orgId: number,
  path: string,
  onProgress?: BackupProgress,
  options: { pageRows?: number } = {},
): Promise<BackupSummary> {
  const partial = `${path}.partial`;
  const file = createWriteStream(partial);
  try {
    await once(file, 'open');
  } catch (e) {
    throw refusal('invalid_input', 'unwritable', 'backup.unwritable', { path, reason: (e as Error).message });
  }
  const gzip = createGzip();
  const written = pipeline(gzip, file);
  written.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  try {
    const summary = await db.engine.transaction(async () => {
      await readOnlySnapshot(db);
      await stableTextOutput(db);
      const organisation = await organisationName(db, orgId);
      if (organisation === undefined)
        throw refusal('not_found', 'noOrganisation', 'notFound.organisation', { id: orgId });
      const { tables } = await organisationCatalog(db);
      const migrations = await appliedMigrationTags(db);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        orgId,
        organisation,
        engine: db.engine.kind,
        migrations,
        tables: [],
      };
      for (const t of tables) {
        const rows = await countOrganisationRows(db, t.name, t.tenantColumn, orgId);
        header.tables.push({
          name: t.name,
          tenantColumn: t.tenantColumn,
          primaryKey: t.primaryKey,
          columns: t.columns.map((x) => x.name),
          types: t.columns.map((x) => x.type),
          rows,
        });
      }
      const total = header.tables.reduce((s, t) => s + t.rows, 0);
      await write(JSON.stringify(header) + '\n');
      let done = 0;
      onProgress?.(0, total);
      for (const [i, t] of tables.entries()) {
        const expected = header.tables[i]!.rows;
        await write(JSON.stringify({ table: t.name, rows: expected }) + '\n');
        let rows = 0;
        for await (const page of organisationRowPages(db, t, orgId, options.pageRows ?? PAGE_ROWS)) {
          await write(page.map((r) => JSON.stringify(r)).join('\n') + '\n');
          rows += page.length;
          done += page.length;
          onProgress?.(done, total);
        }
        // A page that skipped rows (a keyset out of step with the sort) must fail the backup, not shorten it.
        if (rows !== expected) throw new Error(`Backup of ${t.name} read ${rows} rows where it counted ${expected}.`);
      }
      await write(JSON.stringify({ end: BACKUP_FORMAT, tables: tables.length, rows: total }) + '\n');
      return {
        path,
        orgId,
        organisation,
        tables: Object.fromEntries(header.tables.map((t) => [t.name, t.rows])),
        rows: total,
        bytes: 0,
      };
    });
    gzip.end();
    await written;
    // A backup exists for the day the machine fails: it is on the disk before it takes its name, and the name is too.
    await syncToDisk(partial, 'r+');
    await rename(partial, path);
    await syncToDisk(dirname(path), 'r').catch(() => undefined); // not every platform opens a directory
    summary.bytes = (await stat(path)).size;
    return summary;
  } catch (e) {
    gzip.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw e;
  }
}

async function syncToDisk(path: string, flags: string): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads a backup a line at a time, straight from the gzip stream. */
class BackupReader {
  lineNo = 0;
  private lines: string[] = [];
  private next = 0;
  private rest = '';
  private ended = false;

  private constructor(
    readonly path: string,
    private readonly stream: Readable,
    private readonly chunks: AsyncIterator<string>,
  ) {}

  static async open(path: string): Promise<BackupReader> {
    const file = createReadStream(path);
    try {
      await once(file, 'open');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw refusal('not_found', 'noFile', 'backup.noFile', { path });
      throw refusal('invalid_input', 'unreadable', 'backup.unreadable', { path, reason: (e as Error).message });
    }
    const gunzip = createGunzip();
    file.on('error', (e) => gunzip.destroy(e));
    file.pipe(gunzip).setEncoding('utf8');
    return new BackupReader(path, gunzip, gunzip[Symbol.asyncIterator]() as AsyncIterator<string>);
  }

  /** The next line, or null at the end of the file. */
  async line(): Promise<string | null> {
    while (this.next >= this.lines.length) {
      if (this.ended) {
        if (!this.rest) return null;
        const last = this.rest;
        this.rest = '';
        this.lineNo++;
        return last;
      }
      let chunk: IteratorResult<string>;
      try {
        chunk = await this.chunks.next();
      } catch (e) {
        throw damaged(this.path, `${(e as Error).message} after line ${this.lineNo}`);
      }
      if (chunk.done) {
        this.ended = true;
        continue;
      }
      const parts = (this.rest + chunk.value).split('\n');
      this.rest = parts.pop()!;
      this.lines = parts;
      this.next = 0;
    }
    this.lineNo++;
    return this.lines[this.next++]!;
  }

  async json(what: string): Promise<unknown> {
    const line = await this.line();
    if (line === null) throw damaged(this.path, `the file ends where ${what} should be`);
    try {
      return JSON.parse(line);
    } catch {
      throw damaged(this.path, `line ${this.lineNo} is not ${what}`);
    }
  }

  close(): void {
    this.stream.destroy();
  }
}

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
const isNames = (a: unknown): a is string[] => Array.isArray(a) && a.every((x) => typeof x === 'string');

function checkedHeader(value: unknown, path: string): BackupHeader {
  const h = value as Partial<BackupHeader> | null;
  if (!h || typeof h !== 'object' || h.format !== BACKUP_FORMAT) {
    throw refusal('invalid_input', 'notBackup', 'backup.notBackup', { path });
  }
  if (typeof h.version !== 'number' || !Number.isInteger(h.version) || h.version < 1)
    throw damaged(path, 'no format version');
  if (h.version > BACKUP_VERSION) {
    throw refusal('invalid_input', 'newerFormat', 'backup.newerFormat', {
      path,
      version: h.version,
      supported: BACKUP_VERSION,
    });
  }
  const tablesOk =
    Array.isArray(h.tables) &&
    h.tables.every(
      (t) =>
        t &&
        typeof t.name === 'string' &&
        typeof t.tenantColumn === 'string' &&
        isNames(t.columns) &&
        isNames(t.primaryKey) &&
        isCount(t.rows),
    );
  if (
    !Number.isSafeInteger(h.orgId) ||
    h.orgId! < 1 ||
    !isNames(h.migrations) ||
    !tablesOk ||
    typeof h.organisation !== 'string'
  ) {
    throw damaged(path, 'the header is incomplete');
  }
  if (!h.tables!.some((t) => t.name === 'organizations' && t.rows === 1))
    throw damaged(path, 'the organisation itself is missing');
  return h as BackupHeader;
}

/** CSV as COPY reads it: NULL is an empty unquoted field, every value (the empty string too) is quoted. */
const csvField = (v: Value) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);

async function* csvOf(reader: BackupReader, table: BackupTable, onRows: (n: number) => void): AsyncGenerator<string> {
  let piece: string[] = [];
  for (let i = 0; i < table.rows; i++) {
    const row = await reader.json(`row ${i + 1} of ${table.name}`);
    if (
      !Array.isArray(row) ||
      row.length !== table.columns.length ||
      !row.every((v) => v === null || typeof v === 'string')
    ) {
      throw damaged(reader.path, `line ${reader.lineNo} is not a row of ${table.name}`);
    }
    piece.push((row as Value[]).map(csvField).join(',') + '\n');
    if (piece.length === ROWS_PER_PIECE) {
      yield piece.join('');
      onRows(piece.length);
      piece = [];
    }
  }
  if (piece.length > 0) {
    yield piece.join('');
    onRows(piece.length);
  }
}

/** Database refusals while loading a table, in words a person restoring can act on. */
function loadFailure(e: unknown, table: string, path: string): unknown {
  if (!(e instanceof DatabaseError) || !e.code) return e;
  if (e.code === '23505') {
    return refusal('conflict', 'clash', 'backup.clash', { table, reason: e.detail ?? e.message });
  }
  // Data exceptions (22…) and broken references (23…): the file does not hold what a backup writes.
  if (e.code.startsWith('22') || e.code.startsWith('23')) return damaged(path, `${table}: ${e.message}`);
  return e;
}

/**
 * Brings a backup back into this database, under the organisation id it had, in one transaction:
 * refused when the organisation exists here, when the file needs migrations this database lacks,
 * or when the file is damaged — and then nothing is written.
 */
export async function restoreOrganisation(
  db: Database,
  path: string,
  onProgress?: BackupProgress,
): Promise<RestoreSummary> {
  const reader = await BackupReader.open(path);
  const restored: string[] = [];
  let summary: RestoreSummary;
  try {
    const header = checkedHeader(
      await reader.json('the backup header').catch((e: unknown) => {
        // Not gzip, or not our first line: say so plainly rather than report damage.
        if (e instanceof DomainError && e.fields[0]?.reason === 'damaged' && reader.lineNo <= 1) {
          throw refusal('invalid_input', 'notBackup', 'backup.notBackup', { path });
        }
        throw e;
      }),
      path,
    );
    summary = await db.engine.transaction(async () => {
      const applied = new Set(await appliedMigrationTags(db));
      const missing = header.migrations.filter((m) => !applied.has(m));
      if (missing.length > 0) {
        throw refusal('conflict', 'newerSchema', 'backup.newerSchema', { migrations: missing.join(', ') });
      }
      const existing = await organisationName(db, header.orgId);
      if (existing !== undefined) {
        throw refusal('conflict', 'organisationExists', 'backup.organisationExists', {
          id: header.orgId,
          name: existing,
        });
      }
      const catalog = await organisationCatalog(db);
      const here = new Map(catalog.tables.map((t) => [t.name, t]));
      for (const t of header.tables) {
        const target = here.get(t.name);
        const lost = target ? t.columns.find((c) => !target.columns.some((x) => x.name === c)) : undefined;
        if (!target || lost !== undefined) {
          const what = target ? `${t.name}.${lost}` : t.name;
          throw refusal('conflict', 'schemaDiffers', 'backup.schemaDiffers', { what });
        }
      }
      const misordered = misorderedKey(
        header.tables.map((t) => t.name),
        catalog.foreignKeys,
      );
      if (misordered) throw damaged(path, `${misordered.child} comes before ${misordered.parent}`);

      await stableTextOutput(db);
      // Like pg_restore --disable-triggers: per-row reference checks would cost more than the COPY;
      // only a superuser may skip them (always so on PGlite), and they are then proven set-based below.
      const checkAfter = await isSuperuser(db);
      if (checkAfter) await foreignKeyTriggers(db, 'off');

      const total = header.tables.reduce((s, t) => s + t.rows, 0);
      let done = 0;
      onProgress?.(0, total);
      for (const t of header.tables) {
        const section = (await reader.json(`the start of ${t.name}`)) as { table?: unknown; rows?: unknown } | null;
        if (section?.table !== t.name || section.rows !== t.rows)
          throw damaged(path, `line ${reader.lineNo} should start ${t.name}`);
        if (t.rows === 0) continue;
        try {
          await copyRows(
            db,
            t.name,
            t.columns,
            csvOf(reader, t, (n) => {
              done += n;
              onProgress?.(done, total);
            }),
          );
        } catch (e) {
          throw loadFailure(e, t.name, path);
        }
        restored.push(t.name);
      }
      const end = (await reader.json('the end of the backup')) as { end?: unknown; rows?: unknown } | null;
      if (end?.end !== BACKUP_FORMAT || end.rows !== total || (await reader.line()) !== null)
        throw damaged(path, 'it does not end where it should');

      if (checkAfter) {
        await foreignKeyTriggers(db, 'on');
        // Fresh statistics let the planner use hash anti-joins for the checks.
        if (restored.length > 0) await analyzeTables(db, restored);
        for (const k of catalog.foreignKeys) {
          const child = here.get(k.child);
          const parent = here.get(k.parent);
          if (!child || !parent || !restored.includes(k.child)) continue;
          const broken = await brokenReferences(db, k, child.tenantColumn, header.orgId);
          if (broken > 0) throw damaged(path, `${broken} ${k.child} rows point at no ${k.parent} row (${k.name})`);
        }
      }
      for (const t of header.tables) {
        const tenant = here.get(t.name)!.tenantColumn;
        const rows = await countOrganisationRows(db, t.name, tenant, header.orgId);
        if (rows !== t.rows)
          throw damaged(path, `${t.name} has ${rows} rows restored where the backup lists ${t.rows}`);
      }
      // Sign-in is by e-mail and password: a restored user sharing an address with a user of another
      // organisation here is almost always the same organisation restored twice, with the same passwords.
      const shared = await emailsSharedWithOtherOrganisations(db, header.orgId);
      if (shared.length > 0) {
        const emails = shared.join(', ');
        throw refusal('conflict', 'clash', 'backup.usersClash', { emails });
      }
      // A client the backup holds without its search row (imported by a version that skipped it) would be found by no search.
      await addMissingClientSearch(db, header.orgId);
      await syncClientSearchNames(db, header.orgId);
      // The stored answers of the base analysis, the claims summary and the satisfaction trends are derived
      // from the rows restored: recomputed, so a backup from before they existed (or tampered with) gives them right.
      await rebuildPageAnswers(db, header.orgId);
      await moveSequencesPastIds(
        db,
        header.tables.map((t) => t.name),
      );
      return {
        orgId: header.orgId,
        organisation: header.organisation,
        tables: Object.fromEntries(header.tables.map((t) => [t.name, t.rows])),
        rows: total,
      };
    });
  } finally {
    reader.close();
  }
  // Sets the visibility map, so counts and lists use index-only scans at once (as after the demo load).
  if (restored.length > 0) await vacuumAnalyze(db, restored);
  return summary;
}

/** The header of a backup file, without reading its rows. */
export async function readBackupHeader(path: string): Promise<BackupHeader> {
  const reader = await BackupReader.open(path);
  try {
    return checkedHeader(await reader.json('the backup header'), path);
  } finally {
    reader.close();
  }
}
