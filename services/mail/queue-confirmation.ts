import { eq } from 'drizzle-orm';
import type { Tx } from '../../storage/database.ts';
import { courriels, demandes } from '../../storage/schema/index.ts';

/**
 * Writes the applicant's confirmation of a filed piece to the outbox, inside the filing
 * transaction: the piece and its announcement commit together or not at all.
 */
export async function queueConfirmation(tx: Tx, input: { numeroUnique: string; lotId: string; pieceId: string; libelle: string }): Promise<void> {
  const [demande] = await tx.select({ email: demandes.email }).from(demandes).where(eq(demandes.numeroUnique, input.numeroUnique));
  if (!demande?.email) return; // no address in the registry: nothing to send, the guichet informs the applicant
  await tx.insert(courriels).values({
    numeroUnique: input.numeroUnique,
    destinataire: demande.email,
    groupe: `${input.lotId}:${input.numeroUnique}`,
    pieceId: input.pieceId,
    libelle: input.libelle,
  });
}
