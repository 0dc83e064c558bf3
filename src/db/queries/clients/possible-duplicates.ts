import { duplicateMatches, type DuplicateMatch } from '../../../core/clients/duplicates.js';
import type { clientStatuses } from '../../../core/vocabulary.js';
import type { Database } from '../../database.js';
import type { Word } from '../../schema/columns.js';
import { nameKeySql } from '../../schema/name-key.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';

export type PossibleDuplicateRow = {
  id: number;
  name: string;
  status: Word<typeof clientStatuses>;
  ownerName: string | null;
  /** The legal entity that matched by ИНН, else the client's primary one (null when it has none). */
  legalForm: string | null;
  fullName: string | null;
  shortName: string | null;
  inn: string | null;
  kpp: string | null;
  matches: DuplicateMatch[];
  /** Whether the scope (the asking user) may open this client. */
  visible: boolean;
};

/** The least trigram similarity of two name keys that counts as a very similar name. */
const SIMILARITY = 0.5;
/** The most clients one answer considers; the strongest come first. */
const MAX_ROWS = 200;

/**
 * pg_trgm's similarity computed in plain SQL (the extension is not loaded on either engine): the
 * distinct three-letter pieces of each key padded as pg_trgm pads a word ("  key "), shared ÷ all.
 * Runs only on the few clients the cheap conditions let through.
 */
const trigramSimilarity = (a: string, b: string) => `(
  SELECT count(*) FILTER (WHERE x.t IS NOT NULL AND y.t IS NOT NULL)::float8 / greatest(count(*), 1)
  FROM (SELECT DISTINCT substr('  ' || ${a} || ' ', g, 3) AS t FROM generate_series(1, length(${a}) + 1) g) x
  FULL JOIN (SELECT DISTINCT substr('  ' || ${b} || ' ', g, 3) AS t FROM generate_series(1, length(${b}) + 1) g) y
  ON x.t = y.t)`;

/**
 * Clients of the organisation that may be the one a person is about to enter (core/clients/duplicates
 * says how each match is defined): by ИНН (and КПП) of
 * any of their legal entities, and by name. `inn` and `kpp` are normalised valid values or null;
 * `name` is as typed (null: no name check). Every match is returned with whether the scope sees the
 * client; the caller decides what to tell about the others. Name matches read clients.name_key
 * (index clients_name_key_idx for the equal key; the rest is a scan of one organisation's keys with
 * cheap conditions before the trigram count).
 */
export async function findPossibleDuplicates(
  db: Database,
  p: { orgId: number; name: string | null; inn: string | null; kpp: string | null; scope: ClientScope | null },
): Promise<PossibleDuplicateRow[]> {
  const visible = p.scope ? inClientScopeText(p.scope, 'c.id') : 'true';
  const rank = (match: string) =>
    `array_position(ARRAY[${duplicateMatches.map((m) => `'${m}'`).join(', ')}], ${match})`;
  const { rows } = await db.engine.query<PossibleDuplicateRow & { best: number }>(
    `WITH input AS MATERIALIZED (
       SELECT ${nameKeySql('$2::text')} AS k
     ), named AS MATERIALIZED (
       SELECT c.id, c.name_key AS ck, i.k,
         least(length(c.name_key), length(i.k)) AS shorter, greatest(length(c.name_key), length(i.k)) AS longer
       FROM clients c CROSS JOIN input i
       WHERE c.org_id = $1 AND length(i.k) >= 3 AND c.name_key <> ''
         AND (c.name_key = i.k OR strpos(c.name_key, i.k) > 0 OR strpos(i.k, c.name_key) > 0
              OR (left(c.name_key, 2) = left(i.k, 2) AND abs(length(c.name_key) - length(i.k)) <= 3))
     ), name_hits AS (
       SELECT id, match, NULL::bigint AS legal_entity_id FROM (
         SELECT n.id, CASE
           WHEN n.ck = n.k THEN 'sameName'
           WHEN n.shorter >= 4 AND 2 * n.shorter >= n.longer AND (strpos(n.ck, n.k) > 0 OR strpos(n.k, n.ck) > 0) THEN 'similarName'
           WHEN n.shorter >= 5 AND n.longer - n.shorter <= 3 AND ${trigramSimilarity('n.ck', 'n.k')} >= ${SIMILARITY} THEN 'similarName'
         END AS match
         FROM named n
       ) m WHERE match IS NOT NULL
     ), inn_hits AS (
       SELECT l.client_id AS id, CASE
           WHEN l.kpp = $4::text THEN 'innKpp'
           WHEN l.kpp IS NULL OR $4::text IS NULL THEN 'inn'
           ELSE 'innOtherKpp'
         END AS match, l.id AS legal_entity_id
       FROM legal_entities l
       WHERE l.org_id = $1 AND $3::text IS NOT NULL AND l.inn = $3::text
     ), ranked AS (
       SELECT h.id, array_agg(DISTINCT h.match) AS matches, min(${rank('h.match')}) AS best,
         (array_agg(h.legal_entity_id ORDER BY ${rank('h.match')}, h.legal_entity_id)
           FILTER (WHERE h.legal_entity_id IS NOT NULL))[1] AS legal_entity_id
       FROM (SELECT * FROM inn_hits UNION ALL SELECT * FROM name_hits) h
       GROUP BY h.id
     )
     SELECT c.id, c.name, c.status, u.name AS "ownerName", r.matches, r.best, ${visible} AS visible,
       le.legal_form AS "legalForm", le.full_name AS "fullName", le.short_name AS "shortName", le.inn, le.kpp
     FROM ranked r
     JOIN clients c ON c.org_id = $1 AND c.id = r.id
     LEFT JOIN users u ON u.org_id = c.org_id AND u.id = c.owner_user_id
     LEFT JOIN LATERAL (
       SELECT l.legal_form, l.full_name, l.short_name, l.inn, l.kpp FROM legal_entities l
       WHERE l.org_id = $1 AND l.client_id = r.id
       ORDER BY l.id = r.legal_entity_id DESC NULLS LAST, l.is_primary DESC, l.id
       LIMIT 1
     ) le ON true
     ORDER BY visible DESC, r.best, c.name, c.id
     LIMIT ${MAX_ROWS}`,
    [p.orgId, p.name, p.inn, p.kpp],
  );
  return rows.map(({ best: _best, ...r }) => ({
    ...r,
    id: Number(r.id),
    matches: [...r.matches].sort((a, b) => duplicateMatches.indexOf(a) - duplicateMatches.indexOf(b)),
  }));
}
