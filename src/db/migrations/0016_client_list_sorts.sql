DROP INDEX "clients_name_idx";--> statement-breakpoint
DROP INDEX "clients_status_idx";--> statement-breakpoint
DROP INDEX "clients_region_idx";--> statement-breakpoint
DROP INDEX "clients_industry_idx";--> statement-breakpoint
CREATE INDEX "clients_name_idx" ON "clients" USING btree ("org_id","name","id");--> statement-breakpoint
CREATE INDEX "clients_status_idx" ON "clients" USING btree ("org_id","status","name","id");--> statement-breakpoint
CREATE INDEX "clients_region_idx" ON "clients" USING btree ("org_id","region","name","id");--> statement-breakpoint
CREATE INDEX "clients_industry_idx" ON "clients" USING btree ("org_id","industry","name","id");