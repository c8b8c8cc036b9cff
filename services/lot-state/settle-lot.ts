import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { lots, tachesRevue, type Lot, type StatutLot } from '../../storage/schema/index.ts';

/**
 * `termine` once every page is filed or resolved, `a_revoir` while a review task is open. Only a
 * lot in one of the `from` states is settled: a task resolved while a worker still holds its lot
 * leaves the lot to that worker, whose own settling counts the task.
 */
export async function settleLot(db: Database, lotId: string, from: StatutLot[] = ['recu', 'en_cours']): Promise<Lot> {
  const [open] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(tachesRevue)
    .where(and(eq(tachesRevue.lotId, lotId), eq(tachesRevue.statut, 'ouverte')));
  const [settled] = await db
    .update(lots)
    .set({ statut: (open?.n ?? 0) > 0 ? 'a_revoir' : 'termine', bailJusqua: null, modifieLe: new Date() })
    .where(and(eq(lots.id, lotId), inArray(lots.statut, from)))
    .returning();
  if (settled) return settled;
  const [lot] = await db.select().from(lots).where(eq(lots.id, lotId));
  return lot!;
}
