CREATE INDEX "client_figures_abc_profit_idx" ON "client_figures" USING btree ("org_id","abc_profit");--> statement-breakpoint
CREATE INDEX "client_figures_stage_idx" ON "client_figures" USING btree ("org_id","ladder_stage");--> statement-breakpoint
CREATE INDEX "client_figures_category_idx" ON "client_figures" USING btree ("org_id","category");--> statement-breakpoint
CREATE INDEX "client_figures_rfm_idx" ON "client_figures" USING btree ("org_id","rfm_segment");