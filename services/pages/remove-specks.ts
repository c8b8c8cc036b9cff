import { inkMarks } from './ink-marks.ts';
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
  const data = Buffer.from(page.data);
  for (const mark of inkMarks(page, INK)) {
    if (mark.right - mark.left < size && mark.bottom - mark.top < size) for (const p of mark.pixels) data[p] = 255;
  }
  return { width: page.width, height: page.height, channels: 1, data };
}
