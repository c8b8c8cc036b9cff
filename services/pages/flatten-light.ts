import type { GreyPixels } from './page-types.ts';

export type FlattenOptions = {
  /** Side of the blocks the paper's level is measured on, in pixels. Default: a 64th of the page's long side. */
  block?: number;
  /** Share of a block's pixels at or below its paper level (the rest is print). Default 0.95. */
  paperShare?: number;
};

export type FlattenResult = {
  grey: GreyPixels;
  /** The paper's level measured across the page: darkest and brightest block (their ratio is the shadow's depth). */
  paper: { min: number; max: number };
  /** Grey mapped to black after the light was flattened (the print's darkest level). */
  black: number;
};

/** The grey at or below which `share` of a block's pixels lie. */
function blockLevel(grey: GreyPixels, left: number, top: number, size: number, share: number, histogram: Uint32Array): number {
  histogram.fill(0);
  const right = Math.min(grey.width, left + size);
  const bottom = Math.min(grey.height, top + size);
  for (let y = top; y < bottom; y++) {
    const row = y * grey.width;
    for (let x = left; x < right; x++) histogram[grey.data[row + x]!]!++;
  }
  const wanted = (right - left) * (bottom - top) * share;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v]!;
    if (seen >= wanted) return v;
  }
  return 255;
}

/** One pass of a 3×3 filter over the grid of block levels (edges repeat). */
function filterGrid(grid: Float32Array, cols: number, rows: number, combine: (values: number[]) => number): Float32Array {
  const out = new Float32Array(grid.length);
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      values.length = 0;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const rr = Math.min(rows - 1, Math.max(0, r + dr));
          const cc = Math.min(cols - 1, Math.max(0, c + dc));
          values.push(grid[rr * cols + cc]!);
        }
      }
      out[r * cols + c] = combine(values);
    }
  }
  return out;
}

/** The largest share of the paper's level a shadow leaves (a block darker than this beside lit paper is print). */
const DARKEST_SHADOW = 0.35;
// how far print is told from paper: within eight blocks each way, a quarter of the page
const REACH = 8;

/**
 * The grid with the blocks that print fills (a black box, a banner printed white on black) given
 * the paper's level around them: a block far darker than the brightest paper near it is print,
 * not paper in a shadow, and its level is filled in from its neighbours, ring after ring.
 */
function fillPrintBlocks(grid: Float32Array, cols: number, rows: number): Float32Array {
  const out = Float32Array.from(grid);
  const known = new Uint8Array(grid.length);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let brightest = 0;
      for (let rr = Math.max(0, r - REACH); rr <= Math.min(rows - 1, r + REACH); rr++) {
        for (let cc = Math.max(0, c - REACH); cc <= Math.min(cols - 1, c + REACH); cc++) brightest = Math.max(brightest, grid[rr * cols + cc]!);
      }
      known[r * cols + c] = grid[r * cols + c]! >= brightest * DARKEST_SHADOW ? 1 : 0;
    }
  }
  for (let pending = known.length - known.reduce((a, b) => a + b, 0); pending > 0; ) {
    const filled: Array<[number, number]> = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (known[r * cols + c]) continue;
        let sum = 0;
        let count = 0;
        for (let rr = Math.max(0, r - 1); rr <= Math.min(rows - 1, r + 1); rr++) {
          for (let cc = Math.max(0, c - 1); cc <= Math.min(cols - 1, c + 1); cc++) {
            if (known[rr * cols + cc]) {
              sum += out[rr * cols + cc]!;
              count++;
            }
          }
        }
        if (count > 0) filled.push([r * cols + c, sum / count]);
      }
    }
    // nothing known anywhere (a page all print): its levels are kept as measured
    if (filled.length === 0) break;
    for (const [i, v] of filled) {
      out[i] = v;
      known[i] = 1;
    }
    pending -= filled.length;
  }
  return out;
}

/**
 * The page with its uneven light taken out: the paper's level is measured on blocks (a high
 * percentile, so print does not count), a block that print fills (a black box, a banner) takes
 * the level of the paper around it, the grid is smoothed, and each pixel is divided by the level
 * interpolated at its place; the print's darkest level is then brought to black. A shadow across
 * a photographed sheet otherwise leaves half the page grey, and tesseract's single threshold loses
 * the print in it. Pure.
 */
export function flattenLight(grey: GreyPixels, options: FlattenOptions = {}): FlattenResult {
  const { width, height } = grey;
  const block = Math.max(8, options.block ?? Math.round(Math.max(width, height) / 64));
  const share = options.paperShare ?? 0.95;
  const cols = Math.ceil(width / block);
  const rows = Math.ceil(height / block);
  const histogram = new Uint32Array(256);
  let grid: Float32Array = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) grid[r * cols + c] = blockLevel(grey, c * block, r * block, block, share, histogram);
  grid = fillPrintBlocks(grid, cols, rows);
  grid = filterGrid(grid, cols, rows, (v) => v.reduce((a, b) => a + b, 0) / v.length);
  let min = 255;
  let max = 0;
  for (const v of grid) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }

  const data = Buffer.allocUnsafe(width * height);
  const histogramOut = new Uint32Array(256);
  for (let y = 0; y < height; y++) {
    // block levels stand at the blocks' centres; interpolated bilinearly between them
    const gy = Math.min(rows - 1, Math.max(0, (y + 0.5) / block - 0.5));
    const r0 = Math.floor(gy);
    const r1 = Math.min(rows - 1, r0 + 1);
    const ty = gy - r0;
    for (let x = 0; x < width; x++) {
      const gx = Math.min(cols - 1, Math.max(0, (x + 0.5) / block - 0.5));
      const c0 = Math.floor(gx);
      const c1 = Math.min(cols - 1, c0 + 1);
      const tx = gx - c0;
      const level =
        (grid[r0 * cols + c0]! * (1 - tx) + grid[r0 * cols + c1]! * tx) * (1 - ty) + (grid[r1 * cols + c0]! * (1 - tx) + grid[r1 * cols + c1]! * tx) * ty;
      const v = Math.min(255, Math.round((grey.data[y * width + x]! * 255) / Math.max(1, level)));
      data[y * width + x] = v;
      histogramOut[v]!++;
    }
  }

  // the print's darkest level (specks aside) to black, so that print in a shadow keeps its contrast
  let seen = 0;
  let black = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogramOut[v]!;
    if (seen >= data.length * 0.002) {
      black = v;
      break;
    }
  }
  // never more than halfway: a page of faint print only keeps its print grey, not black
  black = Math.min(black, 128);
  if (black > 0) {
    const table = new Uint8Array(256);
    for (let v = 0; v < 256; v++) table[v] = Math.max(0, Math.round(((v - black) * 255) / (255 - black)));
    for (let i = 0; i < data.length; i++) data[i] = table[data[i]!]!;
  }
  return { grey: { data, width, height, channels: 1 }, paper: { min: Math.round(min), max: Math.round(max) }, black };
}
