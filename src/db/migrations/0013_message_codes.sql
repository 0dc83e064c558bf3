ALTER TABLE "import_rejects" ALTER COLUMN "message_ru" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "import_rejects" ALTER COLUMN "message_en" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "import_rejects" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "import_rejects" ADD COLUMN "params" jsonb;