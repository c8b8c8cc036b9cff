import { randomUUID } from 'node:crypto';
import { eq, inArray, and } from 'drizzle-orm';
import { pageImageKey } from '../../services/lot-state/page-image-key.ts';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { lots, pages, tachesRevue, type Canal, type MotifRevue } from '../../storage/schema/index.ts';
import { textPageJpeg } from './documents.ts';

export type SeededTask = { motif: MotifRevue; pages: number[]; suggestions?: Record<string, unknown> | null; detail?: string };

/**
 * A scan lot as the pipeline leaves it after reading and deciding, without reading anything: its
 * pages' rows, their images when `objects` is given (one line of text each), blank pages and open
 * review tasks holding their pages. For tests of what comes after the pipeline, and the station's
 * benchmark.
 */
export async function seedReviewLot(
  deps: { db: Database; objects?: ObjectStore },
  input: { pages: number; tasks: SeededTask[]; blanks?: number[]; reference?: string; recuLe?: Date; canal?: Canal },
): Promise<{ lotId: string; taskIds: string[] }> {
  const recuLe = input.recuLe ?? new Date();
  const [lot] = await deps.db
    .insert(lots)
    .values({
      canal: input.canal ?? 'courrier',
      statut: 'a_revoir',
      reference: input.reference ?? null,
      empreinte: randomUUID(),
      fichiers: [],
      pages: input.pages,
      pagesTraitees: input.pages,
      creeLe: recuLe,
      modifieLe: recuLe,
    })
    .returning();
  const lotId = lot!.id;
  const blanks = new Set(input.blanks ?? []);
  await deps.db.insert(pages).values(
    Array.from({ length: input.pages }, (_, index) => ({
      lotId,
      index,
      fichier: 0,
      pageDansFichier: index,
      role: blanks.has(index) ? ('blanc' as const) : null,
      blanc: blanks.has(index),
      // what the assembler reads of a page's reading: its resolution and bitonal verdict
      normalisation: { dpi: 100, bitonal: false } as never,
      traiteLe: recuLe,
    })),
  );
  if (deps.objects) {
    for (let index = 0; index < input.pages; index++) {
      const jpeg = await textPageJpeg(blanks.has(index) ? [] : [`Page ${index + 1} du lot ${input.reference ?? lotId}`], { width: 413, height: 584 });
      await deps.objects.put('originaux', pageImageKey(lotId, index), jpeg, { contentType: 'image/jpeg' });
    }
  }
  const taskIds: string[] = [];
  for (const [i, task] of input.tasks.entries()) {
    const [row] = await deps.db
      .insert(tachesRevue)
      .values({
        lotId,
        motif: task.motif,
        pages: task.pages,
        detail: task.detail ?? null,
        suggestions: task.suggestions ?? null,
        // one millisecond apart: the queue's order among a lot's tasks is their creation
        creeLe: new Date(recuLe.getTime() + i),
      })
      .returning({ id: tachesRevue.id });
    taskIds.push(row!.id);
    await deps.db
      .update(pages)
      .set({ role: 'revue', revueId: row!.id })
      .where(and(eq(pages.lotId, lotId), inArray(pages.index, task.pages)));
  }
  return { lotId, taskIds };
}
