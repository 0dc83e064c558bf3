ALTER TABLE "tasks" ADD COLUMN "title_words" jsonb;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "notes_words" jsonb;--> statement-breakpoint
-- Generated congratulation tasks made before this migration get their words back from the records
-- their source key names (the title is then written in each reader's language); one whose title a
-- person changed (an audit row says so), or whose record is gone, keeps its title as written.
UPDATE "tasks" t SET "title_words" = jsonb_strip_nulls(jsonb_build_object(
    'kind', 'birthday', 'date', t.event_on::text, 'contactName', ct.full_name, 'clientName', cl.name,
    'count', CASE WHEN extract(year FROM t.event_on) - extract(year FROM ct.birthday) > 0
      THEN (extract(year FROM t.event_on) - extract(year FROM ct.birthday))::int END))
  FROM "contacts" ct, "clients" cl
  WHERE t.source_key LIKE 'birthday:contact:%' AND t.kind = 'congratulation' AND t.title_words IS NULL AND t.event_on IS NOT NULL
    AND ct.org_id = t.org_id AND ct.id = t.contact_id AND cl.org_id = t.org_id AND cl.id = t.client_id
    AND NOT EXISTS (SELECT 1 FROM "audit_log" a WHERE a.org_id = t.org_id AND a.entity = 'task' AND a.entity_id = t.id AND a.after ? 'title');
--> statement-breakpoint
UPDATE "tasks" t SET "title_words" = jsonb_strip_nulls(jsonb_build_object(
    'kind', 'family_birthday', 'date', t.event_on::text, 'contactName', ct.full_name, 'clientName', cl.name,
    'familyMemberName', f.name, 'relation', f.relation,
    'count', CASE WHEN extract(year FROM t.event_on) - extract(year FROM f.birthday) > 0
      THEN (extract(year FROM t.event_on) - extract(year FROM f.birthday))::int END))
  FROM "family_members" f, "contacts" ct, "clients" cl
  WHERE t.source_key LIKE 'family_birthday:member:%' AND t.kind = 'congratulation' AND t.title_words IS NULL AND t.event_on IS NOT NULL
    AND f.org_id = t.org_id AND f.id = split_part(t.source_key, ':', 3)::bigint
    AND ct.org_id = t.org_id AND ct.id = f.contact_id AND cl.org_id = t.org_id AND cl.id = t.client_id
    AND NOT EXISTS (SELECT 1 FROM "audit_log" a WHERE a.org_id = t.org_id AND a.entity = 'task' AND a.entity_id = t.id AND a.after ? 'title');
--> statement-breakpoint
UPDATE "tasks" t SET "title_words" = jsonb_strip_nulls(jsonb_build_object(
    'kind', u.kind, 'date', t.event_on::text, 'title', u.title, 'clientName', cl.name,
    'contactName', (SELECT ct.full_name FROM "contacts" ct WHERE ct.org_id = u.org_id AND ct.id = u.contact_id),
    'count', CASE WHEN extract(year FROM t.event_on) - u.year > 0 THEN (extract(year FROM t.event_on) - u.year)::int END))
  FROM "useful_dates" u, "clients" cl
  WHERE t.source_key LIKE 'useful_date:%' AND t.kind = 'congratulation' AND t.title_words IS NULL AND t.event_on IS NOT NULL
    AND u.org_id = t.org_id AND u.id = split_part(t.source_key, ':', 2)::bigint
    AND cl.org_id = t.org_id AND cl.id = t.client_id
    AND NOT EXISTS (SELECT 1 FROM "audit_log" a WHERE a.org_id = t.org_id AND a.entity = 'task' AND a.entity_id = t.id AND a.after ? 'title');
--> statement-breakpoint
UPDATE "tasks" t SET "title_words" = jsonb_build_object(
    'kind', 'professional_holiday', 'date', t.event_on::text, 'holidayId', split_part(t.source_key, ':', 2), 'clientName', cl.name)
  FROM "clients" cl
  WHERE t.source_key LIKE 'professional_holiday:%' AND t.kind = 'congratulation' AND t.title_words IS NULL AND t.event_on IS NOT NULL
    AND cl.org_id = t.org_id AND cl.id = t.client_id
    AND NOT EXISTS (SELECT 1 FROM "audit_log" a WHERE a.org_id = t.org_id AND a.entity = 'task' AND a.entity_id = t.id AND a.after ? 'title');
