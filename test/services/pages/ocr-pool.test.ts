import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AppError } from '../../../services/app-error.ts';
import { extractPages } from '../../../services/pages/extract-pages.ts';
import { createImageOps } from '../../../services/pages/image-ops.ts';
import { normalisePage } from '../../../services/pages/normalise-page.ts';
import { createOcrPool } from '../../../services/pages/ocr-pool.ts';
import type { NormalisedPage } from '../../../services/pages/page-types.ts';
import { A4_200, coverLines, noisy, NU, pagePng, rotated } from './make-inputs.ts';

const images = createImageOps({ concurrency: 2 });
const pool = createOcrPool({ workers: 2 }, { images });

/** Numéros uniques in OCR text, spaces dropped (DDD MMYY NNNNNN GGGGG). */
function numerosUniques(text: string): string[] {
  return [...text.matchAll(/\b(\d{2}[\dAB])\s?(\d{4})\s?(\d{6})\s?([0-9A-Z]{5})\b/g)].map((m) => m.slice(1).join(''));
}

async function normalised(bytes: Uint8Array): Promise<NormalisedPage> {
  for await (const page of extractPages(bytes, { images })) return normalisePage(page, { images, ocr: pool });
  throw new Error('no page');
}

const cover = { lines: coverLines, ...A4_200 };
const nu = NU.replace(/ /g, '');

/** Scanned badly: skewed, dusty, blurred, then saved as a poor JPEG. */
async function degradedCover(): Promise<Buffer> {
  const skewed = await rotated(await pagePng(cover, 200), 1.8);
  const dusty = await noisy(skewed, 0.003, 9);
  return sharp(dusty).blur(0.8).withDensity(200).jpeg({ quality: 30 }).toBuffer();
}

const full = suite('ocrPool: full page');

full('reads the numéro unique on a clean cover, with words and confidence', async () => {
  const page = await normalised(await pagePng(cover, 200));
  const result = await pool.recognizePage({ pixels: page.grey, dpi: page.dpi });
  assert.ok(result.ok, !result.ok ? result.error : '');
  if (!result.ok) return;
  assert.ok(numerosUniques(result.text).includes(nu), result.text);
  assert.ok(result.confidence > 80);
  assert.ok(result.words.some((w) => w.text === 'ATTESTATION' && w.confidence > 80 && w.bbox.width > 0));
});

full('reads it on a degraded cover once normalised', async () => {
  const page = await normalised(await degradedCover());
  assert.ok(page.record.skewCorrected);
  const result = await pool.recognizePage({ pixels: page.grey, dpi: page.dpi });
  assert.ok(result.ok && numerosUniques(result.text).includes(nu), result.ok ? result.text : result.error);
});

full('reads it on the committed clean and degraded sample covers', async () => {
  const folder = 'fixtures/samples/pages';
  if (!existsSync(`${folder}/index.json`)) return;
  const index = JSON.parse(readFileSync(`${folder}/index.json`, 'utf8')) as Array<{ file: string; numeroUnique: string | null; role: string }>;
  for (const sample of index.filter((s) => s.role === 'couverture' && /clean|degraded/.test(s.file))) {
    const page = await normalised(readFileSync(`${folder}/${sample.file}`));
    const result = await pool.recognizePage({ pixels: page.grey, dpi: page.dpi });
    assert.ok(
      result.ok && numerosUniques(result.text.toUpperCase()).includes(sample.numeroUnique!.replace(/ /g, '')),
      `${sample.file}: ${result.ok ? result.text.slice(0, 300) : result.error}`,
    );
  }
});

full('a page OCR cannot read is an error result, and the pool goes on', async () => {
  const [bad, good] = await Promise.all([
    pool.recognizePage({ encoded: Buffer.from('ceci n’est pas une image') }),
    pool.recognizePage({ pixels: (await normalised(await pagePng({ lines: ['Quittance de loyer'], ...A4_200 }, 200))).grey, dpi: 200 }),
  ]);
  assert.is(bad.ok, false);
  assert.ok(good.ok && /Quittance/.test(good.text));
  const again = await pool.recognizePage({ encoded: await pagePng({ lines: ['Bulletin de paie'], ...A4_200 }, 200) });
  assert.ok(again.ok && /Bulletin/.test(again.text));
});

full.run();

const region = suite('ocrPool: region');

region('reads the numéro unique band with a whitelist, in well under a second', async () => {
  const page = await normalised(await pagePng(cover, 200));
  const size = Math.round(A4_200.width / 55);
  const line = Math.round(A4_200.height * 0.1) + 3 * size * 1.7; // baseline of the fourth line
  const band = { left: 0, top: line - size * 1.3, width: page.grey.width, height: size * 2 };
  const result = await pool.recognizeRegion({ pixels: page.grey, dpi: page.dpi }, band, { whitelist: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ :', psm: '7' });
  assert.ok(result.ok, !result.ok ? result.error : '');
  if (!result.ok) return;
  assert.ok(numerosUniques(result.text).includes(nu), result.text);
  assert.ok(result.ms < 1000, `${result.ms} ms`);
  // the worker goes back to full-page mode for the next page
  const next = await pool.recognizePage({ pixels: page.grey, dpi: page.dpi });
  assert.ok(next.ok && /Madame/.test(next.text));
});

region('a region outside the page is an error result', async () => {
  const page = await normalised(await pagePng({ lines: ['x'], width: 200, height: 200 }, 200));
  const result = await pool.recognizeRegion({ pixels: page.grey, dpi: 200 }, { left: 500, top: 500, width: 10, height: 10 });
  assert.is(result.ok, false);
});

region.run();

const orientation = suite('ocrPool: orientation');

orientation('OSD gives the clockwise turn that puts a page upright', async () => {
  const png = await rotated(await pagePng(cover, 200), 90);
  const reading = await pool.detectOrientation({ encoded: png });
  assert.ok(reading.ok);
  if (reading.ok) assert.is(reading.angle, 270);
});

orientation.run();

const limits = suite('ocrPool: queue, timeout, terminate');

limits('a full queue refuses new jobs with service_indisponible', async () => {
  const small = createOcrPool({ workers: 1, maxQueue: 1 }, { images });
  const png = await pagePng({ lines: ['Bonjour'], width: 300, height: 200 }, 200);
  const first = small.recognizePage({ encoded: png });
  const second = small.recognizePage({ encoded: png });
  try {
    await small.recognizePage({ encoded: png });
    assert.unreachable('should refuse');
  } catch (err) {
    assert.instance(err, AppError);
    assert.is((err as AppError).code, 'service_indisponible');
  }
  assert.ok((await first).ok && (await second).ok);
  await small.terminate();
  const after = await small.recognizePage({ encoded: png });
  assert.is(after.ok, false, 'a terminated pool answers with an error result');
});

limits('a job over its time bound is an error result and its worker is replaced', async () => {
  const hasty = createOcrPool({ workers: 1, jobTimeoutMs: 1 }, { images });
  const result = await hasty.recognizePage({ encoded: await pagePng(cover, 200) });
  assert.is(result.ok, false);
  if (!result.ok) assert.match(result.error, /interrompu/);
  assert.ok(hasty.stats().restarts >= 1);
  await hasty.terminate();
});

limits('missing language data is refused at creation, not by crashing later', () => {
  try {
    createOcrPool({ langPath: '/nowhere' }, { images });
    assert.unreachable('should refuse');
  } catch (err) {
    assert.is((err as AppError).code, 'service_indisponible');
  }
});

limits.after(() => pool.terminate());

limits.run();
