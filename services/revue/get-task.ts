import { and, eq, inArray } from 'drizzle-orm';
import type { PageTexte } from '../../classification/page-text.ts';
import type { Database } from '../../storage/database.ts';
import { pages, tachesRevue, type Box, type TacheRevue } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { droppedBlanksNear } from './propose-resolution.ts';

/** A cover page of a task whose number zone was read: where the zone is, and what was read there. */
export type NumberZone = { page: number; zone: Box; lectures: string[] };

/**
 * A review task with its covers' number zones, its pages' text (for the station's proposal) and
 * the blank pages dropped around it, or `introuvable`.
 */
export async function getTask(db: Database, id: string): Promise<{ task: TacheRevue; zones: NumberZone[]; textes: PageTexte[]; blanches: number[] }> {
  const [task] = /^[0-9a-f-]{36}$/i.test(id) ? await db.select().from(tachesRevue).where(eq(tachesRevue.id, id)) : [];
  if (!task) throw new AppError('introuvable', `aucune tâche de revue ${id}`);
  if (!task.lotId || task.pages.length === 0) return { task, zones: [], textes: [], blanches: [] };
  const [rows, blankRows] = await Promise.all([
    db
      .select({ index: pages.index, lecture: pages.lectureNumero, texte: pages.texte, blanc: pages.blanc })
      .from(pages)
      .where(and(eq(pages.lotId, task.lotId), inArray(pages.index, task.pages))),
    db
      .select({ index: pages.index })
      .from(pages)
      .where(and(eq(pages.lotId, task.lotId), eq(pages.role, 'blanc'))),
  ]);
  return {
    task,
    zones: rows.flatMap((r) => (r.lecture ? [{ page: r.index, ...r.lecture }] : [])),
    // a page's text as the decisions read it; a page never read (an unreadable file's) has none
    textes: rows.flatMap((r) => (r.texte === null ? [] : [{ index: r.index, text: r.texte, blank: r.blanc ?? false }])),
    blanches: droppedBlanksNear(
      task.pages,
      blankRows.map((r) => r.index),
    ),
  };
}
