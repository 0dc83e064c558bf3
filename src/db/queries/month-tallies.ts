import { sql, type SQL } from 'drizzle-orm';
import type { Period } from '../../core/analytics/period.js';
import type { Database } from '../database.js';
import { runSql } from './sql.js';

/**
 * Serialises the writes that recompute an organisation's monthly tallies of one table (claim_months,
 * survey_months), inside the caller's transaction: a write recomputing some months holds those months
 * (and the organisation, shared); a rebuild of every month holds the organisation alone. The statement
 * that recomputes runs after the lock, so it sees every write committed before it (READ COMMITTED takes
 * a new snapshot per statement) and two writes of one month cannot each store a tally missing the
 * other. Months are taken in order, so two writes never wait for each other crosswise. PGlite runs one
 * connection, one transaction at a time: nothing to serialise there.
 */
export async function lockMonths(
  db: Database,
  table: 'claim_months' | 'survey_months',
  orgId: number,
  months: readonly string[] | 'all',
): Promise<void> {
  if (db.engine.kind !== 'postgres') return;
  const org = `${table}:${orgId}`;
  if (months === 'all') {
    await db.engine.query('SELECT pg_advisory_xact_lock(hashtext($1)::bigint)', [org]);
    return;
  }
  await db.engine.query('SELECT pg_advisory_xact_lock_shared(hashtext($1)::bigint)', [org]);
  await db.engine.query(
    `SELECT pg_advisory_xact_lock(hashtext($1), (m - date '2000-01-01')::int)
     FROM unnest($2::date[]) WITH ORDINALITY AS t(m, i) ORDER BY i`,
    [org, `{${[...new Set(months)].sort().join(',')}}`],
  );
}

/**
 * Recomputes an organisation's stored monthly tallies of `table` for the given months (first days;
 * every month without), inside the caller's transaction: the months are locked (lockMonths), their rows
 * deleted and the tallies `select` gives written instead. `select` is handed the condition that a date
 * column of its rows falls in those months (through the date's index: a range, then the months).
 */
export async function refreshMonthTallies(
  db: Database,
  table: 'claim_months' | 'survey_months',
  orgId: number,
  months: readonly string[] | undefined,
  columns: readonly string[],
  select: (inMonths: (column: string) => SQL) => SQL,
): Promise<void> {
  const some = months ? [...new Set(months)].sort() : undefined;
  if (some?.length === 0) return;
  const inMonths = (column: string): SQL =>
    some
      ? sql`date_trunc('month', ${sql.raw(column)})::date = ANY(${sql.param(some)}::date[])
          AND ${sql.raw(column)} BETWEEN ${some[0]!}::date AND (${some[some.length - 1]!}::date + interval '1 month' - interval '1 day')::date`
      : sql`true`;
  const list = sql.raw(columns.join(', '));
  await db.engine.transaction(async () => {
    await lockMonths(db, table, orgId, some ?? 'all');
    await runSql(
      db,
      sql`DELETE FROM ${sql.raw(table)} WHERE org_id = ${orgId}::bigint ${some ? sql`AND month = ANY(${sql.param(some)}::date[])` : sql``}`,
    );
    await runSql(
      db,
      sql`INSERT INTO ${sql.raw(table)} (org_id, month, ${list})
      SELECT ${orgId}::bigint, month, ${list} FROM (${select(inMonths)}) t`,
    );
  });
}

/** `column` (a date) falls in one of the periods, ends included; false for none. */
export const withinPeriods = (column: string, periods: readonly Period[]): SQL =>
  periods.length === 0
    ? sql`false`
    : sql`(${sql.join(
        periods.map((p) => sql`${sql.raw(column)} BETWEEN ${p.from}::date AND ${p.to}::date`),
        sql` OR `,
      )})`;
