import type { Box, GreyPixels } from './page-types.ts';

// ink is darker than this on a normalised page
const DARK = 128;
// a row holds print when this many of its pixels are ink (a speck row does not)
const INKED_ROW_MM = 1.5;
// a line of type is at least this high (a dotted leader, a ruling or a row of specks is not) and at
// most this high (a logo, a photo, a stamp is more)…
const LINE_MM = { min: 1.6, max: 7 };
// …and its ink runs at least this wide: a word or two
const LINE_WIDTH_MM = 15;
// rows this close join one line (an accent, a leader under its field)
const GAP_MM = 0.4;
// the unread lines read again at most, the tallest first (a page of many is a picture, not dropped text)
const MAX_LINES = 3;

/**
 * The lines of print no word of the page's reading covers, as boxes: the page's layout analysis
 * drops a line it takes for a drawing (a field written on dotted leaders, a form's row of spaced
 * characters), and a number or a label goes with it. A band of inked rows as high as a line of type
 * and a few words wide, with no word box across it. Pure.
 */
export function findUnreadLines(page: GreyPixels, dpi: number, words: readonly { bbox: Box }[]): Box[] {
  const mm = (x: number) => Math.max(1, Math.round((x * dpi) / 25.4));
  const { width, height, data } = page;
  const inked: Array<{ left: number; right: number } | null> = [];
  for (let y = 0; y < height; y++) {
    let [count, left, right] = [0, width, -1];
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! >= DARK) continue;
      count++;
      if (x < left) left = x;
      right = x;
    }
    inked.push(count >= mm(INKED_ROW_MM) ? { left, right } : null);
  }
  const bands: Box[] = [];
  let y = 0;
  while (y < height) {
    if (inked[y] === null) {
      y++;
      continue;
    }
    let [top, bottom, left, right] = [y, y, width, 0];
    let gap = 0;
    for (; y < height && gap <= mm(GAP_MM); y++) {
      const row = inked[y];
      if (!row) {
        gap++;
        continue;
      }
      [bottom, left, right, gap] = [y, Math.min(left, row.left), Math.max(right, row.right), 0];
    }
    bands.push({ left, top, width: right - left + 1, height: bottom - top + 1 });
  }
  const read = (b: Box) => words.some((w) => w.bbox.top < b.top + b.height && w.bbox.top + w.bbox.height > b.top);
  return bands
    .filter((b) => b.height >= mm(LINE_MM.min) && b.height <= mm(LINE_MM.max) && b.width >= mm(LINE_WIDTH_MM) && !read(b))
    .sort((a, b) => b.height - a.height)
    .slice(0, MAX_LINES);
}
