import { and, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { lots, pages, type Lot } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';
import { countMeaningfulWords, detectBlank } from '../pages/detect-blank.ts';
import { extractPages } from '../pages/extract-pages.ts';
import type { ImageOps } from '../pages/image-ops.ts';
import { normalisePage } from '../pages/normalise-page.ts';
import type { OcrPool } from '../pages/ocr-pool.ts';
import type { ExtractedPage } from '../pages/page-types.ts';

export type ReadPagesDeps = { db: Database; objects: ObjectStore; images: ImageOps; ocr: OcrPool; concurrency: number };

export type FichierIllisible = { fichier: number; nom: string; code: string; message: string };

/** Where a page's normalised image is kept until its lot is filed: review screens and PDFs use it. */
export function pageImageKey(lotId: string, index: number): string {
  return `${lotId}/pages/${index}`;
}

/**
 * Stage 1: every page of every file, extracted, normalised, tested for blankness and read by OCR,
 * each page checkpointed in its own row as soon as it is done. Pages already checkpointed (a lot
 * resumed after a crash) are not read again. Returns the files that could not be read at all.
 */
export async function readPages(
  lot: Lot,
  deps: ReadPagesDeps,
  onProgress: (done: number) => Promise<void>,
): Promise<{ total: number; illisibles: FichierIllisible[] }> {
  const done = new Set(
    (await deps.db.select({ index: pages.index }).from(pages).where(and(eq(pages.lotId, lot.id), isNotNull(pages.traiteLe)))).map((p) => p.index),
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
      if (!(error instanceof AppError)) throw error;
      illisibles.push({ fichier: fichierIndex, nom: fichier.nom, code: error.code, message: error.message });
    }
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

async function readOnePage(lotId: string, index: number, fichier: number, page: ExtractedPage, deps: ReadPagesDeps): Promise<void> {
  const normalised = await normalisePage(page, { images: deps.images, ocr: deps.ocr });
  let blank = detectBlank(normalised.ink);
  let texte = '';
  let confiance: number | null = null;
  let erreur: string | null = null;
  if (!blank.blank) {
    const read = await deps.ocr.recognizePage({ pixels: normalised.grey, dpi: normalised.dpi });
    if (read.ok) {
      texte = read.text;
      confiance = Math.round(read.confidence);
      // an uncertain page is settled by whether OCR finds words on it
      if (blank.reason === 'incertain') blank = detectBlank(normalised.ink, countMeaningfulWords(read.words));
    } else erreur = read.error;
  }
  const image = await deps.images.encodeJpeg(normalised.grey, normalised.dpi, 80);
  await deps.objects.put('originaux', pageImageKey(lotId, index), image, { contentType: 'image/jpeg' });
  const row = {
    lotId,
    index,
    fichier,
    pageDansFichier: page.index,
    blanc: blank.blank,
    normalisation: { ...normalised.record, dpi: normalised.dpi, blanc: blank.reason },
    texte,
    confianceOcr: confiance,
    cleImage: pageImageKey(lotId, index),
    erreur,
    traiteLe: new Date(),
  };
  await deps.db.insert(pages).values(row).onConflictDoUpdate({ target: [pages.lotId, pages.index], set: row });
}
