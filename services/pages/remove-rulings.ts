import type { GreyPixels } from './page-types.ts';

// darker than this is ink
const INK = 150;
// a dark run this share of the zone's width is a ruling (a box's top or bottom, an underline, a table line), never a character
const RULING_WIDTH = 0.3;
// a box's side joins the rulings above and below it within this many pixels
const JOIN = 3;

/**
 * A number zone with its rulings whitened: the lines of boxes drawn one per character, table
 * cells, underlined fields. OCR told to read only a number's characters reads a box's side as a
 * 1 or an I, and loses the blocks around it. Horizontal rulings are the long dark runs of a row;
 * vertical ones are the dark runs of a column that join a ruling above and one below (a box's
 * sides) or span the whole zone (a table's). Characters inside boxes do not touch them. Pure.
 */
export function removeRulings(zone: GreyPixels): GreyPixels {
  const { width, height } = zone;
  const data = Buffer.from(zone.data);
  const dark = (x: number, y: number) => data[y * width + x]! < INK;
  const ruled = new Uint8Array(height);
  for (let y = 0; y < height; y++) {
    let run = 0;
    let longest = 0;
    for (let x = 0; x < width; x++) {
      run = dark(x, y) ? run + 1 : 0;
      if (run > longest) longest = run;
    }
    if (longest >= width * RULING_WIDTH) ruled[y] = 1;
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
      const joinsBoth = nearRuling(start - 1) && nearRuling(y);
      if (joinsBoth || y - start >= height * 0.9) for (let r = start; r < y; r++) data[r * width + x] = 255;
    }
  }
  for (let y = 0; y < height; y++) if (ruled[y] === 1) data.fill(255, y * width, (y + 1) * width);
  return { ...zone, data };
}
