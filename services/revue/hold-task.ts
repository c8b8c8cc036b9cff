import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { acteurs, tachesRevue, type Acteur } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { decideHold } from './decide-hold.ts';

export type Prise = { id: string; tenuePar: string; tenueJusqua: string; priseLe: string };

/**
 * Holds an open task for an operator for a few minutes (or renews their hold), so that two
 * operators never decide it twice; a task another operator holds is `tache_tenue`, naming them.
 */
export async function holdTask(db: Database, acteur: Acteur, taskId: string, now = new Date()): Promise<Prise> {
  const task = await openTask(db, taskId);
  const decision = decideHold(task, acteur.id, now);
  if (!decision.ok) throw await heldError(db, decision.tenuePar, decision.tenueJusqua);
  // the guard repeats the decision in the update: of two operators opening the task at once, one holds it
  const [held] = await db
    .update(tachesRevue)
    .set({ tenuePar: acteur.id, tenueJusqua: decision.tenueJusqua, priseLe: decision.priseLe })
    .where(
      and(
        eq(tachesRevue.id, taskId),
        eq(tachesRevue.statut, 'ouverte'),
        or(isNull(tachesRevue.tenuePar), eq(tachesRevue.tenuePar, acteur.id), lte(tachesRevue.tenueJusqua, now)),
      ),
    )
    .returning();
  if (!held) return holdTask(db, acteur, taskId, now);
  return { id: held.id, tenuePar: acteur.nom, tenueJusqua: decision.tenueJusqua.toISOString(), priseLe: decision.priseLe.toISOString() };
}

/** Lets a task go before its hold lapses (the operator moved on without deciding it). */
export async function releaseTask(db: Database, acteur: Acteur, taskId: string): Promise<void> {
  await openTask(db, taskId);
  await db
    .update(tachesRevue)
    .set({ tenuePar: null, tenueJusqua: null, priseLe: null })
    .where(and(eq(tachesRevue.id, taskId), eq(tachesRevue.tenuePar, acteur.id), eq(tachesRevue.statut, 'ouverte')));
}

/** Refuses a decision on a task another operator holds (`tache_tenue`); a free or lapsed task may be decided. */
export async function refuseIfHeldByOther(db: Database, acteur: Acteur, task: { tenuePar: string | null; tenueJusqua: Date | null; priseLe: Date | null }) {
  const decision = decideHold(task, acteur.id, new Date());
  if (!decision.ok) throw await heldError(db, decision.tenuePar, decision.tenueJusqua);
}

async function openTask(db: Database, taskId: string) {
  const [task] = /^[0-9a-f-]{36}$/i.test(taskId) ? await db.select().from(tachesRevue).where(eq(tachesRevue.id, taskId)) : [];
  if (!task) throw new AppError('introuvable', `aucune tâche de revue ${taskId}`);
  if (task.statut !== 'ouverte') throw new AppError('conflit', `la tâche ${taskId} est déjà ${task.statut}`);
  return task;
}

async function heldError(db: Database, acteurId: string, until: Date): Promise<AppError> {
  const [holder] = await db.select({ nom: acteurs.nom }).from(acteurs).where(eq(acteurs.id, acteurId));
  const nom = holder?.nom ?? 'un autre opérateur';
  const heure = until.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
  return new AppError('tache_tenue', `cette tâche est ouverte par ${nom} jusqu'à ${heure}`, { tenuePar: nom, tenueJusqua: until.toISOString() });
}
