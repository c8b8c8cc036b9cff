import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { acteurs } from './acteurs.ts';
import { lots } from './lots.ts';

export const statutsRevue = ['ouverte', 'resolue', 'rejetee'] as const;
export type StatutRevue = (typeof statutsRevue)[number];

/** Anything the service would not decide alone, with its reason and its pages, for an operator. */
export const tachesRevue = pgTable(
  'taches_revue',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lotId: uuid('lot_id').references(() => lots.id, { onDelete: 'cascade' }),
    motif: text('motif').notNull(),
    detail: text('detail'),
    pages: integer('pages').array().notNull(),
    suggestions: jsonb('suggestions').$type<Record<string, unknown>>(),
    statut: text('statut', { enum: statutsRevue }).notNull().default('ouverte'),
    resolution: jsonb('resolution').$type<Record<string, unknown>>(),
    resoluPar: uuid('resolu_par').references(() => acteurs.id, { onDelete: 'set null' }),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
    resoluLe: timestamp('resolu_le', { withTimezone: true }),
  },
  (t) => [index('taches_revue_statut_idx').on(t.statut, t.creeLe)],
);

export type TacheRevue = typeof tachesRevue.$inferSelect;
