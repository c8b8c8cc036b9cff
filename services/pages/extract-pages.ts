import { fileTypeFromBuffer } from 'file-type';
import { PDFDocument } from 'pdf-lib';
import { AppError } from '../app-error.ts';
import { decodeCcittImage } from './decode-ccitt-image.ts';
import { decodeFlateImage } from './decode-flate-image.ts';
import { findPageImage, type PageImageFound } from './find-page-image.ts';
import type { ImageOps } from './image-ops.ts';
import type { ExtractedPage, JpegImage } from './page-types.ts';
import { openPdfRenderer, type PdfRenderer } from './pdf-rasteriser.ts';

export type InputFormat = 'pdf' | 'tiff' | 'jpeg' | 'png';

export type ExtractOptions = {
  /** More pages than this is refused with `trop_de_pages` before any page is decoded. Default 2000. */
  maxPages?: number;
  /** Resolution of the PDF pages that are rendered (those that are not one image taken out as it is). Default 200. */
  renderDpi?: number;
  /** Longest side of a PDF page, in inches, beyond which it is refused (A0 is 46.8). Default 50. */
  maxPageInches?: number;
};

export type ExtractDeps = { images: ImageOps };

const A4_LONG_SIDE_INCHES = 11.69;
const MIME_FORMATS: Record<string, InputFormat> = {
  'application/pdf': 'pdf',
  'image/tiff': 'tiff',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
};

/** The real type of a file from its first bytes, whatever its name says. */
export async function sniffFormat(bytes: Uint8Array): Promise<InputFormat> {
  if (bytes.length === 0) throw new AppError('fichier_vide', 'Le fichier est vide');
  const type = await fileTypeFromBuffer(bytes);
  const format = type ? MIME_FORMATS[type.mime] : undefined;
  if (!format) {
    throw new AppError('format_non_supporte', 'Format non supporté: PDF, TIFF, JPEG ou PNG attendu', {
      detected: type?.mime ?? null,
    });
  }
  return format;
}

/**
 * The resolution to assume for an image: its declared density when that gives a document-sized
 * page, else the one that makes its long side an A4's (phone photos say 72 dpi).
 */
export function plausibleDpi(width: number, height: number, declared: number | null): number {
  const long = Math.max(width, height);
  if (declared !== null && declared >= 100 && declared <= 1200) {
    const inches = long / declared;
    if (inches >= 2 && inches <= 17) return declared;
  }
  return Math.max(50, Math.min(600, Math.round(long / A4_LONG_SIDE_INCHES)));
}

/** A complete JPEG ends with an EOI marker (a few bytes of padding after it are tolerated). */
export function hasJpegEnd(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.length - 4096);
  for (let i = bytes.length - 2; i >= from; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
}

function checkPageCount(count: number, maxPages: number): void {
  if (count === 0) throw new AppError('aucune_page', 'Le fichier ne contient aucune page');
  if (count > maxPages) {
    throw new AppError('trop_de_pages', `Le fichier a ${count} pages, au plus ${maxPages} acceptées`, {
      pages: count,
      maxPages,
    });
  }
}

function checkPixels(width: number, height: number, images: ImageOps, what: string): void {
  if (width * height > images.maxPixels) {
    throw new AppError('dimensions_excessives', `${what}: ${width}×${height} pixels`, { width, height });
  }
}

/** The JPEG as a page image, after checking its header, its size and its end; with its orientation tag and density. */
async function checkedJpeg(bytes: Buffer, images: ImageOps, what: string): Promise<{ image: JpegImage; orientation: number; density: number | null }> {
  const info = await images.probe(bytes);
  if (info.format !== 'jpeg') throw new AppError('fichier_illisible', `${what}: JPEG invalide`);
  checkPixels(info.width, info.height, images, what);
  if (!hasJpegEnd(bytes)) throw new AppError('fichier_illisible', `${what}: JPEG tronqué`);
  const channels = info.channels === 1 || info.channels === 4 ? info.channels : 3;
  return {
    image: { kind: 'jpeg', bytes, width: info.width, height: info.height, channels },
    orientation: info.orientation,
    density: info.density,
  };
}

/** Page count (-1: pdf-lib could not tell) and, per page, its image when the page is one that can be taken out. */
type PdfPlan = { pageCount: number; images: Array<PageImageFound | null> };

async function planPdf(bytes: Uint8Array, maxPages: number): Promise<PdfPlan> {
  let lib: PDFDocument | null = null;
  try {
    // given a Buffer, pdf-lib's parse takes stream contents as views (Buffer#slice), not copies
    const view = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    lib = await PDFDocument.load(view, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    lib = null; // pdfjs repairs more files than pdf-lib: let it decide
  }
  // encrypted: pdfjs opens it if no password is needed (permissions only), else says fichier_chiffre
  if (!lib || lib.isEncrypted) return { pageCount: -1, images: [] };
  let pageCount: number;
  try {
    pageCount = lib.getPageCount();
  } catch {
    return { pageCount: -1, images: [] };
  }
  checkPageCount(pageCount, maxPages);
  const images = lib.getPages().map((page) => {
    try {
      return findPageImage(page);
    } catch {
      return null; // anything odd in the page: render it instead
    }
  });
  return { pageCount, images };
}

async function* extractPdf(bytes: Uint8Array, deps: ExtractDeps, options: Required<ExtractOptions>): AsyncGenerator<ExtractedPage> {
  const { images } = deps;
  const plan = await planPdf(bytes, options.maxPages);
  let renderer: PdfRenderer | null = null;
  const openRenderer = async () => (renderer ??= await openPdfRenderer(bytes, { maxPixels: images.maxPixels }));
  try {
    let count = plan.pageCount;
    if (count < 0) {
      // pdf-lib could not read it (broken, or encrypted): pdfjs renders every page or says why not
      count = (await openRenderer()).pageCount;
      checkPageCount(count, options.maxPages);
    }
    for (let index = 0; index < count; index++) {
      const found = plan.images[index];
      if (found?.kind === 'jpeg') {
        // an orientation tag inside a PDF is ignored by every viewer: so is it here
        const { image } = await checkedJpeg(found.bytes, images, `Page ${index + 1}`);
        yield { index, count, source: 'pdf-jpeg', dpi: Math.round(found.dpi), image };
        continue;
      }
      if (found?.kind === 'flate' || found?.kind === 'ccitt') {
        checkPixels(found.width, found.height, images, `Page ${index + 1}`);
        // a grey page at one byte a pixel: a quarter of pdfjs's RGBA raster, and no canvas
        const pixels = found.kind === 'flate' ? decodeFlateImage(found) : await decodeCcittImage(found, images);
        if (pixels) {
          yield { index, count, source: `pdf-${found.kind}`, dpi: Math.round(found.dpi), image: { kind: 'pixels', pixels } };
          continue;
        }
        // the stream does not decode to its rows: pdfjs renders what it can of it
      }
      const pdf = await openRenderer();
      const size = await pdf.pageSize(index);
      const inches = Math.max(size.width, size.height) / 72;
      if (inches > options.maxPageInches) {
        throw new AppError('dimensions_excessives', `Page ${index + 1}: ${inches.toFixed(0)} pouces de côté`, {
          page: index + 1,
          inches,
        });
      }
      // lower the resolution of oversized pages so the raster stays under the pixel cap
      const fit = Math.sqrt(images.maxPixels / ((size.width / 72) * (size.height / 72)));
      const dpi = Math.max(1, Math.min(options.renderDpi, Math.floor(fit)));
      const pixels = await pdf.renderPage(index, dpi);
      yield { index, count, source: 'pdf-rendu', dpi, image: { kind: 'pixels', pixels } };
    }
  } finally {
    await (renderer as PdfRenderer | null)?.close();
  }
}

async function* extractTiff(bytes: Uint8Array, deps: ExtractDeps, options: Required<ExtractOptions>): AsyncGenerator<ExtractedPage> {
  const { images } = deps;
  const info = await images.probe(bytes);
  checkPageCount(info.pages, options.maxPages);
  for (let index = 0; index < info.pages; index++) {
    const page = index === 0 && info.pages === 1 ? info : await images.probe(bytes, index);
    if (page.width * page.height > images.maxPixels) {
      throw new AppError('dimensions_excessives', `Page ${index + 1}: ${page.width}×${page.height} pixels`);
    }
    const pixels = await images.decode(bytes, index);
    const dpi = plausibleDpi(pixels.width, pixels.height, page.density);
    yield { index, count: info.pages, source: 'tiff', dpi, image: { kind: 'pixels', pixels } };
  }
}

async function* extractJpeg(bytes: Uint8Array, deps: ExtractDeps): AsyncGenerator<ExtractedPage> {
  const { image, orientation, density } = await checkedJpeg(Buffer.from(bytes), deps.images, 'Image');
  const dpi = plausibleDpi(image.width, image.height, density);
  if (orientation === 1) {
    yield { index: 0, count: 1, source: 'jpeg', dpi, image };
    return;
  }
  // an EXIF orientation is not honoured inside a PDF: apply it now
  const pixels = await deps.images.decode(bytes);
  yield { index: 0, count: 1, source: 'jpeg', dpi, image: { kind: 'pixels', pixels } };
}

async function* extractPng(bytes: Uint8Array, deps: ExtractDeps): AsyncGenerator<ExtractedPage> {
  const info = await deps.images.probe(bytes);
  if (info.width * info.height > deps.images.maxPixels) {
    throw new AppError('dimensions_excessives', `Image de ${info.width}×${info.height} pixels`);
  }
  const pixels = await deps.images.decode(bytes);
  const dpi = plausibleDpi(pixels.width, pixels.height, info.density);
  yield { index: 0, count: 1, source: 'png', dpi, image: { kind: 'pixels', pixels } };
}

/**
 * The pages of an input file, one at a time (the caller holds at most the page it is working on).
 * The type is taken from the bytes. Scanner PDF pages that are one JPEG come out as that JPEG,
 * untouched; those that are one grey Flate image or one CCITT fax image (bitonal scans) come out
 * as its grey pixels; other PDF pages are rendered; every TIFF page is decoded. Bad input throws
 * an AppError (`fichier_vide`, `aucune_page`, `format_non_supporte`, `fichier_chiffre`,
 * `fichier_illisible`, `dimensions_excessives`, `trop_de_pages`), before the first page whenever
 * it can be known then.
 */
export async function* extractPages(bytes: Uint8Array, deps: ExtractDeps, options: ExtractOptions = {}): AsyncGenerator<ExtractedPage, void, undefined> {
  const settings: Required<ExtractOptions> = {
    maxPages: options.maxPages ?? 2000,
    renderDpi: options.renderDpi ?? 200,
    maxPageInches: options.maxPageInches ?? 50,
  };
  const format = await sniffFormat(bytes);
  switch (format) {
    case 'pdf':
      yield* extractPdf(bytes, deps, settings);
      return;
    case 'tiff':
      yield* extractTiff(bytes, deps, settings);
      return;
    case 'jpeg':
      yield* extractJpeg(bytes, deps);
      return;
    case 'png':
      yield* extractPng(bytes, deps);
      return;
  }
}
