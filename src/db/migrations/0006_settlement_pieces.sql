ALTER TABLE "order_settlements" ADD COLUMN "piece" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_settlements" DROP CONSTRAINT "order_settlements_org_id_order_id_pk";--> statement-breakpoint
ALTER TABLE "order_settlements" ADD CONSTRAINT "order_settlements_org_id_order_id_piece_pk" PRIMARY KEY("org_id","order_id","piece");
