import type { GreyPixels } from './page-types.ts';

// darker than this is ink (the page is levelled: paper near 255)
const INK = 128;

/**
 * The row between `from` and `to` (shares of the page height) where a page can be cut in two
 * without cutting a line of text: the middle of the longest run of the emptiest rows. Pure. A line
 * cut in half reads as nothing on either side, so bands are cut in the white between lines.
 */
export function findBandCut(grey: GreyPixels, from: number, to: number): number {
  const first = Math.max(0, Math.round(grey.height * from));
  const last = Math.min(grey.height, Math.round(grey.height * to));
  if (last - first < 2) return first;
  const ink: number[] = [];
  for (let y = first; y < last; y++) {
    let count = 0;
    const start = y * grey.width;
    // every other pixel: a text line's row has hundreds of dark pixels, a gap none
    for (let x = 0; x < grey.width; x += 2) if (grey.data[start + x]! < INK) count++;
    ink.push(count);
  }
  const least = Math.min(...ink);
  let best = { start: 0, length: 0 };
  let run = { start: 0, length: 0 };
  ink.forEach((count, i) => {
    run = count <= least ? { start: run.length === 0 ? i : run.start, length: run.length + 1 } : { start: 0, length: 0 };
    if (run.length > best.length) best = run;
  });
  return first + best.start + Math.floor(best.length / 2);
}
