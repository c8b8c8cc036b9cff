ALTER TABLE "lots" ADD COLUMN "bail_jusqua" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "pages_traitees" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "pages" ADD COLUMN "blanc" boolean;--> statement-breakpoint
ALTER TABLE "pages" ADD COLUMN "erreur" text;--> statement-breakpoint
ALTER TABLE "pages" ADD COLUMN "numero_unique" text;