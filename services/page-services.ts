import { classerDocument } from '../classification/classer-document.ts';
import type { Config } from './config.ts';
import { createImageOps } from './pages/image-ops.ts';
import { createOcrPool, type OcrPool } from './pages/ocr-pool.ts';
import { convertPiece as convertUpload } from './pieces/convert-piece.ts';
import type { PieceConverter } from './pieces/piece-converter.ts';
import type { TextClassifier } from './pieces/upload-piece.ts';
import { today } from './today.ts';

/**
 * The page engine as the service uses it: image operations, an OCR pool started on first need
 * (a server that only files typed uploads never pays for it), the upload converter, the classifier.
 */
export function createPageServices(config: Pick<Config, 'ocrWorkers'>) {
  const images = createImageOps({ concurrency: config.ocrWorkers });
  let pool: OcrPool | undefined;
  const ocr = () => (pool ??= createOcrPool({ workers: config.ocrWorkers }, { images }));

  // a minor's document is told by its birth date: the classifier is told today's
  const classify: TextClassifier = (texte, personnes, photo) => {
    const result = classerDocument(texte, { personnes, today: today(), photo });
    return result.decision === 'classe' ? { categorie: result.categorie, type: result.type } : null;
  };
  // a page's head alone types it only this surely (the lots' rule): its body's words can outweigh
  // the head's (a family judge's ruling on custody reads as a divorce by its head)
  const textSuffices = (texte: string) => {
    const result = classerDocument(texte);
    return result.decision === 'classe' && result.confiance >= 0.7;
  };

  const convertPiece: PieceConverter = (bytes, options) => convertUpload(bytes, options, { images, ocr, textSuffices });

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
