import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Outbox of confirmation e-mails: a row is written in the same transaction as the piece it
 * confirms, and sent later by the mail worker, so that a filed piece is never left unannounced
 * and an SMTP outage never blocks filing.
 */
export const courriels = pgTable(
  'courriels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    numeroUnique: text('numero_unique').notNull(),
    destinataire: text('destinataire').notNull(),
    // messages of one lot to one applicant go out as one e-mail
    groupe: text('groupe').notNull(),
    pieceId: uuid('piece_id'),
    libelle: text('libelle').notNull(),
    // a message written whole (a mail lot's acknowledgement), sent as it is rather than as a confirmation
    sujet: text('sujet'),
    corps: text('corps'),
    enReponseA: text('en_reponse_a'),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    envoyeLe: timestamp('envoye_le', { withTimezone: true }),
    tentatives: integer('tentatives').notNull().default(0),
    erreur: text('erreur'),
  },
  (t) => [index('courriels_a_envoyer_idx').on(t.envoyeLe, t.creeLe)],
);

export type Courriel = typeof courriels.$inferSelect;
