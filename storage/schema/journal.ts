import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const evenementsJournal = ['creation', 'modification', 'suppression', 'mise_en_quarantaine', 'restauration', 'consultation_sensible'] as const;
export type EvenementJournal = (typeof evenementsJournal)[number];

/**
 * Append-only record of every event on pieces. Each event carries the hash of the previous event
 * of its dossier, so that a removed or altered line is detectable.
 */
export const journal = pgTable(
  'journal',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // no foreign key: the journal outlives nothing but is erased with its dossier by the retention job
    numeroUnique: text('numero_unique').notNull(),
    pieceId: uuid('piece_id'),
    evenement: text('evenement', { enum: evenementsJournal }).notNull(),
    acteurId: uuid('acteur_id'),
    acteurNom: text('acteur_nom'),
    guichet: text('guichet'),
    message: text('message').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    hashPrecedent: text('hash_precedent'),
    hash: text('hash').notNull(),
  },
  (t) => [index('journal_dossier_idx').on(t.numeroUnique, t.id)],
);

export type EvenementJournalRow = typeof journal.$inferSelect;
