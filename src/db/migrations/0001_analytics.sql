CREATE TABLE "client_figures" (
	"org_id" bigint NOT NULL,
	"client_id" bigint NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	"cost" bigint DEFAULT 0 NOT NULL,
	"margin" bigint DEFAULT 0 NOT NULL,
	"margin_pct" numeric(9, 2),
	"returns" bigint DEFAULT 0 NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"purchase_days" integer DEFAULT 0 NOT NULL,
	"orders_per_month" numeric(9, 2) DEFAULT '0' NOT NULL,
	"avg_interval_days" numeric(9, 1),
	"recency_days" integer,
	"tenure_days" integer,
	"first_purchase" date,
	"last_purchase" date,
	"products_bought" integer DEFAULT 0 NOT NULL,
	"groups_bought" integer DEFAULT 0 NOT NULL,
	"avg_discount_pct" numeric(7, 2),
	"avg_delay_days" numeric(9, 1),
	"max_delay_days" integer,
	"overdue_now" bigint DEFAULT 0 NOT NULL,
	"interactions" integer DEFAULT 0 NOT NULL,
	"manager_minutes" integer DEFAULT 0 NOT NULL,
	"manager_time_cost" bigint DEFAULT 0 NOT NULL,
	"logistics_cost" bigint DEFAULT 0 NOT NULL,
	"relationship_spend" bigint DEFAULT 0 NOT NULL,
	"late_payment_cost" bigint DEFAULT 0 NOT NULL,
	"cost_to_serve" bigint DEFAULT 0 NOT NULL,
	"profit" bigint DEFAULT 0 NOT NULL,
	"active_months" smallint DEFAULT 0 NOT NULL,
	"revenue_cv" double precision,
	"profit_share" double precision,
	"time_share" double precision,
	"abc_revenue" text,
	"abc_profit" text,
	"xyz" text,
	"r_score" smallint,
	"f_score" smallint,
	"m_score" smallint,
	"rfm_segment" text,
	"computed_category" text,
	"category" text,
	"ladder_stage" text DEFAULT 'unaware' NOT NULL,
	"stage_since" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_figures_org_id_client_id_pk" PRIMARY KEY("org_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "client_months" (
	"org_id" bigint NOT NULL,
	"client_id" bigint NOT NULL,
	"month" date NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	"cost" bigint DEFAULT 0 NOT NULL,
	"returns" bigint DEFAULT 0 NOT NULL,
	"list_amount" bigint DEFAULT 0 NOT NULL,
	"listed_amount" bigint DEFAULT 0 NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"return_documents" integer DEFAULT 0 NOT NULL,
	"purchase_days" integer DEFAULT 0 NOT NULL,
	"first_purchase" date,
	"last_purchase" date,
	"lines" integer DEFAULT 0 NOT NULL,
	"products" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"logistics" bigint DEFAULT 0 NOT NULL,
	"interactions" integer DEFAULT 0 NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"spend" bigint DEFAULT 0 NOT NULL,
	"payments" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "client_months_org_id_client_id_month_pk" PRIMARY KEY("org_id","client_id","month")
);
--> statement-breakpoint
CREATE TABLE "client_stage_changes" (
	"org_id" bigint NOT NULL,
	"client_id" bigint NOT NULL,
	"month" date NOT NULL,
	"stage" text NOT NULL,
	"previous_stage" text,
	CONSTRAINT "client_stage_changes_org_id_client_id_month_pk" PRIMARY KEY("org_id","client_id","month")
);
--> statement-breakpoint
CREATE TABLE "order_settlements" (
	"org_id" bigint NOT NULL,
	"order_id" bigint NOT NULL,
	"client_id" bigint NOT NULL,
	"due_on" date NOT NULL,
	"amount" bigint NOT NULL,
	"cumulative" bigint NOT NULL,
	"settled_on" date,
	CONSTRAINT "order_settlements_org_id_order_id_pk" PRIMARY KEY("org_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "org_analytics" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"as_of" date NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "lost_on" date;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "list_price" bigint;--> statement-breakpoint
ALTER TABLE "client_figures" ADD CONSTRAINT "client_figures_org_id_client_id_clients_org_id_id_fk" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_months" ADD CONSTRAINT "client_months_org_id_client_id_clients_org_id_id_fk" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_stage_changes" ADD CONSTRAINT "client_stage_changes_org_id_client_id_clients_org_id_id_fk" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_settlements" ADD CONSTRAINT "order_settlements_org_id_client_id_clients_org_id_id_fk" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_analytics" ADD CONSTRAINT "org_analytics_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_figures_revenue_idx" ON "client_figures" USING btree ("org_id","revenue");--> statement-breakpoint
CREATE INDEX "client_figures_profit_idx" ON "client_figures" USING btree ("org_id","profit");--> statement-breakpoint
CREATE INDEX "client_months_month_idx" ON "client_months" USING btree ("org_id","month");--> statement-breakpoint
CREATE INDEX "client_stage_changes_month_idx" ON "client_stage_changes" USING btree ("org_id","month");--> statement-breakpoint
CREATE INDEX "order_settlements_client_idx" ON "order_settlements" USING btree ("org_id","client_id","due_on");