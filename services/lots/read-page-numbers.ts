import { and, eq } from 'drizzle-orm';
import { findNumeroUniqueCandidates } from '../../classification/numero-unique.ts';
import { pages, type Page } from '../../storage/schema/index.ts';
import { invertDarkGrounds } from '../pages/invert-dark-areas.ts';
import { seekNumber } from '../pages/read-page.ts';
import { forStoredPages } from './for-stored-pages.ts';
import type { ReadBodiesDeps } from './read-page-bodies.ts';

/**
 * The numéro unique sought now on pages whose reading did not seek it (nothing on them looked like
 * a cover's), from their stored images: a page naming an applicant the registry knows may be their
 * cover, its number where the page's text did not show it (after a barcode, in a table). Each page is
 * checkpointed as it is done (`ms.numero`, and `lectureNumero` when a number was read), so a resumed
 * lot does not seek it again.
 */
export async function readPageNumbers(lotId: string, rows: Page[], indices: number[], deps: ReadBodiesDeps): Promise<void> {
  await forStoredPages(
    lotId,
    rows.filter((row) => indices.includes(row.index)),
    deps,
    async (row, page, started) => {
      const shown = { ...page, grey: invertDarkGrounds(page.grey, page.dpi).grey };
      const numero = await seekNumber(page, shown, null, { texte: row.texte ?? '', numeros: 0 }, deps);
      const lu = numero.lectures.some((lecture) => findNumeroUniqueCandidates(lecture).length > 0);
      const ms = { ...row.normalisation.ms, numero: Math.round(performance.now() - started) };
      deps.logger?.debug({ lot: lotId, page: row.index, ms: ms.numero, lu }, 'numéro cherché');
      // the reads kept only when they hold a number: the station shows a page with reads as a cover, its number zone
      await deps.db
        .update(pages)
        .set({ normalisation: { ...row.normalisation, ms }, ...(lu ? { lectureNumero: numero } : {}) })
        .where(and(eq(pages.lotId, lotId), eq(pages.index, row.index)));
    },
  );
}
