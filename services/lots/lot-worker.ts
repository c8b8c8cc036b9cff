import os from 'node:os';
import { and, asc, eq, lt, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { lots, type Canal, type Lot } from '../../storage/schema/index.ts';
import { mayTakeAgain } from './decide-attempt.ts';
import { endFailedAttempt, leaseEnd, type Lease } from './end-failed-attempt.ts';

export type { Lease };
import { processLot, type ProcessDeps } from './process-lot.ts';
import { setLotAside } from './set-lot-aside.ts';

/** Two minutes: long enough for a slow page, short enough that a crashed worker's lot soon resumes. */
export const defaultLeaseSeconds = 120;
/** Three attempts: one crash or outage is absorbed, a lot that fails every time is soon set aside. */
export const defaultMaxAttempts = 3;

/** This process as a lot's worker, as recorded in `lots.travailleur`. */
export function workerId(): string {
  return `${os.hostname()}:${process.pid}`;
}

export type ClaimOptions = {
  travailleur: string;
  leaseSeconds?: number;
  maxAttempts?: number;
  /** Only this lot (the command line's own lot), else the oldest waiting. */
  lotId?: string;
  /** The channel whose lots this worker takes: scan lots by default, or guichets' messages. */
  canal?: Extract<Canal, 'courrier' | 'mel'>;
  onSetAside?: (lot: Lot) => void;
};

/**
 * Takes the oldest lot waiting, or one whose worker's lease ran out (a crashed worker), leases it
 * in the claimant's name and counts the attempt. SKIP LOCKED lets several workers on one
 * PostgreSQL share lots without taking one twice. A lot that used all its attempts is set aside
 * (`echec`, with a review task) instead of being taken again.
 */
export async function claimLot(db: ProcessDeps['db'], options: ClaimOptions): Promise<Lot | null> {
  const { travailleur, leaseSeconds = defaultLeaseSeconds, maxAttempts = defaultMaxAttempts } = options;
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const [next] = await tx
        .select()
        .from(lots)
        .where(
          and(
            eq(lots.canal, options.canal ?? 'courrier'),
            options.lotId ? eq(lots.id, options.lotId) : undefined,
            or(eq(lots.statut, 'recu'), and(eq(lots.statut, 'en_cours'), lt(lots.bailJusqua, sql`now()`))),
          ),
        )
        .orderBy(asc(lots.creeLe))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!next) return null;
      // a worker that still held the lot never came back (killed, or cut off): its attempt ended
      // without an error of its own, so the error is written for it
      const erreur =
        next.statut === 'en_cours' && next.travailleur
          ? `tentative ${next.tentatives} (${next.travailleur}) interrompue : plus de nouvelles du travailleur depuis ${next.bailJusqua?.toISOString() ?? '?'}`
          : next.erreur;
      if (!mayTakeAgain({ tentatives: next.tentatives, maxTentatives: maxAttempts })) {
        return { lot: null, aside: await setLotAside(tx, next, erreur ?? 'aucune erreur enregistrée') };
      }
      const [lot] = await tx
        .update(lots)
        .set({ statut: 'en_cours', tentatives: sql`${lots.tentatives} + 1`, travailleur, erreur, bailJusqua: leaseEnd(leaseSeconds), modifieLe: new Date() })
        .where(eq(lots.id, next.id))
        .returning();
      return { lot: lot!, aside: null };
    });
    if (!claimed) return null;
    if (claimed.lot) return claimed.lot;
    options.onSetAside?.(claimed.aside!);
  }
}

/**
 * Renews a lease its worker still holds, and records how many pages are done. False when the lease
 * is gone (another worker took the lot over after it ran out, or the lot was settled): the caller
 * must stop writing.
 */
export async function renewLease(db: ProcessDeps['db'], lease: Lease, pagesTraitees?: number): Promise<boolean> {
  const renewed = await db
    .update(lots)
    .set({ ...(pagesTraitees === undefined ? {} : { pagesTraitees }), bailJusqua: leaseEnd(lease.leaseSeconds), modifieLe: new Date() })
    .where(and(eq(lots.id, lease.lotId), eq(lots.travailleur, lease.travailleur), eq(lots.statut, 'en_cours')))
    .returning({ id: lots.id });
  return renewed.length > 0;
}

/**
 * The error that stops a worker whose lease is gone. A plain Error, not an AppError: the page stage
 * takes an AppError for a file it could not read, and would go on with the next file.
 */
export async function leaseLost(db: ProcessDeps['db'], lease: Lease): Promise<Error> {
  const [lot] = await db.select({ statut: lots.statut, travailleur: lots.travailleur }).from(lots).where(eq(lots.id, lease.lotId));
  const now = lot?.travailleur && lot.travailleur !== lease.travailleur ? `repris par ${lot.travailleur}` : `lot ${lot?.statut ?? 'supprimé'}`;
  return new Error(`bail du lot ${lease.lotId} perdu par ${lease.travailleur} (${now}) : traitement arrêté`);
}

/**
 * Renews the lease on a clock while a lot is processed, including its filing, which reports no
 * pages. Once the lease is found gone it stops renewing, and the next page stops the processing.
 */
function holdLease(db: ProcessDeps['db'], lease: Lease, logger: Logger) {
  let lost = false;
  const timer = setInterval(
    () => {
      renewLease(db, lease).then(
        (renewed) => {
          if (renewed) return;
          lost = true;
          clearInterval(timer);
        },
        (error: unknown) => logger.warn({ err: error, lot: lease.lotId }, 'bail du lot non renouvelé'),
      );
    },
    (lease.leaseSeconds * 1000) / 3,
  );
  return { lost: () => lost, release: () => clearInterval(timer) };
}

/** What a worker runs on a lot it holds: the scan pipeline, or a message's. */
/** What every worker needs of its deps, whatever it runs. */
type WorkerDeps = Pick<ProcessDeps, 'db' | 'objects'>;

export type LotProcessor<D extends WorkerDeps = ProcessDeps> = (
  lot: Lot,
  deps: D,
  onProgress: (done: number, total: number | null) => Promise<void>,
) => Promise<Lot>;

export type AttemptOptions<D extends WorkerDeps = ProcessDeps> = {
  maxAttempts: number;
  process?: LotProcessor<D>;
  logger: Logger;
  onProgress?: (done: number, total: number | null) => void;
};

/**
 * Runs the pipeline on a lot this worker claimed, holding its lease. A failure is recorded on the
 * lot (retried later, or set aside after the last attempt) and answered with null; a lease lost to
 * another worker stops the processing at the next page and leaves the lot to that worker.
 */
export async function processClaimedLot<D extends WorkerDeps>(
  db: ProcessDeps['db'],
  deps: D,
  lot: Lot,
  lease: Lease,
  options: AttemptOptions<D>,
): Promise<Lot | null> {
  const held = holdLease(db, lease, options.logger);
  const run = options.process ?? (processLot as unknown as LotProcessor<D>);
  try {
    return await run(lot, deps, async (done, total) => {
      // checked at every page: a worker whose lot was taken over writes no more of it
      if (held.lost() || !(await renewLease(db, lease, done))) throw await leaseLost(db, lease);
      options.onProgress?.(done, total);
    });
  } catch (error) {
    options.logger.error({ err: error, lot: lot.id }, 'traitement du lot interrompu');
    const issue = await recordFailure({ db, objects: deps.objects }, lease, error, options);
    if (issue === 'panne') options.logger.warn({ lot: lot.id }, 'base ou S3 injoignable : tentative non comptée, reprise après le bail');
    if (issue === 'nouvel_essai') options.logger.warn({ lot: lot.id }, 'tentative comptée, reprise après le bail');
    if (issue === 'echec')
      options.logger.error({ lot: lot.id, tentatives: options.maxAttempts }, 'lot mis de côté (echec) : tâche de revue lot_en_echec ouverte');
    if (issue === 'bail_perdu') options.logger.warn({ lot: lot.id }, "bail du lot perdu : laissé au travailleur qui l'a repris");
    return null;
  } finally {
    held.release();
  }
}

/** Tries for as long as the lease would last: a database back within it still records the attempt. */
async function recordFailure(
  deps: Parameters<typeof endFailedAttempt>[0],
  lease: Lease,
  error: unknown,
  options: Pick<AttemptOptions, 'maxAttempts' | 'logger'>,
) {
  for (const deadline = Date.now() + lease.leaseSeconds * 1000; ; ) {
    try {
      return await endFailedAttempt(deps, lease, error, options.maxAttempts);
    } catch (recordError) {
      if (Date.now() > deadline) {
        // the lease runs out and the next claim records the attempt as interrupted
        options.logger.error({ err: recordError, lot: lease.lotId }, 'échec du lot non enregistré');
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** A loop in the serving process that processes one channel's lots one after the other until stopped. */
export function startLotWorker<D extends WorkerDeps = ProcessDeps>(
  db: ProcessDeps['db'],
  makeDeps: () => D,
  logger: Logger,
  {
    pollMs = 1000,
    leaseSeconds = defaultLeaseSeconds,
    maxAttempts = defaultMaxAttempts,
    travailleur = workerId(),
    canal = 'courrier',
    process,
  }: { pollMs?: number; leaseSeconds?: number; maxAttempts?: number; travailleur?: string; canal?: ClaimOptions['canal']; process?: LotProcessor<D> } = {},
) {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        const lot = await claimLot(db, {
          travailleur,
          canal,
          leaseSeconds,
          maxAttempts,
          onSetAside: (aside) => logger.error({ lot: aside.id, erreur: aside.erreur }, 'lot mis de côté (echec) : tâche de revue lot_en_echec ouverte'),
        });
        if (lot) {
          logger.info({ lot: lot.id, tentative: lot.tentatives, travailleur }, 'lot pris en charge');
          // the OCR pool starts with the first lot, not with the server
          const done = await processClaimedLot(db, makeDeps(), lot, { lotId: lot.id, travailleur, leaseSeconds }, { maxAttempts, logger, process });
          if (done) logger.info({ lot: lot.id, statut: done.statut, pages: done.pages }, 'lot traité');
          else await pause(pollMs, (resolve) => (wake = resolve));
          continue;
        }
      } catch (error) {
        // the database is out of reach: the next poll tries again
        logger.error({ err: error }, 'file des lots injoignable, nouvel essai');
      }
      await pause(pollMs, (resolve) => (wake = resolve));
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

function pause(ms: number, onWake: (resolve: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    onWake(resolve);
    setTimeout(resolve, ms);
  });
}
