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

/** Grey below which a pixel is ink, relative to the paper (bleed-through and a grey wash stay above it). */
export function inkThreshold(paper: number): number {
  return paper - Math.max(50, Math.round(paper * 0.28));
}
