import type { GreyPixels, Pixels } from './page-types.ts';
import type { Point, Quad } from './warp-perspective.ts';

/** What the sheet was found on, kept in the page's record. */
export type SheetEvidence = {
  /** Share of the image inside the sheet's quadrilateral. */
  sheetShare: number;
  /** Paperness (white-balanced brightness less colour) of the sheet and of what lies around it, medians. */
  paper: number;
  background: number;
  /** Share of the quadrilateral the bright region fills (a sheet fills it; a blob does not). */
  fill: number;
  /** Nearest a corner comes to the image's edge, as a share of its short side. */
  edgeMargin: number;
};

export type SheetFound = { corners: Quad; evidence: SheetEvidence };

/**
 * Paperness of each pixel: brightness after a white balance on the brightest part of the image's
 * centre (where the sheet lies), less its colour. Paper is bright and neutral under any white
 * balance; wood, fabric and most tables are darker or coloured.
 */
export function paperness(rgb: Pixels): GreyPixels {
  const { width, height, channels, data } = rgb;
  if (channels < 3) throw new Error('paperness: RGB pixels expected');
  const luma = (i: number) => 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
  // the centre's brightest tenth stands for the paper's colour under this light
  const histogram = new Uint32Array(256);
  const [x0, x1, y0, y1] = [Math.floor(width * 0.25), Math.ceil(width * 0.75), Math.floor(height * 0.25), Math.ceil(height * 0.75)];
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) histogram[Math.round(luma((y * width + x) * channels))]!++;
  let bright = 255;
  for (let seen = 0, wanted = (x1 - x0) * (y1 - y0) * 0.1; bright > 0; bright--) {
    seen += histogram[bright]!;
    if (seen >= wanted) break;
  }
  const sum = [0, 0, 0];
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * channels;
      if (Math.round(luma(i)) < bright) continue;
      for (let c = 0; c < 3; c++) sum[c]! += data[i + c]!;
      count++;
    }
  }
  const top = Math.max(...sum) / Math.max(1, count);
  const gains = sum.map((s) => Math.min(1.6, top / Math.max(1, s / Math.max(1, count))));
  const out = Buffer.allocUnsafe(width * height);
  for (let p = 0; p < width * height; p++) {
    const i = p * channels;
    const r = Math.min(255, data[i]! * gains[0]!);
    const g = Math.min(255, data[i + 1]! * gains[1]!);
    const b = Math.min(255, data[i + 2]! * gains[2]!);
    const chroma = Math.max(r, g, b) - Math.min(r, g, b);
    out[p] = Math.max(0, Math.min(255, Math.round((r + g + b) / 3 - 1.5 * chroma)));
  }
  return { data: out, width, height, channels: 1 };
}

/** A separable max (`sign` 1) or min (`sign` -1) filter of the given radius. */
function rankFilter(grey: GreyPixels, radius: number, sign: 1 | -1): GreyPixels {
  const { width, height } = grey;
  const pick = sign === 1 ? Math.max : Math.min;
  const pass = (src: Buffer, horizontal: boolean) => {
    const out = Buffer.allocUnsafe(src.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let v = src[y * width + x]!;
        for (let d = -radius; d <= radius; d++) {
          const xx = horizontal ? x + d : x;
          const yy = horizontal ? y : y + d;
          if (xx >= 0 && xx < width && yy >= 0 && yy < height) v = pick(v, src[yy * width + xx]!);
        }
        out[y * width + x] = v;
      }
    }
    return out;
  };
  return { ...grey, data: pass(pass(grey.data, true), false) };
}

/** Otsu's threshold: the grey that best splits the histogram in two classes. */
export function otsuThreshold(histogram: Uint32Array): number {
  let total = 0;
  let sumAll = 0;
  for (let v = 0; v < 256; v++) {
    total += histogram[v]!;
    sumAll += v * histogram[v]!;
  }
  let best = 0;
  let bestEnd = 0;
  let bestVariance = -1;
  let weight = 0;
  let sum = 0;
  for (let t = 0; t < 255; t++) {
    weight += histogram[t]!;
    sum += t * histogram[t]!;
    if (weight === 0 || weight === total) continue;
    const meanLow = sum / weight;
    const meanHigh = (sumAll - sum) / (total - weight);
    const variance = weight * (total - weight) * (meanLow - meanHigh) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
      bestEnd = t;
    } else if (variance === bestVariance) bestEnd = t;
  }
  // two populations with nothing between them split as well anywhere in the gap: its middle
  return Math.round((best + bestEnd) / 2) + 1;
}

/** The largest 4-connected region of the mask, its holes filled, as a new mask; and its area. */
function largestRegion(mask: Uint8Array, width: number, height: number): { mask: Uint8Array; area: number } {
  const label = new Int32Array(width * height);
  const queue = new Int32Array(width * height);
  let best = 0;
  let bestArea = 0;
  let next = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || label[start]) continue;
    next++;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    label[start] = next;
    while (head < tail) {
      const p = queue[head++]!;
      const x = p % width;
      for (const n of [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, p - width, p + width]) {
        if (n < 0 || n >= mask.length || !mask[n] || label[n]) continue;
        label[n] = next;
        queue[tail++] = n;
      }
    }
    if (tail > bestArea) {
      bestArea = tail;
      best = next;
    }
  }
  // what the outside reaches from the image's edge is outside; the rest (print, holes) is the sheet
  const outside = new Uint8Array(width * height);
  let head = 0;
  let tail = 0;
  const seed = (p: number) => {
    if (label[p] !== best && !outside[p]) {
      outside[p] = 1;
      queue[tail++] = p;
    }
  };
  for (let x = 0; x < width; x++) {
    seed(x);
    seed((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  while (head < tail) {
    const p = queue[head++]!;
    const x = p % width;
    if (x > 0) seed(p - 1);
    if (x < width - 1) seed(p + 1);
    if (p >= width) seed(p - width);
    if (p + width < mask.length) seed(p + width);
  }
  const region = new Uint8Array(width * height);
  let area = 0;
  for (let p = 0; p < region.length; p++) {
    if (!outside[p]) {
      region[p] = 1;
      area++;
    }
  }
  return { mask: region, area };
}

/** The grey below which `share` of the pixels along the image's edges lie (a band of 2 % of its short side). */
function ringLevel(grey: GreyPixels, share: number): number {
  const { width, height } = grey;
  const band = Math.max(1, Math.round(Math.min(width, height) * 0.02));
  const histogram = new Uint32Array(256);
  let total = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= band && x < width - band && y >= band && y < height - band) continue;
      histogram[grey.data[y * width + x]!]!++;
      total++;
    }
  }
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= total * share) return v;
  }
  return 255;
}

/** How many of the image's edge pixels the region holds. */
function touchesEdge(mask: Uint8Array, width: number, height: number): number {
  let count = 0;
  for (let x = 0; x < width; x++) count += mask[x]! + mask[(height - 1) * width + x]!;
  for (let y = 0; y < height; y++) count += mask[y * width]! + mask[y * width + width - 1]!;
  return count;
}

type Line = { point: Point; direction: Point };

/** The line through the points by total least squares (their principal direction). */
function fitLine(points: readonly Point[]): Line {
  let mx = 0;
  let my = 0;
  for (const p of points) {
    mx += p.x;
    my += p.y;
  }
  mx /= points.length;
  my /= points.length;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
    syy += (p.y - my) ** 2;
  }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  return { point: { x: mx, y: my }, direction: { x: Math.cos(angle), y: Math.sin(angle) } };
}

const distanceTo = (line: Line, p: Point) => Math.abs((p.x - line.point.x) * line.direction.y - (p.y - line.point.y) * line.direction.x);

/**
 * The straight edge among the points: the line through two of them that most points lie near
 * (pairs taken in a fixed order, so the result is the same each time), refitted on those points.
 * A shadow or a fold bites into one part of a side; the rest of it is still straight.
 */
function robustLine(points: readonly Point[], tolerance: number): Line | null {
  const n = points.length;
  if (n < 8) return null;
  let best: Point[] = [];
  const tries = Math.min(400, (n * (n - 1)) / 2);
  for (let k = 0; k < tries; k++) {
    const i = (k * 7919) % n;
    const j = (i + 1 + ((k * 104_729) % (n - 1))) % n;
    const a = points[i]!;
    const b = points[j]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length < n * 0.2) continue;
    const line = { point: a, direction: { x: (b.x - a.x) / length, y: (b.y - a.y) / length } };
    const near = points.filter((p) => distanceTo(line, p) <= tolerance);
    if (near.length > best.length) best = near;
  }
  if (best.length < Math.max(8, n * 0.25)) return null;
  const refit = fitLine(best);
  return fitLine(best.filter((p) => distanceTo(refit, p) <= tolerance));
}

function intersect(a: Line, b: Line): Point | null {
  const det = a.direction.x * b.direction.y - a.direction.y * b.direction.x;
  if (Math.abs(det) < 1e-6) return null;
  const t = ((b.point.x - a.point.x) * b.direction.y - (b.point.y - a.point.y) * b.direction.x) / det;
  return { x: a.point.x + t * a.direction.x, y: a.point.y + t * a.direction.y };
}

/** Twice the signed area of the polygon (positive: clockwise on screen, y down). */
function signedArea(q: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < q.length; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % q.length]!;
    s += a.x * b.y - b.x * a.y;
  }
  return s;
}

function isConvex(q: Quad): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    const c = q[(i + 2) % 4]!;
    const cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    if (cross === 0) return false;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

function insideQuad(q: Quad, p: Point): boolean {
  for (let i = 0; i < 4; i++) {
    const a = q[i]!;
    const b = q[(i + 1) % 4]!;
    if ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) < 0) return false;
  }
  return true;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}

/**
 * Where a sheet of paper lies in a photo (RGB pixels, a few hundred pixels a side): the largest
 * bright, neutral region (paperness thresholded by Otsu after the print is closed over), and its
 * four sides fitted as straight lines on that region's outline, robustly, so that a shadow biting
 * into one side does not bend it; the corners are where the sides meet, in the image's pixel
 * coordinates (pixel centres at integers). Null when no four-sided sheet stands out. Pure.
 */
export function findSheetCorners(rgb: Pixels): SheetFound | null {
  const { width, height } = rgb;
  // print closed over: a dark letter on paper is paper here, and a sheet's outline stays where it is
  const radius = Math.max(1, Math.round(Math.max(width, height) / 200));
  const closed = rankFilter(rankFilter(paperness(rgb), radius, 1), radius, -1);
  const histogram = new Uint32Array(256);
  for (const v of closed.data) histogram[v]!++;
  const regionAbove = (threshold: number) => {
    const bright = new Uint8Array(width * height);
    for (let p = 0; p < bright.length; p++) bright[p] = closed.data[p]! >= threshold ? 1 : 0;
    return largestRegion(bright, width, height);
  };
  const otsu = otsuThreshold(histogram);
  let { mask, area } = regionAbove(otsu);
  if (area < width * height * 0.05) return null;
  // Otsu splits lit paper from the rest, and paper in a shadow falls with the rest: the sheet is
  // taken down to just above the brightest of the background seen along the image's edges, when
  // that is clearly darker than the paper, and when the sheet so found stays clear of those edges
  const paperLevel = median(Array.from(closed.data.filter((_, p) => mask[p] === 1)));
  const lower = Math.max(ringLevel(closed, 0.99) + 10, Math.round(paperLevel * 0.3));
  if (lower < otsu) {
    const grown = regionAbove(lower);
    if (touchesEdge(grown.mask, width, height) <= touchesEdge(mask, width, height)) ({ mask, area } = grown);
  }

  // the region's outline: its pixels with a neighbour outside, or on the image's edge
  const outline: Point[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (!mask[p]) continue;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1 || !mask[p - 1] || !mask[p + 1] || !mask[p - width] || !mask[p + width])
        outline.push({ x, y });
    }
  }
  // first corners: the outline's extreme points along the diagonals
  const extreme = (score: (p: Point) => number) => outline.reduce((best, p) => (score(p) > score(best) ? p : best), outline[0]!);
  const rough: Quad = [extreme((p) => -p.x - p.y), extreme((p) => p.x - p.y), extreme((p) => p.x + p.y), extreme((p) => p.y - p.x)];

  const lines: Line[] = [];
  for (let i = 0; i < 4; i++) {
    const a = rough[i]!;
    const b = rough[(i + 1) % 4]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length < 10) return null;
    const along = { x: (b.x - a.x) / length, y: (b.y - a.y) / length };
    // the side's outline points: away from its ends (rounded corners), near the straight line between them
    const side = outline.filter((p) => {
      const t = (p.x - a.x) * along.x + (p.y - a.y) * along.y;
      const off = Math.abs((p.x - a.x) * along.y - (p.y - a.y) * along.x);
      return t > length * 0.08 && t < length * 0.92 && off <= Math.max(3, length * 0.08);
    });
    const line = robustLine(side, 1.5);
    if (!line) return null;
    // outline pixels lie half a pixel inside the edge: the line is moved out to it
    const normal = { x: along.y, y: -along.x };
    lines.push({ point: { x: line.point.x + normal.x * 0.5, y: line.point.y + normal.y * 0.5 }, direction: line.direction });
  }
  const corners: Point[] = [];
  for (let i = 0; i < 4; i++) {
    const c = intersect(lines[(i + 3) % 4]!, lines[i]!);
    if (!c) return null;
    // a corner far from where the outline put it: the sides were not the sheet's
    if (Math.hypot(c.x - rough[i]!.x, c.y - rough[i]!.y) > Math.max(width, height) * 0.1) return null;
    corners.push(c);
  }
  const quad = corners as unknown as Quad;
  if (!isConvex(quad) || signedArea(quad) <= 0) return null;

  const quadArea = signedArea(quad) / 2;
  const inside: number[] = [];
  const outside: number[] = [];
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      const v = closed.data[y * width + x]!;
      if (mask[y * width + x]) inside.push(v);
      else if (!insideQuad(quad, { x, y })) outside.push(v);
    }
  }
  const edgeMargin = Math.min(...corners.map((c) => Math.min(c.x + 0.5, width - 0.5 - c.x, c.y + 0.5, height - 0.5 - c.y))) / Math.min(width, height);
  return {
    corners: quad,
    evidence: {
      sheetShare: round3(quadArea / (width * height)),
      paper: median(inside),
      background: median(outside),
      fill: round3(Math.min(area, quadArea) / quadArea),
      edgeMargin: round3(edgeMargin),
    },
  };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

export type PhotoDecision = {
  photo: boolean;
  reason: 'photo' | 'gris' | 'pas-de-feuille' | 'feuille-au-bord' | 'pas-de-fond' | 'fond-clair' | 'forme-irreguliere';
};

/**
 * Whether a page image is a photo of a sheet (to be found, straightened and evened out) rather
 * than a scan: a colour image in which a bright quadrilateral lies whole, with a clearly darker
 * background on every side. A scan's page fills its frame (its white margins reach the edges, a
 * lid's dark strip runs along one edge only), so it is never taken for a photo. Pure.
 */
export function decidePhoto(found: SheetFound | null, colour: boolean): PhotoDecision {
  if (!colour) return { photo: false, reason: 'gris' };
  if (!found) return { photo: false, reason: 'pas-de-feuille' };
  const e = found.evidence;
  if (e.edgeMargin < 0.01) return { photo: false, reason: 'feuille-au-bord' };
  if (e.sheetShare > 0.92) return { photo: false, reason: 'pas-de-fond' };
  if (e.background > e.paper * 0.7) return { photo: false, reason: 'fond-clair' };
  if (e.fill < 0.85) return { photo: false, reason: 'forme-irreguliere' };
  return { photo: true, reason: 'photo' };
}
