import type { GreyPixels } from './page-types.ts';

/** A mark of ink: its pixels (indices in the image) and the box they lie in. */
export type InkMark = { left: number; right: number; top: number; bottom: number; pixels: number[] };

/** The marks of ink of a grey image: its pixels darker than `ink` joined side by side or corner to corner. Pure. */
export function inkMarks(page: GreyPixels, ink: number): InkMark[] {
  const { width, height, data } = page;
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const marks: InkMark[] = [];
  for (let start = 0; start < data.length; start++) {
    if (seen[start] === 1 || data[start]! >= ink) continue;
    stack.push(start);
    seen[start] = 1;
    const mark: InkMark = { left: width, right: 0, top: height, bottom: 0, pixels: [] };
    while (stack.length > 0) {
      const p = stack.pop()!;
      mark.pixels.push(p);
      const x = p % width;
      const y = (p - x) / width;
      mark.left = Math.min(mark.left, x);
      mark.right = Math.max(mark.right, x);
      mark.top = Math.min(mark.top, y);
      mark.bottom = Math.max(mark.bottom, y);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const q = ny * width + nx;
          if (seen[q] === 0 && data[q]! < ink) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    marks.push(mark);
  }
  return marks;
}
