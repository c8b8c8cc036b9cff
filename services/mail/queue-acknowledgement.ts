import { and, eq } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { courriels } from '../../storage/schema/index.ts';

/**
 * Writes a message's acknowledgement to the outbox, once per lot: a lot processed again after a
 * crash does not answer the guichet twice.
 */
export async function queueAcknowledgement(
  db: Database,
  input: { lotId: string; destinataire: string; numeroUnique: string | null; subject: string; text: string; inReplyTo: string | null },
): Promise<void> {
  const groupe = `accuse:${input.lotId}`;
  const [known] = await db
    .select({ id: courriels.id })
    .from(courriels)
    .where(and(eq(courriels.groupe, groupe)));
  if (known) return;
  await db.insert(courriels).values({
    numeroUnique: input.numeroUnique ?? '',
    destinataire: input.destinataire,
    groupe,
    libelle: 'accusé de réception',
    sujet: input.subject,
    corps: input.text,
    enReponseA: input.inReplyTo,
  });
}
