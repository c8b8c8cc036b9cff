import type { Box, GreyPixels } from './page-types.ts';

export type BorderOptions = {
  /** Grey below which a pixel is scanner background (the lid, the platen edge). */
  dark?: number;
  /** Share of dark pixels that makes a row or column part of the border. */
  minDarkShare?: number;
  /** Most of each side that may be cut, as a share of the page. */
  maxCutShare?: number;
  /** Pixels cut beyond the last border row, for the soft edge of the shadow. */
  margin?: number;
};

function darkShareOfRow(g: GreyPixels, y: number, dark: number): number {
  let count = 0;
  const start = y * g.width;
  for (let x = 0; x < g.width; x++) if (g.data[start + x]! < dark) count++;
  return count / g.width;
}

function darkShareOfColumn(g: GreyPixels, x: number, top: number, bottom: number, dark: number): number {
  let count = 0;
  for (let y = top; y < bottom; y++) if (g.data[y * g.width + x]! < dark) count++;
  return count / Math.max(1, bottom - top);
}

/**
 * The page inside dark scanner borders, or null when there is no border. Pure; looks only for
 * bands along the edges that are mostly near-black, so dark content inside the page is never cut.
 */
export function findBorderBox(grey: GreyPixels, options: BorderOptions = {}): Box | null {
  const dark = options.dark ?? 70;
  const minShare = options.minDarkShare ?? 0.6;
  const maxCut = options.maxCutShare ?? 0.15;
  const margin = options.margin ?? 2;
  const { width, height } = grey;
  const maxRows = Math.floor(height * maxCut);
  const maxCols = Math.floor(width * maxCut);

  let top = 0;
  while (top < maxRows && darkShareOfRow(grey, top, dark) >= minShare) top++;
  let bottom = height;
  while (height - bottom < maxRows && darkShareOfRow(grey, bottom - 1, dark) >= minShare) bottom--;
  let left = 0;
  while (left < maxCols && darkShareOfColumn(grey, left, top, bottom, dark) >= minShare) left++;
  let right = width;
  while (width - right < maxCols && darkShareOfColumn(grey, right - 1, top, bottom, dark) >= minShare) right--;

  if (top === 0 && left === 0 && bottom === height && right === width) return null;
  const cut = (n: number) => (n > 0 ? n + margin : 0);
  const box = {
    left: Math.min(maxCols, cut(left)),
    top: Math.min(maxRows, cut(top)),
    width: 0,
    height: 0,
  };
  box.width = width - box.left - Math.min(maxCols, cut(width - right));
  box.height = height - box.top - Math.min(maxRows, cut(height - bottom));
  return box;
}
