import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { acteurs } from './acteurs.ts';

/**
 * Guichets allowed to send pieces by secure e-mail: the addresses they send from, and their SMTP
 * password stored as a scrypt hash (shown once, at creation). Mail they send is filed in the name
 * of their acteur.
 */
export const guichetsMessagerie = pgTable('guichets_messagerie', {
  code: text('code').primaryKey(),
  acteurId: uuid('acteur_id')
    .notNull()
    .references(() => acteurs.id, { onDelete: 'cascade' }),
  adresses: text('adresses').array().notNull(),
  motDePasse: text('mot_de_passe').notNull(),
  creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
});

export type GuichetMessagerie = typeof guichetsMessagerie.$inferSelect;
