import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { acteurs, lots, tachesRevue, type Canal, type MotifRevue, type TacheRevue } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';

/** The queue's filters; `tache` narrows it to one task (its row as the queue shows it). */
export type FiltresFile = { motif?: MotifRevue | undefined; lotId?: string | undefined; canal?: Canal | undefined; tache?: string | undefined };

/** An open task as the queue lists it: with its lot (reference, channel, reception) and who holds it. */
export type TacheEnFile = {
  task: TacheRevue;
  lot: { id: string; reference: string | null; canal: Canal; recuLe: Date } | null;
  tenue: { acteurId: string; nom: string; jusqua: Date } | null;
};

// a task's pieces are due 15 days after its lot was received: the oldest reception comes first
const received = sql<Date>`coalesce(${lots.creeLe}, ${tachesRevue.creeLe})`;

/**
 * The open review tasks, those whose pieces were received first at the head (so an overdue task
 * is never behind a fresh one), filtered by reason, lot or channel, a page at a time: `cursor` is
 * the `nextCursor` of the previous page.
 */
export async function listOpenTasks(
  db: Database,
  input: { limit: number; cursor?: string | undefined } & FiltresFile,
  now = new Date(),
): Promise<{ items: TacheEnFile[]; nextCursor: string | null }> {
  const rows = await db
    .select({ task: tachesRevue, lotId: lots.id, reference: lots.reference, canal: lots.canal, recuLe: received, holder: acteurs.nom })
    .from(tachesRevue)
    .leftJoin(lots, eq(lots.id, tachesRevue.lotId))
    .leftJoin(acteurs, eq(acteurs.id, tachesRevue.tenuePar))
    .where(
      and(
        eq(tachesRevue.statut, 'ouverte'),
        input.motif ? eq(tachesRevue.motif, input.motif) : undefined,
        input.lotId ? eq(tachesRevue.lotId, input.lotId) : undefined,
        input.tache ? eq(tachesRevue.id, input.tache) : undefined,
        input.canal ? eq(lots.canal, input.canal) : undefined,
        input.cursor ? after(input.cursor) : undefined,
      ),
    )
    .orderBy(asc(received), asc(tachesRevue.creeLe), asc(tachesRevue.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map((r) => ({
    task: r.task,
    lot: r.lotId && r.canal ? { id: r.lotId, reference: r.reference, canal: r.canal, recuLe: new Date(r.recuLe) } : null,
    tenue: r.holder && r.task.tenueJusqua && r.task.tenueJusqua > now ? { acteurId: r.task.tenuePar!, nom: r.holder, jusqua: r.task.tenueJusqua } : null,
  }));
  const last = rows[input.limit - 1];
  const nextCursor =
    rows.length > input.limit && last
      ? Buffer.from(JSON.stringify([new Date(last.recuLe).toISOString(), last.task.creeLe.toISOString(), last.task.id])).toString('base64url')
      : null;
  return { items, nextCursor };
}

function after(cursor: string): SQL {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    position = null;
  }
  if (!Array.isArray(position) || position.length !== 3 || !position.every((v) => typeof v === 'string')) {
    throw new AppError('requete_invalide', 'cursor : curseur illisible (reprenez celui que donne nextCursor)');
  }
  const [recu, cree, id] = position as string[];
  return sql`(${received}, ${tachesRevue.creeLe}, ${tachesRevue.id}) > (${recu}::timestamptz, ${cree}::timestamptz, ${id}::uuid)`;
}
