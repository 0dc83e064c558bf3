import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database.js';

/**
 * Rebuilds the search text (and so the generated full-text vector) of clients (all of an org's, or
 * the given ids) from their names,
 * tags, legal entities' names and requisites, and contact names (not of contacts erased on request). Each word is indexed under the
 * simple, Russian and English configurations so "Ромашк", "romashka" and ИНН prefixes all match.
 */
export async function refreshClientSearch(db: Database, orgId: number, clientIds?: number[]): Promise<void> {
  await db.engine.query(clientSearchRefresh('($2::bigint[] IS NULL OR c.id = ANY($2::bigint[]))'), [
    orgId,
    clientIds ? `{${clientIds.join(',')}}` : null,
  ]);
}

/**
 * The statement of `refreshClientSearch` for the clients `which` picks (a condition on `c`, the
 * organisation's id as $1), for the writes that create clients set-based (imports, restore): a
 * client without its search row is found by no search.
 */
export function clientSearchRefresh(which: string): string {
  return `
    INSERT INTO client_search AS s (org_id, client_id, name, search_text)
    SELECT c.org_id, c.id, c.name,
           concat_ws(' ', c.name, array_to_string(c.tags, ' '), c.external_id, le.txt, ct.txt)
    FROM clients c
    LEFT JOIN LATERAL (
      SELECT string_agg(concat_ws(' ', l.full_name, l.short_name, l.inn, l.kpp, l.ogrn), ' ') AS txt
      FROM legal_entities l WHERE l.org_id = c.org_id AND l.client_id = c.id) le ON true
    LEFT JOIN LATERAL (
      SELECT string_agg(p.full_name, ' ') AS txt
      FROM contacts p WHERE p.org_id = c.org_id AND p.client_id = c.id AND p.erased_at IS NULL) ct ON true
    WHERE c.org_id = $1 AND ${which}
    ON CONFLICT (org_id, client_id) DO UPDATE SET name = EXCLUDED.name, search_text = EXCLUDED.search_text
      WHERE (s.name, s.search_text) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.search_text)`;
}

/** Clients of the organisation ($1) that have no search row yet: the condition for `clientSearchRefresh`. */
export const withoutSearchRow =
  'NOT EXISTS (SELECT 1 FROM client_search cs WHERE cs.org_id = c.org_id AND cs.client_id = c.id)';

/** Gives every client of the organisation that has no search row its row (after writes that bring clients in set-based). */
export async function addMissingClientSearch(db: Database, orgId: number): Promise<void> {
  await db.engine.query(clientSearchRefresh(withoutSearchRow), [orgId]);
}

/**
 * Gives the search rows of the organisation the names their clients have now: after a restore of a
 * backup made before client_search had the name (migration 0019), whose rows arrive without it.
 */
export async function syncClientSearchNames(db: Database, orgId: number): Promise<void> {
  await db.engine.query(
    `UPDATE client_search s SET name = c.name FROM clients c
     WHERE s.org_id = $1 AND c.org_id = $1 AND c.id = s.client_id AND s.name IS DISTINCT FROM c.name`,
    [orgId],
  );
}

/** Words of a search box, as prefix matches; punctuation is dropped, at most 8 words. */
export function searchWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

/**
 * The text-search query of a search box (text, for `$n::tsquery`), or null when a word yields no
 * lexeme (then nothing matches). Each word matches as a prefix under the simple, Russian and English
 * configurations, every word must match; a prefix another one of the same word covers is left out
 * ('строй' is 'строй':* | 'стро':*, and every word starting with строй starts with стро, so 'стро':*
 * alone), so the index reads each posting list once instead of up to three times. One statement,
 * run before the statements that use it so each of them sees a constant the planner can estimate.
 */
export async function clientSearchQuery(db: Database, words: readonly string[]): Promise<string | null> {
  const { rows } = await db.engine.query<{ q: string | null }>(
    `SELECT CASE WHEN count(*) = count(z.t) THEN string_agg('(' || z.t || ')', ' & ' ORDER BY z.n) END AS q
     FROM (SELECT y.n, (SELECT string_agg(quote_literal(l) || ':*', ' | ' ORDER BY l) FROM unnest(y.ls) l
                        WHERE NOT EXISTS (SELECT 1 FROM unnest(y.ls) p WHERE p <> l AND starts_with(l, p))) AS t
           FROM (SELECT x.n, tsvector_to_array(to_tsvector('simple', x.w) || to_tsvector('russian', x.w) || to_tsvector('english', x.w)) AS ls
                 FROM unnest($1::text[]) WITH ORDINALITY AS x(w, n)) y) z`,
    [words],
  );
  return rows[0]?.q ?? null;
}

/** The ids of the organisation's clients whose document matches `query` (clientSearchQuery), as a subquery. */
export function clientSearchMatches(orgId: number, query: string): SQL {
  return sql`SELECT s.client_id FROM client_search s WHERE s.org_id = ${orgId} AND s.search_vector @@ ${query}::tsquery`;
}
