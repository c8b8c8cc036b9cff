import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { acteurs } from './acteurs.ts';
import type { Box, LecturePage } from './lecture-page.ts';

export const canaux = ['courrier', 'mel', 'portail', 'pgp'] as const;
export type Canal = (typeof canaux)[number];

export const statutsLot = ['recu', 'en_cours', 'termine', 'a_revoir', 'echec'] as const;
export type StatutLot = (typeof statutsLot)[number];

/**
 * One original file of a lot, kept in the originals bucket until the lot is fully filed; `supprimeLe`
 * says when the retention job removed it after that.
 */
export type FichierOriginal = { nom: string; cle: string; sha256: string; taille: number; type: string | null; supprimeLe?: string };

/** One intake unit from a channel: a scan batch, an e-mail, an upload. */
export const lots = pgTable('lots', {
  id: uuid('id').primaryKey().defaultRandom(),
  canal: text('canal', { enum: canaux }).notNull(),
  statut: text('statut', { enum: statutsLot }).notNull().default('recu'),
  reference: text('reference'),
  plisDeclares: integer('plis_declares'),
  // SHA-256 over the files' own hashes, in order: the same bytes re-submitted find this lot again
  empreinte: text('empreinte').notNull().unique(),
  // a mail lot's Message-ID: the same message sent again finds this lot
  messageId: text('message_id').unique(),
  fichiers: jsonb('fichiers').$type<FichierOriginal[]>().notNull(),
  pages: integer('pages'),
  acteurId: uuid('acteur_id').references(() => acteurs.id, { onDelete: 'set null' }),
  erreur: text('erreur'),
  // a worker's lease on the lot: past it, another worker may take the lot over (crash recovery)
  bailJusqua: timestamp('bail_jusqua', { withTimezone: true }),
  pagesTraitees: integer('pages_traitees').notNull().default(0),
  // how many times a worker took the lot: one that keeps failing is set aside (`echec`), not retried forever
  tentatives: integer('tentatives').notNull().default(0),
  // which worker holds the lease (host:pid), for operators and for a worker renewing only its own lease
  travailleur: text('travailleur'),
  creeLe: timestamp('cree_le', { withTimezone: true }).notNull().defaultNow(),
  modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().defaultNow(),
});

export const rolesPage = ['couverture', 'piece', 'blanc', 'revue'] as const;
export type RolePage = (typeof rolesPage)[number];

/** A page of a lot, the unit of checkpointing: what was measured and decided is kept per page. */
export const pages = pgTable(
  'pages',
  {
    lotId: uuid('lot_id')
      .notNull()
      .references(() => lots.id, { onDelete: 'cascade' }),
    index: integer('index').notNull(), // 0-based over the lot's files in upload order
    fichier: integer('fichier').notNull(),
    pageDansFichier: integer('page_dans_fichier').notNull(),
    role: text('role', { enum: rolesPage }),
    blanc: boolean('blanc'),
    erreur: text('erreur'),
    normalisation: jsonb('normalisation').$type<LecturePage>(),
    texte: text('texte'),
    // a cover's number zone, and its readings at high resolution with a whitelist (null: not a cover)
    lectureNumero: jsonb('lecture_numero').$type<{ zone: Box; lectures: string[] }>(),
    confianceOcr: integer('confiance_ocr'),
    cleImage: text('cle_image'),
    // the dossier whose cover or piece this page is, once decided
    numeroUnique: text('numero_unique'),
    pieceId: uuid('piece_id'),
    revueId: uuid('revue_id'),
    traiteLe: timestamp('traite_le', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.lotId, t.index] })],
);

export type Lot = typeof lots.$inferSelect;
export type Page = typeof pages.$inferSelect;
export type NouvellePage = typeof pages.$inferInsert;
