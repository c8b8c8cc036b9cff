import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { extractPages } from '../../../services/pages/extract-pages.ts';
import { createImageOps } from '../../../services/pages/image-ops.ts';
import { measureSkew } from '../../../services/pages/measure-skew.ts';
import { normalisePage } from '../../../services/pages/normalise-page.ts';
import { createOcrPool } from '../../../services/pages/ocr-pool.ts';
import type { ExtractedPage, GreyPixels, NormalisedPage } from '../../../services/pages/page-types.ts';
import { A4_200, bodyLines, coverLines, pageJpeg, pagePng, rotated } from './make-inputs.ts';

const images = createImageOps({ concurrency: 2 });
const ocr = createOcrPool({ workers: 1, osdWorkers: 1 }, { images });
const deps = { images, ocr };

async function first(bytes: Uint8Array): Promise<ExtractedPage> {
  for await (const page of extractPages(bytes, { images })) return page;
  throw new Error('no page');
}

async function normalised(bytes: Uint8Array, withOcr = true): Promise<NormalisedPage> {
  return normalisePage(await first(bytes), withOcr ? deps : { images, ocr: null });
}

async function residualSkew(grey: GreyPixels, dpi: number): Promise<number> {
  const factor = 150 / dpi;
  const small = await images.resize(grey, Math.round(grey.width * factor), Math.round(grey.height * factor));
  return measureSkew(small).angle;
}

const page200 = { lines: bodyLines, ...A4_200 };
const cover200 = { lines: coverLines, ...A4_200 };

const orientation = suite('normalisePage: orientation');

orientation.after(() => ocr.terminate());

for (const turn of [90, 180, 270] as const) {
  orientation(`a page scanned turned ${turn}° clockwise is put upright`, async () => {
    const page = await normalised(await rotated(await pagePng(page200, 200), turn));
    assert.is(page.record.rotation, (360 - turn) % 360);
    assert.is(page.record.orientationReason, 'osd');
    assert.ok((page.record.osdConfidence ?? 0) >= 5);
    assert.is(page.grey.width, A4_200.width, 'portrait again');
    assert.ok(page.record.osd.length >= 1);
  });
}

orientation('an upright page is left as it is, with the reading recorded', async () => {
  const page = await normalised(await pagePng(cover200, 200));
  assert.is(page.record.rotation, 0);
  assert.is(page.record.osdAngle, 0);
  assert.ok((page.record.osdConfidence ?? 0) >= 5);
});

orientation('without OCR, orientation is not looked at', async () => {
  const page = await normalised(await rotated(await pagePng(page200, 200), 180), false);
  assert.is(page.record.rotation, 0);
  assert.is(page.record.orientationReason, 'osd-desactive');
});

orientation('committed samples: turned pages upright, the identity card not turned', async () => {
  const folder = 'fixtures/samples/pages';
  if (!existsSync(`${folder}/index.json`)) return;
  const index = JSON.parse(readFileSync(`${folder}/index.json`, 'utf8')) as Array<{ file: string; rotation: number; skew: number }>;
  for (const sample of index.filter((s) => s.rotation !== 0 || /identite/.test(s.file))) {
    const page = await normalised(readFileSync(`${folder}/${sample.file}`));
    assert.is(page.record.rotation, (360 - sample.rotation) % 360, sample.file);
  }
});

orientation.run();

const skew = suite('normalisePage: skew, borders, resolution');

for (const angle of [2, -3.5, 0.8, -4.5]) {
  skew(`a page skewed ${angle}° is measured and straightened within 0.5°`, async () => {
    const page = await normalised(await rotated(await pagePng(cover200, 200), angle), false);
    assert.ok(Math.abs(page.record.skewAngle - angle) <= 0.5, `measured ${page.record.skewAngle}`);
    assert.ok(page.record.skewCorrected);
    const residual = await residualSkew(page.grey, page.dpi);
    assert.ok(Math.abs(residual) <= 0.5, `left ${residual}`);
    assert.is(page.original, null, 'a straightened page is a new image');
  });
}

skew('a skew under the threshold is left alone, and the scanner JPEG kept as is', async () => {
  const page = await normalised(await rotated(await pagePng(cover200, 200), 0.15, 'jpeg'), false);
  assert.not.ok(page.record.skewCorrected);
  assert.ok(Math.abs(page.record.skewAngle) < 0.3);
  assert.ok(page.original !== null && page.original.kind === 'jpeg');
});

skew('dark scanner borders are cut, content kept', async () => {
  const clean = await pagePng(cover200, 200);
  const framed = await sharp(clean)
    .extract({ left: 0, top: 0, width: A4_200.width - 60, height: A4_200.height - 40 })
    .extend({ left: 60, top: 40, background: '#111' })
    .withDensity(200)
    .png()
    .toBuffer();
  const page = await normalised(framed, false);
  assert.ok(page.record.cropped);
  const crop = page.record.crop!;
  assert.ok(crop.left >= 55 && crop.left <= 80, `left ${crop.left}`);
  assert.ok(crop.top >= 35 && crop.top <= 60, `top ${crop.top}`);
  assert.ok(crop.width >= A4_200.width - 100);
  assert.ok(page.ink.largestRowComponents > 20, 'text still there');
});

skew('a clean page is not cropped, is greyscale and may be bitonal', async () => {
  const page = await normalised(await pageJpeg(cover200, 200), false);
  assert.not.ok(page.record.cropped);
  assert.is(page.grey.channels, 1);
  assert.is(page.grey.data.length, page.grey.width * page.grey.height);
  assert.ok(page.record.bitonal);
});

skew('a photo-like page is not bitonal', async () => {
  const gradient = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1100"><defs><linearGradient id="g"><stop offset="0" stop-color="#222"/><stop offset="1" stop-color="#ddd"/></linearGradient></defs><rect width="100%" height="100%" fill="#fff"/><rect x="100" y="100" width="600" height="500" fill="url(#g)"/></svg>`,
  );
  const page = await normalised(await sharp(gradient).withDensity(100).png().toBuffer(), false);
  assert.not.ok(page.record.bitonal, `midtones ${page.record.midtoneRatio}`);
});

skew('a 600 dpi scan is brought down to 300 dpi', async () => {
  const png = await sharp(await pagePng(cover200, 200))
    .resize({ width: A4_200.width * 3 })
    .withDensity(600)
    .png()
    .toBuffer();
  const page = await normalised(png, false);
  assert.is(page.dpi, 300);
  assert.is(page.record.scale, 0.5);
  assert.is(page.grey.width, Math.round((A4_200.width * 3) / 2));
});

skew.run();
