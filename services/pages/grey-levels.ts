import type { GreyPixels } from './page-types.ts';

/** Paper level: the most frequent grey in the bright half (what most of a page is). */
export function paperLevel(histogram: Uint32Array): number {
  let best = 255;
  for (let v = 128; v < 256; v++) if (histogram[v]! > histogram[best]!) best = v;
  return histogram[best]! > 0 ? best : 255;
}

export function greyHistogram(grey: GreyPixels): Uint32Array {
  const histogram = new Uint32Array(256);
  const { data } = grey;
  for (let i = 0; i < data.length; i++) histogram[data[i]!]!++;
  return histogram;
}

/** The darkest grey with at least `share` of the pixels at or below it (the page's darkest marks, specks aside). */
export function darkLevel(histogram: Uint32Array, share = 0.0002): number {
  let total = 0;
  for (let v = 0; v < 256; v++) total += histogram[v]!;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= total * share) return v;
  }
  return 255;
}

/**
 * Grey below which a pixel is ink: well under the paper (28 %), or halfway to the darkest marks on a
 * low-contrast page (faint print still counts), but never within 25 levels of the paper (a grey
 * wash, grain and faint show-through stay out).
 */
export function inkThreshold(paper: number, dark = 0): number {
  return paper - Math.max(25, Math.min(Math.round(paper * 0.28), Math.round((paper - dark) / 2)));
}

/**
 * The grey levels to stretch to black and white on a page whose paper is grey, or null when the
 * paper is white already. Pure. On grey paper the white a deskew or a crop leaves in the corners
 * is the brightest thing on the page, and tesseract's threshold then falls between that white and
 * the paper, so the whole page reads as ink and nothing as text: mapping the paper to white fixes it.
 * Black stays black, and paper only a little grey (225 and above) is left as it is: raising the
 * contrast there makes show-through of the other side read as words, and blank backs kept as content.
 */
export function levelsToStretch(histogram: Uint32Array, whitePaper = 225): { black: number; white: number } | null {
  const white = paperLevel(histogram);
  return white >= whitePaper ? null : { black: 0, white };
}

/** A copy of the page with `black` and darker at 0 and `white` and brighter at 255, linear between. */
export function stretchLevels(grey: GreyPixels, { black, white }: { black: number; white: number }): GreyPixels {
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.max(0, Math.min(255, Math.round(((v - black) * 255) / (white - black))));
  const data = Buffer.allocUnsafe(grey.data.length);
  for (let i = 0; i < data.length; i++) data[i] = table[grey.data[i]!]!;
  return { ...grey, data };
}
