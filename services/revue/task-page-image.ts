import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { AppError } from '../app-error.ts';
import { pageImageKey } from '../lot-state/page-image-key.ts';
import type { ImageOps } from '../pages/image-ops.ts';
import { getTask } from './get-task.ts';

/**
 * A page of a task as a review screen shows it: its normalised image as WebP, or only its number
 * zone cut out (`numero`, a cover's). A page the task neither holds nor has beside it as a dropped
 * blank is `introuvable`.
 */
export async function taskPageImage(
  deps: { db: Database; objects: ObjectStore; images: ImageOps },
  input: { taskId: string; page: number; numero?: boolean },
): Promise<Buffer> {
  const { task, zones, blanches } = await getTask(deps.db, input.taskId);
  // the blank pages dropped around the task are shown too: the operator may bring one back
  if (!task.lotId || !(task.pages.includes(input.page) || blanches.includes(input.page)))
    throw new AppError('introuvable', `la page ${input.page} n'est pas dans cette tâche`);
  const zone = zones.find((z) => z.page === input.page)?.zone;
  if (input.numero && !zone) throw new AppError('introuvable', `la page ${input.page} de cette tâche n'a pas de zone de numéro`);
  const jpeg = await deps.objects.getBuffer('originaux', pageImageKey(task.lotId, input.page));
  return deps.images.toWebp(jpeg, { quality: 75, ...(input.numero ? { zone } : {}) });
}
