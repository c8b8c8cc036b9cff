import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { TypeTrouve } from '../../classification/plan-de-classement.ts';
import type { Database } from '../../storage/database.ts';
import { pieces } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { checkLimits } from './check-limits.ts';

/**
 * Refuses one more piece of this type when the dossier's active pieces already reach the type's or
 * the category's limit (`exceptPieceId`: the piece being reclassified does not count against itself).
 */
export async function enforceLimits(db: Pick<Database, 'select'>, numeroUnique: string, found: TypeTrouve, exceptPieceId?: string): Promise<void> {
  const [row] = await db
    .select({ type: sql<number>`count(*) filter (where ${pieces.type} = ${found.type.code})`.mapWith(Number), categorie: count() })
    .from(pieces)
    .where(
      and(
        eq(pieces.numeroUnique, numeroUnique),
        eq(pieces.categorie, found.categorie.code),
        eq(pieces.statut, 'active'),
        exceptPieceId ? ne(pieces.id, exceptPieceId) : undefined,
      ),
    );
  const breach = checkLimits(found, { type: row?.type ?? 0, categorie: row?.categorie ?? 0 });
  if (!breach) return;
  throw new AppError(
    'limite_categorie_atteinte',
    `le dossier contient déjà ${breach.deja} pièce(s) de ${breach.portee === 'type' ? 'type' : 'catégorie'} ${breach.code}, le maximum est ${breach.max} : retirez-en une avant d'en ajouter`,
    { limite: breach },
  );
}
