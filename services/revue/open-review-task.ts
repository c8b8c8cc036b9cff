import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { pages, tachesRevue } from '../../storage/schema/index.ts';

/**
 * Opens a review task for pages of a lot, once: the same reason on the same pages of the same lot
 * (a resumed lot) finds the existing task.
 */
export async function openReviewTask(
  db: Database,
  task: { lotId: string; motif: string; pages: number[]; detail: string; suggestions: Record<string, unknown> | null },
): Promise<string> {
  const [existing] = await db
    .select({ id: tachesRevue.id })
    .from(tachesRevue)
    .where(and(eq(tachesRevue.lotId, task.lotId), eq(tachesRevue.motif, task.motif), sql`${tachesRevue.pages} = ${sql.raw(`'{${task.pages.join(',')}}'::int[]`)}`));
  if (existing) return existing.id;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(tachesRevue).values(task).returning({ id: tachesRevue.id });
    if (task.pages.length > 0) {
      await tx.update(pages).set({ role: 'revue', revueId: row!.id }).where(and(eq(pages.lotId, task.lotId), inArray(pages.index, task.pages)));
    }
    return row!.id;
  });
}
