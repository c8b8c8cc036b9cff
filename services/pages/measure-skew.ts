import { darkLevel, greyHistogram, inkThreshold, paperLevel } from './grey-levels.ts';
import type { GreyPixels } from './page-types.ts';

export type SkewMeasure = {
  /** Clockwise rotation of the text lines, in degrees (correct by rotating by its opposite). */
  angle: number;
  /** How much sharper the row profile is at `angle` than on average over the range (0: nothing to go on). */
  confidence: number;
};

export type SkewOptions = {
  /** Largest angle searched, in degrees, each way. */
  maxAngle?: number;
  /** Ink pixels sampled at most (evenly strided). */
  maxSamples?: number;
};

function profileScore(xs: Int32Array, ys: Int32Array, n: number, slope: number, offset: number, bins: Int32Array): number {
  bins.fill(0);
  for (let i = 0; i < n; i++) {
    bins[(ys[i]! - xs[i]! * slope + offset + 0.5) | 0]!++;
  }
  let score = 0;
  for (let i = 0; i < bins.length; i++) score += bins[i]! * bins[i]!;
  return score;
}

/**
 * Skew of the text on a page by projection profile: the angle at which the ink's row histogram
 * is sharpest (text lines fall into few rows). Pure; meant for a downscaled (100–150 dpi) page.
 */
export function measureSkew(grey: GreyPixels, options: SkewOptions = {}): SkewMeasure {
  const maxAngle = options.maxAngle ?? 5;
  const maxSamples = options.maxSamples ?? 80_000;
  const histogram = greyHistogram(grey);
  const threshold = inkThreshold(paperLevel(histogram), darkLevel(histogram));
  const { width, height, data } = grey;

  let inkCount = 0;
  for (let i = 0; i < data.length; i++) if (data[i]! < threshold) inkCount++;
  if (inkCount < 200) return { angle: 0, confidence: 0 };
  const stride = Math.max(1, Math.ceil(inkCount / maxSamples));
  const n = Math.ceil(inkCount / stride);
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  let seen = 0;
  let k = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x]! < threshold) {
        if (seen++ % stride === 0 && k < n) {
          xs[k] = x - (width >> 1); // around the centre, so rows shift both ways
          ys[k] = y;
          k++;
        }
      }
    }
  }
  const shift = Math.ceil((width / 2) * Math.tan((maxAngle * Math.PI) / 180)) + 2;
  const bins = new Int32Array(height + 2 * shift + 2);
  const score = (deg: number) => profileScore(xs, ys, k, Math.tan((deg * Math.PI) / 180), shift, bins);

  // coarse to fine: 0.5° steps over the range, then 0.05° and 0.01° around the best
  const coarse: Array<[number, number]> = [];
  for (let deg = -maxAngle; deg <= maxAngle + 1e-9; deg += 0.5) coarse.push([deg, score(deg)]);
  let [bestAngle, bestScore] = coarse.reduce((a, b) => (b[1] > a[1] ? b : a));
  for (const [span, step] of [
    [0.5, 0.05],
    [0.05, 0.01],
  ] as const) {
    const centre = bestAngle;
    for (let deg = centre - span; deg <= centre + span + 1e-9; deg += step) {
      const s = score(deg);
      if (s > bestScore) [bestAngle, bestScore] = [deg, s];
    }
  }
  const mean = coarse.reduce((sum, [, s]) => sum + s, 0) / coarse.length;
  return {
    angle: Math.round(bestAngle * 100) / 100,
    confidence: mean > 0 ? Math.round(((bestScore - mean) / mean) * 1000) / 1000 : 0,
  };
}
