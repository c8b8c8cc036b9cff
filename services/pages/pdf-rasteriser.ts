import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import type { RenderParameters } from 'pdfjs-dist/types/src/display/api.js';
import { AppError } from '../app-error.ts';
import type { Pixels } from './page-types.ts';

// pdfjs-dist (Apache-2.0) legacy build + @napi-rs/canvas (MIT): the only rasteriser measured on these
// machines that is both usable in Node 20 and not AGPL (mupdf is faster but AGPL-3.0).

export type PdfRasteriserOptions = {
  /** Largest page raster in pixels; the resolution is lowered to fit. */
  maxPixels: number;
};

/** An open PDF that pages can be rendered from, one at a time. */
export type PdfRenderer = {
  readonly pageCount: number;
  /** Page size in PDF points (1/72 in), after the page's /Rotate. */
  pageSize(index: number): Promise<{ width: number; height: number }>;
  /** Renders page `index` (0-based) at `dpi` on white; RGBA pixels. */
  renderPage(index: number, dpi: number): Promise<Pixels>;
  close(): Promise<void>;
};

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjsModule: Promise<PdfJs> | undefined;
const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));

// Imported on first use: ~1 s, and most scan batches never need it.
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

function pdfjsError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const name = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'PasswordException') {
    return new AppError('fichier_chiffre', 'Le PDF est protégé par un mot de passe', { cause: message });
  }
  return new AppError('fichier_illisible', 'PDF illisible', { cause: message });
}

/** Opens a PDF with pdfjs. Throws `fichier_chiffre` when a password is needed, `fichier_illisible` when broken. */
export async function openPdfRenderer(bytes: Uint8Array, options: PdfRasteriserOptions): Promise<PdfRenderer> {
  const pdfjs = await loadPdfJs();
  // pdfjs may detach the buffer it is given: hand it a copy, the caller keeps its bytes.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: `${pdfjsRoot}/standard_fonts/`,
    cMapUrl: `${pdfjsRoot}/cmaps/`,
    cMapPacked: true,
    wasmUrl: `${pdfjsRoot}/wasm/`,
    iccUrl: `${pdfjsRoot}/iccs/`,
    isEvalSupported: false,
    maxImageSize: options.maxPixels,
    canvasMaxAreaInBytes: options.maxPixels * 4,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    throw pdfjsError(err);
  }

  const viewport = async (index: number, scale: number) => {
    const page = await doc.getPage(index + 1);
    return { page, viewport: page.getViewport({ scale }) };
  };

  return {
    pageCount: doc.numPages,

    async pageSize(index) {
      try {
        const { page, viewport: vp } = await viewport(index, 1);
        page.cleanup();
        return { width: vp.width, height: vp.height };
      } catch (err) {
        throw pdfjsError(err);
      }
    },

    async renderPage(index, dpi) {
      try {
        const { page, viewport: vp } = await viewport(index, dpi / 72);
        const width = Math.max(1, Math.ceil(vp.width));
        const height = Math.max(1, Math.ceil(vp.height));
        if (width * height > options.maxPixels) {
          throw new AppError('dimensions_excessives', 'Page PDF trop grande pour être rendue', { width, height });
        }
        const canvas = createCanvas(width, height);
        const context = canvas.getContext('2d');
        await page.render({
          canvas: canvas as unknown as RenderParameters['canvas'],
          viewport: vp,
          background: 'rgb(255,255,255)',
        }).promise;
        const image = context.getImageData(0, 0, width, height);
        page.cleanup();
        const data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
        return { data, width, height, channels: 4 };
      } catch (err) {
        throw pdfjsError(err);
      }
    },

    async close() {
      await doc.destroy().catch(() => {});
    },
  };
}
