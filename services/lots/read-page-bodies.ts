import { and, eq, inArray } from 'drizzle-orm';
import { pages, type CorpsDePage, type Page } from '../../storage/schema/index.ts';
import { pageImageKey } from '../lot-state/page-image-key.ts';
import { readRows, withBody } from '../pages/read-page.ts';
import type { ReadPagesDeps } from './read-pages.ts';

export function corpsNonLu(row: Pick<Page, 'normalisation'>): CorpsDePage | null {
  return row.normalisation?.corps ?? null;
}

/**
 * The bodies of pages first read by their head and foot only, read now from their stored images
 * and put back between head and foot in each page's text; each page is checkpointed as it is
 * done, so a resumed lot does not read it again.
 */
export async function readPageBodies(lotId: string, indices: number[], deps: ReadPagesDeps): Promise<void> {
  const rows = await deps.db
    .select()
    .from(pages)
    .where(and(eq(pages.lotId, lotId), inArray(pages.index, indices)));
  // a few at a time: each holds a decoded page
  for (let i = 0; i < rows.length; i += deps.concurrency) await Promise.all(rows.slice(i, i + deps.concurrency).map(readBody));

  async function readBody(row: (typeof rows)[number]) {
    const corps = corpsNonLu(row);
    if (!corps || row.normalisation === null) return;
    const started = performance.now();
    const grey = await deps.images.toGrey(await deps.images.decode(await deps.objects.getBuffer('originaux', pageImageKey(lotId, row.index))));
    const body = await readRows({ grey, dpi: row.normalisation.dpi }, corps.top, corps.bottom, !row.normalisation.bitonal, deps);
    // a body OCR cannot read leaves the page as its head and foot read it
    if (!body.ok) return;
    const ms = { ...row.normalisation.ms, corps: Math.round(performance.now() - started) };
    deps.logger?.debug({ lot: lotId, page: row.index, ms: ms.corps }, 'corps lu');
    await deps.db
      .update(pages)
      .set({ texte: withBody(row.texte ?? '', corps, body.text), normalisation: { ...row.normalisation, corps: null, ms } })
      .where(and(eq(pages.lotId, lotId), eq(pages.index, row.index)));
  }
}
