ALTER TABLE "client_figures" ALTER COLUMN "cost" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "client_figures" ALTER COLUMN "cost" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "client_figures" ALTER COLUMN "margin" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "client_figures" ALTER COLUMN "margin" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "client_figures" ALTER COLUMN "profit" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "client_figures" ALTER COLUMN "profit" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "cost_basis" text DEFAULT 'document' NOT NULL;--> statement-breakpoint
ALTER TABLE "client_figures" ADD COLUMN "uncosted_revenue" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "client_months" ADD COLUMN "uncosted_revenue" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "client_months" ADD COLUMN "uncosted_lines" integer DEFAULT 0 NOT NULL;