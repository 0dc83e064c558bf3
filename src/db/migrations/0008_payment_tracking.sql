ALTER TABLE "client_figures" ALTER COLUMN "overdue_now" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "client_figures" ALTER COLUMN "overdue_now" DROP NOT NULL;