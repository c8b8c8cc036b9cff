import { motifDeRefus, type Lot } from '../../storage/schema/index.ts';
import { openReviewTask } from '../lot-state/open-review-task.ts';
import { settleLot } from '../lot-state/settle-lot.ts';
import type { FileDeps } from '../pieces/file-piece.ts';
import { decidePages, type DecideDeps, type PagesDecidees } from './decide-pages.ts';
import { fileDecision } from './file-decision.ts';
import { readLot, type FichierIllisible, type ReadDeps } from './read-lot.ts';

export type ProcessDeps = ReadDeps & DecideDeps & FileDeps;

/**
 * The scan pipeline, top to bottom:
 * 1. read: every page extracted, normalised, tested for blankness and read by OCR, checkpointed;
 * 2. decide: covers, numbers and registry match, envelopes, documents, types, on the pages read so
 *    far (`complet: false`) each time a file is read, then on the whole lot;
 * 3. file: each document filed as a piece, each doubt a review task, only pages not placed yet;
 * 4. settle: `termine`, or `a_revoir` while a task is open.
 * The first pieces land while later files are still read. Safe to run again on the same lot after
 * a crash: read pages are not read again, and what a decision filed or opened is found again.
 */
export async function processLot(
  lot: Lot,
  deps: ProcessDeps,
  onProgress: (done: number, total: number | null) => Promise<void> = async () => {},
): Promise<Lot> {
  const started = performance.now();
  let readMs = 0;
  const spent = { ms: 0, pieces: 0, revues: 0 };
  const decideAndFile = async (options: { complet: boolean; fichiers?: number }) => {
    const t0 = performance.now();
    const decided = await decidePages(lot, deps, options);
    const filed = await fileDecision(lot, decided, deps);
    spent.ms += performance.now() - t0;
    spent.pieces += filed.pieces;
    spent.revues += filed.revues;
    deps.logger?.debug(
      { lot: lot.id, ...options, ms: Math.round(performance.now() - t0), corpsLus: decided.corpsLus.length, ...filed },
      'pages décidées et classées',
    );
    return { decided, filed };
  };

  const lecture = readLot(lot, deps, (done) => onProgress(done, lot.pages));
  try {
    for await (const fichier of lecture.fichiers) {
      readMs = fichier.luA - started;
      if (fichier.illisible) {
        await openReviewTask(deps.db, unreadableFileTask(lot.id, fichier.illisible));
        spent.revues++;
      }
      await decideAndFile({ complet: false, fichiers: fichier.fichier + 1 });
    }
  } finally {
    // nothing writes once the lot is left
    await lecture.stop();
  }
  const { decided, filed } = await decideAndFile({ complet: true });
  deps.logger?.info({ lot: lot.id, pages: decided.pages.length, ms: Math.round(readMs), etapes: stageTotals(decided) }, 'pages du lot lues');
  // pieces, revues: filed and opened by all the decisions; ms: their time summed, mostly while later files were read;
  // apresLecture: what came after the last page was read
  deps.logger?.info(
    {
      lot: lot.id,
      plis: filed.plis,
      pieces: spent.pieces,
      revues: spent.revues,
      ms: Math.round(spent.ms),
      apresLecture: Math.round(performance.now() - started - readMs),
    },
    'lot décidé et classé',
  );
  return settleLot(deps.db, lot.id);
}

/** A file that could not be read (further): a task of its own, naming it, on no page. */
function unreadableFileTask(lotId: string, file: FichierIllisible) {
  return {
    lotId,
    motif: motifDeRefus(file.code) ?? 'fichier_illisible',
    pages: [],
    detail: `fichier « ${file.nom} » : ${file.message}`,
    suggestions: { fichier: file.fichier },
  };
}

/** Milliseconds per stage of page reading, summed over the lot's pages (each page row keeps its own). */
function stageTotals({ pages }: PagesDecidees): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const page of pages) {
    for (const [stage, ms] of Object.entries(page.normalisation?.ms ?? {})) totals[stage] = (totals[stage] ?? 0) + ms;
  }
  return totals;
}
