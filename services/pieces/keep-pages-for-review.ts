import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { pages, type NouvellePage } from '../../storage/schema/index.ts';
import { pageImageKey } from '../lot-state/page-image-key.ts';
import type { ImageOps } from '../pages/image-ops.ts';
import type { NormalisedPage } from '../pages/page-types.ts';

/**
 * Keeps an upload's normalised pages as a scanned lot keeps its own: each page's image in
 * 'originaux' under `pageImageKey`, and a page row with what normalisation decided. The review
 * screens show them from there, and a resolution files them with `filePiece`, as any lot's.
 * Idempotent: an upload converted again overwrites the same keys and rows.
 */
export async function keepPagesForReview(
  deps: { db: Database; objects: ObjectStore; images: ImageOps },
  lotId: string,
  normalised: readonly NormalisedPage[],
  textes: readonly (string | null)[],
  // where they go in the lot: a message's attachments follow one another
  { premier = 0, fichier = 0 }: { premier?: number; fichier?: number } = {},
): Promise<void> {
  for (const [i, page] of normalised.entries()) {
    const index = premier + i;
    // the same encoding as a scanned page's (services/lots/read-lot.ts): a resolution assembles either alike
    const image = await deps.images.encodeJpeg(page.grey, page.dpi, 80);
    await deps.objects.put('originaux', pageImageKey(lotId, index), image, { contentType: 'image/jpeg' });
    const { ms, ...record } = page.record;
    const row: NouvellePage = {
      lotId,
      index,
      fichier,
      pageDansFichier: i,
      blanc: false,
      normalisation: { ...record, dpi: page.dpi, blanc: null, corps: null, ms: { normalise: ms } },
      texte: textes[i] ?? '',
      cleImage: pageImageKey(lotId, index),
      erreur: textes[i] === null ? 'OCR sans résultat' : null,
      traiteLe: new Date(),
    };
    await deps.db
      .insert(pages)
      .values(row)
      .onConflictDoUpdate({ target: [pages.lotId, pages.index], set: row });
  }
}
