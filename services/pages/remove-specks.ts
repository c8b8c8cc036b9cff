import type { GreyPixels } from './page-types.ts';

// ink is darker than this (the page is normalised: white paper, dark print)
const INK = 160;

/**
 * A page with its specks whitened: marks of ink no larger than `size` pixels each way (the dots
 * of a dotted leader, grain). OCR glues a leader's dots to the characters of the field written on
 * it and reads the line as noise; characters are larger, and the dot of an i or a full stop lost
 * does not change a number. Pure.
 */
export function removeSpecks(page: GreyPixels, size: number): GreyPixels {
  const { width, height } = page;
  const data = Buffer.from(page.data);
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const blob: number[] = [];
  for (let start = 0; start < data.length; start++) {
    if (seen[start] === 1 || data[start]! >= INK) continue;
    // one mark: its dark pixels joined side by side or corner to corner
    blob.length = 0;
    stack.push(start);
    seen[start] = 1;
    let [left, right, top, bottom] = [width, 0, height, 0];
    while (stack.length > 0) {
      const p = stack.pop()!;
      blob.push(p);
      const x = p % width;
      const y = (p - x) / width;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const q = ny * width + nx;
          if (seen[q] === 0 && data[q]! < INK) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    if (right - left < size && bottom - top < size) for (const p of blob) data[p] = 255;
  }
  return { width, height, channels: 1, data };
}
