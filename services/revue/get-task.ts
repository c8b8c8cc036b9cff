import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { pages, tachesRevue, type Box, type TacheRevue } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { droppedBlanksNear } from './propose-resolution.ts';

/** A cover page of a task whose number zone was read: where the zone is, and what was read there. */
export type NumberZone = { page: number; zone: Box; lectures: string[] };

/** A review task with its covers' number zones and the blank pages dropped around it, or `introuvable`. */
export async function getTask(db: Database, id: string): Promise<{ task: TacheRevue; zones: NumberZone[]; blanches: number[] }> {
  const [task] = /^[0-9a-f-]{36}$/i.test(id) ? await db.select().from(tachesRevue).where(eq(tachesRevue.id, id)) : [];
  if (!task) throw new AppError('introuvable', `aucune tâche de revue ${id}`);
  if (!task.lotId || task.pages.length === 0) return { task, zones: [], blanches: [] };
  const [rows, blankRows] = await Promise.all([
    db
      .select({ index: pages.index, lecture: pages.lectureNumero })
      .from(pages)
      .where(and(eq(pages.lotId, task.lotId), inArray(pages.index, task.pages), isNotNull(pages.lectureNumero))),
    db
      .select({ index: pages.index })
      .from(pages)
      .where(and(eq(pages.lotId, task.lotId), eq(pages.role, 'blanc'))),
  ]);
  return {
    task,
    zones: rows.flatMap((r) => (r.lecture ? [{ page: r.index, ...r.lecture }] : [])),
    blanches: droppedBlanksNear(
      task.pages,
      blankRows.map((r) => r.index),
    ),
  };
}
