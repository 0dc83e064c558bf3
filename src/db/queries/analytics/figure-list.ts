import type { Period } from '../../../core/analytics/period.js';
import type { AnalyticsSettings } from '../../../core/analytics/settings.js';
import type { Database } from '../../database.js';
import { clientSearchMatches, clientSearchQuery, searchWords } from '../client-search.js';
import { keptRowCount, keptRowCounts } from '../row-counts.js';
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
  // Conditions on the client's columns (c), on its figures (f), and on its id (scope, ids, search).
  const clientWhere: SQL[] = [];
  const figureWhere: SQL[] = [];
  const eq = (list: SQL[], column: string, value: string | number | undefined) => {
    if (value !== undefined) list.push(sql`${sql.raw(column)} = ${value}`);
  };
  eq(clientWhere, 'c.status', f.status);
  eq(clientWhere, 'c.region', f.region);
  eq(clientWhere, 'c.industry', f.industry);
  if (f.ownerUserId === 'none') clientWhere.push(sql`c.owner_user_id IS NULL`);
  else eq(clientWhere, 'c.owner_user_id', f.ownerUserId);
  if (f.xyz === 'none') figureWhere.push(sql`f.xyz IS NULL`);
  else eq(figureWhere, 'f.xyz', f.xyz);
  if (!options.custom) {
    eq(figureWhere, 'f.abc_revenue', f.abcRevenue);
    eq(figureWhere, 'f.abc_gross', f.abcGross);
    eq(figureWhere, 'f.abc_profit', f.abcProfit);
    eq(figureWhere, 'f.rfm_segment', f.rfmSegment);
    eq(figureWhere, 'f.category', f.category);
    eq(figureWhere, 'f.computed_category', f.computedCategory);
    eq(figureWhere, 'f.r_score', f.rScore);
    eq(figureWhere, 'f.f_score', f.fScore);
  }
  eq(figureWhere, 'f.ladder_stage', f.ladderStage);
  // A cohort: clients whose first purchase ever falls in the range.
  if (f.firstPurchaseFrom !== undefined) figureWhere.push(sql`f.first_purchase >= ${f.firstPurchaseFrom}::date`);
  if (f.firstPurchaseTo !== undefined) figureWhere.push(sql`f.first_purchase <= ${f.firstPurchaseTo}::date`);
  if (f.minRevenue !== undefined) figureWhere.push(sql`f.revenue >= ${f.minRevenue}::bigint`);
  if (f.maxRevenue !== undefined) figureWhere.push(sql`f.revenue <= ${f.maxRevenue}::bigint`);
  if (f.minProfit !== undefined) figureWhere.push(sql`f.profit >= ${f.minProfit}::bigint`);
  if (f.maxProfit !== undefined) figureWhere.push(sql`f.profit <= ${f.maxProfit}::bigint`);
  const words = f.q ? searchWords(f.q) : [];
  const query = words.length > 0 ? await clientSearchQuery(db, words) : undefined;
  if (query === null) return { rows: [], total: 0 }; // a word no document can hold
  const idWhere = (id: string): SQL[] => [
    ...(f.scope ? [sql.raw(inClientScopeText(f.scope, id))] : []),
    ...(f.clientIds ? [sql`${sql.raw(id)} = ANY(${sql.param(f.clientIds.map(String))}::bigint[])`] : []),
    ...(query ? [sql`${sql.raw(id)} IN (${clientSearchMatches(org, query)})`] : []),
  ];
  const where = [...clientWhere, ...figureWhere, ...idWhere('f.client_id')];
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
  // Without figure filters, the count of the clients themselves (of their search rows for a search alone).
  const clientCount =
    query && clientWhere.length === 0 && !f.scope && !f.clientIds
      ? sql`SELECT count(*) AS n FROM (${clientSearchMatches(org, query)}) m`
      : sql`SELECT count(*) AS n FROM clients c WHERE ${sql.join([sql`c.org_id = ${org}`, ...clientWhere, ...idWhere('c.id')], sql` AND `)}`;
  const [{ rows }, total] = await Promise.all([
    runSql<FigureRow>(db, pageSql),
    figureCount(db, org, {
      custom: Boolean(options.custom),
      unfiltered: where.length === 0,
      byClients: figureWhere.length === 0 ? clientCount : undefined,
      counted: sql`SELECT count(*) AS n FROM ${joinClients(filtersClient)} WHERE ${condition}`,
    }),
  ]);
  return { rows, total };
}

/**
 * The total of a figure list, exact: with no filter, the kept count of the organisation's figure rows
 * (org_row_counts); filtered by the client's own columns, its scope or a search alone, the clients
 * counted without their figures (`byClients`) when every client has its figure row (the kept counts
 * of clients and client_figures are equal, and client_figures ⊆ clients by its key); otherwise the
 * figure rows counted.
 */
async function figureCount(
  db: Database,
  orgId: number,
  how: { custom: boolean; unfiltered: boolean; byClients: SQL | undefined; counted: SQL },
): Promise<number> {
  if (!how.custom && how.unfiltered) return keptRowCount(db, orgId, 'client_figures');
  let statement = how.counted;
  if (!how.custom && how.byClients) {
    const kept = await keptRowCounts(db, orgId, ['clients', 'client_figures']);
    if (kept.clients === kept.client_figures) statement = how.byClients;
  }
  const { rows } = await runSql<{ n: number }>(db, statement);
  return Number(rows[0]?.n ?? 0);
}
