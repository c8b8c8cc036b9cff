import { assemblePdf, MAX_PIECE_BYTES } from '../pages/assemble-pdf.ts';
import { extractPages } from '../pages/extract-pages.ts';
import type { ImageOps } from '../pages/image-ops.ts';
import { normalisePage } from '../pages/normalise-page.ts';
import type { OcrPool } from '../pages/ocr-pool.ts';
import { readPage, readRows, withBody, type PageRead } from '../pages/read-page.ts';
import type { ExtractedPage, NormalisedPage } from '../pages/page-types.ts';
import { assemblePlacedPdf } from './assemble-placed-pdf.ts';
import type { ConvertedPiece } from './piece-converter.ts';
import { isPlaceable, placeJpegPage, type JpegPlacement } from './place-jpeg-page.ts';

/** Runs one stage of a conversion; the benchmark passes one that times each stage by name. */
export type StageTimer = <T>(stage: string, work: () => Promise<T>) => Promise<T>;

export type ConvertDeps = {
  images: ImageOps;
  ocr: () => OcrPool;
  time?: StageTimer;
  /**
   * Whether the text read so far is enough to type the piece. Pages whose head settled what they
   * are had their body left unread (`readPage`); unless this says the text is enough, the bodies are
   * read before the text is returned. Absent: they are always read.
   */
  textSuffices?: (texte: string) => boolean;
};

/** Pages in one uploaded piece at most: one upload is one document, not a batch. */
const maxPagesPerPiece = 100;

const untimed: StageTimer = (_stage, work) => work();

/**
 * An uploaded file as the piece's PDF. With text asked (no type given), every page is normalised
 * with orientation (OSD) and read by OCR. Without, orientation is left as the file has it (its
 * EXIF turn applied), and JPEG pages that fit in a piece are shown as they are, cropped and
 * levelled in the PDF, instead of decoded, rotated and encoded again; anything else takes the
 * page engine's pixel path.
 */
export async function convertPiece(bytes: Buffer, options: { texte: boolean }, deps: ConvertDeps): Promise<ConvertedPiece> {
  const time = deps.time ?? untimed;
  const pages = extractPages(bytes, { images: deps.images }, { maxPages: maxPagesPerPiece })[Symbol.asyncIterator]();
  const next = () => time('extract (sniff, probe)', () => pages.next());
  return options.texte ? readPiece(next, deps, time) : placeOrNormalise(next, deps, time);
}

type NextPage = () => Promise<IteratorResult<ExtractedPage, void>>;

async function readPiece(next: NextPage, deps: ConvertDeps, time: StageTimer): Promise<ConvertedPiece> {
  const { images } = deps;
  const reads: PageRead[] = [];
  for (let page = await next(); !page.done; page = await next()) {
    // the scan pipeline's chain: OSD only when the page's reading leaves its orientation in doubt
    reads.push(await time('read (normalise, OCR, orientation on doubt)', () => readPage(page.value as ExtractedPage, { images, ocr: deps.ocr() })));
  }
  const normalised = reads.map((read) => read.page);
  const textes = reads.map((read) => (read.ocr?.ok ? read.ocr.text : null));
  // a lot reads the bodies its first decision leaves in doubt; an upload is decided once, on this text
  if (reads.some((read) => read.corps) && !deps.textSuffices?.(joinTextes(textes))) {
    await time('read bodies left unread (OCR)', async () => {
      for (const [i, read] of reads.entries()) {
        if (!read.corps || textes[i] === null) continue;
        const body = await readRows(read.page, read.corps.top, read.corps.bottom, !read.page.record.bitonal, { images, ocr: deps.ocr() });
        if (body.ok) textes[i] = withBody(textes[i]!, read.corps, body.text);
      }
    });
  }
  const pdf = await time('assemble PDF (encode, pdf-lib)', () => assemblePdf(normalised, { images }));
  return { pdf: Buffer.from(pdf.bytes), pages: normalised.length, lecture: { texte: joinTextes(textes), normalised, textes } };
}

const joinTextes = (textes: (string | null)[]) => textes.filter((t) => t !== null).join('\n\f\n');

async function placeOrNormalise(next: NextPage, deps: ConvertDeps, time: StageTimer): Promise<ConvertedPiece> {
  const { images } = deps;
  const placed: JpegPlacement[] = [];
  const normalised: NormalisedPage[] = [];
  const normalise = (page: ExtractedPage) => time('normalise (decode, deskew, crop; no OSD)', () => normalisePage(page, { images, ocr: null }));
  for (let result = await next(); !result.done; result = await next()) {
    const page = result.value as ExtractedPage;
    if (normalised.length === 0 && isPlaceable(page)) placed.push(await time('measure skew and borders (reduced copy)', () => placeJpegPage(page, { images })));
    else normalised.push(await normalise(page));
  }
  if (normalised.length === 0) {
    const pdf = await time('assemble PDF (JPEG as is, pdf-lib)', () => assemblePlacedPdf(placed));
    if (pdf.length <= MAX_PIECE_BYTES) return { pdf: Buffer.from(pdf), pages: placed.length, lecture: null };
  }
  // a page that is not a JPEG, or JPEGs too heavy together: every page through the pixel path,
  // whose encodings step down until the piece fits
  const all: NormalisedPage[] = [];
  for (const p of placed) all.push(await normalise(p.page));
  all.push(...normalised);
  const pdf = await time('assemble PDF (encode, pdf-lib)', () => assemblePdf(all, { images }));
  return { pdf: Buffer.from(pdf.bytes), pages: all.length, lecture: null };
}
