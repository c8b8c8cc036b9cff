ALTER TABLE "lots" ADD COLUMN "tentatives" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "travailleur" text;--> statement-breakpoint
ALTER TABLE "pages" ADD COLUMN "lecture_numero" jsonb;