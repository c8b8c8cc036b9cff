import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { GreyPixels } from '../../../services/pages/page-types.ts';
import { homography, project, warpPerspective, type Quad } from '../../../services/pages/warp-perspective.ts';

const close = (a: number, b: number, tolerance: number, what: string) => assert.ok(Math.abs(a - b) <= tolerance, `${what}: ${a} vs ${b}`);

const square: Quad = [
  { x: 0, y: 0 },
  { x: 100, y: 0 },
  { x: 100, y: 100 },
  { x: 0, y: 100 },
];
const slanted: Quad = [
  { x: 12, y: 8 },
  { x: 95, y: 20 },
  { x: 88, y: 130 },
  { x: 5, y: 112 },
];

const transform = suite('homography');

transform('takes each of the four points onto its image', () => {
  const h = homography(square, slanted)!;
  square.forEach((p, i) => {
    const q = project(h, p);
    close(q.x, slanted[i]!.x, 1e-6, `x of corner ${i}`);
    close(q.y, slanted[i]!.y, 1e-6, `y of corner ${i}`);
  });
});

transform('the way back undoes the way there', () => {
  const there = homography(square, slanted)!;
  const back = homography(slanted, square)!;
  const p = project(back, project(there, { x: 37, y: 61 }));
  close(p.x, 37, 1e-6, 'x');
  close(p.y, 61, 1e-6, 'y');
});

transform('three aligned corners have no transform', () => {
  assert.is(
    homography(square, [
      { x: 0, y: 0 },
      { x: 50, y: 0 },
      { x: 100, y: 0 },
      { x: 0, y: 100 },
    ]),
    null,
  );
});

transform.run();

const warp = suite('warpPerspective');

/** Grey pixels whose value is given by a function of the pixel's position. */
function image(width: number, height: number, value: (x: number, y: number) => number): GreyPixels {
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = value(x, y);
  return { data, width, height, channels: 1 };
}

warp('the whole image onto its own size is the image itself', () => {
  const grey = image(40, 30, (x, y) => (x * 7 + y * 3) % 256);
  const out = warpPerspective(
    grey,
    [
      { x: 0, y: 0 },
      { x: 40, y: 0 },
      { x: 40, y: 30 },
      { x: 0, y: 30 },
    ],
    40,
    30,
  );
  assert.equal([...out.data], [...grey.data]);
});

warp('a marked point of a slanted quadrilateral lands where the transform takes it, upright', () => {
  // a dark disc on white, at the place the output's point (30, 90) comes from
  const h = homography(
    [
      { x: 0, y: 0 },
      { x: 80, y: 0 },
      { x: 80, y: 120 },
      { x: 0, y: 120 },
    ],
    slanted,
  )!;
  const source = project(h, { x: 30, y: 90 });
  const grey = image(110, 150, (x, y) => (Math.hypot(x + 0.5 - source.x, y + 0.5 - source.y) < 3 ? 0 : 255));
  const out = warpPerspective(grey, slanted, 80, 120);
  assert.is(out.width, 80);
  assert.is(out.height, 120);
  assert.ok(out.data[90 * 80 + 30]! < 60, `marked point dark: ${out.data[90 * 80 + 30]}`);
  assert.is(out.data[10 * 80 + 10], 255, 'elsewhere white');
});

warp('what falls outside the source takes the fill', () => {
  const grey = image(20, 20, () => 100);
  const out = warpPerspective(
    grey,
    [
      { x: -40, y: -40 },
      { x: 60, y: -40 },
      { x: 60, y: 60 },
      { x: -40, y: 60 },
    ],
    100,
    100,
    7,
  );
  assert.is(out.data[0], 7);
  assert.is(out.data[50 * 100 + 50], 100);
});

warp.run();
