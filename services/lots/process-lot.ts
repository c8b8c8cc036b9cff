import { and, eq, inArray } from 'drizzle-orm';
import { numerosAConsulter } from '../../classification/match-couverture.ts';
import { findNumeroUniqueCandidates } from '../../classification/numero-unique.ts';
import type { PageTexte } from '../../classification/page-text.ts';
import { demandes, motifDeRefus, pages, type Demande, type Lot, type Page } from '../../storage/schema/index.ts';
import { findType } from '../../classification/plan-de-classement.ts';
import { AppError, asAppError } from '../app-error.ts';
import { openReviewTask } from '../lot-state/open-review-task.ts';
import { settleLot } from '../lot-state/settle-lot.ts';
import { filePiece, type FileDeps } from '../pieces/file-piece.ts';
import { today } from '../today.ts';
import { decideLot, pagesEnDoute } from './decide-lot.ts';
import { corpsNonLu, readPageBodies } from './read-page-bodies.ts';
import { readPages, type ReadPagesDeps } from './read-pages.ts';

export type ProcessDeps = ReadPagesDeps & FileDeps;

/**
 * The scan pipeline, top to bottom: pages read (extracted, normalised, blank-tested, OCR, each
 * checkpointed) → covers, numbers and registry match → envelopes → documents → types → each
 * document filed as a piece, or a review task with its reason. Envelopes never span files, so each
 * file is decided and filed once read, while the next is read, and the first pieces land long
 * before the lot's last page; a lot that declares its envelope count is decided whole, since that
 * count is checked before anything is filed. Safe to run again on the same lot after a crash: read pages are not read
 * again, filed documents and open tasks are found again.
 */
export async function processLot(
  lot: Lot,
  deps: ProcessDeps,
  onProgress: (done: number, total: number | null) => Promise<void> = async () => {},
): Promise<Lot> {
  const started = performance.now();
  const filed = { ms: 0, plis: 0, revues: 0 };
  const decideAndFile = async (fichier: number | null) => {
    const done = await decideAndFileRows(lot, deps, fichier);
    filed.ms += done.ms;
    filed.plis += done.plis;
    filed.revues += done.revues;
  };
  // a file is decided and filed while the next one is read, one file after the other: the OCR
  // workers do not wait for the filing, and a failure is kept for the end, never left unhandled
  let filing = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const fileOnceRead = async (fichier: number) => {
    filing = filing.then(() => (failure ? undefined : decideAndFile(fichier))).catch((error: unknown) => void (failure ??= { error }));
  };
  let read: Awaited<ReturnType<typeof readPages>>;
  let readMs = 0;
  try {
    read = await readPages(lot, deps, (done) => onProgress(done, lot.pages), lot.plisDeclares === null ? fileOnceRead : undefined);
    readMs = performance.now() - started;
  } finally {
    // nothing writes once the lot is left
    await filing;
  }
  if (failure) throw failure.error;
  for (const file of read.illisibles) {
    await openReviewTask(deps.db, {
      lotId: lot.id,
      motif: motifDeRefus(file.code) ?? 'fichier_illisible',
      pages: [],
      detail: `fichier « ${file.nom} » : ${file.message}`,
      suggestions: { fichier: file.fichier },
    });
  }
  if (lot.plisDeclares !== null) await decideAndFile(null);
  const rows = await deps.db.select({ normalisation: pages.normalisation }).from(pages).where(eq(pages.lotId, lot.id));
  deps.logger?.info({ lot: lot.id, pages: rows.length, ms: Math.round(readMs), etapes: stageTotals(rows) }, 'pages du lot lues');
  // ms: decisions and filing summed over the files, mostly while later files were read; apresLecture: what came after the last page was read
  deps.logger?.info(
    { lot: lot.id, ...filed, ms: Math.round(filed.ms), apresLecture: Math.round(performance.now() - started - readMs) },
    'lot décidé et classé',
  );
  return settleLot(deps.db, lot.id);
}

/**
 * The decisions on the lot's pages (of one file, or all), each document filed and each doubt a
 * review task. Pages read by their head and foot only that the decisions left in doubt have their
 * bodies read first, and the pages are decided again.
 */
async function decideAndFileRows(lot: Lot, deps: ProcessDeps, fichier: number | null) {
  const started = performance.now();
  const load = () =>
    deps.db
      .select()
      .from(pages)
      .where(and(eq(pages.lotId, lot.id), fichier === null ? undefined : eq(pages.fichier, fichier)))
      .orderBy(pages.index);
  let rows = await load();
  let decision = await decide(lot, rows, deps);
  const unread = new Set(rows.filter((row) => corpsNonLu(row)).map((row) => row.index));
  const toRead = pagesEnDoute(decision).filter((index) => unread.has(index));
  if (toRead.length > 0) {
    await readPageBodies(lot.id, toRead, deps);
    rows = await load();
    decision = await decide(lot, rows, deps);
  }

  for (const unreadable of rows.filter((r) => r.erreur)) {
    decision.revues.push({ motif: 'fichier_illisible', pages: [unreadable.index], detail: `OCR impossible : ${unreadable.erreur}`, suggestions: null });
  }
  for (const pli of decision.plis) {
    await deps.db
      .update(pages)
      .set({ role: 'couverture', numeroUnique: pli.numeroUnique })
      .where(and(eq(pages.lotId, lot.id), inArray(pages.index, pli.couverture)));
    for (const document of pli.documents) {
      try {
        const type = findType(document.categorie, document.type);
        if (!type) throw new AppError('type_inconnu', `type ${document.type} absent du plan`);
        await filePiece(deps, { lot, numeroUnique: pli.numeroUnique!, pages: document.pages, type });
      } catch (error) {
        const refus = asAppError(error);
        const motif = refus && motifDeRefus(refus.code);
        if (!refus || !motif) throw error;
        decision.revues.push({
          motif,
          pages: document.pages,
          detail: refus.message,
          suggestions: { numeroUnique: pli.numeroUnique, categorie: document.categorie, type: document.type },
        });
      }
    }
  }
  if (decision.pagesBlanches.length > 0) {
    await deps.db
      .update(pages)
      .set({ role: 'blanc' })
      .where(and(eq(pages.lotId, lot.id), inArray(pages.index, decision.pagesBlanches)));
  }
  for (const revue of decision.revues) await openReviewTask(deps.db, { lotId: lot.id, ...revue });
  const ms = performance.now() - started;
  deps.logger?.debug(
    { lot: lot.id, fichier, ms: Math.round(ms), corpsLus: toRead.length, plis: decision.plis.length, revues: decision.revues.length },
    'pages décidées et classées',
  );
  return { ms, plis: decision.plis.length, revues: decision.revues.length };
}

/** The lot's decisions from its page rows; a page OCR could not read takes no part in them, so it lands in one place only. */
async function decide(lot: Lot, rows: Array<typeof pages.$inferSelect>, deps: ProcessDeps) {
  const pageTexts: PageTexte[] = rows
    .filter((row) => !row.erreur)
    .map((row) => ({
      index: row.index,
      text: row.texte ?? '',
      blank: row.blanc ?? false,
      // an envelope never runs on past the end of its file
      fichier: row.fichier,
      ...(row.lectureNumero ? { lecturesZone: row.lectureNumero.lectures } : {}),
      ...(row.confianceOcr === null ? {} : { ocrConfidence: row.confianceOcr / 100 }),
    }));
  const registre = await loadRegistry(deps, pageTexts);
  return decideLot(pageTexts, registre, { plisDeclares: lot.plisDeclares ?? undefined, today: today() });
}

/** Milliseconds per stage of page reading, summed over the lot's pages (each page row keeps its own). */
function stageTotals(rows: Array<Pick<Page, 'normalisation'>>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const row of rows) {
    for (const [stage, ms] of Object.entries(row.normalisation?.ms ?? {})) totals[stage] = (totals[stage] ?? 0) + ms;
  }
  return totals;
}

/** The registry rows the lot's covers may name, fetched in one query, answered from memory. */
async function loadRegistry(deps: ProcessDeps, pageTexts: PageTexte[]) {
  const numbers = numerosAConsulter(pageTexts.flatMap((p) => (p.blank ? [] : findNumeroUniqueCandidates([p.text, ...(p.lecturesZone ?? [])].join('\n')))));
  const rows: Demande[] = numbers.length ? await deps.db.select().from(demandes).where(inArray(demandes.numeroUnique, numbers)) : [];
  const byNumber = new Map(rows.map((d) => [d.numeroUnique, d]));
  return {
    parNumero: (nu: string) => byNumber.get(nu),
    personnes: (nu: string) => {
      const d = byNumber.get(nu);
      return d ? { demandeur: { nom: d.nom, prenom: d.prenom, dateNaissance: d.dateNaissance } } : {};
    },
  };
}
