import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { pages, tachesRevue, type MotifRevue } from '../../storage/schema/index.ts';

/**
 * Which earlier task on the same reason and pages of the same lot stands for the one asked for:
 * - `any` (the scan pipeline): a resumed lot finds the task it opened before the crash, and an
 *   operator's resolution or rejection of those pages stands rather than being asked again;
 * - `open` (a new request: the same bytes uploaded again after a rejection, a lot set aside again
 *   after its relance): only a task still waiting answers it, a closed one is history.
 */
export type ReviewTaskReuse = 'any' | 'open';

/**
 * Opens a review task for pages of a lot, once: the same reason on the same pages of the same lot
 * finds the existing task, as `reuse` says.
 */
export async function openReviewTask(
  db: Database,
  task: { lotId: string; motif: MotifRevue; pages: number[]; detail: string; suggestions: Record<string, unknown> | null },
  { reuse = 'any' }: { reuse?: ReviewTaskReuse } = {},
): Promise<string> {
  const [existing] = await db
    .select({ id: tachesRevue.id })
    .from(tachesRevue)
    .where(
      and(
        eq(tachesRevue.lotId, task.lotId),
        eq(tachesRevue.motif, task.motif),
        sql`${tachesRevue.pages} = ${sql.raw(`'{${task.pages.join(',')}}'::int[]`)}`,
        reuse === 'open' ? eq(tachesRevue.statut, 'ouverte') : undefined,
        // a task on no page is a whole file's: its detail names the file, so two unreadable files have a task each
        task.pages.length === 0 ? eq(tachesRevue.detail, task.detail) : undefined,
      ),
    );
  if (existing) return existing.id;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(tachesRevue).values(task).returning({ id: tachesRevue.id });
    if (task.pages.length > 0) {
      await tx
        .update(pages)
        .set({ role: 'revue', revueId: row!.id })
        .where(and(eq(pages.lotId, task.lotId), inArray(pages.index, task.pages)));
    }
    return row!.id;
  });
}
