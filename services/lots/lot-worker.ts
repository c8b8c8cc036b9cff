import { and, asc, eq, lt, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { lots, type Lot } from '../../storage/schema/index.ts';
import { processLot, type ProcessDeps } from './process-lot.ts';

/** Two minutes: long enough for a slow page, short enough that a crashed worker's lot soon resumes. */
export const defaultLeaseSeconds = 120;

const leaseEnd = (seconds: number) => sql`now() + make_interval(secs => ${seconds})`;

/**
 * Takes the oldest lot waiting, or one whose worker's lease ran out (a crashed worker), and leases
 * it. SKIP LOCKED lets several workers on one PostgreSQL share lots without taking one twice.
 */
export async function claimLot(db: ProcessDeps['db'], leaseSeconds = defaultLeaseSeconds): Promise<Lot | null> {
  return db.transaction(async (tx) => {
    const [next] = await tx
      .select({ id: lots.id })
      .from(lots)
      .where(and(eq(lots.canal, 'courrier'), or(eq(lots.statut, 'recu'), and(eq(lots.statut, 'en_cours'), lt(lots.bailJusqua, sql`now()`)))))
      .orderBy(asc(lots.creeLe))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!next) return null;
    const [lot] = await tx
      .update(lots)
      .set({ statut: 'en_cours', bailJusqua: leaseEnd(leaseSeconds), modifieLe: new Date() })
      .where(eq(lots.id, next.id))
      .returning();
    return lot ?? null;
  });
}

/** Renews a lot's lease while its pages are read, and records how many are done. */
export async function renewLease(db: ProcessDeps['db'], lotId: string, pagesTraitees: number, leaseSeconds = defaultLeaseSeconds): Promise<void> {
  await db.update(lots).set({ pagesTraitees, bailJusqua: leaseEnd(leaseSeconds), modifieLe: new Date() }).where(eq(lots.id, lotId));
}

/** Renews the lease on a clock while a lot is processed, including its filing, which reports no pages. */
function holdLease(db: ProcessDeps['db'], lotId: string, leaseSeconds: number, logger: Logger): () => void {
  const timer = setInterval(() => {
    db.update(lots)
      .set({ bailJusqua: leaseEnd(leaseSeconds) })
      .where(and(eq(lots.id, lotId), eq(lots.statut, 'en_cours')))
      .catch((error: unknown) => logger.warn({ err: error, lot: lotId }, 'bail du lot non renouvelé'));
  }, (leaseSeconds * 1000) / 3);
  return () => clearInterval(timer);
}

/** A loop in the serving process that processes scan lots one after the other until stopped. */
export function startLotWorker(
  db: ProcessDeps['db'],
  makeDeps: () => ProcessDeps,
  logger: Logger,
  { pollMs = 1000, leaseSeconds = defaultLeaseSeconds }: { pollMs?: number; leaseSeconds?: number } = {},
) {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let lot: Lot | null = null;
      try {
        lot = await claimLot(db, leaseSeconds);
        if (lot) {
          logger.info({ lot: lot.id }, 'lot pris en charge');
          const release = holdLease(db, lot.id, leaseSeconds, logger);
          try {
            // the OCR pool starts with the first lot, not with the server
            const done = await processLot(lot, makeDeps(), (n) => renewLease(db, lot!.id, n, leaseSeconds));
            logger.info({ lot: lot.id, statut: done.statut, pages: done.pages }, 'lot traité');
          } finally {
            release();
          }
          continue;
        }
      } catch (error) {
        // the lease runs out and the lot is taken again: a database or S3 outage delays, never loses
        logger.error({ err: error, lot: lot?.id }, 'traitement du lot interrompu, reprise plus tard');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pollMs);
      });
    }
  })();
  return {
    /** Looks for work now rather than at the next poll. */
    nudge: () => wake?.(),
    /**
     * Stops taking lots. A lot in progress is waited for a few seconds only: past that the process
     * may exit, and the lot's lease lets the next start take it over from its last checkpoint.
     */
    async stop(graceMs = 5000) {
      stopped = true;
      wake?.();
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    },
  };
}
