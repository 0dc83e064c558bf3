import { and, asc, desc, eq, ilike, inArray, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database.js';
import type { clientStatuses } from '../../../core/vocabulary.js';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Word } from '../../schema/columns.js';
import { clients, orders, payments, users } from '../../schema/index.js';
import { clientSearchMatches, clientSearchQuery, searchWords } from '../client-search.js';
import { keptRowCount } from '../row-counts.js';
import { runSql } from '../sql.js';

/** How many orders and payments the client has (a client with sales history is not deleted). */
export async function clientDocumentCounts(
  db: Database,
  orgId: number,
  clientId: number,
): Promise<{ orders: number; payments: number }> {
  const [o] = await db.orm
    .select({ n: sql<number>`count(*)` })
    .from(orders)
    .where(and(eq(orders.orgId, orgId), eq(orders.clientId, clientId)));
  const [p] = await db.orm
    .select({ n: sql<number>`count(*)` })
    .from(payments)
    .where(and(eq(payments.orgId, orgId), eq(payments.clientId, clientId)));
  return { orders: Number(o?.n), payments: Number(p?.n) };
}

export type ClientListFilter = {
  status?: Word<typeof clientStatuses> | undefined;
  industry?: string | undefined;
  region?: string | undefined;
  ownerUserId?: number | undefined;
  tag?: string | undefined;
  /** Full-text search over client_search (names, tags, requisites, contacts). */
  q?: string | undefined;
  /** The actor's reach (services/access/scope rowScope), undefined: every client. */
  scope?: SQL | undefined;
};

const sortable = {
  name: clients.name,
  createdAt: clients.createdAt,
  updatedAt: clients.updatedAt,
  status: clients.status,
  region: clients.region,
  industry: clients.industry,
};

/**
 * The columns of the order "field" / "-field" (an unknown field: by name): the field, then name (after
 * status, region or industry) and id, all in the field's direction, so the index of each sort
 * (schema/clients.ts: org_id, field, name, id) serves it forwards or backwards without a sort.
 */
function orderKeys(sort: string): { columns: PgColumn[]; descending: boolean } {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  // Own fields only: "__proto__" or "constructor" must not find Object's own members.
  if (!Object.hasOwn(sortable, key)) return orderKeys('name');
  const column = sortable[key as keyof typeof sortable];
  const thenByName = column === clients.status || column === clients.region || column === clients.industry;
  return { columns: [column, ...(thenByName ? [clients.name] : []), clients.id], descending };
}

function listOrder(sort: string): SQL[] {
  const { columns, descending } = orderKeys(sort);
  return columns.map((c) => (descending ? desc(c) : asc(c)));
}

/**
 * A search sorted by name without other filters, in one pass over client_search (which holds the
 * name): the matches are read once through the full-text index, counted, and the page taken from them
 * by name. A broad word ("ООО") matches most clients; joining each match to its client, or walking the
 * name index and testing each client, reads far more than the matches themselves.
 */
async function searchByName(
  db: Database,
  orgId: number,
  query: string,
  descending: boolean,
  page: { limit: number; offset: number },
): Promise<{ ids: number[]; total: number }> {
  const dir = sql.raw(descending ? 'DESC' : 'ASC');
  const { rows } = await runSql<{ n: number; ids: string }>(
    db,
    sql`WITH m AS MATERIALIZED (SELECT s.client_id, s.name FROM client_search s WHERE s.org_id = ${orgId} AND s.search_vector @@ ${query}::tsquery)
      SELECT (SELECT count(*) FROM m) AS n,
        array_to_string(ARRAY(SELECT m.client_id FROM m ORDER BY m.name ${dir}, m.client_id ${dir} LIMIT ${page.limit} OFFSET ${page.offset}), ',') AS ids`,
  );
  const row = rows[0];
  return { ids: row?.ids ? row.ids.split(',').map(Number) : [], total: Number(row?.n ?? 0) };
}

/**
 * A page of the client list, sorted by "field" / "-field" (by name by default), with each client's
 * owner and primary requisites, and the exact total: without any filter it is the organisation's kept
 * count (org_row_counts), so the unfiltered list counts nothing.
 */
export async function listClients(
  db: Database,
  orgId: number,
  filter: ClientListFilter,
  page: { page: number; pageSize: number; sort?: string | undefined },
) {
  const { pageSize } = page;
  const offset = (page.page - 1) * pageSize;
  const sort = page.sort ?? 'name';
  const order = listOrder(sort);
  const where = and(
    eq(clients.orgId, orgId),
    filter.status ? eq(clients.status, filter.status) : undefined,
    filter.industry ? eq(clients.industry, filter.industry) : undefined,
    filter.region ? eq(clients.region, filter.region) : undefined,
    filter.ownerUserId ? eq(clients.ownerUserId, filter.ownerUserId) : undefined,
    filter.tag ? sql`${clients.tags} @> ARRAY[${filter.tag}]::text[]` : undefined,
    filter.scope,
  );
  const filtered = [filter.status, filter.industry, filter.region, filter.ownerUserId, filter.tag, filter.scope].some(
    (v) => v !== undefined,
  );
  const count = async (condition: SQL | undefined) => {
    const [row] = await db.orm
      .select({ n: sql<number>`count(*)` })
      .from(clients)
      .where(condition);
    return Number(row?.n ?? 0);
  };
  const pageIds = (condition: SQL | undefined) =>
    db.orm
      .select({ id: clients.id })
      .from(clients)
      .where(condition)
      .orderBy(...order)
      .limit(pageSize)
      .offset(offset)
      .then((rows) => rows.map((r) => r.id));
  let ids: number[];
  let total: number;
  if (filter.q) {
    const words = searchWords(filter.q);
    const query = words.length > 0 ? await clientSearchQuery(db, words) : null;
    if (query === null) return { items: [], total: 0 };
    const keys = orderKeys(sort);
    if (!filtered && keys.columns[0] === clients.name) {
      ({ ids, total } = await searchByName(db, orgId, query, keys.descending, { limit: pageSize, offset }));
    } else {
      const matching = and(where, sql`${clients.id} IN (${clientSearchMatches(orgId, query)})`);
      [ids, total] = await Promise.all([pageIds(matching), count(matching)]);
    }
  } else {
    [ids, total] = await Promise.all([pageIds(where), filtered ? count(where) : keptRowCount(db, orgId, 'clients')]);
  }
  const items =
    ids.length === 0
      ? []
      : await db.orm
          .select({
            id: clients.id,
            name: clients.name,
            status: clients.status,
            industry: clients.industry,
            region: clients.region,
            ownerUserId: clients.ownerUserId,
            ownerName: users.name,
            tags: clients.tags,
            createdAt: clients.createdAt,
            updatedAt: clients.updatedAt,
            inn: sql<
              string | null
            >`(SELECT l.inn FROM legal_entities l WHERE l.org_id = ${clients.orgId} AND l.client_id = ${clients.id} ORDER BY l.is_primary DESC, l.id LIMIT 1)`,
            legalName: sql<
              string | null
            >`(SELECT l.full_name FROM legal_entities l WHERE l.org_id = ${clients.orgId} AND l.client_id = ${clients.id} ORDER BY l.is_primary DESC, l.id LIMIT 1)`,
          })
          .from(clients)
          .leftJoin(users, and(eq(users.orgId, clients.orgId), eq(users.id, clients.ownerUserId)))
          .where(and(eq(clients.orgId, orgId), inArray(clients.id, ids)))
          .orderBy(...order);
  return { items, total };
}

/**
 * The distinct regions or industries of the organisation's clients (within `scope`), each with how many
 * clients have it, the most common first; `q` keeps the values containing it (any case). One more row
 * than `limit` is read to tell whether there are more. Served by clients_region_idx / clients_industry_idx.
 */
export async function clientFieldValues(
  db: Database,
  orgId: number,
  field: 'region' | 'industry',
  options: { q?: string | undefined; limit: number; scope?: SQL | undefined },
): Promise<{ value: string; clients: number }[]> {
  const column = field === 'region' ? clients.region : clients.industry;
  const n = sql<number>`count(*)`;
  const text = options.q?.trim();
  const rows = await db.orm
    .select({ value: column, clients: n })
    .from(clients)
    .where(
      and(
        eq(clients.orgId, orgId),
        isNotNull(column),
        ne(column, ''),
        text ? ilike(column, `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`) : undefined,
        options.scope,
      ),
    )
    .groupBy(column)
    .orderBy(desc(n), asc(column))
    .limit(options.limit + 1);
  return rows.map((r) => ({ value: r.value ?? '', clients: Number(r.clients) }));
}
