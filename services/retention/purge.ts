import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import type { Bucket, ObjectStore } from '../../storage/object-store.ts';
import { demandes, journal, lots, pieces } from '../../storage/schema/index.ts';
import { appendJournal } from '../pieces/journal.ts';
import { removeFiledOriginals } from './remove-filed-originals.ts';
import { sweepOrphans } from './sweep-orphans.ts';

export type PurgeOptions = { now: Date; quarantaineJours: number; dryRun: boolean };
export type PurgeReport = {
  dryRun: boolean;
  piecesQuarantaineExpirees: { id: string; numeroUnique: string }[];
  demandesEffacees: { numeroUnique: string; dateRadiation: string | null; pieces: number }[];
  objetsSupprimes: number;
  /** Originals and page images of scan lots fully filed (removed, or to remove on a dry run). */
  originauxSupprimes: number;
  orphelinsSupprimes: number;
};

const days = (n: number) => n * 24 * 3600 * 1000;
// an hour: far longer than any filing takes between writing its object and committing its row
const orphanGraceMs = 3600 * 1000;

/**
 * The retention job. Quarantined pieces older than the delay are deleted (object, then row, with a
 * `suppression` event). Demandes radiées more than a year ago and untouched for 30 days are erased
 * whole (CNIL): every object in every bucket, their pieces, lots, journal and the demande itself.
 * Scan lots fully filed for an hour lose their originals and page images (blank pages' stay).
 * Last, objects that no row points to (a crash between object and row) are swept.
 */
export async function purge({ db, objects }: { db: Database; objects: ObjectStore }, options: PurgeOptions): Promise<PurgeReport> {
  const report: PurgeReport = {
    dryRun: options.dryRun,
    piecesQuarantaineExpirees: [],
    demandesEffacees: [],
    objetsSupprimes: 0,
    originauxSupprimes: 0,
    orphelinsSupprimes: 0,
  };

  const expired = await db
    .select()
    .from(pieces)
    .where(and(eq(pieces.statut, 'quarantaine'), lt(pieces.quarantaineLe, new Date(options.now.getTime() - days(options.quarantaineJours)))));
  report.piecesQuarantaineExpirees = expired.map((p) => ({ id: p.id, numeroUnique: p.numeroUnique }));

  const yearAgo = new Date(options.now.getTime() - days(365)).toISOString().slice(0, 10);
  const stale = await db
    .select()
    .from(demandes)
    .where(and(eq(demandes.etat, 'radiee'), lt(demandes.dateRadiation, yearAgo), lt(demandes.modifieLe, new Date(options.now.getTime() - days(30)))));
  const erasedPieces = stale.length
    ? await db
        .select()
        .from(pieces)
        .where(
          inArray(
            pieces.numeroUnique,
            stale.map((d) => d.numeroUnique),
          ),
        )
    : [];
  report.demandesEffacees = stale.map((d) => ({
    numeroUnique: d.numeroUnique,
    dateRadiation: d.dateRadiation,
    pieces: erasedPieces.filter((p) => p.numeroUnique === d.numeroUnique).length,
  }));
  if (options.dryRun) {
    report.originauxSupprimes = (await removeFiledOriginals({ db, objects }, { now: options.now, graceMs: orphanGraceMs, dryRun: true })).objets;
    report.orphelinsSupprimes = (await sweepOrphans({ db, objects }, { now: options.now, graceMs: orphanGraceMs, dryRun: true })).supprimes.length;
    return report;
  }

  for (const piece of expired) {
    await objects.delete(piece.bucket as Bucket, piece.cle);
    report.objetsSupprimes++;
    await db.transaction(async (tx) => {
      await tx.delete(pieces).where(eq(pieces.id, piece.id));
      await appendJournal(tx, {
        numeroUnique: piece.numeroUnique,
        pieceId: piece.id,
        evenement: 'suppression',
        acteur: null,
        message: `supprimée définitivement après ${options.quarantaineJours} jours de quarantaine (${piece.motifQuarantaine ?? 'sans motif'})`,
      });
    });
  }

  for (const demande of stale) {
    const own = erasedPieces.filter((p) => p.numeroUnique === demande.numeroUnique);
    for (const piece of own) {
      await objects.delete(piece.bucket as Bucket, piece.cle);
      report.objetsSupprimes++;
    }
    const ownLots = await db.select().from(lots).where(eq(lots.reference, demande.numeroUnique));
    for (const lot of ownLots) {
      for (const fichier of lot.fichiers) {
        await objects.delete('originaux', fichier.cle);
        report.objetsSupprimes++;
      }
    }
    await db.transaction(async (tx) => {
      await tx.delete(journal).where(eq(journal.numeroUnique, demande.numeroUnique));
      if (ownLots.length)
        await tx.delete(lots).where(
          inArray(
            lots.id,
            ownLots.map((l) => l.id),
          ),
        );
      await tx.delete(demandes).where(eq(demandes.numeroUnique, demande.numeroUnique)); // pieces cascade
    });
  }
  // the same hour: a lot just settled may still have a page image in flight from a worker that lost it
  report.originauxSupprimes = (await removeFiledOriginals({ db, objects }, { now: options.now, graceMs: orphanGraceMs })).objets;
  report.orphelinsSupprimes = (await sweepOrphans({ db, objects }, { now: options.now, graceMs: orphanGraceMs })).supprimes.length;
  return report;
}
