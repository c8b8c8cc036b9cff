import { date, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const etatsDemande = ['active', 'radiee'] as const;
export type EtatDemande = (typeof etatsDemande)[number];

/** The registry of applications, fed by import from the national system (the source of truth). */
export const demandes = pgTable('demandes', {
  numeroUnique: text('numero_unique').primaryKey(), // canonical spaced form
  etat: text('etat', { enum: etatsDemande }).notNull(),
  nom: text('nom').notNull(),
  prenom: text('prenom').notNull(),
  dateNaissance: date('date_naissance').notNull(),
  email: text('email'),
  guichet: text('guichet').notNull(),
  dateDepot: date('date_depot'),
  dateRadiation: date('date_radiation'),
  creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().defaultNow(),
});

export type Demande = typeof demandes.$inferSelect;
export type NouvelleDemande = typeof demandes.$inferInsert;
