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

const darkAt = (p: GreyPixels, x: number, y: number) => p.data[y * p.width + x]! < 200;

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

test("a comb's spine drawn thin and light, paler pixels breaking it every few pixels, is whitened", () => {
  const width = 300;
  const height = 40;
  const data = Buffer.alloc(width * height, 255);
  for (let x = 10; x < 290; x++) data[30 * width + x] = x % 7 === 0 ? 170 : 130;
  for (let b = 0; b < 8; b++) for (let y = 8; y < 26; y++) for (let x = 20 + b * 34; x < 30 + b * 34; x++) data[y * width + x] = 20;
  const cleaned = removeRulings({ data, width, height, channels: 1 });
  for (const x of [15, 100, 280]) assert.not.ok(cleaned.data[30 * width + x]! < 160, `spine left at ${x}`);
  assert.ok(darkAt(cleaned, 25, 15), 'a character lost');
});

test('a zone without rulings is left as it is', () => {
  const plain = boxes();
  plain.data.fill(255);
  for (let y = 10; y < 30; y++) plain.data[y * plain.width + 40] = 0;
  assert.equal(removeRulings(plain).data, plain.data);
});

// Boxes drawn in groups of 3, 4, 6 and 5 across a wide zone, 40 px apart, lines 2 px thick and
// `drop` px lower at the zone's right end (a scan a little askew), the zone cut `cut` px above
// their bottom line (a zone drawn from a label can stop short); a 10×24 px character in each box.
function groupedBoxes(drop: number, cut: number, print = 0): { zone: GreyPixels; chars: [number, number][]; sides: [number, number][] } {
  const width = 1600;
  const full = 110;
  const height = full - cut;
  const data = Buffer.alloc(width * height, 255);
  const ink = (x: number, y: number) => {
    if (y >= 0 && y < height) data[y * width + x] = print;
  };
  const shift = (x: number) => Math.round((x / width) * drop);
  const chars: [number, number][] = [];
  const sides: [number, number][] = [];
  let left = 20;
  for (const n of [3, 4, 6, 5]) {
    const right = left + n * 50;
    for (let x = left; x < right + 2; x++) for (const y of [20, 21, 90, 91]) ink(x, y + shift(x));
    for (let b = 0; b <= n; b++) {
      const x0 = left + b * 50;
      for (let y = 20; y < 92; y++) for (const x of [x0, x0 + 1]) ink(x, y + shift(x0));
      if (b > 0) sides.push([x0, 60 + shift(x0)]);
    }
    for (let b = 0; b < n; b++) {
      const x0 = left + b * 50 + 20;
      for (let y = 44; y < 68; y++) for (let x = x0; x < x0 + 10; x++) ink(x, y + shift(x0));
      chars.push([x0 + 5, 56 + shift(x0)]);
    }
    left = right + 40;
  }
  return { zone: { data, width, height, channels: 1 }, chars, sides };
}

test('boxes drawn in groups, a little askew, the zone cutting them short, printed faint: their lines whitened, their characters kept', () => {
  for (const [drop, cut, print] of [
    [0, 0, 0],
    [6, 0, 0],
    [0, 12, 0],
    [6, 12, 0],
    // a faint grey print
    [6, 12, 160],
  ] as const) {
    const { zone, chars, sides } = groupedBoxes(drop, cut, print);
    const cleaned = removeRulings(zone);
    for (const [x, y] of sides) assert.not.ok(darkAt(cleaned, x, y), `drop ${drop}, cut ${cut}: side left at ${x},${y}`);
    assert.not.ok(darkAt(cleaned, 500, 20 + Math.round((500 / 1600) * drop)), `drop ${drop}, cut ${cut}: top line left`);
    for (const [x, y] of chars) assert.ok(darkAt(cleaned, x, y), `drop ${drop}, cut ${cut}: character at ${x},${y} lost`);
  }
});

test.run();
