import { and, asc, eq, gt } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { tachesRevue, type TacheRevue } from '../../storage/schema/index.ts';

/** The open review tasks, oldest first, a page at a time: `cursor` is the last one's creation date as given by `nextCursor`. */
export async function listOpenTasks(
  db: Database,
  input: { limit: number; cursor?: string | undefined },
): Promise<{ items: TacheRevue[]; nextCursor: string | null }> {
  const after = input.cursor ? new Date(Buffer.from(input.cursor, 'base64url').toString()) : undefined;
  const rows = await db
    .select()
    .from(tachesRevue)
    .where(and(eq(tachesRevue.statut, 'ouverte'), after ? gt(tachesRevue.creeLe, after) : undefined))
    .orderBy(asc(tachesRevue.creeLe))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > input.limit && last ? Buffer.from(last.creeLe.toISOString()).toString('base64url') : null;
  return { items, nextCursor };
}
