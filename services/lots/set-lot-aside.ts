import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../storage/database.ts';
import { lots, pages, type Lot } from '../../storage/schema/index.ts';
import { openReviewTask } from '../lot-state/open-review-task.ts';

/**
 * Sets aside a lot that keeps failing, in the caller's transaction: `echec` with its last error, out
 * of the workers' queue, and a `lot_en_echec` review task in the operators' queue holding the pages
 * read and placed nowhere yet (pages already filed or in another task stay where they are), with
 * the lot's files named, since pages never read have no image to show.
 */
export async function setLotAside(tx: Tx, lot: Lot, erreur: string): Promise<Lot> {
  const [aside] = await tx.update(lots).set({ statut: 'echec', erreur, bailJusqua: null, modifieLe: new Date() }).where(eq(lots.id, lot.id)).returning();
  const unplaced = await tx
    .select({ index: pages.index })
    .from(pages)
    .where(and(eq(pages.lotId, lot.id), isNull(pages.role)))
    .orderBy(pages.index);
  // a lot set aside again after its relance gets a task of its own: the first one was closed by the relance
  await openReviewTask(
    tx,
    {
      lotId: lot.id,
      motif: 'lot_en_echec',
      pages: unplaced.map((p) => p.index),
      detail: `traitement abandonné après ${lot.tentatives} tentative(s) : ${erreur}`,
      suggestions: {
        tentatives: lot.tentatives,
        pagesTraitees: lot.pagesTraitees,
        fichiers: lot.fichiers.map((f) => ({ nom: f.nom, taille: f.taille, sha256: f.sha256 })),
      },
    },
    { reuse: 'open' },
  );
  return aside!;
}
