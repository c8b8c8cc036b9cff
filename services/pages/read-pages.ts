import { AppError } from '../app-error.ts';
import { detectBlank } from './detect-blank.ts';
import { extractPages, type ExtractOptions } from './extract-pages.ts';
import type { ImageOps } from './image-ops.ts';
import { normalisePage, type NormaliseOptions } from './normalise-page.ts';
import type { OcrPool } from './ocr-pool.ts';
import { readPage, type PageRead } from './read-page.ts';

export type ReadPage = ({ index: number; ok: true } & Omit<PageRead, 'ms'> & { ms: Partial<PageRead['ms']> }) | { index: number; ok: false; error: AppError };

export type ReadPagesOptions = {
  /** Pages worked on at once (decoded pixels held): bounds memory. Default 3. */
  concurrency?: number;
  /** Full-page OCR of every page that is not plainly blank. Default true. */
  fullOcr?: boolean;
  extract?: ExtractOptions;
  normalise?: NormaliseOptions;
};

export type ReadPagesDeps = { images: ImageOps; ocr: OcrPool | null };

async function readOne(index: number, work: () => Promise<ReadPage>): Promise<ReadPage> {
  try {
    return await work();
  } catch (err) {
    const error = err instanceof AppError ? err : new AppError('fichier_illisible', `Page ${index + 1} illisible`, { cause: String(err) });
    return { index, ok: false, error };
  }
}

/**
 * The pages of a file through `readPage`, in order, a few at a time. A page that fails is yielded
 * as an error (its batch goes on); a file that cannot be read at all throws its AppError. Without
 * OCR, pages are only normalised (orientation left as it came) and judged blank by their pixels.
 */
export async function* readPages(bytes: Uint8Array, deps: ReadPagesDeps, options: ReadPagesOptions = {}): AsyncGenerator<ReadPage, void, undefined> {
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const fullOcr = (options.fullOcr ?? true) && deps.ocr !== null;
  const inFlight: Array<Promise<ReadPage>> = [];

  for await (const extracted of extractPages(bytes, { images: deps.images }, options.extract)) {
    inFlight.push(
      readOne(extracted.index, async () => {
        if (fullOcr) return { index: extracted.index, ok: true, ...(await readPage(extracted, { images: deps.images, ocr: deps.ocr! }, options.normalise)) };
        const page = await normalisePage(extracted, { images: deps.images, ocr: deps.ocr }, options.normalise);
        return { index: page.index, ok: true, page, blank: detectBlank(page.ink), ocr: null, corps: null, numero: null, ms: { normalise: page.record.ms } };
      }),
    );
    if (inFlight.length >= concurrency) yield await inFlight.shift()!;
  }
  while (inFlight.length > 0) yield await inFlight.shift()!;
}
