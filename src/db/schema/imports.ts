import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, orgIdColumn } from './columns.js';
import { organizations, users } from './organizations.js';
import type { ImportKind } from '../../core/import/fields.js';
import type { ImportJobPhase, ImportJobStatus, ImportMode, SourceFormat } from '../../core/import/jobs.js';

/**
 * One import of a file: what was asked (kind, mapping, mode), how far it got and what it did.
 * Kept after it ends, so the wizard and the CLI can show the history and the rejected rows.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    userId: bigint('user_id', { mode: 'number' }),
    /** clients | contacts | products | sales | payments | interactions */
    kind: text('kind').$type<ImportKind>().notNull(),
    fileName: text('file_name').notNull(),
    /** csv | xlsx | commerceml */
    format: text('format').$type<SourceFormat>().notNull(),
    /** Column index → field key (null: not imported), as confirmed by the user. */
    mapping: jsonb('mapping')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Header row, encoding, delimiter, sheet: how the file was read. */
    reading: jsonb('reading')
      .notNull()
      .default(sql`'{}'::jsonb`),
    dryRun: boolean('dry_run').notNull().default(false),
    /** all: any rejected row cancels the import; valid: the valid rows go in. */
    mode: text('mode').$type<ImportMode>().notNull().default('all'),
    /** queued | running | done | failed | rejected (all-or-nothing refused the file) */
    status: text('status').$type<ImportJobStatus>().notNull().default('queued'),
    /** reading | checking | writing | analytics: the step now running. */
    phase: text('phase').$type<ImportJobPhase>(),
    bytesDone: bigint('bytes_done', { mode: 'number' }).notNull().default(0),
    bytesTotal: bigint('bytes_total', { mode: 'number' }).notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsValid: integer('rows_valid').notNull().default(0),
    rowsRejected: integer('rows_rejected').notNull().default(0),
    rowsSkipped: integer('rows_skipped').notNull().default(0),
    /** Per entity: created / updated / unchanged counts (documents, lines, clients, products…). */
    outcome: jsonb('outcome')
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** Why a failed import failed: a message code with its parameters (`{ code, params }`), or in older rows `{ ru, en }`. */
    error: jsonb('error'),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    index('import_jobs_created_idx').on(t.orgId, t.createdAt),
  ],
);

/** One refused cell of an import (several per row when several cells are wrong). */
export const importRejects = pgTable(
  'import_rejects',
  {
    orgId: orgIdColumn(),
    jobId: bigint('job_id', { mode: 'number' }).notNull(),
    seq: integer('seq').notNull(),
    rowNo: integer('row_no').notNull(),
    field: text('field').notNull(),
    column: text('column_name').notNull(),
    value: text('value').notNull().default(''),
    reason: text('reason').notNull(),
    /** Why, as a message code of core/messages with its parameters; null in rows stored before message codes. */
    code: text('code'),
    params: jsonb('params'),
    /** Why, in both languages: the rows stored before message codes (null since). */
    messageRu: text('message_ru'),
    messageEn: text('message_en'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.jobId, t.seq] }),
    foreignKey({ columns: [t.orgId, t.jobId], foreignColumns: [importJobs.orgId, importJobs.id] }).onDelete('cascade'),
  ],
);

/** A mapping the user saved to reuse for the next file of the same layout. */
export const importMappings = pgTable(
  'import_mappings',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    name: text('name').notNull(),
    kind: text('kind').$type<ImportKind>().notNull(),
    /** Header text → field key: matched by header, so column order may change between files. */
    columns: jsonb('columns').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);
