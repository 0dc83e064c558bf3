ALTER TABLE "users" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_temporary" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The last sign-in of users with a live session is known from the newest session they opened.
UPDATE "users" AS u SET "last_sign_in_at" = s.last
  FROM (SELECT org_id, user_id, max(created_at) AS last FROM "sessions" GROUP BY org_id, user_id) AS s
  WHERE u.org_id = s.org_id AND u.id = s.user_id;
