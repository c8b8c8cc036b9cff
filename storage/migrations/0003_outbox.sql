CREATE TABLE "courriels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"numero_unique" text NOT NULL,
	"destinataire" text NOT NULL,
	"groupe" text NOT NULL,
	"piece_id" uuid,
	"libelle" text NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"envoye_le" timestamp with time zone,
	"tentatives" integer DEFAULT 0 NOT NULL,
	"erreur" text
);
--> statement-breakpoint
CREATE INDEX "courriels_a_envoyer_idx" ON "courriels" USING btree ("envoye_le","cree_le");