CREATE TABLE "client_forecasts" (
	"org_id" bigint NOT NULL,
	"client_id" bigint NOT NULL,
	"repeat_purchases" integer NOT NULL,
	"last_after_first_days" integer NOT NULL,
	"age_days" integer NOT NULL,
	"p_alive" double precision,
	"expected_purchases_30" double precision,
	"expected_purchases_90" double precision,
	"expected_purchases_365" double precision,
	"purchase_within_30" double precision,
	"expected_purchase_value" bigint,
	"expected_margin_12m" bigint,
	"expected_margin_lost" bigint,
	"model_next_purchase_on" date,
	"usual_gap_days" numeric(9, 1),
	"days_since_last" integer NOT NULL,
	"next_purchase_on" date,
	"overdue" boolean,
	"as_of" date NOT NULL,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_forecasts_org_id_client_id_pk" PRIMARY KEY("org_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "org_forecasts" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"value_reason" text,
	"r" double precision,
	"alpha" double precision,
	"a" double precision,
	"b" double precision,
	"p" double precision,
	"q" double precision,
	"gamma" double precision,
	"clients" integer DEFAULT 0 NOT NULL,
	"repeat_buyers" integer DEFAULT 0 NOT NULL,
	"log_likelihood" double precision,
	"mean_purchase_value" bigint,
	"frequency_value_correlation" double precision,
	"as_of" date NOT NULL,
	"fitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_ms" integer DEFAULT 0 NOT NULL,
	"fit_ms" integer DEFAULT 0 NOT NULL,
	"score_ms" integer DEFAULT 0 NOT NULL,
	"write_ms" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_forecasts" ADD CONSTRAINT "client_forecasts_org_id_client_id_clients_org_id_id_fk" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_forecasts" ADD CONSTRAINT "org_forecasts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_forecasts_lost_idx" ON "client_forecasts" USING btree ("org_id","expected_margin_lost" DESC NULLS LAST,"client_id");