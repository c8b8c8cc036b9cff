import { eq } from 'drizzle-orm';
import type { Database, Tx } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { pieces, type Acteur, type Piece } from '../../storage/schema/index.ts';
import { appendJournal, type EntreeJournal } from './journal.ts';
import { bucketOf } from './piece-body.ts';

/**
 * Changes a piece's row and, when its bucket changes with it (quarantine, sensitivity), moves its
 * object: copied first, row committed with its journal event, old copy deleted last, so that a
 * crash leaves at worst an orphan copy for the sweeper, never a row without its object.
 */
export async function updatePiece(
  { db, objects }: { db: Database; objects: ObjectStore },
  piece: Piece,
  change: Partial<Piece>,
  event: Omit<EntreeJournal, 'numeroUnique' | 'pieceId' | 'acteur'> & { acteur: Acteur },
  check?: (tx: Tx) => Promise<void>,
): Promise<Piece> {
  const next = { ...piece, ...change };
  const bucket = bucketOf(next);
  if (bucket !== piece.bucket) await objects.copy({ bucket: piece.bucket as typeof bucket, key: piece.cle }, { bucket, key: piece.cle });
  let updated: Piece;
  try {
    updated = await db.transaction(async (tx) => {
      if (check) await check(tx);
      const [row] = await tx
        .update(pieces)
        .set({ ...change, bucket, modifieLe: new Date() })
        .where(eq(pieces.id, piece.id))
        .returning();
      await appendJournal(tx, { ...event, numeroUnique: piece.numeroUnique, pieceId: piece.id });
      return row!;
    });
  } catch (error) {
    if (bucket !== piece.bucket) await objects.delete(bucket, piece.cle).catch(() => {});
    throw error;
  }
  if (bucket !== piece.bucket) await objects.delete(piece.bucket as typeof bucket, piece.cle);
  return updated;
}
