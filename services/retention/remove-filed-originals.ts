import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { lots, pages } from '../../storage/schema/index.ts';
import { pageImageKey, pageImagesPrefix } from '../lot-state/page-image-key.ts';

export type OriginauxSupprimes = { lots: { id: string; objets: number }[]; objets: number };

/**
 * A scan lot's originals and page images are kept until the lot is fully filed (`termine`), so any
 * step can be replayed; after that its pieces are the record, and the scans of personal documents
 * go. A blank page keeps its image: a page dropped as blank stays recoverable. Each lot is done
 * once: its files are marked `supprimeLe` and its pages lose their `cleImage`.
 */
export async function removeFiledOriginals(
  { db, objects }: { db: Database; objects: ObjectStore },
  options: { now: Date; graceMs: number; dryRun?: boolean },
): Promise<OriginauxSupprimes> {
  const settled = await db
    .select()
    .from(lots)
    .where(
      and(
        // uploads keep theirs: their original is the piece channel's, filed in one step
        eq(lots.canal, 'courrier'),
        eq(lots.statut, 'termine'),
        lt(lots.modifieLe, new Date(options.now.getTime() - options.graceMs)),
        sql`exists (select 1 from jsonb_array_elements(${lots.fichiers}) f where f->>'supprimeLe' is null)`,
      ),
    );
  const report: OriginauxSupprimes = { lots: [], objets: 0 };
  for (const lot of settled) {
    const blanks = new Set(
      (
        await db
          .select({ index: pages.index })
          .from(pages)
          .where(and(eq(pages.lotId, lot.id), eq(pages.role, 'blanc')))
      ).map((p) => p.index),
    );
    const keep = new Set([...blanks].map((i) => pageImageKey(lot.id, i)));
    // listed rather than taken from the page rows: an image written just before a crash has no row
    const doomed: string[] = [];
    for await (const object of objects.list('originaux', pageImagesPrefix(lot.id))) if (!keep.has(object.key)) doomed.push(object.key);
    doomed.push(...lot.fichiers.filter((f) => !f.supprimeLe).map((f) => f.cle));
    report.lots.push({ id: lot.id, objets: doomed.length });
    report.objets += doomed.length;
    if (options.dryRun) continue;
    for (const key of doomed) await objects.delete('originaux', key);
    const supprimeLe = options.now.toISOString();
    await db.transaction(async (tx) => {
      await tx
        .update(pages)
        .set({ cleImage: null })
        .where(and(eq(pages.lotId, lot.id), or(isNull(pages.role), ne(pages.role, 'blanc'))));
      await tx
        .update(lots)
        .set({ fichiers: lot.fichiers.map((f) => ({ ...f, supprimeLe: f.supprimeLe ?? supprimeLe })) })
        .where(eq(lots.id, lot.id));
    });
  }
  return report;
}
