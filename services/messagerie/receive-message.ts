import { createHash, randomUUID } from 'node:crypto';
import { eq, or } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { lots, type Acteur, type Lot } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import type { EntetesMessage } from './lire-entetes.ts';

/**
 * Keeps a received message's raw bytes in the originals bucket and records it as a lot of channel
 * `mel`, before anything else happens to it: a message accepted is never lost, whatever its
 * content. The same Message-ID or the same bytes again is the same lot, answered as it stands.
 */
export async function receiveMessage(
  { db, objects }: { db: Database; objects: ObjectStore },
  input: { raw: Buffer; entetes: EntetesMessage; acteur: Pick<Acteur, 'id'> | null },
): Promise<{ lot: Lot; existant: boolean }> {
  if (input.raw.length === 0) throw new AppError('fichier_vide', 'message vide');
  const sha256 = createHash('sha256').update(input.raw).digest('hex');
  const empreinte = createHash('sha256').update(`mel:${sha256}`).digest('hex');
  const { messageId } = input.entetes;
  const find = async () => {
    const [known] = await db
      .select()
      .from(lots)
      .where(messageId ? or(eq(lots.empreinte, empreinte), eq(lots.messageId, messageId)) : eq(lots.empreinte, empreinte));
    return known;
  };
  const known = await find();
  if (known) return { lot: known, existant: true };
  const cle = randomUUID();
  await objects.put('originaux', cle, input.raw, { contentType: 'message/rfc822' });
  const [lot] = await db
    .insert(lots)
    .values({
      canal: 'mel',
      statut: 'recu',
      reference: messageId,
      messageId,
      empreinte,
      fichiers: [{ nom: 'message.eml', cle, sha256, taille: input.raw.length, type: 'message/rfc822' }],
      acteurId: input.acteur?.id ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (lot) return { lot, existant: false };
  // the same message received at the same time on another connection won
  await objects.delete('originaux', cle).catch(() => {});
  return { lot: (await find())!, existant: true };
}
