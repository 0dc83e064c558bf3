import { DomainError } from '../../core/errors.js';
import { importFields, matchColumns, missingRequired, type ColumnMapping, type ImportKind } from '../../core/import/fields.js';
import { rowFingerprint } from '../../core/import/keys.js';
import { recordReader, type RowProblem } from '../../core/import/records.js';
import type { Database } from '../../db/database.js';
import { mergeClients, mergeContacts, mergeInteractions, mergePayments, mergeProducts } from '../../db/queries/imports/merge-records.js';
import { mergeSales, type MergeTouch } from '../../db/queries/imports/merge-sales.js';
import { resolveClients, rowsWithUnknownClient } from '../../db/queries/imports/resolve.js';
import { createStage, stageColumns } from '../../db/queries/imports/stage.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { rebuildAnalytics } from '../analytics/refresh.js';
import { keepAnalytics } from '../analytics/upkeep.js';
import { dataRows, findHeader, openSource, type Reading } from './read-file.js';
import { stagingFor } from './staging.js';

export type ImportMode = 'all' | 'valid';
export type ImportRequest = {
  path: string;
  kind: ImportKind;
  /** Column index → field key; matched from the headers when not given. */
  mapping?: ColumnMapping | undefined;
  reading?: Reading | undefined;
  dryRun?: boolean | undefined;
  /** all (default): one refused row cancels the whole import; valid: the valid rows go in. */
  mode?: ImportMode | undefined;
};

export type ImportPhase = 'reading' | 'writing' | 'analytics';
export type ImportProgress = { phase: ImportPhase; bytesDone: number; bytesTotal: number; rowsRead: number; rowsRejected: number };

export type RejectedCell = RowProblem & { rowNo: number };

export type ImportResult = {
  /** done: written; rejected: refused rows cancelled an all-or-nothing import; dry_run: checked, nothing written. */
  status: 'done' | 'rejected' | 'dry_run';
  kind: ImportKind;
  format: string;
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
  analytics: 'kept' | 'rebuilt' | 'none';
};

/** Refused cells kept in full for the report; the count goes on beyond it. */
export const REJECTS_KEPT = 10_000;
/** Above this many touched clients the import rebuilds the analytics instead of keeping them row by row. */
const KEEP_ANALYTICS_UP_TO = 500;
const COPY_CHUNK = 256 * 1024;

class Cancelled extends Error {
  constructor(readonly result: ImportResult) { super('import cancelled'); }
}

const mergers: Record<ImportKind, (db: Database, orgId: number) => Promise<{ outcome: object; touch: MergeTouch }>> = {
  sales: mergeSales, clients: mergeClients, contacts: mergeContacts, products: mergeProducts, payments: mergePayments, interactions: mergeInteractions,
};

const unknownClient = {
  ru: 'клиент не найден: сначала загрузите клиентов (по ИНН, коду или наименованию)',
  en: 'client not found: import the clients first (matched by ИНН, code or name)',
};
const incompleteDocument = {
  ru: 'другая строка этого документа отклонена, поэтому документ не загружен целиком',
  en: 'another line of this document was refused, so the document is left out whole',
};

/**
 * Imports one file into an organisation: streams its rows through the mapping and validation into
 * staging tables by COPY, then merges them set-based, all in one transaction. By default any
 * refused row cancels everything; in "valid" mode the refused rows (and documents with a refused
 * line) are left out. A dry run does all of it and rolls back, answering what would have changed.
 * Memory stays bounded by the number of distinct clients, products and documents, not lines.
 */
export async function runImport(db: Database, actor: Actor, request: ImportRequest, onProgress?: (p: ImportProgress) => void): Promise<ImportResult> {
  assertCanWrite(actor);
  const orgId = actor.orgId;
  const { source, header, mapping } = await prepareImport(request);
  const kind = request.kind;
  const mode = request.mode ?? 'all';
  const headers = header.headers;
  const columnOf = (field: string) => headers[mapping.indexOf(field)] ?? field;
  const read = recordReader(kind, mapping, headers);
  const staging = stagingFor(kind);
  const fingerprints = new Map<number, number>();
  const rejects: RejectedCell[] = [];
  let rejectedRows = 0, rowsRead = 0, rowsValid = 0, rowsSkipped = 0;
  const reject = (rowNo: number, problems: RowProblem[]) => {
    rejectedRows++;
    for (const p of problems) if (rejects.length < REJECTS_KEPT) rejects.push({ rowNo, ...p });
  };
  const progress = (phase: ImportPhase) => {
    const p = source.progress();
    onProgress?.({ phase, bytesDone: p.done, bytesTotal: p.total, rowsRead, rowsRejected: rejectedRows });
  };

  async function* staged(): AsyncGenerator<string> {
    let buffer = '';
    for await (const row of dataRows(source, header.rowNo)) {
      rowsRead++;
      if ((rowsRead & 0x3fff) === 0) progress('reading');
      const result = read(row.cells);
      if (result.kind === 'skipped') { rowsSkipped++; continue; }
      if (result.kind === 'rejected') { staging.rejected(result.record); reject(row.rowNo, result.problems); continue; }
      const fp = rowFingerprint(row.cells);
      const first = fingerprints.get(fp);
      if (first !== undefined) {
        reject(row.rowNo, [{ field: '*', column: '*', value: '', reason: 'duplicate_row', message: { ru: `строка повторяет строку ${first}`, en: `the row repeats row ${first}` } }]);
        continue;
      }
      fingerprints.set(fp, row.rowNo);
      const line = staging.accept(row.rowNo, result.record, columnOf);
      if (typeof line !== 'string') { reject(row.rowNo, line); continue; }
      rowsValid++;
      buffer += line;
      if (buffer.length >= COPY_CHUNK) { yield buffer; buffer = ''; }
    }
    if (buffer) yield buffer;
  }

  const base = { kind, format: source.format, details: source.details, headerRow: header.rowNo, mapping };
  let touch: MergeTouch = { clientIds: [], days: [] };
  const finish = (status: ImportResult['status'], outcome: Record<string, number>, analytics: ImportResult['analytics']): ImportResult =>
    ({ ...base, status, rowsRead, rowsValid, rowsRejected: rejectedRows, rowsSkipped, outcome, rejects, analytics });

  let result: ImportResult;
  try {
    result = await db.engine.transaction(async () => {
      await createStage(db, staging.tables);
      progress('reading');
      await db.engine.copyCsv(staging.streamed, stageColumns(staging.streamed), staged());
      for (const extra of staging.extras()) {
        if (extra.lines.length) await db.engine.copyCsv(extra.table, stageColumns(extra.table), chunked(extra.lines));
      }
      fingerprints.clear();
      progress('writing');
      if (mode === 'valid' && kind === 'sales') {
        const broken = staging.brokenDocuments();
        if (broken.length) {
          const { rows } = await db.engine.query<{ row_no: number }>('DELETE FROM s_lines WHERE doc_key = ANY($1::text[]) RETURNING row_no', [broken]);
          for (const r of rows.sort((a, b) => a.row_no - b.row_no)) {
            rowsValid--;
            reject(Number(r.row_no), [{ field: 'documentNumber', column: columnOf('documentNumber'), value: '', reason: 'document_incomplete', message: incompleteDocument }]);
          }
        }
      }
      if (kind === 'contacts' || kind === 'payments' || kind === 'interactions') {
        await resolveClients(db, orgId, { create: false });
        const table = kind === 'contacts' ? 's_contacts' : kind === 'payments' ? 's_payments' : 's_interactions';
        const unknown = await rowsWithUnknownClient(db, table);
        for (const rowNo of unknown) {
          rowsValid--;
          reject(rowNo, [{ field: 'client', column: columnOf(mapping.includes('client') ? 'client' : mapping.includes('clientInn') ? 'clientInn' : 'clientExternalId'), value: '', reason: 'client_unknown', message: unknownClient }]);
        }
        if (unknown.length) await db.engine.query(`DELETE FROM ${table} WHERE row_no = ANY($1::int[])`, [unknown]);
      }
      if (mode === 'all' && rejectedRows > 0) throw new Cancelled(finish('rejected', {}, 'none'));
      const merged = await mergeInFastMode(db, kind, orgId);
      touch = merged.touch;
      const outcome = merged.outcome as Record<string, number>;
      const clientIds = new Set(touch.clientIds);
      let analytics: ImportResult['analytics'] = 'none';
      if (clientIds.size > 0 && clientIds.size <= KEEP_ANALYTICS_UP_TO) {
        progress('analytics');
        await keepAnalytics(db, orgId, { clientIds, days: touch.days });
        analytics = 'kept';
      }
      if (request.dryRun) throw new Cancelled(finish('dry_run', outcome, 'none'));
      return finish('done', outcome, analytics);
    });
  } catch (e) {
    if (e instanceof Cancelled) return e.result;
    throw e;
  }
  if (new Set(touch.clientIds).size > KEEP_ANALYTICS_UP_TO) {
    onProgress?.({ phase: 'analytics', bytesDone: source.progress().total, bytesTotal: source.progress().total, rowsRead, rowsRejected: rejectedRows });
    // A large import lands past the write path's upkeep: statistics first, then the analytics in one go.
    await db.engine.exec('VACUUM (ANALYZE) clients, legal_entities, products, orders, order_lines, payments, interactions');
    await rebuildAnalytics(db, orgId);
    result.analytics = 'rebuilt';
  }
  return result;
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
    throw new DomainError('invalid_input', `Columns for ${missing.join(', ')} are not mapped.`, missing.map((field) => ({
      field: `mapping.${field}`, reason: 'required',
      message: { ru: `не выбрана колонка для поля «${field}»`, en: `no column is chosen for the field “${field}”` },
    })));
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
  const { rows: [role] } = await db.engine.query<{ superuser: boolean }>('SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user');
  if (role?.superuser) await db.engine.query("SET LOCAL session_replication_role = 'replica'");
  try {
    return await mergers[kind](db, orgId);
  } finally {
    if (role?.superuser) await db.engine.query("SET LOCAL session_replication_role = 'origin'");
  }
}

async function* chunked(lines: string[]): AsyncGenerator<string> {
  for (let i = 0; i < lines.length; i += 5000) yield lines.slice(i, i + 5000).join('');
}

function validateMapping(kind: ImportKind, mapping: ColumnMapping, columns: number): void {
  const known = new Set(importFields[kind].map((f) => f.key));
  const seen = new Set<string>();
  const problems = [] as { field: string; reason: string; message: { ru: string; en: string } }[];
  mapping.forEach((key, i) => {
    if (key === null) return;
    if (!known.has(key)) problems.push({ field: `mapping[${i}]`, reason: 'unknown_field', message: { ru: `нет такого поля «${key}» для этого вида данных`, en: `there is no field “${key}” for this kind of data` } });
    else if (seen.has(key)) problems.push({ field: `mapping[${i}]`, reason: 'twice', message: { ru: `поле «${key}» выбрано для двух колонок`, en: `the field “${key}” is chosen for two columns` } });
    seen.add(key ?? '');
  });
  if (mapping.length > columns + 50) problems.push({ field: 'mapping', reason: 'too_long', message: { ru: 'в сопоставлении больше колонок, чем в файле', en: 'the mapping has more columns than the file' } });
  if (problems.length) throw new DomainError('invalid_input', problems[0]!.message.en, problems);
}
