import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database.js';
import type { QueryOptions } from '../../engine/types.js';

/**
 * Which clients an upkeep statement touches: every client of the organisation (rebuild, refresh) or
 * the few a write changed. The same statement text serves both, so incremental upkeep and a full
 * rebuild cannot drift apart.
 */
/** A rebuild goes through the clients in id ranges (`clientRange`, inclusive) so no statement is unbounded. */
export type Scope = {
  orgId: number;
  clientIds?: readonly number[] | undefined;
  clientRange?: readonly [number, number] | undefined;
};

/** `AND <column> = ANY($n)` / `BETWEEN` when the scope names clients, else nothing. */
export function clientFilter(scope: Scope, column: string): SQL {
  const c = sql.raw(column);
  const ids = scope.clientIds ? sql`AND ${c} = ANY(${sql.param(scope.clientIds.map(String))}::bigint[])` : sql``;
  const range = scope.clientRange
    ? sql`AND ${c} BETWEEN ${scope.clientRange[0]}::bigint AND ${scope.clientRange[1]}::bigint`
    : sql``;
  return sql`${ids} ${range}`;
}

/** The organisation's clients in id ranges of about `size` clients each ([lowest, highest] id, inclusive), in id order. */
export async function clientIdRanges(db: Database, orgId: number, size: number): Promise<[number, number][]> {
  if (!Number.isSafeInteger(size) || size < 1) throw new Error(`client ranges: ${size} is not a range size`);
  const { rows } = await db.engine.query<{ lo: number; hi: number }>(
    `
    SELECT min(id) AS lo, max(id) AS hi FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / ${size} AS chunk FROM clients WHERE org_id = $1) c GROUP BY chunk ORDER BY 1`,
    [orgId],
  );
  return rows.map((r) => [Number(r.lo), Number(r.hi)]);
}

/**
 * The upkeep of a few clients after a write runs the same long statements again and again, and
 * planning them cost more than running them (the figures: 9 ms to plan, 4 to run, at 100,000
 * clients): they stay prepared. `generic` where one plan for any client was measured to serve (the
 * figures: 0.7 ms to run); the ladder's generic plan scans every client (0.8 s), so it is planned
 * for its parameters. Org-wide runs are planned each time, for the data they meet.
 */
export const upkeepOptions = (scope: Scope, plan: 'generic' | 'custom' = 'custom'): QueryOptions => ({
  prepare: scope.clientIds === undefined ? false : plan === 'generic' ? 'generic' : true,
});
