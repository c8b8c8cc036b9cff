/**
 * The page engine's per-page chain (`readPage`: normalise → blank test → OCR → orientation on doubt →
 * the cover's number zone), as `services/lots/read-pages.ts` runs it, in memory: no database, no object store.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlankReason } from '../../services/pages/detect-blank.ts';
import { extractPages } from '../../services/pages/extract-pages.ts';
import type { ImageOps } from '../../services/pages/image-ops.ts';
import { readPage, readRows, withBody } from '../../services/pages/read-page.ts';
import type { OcrPool } from '../../services/pages/ocr-pool.ts';
import type { ExtractedPage } from '../../services/pages/page-types.ts';

export type PageLue = {
  index: number;
  file: string;
  pageInFile: number;
  text: string;
  blank: boolean;
  blankReason: BlankReason;
  /** Mean OCR confidence 0–100, null when OCR was not run (blank) or failed. */
  confidence: number | null;
  error: string | null;
  /** On a cover: its number zone's readings at high resolution (null: not a cover). */
  lecturesZone: string[] | null;
  rotation: number;
  skew: number;
  /** Wall time of this page (normalisation + OCR), and of the full-page OCR alone. */
  ms: number;
  ocrMs: number | null;
  /**
   * When the page was read by its head and foot only: its whole text, body included, which the
   * service reads only if the decisions leave the page in doubt (read here for every such page,
   * its time apart from `ms`).
   */
  texteComplet: string | null;
  corpsMs: number | null;
};

export type EngineDeps = { images: ImageOps; ocr: OcrPool };

/** One extracted page through the service's chain (`readPage`); never throws for a bad page (OCR errors are recorded). */
export async function lirePage(page: ExtractedPage, deps: EngineDeps): Promise<Omit<PageLue, 'index' | 'file' | 'pageInFile'>> {
  let started = performance.now();
  const read = await readPage(page, deps);
  const ms = Math.round(performance.now() - started);
  started = performance.now();
  const body = read.corps && read.ocr?.ok ? await readRows(read.page, read.corps.top, read.corps.bottom, !read.page.record.bitonal, deps) : null;
  return {
    text: read.ocr?.ok ? read.ocr.text : '',
    blank: read.blank.blank,
    blankReason: read.blank.reason,
    confidence: read.ocr?.ok ? Math.round(read.ocr.confidence) : null,
    error: read.ocr && !read.ocr.ok ? read.ocr.error : null,
    lecturesZone: read.numero?.lectures ?? null,
    rotation: read.page.record.rotation,
    skew: read.page.record.skewAngle,
    ms,
    ocrMs: read.ms.ocr ?? null,
    texteComplet: body?.ok && read.ocr?.ok && read.corps ? withBody(read.ocr.text, read.corps, body.text) : null,
    corpsMs: body ? Math.round(performance.now() - started) : null,
  };
}

/**
 * Every page of the files, in order, indexed over the files as a lot is; at most `concurrency`
 * pages in flight (decoded images are held only for those).
 */
export async function lireFichiers(
  dir: string,
  files: string[],
  deps: EngineDeps & { concurrency: number },
  onPage: (page: PageLue) => void,
): Promise<PageLue[]> {
  const out: PageLue[] = [];
  let offset = 0;
  for (const file of files) {
    const bytes = await readFile(join(dir, file));
    const inFlight = new Set<Promise<void>>();
    let count = 0;
    for await (const page of extractPages(bytes, { images: deps.images })) {
      count = page.count;
      const index = offset + page.index;
      const task = lirePage(page, deps).then((lue) => {
        const done: PageLue = { index, file, pageInFile: page.index, ...lue };
        out.push(done);
        onPage(done);
      });
      inFlight.add(task);
      void task.finally(() => inFlight.delete(task));
      if (inFlight.size >= deps.concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    offset += count;
  }
  return out.sort((a, b) => a.index - b.index);
}
