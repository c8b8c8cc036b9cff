import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { acteurs, jetons, type Acteur } from '../../storage/schema/index.ts';
import { hashToken } from './create-token.ts';

/** The actor a bearer token belongs to, or null for an unknown or revoked token. */
export async function findActeurByToken(db: Database, token: string): Promise<Acteur | null> {
  const [row] = await db
    .select({ acteur: acteurs })
    .from(jetons)
    .innerJoin(acteurs, eq(jetons.acteurId, acteurs.id))
    .where(and(eq(jetons.hash, hashToken(token)), isNull(jetons.revoqueLe)))
    .limit(1);
  return row?.acteur ?? null;
}
