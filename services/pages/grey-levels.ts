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
