import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, orgIdColumn, type Word } from './columns.js';
import type { locales, Role } from '../../core/vocabulary.js';

/** A tenant: one company using Rapport. Its id is the org_id every other table is keyed by. */
export const organizations = pgTable('organizations', {
  id: idColumn().primaryKey(),
  name: text('name').notNull(),
  /** Demo data was loaded into this organisation (`rapport demo --remove` takes it out). */
  hasDemoData: boolean('has_demo_data').notNull().default(false),
  /** Analytics settings (hourly rate, cost of capital, thresholds), read by the analytics layer. */
  settings: jsonb('settings')
    .notNull()
    .default(sql`'{}'::jsonb`),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    id: idColumn(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** owner | head_of_sales | manager | analyst | read_only (enforced in the roles issue). */
    role: text('role').$type<Role>().notNull().default('manager'),
    passwordHash: text('password_hash'),
    locale: text('locale').$type<Word<typeof locales>>().notNull().default('ru'),
    isDemo: boolean('is_demo').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'string' }),
    /** Failed sign-ins in a row (reset by a successful one); enough of them lock the account for a while. */
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
    /** SHA-256 of the secret in the user's iCalendar feed address; empty until the user asks for one. */
    calendarTokenHash: text('calendar_token_hash'),
    /** When the user last signed in with their password; empty until the first time. */
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true, mode: 'string' }),
    /** The password was set by someone else (a new user, a reset): the user is asked to change it. */
    passwordTemporary: boolean('password_temporary').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // An address is unique within its organisation, not across the deployment: an owner adding a user
    // must not learn that the address is taken in another organisation (and a unique index of a
    // distributed table has to hold the distribution column, org_id, on Citus).
    uniqueIndex('users_org_email_key').on(t.orgId, sql`lower(${t.email})`),
  ],
);

/** Server-side sessions, so several server processes can share them. The cookie carries org id + secret. */
export const sessions = pgTable(
  'sessions',
  {
    orgId: orgIdColumn(),
    /** SHA-256 of the secret; the secret itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.tokenHash] }), index('sessions_user_idx').on(t.orgId, t.userId)],
);

/** Tokens for integrations (1C exchange, scripts): hashed, scoped to a role, revocable. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    role: text('role').$type<Role>().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'string' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('api_tokens_hash_key').on(t.orgId, t.tokenHash)],
);

/**
 * How many rows an organisation has in the tables whose lists show a total without any filter
 * (`clients`, `client_figures`, `claims`), so such a list answers its exact total without counting
 * 100,000 rows: the sum of the organisation's rows here for the table. Kept by statement-level
 * triggers of those tables (migration 0019, function `keep_org_row_counts`) inside the writing
 * transaction, on every path: a service's insert, an import's `INSERT … SELECT`, a COPY of the demo
 * loader or of a restore (the triggers fire even with `session_replication_role = replica`), a
 * cascade. Each writing statement folds the rows no other transaction holds into one row with its own
 * change (`FOR UPDATE SKIP LOCKED`), so a long import never makes another write wait for the count,
 * and a table has about as many rows here as transactions write it at once. Read by
 * `db/queries/row-counts.ts`; left out of backups (a restore counts its rows again as they arrive).
 */
export const orgRowCounts = pgTable(
  'org_row_counts',
  {
    orgId: orgIdColumn().references(() => organizations.id, { onDelete: 'cascade' }),
    /** The counted table's name. */
    tableName: text('table_name').notNull(),
    id: idColumn(),
    /** A part of the count: the organisation's rows of the table are the sum of its parts. */
    rows: bigint('rows', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.tableName, t.id] })],
);
