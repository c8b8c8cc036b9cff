import { and, eq, inArray } from 'drizzle-orm';
import { findType } from '../../classification/plan-de-classement.ts';
import { motifDeRefus, pages, type Lot, type Page } from '../../storage/schema/index.ts';
import { asAppError } from '../app-error.ts';
import { openReviewTask } from '../lot-state/open-review-task.ts';
import { filePiece, type FileDeps } from '../pieces/file-piece.ts';
import type { DecisionLot, RevueDecidee } from './decide-lot.ts';
import type { PagesDecidees } from './decide-pages.ts';

/** A decision carried out: its envelopes, and the pieces it filed and the review tasks it opened on pages not placed before. */
export type Classement = { plis: number; pieces: number; revues: number };

/**
 * Stage 3: a decision carried out: each envelope's cover pages marked, each document filed as a
 * piece (`filePiece`), blank pages marked, each doubt a review task (`openReviewTask`). A document
 * the plan or the dossier refuses (a limit reached) becomes a review task with the refusal's code.
 * Only pages not placed yet are placed (`aPlacer`): what an earlier decision of the same pages
 * filed or opened is found again, and stands.
 */
export async function fileDecision(lot: Lot, decided: PagesDecidees, deps: FileDeps): Promise<Classement> {
  const { decision, conflits } = aPlacer(decided.decision, decided.pages);
  const revues: RevueDecidee[] = [...decision.revues, ...conflits];
  let pieces = 0;
  for (const pli of decision.plis) {
    await placePages(deps, lot.id, pli.couverture, { role: 'couverture', numeroUnique: pli.numeroUnique });
    for (const document of pli.documents) {
      const suggestions = { numeroUnique: pli.numeroUnique, categorie: document.categorie, type: document.type };
      const type = findType(document.categorie, document.type);
      if (!type) {
        revues.push({ motif: 'type_inconnu', pages: document.pages, detail: `type ${document.type} absent du plan`, suggestions });
        continue;
      }
      try {
        await filePiece(deps, { lot, numeroUnique: pli.numeroUnique!, pages: document.pages, type });
        pieces++;
      } catch (error) {
        const refus = asAppError(error);
        const motif = refus && motifDeRefus(refus.code);
        if (!refus || !motif) throw error;
        revues.push({ motif, pages: document.pages, detail: refus.message, suggestions });
      }
    }
  }
  await placePages(deps, lot.id, decision.pagesBlanches, { role: 'blanc' });
  for (const revue of revues) await openReviewTask(deps.db, { lotId: lot.id, ...revue });
  return { plis: decision.plis.length, pieces, revues: revues.length };
}

async function placePages(deps: FileDeps, lotId: string, indices: number[], place: Pick<Page, 'role'> & Partial<Pick<Page, 'numeroUnique'>>) {
  if (indices.length === 0) return;
  await deps.db
    .update(pages)
    .set(place)
    .where(and(eq(pages.lotId, lotId), inArray(pages.index, indices)));
}

/**
 * What of a decision is left to place, on the pages as they are (pure): an envelope, a document,
 * a task or a blank page whose pages are already placed (by an earlier decision of the same pages,
 * or an operator) is left as it is. A document only some of whose pages are placed, which only a
 * decision changed by the pages read since could give, is not filed: its other pages go to review.
 */
export function aPlacer(decision: DecisionLot, rows: Pick<Page, 'index' | 'role'>[]): { decision: DecisionLot; conflits: RevueDecidee[] } {
  const placed = new Set(rows.filter((row) => row.role !== null).map((row) => row.index));
  const unplaced = (indices: number[]) => indices.filter((index) => !placed.has(index));
  const conflits: RevueDecidee[] = [];
  const plis = decision.plis.map((pli) => ({
    ...pli,
    couverture: unplaced(pli.couverture),
    documents: pli.documents.filter((document) => {
      const rest = unplaced(document.pages);
      if (rest.length > 0 && rest.length < document.pages.length) {
        conflits.push({
          motif: 'pli_a_verifier',
          pages: rest,
          detail: `pages d'un document dont les autres pages sont déjà placées (${document.pages.filter((p) => placed.has(p)).join(', ')})`,
          suggestions: { numeroUnique: pli.numeroUnique, categorie: document.categorie, type: document.type },
        });
      }
      return rest.length === document.pages.length;
    }),
  }));
  const revues = decision.revues.flatMap((revue) => {
    const rest = unplaced(revue.pages);
    // a task on no page (a whole file's) is found again by its detail
    return revue.pages.length === 0 || rest.length > 0 ? [{ ...revue, pages: revue.pages.length === 0 ? [] : rest }] : [];
  });
  return { decision: { ...decision, plis, revues, pagesBlanches: unplaced(decision.pagesBlanches) }, conflits };
}
