-- Clients created by sales (and other) imports before imports kept the search index had no
-- client_search row, so no search found them by name or ИНН: each gets the row
-- refreshClientSearch (src/db/queries/client-search.ts) builds.
INSERT INTO client_search (org_id, client_id, search_text)
SELECT c.org_id, c.id,
       concat_ws(' ', c.name, array_to_string(c.tags, ' '), c.external_id, le.txt, ct.txt)
FROM clients c
LEFT JOIN LATERAL (
  SELECT string_agg(concat_ws(' ', l.full_name, l.short_name, l.inn, l.kpp, l.ogrn), ' ') AS txt
  FROM legal_entities l WHERE l.org_id = c.org_id AND l.client_id = c.id) le ON true
LEFT JOIN LATERAL (
  SELECT string_agg(p.full_name, ' ') AS txt
  FROM contacts p WHERE p.org_id = c.org_id AND p.client_id = c.id AND p.erased_at IS NULL) ct ON true
WHERE NOT EXISTS (SELECT 1 FROM client_search s WHERE s.org_id = c.org_id AND s.client_id = c.id);
