CREATE TABLE "client_base_analysis" (
	"org_id" bigint NOT NULL,
	"client_id" bigint NOT NULL,
	"name" text NOT NULL,
	"significance" text,
	"importance" smallint GENERATED ALWAYS AS (CASE significance WHEN 'key' THEN 0 WHEN 'major' THEN 1 WHEN 'medium' THEN 2 WHEN 'minor' THEN 3 ELSE 4 END) STORED NOT NULL,
	"status" text NOT NULL,
	"lost" boolean GENERATED ALWAYS AS (status = 'lost') STORED NOT NULL,
	"owner_user_id" bigint,
	"revenue" bigint,
	"profit" bigint,
	"contacts" integer NOT NULL,
	"missing" integer NOT NULL,
	"answered" smallint NOT NULL,
	CONSTRAINT "client_base_analysis_org_id_client_id_pk" PRIMARY KEY("org_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "claim_months" (
	"org_id" bigint NOT NULL,
	"month" date NOT NULL,
	"facet" text NOT NULL,
	"key" text NOT NULL,
	"claims" integer NOT NULL,
	"closed" integer NOT NULL,
	"timed" integer NOT NULL,
	"days" bigint NOT NULL,
	CONSTRAINT "claim_months_org_id_month_facet_key_pk" PRIMARY KEY("org_id","month","facet","key")
);
--> statement-breakpoint
CREATE TABLE "survey_months" (
	"org_id" bigint NOT NULL,
	"month" date NOT NULL,
	"responses" integer NOT NULL,
	"sum_goods" integer NOT NULL,
	"n_goods" integer NOT NULL,
	"sum_staff" integer NOT NULL,
	"n_staff" integer NOT NULL,
	"sum_prices" integer NOT NULL,
	"n_prices" integer NOT NULL,
	"sum_logistics" integer NOT NULL,
	"n_logistics" integer NOT NULL,
	"sum_service" integer NOT NULL,
	"n_service" integer NOT NULL,
	"sum_company" integer NOT NULL,
	"n_company" integer NOT NULL,
	"nps_respondents" integer NOT NULL,
	"promoters" integer NOT NULL,
	"passives" integer NOT NULL,
	"detractors" integer NOT NULL,
	CONSTRAINT "survey_months_org_id_month_pk" PRIMARY KEY("org_id","month")
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "score_mean" double precision GENERATED ALWAYS AS ((coalesce(goods, 0) + coalesce(staff, 0) + coalesce(prices, 0) + coalesce(logistics, 0) + coalesce(service, 0) + coalesce(company, 0))::float8 / nullif((goods IS NOT NULL)::int + (staff IS NOT NULL)::int + (prices IS NOT NULL)::int + (logistics IS NOT NULL)::int + (service IS NOT NULL)::int + (company IS NOT NULL)::int, 0)) STORED;--> statement-breakpoint
ALTER TABLE "client_base_analysis" ADD CONSTRAINT "client_base_analysis_org_id_client_id_clients_org_id_id_fk" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_base_analysis" ADD CONSTRAINT "client_base_analysis_org_id_owner_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","owner_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE SET NULL ("owner_user_id") ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_months" ADD CONSTRAINT "claim_months_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_months" ADD CONSTRAINT "survey_months_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_base_analysis_importance_idx" ON "client_base_analysis" USING btree ("org_id","importance","profit" DESC NULLS LAST,"name","client_id");--> statement-breakpoint
CREATE INDEX "client_base_analysis_name_idx" ON "client_base_analysis" USING btree ("org_id","name","client_id");--> statement-breakpoint
CREATE INDEX "client_base_analysis_summary_idx" ON "client_base_analysis" USING btree ("org_id","lost","importance","missing","owner_user_id","client_id");--> statement-breakpoint
CREATE INDEX "useful_dates_contact_idx" ON "useful_dates" USING btree ("org_id","contact_id");--> statement-breakpoint
CREATE INDEX "claims_resolved_idx" ON "claims" USING btree ("org_id","resolved_on") WHERE resolved_on IS NOT NULL;--> statement-breakpoint
CREATE INDEX "survey_responses_answered_idx" ON "survey_responses" USING btree ("org_id","answered_on","id");--> statement-breakpoint
CREATE INDEX "survey_responses_score_idx" ON "survey_responses" USING btree ("org_id","score_mean") WHERE score_mean IS NOT NULL;