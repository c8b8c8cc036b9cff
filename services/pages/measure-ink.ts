import { darkLevel, greyHistogram, inkThreshold, paperLevel } from './grey-levels.ts';
import type { GreyPixels, InkStats } from './page-types.ts';

export type InkOptions = {
  /** Share of each side ignored (punch holes, edge shadows, staples). */
  marginShare?: number;
};

/**
 * Ink on an upright page: coverage, character-sized connected components, and how many of them
 * line up on one text row. Pure; `dpi` is the resolution of `grey` (a downscaled page is enough).
 */
export function measureInk(grey: GreyPixels, dpi: number, options: InkOptions = {}): InkStats {
  const marginShare = options.marginShare ?? 0.04;
  const histogram = greyHistogram(grey);
  const paper = paperLevel(histogram);
  const threshold = inkThreshold(paper, darkLevel(histogram));
  const x0 = Math.floor(grey.width * marginShare);
  const y0 = Math.floor(grey.height * marginShare);
  const w = Math.max(1, grey.width - 2 * x0);
  const h = Math.max(1, grey.height - 2 * y0);

  const mask = new Uint8Array(w * h);
  let inkPixels = 0;
  for (let y = 0; y < h; y++) {
    const row = (y + y0) * grey.width + x0;
    for (let x = 0; x < w; x++) {
      if (grey.data[row + x]! < threshold) {
        mask[y * w + x] = 1;
        inkPixels++;
      }
    }
  }

  const minSize = Math.max(2, Math.round(0.035 * dpi)); // ~2.5 pt: smaller is dust
  const maxCharHeight = 0.4 * dpi;
  const rowBin = Math.max(1, Math.round(0.06 * dpi));
  const rows = new Uint32Array(Math.ceil(h / rowBin) + 2);
  const stack = new Int32Array(w * h > 0 ? Math.min(w * h, 4_000_000) : 1);
  let components = 0;
  let largest = 0;

  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1) continue;
    // flood fill (8-connected), marking visited pixels 2
    let top = 0;
    stack[top++] = start;
    mask[start] = 2;
    let area = 0;
    let minX = w,
      maxX = 0,
      minY = h,
      maxY = 0;
    while (top > 0) {
      const p = stack[--top]!;
      const px = p % w;
      const py = (p - px) / w;
      area++;
      if (px < minX) minX = px;
      if (px > maxX) maxX = px;
      if (py < minY) minY = py;
      if (py > maxY) maxY = py;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = py + dy;
        if (ny < 0 || ny >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = px + dx;
          if (nx < 0 || nx >= w) continue;
          const q = ny * w + nx;
          if (mask[q] === 1 && top < stack.length) {
            mask[q] = 2;
            stack[top++] = q;
          }
        }
      }
    }
    const bw = maxX - minX + 1;
    const bh = maxY - minY + 1;
    if (Math.max(bw, bh) < minSize) continue;
    components++;
    if (area > largest) largest = area;
    if (bh >= minSize && bh <= maxCharHeight && bw <= dpi) rows[Math.floor((minY + maxY) / 2 / rowBin)]!++;
  }

  let largestRow = 0;
  for (let i = 0; i + 1 < rows.length; i++) largestRow = Math.max(largestRow, rows[i]! + rows[i + 1]!);
  return {
    inkRatio: inkPixels / (w * h),
    components,
    largestRowComponents: largestRow,
    largestComponentRatio: largest / (w * h),
    paper,
  };
}
