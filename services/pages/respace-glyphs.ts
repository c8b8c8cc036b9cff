import type { Box, GreyPixels } from './page-types.ts';
import { inkMarks } from './ink-marks.ts';
import { inkThreshold } from './remove-rulings.ts';

// a glyph's gap this many times its line's usual gap, or more, parts two blocks of the number
const BLOCK_GAP = 1.8;

type Glyph = { left: number; right: number; top: number; bottom: number };

/**
 * A number zone written out again with each line's characters set side by side at a type's usual
 * spacing: a number written one character per box or over a comb has its characters spread far
 * apart, and OCR then reads each box as a word, splits a character or glues a box's remains to it.
 * The characters are the zone's marks of ink (those touching each other across a column are one:
 * an accent, a broken stroke); the lines are the rows of marks that overlap; a wide gap in a line
 * is kept as a space between blocks, every other gap is made narrow. Marks too small to be a
 * character (grain, a comb's tick once its spine is whitened) are left out. `lignes`: where each
 * line was set, a margin's half above and below it. Pure.
 */
export function respaceGlyphs(zone: GreyPixels): (GreyPixels & { lignes: Box[] }) | null {
  const ink = inkThreshold(zone.data);
  const marks = inkMarks(zone, ink);
  if (marks.length === 0) return null;
  const lines = intoLines(marks).map(layoutLine);
  // a line of grain, far smaller than the print, or of upright strokes alone (a comb's ticks below
  // its characters) is no line
  const tallest = Math.max(...lines.map((row) => Math.max(0, ...row.map((g) => h(g.glyph)))));
  const rows = lines.filter((row) => row.some((g) => !thin(g.glyph)) && Math.max(...row.map((g) => h(g.glyph))) >= tallest * 0.3);
  if (rows.length === 0) return null;
  // each line keeps its glyphs' heights on it (a dash stays mid-height, a comma low)
  const tops = rows.map((row) => Math.min(...row.map((g) => g.glyph.top)));
  const heights = rows.map((row, i) => Math.max(...row.map((g) => g.glyph.bottom)) - tops[i]! + 1);
  const margin = Math.max(...heights);
  const width = Math.max(...rows.map((row) => row.at(-1)!.x + w(row.at(-1)!.glyph))) + 2 * margin;
  const height = heights.reduce((sum, lineH) => sum + lineH + margin, margin);
  const data = Buffer.alloc(width * height, 255);
  const lignes: Box[] = [];
  let y = margin;
  for (const [i, row] of rows.entries()) {
    lignes.push({ left: 0, top: y - Math.floor(margin / 2), width, height: heights[i]! + margin });
    for (const { glyph, x } of row) {
      for (let sy = glyph.top; sy <= glyph.bottom; sy++) {
        for (let sx = glyph.left; sx <= glyph.right; sx++) {
          const v = zone.data[sy * zone.width + sx]!;
          if (v < ink) data[(y + sy - tops[i]!) * width + margin + x + sx - glyph.left] = v;
        }
      }
    }
    y += heights[i]! + margin;
  }
  return { data, width, height, channels: 1, lignes };
}

const h = (g: Glyph) => g.bottom - g.top + 1;
const w = (g: Glyph) => g.right - g.left + 1;
const thin = (g: Glyph) => w(g) < h(g) * 0.25;
const overlap = (a: Glyph, b: Glyph) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) + 1;

/**
 * Marks grouped into lines: marks that share half the height of the smaller one are on one line, and
 * so, link by link, are all the marks they share it with (a handwritten line's characters rise and
 * fall). Thin upright marks (a box's side, a table's rule in pieces, a comb's tick) link nothing: each
 * joins the line it shares half its height with, if any.
 */
function intoLines(marks: Glyph[]): Glyph[][] {
  const shared = (a: Glyph, b: Glyph) => overlap(a, b) >= Math.min(h(a), h(b)) * 0.5;
  const lines: Glyph[][] = [];
  for (const mark of marks.filter((m) => !thin(m))) {
    const linked = lines.filter((line) => line.some((other) => shared(mark, other)));
    const merged = [mark, ...linked.flat()];
    for (const line of linked) lines.splice(lines.indexOf(line), 1);
    lines.push(merged);
  }
  for (const mark of marks.filter(thin)) {
    const line = lines.find((l) => l.some((other) => overlap(mark, other) >= h(mark) * 0.5));
    if (line) line.push(mark);
    else lines.push([mark]);
  }
  const top = (line: Glyph[]) => Math.min(...line.map((g) => g.top));
  return lines.sort((a, b) => top(a) - top(b));
}

/** A line's characters (its marks merged across columns, grain and ticks left out) and where each is set. */
function layoutLine(marks: Glyph[]): { glyph: Glyph; x: number }[] {
  const lineHeight = Math.max(...marks.map(h));
  const glyphs: Glyph[] = [];
  for (const mark of [...marks].sort((a, b) => a.left - b.left)) {
    const last = glyphs.at(-1);
    // overlapping columns, no wider together than a character: one character (an accent over it, a
    // stroke broken by the scan)
    if (last && mark.left <= last.right && Math.max(last.right, mark.right) - Math.min(last.left, mark.left) < lineHeight * 0.8) {
      glyphs[glyphs.length - 1] = {
        left: Math.min(last.left, mark.left),
        right: Math.max(last.right, mark.right),
        top: Math.min(last.top, mark.top),
        bottom: Math.max(last.bottom, mark.bottom),
      };
    } else glyphs.push(mark);
  }
  // the characters: the marks that are not thin upright strokes (a box's sides may outnumber the characters
  // inside); their height, baseline and top, each the median
  const characters = glyphs.filter((g) => !thin(g) && h(g) >= lineHeight * 0.3);
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const charHeight = characters.length > 0 ? median(characters.map(h)) : lineHeight;
  const baseline = median(characters.map((g) => g.bottom));
  const capline = median(characters.map((g) => g.top));
  const kept = glyphs.filter((g) => {
    if (h(g) < charHeight * 0.2 && w(g) < charHeight * 0.3) return false; // grain
    // a comb's tick: an upright stroke rising from below the characters' baseline, short of their tops (an I or a
    // 1 stands on the baseline, as tall as the others)
    if (thin(g) && g.bottom > baseline + charHeight * 0.15 && g.top > capline + charHeight * 0.25) return false;
    // a box's side, taller than the characters it holds, or a piece of one (a comb's tick, a dashed
    // side): thin and upright, where an I or a 1 is as tall as the other characters and a dash wider than high
    return !(thin(g) && (h(g) > charHeight * 1.2 || h(g) < charHeight * 0.85));
  });
  if (kept.length === 0) return [];
  const gaps = kept.slice(1).map((g, i) => g.left - kept[i]!.right);
  const usual = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)] ?? 0;
  const narrow = Math.round(lineHeight * 0.12);
  const wide = Math.round(lineHeight * 0.7);
  let x = 0;
  return kept.map((glyph, i) => {
    if (i > 0) x += w(kept[i - 1]!) + (gaps[i - 1]! >= Math.max(usual * BLOCK_GAP, lineHeight * 0.5) ? wide : narrow);
    return { glyph, x };
  });
}
