import { darkLevel, greyHistogram, paperLevel } from './grey-levels.ts';
import type { Box, GreyPixels } from './page-types.ts';

// the page is looked at in cells of a quarter of a millimetre, dark when darker than halfway between ink and paper…
const CELL_MM = 0.25;
const DARK = 128;
// …its ink being its darkest print (this quantile) when a low-contrast scan left it lighter than this: a faded page's
// grey band is its dark ground
const DARKEST = 0.005;
const FADED_INK = 80;
// strokes, rulings and frames are thinner than this; a printed ground is not
const STROKE_MM = 1.25;
// a ground is at least a short word or a block of a number wide (three characters in a dark cell) and a line of small type high…
const GROUND_MM = { width: 8, height: 2.5 };
// …and a band, a badge or a pill around one line of type, whose margins above and below the print are thinner than
// a stroke's limit, is sought again with a finer one: no taller than this, three times as wide as tall
const BAND = { strokeMm: 1, heightMm: 8, elongation: 3 };
// …with a row of solid ground across most of its width (its margin above or below the print: the
// letters of bold type glued together never make one)…
const SOLID_ROW = 0.8;
// …bearing print: light marks it encloses, no taller than a line of large type (paper that a
// scanner's dark border or a tear's shadow closes in is no print), covering a share of it between
// these (below, specks on a bare dark area, which is left as it is; above, a frame around cells)
const PRINT_MM = 12;
const PRINT_SHARE = [0.03, 0.5] as const;

type Grid = { cells: Uint8Array; cols: number; rows: number };

/**
 * A page with its dark grounds turned light and their light print dark: a table's header, a title
 * band or a tinted bar printed in white. OCR reads dark print on light paper; on a dark ground it
 * finds no letters, or reads the band as noise, and a number printed there is lost. Print on
 * paper, bold or not, rulings and frames are left as they are. Returns the same pixels when the
 * page has no dark ground. Pure.
 */
export function invertDarkAreas(page: GreyPixels, dpi: number): GreyPixels {
  return invertDarkGrounds(page, dpi).grey;
}

/** `invertDarkAreas`, with the boxes of the grounds turned light, in pixels (none: the same pixels). Pure. */
export function invertDarkGrounds(page: GreyPixels, dpi: number): { grey: GreyPixels; grounds: Box[] } {
  const cell = Math.max(1, Math.round((CELL_MM * dpi) / 25.4));
  const tones = tonesOf(page);
  const dark = darkCells(page, cell, tones.dark);
  // almost every page: nothing thicker than the finer stroke, and so nothing thicker than a stroke
  const thickerThanBand = erodedBy(dark, BAND.strokeMm);
  if (!thickerThanBand.cells.includes(1)) return { grey: page, grounds: [] };
  const found = groundsOf(erodedBy(dark, STROKE_MM), STROKE_MM);
  // a band's margins may be thinner than a stroke's limit: sought with the finer one, where no ground was found
  const bands = groundsOf(thickerThanBand, BAND.strokeMm, (b) => isBand(b) && !found?.boxes.some((f) => overlap(f, b)));
  const kinds = [found, bands].filter((kind) => kind !== null);
  if (kinds.length === 0) return { grey: page, grounds: [] };
  const mask = kinds[0]!.mask;
  for (const kind of kinds.slice(1)) for (let i = 0; i < mask.length; i++) mask[i] = mask[i]! | kind.mask[i]!;
  const boxes = kinds.flatMap((kind) => kind.boxes);
  const { width, height } = page;
  const cols = Math.ceil(width / cell);
  const data = Buffer.from(page.data);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / cell) * cols;
    for (let x = 0; x < width; x++) {
      // turned within the page's own tones: on a faded page, the ground becomes its paper and the print its ink
      if (mask[row + Math.floor(x / cell)] === 1) data[y * width + x] = Math.max(0, Math.min(255, tones.ink + tones.paper - data[y * width + x]!));
    }
  }
  const grounds = boxes.map(([left, right, top, bottom]) => {
    const [x, y] = [left * cell, top * cell];
    return { left: x, top: y, width: Math.min(width, (right + 1) * cell) - x, height: Math.min(height, (bottom + 1) * cell) - y };
  });
  return { grey: { ...page, data }, grounds };
}

type CellBox = [number, number, number, number];

// a stroke `mm` thick, in cells each side of the centre
const strokeCells = (mm: number) => Math.max(1, Math.round(mm / CELL_MM / 2));

/** The dark cells with only what is thicker than a stroke of `strokeMm` left. */
const erodedBy = (dark: Grid, strokeMm: number): Grid => morph(dark, strokeCells(strokeMm), 'erode');

/** The grounds of what was thicker than a stroke of `strokeMm` (`eroded` by it, grown back here), those `keep` lets through. */
function groundsOf(eroded: Grid, strokeMm: number, keep: (box: CellBox) => boolean = () => true): { mask: Uint8Array; boxes: CellBox[] } | null {
  if (!eroded.cells.includes(1)) return null;
  const grown = morph(eroded, strokeCells(strokeMm), 'dilate');
  return groundsWithTheirPrint(grown, Math.round(GROUND_MM.width / CELL_MM), Math.round(GROUND_MM.height / CELL_MM), keep);
}

const isBand = ([left, right, top, bottom]: CellBox) => {
  const [w, h] = [right - left + 1, bottom - top + 1];
  return h <= BAND.heightMm / CELL_MM && w >= BAND.elongation * h;
};

const overlap = (a: CellBox, b: CellBox) => a[0] <= b[1] && b[0] <= a[1] && a[2] <= b[3] && b[2] <= a[3];

function darkCells(page: GreyPixels, cell: number, dark: number): Grid {
  const cols = Math.ceil(page.width / cell);
  const rows = Math.ceil(page.height / cell);
  const colOf = Int32Array.from({ length: page.width }, (_, x) => Math.floor(x / cell));
  const sum = new Float64Array(cols * rows);
  for (let y = 0; y < page.height; y++) {
    const row = Math.floor(y / cell) * cols;
    const start = y * page.width;
    for (let x = 0; x < page.width; x++) sum[row + colOf[x]!]! += page.data[start + x]!;
  }
  const cells = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const h = Math.min(cell, page.height - r * cell);
    for (let c = 0; c < cols; c++) cells[r * cols + c] = sum[r * cols + c]! / (h * Math.min(cell, page.width - c * cell)) < dark ? 1 : 0;
  }
  return { cells, cols, rows };
}

/**
 * The page's tones: the level below which a cell is dark, halfway between paper and ink, and the ink and paper a
 * ground is turned between (black and white; a faded page's own darkest print and paper).
 */
function tonesOf(page: GreyPixels): { dark: number; ink: number; paper: number } {
  const histogram = greyHistogram(page);
  const [ink, paper] = [darkLevel(histogram, DARKEST), paperLevel(histogram)];
  return ink > FADED_INK ? { dark: (ink + paper) / 2, ink, paper } : { dark: DARK, ink: 0, paper: 255 };
}

/** Each cell set when every cell within `r` each way is (erode) or any is (dilate): a square, one axis at a time, counted in a sliding window. */
function morph(grid: Grid, r: number, op: 'erode' | 'dilate'): Grid {
  const { cols, rows } = grid;
  // one line of `m` cells, `step` apart from `first`
  const pass = (src: Uint8Array, out: Uint8Array, first: number, step: number, m: number) => {
    let set = 0;
    for (let k = 0; k < Math.min(m, r); k++) set += src[first + k * step]!;
    for (let k = 0; k < m; k++) {
      if (k + r < m) set += src[first + (k + r) * step]!;
      if (k > r) set -= src[first + (k - r - 1) * step]!;
      const span = Math.min(m - 1, k + r) - Math.max(0, k - r) + 1;
      out[first + k * step] = (op === 'erode' ? set === span : set > 0) ? 1 : 0;
    }
  };
  const across = new Uint8Array(grid.cells.length);
  for (let y = 0; y < rows; y++) pass(grid.cells, across, y * cols, 1, cols);
  const cells = new Uint8Array(grid.cells.length);
  for (let x = 0; x < cols; x++) pass(across, cells, x, cols, rows);
  return { cols, rows, cells };
}

/** The grounds (components large, solid and full enough) with the light print they enclose, as a mask of cells and their boxes; null when none. */
function groundsWithTheirPrint(
  grid: Grid,
  minWidth: number,
  minHeight: number,
  keep: (box: CellBox) => boolean,
): { mask: Uint8Array; boxes: CellBox[] } | null {
  const { cells, cols, rows } = grid;
  const label = new Int32Array(cells.length).fill(-1);
  let mask: Uint8Array | null = null;
  const boxes: CellBox[] = [];
  for (let start = 0; start < cells.length; start++) {
    if (cells[start] !== 1 || label[start] !== -1) continue;
    const members = flood([start], cols, rows, (j) => {
      if (cells[j] !== 1 || label[j] !== -1) return false;
      label[j] = start;
      return true;
    });
    const [left, right, top, bottom] = box(members, cols);
    const w = right - left + 1;
    if (w < minWidth || bottom - top + 1 < minHeight || !keep([left, right, top, bottom]) || longestRun(cells, cols, left, right, top, bottom) < SOLID_ROW * w)
      continue;
    // a box printed close to its sides (a block of a number in a tight dark cell) leaves gaps in its
    // outline at this scale: what a ground no taller than a line of large type holds, framing its box, is its print
    const maxHeight = Math.round(PRINT_MM / CELL_MM);
    const holes =
      bottom - top + 1 <= maxHeight && framesItsBox(label, start, cols, left, right, top, bottom)
        ? inside(label, start, cols, left, right, top, bottom)
        : enclosed(label, start, cols, left, right, top, bottom, maxHeight);
    const share = holes.length / (members.length + holes.length);
    if (share < PRINT_SHARE[0] || share > PRINT_SHARE[1]) continue;
    mask ??= new Uint8Array(cells.length);
    for (const i of members) mask[i] = 1;
    for (const i of holes) mask[i] = 1;
    boxes.push([left, right, top, bottom]);
  }
  return mask ? { mask, boxes } : null;
}

/** The cells joined to `seeds` through side neighbours in a grid `width` wide, each let in once by `enter` (which marks it). */
function flood(seeds: number[], width: number, height: number, enter: (k: number) => boolean): number[] {
  const stack = seeds.filter(enter);
  const joined: number[] = [];
  while (stack.length > 0) {
    const k = stack.pop()!;
    joined.push(k);
    const x = k % width;
    for (const n of [x > 0 ? k - 1 : -1, x + 1 < width ? k + 1 : -1, k - width, k + width]) {
      if (n >= 0 && n < width * height && enter(n)) stack.push(n);
    }
  }
  return joined;
}

/** The box of cells of a grid `width` wide: left, right, top, bottom. */
function box(members: number[], width: number): CellBox {
  let [left, right, top, bottom] = [width, -1, Number.POSITIVE_INFINITY, -1];
  for (const i of members) {
    const x = i % width;
    const y = (i - x) / width;
    [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
  }
  return [left, right, top, bottom];
}

function longestRun(cells: Uint8Array, cols: number, left: number, right: number, top: number, bottom: number): number {
  let best = 0;
  for (let y = top; y <= bottom; y++) {
    let run = 0;
    for (let x = left; x <= right; x++) {
      run = cells[y * cols + x] === 1 ? run + 1 : 0;
      best = Math.max(best, run);
    }
  }
  return best;
}

// a ground whose cells make this share of its box's outline frames the box
const FRAME = 0.85;

/** Whether a component's cells make most of its box's outline: a dark box, its print reaching near its sides. */
function framesItsBox(label: Int32Array, id: number, cols: number, left: number, right: number, top: number, bottom: number): boolean {
  let [ground, all] = [0, 0];
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      if (y !== top && y !== bottom && x !== left && x !== right) continue;
      all++;
      if (label[y * cols + x] === id) ground++;
    }
  }
  return ground >= FRAME * all;
}

/** The cells of a component's box that are not the component. */
function inside(label: Int32Array, id: number, cols: number, left: number, right: number, top: number, bottom: number): number[] {
  const cells: number[] = [];
  for (let y = top; y <= bottom; y++) for (let x = left; x <= right; x++) if (label[y * cols + x] !== id) cells.push(y * cols + x);
  return cells;
}

/**
 * The cells of a component's box that are not the component and that no path from the box's edge
 * reaches (what it encloses), in pieces no taller than `maxHeight`: its print.
 */
function enclosed(label: Int32Array, id: number, cols: number, left: number, right: number, top: number, bottom: number, maxHeight: number): number[] {
  const w = right - left + 1;
  const h = bottom - top + 1;
  const reached = new Uint8Array(w * h);
  // a cell of the box, let in once, when it is not the component
  const enter = (k: number) => {
    if (reached[k] === 1 || label[(top + Math.floor(k / w)) * cols + left + (k % w)] === id) return false;
    reached[k] = 1;
    return true;
  };
  const edge: number[] = [];
  for (let x = 0; x < w; x++) edge.push(x, (h - 1) * w + x);
  for (let y = 0; y < h; y++) edge.push(y * w, y * w + w - 1);
  flood(edge, w, h, enter);
  // each enclosed piece, one at a time: the unreached cells joined to it
  const holes: number[] = [];
  for (let seed = 0; seed < w * h; seed++) {
    const piece = flood([seed], w, h, enter);
    if (piece.length === 0) continue;
    const [, , pieceTop, pieceBottom] = box(piece, w);
    if (pieceBottom - pieceTop + 1 <= maxHeight) for (const k of piece) holes.push((top + Math.floor(k / w)) * cols + left + (k % w));
  }
  return holes;
}
