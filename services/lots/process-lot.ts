import { and, eq, inArray, sql } from 'drizzle-orm';
import { numerosAConsulter } from '../../classification/match-couverture.ts';
import { findNumeroUniqueCandidates } from '../../classification/numero-unique.ts';
import type { PageTexte } from '../../classification/page-text.ts';
import { demandes, lots, pages, tachesRevue, type Demande, type Lot, type StatutLot } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { openReviewTask } from '../revue/open-review-task.ts';
import { today } from '../today.ts';
import { decideLot, pagesEnDoute } from './decide-lot.ts';
import { fileDocument, type FileDeps } from './file-document.ts';
import { corpsNonLu, readPageBodies } from './read-page-bodies.ts';
import { readPages, type ReadPagesDeps } from './read-pages.ts';

export type ProcessDeps = ReadPagesDeps & FileDeps;

/**
 * The scan pipeline, top to bottom: pages read (extracted, normalised, blank-tested, OCR, each
 * checkpointed) → covers, numbers and registry match → envelopes → documents → types → each
 * document filed as a piece, or a review task with its reason. Safe to run again on the same lot
 * after a crash: read pages are not read again, filed documents and open tasks are found again.
 */
export async function processLot(lot: Lot, deps: ProcessDeps, onProgress: (done: number, total: number | null) => Promise<void> = async () => {}): Promise<Lot> {
  const started = performance.now();
  const read = await readPages(lot, deps, (done) => onProgress(done, lot.pages));
  const readMs = performance.now() - started;
  for (const file of read.illisibles) {
    await openReviewTask(deps.db, { lotId: lot.id, motif: file.code, pages: [], detail: `fichier « ${file.nom} » : ${file.message}`, suggestions: { fichier: file.fichier } });
  }

  let rows = await deps.db.select().from(pages).where(eq(pages.lotId, lot.id)).orderBy(pages.index);
  deps.logger?.info({ lot: lot.id, pages: rows.length, ms: Math.round(readMs), etapes: stageTotals(rows) }, 'pages du lot lues');
  const decided = performance.now();
  let decision = await decide(lot, rows, deps);
  // pages read by their head and foot only that the decisions left in doubt: their bodies read, and the lot decided again
  const unread = new Set(rows.filter((row) => corpsNonLu(row)).map((row) => row.index));
  const toRead = pagesEnDoute(decision).filter((index) => unread.has(index));
  if (toRead.length > 0) {
    await readPageBodies(lot.id, toRead, deps);
    rows = await deps.db.select().from(pages).where(eq(pages.lotId, lot.id)).orderBy(pages.index);
    decision = await decide(lot, rows, deps);
    deps.logger?.info({ lot: lot.id, pages: toRead.length, ms: Math.round(performance.now() - decided) }, 'corps de pages lus pour décider');
  }

  for (const unreadable of rows.filter((r) => r.erreur)) {
    decision.revues.push({ motif: 'fichier_illisible', pages: [unreadable.index], detail: `OCR impossible : ${unreadable.erreur}`, suggestions: null });
  }
  for (const pli of decision.plis) {
    await deps.db.update(pages).set({ role: 'couverture', numeroUnique: pli.numeroUnique }).where(and(eq(pages.lotId, lot.id), inArray(pages.index, pli.couverture)));
    for (const document of pli.documents) {
      try {
        await fileDocument(deps, lot, { ...document, numeroUnique: pli.numeroUnique! });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        decision.revues.push({ motif: error.code as never, pages: document.pages, detail: error.message, suggestions: { numeroUnique: pli.numeroUnique, categorie: document.categorie, type: document.type } });
      }
    }
  }
  if (decision.pagesBlanches.length > 0) {
    await deps.db.update(pages).set({ role: 'blanc' }).where(and(eq(pages.lotId, lot.id), inArray(pages.index, decision.pagesBlanches)));
  }
  for (const revue of decision.revues) await openReviewTask(deps.db, { lotId: lot.id, ...revue });
  deps.logger?.info({ lot: lot.id, ms: Math.round(performance.now() - decided), plis: decision.plis.length, revues: decision.revues.length }, 'lot décidé et classé');
  return settleLot(deps, lot.id);
}

/** The lot's decisions from its page rows; a page OCR could not read takes no part in them, so it lands in one place only. */
async function decide(lot: Lot, rows: Array<typeof pages.$inferSelect>, deps: ProcessDeps) {
  const pageTexts: PageTexte[] = rows.filter((row) => !row.erreur).map((row) => ({
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
function stageTotals(rows: Array<{ normalisation: Record<string, unknown> | null }>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const row of rows) {
    for (const [stage, ms] of Object.entries((row.normalisation?.ms ?? {}) as Record<string, number>)) totals[stage] = (totals[stage] ?? 0) + ms;
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

/**
 * `termine` once every page is filed or resolved, `a_revoir` while a review task is open. Only a
 * lot in one of the `from` states is settled: a task resolved while a worker still holds its lot
 * leaves the lot to that worker, whose own settling counts the task.
 */
export async function settleLot(deps: Pick<ProcessDeps, 'db'>, lotId: string, from: StatutLot[] = ['recu', 'en_cours']): Promise<Lot> {
  const [open] = await deps.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(tachesRevue)
    .where(and(eq(tachesRevue.lotId, lotId), eq(tachesRevue.statut, 'ouverte')));
  const [settled] = await deps.db
    .update(lots)
    .set({ statut: (open?.n ?? 0) > 0 ? 'a_revoir' : 'termine', bailJusqua: null, modifieLe: new Date() })
    .where(and(eq(lots.id, lotId), inArray(lots.statut, from)))
    .returning();
  if (settled) return settled;
  const [lot] = await deps.db.select().from(lots).where(eq(lots.id, lotId));
  return lot!;
}
