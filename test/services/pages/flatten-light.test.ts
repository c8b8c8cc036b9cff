import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { flattenLight } from '../../../services/pages/flatten-light.ts';
import type { GreyPixels } from '../../../services/pages/page-types.ts';

const width = 600;
const height = 800;

/** Paper at 225 with rows of dark "print" (bars of 3 pixels every 20 rows, in from the margins), lit by `light`. */
function page(light: (x: number, y: number) => number, box?: { left: number; top: number; right: number; bottom: number }): GreyPixels {
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const print = y % 20 < 3 && x > 60 && x < 540 && x % 9 < 6;
      const inBox = box && x >= box.left && x < box.right && y >= box.top && y < box.bottom;
      data[y * width + x] = Math.round((print || inBox ? 30 : 225) * light(x, y));
    }
  }
  return { data, width, height, channels: 1 };
}

const at = (g: GreyPixels, x: number, y: number) => g.data[y * g.width + x]!;

test('flattenLight: paper in a shadow comes out as white as the lit paper, and its print as dark', () => {
  // the left half in a soft shadow at half the light
  const shadow = (x: number) => 0.5 + 0.5 / (1 + Math.exp(-(x - 300) / 25));
  const before = page(shadow);
  assert.ok(at(before, 100, 10) < 120, 'paper in the shadow is grey before');
  const { grey, paper } = flattenLight(before);
  assert.ok(paper.min < 130 && paper.max > 215, `paper levels measured: ${JSON.stringify(paper)}`);
  for (const x of [100, 500]) {
    assert.ok(at(grey, x, 10) >= 235, `paper at x=${x}: ${at(grey, x, 10)}`);
    assert.ok(at(grey, x, 1) <= 60, `print at x=${x}: ${at(grey, x, 1)}`);
  }
});

test('flattenLight: a dark box filling blocks stays dark (it is print, not a shadow)', () => {
  const { grey } = flattenLight(page(() => 1, { left: 220, top: 320, right: 380, bottom: 480 }));
  assert.ok(at(grey, 300, 400) <= 60, `inside the box: ${at(grey, 300, 400)}`);
  assert.ok(at(grey, 100, 250) >= 235, 'paper around it white');
});

test('flattenLight: an evenly lit page keeps its print and gets white paper', () => {
  const { grey, paper } = flattenLight(page(() => 1));
  assert.ok(paper.max - paper.min <= 2, `even paper: ${JSON.stringify(paper)}`);
  assert.ok(at(grey, 100, 10) >= 250);
  assert.ok(at(grey, 100, 1) <= 40);
});

test.run();
