import { eq } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { pieces, type Acteur, type Piece } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { pieceAccess, type PieceAccess } from './piece-access.ts';

const rank: Record<PieceAccess, number> = { aucun: 0, liste: 1, lecture: 2 };

/**
 * A piece the actor may see at the level asked, else `introuvable`: a piece one may not see
 * answers as if it did not exist. A pgp service must name the piece's dossier.
 */
export async function findVisiblePiece(
  db: Database,
  acteur: Acteur,
  id: string,
  need: Exclude<PieceAccess, 'aucun'>,
  numeroUniqueNomme?: string,
): Promise<Piece> {
  const missing = new AppError('introuvable', `aucune pièce ${id}`);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw missing;
  const [piece] = await db.select().from(pieces).where(eq(pieces.id, id)).limit(1);
  if (!piece) throw missing;
  if (rank[pieceAccess(acteur.role, piece)] < rank[need]) throw missing;
  if (acteur.role === 'pgp' && piece.numeroUnique !== numeroUniqueNomme) throw missing;
  return piece;
}
