import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const roles = ['operateur', 'guichet', 'gestionnaire', 'consultant_simple', 'consultant_demande', 'consultant_sensible', 'pgp'] as const;
export type Role = (typeof roles)[number];

/** Who acts on the service: a person or a system, with one role (and a guichet code for guichets). */
export const acteurs = pgTable('acteurs', {
  id: uuid('id').primaryKey().defaultRandom(),
  nom: text('nom').notNull(),
  role: text('role', { enum: roles }).notNull(),
  guichet: text('guichet'),
  creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
});

/** Bearer tokens, stored as SHA-256 of the secret: the secret itself is shown once, at creation. */
export const jetons = pgTable(
  'jetons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    acteurId: uuid('acteur_id')
      .notNull()
      .references(() => acteurs.id, { onDelete: 'cascade' }),
    hash: text('hash').notNull().unique(),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    revoqueLe: timestamp('revoque_le', { withTimezone: true }),
  },
  (t) => [index('jetons_acteur_idx').on(t.acteurId)],
);

export type Acteur = typeof acteurs.$inferSelect;
