CREATE TABLE "acteurs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nom" text NOT NULL,
	"role" text NOT NULL,
	"guichet" text,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jetons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"acteur_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"revoque_le" timestamp with time zone,
	CONSTRAINT "jetons_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "demandes" (
	"numero_unique" text PRIMARY KEY NOT NULL,
	"etat" text NOT NULL,
	"nom" text NOT NULL,
	"prenom" text NOT NULL,
	"date_naissance" date NOT NULL,
	"email" text,
	"guichet" text NOT NULL,
	"date_depot" date,
	"date_radiation" date,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"modifie_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journal" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"numero_unique" text NOT NULL,
	"piece_id" uuid,
	"evenement" text NOT NULL,
	"acteur_id" uuid,
	"acteur_nom" text,
	"guichet" text,
	"message" text NOT NULL,
	"details" jsonb,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"hash_precedent" text,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"canal" text NOT NULL,
	"statut" text DEFAULT 'recu' NOT NULL,
	"reference" text,
	"plis_declares" integer,
	"empreinte" text NOT NULL,
	"fichiers" jsonb NOT NULL,
	"pages" integer,
	"acteur_id" uuid,
	"erreur" text,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"modifie_le" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lots_empreinte_unique" UNIQUE("empreinte")
);
--> statement-breakpoint
CREATE TABLE "pages" (
	"lot_id" uuid NOT NULL,
	"index" integer NOT NULL,
	"fichier" integer NOT NULL,
	"page_dans_fichier" integer NOT NULL,
	"role" text,
	"normalisation" jsonb,
	"texte" text,
	"confiance_ocr" integer,
	"cle_image" text,
	"piece_id" uuid,
	"revue_id" uuid,
	"traite_le" timestamp with time zone,
	CONSTRAINT "pages_lot_id_index_pk" PRIMARY KEY("lot_id","index")
);
--> statement-breakpoint
CREATE TABLE "pieces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"numero_unique" text NOT NULL,
	"categorie" text NOT NULL,
	"type" text NOT NULL,
	"sensible" boolean NOT NULL,
	"statut" text DEFAULT 'active' NOT NULL,
	"indice_pertinence" text DEFAULT 'IV' NOT NULL,
	"date_fin_validite" date,
	"pages" integer NOT NULL,
	"taille" integer NOT NULL,
	"sha256" text NOT NULL,
	"bucket" text NOT NULL,
	"cle" text NOT NULL,
	"canal" text NOT NULL,
	"lot_id" uuid,
	"pages_source" integer[],
	"empreinte_source" text,
	"depose_par" uuid,
	"motif_quarantaine" text,
	"quarantaine_le" timestamp with time zone,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"modifie_le" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taches_revue" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lot_id" uuid,
	"motif" text NOT NULL,
	"detail" text,
	"pages" integer[] NOT NULL,
	"suggestions" jsonb,
	"statut" text DEFAULT 'ouverte' NOT NULL,
	"resolution" jsonb,
	"resolu_par" uuid,
	"cree_le" timestamp with time zone DEFAULT now() NOT NULL,
	"resolu_le" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "jetons" ADD CONSTRAINT "jetons_acteur_id_acteurs_id_fk" FOREIGN KEY ("acteur_id") REFERENCES "public"."acteurs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_acteur_id_acteurs_id_fk" FOREIGN KEY ("acteur_id") REFERENCES "public"."acteurs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pages" ADD CONSTRAINT "pages_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pieces" ADD CONSTRAINT "pieces_numero_unique_demandes_numero_unique_fk" FOREIGN KEY ("numero_unique") REFERENCES "public"."demandes"("numero_unique") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pieces" ADD CONSTRAINT "pieces_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pieces" ADD CONSTRAINT "pieces_depose_par_acteurs_id_fk" FOREIGN KEY ("depose_par") REFERENCES "public"."acteurs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taches_revue" ADD CONSTRAINT "taches_revue_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taches_revue" ADD CONSTRAINT "taches_revue_resolu_par_acteurs_id_fk" FOREIGN KEY ("resolu_par") REFERENCES "public"."acteurs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jetons_acteur_idx" ON "jetons" USING btree ("acteur_id");--> statement-breakpoint
CREATE INDEX "journal_dossier_idx" ON "journal" USING btree ("numero_unique","id");--> statement-breakpoint
CREATE INDEX "pieces_dossier_idx" ON "pieces" USING btree ("numero_unique","categorie");--> statement-breakpoint
CREATE INDEX "pieces_source_idx" ON "pieces" USING btree ("numero_unique","empreinte_source");--> statement-breakpoint
CREATE INDEX "taches_revue_statut_idx" ON "taches_revue" USING btree ("statut","cree_le");