import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { GreyPixels } from '../../../services/pages/page-types.ts';
import { respaceGlyphs } from '../../../services/pages/respace-glyphs.ts';

type Rect = [left: number, top: number, width: number, height: number];

function zone(width: number, height: number, rects: Rect[]): GreyPixels {
  const data = Buffer.alloc(width * height, 255);
  for (const [left, top, w, h] of rects) for (let y = top; y < top + h; y++) for (let x = left; x < left + w; x++) data[y * width + x] = 0;
  return { data, width, height, channels: 1 };
}

/** The dark runs across the row `y`: each character's columns, left to right. */
function runsAcross(p: GreyPixels, y: number): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  for (let x = 0; x < p.width; x++) {
    const dark = p.data[y * p.width + x]! < 128;
    if (dark && (runs.length === 0 || runs.at(-1)!.end !== x)) runs.push({ start: x, end: x + 1 });
    else if (dark) runs.at(-1)!.end = x + 1;
  }
  return runs;
}

/** The rows of the output that hold ink, as bands. */
function inkBands(p: GreyPixels): { top: number; bottom: number }[] {
  const bands: { top: number; bottom: number }[] = [];
  for (let y = 0; y < p.height; y++) {
    let dark = false;
    for (let x = 0; x < p.width && !dark; x++) dark = p.data[y * p.width + x]! < 128;
    if (dark && bands.at(-1)?.bottom === y) bands.at(-1)!.bottom = y + 1;
    else if (dark) bands.push({ top: y, bottom: y + 1 });
  }
  return bands;
}

// two groups of boxes (3 and 4), 60 px apart, each box's sides 40 px tall, a 14×24 px character in
// each box; a group's boxes share their sides, and the groups stand 90 px apart
function boxedNumber(): GreyPixels {
  const rects: Rect[] = [];
  let left = 10;
  for (const n of [3, 4]) {
    for (let b = 0; b <= n; b++) rects.push([left + b * 60, 8, 2, 40]);
    for (let b = 0; b < n; b++) rects.push([left + b * 60 + 23, 16, 14, 24]);
    left += n * 60 + 90;
  }
  return zone(left, 56, rects);
}

test("a number written one character per box is set again as a line: the boxes' sides left out, the blocks kept apart", () => {
  const out = respaceGlyphs(boxedNumber());
  assert.ok(out);
  const bands = inkBands(out);
  assert.equal(bands.length, 1, 'one line');
  // where the line was set, to be read alone
  assert.equal(out.lignes.length, 1);
  const [ligne] = out.lignes;
  assert.ok(ligne!.top < bands[0]!.top && ligne!.top + ligne!.height > bands[0]!.bottom, `line set at ${JSON.stringify(ligne)}`);
  const runs = runsAcross(out, bands[0]!.top + 12);
  // the 7 characters and nothing else: no side read as a 1
  assert.equal(
    runs.map((r) => r.end - r.start),
    [14, 14, 14, 14, 14, 14, 14],
  );
  const gaps = runs.slice(1).map((r, i) => r.start - runs[i]!.end);
  // characters close together within a block, a wider gap between the blocks
  assert.ok(gaps[0]! < 14 && gaps[1]! < 14, `gaps within the first block: ${gaps}`);
  assert.ok(gaps[2]! > 2 * gaps[0]!, `gap between the blocks: ${gaps}`);
  assert.ok(gaps[3]! < 14 && gaps[4]! < 14 && gaps[5]! < 14, `gaps within the second block: ${gaps}`);
});

test("a comb's ticks are left out and a dash between the blocks is kept", () => {
  // a comb: a spine whitened away already, its 10 px ticks standing; characters 50 px apart, a dash after the third
  const rects: Rect[] = [];
  for (let b = 0; b < 6; b++) {
    rects.push([10 + b * 50, 36, 2, 10]);
    rects.push([26 + b * 50, 10, 14, 24]);
  }
  rects.push([155, 20, 10, 3]);
  const out = respaceGlyphs(zone(330, 50, rects));
  assert.ok(out);
  const bands = inkBands(out);
  assert.equal(bands.length, 1);
  const top = runsAcross(out, bands[0]!.top + 4);
  assert.equal(top.length, 6, 'six characters, no tick');
  // the dash sits between the third and fourth characters, at its height on the line
  const dash = runsAcross(out, bands[0]!.top + 11).filter((r) => r.end - r.start === 10);
  assert.equal(dash.length, 1);
  assert.ok(dash[0]!.start > top[2]!.end && dash[0]!.end < top[3]!.start);
});

test("a hand's characters rising and falling over a comb's tall ticks are one line, the ticks left out", () => {
  // characters 24 px tall whose tops wander by 5 px; ticks 18 px tall between them, reaching 7 px below the characters;
  // a table's rule to the left, in pieces
  const rects: Rect[] = [
    [2, 0, 2, 7],
    [2, 9, 2, 26],
    [2, 36, 2, 16],
    [2, 53, 2, 46],
  ];
  for (let b = 0; b < 8; b++) {
    rects.push([20 + b * 40, 35, 2, 18]);
    rects.push([30 + b * 40, b % 2 === 0 ? 21 : 26, 14, 24]);
  }
  const out = respaceGlyphs(zone(360, 100, rects));
  assert.ok(out);
  const bands = inkBands(out);
  assert.equal(bands.length, 1, JSON.stringify(bands));
  assert.equal(runsAcross(out, bands[0]!.top + 8).length, 8, 'eight characters, no tick');
});

test('a label above the number stays a line of its own, and a zone without ink gives nothing', () => {
  const rects: Rect[] = [
    [10, 4, 8, 12],
    [22, 4, 8, 12],
    [34, 4, 8, 12],
  ];
  for (let b = 0; b < 4; b++) rects.push([10 + b * 60, 40, 14, 24]);
  const out = respaceGlyphs(zone(260, 70, rects));
  assert.ok(out);
  assert.equal(inkBands(out).length, 2);
  assert.equal(respaceGlyphs(zone(50, 20, [])), null);
});

test.run();
