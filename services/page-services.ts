import { classerDocument } from '../classification/classer-document.ts';
import type { Config } from './config.ts';
import { assemblePdf } from './pages/assemble-pdf.ts';
import { extractPages } from './pages/extract-pages.ts';
import { createImageOps } from './pages/image-ops.ts';
import { normalisePage } from './pages/normalise-page.ts';
import { createOcrPool, type OcrPool } from './pages/ocr-pool.ts';
import type { NormalisedPage } from './pages/page-types.ts';
import type { PieceConverter } from './pieces/piece-converter.ts';
import type { TextClassifier } from './pieces/upload-piece.ts';

/** Pages in one uploaded piece at most: one upload is one document, not a batch. */
const maxPagesPerPiece = 100;

/**
 * The page engine as the service uses it: image operations, an OCR pool started on first need
 * (a server that only files typed uploads never pays for it), the upload converter, the classifier.
 */
export function createPageServices(config: Pick<Config, 'ocrWorkers'>) {
  const images = createImageOps({ concurrency: config.ocrWorkers });
  let pool: OcrPool | undefined;
  const ocr = () => (pool ??= createOcrPool({ workers: config.ocrWorkers }, { images }));

  const convertPiece: PieceConverter = async (bytes, { texte }) => {
    const pages: NormalisedPage[] = [];
    const textes: (string | null)[] = [];
    for await (const page of extractPages(bytes, { images }, { maxPages: maxPagesPerPiece })) {
      // orientation needs OSD; a typed upload skips it to stay fast, EXIF orientation is applied anyway
      const normalised = await normalisePage(page, { images, ocr: texte ? ocr() : null });
      pages.push(normalised);
      if (texte) {
        const read = await ocr().recognizePage({ pixels: normalised.grey, dpi: normalised.dpi });
        textes.push(read.ok ? read.text : null);
      }
    }
    const pdf = await assemblePdf(pages, { images });
    const read = textes.filter((t) => t !== null);
    return { pdf: Buffer.from(pdf.bytes), pages: pages.length, texte: texte ? read.join('\n\f\n') : null, normalised: pages, textes };
  };

  const classify: TextClassifier = (texte) => {
    const result = classerDocument(texte);
    return result.decision === 'classe' ? { categorie: result.categorie, type: result.type } : null;
  };

  return {
    images,
    ocr,
    convertPiece,
    classify,
    close: async () => {
      await pool?.terminate();
    },
  };
}

export type PageServices = ReturnType<typeof createPageServices>;
