import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decidePhoto, findSheetCorners, otsuThreshold } from '../../../services/pages/find-sheet-corners.ts';
import type { Pixels } from '../../../services/pages/page-types.ts';
import type { Point, Quad } from '../../../services/pages/warp-perspective.ts';

const width = 360;
const height = 480;

const inside = (q: Quad, x: number, y: number) =>
  q.every((a, i) => {
    const b = q[(i + 1) % 4]!;
    return (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x) >= 0;
  });

type Scene = {
  sheet: Quad | null;
  /** RGB of the surface around the sheet. */
  background: (x: number, y: number) => [number, number, number];
  /** Light falling on everything (1: full). */
  light?: (x: number, y: number) => number;
  /** White balance of the camera. */
  cast?: [number, number, number];
};

/**
 * A photo at analysis size: a warm-white sheet with rows of dark print on a surface, under a light.
 * Pixel centres are at integer coordinates, as the finder has them.
 */
function photo({ sheet, background, light = () => 1, cast = [1, 0.95, 0.85] }: Scene): Pixels {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number];
      if (sheet && inside(sheet, x, y)) {
        const print = y % 12 < 2 && (x + y) % 7 < 5;
        rgb = print ? [40, 40, 40] : [235, 235, 232];
      } else rgb = background(x, y);
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = Math.round(Math.min(255, rgb[c]! * light(x, y) * cast[c]!));
    }
  }
  return { data, width, height, channels: 3 };
}

const wood = (x: number, y: number): [number, number, number] => {
  const grain = 0.85 + 0.15 * Math.sin((y + 6 * Math.sin(x / 30)) / 2.5);
  return [150 * grain, 100 * grain, 60 * grain];
};
const greyCloth = (x: number, y: number): [number, number, number] => {
  const v = (Math.floor(x / 2) + Math.floor(y / 2)) % 2 === 0 ? 88 : 76;
  return [v, v, v + 4];
};

const tilted: Quad = [
  { x: 62, y: 58 },
  { x: 300, y: 74 },
  { x: 290, y: 420 },
  { x: 50, y: 402 },
];

function near(found: readonly Point[], truth: Quad, tolerance: number) {
  found.forEach((c, i) => {
    const d = Math.hypot(c.x - truth[i]!.x, c.y - truth[i]!.y);
    assert.ok(d <= tolerance, `corner ${i} off by ${d.toFixed(2)} px (${c.x.toFixed(1)}, ${c.y.toFixed(1)})`);
  });
}

const corners = suite('findSheetCorners');

corners('a sheet in perspective on wood: its four corners, to a pixel and a half', () => {
  const found = findSheetCorners(photo({ sheet: tilted, background: wood }));
  assert.ok(found, 'sheet found');
  near(found.corners, tilted, 1.5);
  assert.ok(found.evidence.fill > 0.97, `fill ${found.evidence.fill}`);
  assert.ok(found.evidence.background < found.evidence.paper * 0.5, JSON.stringify(found.evidence));
});

corners('a shadow over a whole side, on a grey cloth: the side is still found', () => {
  // the left third of the scene at 45 % of the light, with a soft edge
  const light = (x: number) => 0.45 + 0.55 / (1 + Math.exp(-(x - 130) / 12));
  const found = findSheetCorners(photo({ sheet: tilted, background: greyCloth, light }));
  assert.ok(found, 'sheet found');
  near(found.corners, tilted, 2);
});

corners('a cool white balance changes nothing', () => {
  const found = findSheetCorners(photo({ sheet: tilted, background: wood, cast: [0.85, 0.93, 1] }));
  assert.ok(found);
  near(found.corners, tilted, 1.5);
});

corners('no sheet: a surface alone has no corners to give', () => {
  assert.is(findSheetCorners(photo({ sheet: null, background: wood })), null);
});

corners.run();

const decision = suite('decidePhoto');

decision('a sheet whole on a dark surface is a photo', () => {
  assert.equal(decidePhoto(findSheetCorners(photo({ sheet: tilted, background: wood })), true), { photo: true, reason: 'photo' });
});

decision('a grey image is never taken for a photo', () => {
  assert.is(decidePhoto(findSheetCorners(photo({ sheet: tilted, background: wood })), false).reason, 'gris');
});

decision('a colour scan: the page fills the frame, margins to the edges, so it is not a photo', () => {
  const page: Quad = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height },
  ];
  const d = decidePhoto(findSheetCorners(photo({ sheet: page, background: wood })), true);
  assert.is(d.photo, false, d.reason);
});

decision("a colour scan with the lid's dark strip along one edge is not a photo", () => {
  const page: Quad = [
    { x: 0, y: 0 },
    { x: width - 30, y: 0 },
    { x: width - 30, y: height },
    { x: 0, y: height },
  ];
  const d = decidePhoto(findSheetCorners(photo({ sheet: page, background: () => [30, 30, 30] })), true);
  assert.is(d.photo, false, d.reason);
});

decision('a sheet on a white table does not stand out: not a photo to straighten', () => {
  const d = decidePhoto(findSheetCorners(photo({ sheet: tilted, background: () => [228, 226, 224] })), true);
  assert.is(d.photo, false, d.reason);
});

decision.run();

const otsu = suite('otsuThreshold');

otsu('splits two populations between them', () => {
  const histogram = new Uint32Array(256);
  for (let v = 40; v < 60; v++) histogram[v] = 100;
  for (let v = 200; v < 230; v++) histogram[v] = 150;
  const t = otsuThreshold(histogram);
  assert.ok(t > 60 && t <= 200, `threshold ${t}`);
});

otsu.run();
