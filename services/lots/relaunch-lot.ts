import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { lots, pages, tachesRevue, type Acteur, type Lot } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';

/**
 * Puts a lot set aside (`echec`) back in the workers' queue once an operator has dealt with the
 * cause: `recu`, its attempts and error cleared, so a worker takes it again from its last
 * checkpoint (pages already read are not read again). Its open `lot_en_echec` task is closed as
 * resolved by the relance, with the note and who gave it, and the pages that task held go back to
 * the pipeline. A lot in any other state is a `conflit`.
 */
export async function relaunchLot(db: Database, input: { id: string; acteur: Acteur | null; note?: string }): Promise<Lot> {
  if (!/^[0-9a-f-]{36}$/i.test(input.id)) throw new AppError('introuvable', `aucun lot ${input.id}`);
  return db.transaction(async (tx) => {
    const [lot] = await tx.select().from(lots).where(eq(lots.id, input.id)).for('update');
    if (!lot) throw new AppError('introuvable', `aucun lot ${input.id}`);
    if (lot.statut !== 'echec') throw new AppError('conflit', `le lot ${lot.id} est ${lot.statut} : seul un lot en echec se relance`);
    // only scan lots have workers: a failed upload is taken again by sending its file again
    if (lot.canal !== 'courrier') throw new AppError('conflit', `le lot ${lot.id} est un dépôt (${lot.canal}) : le renvoyer le reprend`);
    const [relaunched] = await tx
      .update(lots)
      .set({ statut: 'recu', tentatives: 0, erreur: null, travailleur: null, bailJusqua: null, modifieLe: new Date() })
      .where(eq(lots.id, lot.id))
      .returning();
    const closed = await tx
      .update(tachesRevue)
      .set({
        statut: 'resolue',
        // the error that set the lot aside stays in the task's detail: the lot's own is cleared
        resolution: { relance: true, ...(input.note ? { note: input.note } : {}), erreurPrecedente: lot.erreur, tentatives: lot.tentatives },
        resoluPar: input.acteur?.id ?? null,
        resoluLe: new Date(),
      })
      .where(and(eq(tachesRevue.lotId, lot.id), eq(tachesRevue.motif, 'lot_en_echec'), eq(tachesRevue.statut, 'ouverte')))
      .returning({ id: tachesRevue.id });
    if (closed.length > 0) {
      // placed nowhere yet, as before the lot was set aside: the pipeline places them this time
      await tx
        .update(pages)
        .set({ role: null, revueId: null })
        .where(
          and(
            eq(pages.lotId, lot.id),
            eq(pages.role, 'revue'),
            inArray(
              pages.revueId,
              closed.map((t) => t.id),
            ),
          ),
        );
    }
    return relaunched!;
  });
}
