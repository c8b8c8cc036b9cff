import { and, eq, isNotNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { lots, pages, type FichierOriginal, type LecturePage, type Lot, type NouvellePage } from '../../storage/schema/index.ts';
import { asAppError, type ErrorCode } from '../app-error.ts';
import { pageImageKey } from '../lot-state/page-image-key.ts';
import type { ImageOps } from '../pages/image-ops.ts';
import type { OcrPool } from '../pages/ocr-pool.ts';
import type { ExtractedPage } from '../pages/page-types.ts';
import { readFilePages } from '../pages/read-file-pages.ts';
import { readPage, type PageRead } from '../pages/read-page.ts';

export type ReadDeps = { db: Database; objects: ObjectStore; images: ImageOps; ocr: OcrPool; concurrency: number; logger?: Logger };

export type FichierIllisible = { fichier: number; nom: string; code: ErrorCode; message: string };

/** A file of the lot read to its end, or to where it could not be read further (`illisible`); `luA`: when (`performance.now()`). */
export type FichierLu = { fichier: number; pages: number; illisible: FichierIllisible | null; luA: number };

/** The reading of a lot under way: its files as each is read, and a way to stop it. */
export type LectureLot = {
  fichiers: AsyncIterable<FichierLu>;
  /** Stops at the next page and waits for the pages in flight to land: nothing writes after. Never throws. */
  stop(): Promise<void>;
};

/**
 * Stage 1: every page of every file, in upload order, extracted, normalised, tested for blankness
 * and read by OCR (`readPage`), each checkpointed in its own row, with its image, as soon as it is
 * done. Pages already checkpointed (a lot resumed after a crash) are not read again. The reading
 * goes on in the background: each file is handed over once read while the next one is read, so
 * the OCR workers never wait for what is done with a file. A failure of the reading is thrown by
 * the iteration.
 */
export function readLot(lot: Lot, deps: ReadDeps, onProgress: (done: number) => Promise<void>): LectureLot {
  const lus = channel<FichierLu>();
  let stopped = false;
  const reading = (async () => {
    const done = new Set(
      (
        await deps.db
          .select({ index: pages.index })
          .from(pages)
          .where(and(eq(pages.lotId, lot.id), isNotNull(pages.traiteLe)))
      ).map((p) => p.index),
    );
    let offset = 0;
    for (const [fichier, original] of lot.fichiers.entries()) {
      const start = offset;
      const read = await readFile(deps, original, {
        concurrency: deps.concurrency,
        skip: (index) => done.has(start + index),
        stopped: () => stopped,
        onPage: async (extracted, result) => {
          await checkpointPage(deps, lot.id, { index: start + extracted.index, fichier, extracted, read: result });
          done.add(start + extracted.index);
          await onProgress(done.size);
        },
      });
      if (stopped) return;
      offset += read.count;
      const illisible = read.error && { fichier, nom: original.nom, code: read.error.code, message: read.error.message };
      lus.push({ fichier, pages: read.count, illisible, luA: performance.now() });
    }
    await deps.db.update(lots).set({ pages: offset, modifieLe: new Date() }).where(eq(lots.id, lot.id));
  })().then(lus.close, lus.fail);
  return {
    fichiers: lus,
    async stop() {
      stopped = true;
      await reading;
    },
  };
}

/** One original through the page engine; an original that cannot be fetched is as unreadable as a broken one. */
async function readFile(
  deps: ReadDeps,
  original: FichierOriginal,
  options: {
    concurrency: number;
    skip: (index: number) => boolean;
    stopped: () => boolean;
    onPage: (extracted: ExtractedPage, read: PageRead) => Promise<void>;
  },
) {
  let bytes: Buffer;
  try {
    bytes = await deps.objects.getBuffer('originaux', original.cle);
  } catch (error) {
    const refus = asAppError(error);
    if (!refus) throw error;
    return { count: 0, error: refus };
  }
  return readFilePages(bytes, deps, options, (extracted) => readPage(extracted, deps), options.onPage);
}

async function checkpointPage(deps: ReadDeps, lotId: string, page: { index: number; fichier: number; extracted: ExtractedPage; read: PageRead }) {
  const { index, read } = page;
  let started = performance.now();
  const image = await deps.images.encodeJpeg(read.page.grey, read.page.dpi, 80);
  await deps.objects.put('originaux', pageImageKey(lotId, index), image, { contentType: 'image/jpeg' });
  const ms = { ...read.ms, image: Math.round(performance.now() - started) };
  // the stage times replace normalisation's own
  const { ms: _normalisation, ...record } = read.page.record;
  const lecture: LecturePage = { ...record, dpi: read.page.dpi, blanc: read.blank.reason, corps: read.corps, ms };
  const row: NouvellePage = {
    lotId,
    index,
    fichier: page.fichier,
    pageDansFichier: page.extracted.index,
    blanc: read.blank.blank,
    normalisation: lecture,
    texte: read.ocr?.ok ? read.ocr.text : '',
    confianceOcr: read.ocr?.ok ? Math.round(read.ocr.confidence) : null,
    lectureNumero: read.numero,
    cleImage: pageImageKey(lotId, index),
    erreur: read.ocr && !read.ocr.ok ? read.ocr.error : null,
    traiteLe: new Date(),
  };
  started = performance.now();
  await deps.db
    .insert(pages)
    .values(row)
    .onConflictDoUpdate({ target: [pages.lotId, pages.index], set: row });
  deps.logger?.debug(
    { lot: lotId, page: index, tetePied: read.corps !== null, ms: { ...ms, checkpoint: Math.round(performance.now() - started) } },
    'page lue',
  );
}

/** A queue of values pushed by one side and iterated by the other, ended by `close` or by `fail`'s error (after the values before it). */
function channel<T>(): AsyncIterable<T> & { push(value: T): void; close(): void; fail(error: unknown): void } {
  const values: T[] = [];
  let end: { error: unknown } | 'closed' | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  return {
    push(value) {
      values.push(value);
      signal();
    },
    close: () => {
      end ??= 'closed';
      signal();
    },
    fail: (error) => {
      end ??= { error };
      signal();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (values.length > 0) yield values.shift()!;
        else if (end === 'closed') return;
        else if (end) throw end.error;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}
