import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { GreyPixels } from '../../../services/pages/page-types.ts';
import { removeRulings } from '../../../services/pages/remove-rulings.ts';

// A row of 6 boxes 20 px wide and 30 px tall (2 px lines), a 6×14 px "character" inside each.
function boxes(): GreyPixels {
  const width = 140;
  const height = 40;
  const data = Buffer.alloc(width * height, 255);
  const ink = (x: number, y: number) => void (data[y * width + x] = 0);
  for (let x = 5; x < 127; x++) for (const y of [5, 6, 35, 36]) ink(x, y);
  for (let b = 0; b <= 6; b++) for (let y = 5; y < 37; y++) for (const x of [5 + b * 20, 6 + b * 20]) ink(x, y);
  for (let b = 0; b < 6; b++) for (let y = 13; y < 27; y++) for (let x = 12 + b * 20; x < 18 + b * 20; x++) ink(x, y);
  return { data, width, height, channels: 1 };
}

const darkAt = (p: GreyPixels, x: number, y: number) => p.data[y * p.width + x]! < 128;

test("a box's lines are whitened and the characters inside are kept", () => {
  const cleaned = removeRulings(boxes());
  for (const [x, y] of [
    [50, 5],
    [50, 36],
    [25, 20],
    [5, 20],
    [126, 30],
  ] as const)
    assert.not.ok(darkAt(cleaned, x, y), `ruling left at ${x},${y}`);
  for (let b = 0; b < 6; b++) assert.ok(darkAt(cleaned, 14 + b * 20, 20), `character ${b} lost`);
});

test('a zone without rulings is left as it is', () => {
  const plain = boxes();
  plain.data.fill(255);
  for (let y = 10; y < 30; y++) plain.data[y * plain.width + 40] = 0;
  assert.equal(removeRulings(plain).data, plain.data);
});

test.run();
