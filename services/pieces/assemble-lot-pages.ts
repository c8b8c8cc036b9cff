import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { pages } from '../../storage/schema/index.ts';
import { pageImageKey } from '../lot-state/page-image-key.ts';
import { assemblePdf } from '../pages/assemble-pdf.ts';
import type { ImageOps } from '../pages/image-ops.ts';

/**
 * A lot's pages as one PDF, from their normalised images, at the resolution and in the bitonal
 * verdict their reading recorded, each turned clockwise by the quarter turns `rotations` names for it.
 */
export async function assembleLotPages(
  deps: { db: Database; objects: ObjectStore; images: ImageOps },
  lotId: string,
  indices: number[],
  rotations: Record<number, number> = {},
): Promise<Buffer> {
  const rows = await deps.db
    .select({ index: pages.index, lecture: pages.normalisation })
    .from(pages)
    .where(and(eq(pages.lotId, lotId), inArray(pages.index, indices)));
  const assembly = [];
  for (const index of indices) {
    const lecture = rows.find((r) => r.index === index)?.lecture;
    const jpeg = await deps.objects.getBuffer('originaux', pageImageKey(lotId, index));
    const upright = await deps.images.toGrey(await deps.images.decode(jpeg));
    const grey = rotations[index] ? await deps.images.rotate(upright, rotations[index]) : upright;
    assembly.push({ grey, dpi: lecture?.dpi ?? 200, original: null, record: { bitonal: lecture?.bitonal ?? false } });
  }
  return Buffer.from((await assemblePdf(assembly, { images: deps.images })).bytes);
}
