CREATE TABLE "guichets_messagerie" (
	"code" text PRIMARY KEY NOT NULL,
	"acteur_id" uuid NOT NULL,
	"adresses" text[] NOT NULL,
	"mot_de_passe" text NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "message_id" text;--> statement-breakpoint
ALTER TABLE "taches_revue" ADD COLUMN "tenue_par" uuid;--> statement-breakpoint
ALTER TABLE "taches_revue" ADD COLUMN "tenue_jusqua" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "taches_revue" ADD COLUMN "prise_le" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "courriels" ADD COLUMN "sujet" text;--> statement-breakpoint
ALTER TABLE "courriels" ADD COLUMN "corps" text;--> statement-breakpoint
ALTER TABLE "courriels" ADD COLUMN "en_reponse_a" text;--> statement-breakpoint
ALTER TABLE "guichets_messagerie" ADD CONSTRAINT "guichets_messagerie_acteur_id_acteurs_id_fk" FOREIGN KEY ("acteur_id") REFERENCES "public"."acteurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taches_revue" ADD CONSTRAINT "taches_revue_tenue_par_acteurs_id_fk" FOREIGN KEY ("tenue_par") REFERENCES "public"."acteurs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_message_id_unique" UNIQUE("message_id");