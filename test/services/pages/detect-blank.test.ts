import { existsSync, readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { countMeaningfulWords, detectBlank, type BlankVerdict } from '../../../services/pages/detect-blank.ts';
import { extractPages } from '../../../services/pages/extract-pages.ts';
import { createImageOps } from '../../../services/pages/image-ops.ts';
import { createOcrPool } from '../../../services/pages/ocr-pool.ts';
import type { InkStats } from '../../../services/pages/page-types.ts';
import { readPage } from '../../../services/pages/read-page.ts';
import { A4_200, bleedThrough, noisy, pagePng } from './make-inputs.ts';

const images = createImageOps({ concurrency: 2 });
const ocr = createOcrPool({ workers: 1 }, { images });

/** The verdict as the pipeline takes it (`readPage`): pixels first, OCR only where pixels leave doubt. */
async function verdict(bytes: Uint8Array): Promise<BlankVerdict> {
  for await (const page of extractPages(bytes, { images })) return (await readPage(page, { images, ocr })).blank;
  throw new Error('no page');
}

const ink = (partial: Partial<InkStats>): InkStats => ({
  inkRatio: 0,
  components: 0,
  largestRowComponents: 0,
  largestComponentRatio: 0,
  paper: 250,
  ...partial,
});

const rules = suite('detectBlank: the decision');

rules('no ink at all is blank without OCR', () => {
  assert.equal([detectBlank(ink({})).blank, detectBlank(ink({})).reason], [true, 'vide']);
});

rules('one row of character-sized marks is content, whatever OCR says', () => {
  const v = detectBlank(ink({ components: 6, largestRowComponents: 6, inkRatio: 0.0005 }), 0);
  assert.equal([v.blank, v.reason], [false, 'ligne-de-texte']);
});

rules('a signature or stamp alone is content', () => {
  assert.is(detectBlank(ink({ components: 2, largestComponentRatio: 0.004, inkRatio: 0.003 })).reason, 'trace');
});

rules('a few specks: kept without OCR, blank when OCR finds no word, content when it finds some', () => {
  const specks = ink({ components: 3, largestRowComponents: 1, inkRatio: 0.0004 });
  assert.equal([detectBlank(specks).blank, detectBlank(specks).reason], [false, 'incertain']);
  assert.equal([detectBlank(specks, 0).blank, detectBlank(specks, 0).reason], [true, 'vide-sans-mot']);
  assert.equal([detectBlank(specks, 2).blank, detectBlank(specks, 2).reason], [false, 'mots-ocr']);
});

rules('countMeaningfulWords ignores unsure and one-letter words', () => {
  const words = [
    { text: 'Loyer', confidence: 91 },
    { text: 'à', confidence: 95 },
    { text: '~;', confidence: 80 },
    { text: 'xqz', confidence: 30 },
    { text: '12', confidence: 88 },
  ];
  assert.is(countMeaningfulWords(words), 2);
});

rules.run();

const pages = suite('detectBlank: generated pages');

pages.after(() => ocr.terminate());

pages('a white page is blank', async () => {
  const v = await verdict(await pagePng({ lines: [], ...A4_200 }, 200));
  assert.ok(v.blank, v.reason);
});

pages('a near-blank page with specks and grain is blank', async () => {
  const v = await verdict(await noisy(await pagePng({ lines: [], ...A4_200 }, 200), 0.002, 11));
  assert.ok(v.blank, v.reason);
});

pages('a near-blank back with the front showing through is blank', async () => {
  const v = await verdict(await bleedThrough(5, A4_200));
  assert.ok(v.blank, `${v.reason} ${JSON.stringify(v.ink)}`);
});

pages('a page with one short line of text is not blank', async () => {
  const v = await verdict(await pagePng({ lines: ['Vu et approuvé'], ...A4_200, top: 1500 }, 200));
  assert.not.ok(v.blank, v.reason);
});

pages('a page with only a signature-like stroke is not blank', async () => {
  const stroke = '<path d="M300 1500 C 420 1380, 520 1620, 640 1480 S 860 1420, 980 1530" stroke="#123" stroke-width="6" fill="none"/>';
  const v = await verdict(await pagePng({ lines: [], ...A4_200, extraSvg: stroke }, 200));
  assert.not.ok(v.blank, v.reason);
});

pages('committed samples agree with their ground truth', async () => {
  const folder = 'fixtures/samples/pages';
  if (!existsSync(`${folder}/index.json`)) return;
  const index = JSON.parse(readFileSync(`${folder}/index.json`, 'utf8')) as Array<{ file: string; blank: boolean }>;
  for (const sample of index) {
    const v = await verdict(readFileSync(`${folder}/${sample.file}`));
    assert.is(v.blank, sample.blank, `${sample.file}: ${v.reason}`);
  }
});

pages.run();
