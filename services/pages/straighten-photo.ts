import { decidePhoto, findSheetCorners, type SheetEvidence } from './find-sheet-corners.ts';
import { flattenLight } from './flatten-light.ts';
import type { ImageOps } from './image-ops.ts';
import type { ExtractedPage, GreyPixels, PhotoRecord } from './page-types.ts';

import { warpPerspective, type Point, type Quad } from './warp-perspective.ts';

export type { PhotoRecord };

export type StraightenOptions = {
  /** Resolution the sheet is brought to at most. Default 300. */
  maxDpi?: number;
  /** Resolution the sheet is brought to at least (small print reads better enlarged). Default 200. */
  minDpi?: number;
};

// the side of the colour copy the sheet is looked for on: enough for its edges, cheap to scan
const ANALYSIS_SIDE = 480;
// A4's long side in inches: the resolution of the straightened sheet is taken from it
const A4_LONG_INCHES = 297 / 25.4;
// a sliver of the background left along an edge would read as a dark border: the sheet is cut this much inside its edges
const INSET = 0.006;

const isColour = (page: ExtractedPage) => (page.image.kind === 'jpeg' ? page.image.channels : page.image.pixels.channels) >= 3;

/**
 * A phone photo of a sheet as a scan of it: the sheet found against its background, its four
 * corners taken to an upright rectangle, the uneven light (shadow, falling light) divided out, in
 * grey (which drops the colour cast). Null when the page is not such a photo (a scan, a grey
 * image, a photo without a whole sheet in it): the page then goes on as it came.
 */
export async function straightenPhoto(
  page: ExtractedPage,
  deps: { images: ImageOps },
  options: StraightenOptions = {},
): Promise<{ grey: GreyPixels; dpi: number; record: PhotoRecord } | null> {
  if ((page.source !== 'jpeg' && page.source !== 'png') || !isColour(page)) return null;
  const small = await deps.images.toColour(page.image, ANALYSIS_SIDE);
  const found = findSheetCorners(small);
  if (!decidePhoto(found, true).photo || !found) return null;

  const full = await deps.images.toGrey(page.image);
  const fx = full.width / small.width;
  const fy = full.height / small.height;
  const corners = found.corners.map((c) => ({ x: (c.x + 0.5) * fx - 0.5, y: (c.y + 0.5) * fy - 0.5 }));
  const centre = { x: corners.reduce((s, c) => s + c.x, 0) / 4, y: corners.reduce((s, c) => s + c.y, 0) / 4 };
  const inset = corners.map((c) => ({ x: c.x + (centre.x - c.x) * INSET * 2, y: c.y + (centre.y - c.y) * INSET * 2 })) as unknown as Quad;

  // each side's length as seen; the longer of two opposite sides is the less foreshortened
  const length = (a: Point, b: Point) => Math.hypot(b.x - a.x, b.y - a.y);
  const [tl, tr, br, bl] = inset;
  const wide = Math.max(length(tl, tr), length(bl, br));
  const tall = Math.max(length(tl, bl), length(tr, br));
  const seenDpi = Math.max(wide, tall) / A4_LONG_INCHES;
  const dpi = Math.round(Math.min(options.maxDpi ?? 300, Math.max(options.minDpi ?? 200, seenDpi)));
  const factor = dpi / seenDpi;
  const warped = warpPerspective(full, inset, Math.round(wide * factor), Math.round(tall * factor));
  const flat = flattenLight(warped);
  return {
    grey: flat.grey,
    dpi,
    record: {
      corners: corners.map((c) => ({ x: Math.round(c.x), y: Math.round(c.y) })),
      evidence: found.evidence,
      paper: flat.paper,
      black: flat.black,
    },
  };
}
