import type { Period } from '../../../core/analytics/period.js';
import type { AnalyticsSettings } from '../../../core/analytics/settings.js';
import type { Database } from '../../database.js';
import { searchWords } from '../client-search.js';
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { clientFigures } from '../../schema/index.js';
import { figureColumns, figuresSelect } from './figures.js';
import { runSql } from '../sql.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';

const notNullColumns = new Set(
  Object.values(getTableColumns(clientFigures))
    .filter((c) => c.notNull)
    .map((c) => c.name),
);

export type FigureFilter = {
  q?: string | undefined;
  status?: string | undefined;
  region?: string | undefined;
  industry?: string | undefined;
  /** 'none': the clients nobody owns. */
  ownerUserId?: number | 'none' | undefined;
  abcRevenue?: string | undefined;
  abcGross?: string | undefined;
  abcProfit?: string | undefined;
  xyz?: string | undefined;
  rfmSegment?: string | undefined;
  ladderStage?: string | undefined;
  category?: string | undefined;
  computedCategory?: string | undefined;
  rScore?: number | undefined;
  fScore?: number | undefined;
  firstPurchaseFrom?: string | undefined;
  firstPurchaseTo?: string | undefined;
  minRevenue?: number | undefined;
  maxRevenue?: number | undefined;
  minProfit?: number | undefined;
  maxProfit?: number | undefined;
  clientIds?: readonly number[] | undefined;
  /** Only these clients (a manager's own and shared); null/undefined: all. */
  scope?: ClientScope | null | undefined;
};

export type FigureRow = Record<string, unknown> & {
  client_id: number;
  name: string;
  status: string;
  region: string | null;
  industry: string | null;
  owner_user_id: number | null;
  category_override: string | null;
};

/** The client's own columns the list sorts by (then by name and id, in the same direction). */
export type ClientSortColumn = 'name' | 'status' | 'region' | 'industry';

/**
 * The ORDER BY of a sort by the client's own column. Each has an index (org_id, column, name, id) that
 * serves it in both directions, so a page of 100k clients is read in index order, not sorted whole;
 * region and industry put the clients without one last, which the index serves ascending only.
 */
function clientOrder(column: ClientSortColumn, descending: boolean): string {
  const dir = descending ? 'DESC' : 'ASC';
  const tail = `c.name ${dir}, c.id ${dir}`;
  if (column === 'name') return tail;
  if (column === 'status') return `c.status ${dir}, ${tail}`;
  return `c.${column} ${dir} NULLS LAST, ${tail}`;
}

/**
 * A page of clients with their figures, filtered and sorted by any figure (`column` is checked by the
 * caller against the catalogue) or by a column of the client. Reads client_figures; given a `custom`
 * period, the figures are computed from the rollups for that period instead (slower, and without the
 * org-wide classes).
 */
export async function listClientFigures(
  db: Database,
  orgId: number,
  options: {
    filter: FigureFilter;
    column: string | { client: ClientSortColumn };
    descending: boolean;
    limit: number;
    offset: number;
    custom?: { period: Period; asOf: string; settings: AnalyticsSettings } | undefined;
  },
): Promise<{ rows: FigureRow[]; total: number }> {
  const org = orgId;
  const source = options.custom
    ? sql`(${figuresSelect({ orgId }, options.custom.period, options.custom.asOf, options.custom.settings)})`
    : sql`client_figures`;
  const f = options.filter;
  const where: SQL[] = [];
  const eq = (column: string, value: string | number | undefined) => {
    if (value !== undefined) where.push(sql`${sql.raw(column)} = ${value}`);
  };
  eq('c.status', f.status);
  eq('c.region', f.region);
  eq('c.industry', f.industry);
  if (f.ownerUserId === 'none') where.push(sql`c.owner_user_id IS NULL`);
  else eq('c.owner_user_id', f.ownerUserId);
  if (f.xyz === 'none') where.push(sql`f.xyz IS NULL`);
  else eq('f.xyz', f.xyz);
  if (!options.custom) {
    eq('f.abc_revenue', f.abcRevenue);
    eq('f.abc_gross', f.abcGross);
    eq('f.abc_profit', f.abcProfit);
    eq('f.rfm_segment', f.rfmSegment);
    eq('f.category', f.category);
    eq('f.computed_category', f.computedCategory);
    eq('f.r_score', f.rScore);
    eq('f.f_score', f.fScore);
  }
  eq('f.ladder_stage', f.ladderStage);
  // A cohort: clients whose first purchase ever falls in the range.
  if (f.firstPurchaseFrom !== undefined) where.push(sql`f.first_purchase >= ${f.firstPurchaseFrom}::date`);
  if (f.firstPurchaseTo !== undefined) where.push(sql`f.first_purchase <= ${f.firstPurchaseTo}::date`);
  if (f.minRevenue !== undefined) where.push(sql`f.revenue >= ${f.minRevenue}::bigint`);
  if (f.maxRevenue !== undefined) where.push(sql`f.revenue <= ${f.maxRevenue}::bigint`);
  if (f.minProfit !== undefined) where.push(sql`f.profit >= ${f.minProfit}::bigint`);
  if (f.maxProfit !== undefined) where.push(sql`f.profit <= ${f.maxProfit}::bigint`);
  if (f.scope) where.push(sql.raw(inClientScopeText(f.scope, 'f.client_id')));
  if (f.clientIds) where.push(sql`f.client_id = ANY(${sql.param(f.clientIds.map(String))}::bigint[])`);
  const words = f.q ? searchWords(f.q) : [];
  if (words.length > 0) {
    const match = words.map((w) => {
      const t = `${w}:*`;
      return sql`s.search_vector @@ (to_tsquery('simple', ${t}) || to_tsquery('russian', ${t}) || to_tsquery('english', ${t}))`;
    });
    where.push(
      sql`f.client_id IN (SELECT s.client_id FROM client_search s WHERE s.org_id = ${org} AND ${sql.join(match, sql` AND `)})`,
    );
  }
  const condition = sql.join([options.custom ? sql`TRUE` : sql`f.org_id = ${org}`, ...where], sql` AND `);
  // Client columns are needed only to filter or sort by them; otherwise pages and counts read client_figures alone.
  const clientSort = typeof options.column === 'string' ? undefined : options.column.client;
  const filtersClient =
    Boolean(options.custom) || [f.status, f.region, f.industry, f.ownerUserId].some((v) => v !== undefined);
  const joinClients = (join: boolean) =>
    sql`${source} f${join ? sql` JOIN clients c ON c.org_id = ${org} AND c.id = f.client_id` : sql``}`;
  const from = joinClients(filtersClient || clientSort !== undefined);
  // NOT NULL figures sort plainly so an index on them serves the order; nullable ones put nulls last.
  const order = sql.raw(
    typeof options.column === 'string'
      ? `f.${options.column} ${options.descending ? 'DESC' : 'ASC'}${options.custom || !notNullColumns.has(options.column) ? ' NULLS LAST' : ''}, f.client_id`
      : clientOrder(options.column.client, options.descending),
  );
  const limit = sql`${options.limit}::int`;
  const offset = sql`${options.offset}::int`;
  const select = sql.raw(options.custom ? figureColumns.map((col) => `f.${col}`).join(', ') : 'f.*');
  // The page's ids are found by sorting narrow rows; only those rows are then read whole.
  const pageSql = options.custom
    ? sql`SELECT ${select}, c.name, c.status, c.region, c.industry, c.owner_user_id, c.category_override
       FROM ${source} f JOIN clients c ON c.org_id = ${org} AND c.id = f.client_id WHERE ${condition} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`
    : sql`WITH page AS MATERIALIZED (SELECT f.client_id, row_number() OVER () AS n FROM (SELECT f.client_id FROM ${from} WHERE ${condition} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) f)
       SELECT f.*, c.name, c.status, c.region, c.industry, c.owner_user_id, c.category_override
       FROM page JOIN client_figures f ON f.org_id = ${org} AND f.client_id = page.client_id JOIN clients c ON c.org_id = ${org} AND c.id = f.client_id
       ORDER BY page.n`;
  const [
    { rows },
    {
      rows: [count],
    },
  ] = await Promise.all([
    runSql<FigureRow>(db, pageSql),
    runSql<{ n: number }>(db, sql`SELECT count(*) AS n FROM ${joinClients(filtersClient)} WHERE ${condition}`),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}
