import { deflateSync } from 'node:zlib';
import {
  PDFDocument,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import { AppError } from '../app-error.ts';
import { otsuThreshold } from './decide-bitonal.ts';
import type { ImageOps } from './image-ops.ts';
import { greyHistogram } from './measure-skew.ts';
import type { GreyPixels, JpegImage } from './page-types.ts';
import { planPdfAttempt, type PdfAttempt, type PdfEncoding } from './plan-pdf-attempt.ts';

/** What assembly needs of a page (a NormalisedPage fits). */
export type AssemblyPage = {
  grey: GreyPixels;
  dpi: number;
  original: JpegImage | null;
  record: { bitonal: boolean };
};

export type AssembleOptions = {
  /** Default 2 Mo (2,097,152 bytes), the dossier unique's limit for one piece. */
  maxBytes?: number;
  title?: string;
};

export type AssembledPdf = {
  bytes: Uint8Array;
  encoding: PdfEncoding;
  /** Every encoding tried, in order, with the size it gave. */
  attempts: PdfAttempt[];
};

export const MAX_PIECE_BYTES = 2_097_152;

/** 1 bit a pixel, rows padded to a byte, 1 = white (PDF DeviceGray). Pure. */
export function packBitonal(grey: GreyPixels, threshold: number): Buffer {
  const rowBytes = Math.ceil(grey.width / 8);
  const out = Buffer.alloc(rowBytes * grey.height);
  for (let y = 0; y < grey.height; y++) {
    const row = y * grey.width;
    const target = y * rowBytes;
    for (let x = 0; x < grey.width; x++) {
      if (grey.data[row + x]! >= threshold) out[target + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}

/** pdf-lib reads JPEGs through `new DataView(bytes.buffer)`, ignoring the view's offset: give it its own buffer. */
function standalone(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

async function scaled(page: AssemblyPage, dpi: number, images: ImageOps): Promise<{ grey: GreyPixels; dpi: number }> {
  if (dpi >= page.dpi) return { grey: page.grey, dpi: page.dpi };
  const factor = dpi / page.dpi;
  const grey = await images.resize(page.grey, Math.max(1, Math.round(page.grey.width * factor)), Math.max(1, Math.round(page.grey.height * factor)));
  return { grey, dpi };
}

async function render(pages: readonly AssemblyPage[], encoding: PdfEncoding, images: ImageOps, title: string | undefined): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  if (title) doc.setTitle(title);
  doc.setProducer('dossier-unique intake');
  for (const page of pages) {
    if (encoding.mode === 'original' && page.original) {
      const image = await doc.embedJpg(standalone(page.original.bytes));
      const [w, h] = [(image.width * 72) / page.dpi, (image.height * 72) / page.dpi];
      doc.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
      continue;
    }
    const dpi = encoding.mode === 'original' ? page.dpi : encoding.dpi;
    const { grey, dpi: actual } = await scaled(page, dpi, images);
    const [w, h] = [(grey.width * 72) / actual, (grey.height * 72) / actual];
    const pdfPage = doc.addPage([w, h]);
    if (encoding.mode === 'bitonal') {
      const bits = packBitonal(grey, otsuThreshold(greyHistogram(grey)));
      const stream = doc.context.stream(deflateSync(bits, { level: 9 }), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: grey.width,
        Height: grey.height,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 1,
        Filter: 'FlateDecode',
      });
      const name = pdfPage.node.newXObject('Im', doc.context.register(stream));
      pdfPage.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, 0, 0), drawObject(name), popGraphicsState());
    } else {
      const quality = encoding.mode === 'grey' ? encoding.quality : 75;
      const image = await doc.embedJpg(standalone(await images.encodeJpeg(grey, actual, quality)));
      pdfPage.drawImage(image, { x: 0, y: 0, width: w, height: h });
    }
  }
  return doc.save({ useObjectStreams: true });
}

/**
 * The pages of one piece as one PDF of at most `maxBytes`. Encodings are tried from the most
 * faithful down (original JPEGs, grey 300 dpi, …, 1-bit 200 dpi, grey 150 dpi) as
 * `planPdfAttempt` decides from the sizes measured; a piece that fits in none is refused with
 * `taille_depassee` and the smallest size reached.
 */
export async function assemblePdf(pages: readonly AssemblyPage[], deps: { images: ImageOps }, options: AssembleOptions = {}): Promise<AssembledPdf> {
  if (pages.length === 0) throw new AppError('requete_invalide', 'Aucune page à assembler');
  const maxBytes = options.maxBytes ?? MAX_PIECE_BYTES;
  const summary = pages.map((p) => ({ dpi: p.dpi, bitonal: p.record.bitonal, original: p.original !== null }));
  const attempts: PdfAttempt[] = [];
  for (;;) {
    const encoding = planPdfAttempt({ pages: summary, maxBytes, tried: attempts });
    if (!encoding) break;
    const bytes = await render(pages, encoding, deps.images, options.title);
    attempts.push({ encoding, bytes: bytes.length });
    if (bytes.length <= maxBytes) return { bytes, encoding, attempts };
  }
  const smallest = Math.min(...attempts.map((a) => a.bytes));
  throw new AppError('taille_depassee', `La pièce de ${pages.length} pages ne tient pas en ${maxBytes} octets (au mieux ${smallest})`, {
    pages: pages.length,
    bytes: smallest,
    maxBytes,
    attempts,
  });
}
