import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Counting windows of the rate limits on routes open to the world (sign-in failures, public survey
 * links, calendar feeds), kept in the database so that several server processes on one PostgreSQL
 * share one count. Not tenant data: the key is a network address or a public token, never an
 * organisation's record, so it has no `org_id` (under Citus it stays a local table of the coordinator).
 */
export const rateLimitWindows = pgTable('rate_limit_windows', {
  /** The limit's name and what it counts, e.g. `sign-in-failures:203.0.113.7`. */
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true, mode: 'string' }).notNull(),
});
