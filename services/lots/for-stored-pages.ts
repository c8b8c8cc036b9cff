import type { Page } from '../../storage/schema/index.ts';
import { pageImageKey } from '../lot-state/page-image-key.ts';
import type { GreyPixels } from '../pages/page-types.ts';
import type { ReadBodiesDeps } from './read-page-bodies.ts';

/**
 * Work on pages of a lot already read, from their stored images: each row with its page decoded to
 * grey at the resolution it was read at, and when the work on it started (the decoding counts). A few
 * at a time: each holds a decoded page.
 */
export async function forStoredPages(
  lotId: string,
  rows: Page[],
  deps: Pick<ReadBodiesDeps, 'objects' | 'images' | 'concurrency'>,
  work: (row: Page & { normalisation: NonNullable<Page['normalisation']> }, page: { grey: GreyPixels; dpi: number }, started: number) => Promise<void>,
): Promise<void> {
  const lues = rows.filter((row): row is Page & { normalisation: NonNullable<Page['normalisation']> } => row.normalisation !== null);
  for (let i = 0; i < lues.length; i += deps.concurrency) {
    await Promise.all(
      lues.slice(i, i + deps.concurrency).map(async (row) => {
        const started = performance.now();
        const grey = await deps.images.toGrey(await deps.images.decode(await deps.objects.getBuffer('originaux', pageImageKey(lotId, row.index))));
        await work(row, { grey, dpi: row.normalisation.dpi }, started);
      }),
    );
  }
}
