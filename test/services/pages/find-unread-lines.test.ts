import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findUnreadLines } from '../../../services/pages/find-unread-lines.ts';
import type { GreyPixels } from '../../../services/pages/page-types.ts';

// A 200 dpi strip of page (8 px to the millimetre): ink drawn as solid blocks
function page(blocks: Array<[left: number, top: number, width: number, height: number]>): GreyPixels {
  const [width, height] = [1200, 600];
  const data = Buffer.alloc(width * height, 250);
  for (const [left, top, w, h] of blocks) for (let y = top; y < top + h; y++) data.fill(0, y * width + left, y * width + left + w);
  return { data, width, height, channels: 1 };
}

const word = (left: number, top: number, width: number, height: number) => ({ bbox: { left, top, width, height } });

test('a line of print no word covers is found; a read line, a dotted leader and a logo are not', () => {
  const read: [number, number, number, number] = [100, 50, 600, 24];
  const dropped: [number, number, number, number] = [100, 150, 700, 24];
  const leader: [number, number, number, number] = [100, 180, 800, 2];
  const logo: [number, number, number, number] = [100, 300, 300, 200];
  const lines = findUnreadLines(page([read, dropped, leader, logo]), 200, [word(100, 50, 200, 24), word(320, 52, 200, 22)]);
  assert.equal(lines, [{ left: 100, top: 150, width: 700, height: 24 }]);
});

test('a page whose every line was read has none', () => {
  assert.equal(findUnreadLines(page([[100, 50, 600, 24]]), 200, [word(100, 48, 600, 26)]), []);
});

test.run();
