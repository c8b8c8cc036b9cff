import { deflateSync } from 'node:zlib';
import { PDFDocument, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { AppError } from '../app-error.ts';
import { otsuThreshold } from './decide-bitonal.ts';
import type { ImageOps } from './image-ops.ts';
import { greyHistogram } from './grey-levels.ts';
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

type EncodedPage =
  | { kind: 'jpeg'; bytes: Uint8Array; width: number; height: number }
  | { kind: 'bits'; deflated: Buffer; pixelsWide: number; pixelsHigh: number; width: number; height: number };

async function encodePage(page: AssemblyPage, encoding: PdfEncoding, images: ImageOps): Promise<EncodedPage> {
  if (encoding.mode === 'original' && page.original) {
    const { bytes, width, height } = page.original;
    return { kind: 'jpeg', bytes: standalone(bytes), width: (width * 72) / page.dpi, height: (height * 72) / page.dpi };
  }
  const { grey, dpi } = await scaled(page, encoding.mode === 'original' ? page.dpi : encoding.dpi, images);
  const [width, height] = [(grey.width * 72) / dpi, (grey.height * 72) / dpi];
  if (encoding.mode === 'bitonal') {
    const bits = packBitonal(grey, otsuThreshold(greyHistogram(grey)));
    return { kind: 'bits', deflated: deflateSync(bits, { level: 6 }), pixelsWide: grey.width, pixelsHigh: grey.height, width, height };
  }
  const quality = encoding.mode === 'grey' ? encoding.quality : 75;
  return { kind: 'jpeg', bytes: standalone(await images.encodeJpeg(grey, dpi, quality)), width, height };
}

/** Encodes pages a few at a time (libvips works in its own threads), keeping their order. */
async function encodePages(pages: readonly AssemblyPage[], encoding: PdfEncoding, images: ImageOps, parallel = 3): Promise<EncodedPage[]> {
  const out: EncodedPage[] = new Array(pages.length);
  let next = 0;
  const lane = async () => {
    while (next < pages.length) {
      const i = next++;
      out[i] = await encodePage(pages[i]!, encoding, images);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, pages.length) }, lane));
  return out;
}

async function render(pages: readonly AssemblyPage[], encoding: PdfEncoding, images: ImageOps, title: string | undefined): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  if (title) doc.setTitle(title);
  doc.setProducer('dossier-unique intake');
  for (const page of await encodePages(pages, encoding, images)) {
    const pdfPage = doc.addPage([page.width, page.height]);
    if (page.kind === 'jpeg') {
      pdfPage.drawImage(await doc.embedJpg(page.bytes), { x: 0, y: 0, width: page.width, height: page.height });
      continue;
    }
    const stream = doc.context.stream(page.deflated, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: page.pixelsWide,
      Height: page.pixelsHigh,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 1,
      Filter: 'FlateDecode',
    });
    const name = pdfPage.node.newXObject('Im', doc.context.register(stream));
    pdfPage.pushOperators(pushGraphicsState(), concatTransformationMatrix(page.width, 0, 0, page.height, 0, 0), drawObject(name), popGraphicsState());
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
