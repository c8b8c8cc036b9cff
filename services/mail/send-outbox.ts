import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { courriels } from '../../storage/schema/index.ts';
import { confirmationMessage } from './confirmation-message.ts';
import type { MailTransport } from './mail-transport.ts';

const maxAttempts = 10;

/**
 * Sends what the outbox holds, one e-mail per lot and applicant. A failed send is counted and
 * retried on the next round, up to 10 times; the rows keep the last error for the operators.
 */
export async function sendOutbox(db: Database, transport: MailTransport, from: string): Promise<{ envoyes: number; echecs: number }> {
  const pending = await db
    .select()
    .from(courriels)
    .where(and(isNull(courriels.envoyeLe), lt(courriels.tentatives, maxAttempts)))
    .orderBy(asc(courriels.creeLe))
    .limit(500);
  const groups = new Map<string, typeof pending>();
  for (const row of pending) groups.set(row.groupe, [...(groups.get(row.groupe) ?? []), row]);
  let envoyes = 0;
  let echecs = 0;
  for (const rows of groups.values()) {
    const first = rows[0]!;
    const ids = rows.map((r) => r.id);
    try {
      await transport.send({
        from,
        to: first.destinataire,
        ...confirmationMessage(
          first.numeroUnique,
          rows.map((r) => r.libelle),
        ),
      });
      await db.update(courriels).set({ envoyeLe: new Date(), erreur: null }).where(inArray(courriels.id, ids));
      envoyes++;
    } catch (error) {
      await db
        .update(courriels)
        .set({ tentatives: sql`${courriels.tentatives} + 1`, erreur: String(error) })
        .where(and(inArray(courriels.id, ids), eq(courriels.groupe, first.groupe)));
      echecs++;
    }
  }
  return { envoyes, echecs };
}
