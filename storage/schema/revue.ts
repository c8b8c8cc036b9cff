import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { acteurs } from './acteurs.ts';
import { lots } from './lots.ts';

export const statutsRevue = ['ouverte', 'resolue', 'rejetee'] as const;
export type StatutRevue = (typeof statutsRevue)[number];

/** Reasons the decisions on a lot's pages hold pages for an operator. */
export const motifsDecision = ['plis_declares_different', 'avant_premiere_couverture', 'couverture_non_rattachee', 'pli_a_verifier', 'type_incertain'] as const;

/**
 * Refusals met while reading a file or filing a document that an operator can act on, named by the
 * service's error code; any other failure (an outage, a fault) fails the lot's attempt instead.
 */
export const motifsRefus = [
  'fichier_illisible',
  'format_non_supporte',
  'fichier_chiffre',
  'fichier_vide',
  'aucune_page',
  'trop_de_pages',
  'dimensions_excessives',
  'introuvable',
  'integrite_compromise',
  'taille_depassee',
  'type_inconnu',
  'limite_categorie_atteinte',
] as const;

/** Why a guichet's message waits whole for an operator: the dossier it is about is not settled, or it cannot be taken apart. */
export const motifsCourriel = [
  'numero_absent',
  'numeros_multiples',
  'demande_inconnue',
  'demande_radiee',
  'trop_de_pieces_jointes',
  'message_illisible',
] as const;

/** Why a task waits for an operator: a decision, a refusal, a message, or a lot that failed at every attempt (`lot_en_echec`). */
export const motifsRevue = [...motifsDecision, ...motifsRefus, ...motifsCourriel, 'lot_en_echec'] as const;
export type MotifRevue = (typeof motifsRevue)[number];

/** The review motif of a refusal's code, or null when the code is no refusal an operator can act on. */
export function motifDeRefus(code: string): MotifRevue | null {
  return motifsRefus.find((motif) => motif === code) ?? null;
}

/** Anything the service would not decide alone, with its reason and its pages, for an operator. */
export const tachesRevue = pgTable(
  'taches_revue',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lotId: uuid('lot_id').references(() => lots.id, { onDelete: 'cascade' }),
    motif: text('motif', { enum: motifsRevue }).notNull(),
    detail: text('detail'),
    pages: integer('pages').array().notNull(),
    suggestions: jsonb('suggestions').$type<Record<string, unknown>>(),
    statut: text('statut', { enum: statutsRevue }).notNull().default('ouverte'),
    resolution: jsonb('resolution').$type<Record<string, unknown>>(),
    // an operator who opened the task holds it until `tenueJusqua`, so that two never decide it twice
    tenuePar: uuid('tenue_par').references(() => acteurs.id, { onDelete: 'set null' }),
    tenueJusqua: timestamp('tenue_jusqua', { withTimezone: true }),
    // when the holder first opened it: the time an operator spent on a task
    priseLe: timestamp('prise_le', { withTimezone: true }),
    resoluPar: uuid('resolu_par').references(() => acteurs.id, { onDelete: 'set null' }),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    resoluLe: timestamp('resolu_le', { withTimezone: true }),
  },
  (t) => [index('taches_revue_statut_idx').on(t.statut, t.creeLe)],
);

export type TacheRevue = typeof tachesRevue.$inferSelect;
