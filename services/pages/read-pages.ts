import { AppError } from '../app-error.ts';
import { countMeaningfulWords, detectBlank, type BlankVerdict } from './detect-blank.ts';
import { extractPages, type ExtractOptions } from './extract-pages.ts';
import type { ImageOps } from './image-ops.ts';
import { normalisePage, type NormaliseOptions } from './normalise-page.ts';
import type { OcrPageResult, OcrPool } from './ocr-pool.ts';
import type { NormalisedPage } from './page-types.ts';

export type ReadPage =
  | { index: number; ok: true; page: NormalisedPage; blank: BlankVerdict; ocr: OcrPageResult | null }
  | { index: number; ok: false; error: AppError };

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
 * The pages of a file, extracted, normalised, checked for blankness and read by OCR, in order,
 * a few at a time. A page that fails is yielded as an error (its batch goes on); a file that
 * cannot be read at all throws its AppError. OCR is skipped on pages whose pixels are plainly
 * blank; on the others its word count settles blankness where pixels leave doubt.
 */
export async function* readPages(bytes: Uint8Array, deps: ReadPagesDeps, options: ReadPagesOptions = {}): AsyncGenerator<ReadPage, void, undefined> {
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const fullOcr = (options.fullOcr ?? true) && deps.ocr !== null;
  const inFlight: Array<Promise<ReadPage>> = [];

  for await (const extracted of extractPages(bytes, { images: deps.images }, options.extract)) {
    inFlight.push(
      readOne(extracted.index, async () => {
        const page = await normalisePage(extracted, { images: deps.images, ocr: deps.ocr }, options.normalise);
        const byPixels = detectBlank(page.ink);
        if (!fullOcr || byPixels.reason === 'vide') return { index: page.index, ok: true, page, blank: byPixels, ocr: null };
        const ocr = await deps.ocr!.recognizePage({ pixels: page.grey, dpi: page.dpi });
        const blank = detectBlank(page.ink, ocr.ok ? countMeaningfulWords(ocr.words) : null);
        return { index: page.index, ok: true, page, blank, ocr };
      }),
    );
    if (inFlight.length >= concurrency) yield await inFlight.shift()!;
  }
  while (inFlight.length > 0) yield await inFlight.shift()!;
}
