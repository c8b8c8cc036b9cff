import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { GreyPixels } from '../../../services/pages/page-types.ts';
import { removeSpecks } from '../../../services/pages/remove-specks.ts';

// A dotted leader (2×2 px dots every 6 px) with a field's characters written on it: 6×14 px strokes
// whose foot touches the line of dots, and one « 1 » 2 px wide, taller than a dot.
function leader(): GreyPixels {
  const width = 120;
  const height = 30;
  const data = Buffer.alloc(width * height, 255);
  const ink = (x: number, y: number) => void (data[y * width + x] = 0);
  for (let x = 2; x < 118; x += 6)
    for (const [dx, dy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const)
      ink(x + dx, 24 + dy);
  for (const left of [30, 50]) for (let y = 10; y < 24; y++) for (let x = left; x < left + 6; x++) ink(x, y);
  for (let y = 10; y < 24; y++) for (const x of [80, 81]) ink(x, y);
  return { data, width, height, channels: 1 };
}

const darkAt = (p: GreyPixels, x: number, y: number) => p.data[y * p.width + x]! < 160;

test("a dotted leader's dots are whitened, the characters on it kept whole, thin ones too", () => {
  const cleaned = removeSpecks(leader(), 5);
  for (const x of [2, 8, 14, 98, 110]) assert.not.ok(darkAt(cleaned, x, 24), `dot left at ${x}`);
  for (const [x, y] of [
    [32, 15],
    [52, 20],
    [80, 12],
    [81, 23],
  ] as const)
    assert.ok(darkAt(cleaned, x, y), `character lost at ${x},${y}`);
  // a dot a character's foot touches goes with the character: it is not a speck on its own
  assert.ok(darkAt(cleaned, 32, 24));
});

test('nothing but specks: a white page; no speck: the page unchanged', () => {
  const specks = removeSpecks({ ...leader(), data: Buffer.from(leader().data.map((v, i) => (i % 120 < 28 ? v : 255))) }, 5);
  assert.ok(specks.data.every((v) => v === 255));
  const page = leader();
  assert.equal(removeSpecks(page, 1).data, page.data);
});

test.run();
