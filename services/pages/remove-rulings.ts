import type { GreyPixels } from './page-types.ts';

// ink is darker than halfway between the zone's paper (its median) and its darkest print (this
// quantile): a faint or grey print's lines and characters are ink too…
const DARKEST = 0.01;
// …when there is print to speak of; else, and never lighter than this, the usual threshold
const INK = 150;
const CONTRAST = 60;
const LIGHTEST_INK = 200;
// dark runs covering this share of the zone's width are a ruling (a box's top or bottom, an underline, a table line)…
const RULING_WIDTH = 0.3;
// …each run this long at least, longer than any character's stroke: boxes drawn in groups, one per block of the number
const SEGMENT = 40;
// a thin line drawn light (a comb's spine) is broken by paler pixels this wide at most: it runs on through them
const RUN_GAP = 2;
// a line scanned a little askew runs over this many rows either side: its segments are counted together
const SKEW_ROWS = 2;
// a box's side joins the rulings above and below it within this many pixels
const JOIN = 3;

type Run = { start: number; end: number };

/**
 * A number zone with its rulings whitened: the lines of boxes drawn one per character, table
 * cells, underlined fields. OCR told to read only a number's characters reads a box's side as a
 * 1 or an I, and loses the blocks around it. Horizontal rulings are the long dark runs (each
 * longer than a character's stroke) of rows that, with their neighbours (a line a little askew),
 * cover a good part of the zone: one line, or the tops of boxes drawn in groups; vertical ones are
 * the dark runs of a column that join a ruling above and one below (a box's sides, or one ruling
 * and the zone's edge where the zone cut the box) or span the whole zone (a table's). Characters
 * inside boxes do not touch them. Pure.
 */
export function removeRulings(zone: GreyPixels): GreyPixels {
  const { width, height } = zone;
  const data = Buffer.from(zone.data);
  const ink = inkThreshold(data);
  const dark = (x: number, y: number) => data[y * width + x]! < ink;
  const segment = Math.max(SEGMENT, width * 0.03);
  const long: Run[][] = [];
  for (let y = 0; y < height; y++) {
    const runs: Run[] = [];
    let start = -1;
    let last = -1;
    for (let x = 0; x <= width; x++) {
      if (x < width && dark(x, y)) {
        if (start < 0) start = x;
        last = x;
      } else if (start >= 0 && (x === width || x - last > RUN_GAP)) {
        if (last + 1 - start >= segment) runs.push({ start, end: last + 1 });
        start = -1;
      }
    }
    long.push(runs);
  }
  const covered = long.map((runs) => runs.reduce((n, r) => n + r.end - r.start, 0));
  const ruled = new Uint8Array(height);
  for (let y = 0; y < height; y++) {
    let around = 0;
    for (let d = -SKEW_ROWS; d <= SKEW_ROWS; d++) around += covered[y + d] ?? 0;
    if (covered[y]! > 0 && around >= width * RULING_WIDTH) ruled[y] = 1;
  }
  const nearRuling = (y: number) => {
    for (let d = -JOIN; d <= JOIN; d++) if (ruled[y + d] === 1) return true;
    return false;
  };
  for (let x = 0; x < width; x++) {
    let y = 0;
    while (y < height) {
      if (!dark(x, y) || ruled[y] === 1) {
        y++;
        continue;
      }
      const start = y;
      while (y < height && dark(x, y) && ruled[y] !== 1) y++;
      // a box the zone cut off at its top or bottom: its side joins one ruling and runs to the zone's edge
      const above = nearRuling(start - 1);
      const below = nearRuling(y);
      const side = (above || start <= JOIN) && (below || y >= height - JOIN) && (above || below);
      if (side || y - start >= height * 0.9) for (let r = start; r < y; r++) data[r * width + x] = 255;
    }
  }
  for (const [y, runs] of long.entries()) if (ruled[y] === 1) for (const r of runs) data.fill(255, y * width + r.start, y * width + r.end);
  return { ...zone, data };
}

/** The zone's ink threshold: halfway between its paper and its darkest print, within bounds. Pure. */
export function inkThreshold(data: Uint8Array): number {
  const histogram = new Uint32Array(256);
  for (const v of data) histogram[v]!++;
  const quantile = (q: number) => {
    let seen = 0;
    for (let v = 0; v < 256; v++) {
      seen += histogram[v]!;
      if (seen > q * data.length) return v;
    }
    return 255;
  };
  const darkest = quantile(DARKEST);
  const paper = quantile(0.5);
  return paper - darkest < CONTRAST ? INK : Math.min(LIGHTEST_INK, Math.max(INK, (darkest + paper) / 2));
}
