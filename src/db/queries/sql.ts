import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Database } from '../database.js';
import type { QueryOptions, QueryResult } from '../engine/types.js';

/*
 * Hand-written SQL that is composed from parts (filters, fragments shared between statements) is
 * written with Drizzle's `sql` tag: `${value}` is always a parameter ($n), a part is an `SQL` value,
 * and names or keywords chosen by code are `sql.raw(…)`. Two things to keep in mind:
 * - a JS array interpolated directly becomes a list `($1, $2, …)`; an array parameter is `sql.param(array)`;
 * - `undefined` renders as nothing: pass null, or leave the part out.
 * Each use of a value is its own parameter, so a cast the value needs goes with every use (`${day}::date`).
 * Fixed statements may stay plain text with positional parameters (`db.engine.query(text, [..])`).
 */

const dialect = new PgDialect();

/** The statement's text and parameters, as the engine takes them. */
export function statementOf(statement: SQL): { text: string; params: unknown[] } {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  return { text, params };
}

/** Runs a statement written with the `sql` tag through the engine (so it joins the open transaction). */
export function runSql<T = Record<string, unknown>>(
  db: Database,
  statement: SQL,
  options?: QueryOptions,
): Promise<QueryResult<T>> {
  const { text, params } = statementOf(statement);
  return db.engine.query<T>(text, params, options);
}
