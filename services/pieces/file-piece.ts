import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { TypeTrouve } from '../../classification/plan-de-classement.ts';
import type { Database, Tx } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { lots, pages, pieces, type Acteur, type Canal, type IndicePertinence, type Lot, type Piece } from '../../storage/schema/index.ts';
import { queueConfirmation } from '../mail/queue-confirmation.ts';
import type { ImageOps } from '../pages/image-ops.ts';
import { assembleLotPages } from './assemble-lot-pages.ts';
import { enforceLimits } from './enforce-limits.ts';
import { appendJournal, lockDossier } from './journal.ts';
import { bucketOf } from './piece-body.ts';

export type FileDeps = { db: Database; objects: ObjectStore; images: ImageOps };

/** A lot made of one file uploaded to one dossier (portal, pgp): that file is one piece. */
export function isUpload(canal: Canal): canal is 'portail' | 'pgp' {
  return canal === 'portail' || canal === 'pgp';
}

/** Pages of a lot to file as one piece of a dossier, whichever channel brought them. */
export type PieceAClasser = {
  lot: Lot;
  numeroUnique: string;
  /** The lot's pages the piece is made of, in order. */
  pages: number[];
  type: TypeTrouve;
  /** The PDF when the channel made it (an upload converted whole); else assembled from the lot's stored page images. */
  pdf?: Buffer;
  indicePertinence?: IndicePertinence;
  dateFinValidite?: string | null;
  /** The sender of an upload or a message filing it themselves, named in the journal; absent: the service or an operator files it. */
  deposant?: Acteur;
  /** A message's attachment name, for the journal. */
  pieceJointe?: string;
  /** The operator filing it by resolving a review task, named in the journal as its author. */
  operateur?: Acteur;
  /** Clockwise quarter turns an operator asked for, by page of the lot, applied to the assembled PDF. */
  rotations?: Record<number, number>;
};

export type PieceClassee = { resultat: 'creee' | 'existante'; piece: Piece };

/**
 * Files pages of a lot as a piece: the object written first (a row never points to bytes that are
 * not there), then, in one transaction under the dossier's lock, the limits checked, the piece row,
 * its pages' places, its journal event and, for a scanned piece, the applicant's confirmation; the
 * object removed if that fails. An upload's lot is its one piece: it ends `termine` with it.
 * Idempotent: pages of a lot already filed (a resumed lot, a second resolution, a concurrent
 * upload of the same bytes) answer with the piece they are, and nothing is written twice. A limit
 * reached throws `limite_categorie_atteinte`.
 */
export async function filePiece(deps: FileDeps, input: PieceAClasser): Promise<PieceClassee> {
  const { db, objects } = deps;
  const { lot, numeroUnique, type: found } = input;
  const already = await filedAs(db, lot.id, input.pages);
  if (already) return { resultat: 'existante', piece: already };
  const pdf = input.pdf ?? (await assembleLotPages(deps, lot.id, input.pages, input.rotations));
  const sensible = found.type.sensitive || found.categorie.sensitive;
  const bucket = bucketOf({ statut: 'active', sensible });
  const cle = randomUUID();
  const stored = await objects.put(bucket, cle, pdf, { contentType: 'application/pdf' });
  const upload = isUpload(lot.canal);
  const empreinteSource = upload ? lot.fichiers[0]!.sha256 : null;
  let created: Piece | undefined;
  try {
    const piece = await db.transaction(async (tx) => {
      await lockDossier(tx, numeroUnique);
      // again under the dossier's lock: two resolutions of one task, or two workers, file it once
      const meanwhile = await filedAs(tx, lot.id, input.pages);
      if (meanwhile) return meanwhile;
      await enforceLimits(tx, numeroUnique, found);
      const [row] = await tx
        .insert(pieces)
        .values({
          numeroUnique,
          categorie: found.categorie.code,
          type: found.type.code,
          sensible,
          indicePertinence: input.indicePertinence ?? 'IV',
          dateFinValidite: input.dateFinValidite ?? null,
          pages: input.pages.length,
          taille: stored.size,
          sha256: stored.sha256,
          bucket,
          cle,
          canal: lot.canal,
          lotId: lot.id,
          pagesSource: input.pages,
          empreinteSource,
          deposePar: input.deposant?.id ?? lot.acteurId,
        })
        // the same bytes already filed in this dossier by another lot of the other upload channel
        .onConflictDoNothing()
        .returning();
      if (!row) return (await filedFrom(tx, numeroUnique, empreinteSource))!;
      created = row;
      await tx
        .update(pages)
        .set({ role: 'piece', pieceId: row.id, numeroUnique })
        .where(and(eq(pages.lotId, lot.id), inArray(pages.index, input.pages)));
      await appendJournal(tx, {
        numeroUnique,
        pieceId: row.id,
        evenement: 'creation',
        acteur: input.deposant ?? input.operateur ?? null,
        message: `pièce ${found.type.code} (${found.type.label}) ${provenance(lot, input)}`,
        details: { lotId: lot.id, pages: input.pages },
      });
      if (upload) await tx.update(lots).set({ statut: 'termine', pages: input.pages.length, modifieLe: new Date() }).where(eq(lots.id, lot.id));
      else await queueConfirmation(tx, { numeroUnique, lotId: lot.id, pieceId: row.id, libelle: found.type.label });
      return row;
    });
    if (created) return { resultat: 'creee', piece };
    await objects.delete(bucket, cle).catch(() => {});
    return { resultat: 'existante', piece };
  } catch (error) {
    await objects.delete(bucket, cle).catch(() => {});
    throw error;
  }
}

/** How the journal tells where a piece came from, after its type. */
function provenance(lot: Lot, input: PieceAClasser): string {
  if (lot.canal === 'mel') return `reçue par courriel${input.pieceJointe ? `, pièce jointe « ${input.pieceJointe} »` : ''}, ${input.pages.length} page(s)`;
  if (!isUpload(lot.canal)) return `numérisée, lot ${lot.reference ?? lot.id}, pages ${input.pages.map((p) => p + 1).join(', ')}`;
  return `déposée par le canal ${lot.canal}${input.deposant ? '' : ', classée par un opérateur'}, ${input.pages.length} page(s)`;
}

/** The piece a lot's pages were already filed as, if any. */
async function filedAs(db: Database | Tx, lotId: string, indices: number[]): Promise<Piece | undefined> {
  const [piece] = await db
    .select()
    .from(pieces)
    .where(and(eq(pieces.lotId, lotId), eq(pieces.pagesSource, indices)));
  return piece;
}

async function filedFrom(tx: Tx, numeroUnique: string, empreinteSource: string | null): Promise<Piece | undefined> {
  if (empreinteSource === null) return undefined;
  const [piece] = await tx
    .select()
    .from(pieces)
    .where(and(eq(pieces.numeroUnique, numeroUnique), eq(pieces.empreinteSource, empreinteSource)));
  return piece;
}
