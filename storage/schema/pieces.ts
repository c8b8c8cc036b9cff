import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { acteurs } from './acteurs.ts';
import { demandes } from './demandes.ts';
import { canaux, lots } from './lots.ts';

export const statutsPiece = ['active', 'quarantaine'] as const;
export type StatutPiece = (typeof statutsPiece)[number];

/** The plan de classement's relevance codes (`planForApi().indicesPertinence` gives their labels). */
export const indicesPertinence = ['IV', 'PR', 'HP', 'IN', 'OB'] as const;
export type IndicePertinence = (typeof indicesPertinence)[number];

export function estIndicePertinence(code: string): code is IndicePertinence {
  return indicesPertinence.some((indice) => indice === code);
}

/** A supporting document of a demande: one normalised PDF in S3, classified against the plan. */
export const pieces = pgTable(
  'pieces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    numeroUnique: text('numero_unique')
      .notNull()
      .references(() => demandes.numeroUnique, { onDelete: 'cascade' }),
    categorie: text('categorie').notNull(),
    type: text('type').notNull(),
    sensible: boolean('sensible').notNull(),
    statut: text('statut', { enum: statutsPiece }).notNull().default('active'),
    indicePertinence: text('indice_pertinence', { enum: indicesPertinence }).notNull().default('IV'),
    dateFinValidite: date('date_fin_validite'),
    pages: integer('pages').notNull(),
    taille: integer('taille').notNull(),
    sha256: text('sha256').notNull(),
    bucket: text('bucket').notNull(),
    cle: text('cle').notNull(),
    canal: text('canal', { enum: canaux }).notNull(),
    lotId: uuid('lot_id').references(() => lots.id, { onDelete: 'set null' }),
    pagesSource: integer('pages_source').array(),
    // SHA-256 of the bytes received: the same upload to the same dossier finds the same piece
    empreinteSource: text('empreinte_source'),
    deposePar: uuid('depose_par').references(() => acteurs.id, { onDelete: 'set null' }),
    motifQuarantaine: text('motif_quarantaine'),
    quarantaineLe: timestamp('quarantaine_le', { withTimezone: true }),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pieces_dossier_idx').on(t.numeroUnique, t.categorie),
    // the same bytes uploaded twice to a dossier are one piece, even under concurrent uploads
    uniqueIndex('pieces_source_unique').on(t.numeroUnique, t.empreinteSource).where(sql`${t.empreinteSource} is not null`),
  ],
);

export type Piece = typeof pieces.$inferSelect;
