import { and, eq, ne } from 'drizzle-orm';
import type { TypeTrouve } from '../../classification/plan-de-classement.ts';
import { verifierLimites } from '../../classification/verifier-limites.ts';
import type { Database } from '../../storage/database.ts';
import { pieces } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';

/**
 * Refuses one more piece of this type when the dossier's active pieces of its category already
 * reach the type's or the category's limit (`exceptPieceId`: a piece being reclassified or
 * restored does not count against itself).
 */
export async function enforceLimits(db: Pick<Database, 'select'>, numeroUnique: string, found: TypeTrouve, exceptPieceId?: string): Promise<void> {
  const held = await db
    .select({ categorie: pieces.categorie, type: pieces.type })
    .from(pieces)
    .where(
      and(
        eq(pieces.numeroUnique, numeroUnique),
        eq(pieces.categorie, found.categorie.code),
        eq(pieces.statut, 'active'),
        exceptPieceId ? ne(pieces.id, exceptPieceId) : undefined,
      ),
    );
  const verdict = verifierLimites({ categorie: found.categorie.code, type: found.type.code }, held);
  if (verdict.ok) return;
  throw new AppError(verdict.motif, `${verdict.detail} : retirez-en une avant d'en ajouter`, { limite: verdict.limite, presents: verdict.presents });
}
