import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { type Courriel, courriels } from '../../storage/schema/index.ts';
import { confirmationMessage } from './confirmation-message.ts';
import type { MailTransport } from './mail-transport.ts';

const maxAttempts = 10;

/** A message written whole (an acknowledgement) as it is; else the applicant's confirmation of the pieces. */
function messageOf(rows: Courriel[]) {
  const first = rows[0]!;
  if (first.corps !== null) {
    const threading = first.enReponseA ? { inReplyTo: first.enReponseA, references: first.enReponseA } : {};
    return { subject: first.sujet ?? '', text: first.corps, ...threading };
  }
  return confirmationMessage(
    first.numeroUnique,
    rows.map((r) => r.libelle),
  );
}

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
      await transport.send({ from, to: first.destinataire, ...messageOf(rows) });
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
