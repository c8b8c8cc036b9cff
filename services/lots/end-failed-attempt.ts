import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { lots } from '../../storage/schema/index.ts';
import { decideAttempt, type IssueTentative } from './decide-attempt.ts';
import { setLotAside } from './set-lot-aside.ts';

/** A worker's hold on a lot: only the worker named in the lot row renews or ends it. */
export type Lease = { lotId: string; travailleur: string; leaseSeconds: number };

export const leaseEnd = (seconds: number) => sql`now() + make_interval(secs => ${seconds})`;

/**
 * Records a failed attempt on its lot: the error on the row, then a retry once the lease delay has
 * passed, or the lot set aside (`echec`) when it used its last attempt. An attempt cut short by the
 * database or S3 being out of reach is not counted against the lot. A worker that lost its lease
 * (another took the lot over) leaves the lot alone: `bail_perdu`.
 */
export async function endFailedAttempt(
  deps: { db: Database; objects: Pick<ObjectStore, 'ping'> },
  lease: Lease,
  error: unknown,
  maxAttempts: number,
): Promise<IssueTentative | 'bail_perdu'> {
  const backendsJoignables = await Promise.all([deps.db.execute(sql`select 1`), deps.objects.ping()]).then(
    () => true,
    () => false,
  );
  return deps.db.transaction(async (tx) => {
    const [lot] = await tx
      .select()
      .from(lots)
      .where(and(eq(lots.id, lease.lotId), eq(lots.travailleur, lease.travailleur), eq(lots.statut, 'en_cours')))
      .for('update');
    if (!lot) return 'bail_perdu';
    const issue = decideAttempt({ tentatives: lot.tentatives, maxTentatives: maxAttempts, backendsJoignables });
    const cause = error instanceof Error ? error.message : String(error);
    const erreur = `tentative ${lot.tentatives} (${lease.travailleur}) : ${cause}${issue === 'panne' ? ' [base ou S3 injoignable : tentative non comptée]' : ''}`;
    if (issue === 'echec') {
      await setLotAside(tx, lot, erreur);
      return issue;
    }
    // nobody holds the lot now, but its lease still runs: the delay before the next attempt
    await tx
      .update(lots)
      .set({
        erreur,
        travailleur: null,
        tentatives: issue === 'panne' ? lot.tentatives - 1 : lot.tentatives,
        bailJusqua: leaseEnd(lease.leaseSeconds),
        modifieLe: new Date(),
      })
      .where(eq(lots.id, lot.id));
    return issue;
  });
}
