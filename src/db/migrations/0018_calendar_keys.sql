ALTER TABLE "clients" ADD COLUMN "industry_group" text GENERATED ALWAYS AS (regexp_replace(translate(lower(btrim(industry)), 'ё', 'е'), '\s+', ' ', 'g')) STORED;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "birthday_day" smallint GENERATED ALWAYS AS (((extract(month FROM birthday) * 100 + extract(day FROM birthday))::smallint)) STORED;--> statement-breakpoint
ALTER TABLE "family_members" ADD COLUMN "birthday_day" smallint GENERATED ALWAYS AS (((extract(month FROM birthday) * 100 + extract(day FROM birthday))::smallint)) STORED;--> statement-breakpoint
CREATE INDEX "clients_industry_group_idx" ON "clients" USING btree ("org_id","industry_group","name","id") WHERE status <> 'lost';--> statement-breakpoint
CREATE INDEX "contacts_birthday_day_idx" ON "contacts" USING btree ("org_id","birthday_day");--> statement-breakpoint
CREATE INDEX "family_members_birthday_day_idx" ON "family_members" USING btree ("org_id","birthday_day");