import { paperLevel } from './grey-levels.ts';

export type BitonalDecision = { bitonal: boolean; midtoneRatio: number };

/**
 * Can the page be kept in black and white without losing anything? Pure, on the grey histogram:
 * among the pixels darker than the paper, the share of mid-tones is low for text and line art
 * (only the anti-aliased edges of strokes) and high for photos, shading and colour prints.
 */
export function decideBitonal(histogram: Uint32Array, maxMidtoneRatio = 0.45): BitonalDecision {
  const paper = paperLevel(histogram);
  const low = Math.round(paper * 0.3);
  const high = Math.round(paper * 0.7);
  let marked = 0;
  let mid = 0;
  for (let v = 0; v < paper - 30; v++) {
    const n = histogram[v]!;
    marked += n;
    if (v >= low && v < high) mid += n;
  }
  if (marked === 0) return { bitonal: true, midtoneRatio: 0 };
  const midtoneRatio = Math.round((mid / marked) * 1000) / 1000;
  return { bitonal: midtoneRatio <= maxMidtoneRatio, midtoneRatio };
}

/** Otsu's threshold on a grey histogram: the level that best separates ink from paper. Pure. */
export function otsuThreshold(histogram: Uint32Array): number {
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += histogram[v]!;
    sum += v * histogram[v]!;
  }
  let background = 0;
  let backgroundSum = 0;
  let best = 128;
  let bestVariance = -1;
  for (let t = 0; t < 256; t++) {
    background += histogram[t]!;
    if (background === 0) continue;
    const foreground = total - background;
    if (foreground === 0) break;
    backgroundSum += t * histogram[t]!;
    const meanB = backgroundSum / background;
    const meanF = (sum - backgroundSum) / foreground;
    const variance = background * foreground * (meanB - meanF) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  return best + 1;
}
