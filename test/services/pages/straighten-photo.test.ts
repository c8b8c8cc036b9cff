import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { photographPage } from '../../../fixtures/phone-photo.ts';
import { createRng } from '../../../fixtures/prng.ts';
import { extractPages } from '../../../services/pages/extract-pages.ts';
import { createImageOps } from '../../../services/pages/image-ops.ts';
import { normalisePage } from '../../../services/pages/normalise-page.ts';
import type { ExtractedPage } from '../../../services/pages/page-types.ts';
import { A4_200, bodyLines, pageSvg } from './make-inputs.ts';

const images = createImageOps({ concurrency: 2 });
const deps = { images, ocr: null };

async function first(bytes: Uint8Array): Promise<ExtractedPage> {
  for await (const page of extractPages(bytes, { images })) return page;
  throw new Error('no page');
}

/** The test page, grey at 200 dpi, as the photo generator takes it. */
async function raster() {
  const { data, info } = await sharp(pageSvg({ lines: bodyLines, ...A4_200 }))
    .greyscale()
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, dpi: 200 };
}

const photo = suite('normalisePage: phone photos');

photo('a phone photo comes out as its sheet alone: upright, A4-shaped, white paper, the corners where they were', async () => {
  const shot = await photographPage(await raster(), createRng(11), { longSide: [1600, 1600] });
  const page = await normalisePage(await first(shot.jpeg), deps);
  const record = page.record.photo;
  assert.ok(record, 'taken for a photo');
  record.corners.forEach((c, i) => {
    const d = Math.hypot(c.x - shot.truth.corners[i]!.x, c.y - shot.truth.corners[i]!.y);
    assert.ok(d <= 8, `corner ${i} off by ${d.toFixed(1)} px`);
  });
  assert.is(page.dpi, 200);
  const ratio = page.grey.height / page.grey.width;
  assert.ok(Math.abs(ratio - Math.SQRT2) < 0.06, `A4 proportions: ${ratio.toFixed(3)}`);
  assert.ok(page.ink.paper >= 240, `paper made white: ${page.ink.paper}`);
  assert.ok(page.ink.components > 50, 'its print kept');
  assert.is(page.original, null, 'the photo itself is not what the PDF shows');
});

photo('a colour scan (white page to the frame) is left as a scan', async () => {
  const scan = await sharp(pageSvg({ lines: bodyLines, ...A4_200, paper: '#fbf8f0' }))
    .withDensity(200)
    .jpeg({ quality: 85 })
    .toBuffer();
  const extracted = await first(scan);
  assert.is(extracted.image.kind === 'jpeg' && extracted.image.channels, 3, 'a colour JPEG');
  const page = await normalisePage(extracted, deps);
  assert.is(page.record.photo, null);
  assert.is(page.grey.width, A4_200.width);
  assert.is(page.dpi, 200);
});

photo('a grey photo is not straightened (only colour photos are looked at)', async () => {
  const shot = await photographPage(await raster(), createRng(12), { longSide: [1500, 1500] });
  const grey = await sharp(shot.jpeg).toColourspace('b-w').jpeg({ quality: 85 }).toBuffer();
  const page = await normalisePage(await first(grey), deps);
  assert.is(page.record.photo, null);
});

photo.run();
