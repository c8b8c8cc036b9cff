import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findBandCut } from '../../../services/pages/find-band-cut.ts';
import type { GreyPixels } from '../../../services/pages/page-types.ts';

/** A white page with black text lines over the given row ranges. */
function page(height: number, lines: Array<[number, number]>): GreyPixels {
  const width = 100;
  const data = Buffer.alloc(width * height, 255);
  for (const [from, to] of lines) data.fill(0, from * width, to * width);
  return { data, width, height, channels: 1 };
}

test('findBandCut: the middle of the widest white gap within the range, never inside a line', () => {
  // rows 30–39 searched: a line up to 33, a gap of 3 rows (33–35), a line 36–37, a gap of 2 (38–39)
  const grey = page(100, [
    [28, 33],
    [36, 38],
    [40, 50],
  ]);
  assert.is(findBandCut(grey, 0.3, 0.4), 34);
});

test('findBandCut: with text on every row, the row with the least ink', () => {
  const grey = page(100, [[0, 100]]);
  for (let x = 0; x < 100; x += 2) grey.data[35 * 100 + x] = 255;
  assert.is(findBandCut(grey, 0.3, 0.4), 35);
});

test.run();
