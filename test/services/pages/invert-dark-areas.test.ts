import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { invertDarkAreas } from '../../../services/pages/invert-dark-areas.ts';
import type { GreyPixels } from '../../../services/pages/page-types.ts';

// 200 dpi: 8 px a millimetre
const MM = 8;

function paper(widthMm = 120, heightMm = 40): GreyPixels {
  const width = widthMm * MM;
  const height = heightMm * MM;
  return { data: Buffer.alloc(width * height, 245), width, height, channels: 1 };
}

function fill(p: GreyPixels, x0: number, y0: number, x1: number, y1: number, value: number) {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) p.data[y * p.width + x] = value;
}

const at = (p: GreyPixels, xMm: number, yMm: number) => p.data[Math.round(yMm * MM) * p.width + Math.round(xMm * MM)]!;

test("a dark band's light print turns dark on light: what OCR reads", () => {
  const page = paper();
  fill(page, 10 * MM, 10 * MM, 110 * MM, 18 * MM, 40); // a band 100 × 8 mm
  for (let k = 0; k < 12; k++) fill(page, (14 + 7 * k) * MM, 12 * MM, (14 + 7 * k) * MM + 3 * MM, 16 * MM, 250); // its letters
  const legible = invertDarkAreas(page, 200);
  assert.ok(at(legible, 12, 11) > 200, 'the ground is light');
  assert.ok(at(legible, 15, 14) < 20, 'a letter is dark');
  assert.ok(at(legible, 5, 5) > 200 && at(legible, 5, 5) === at(page, 5, 5), 'the paper around is as it was');
});

test('a badge around one line of white type, its margins above and below thinner than a stroke is thick, turns dark on light', () => {
  const page = paper();
  // a pill 50 × 6.5 mm, its characters 3.5 mm tall: 1.5 mm of ground above and below them
  fill(page, 10 * MM, 10 * MM, 60 * MM, 10 * MM + 52, 25);
  for (let k = 0; k < 16; k++) fill(page, 12 * MM + 24 * k, 10 * MM + 12, 12 * MM + 24 * k + 12, 10 * MM + 40, 250);
  const legible = invertDarkAreas(page, 200);
  assert.ok(at(legible, 12.5, 13) < 20, 'a character is dark');
  assert.ok(at(legible, 30, 10.5) > 200, 'the ground is light');
  // a square of the same ground (a logo, a photo's dark) is no band: left as it is
  const logo = paper();
  fill(logo, 10 * MM, 10 * MM, 16 * MM, 16 * MM, 25);
  fill(logo, 12 * MM, 12 * MM, 14 * MM, 14 * MM, 250);
  assert.is(invertDarkAreas(logo, 200), logo);
});

test("a number's blocks in small dark cells, 9 to 18 mm wide, their white characters close to the cells' sides, turn dark on light", () => {
  const page = paper();
  // four cells 8 mm tall, as a form prints a number one block a cell
  for (const [x0, n] of [
    [10, 3],
    [24, 4],
    [42, 6],
    [68, 5],
  ] as const) {
    fill(page, x0 * MM, 10 * MM, (x0 + 3 * n) * MM, 18 * MM, 30);
    // a stroke 0.75 mm wide a character, 3 mm apart, the first 0.5 mm from the cell's side
    for (let k = 0; k < n; k++) fill(page, (x0 + 3 * k) * MM + 4, 12 * MM, (x0 + 3 * k) * MM + 10, 16 * MM, 250);
  }
  const legible = invertDarkAreas(page, 200);
  for (const x of [10.75, 24.75, 42.75, 68.75]) assert.ok(at(legible, x, 14) < 20, `a character at ${x} mm is dark`);
  for (const x of [12, 26, 44, 70]) assert.ok(at(legible, x, 10.5) > 200, `the cell at ${x} mm is light`);
});

test("on a faded scan, whose darkest print is grey, a grey band's white print turns to the page's own ink on its paper", () => {
  const page = paper();
  fill(page, 10 * MM, 30 * MM, 110 * MM, 32 * MM, 120); // a line of faded print
  fill(page, 0, 10 * MM, 120 * MM, 18 * MM, 150); // a footer band, grey as the scan left it
  for (let k = 0; k < 12; k++) fill(page, (14 + 7 * k) * MM, 12 * MM, (14 + 7 * k) * MM + 3 * MM, 16 * MM, 250);
  const legible = invertDarkAreas(page, 200);
  assert.ok(at(legible, 15, 14) <= 120, 'a letter of the band is as dark as the print');
  assert.ok(at(legible, 5, 11) >= 200, 'the band is light');
  assert.is(at(legible, 50, 31), 120, 'the print on paper is as it was');
  // nothing darker than the page's own print: OCR's threshold, between ink and paper, stays where it was
  assert.ok(
    legible.data.every((v) => v >= 115),
    'no ink darker than the page had',
  );
});

test('print on paper is left as it is: bold type, a thick frame, a table', () => {
  const page = paper(160, 60);
  // bold capitals 6 mm high with 1 mm strokes, glued one to the next
  for (let k = 0; k < 12; k++) {
    const x = (10 + 5 * k) * MM;
    fill(page, x, 5 * MM, x + MM, 11 * MM, 0);
    fill(page, x, 5 * MM, x + 5 * MM, 6 * MM, 0);
    fill(page, x, 10 * MM, x + 5 * MM, 11 * MM, 0);
  }
  // a frame 1 mm thick around a box
  fill(page, 80 * MM, 15 * MM, 150 * MM, 16 * MM, 0);
  fill(page, 80 * MM, 35 * MM, 150 * MM, 36 * MM, 0);
  fill(page, 80 * MM, 15 * MM, 81 * MM, 36 * MM, 0);
  fill(page, 149 * MM, 15 * MM, 150 * MM, 36 * MM, 0);
  // a table's grid of thin rulings
  for (let y = 40; y <= 56; y += 4) fill(page, 10 * MM, y * MM, 150 * MM, y * MM + 2, 0);
  for (let x = 10; x <= 150; x += 35) fill(page, x * MM, 40 * MM, x * MM + 2, 56 * MM, 0);
  assert.is(invertDarkAreas(page, 200), page);
});

test("a dark area with no print on it, a scanner's border or a tear's shadow, is left as it is, and so is the paper it closes in", () => {
  const page = paper(120, 100);
  fill(page, 0, 30 * MM, 120 * MM, 100 * MM, 20);
  fill(page, 10 * MM, 40 * MM, 110 * MM, 90 * MM, 245);
  fill(page, 20 * MM, 60 * MM, 80 * MM, 63 * MM, 0);
  assert.is(invertDarkAreas(page, 200), page);
});

test('a dark frame titled in white: its title turns dark, the paper it closes in keeps its print as it is', () => {
  const page = paper(120, 100);
  fill(page, 0, 10 * MM, 120 * MM, 100 * MM, 20); // a frame 10 mm wide…
  fill(page, 10 * MM, 30 * MM, 110 * MM, 90 * MM, 245); // …around paper 60 mm tall…
  fill(page, 20 * MM, 60 * MM, 80 * MM, 63 * MM, 0); // …with a line of print
  for (let k = 0; k < 14; k++) fill(page, (8 + 7 * k) * MM, 16 * MM, (8 + 7 * k) * MM + 3 * MM, 24 * MM, 250); // the frame's title
  const legible = invertDarkAreas(page, 200);
  assert.ok(at(legible, 9, 20) < 20, 'a letter of the title is dark');
  assert.ok(at(legible, 5, 50) > 200, 'the frame is light');
  assert.ok(at(legible, 30, 61) < 20, 'the print inside is still dark');
  assert.ok(at(legible, 50, 50) > 200, 'the paper inside is still light');
});

test('a page with no dark ground is returned as it came', () => {
  const page = paper();
  assert.is(invertDarkAreas(page, 200), page);
});

test.run();
