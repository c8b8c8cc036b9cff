import { and, eq, isNotNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { lots, pages, type Lot } from '../../storage/schema/index.ts';
import { pageImageKey } from '../lot-state/page-image-key.ts';
import { asAppError } from '../app-error.ts';
import { extractPages } from '../pages/extract-pages.ts';
import type { ImageOps } from '../pages/image-ops.ts';
import type { OcrPool } from '../pages/ocr-pool.ts';
import { readPage } from '../pages/read-page.ts';
import type { ExtractedPage } from '../pages/page-types.ts';

export type ReadPagesDeps = { db: Database; objects: ObjectStore; images: ImageOps; ocr: OcrPool; concurrency: number; logger?: Logger };

export type FichierIllisible = { fichier: number; nom: string; code: string; message: string };

/**
 * Stage 1: every page of every file, extracted, normalised, tested for blankness and read by OCR,
 * each page checkpointed in its own row as soon as it is done. Pages already checkpointed (a lot
 * resumed after a crash) are not read again. `onFileRead` is called once a file's pages are all
 * checkpointed (of a file that failed part way, those read). Returns the files that could not be read.
 */
export async function readPages(
  lot: Lot,
  deps: ReadPagesDeps,
  onProgress: (done: number) => Promise<void>,
  onFileRead: (fichier: number) => Promise<void> = async () => {},
): Promise<{ total: number; illisibles: FichierIllisible[] }> {
  const done = new Set(
    (
      await deps.db
        .select({ index: pages.index })
        .from(pages)
        .where(and(eq(pages.lotId, lot.id), isNotNull(pages.traiteLe)))
    ).map((p) => p.index),
  );
  const illisibles: FichierIllisible[] = [];
  let offset = 0;
  for (const [fichierIndex, fichier] of lot.fichiers.entries()) {
    let count = 0;
    // bounded: never more pages decoded at once than OCR workers can take
    const reading = boundedTasks(deps.concurrency);
    try {
      const bytes = await deps.objects.getBuffer('originaux', fichier.cle);
      for await (const page of extractPages(bytes, { images: deps.images })) {
        const index = offset + page.index;
        count = page.count;
        if (done.has(index)) continue;
        await reading.add(async () => {
          await readOnePage(lot.id, index, fichierIndex, page, deps);
          done.add(index);
          await onProgress(done.size);
        });
      }
      await reading.drain();
    } catch (error) {
      // the pages in flight land or fail before the lot is given up: nothing writes after we leave
      await reading.settle();
      const refus = asAppError(error);
      if (!refus) throw error;
      illisibles.push({ fichier: fichierIndex, nom: fichier.nom, code: refus.code, message: refus.message });
    }
    await onFileRead(fichierIndex);
    offset += count;
  }
  await deps.db.update(lots).set({ pages: offset, modifieLe: new Date() }).where(eq(lots.id, lot.id));
  return { total: offset, illisibles };
}

/**
 * Runs tasks at most `limit` at a time. A task's failure is kept, never left unhandled (it would
 * end the serving process), and thrown by the next `add` or by `drain`; `settle` only waits.
 */
function boundedTasks(limit: number) {
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const rethrow = () => {
    if (failure) throw failure.error;
  };
  return {
    async add(run: () => Promise<void>) {
      const task: Promise<void> = run()
        .catch((error: unknown) => void (failure ??= { error }))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= limit) await Promise.race(inFlight);
      rethrow();
    },
    async drain() {
      await Promise.all(inFlight);
      rethrow();
    },
    settle: async () => void (await Promise.all(inFlight)),
  };
}

async function readOnePage(lotId: string, index: number, fichier: number, extracted: ExtractedPage, deps: ReadPagesDeps): Promise<void> {
  const { page, blank, ocr, corps, numero, ms } = await readPage(extracted, deps);
  let started = performance.now();
  const image = await deps.images.encodeJpeg(page.grey, page.dpi, 80);
  await deps.objects.put('originaux', pageImageKey(lotId, index), image, { contentType: 'image/jpeg' });
  const stored = Math.round(performance.now() - started);
  const row = {
    lotId,
    index,
    fichier,
    pageDansFichier: extracted.index,
    blanc: blank.blank,
    normalisation: { ...page.record, dpi: page.dpi, blanc: blank.reason, corps, ms: { ...ms, image: stored } },
    texte: ocr?.ok ? ocr.text : '',
    confianceOcr: ocr?.ok ? Math.round(ocr.confidence) : null,
    lectureNumero: numero,
    cleImage: pageImageKey(lotId, index),
    erreur: ocr && !ocr.ok ? ocr.error : null,
    traiteLe: new Date(),
  };
  started = performance.now();
  await deps.db
    .insert(pages)
    .values(row)
    .onConflictDoUpdate({ target: [pages.lotId, pages.index], set: row });
  deps.logger?.debug(
    { lot: lotId, page: index, tetePied: corps !== null, ms: { ...ms, image: stored, checkpoint: Math.round(performance.now() - started) } },
    'page lue',
  );
}
