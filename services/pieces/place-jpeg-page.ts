import { findBorderBox } from '../pages/find-border-box.ts';
import { cropPixels, type ImageOps } from '../pages/image-ops.ts';
import { measureSkew } from '../pages/measure-skew.ts';
import type { Box, ExtractedPage, GreyPixels, JpegImage } from '../pages/page-types.ts';

/** A JPEG page and how to show it upright on a PDF page: the part kept, the turn that levels it. */
export type JpegPlacement = {
  page: ExtractedPage & { image: JpegImage };
  /** Dark scanner borders cut away, in the JPEG's pixels (null: the whole image). */
  crop: Box | null;
  /** Measured skew, clockwise degrees; the page is levelled by turning it back when `deskew`. */
  skewAngle: number;
  skewConfidence: number;
  deskew: boolean;
};

// the page engine's defaults (services/pages/normalise-page.ts): the same page gets the same decisions
const maxDpi = 300;
const maxSkew = 5;
const skewThreshold = 0.3;
const minSkewConfidence = 0.15;
/** Skew and borders are measured at about this resolution: enough for a text line's slope. */
const analysisDpi = 100;

/**
 * A page that can go into the PDF as the JPEG it is (no decoding for the PDF, no re-encoding):
 * grey or RGB (a CMYK JPEG needs its colours handled), upright as stored (an EXIF turn has already
 * made it pixels), and no finer than the engine keeps pages.
 */
export function isPlaceable(page: ExtractedPage): page is ExtractedPage & { image: JpegImage } {
  return page.image.kind === 'jpeg' && page.image.channels !== 4 && page.dpi <= maxDpi;
}

/** Averages `factor`×`factor` blocks: a reduced copy for measures, cheaper here than a resampling filter. */
function reduce(grey: GreyPixels, factor: number): GreyPixels {
  if (factor <= 1) return grey;
  const width = Math.floor(grey.width / factor);
  const height = Math.floor(grey.height / factor);
  const out = Buffer.allocUnsafe(width * height);
  const area = factor * factor;
  const sums = new Uint32Array(width);
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let i = (y * factor + dy) * grey.width;
      for (let x = 0; x < width; x++) {
        for (let dx = 0; dx < factor; dx++) sums[x]! += grey.data[i++]!;
      }
    }
    for (let x = 0; x < width; x++) out[y * width + x] = ((sums[x]! + (area >> 1)) / area) | 0;
  }
  return { data: out, width, height, channels: 1 };
}

/**
 * What normalisation decides for a JPEG page without OCR (borders, skew), measured on a reduced
 * grey copy; the PDF then shows the JPEG itself cropped and turned (`assemblePlacedPdf`), where the
 * pixel path decodes, rotates and re-encodes the whole page.
 */
export async function placeJpegPage(page: ExtractedPage & { image: JpegImage }, deps: { images: ImageOps }): Promise<JpegPlacement> {
  const factor = Math.max(1, Math.floor(page.dpi / analysisDpi));
  let small = reduce(await deps.images.toGrey(page.image), factor);
  const border = findBorderBox(small);
  let crop: Box | null = null;
  if (border) {
    const { width, height } = page.image;
    const left = Math.min(width - 1, border.left * factor);
    const top = Math.min(height - 1, border.top * factor);
    crop = {
      left,
      top,
      width: Math.max(1, Math.min(width - left, border.width * factor)),
      height: Math.max(1, Math.min(height - top, border.height * factor)),
    };
    small = cropPixels(small, border);
  }
  const skew = measureSkew(small, { maxAngle: maxSkew });
  const deskew = Math.abs(skew.angle) >= skewThreshold && skew.confidence >= minSkewConfidence;
  return { page, crop, skewAngle: skew.angle, skewConfidence: skew.confidence, deskew };
}
