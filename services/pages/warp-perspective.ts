import type { GreyPixels } from './page-types.ts';

export type Point = { x: number; y: number };

/** A quadrilateral's corners in a page's order: top left, top right, bottom right, bottom left. */
export type Quad = readonly [Point, Point, Point, Point];

/**
 * The projective transform taking the four points `from` onto the four points `to`, as a row-major
 * 3×3 matrix with its last term 1: [x y w] = H · [u v 1], then (x/w, y/w). Null when three points
 * of either quadrilateral are aligned (no such transform). Pure.
 */
export function homography(from: Quad, to: Quad): number[] | null {
  if (hasAlignedCorners(from) || hasAlignedCorners(to)) return null;
  // eight equations in the eight unknowns h0…h7, solved by Gaussian elimination with partial pivoting
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x: u, y: v } = from[i]!;
    const { x, y } = to[i]!;
    a.push([u, v, 1, 0, 0, 0, -u * x, -v * x, x]);
    a.push([0, 0, 0, u, v, 1, -u * y, -v * y, y]);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let row = col + 1; row < 8; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    if (Math.abs(a[pivot]![col]!) < 1e-10) return null;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]!;
    for (let row = 0; row < 8; row++) {
      if (row === col) continue;
      const r = a[row]!;
      const f = r[col]! / p[col]!;
      if (f !== 0) for (let k = col; k < 9; k++) r[k]! -= f * p[k]!;
    }
  }
  return [...a.map((row, i) => row[8]! / row[i]!), 1];
}

/** Whether three of the four points lie on one line (to a millionth of the quadrilateral's size). */
function hasAlignedCorners(q: Quad): boolean {
  const size = Math.max(...q.map((p) => Math.hypot(p.x - q[0].x, p.y - q[0].y)));
  for (let skip = 0; skip < 4; skip++) {
    const [a, b, c] = q.filter((_, i) => i !== skip) as [Point, Point, Point];
    if (Math.abs((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)) <= 1e-6 * size * size) return true;
  }
  return false;
}

/** Where `h` takes a point. */
export function project(h: readonly number[], p: Point): Point {
  const w = h[6]! * p.x + h[7]! * p.y + h[8]!;
  return { x: (h[0]! * p.x + h[1]! * p.y + h[2]!) / w, y: (h[3]! * p.x + h[4]! * p.y + h[5]!) / w };
}

/**
 * The part of `grey` inside `quad` as an upright `width` × `height` image: each output pixel's
 * centre is taken back through the transform and sampled bilinearly; outside the source, `fill`.
 * sharp has affine transforms only, and a photographed sheet is a general quadrilateral. Pure.
 */
export function warpPerspective(grey: GreyPixels, quad: Quad, width: number, height: number, fill = 255): GreyPixels {
  const rect: Quad = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height },
  ];
  const h = homography(rect, quad);
  if (!h) throw new Error('warpPerspective: quadrilateral has three aligned corners');
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = h as [number, number, number, number, number, number, number, number, number];
  const { data: src, width: sw, height: sh } = grey;
  const out = Buffer.allocUnsafe(width * height);
  for (let y = 0; y < height; y++) {
    const v = y + 0.5;
    // the row's terms in v, once
    const bx = h1 * v + h2;
    const by = h4 * v + h5;
    const bw = h7 * v + h8;
    for (let x = 0; x < width; x++) {
      const u = x + 0.5;
      const w = h6 * u + bw;
      // pixel centres sit at half coordinates in the source as well
      const fx = (h0 * u + bx) / w - 0.5;
      const fy = (h3 * u + by) / w - 0.5;
      const ix = Math.floor(fx);
      const iy = Math.floor(fy);
      const o = y * width + x;
      if (ix < -1 || iy < -1 || ix >= sw || iy >= sh) {
        out[o] = fill;
        continue;
      }
      const tx = fx - ix;
      const ty = fy - iy;
      // edges clamp to the nearest row or column
      const x0 = Math.max(ix, 0);
      const x1 = Math.min(ix + 1, sw - 1);
      const y0 = Math.max(iy, 0);
      const y1 = Math.min(iy + 1, sh - 1);
      const top = src[y0 * sw + x0]! * (1 - tx) + src[y0 * sw + x1]! * tx;
      const bottom = src[y1 * sw + x0]! * (1 - tx) + src[y1 * sw + x1]! * tx;
      out[o] = Math.round(top * (1 - ty) + bottom * ty);
    }
  }
  return { data: out, width, height, channels: 1 };
}
