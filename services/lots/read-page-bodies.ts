import { and, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { pages, type CorpsDePage, type Page } from '../../storage/schema/index.ts';
import type { ImageOps } from '../pages/image-ops.ts';
import type { OcrPool } from '../pages/ocr-pool.ts';
import { readRows, withBody } from '../pages/read-page.ts';
import { forStoredPages } from './for-stored-pages.ts';

export type ReadBodiesDeps = { db: Database; objects: ObjectStore; images: ImageOps; ocr: OcrPool; concurrency: number; logger?: Logger };

/** The rows a page's head-first reading left unread, until they are read (null: nothing left unread). */
export function corpsNonLu(row: Pick<Page, 'normalisation'>): CorpsDePage | null {
  const lecture = row.normalisation;
  return lecture?.corps && lecture.ms.corps === undefined ? lecture.corps : null;
}

/**
 * The bodies of pages first read by their head and foot only, read now from their stored images
 * and put back between head and foot in each page's text; each page is checkpointed as it is
 * done (`ms.corps`), so a resumed lot does not read it again.
 */
export async function readPageBodies(lotId: string, rows: Page[], indices: number[], deps: ReadBodiesDeps): Promise<void> {
  await forStoredPages(
    lotId,
    rows.filter((row) => indices.includes(row.index) && corpsNonLu(row) !== null),
    deps,
    async (row, page, started) => {
      const corps = corpsNonLu(row)!;
      const body = await readRows(page, corps.top, corps.bottom, !row.normalisation.bitonal, deps);
      // a body OCR cannot read leaves the page as its head and foot read it
      if (!body.ok) return;
      const ms = { ...row.normalisation.ms, corps: Math.round(performance.now() - started) };
      deps.logger?.debug({ lot: lotId, page: row.index, ms: ms.corps }, 'corps lu');
      await deps.db
        .update(pages)
        .set({ texte: withBody(row.texte ?? '', corps, body.text), normalisation: { ...row.normalisation, ms } })
        .where(and(eq(pages.lotId, lotId), eq(pages.index, row.index)));
    },
  );
}
