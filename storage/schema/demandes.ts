import { sql, type SQL } from 'drizzle-orm';
import { date, index, pgTable, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const etatsDemande = ['active', 'radiee'] as const;
export type EtatDemande = (typeof etatsDemande)[number];

// a name folded to its letters A to Z: accents dropped, case ignored, spaces, hyphens and apostrophes left out
const ACCENTUEES = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ';
const SANS_ACCENT = 'aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYY';

/** A name column folded for homonym lookups (`Lefèvre` and `LEFEVRE` fold alike), the same expression as the index's. */
export function identitePliee(column: AnyPgColumn): SQL<string> {
  return sql<string>`regexp_replace(upper(translate(${column}, ${sql.raw(`'${ACCENTUEES}'`)}, ${sql.raw(`'${SANS_ACCENT}'`)})), '[^A-Z]', '', 'g')`;
}

/** The registry of applications, fed by import from the national system (the source of truth). */
export const demandes = pgTable(
  'demandes',
  {
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
  },
  // a cover's applicant is checked for homonyms (same surname and prénom) in one lookup
  (t) => [index('demandes_identite_idx').on(identitePliee(t.nom), identitePliee(t.prenom))],
);

export type Demande = typeof demandes.$inferSelect;
export type NouvelleDemande = typeof demandes.$inferInsert;
