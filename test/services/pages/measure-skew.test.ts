import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { darkLevel, inkThreshold, paperLevel } from '../../../services/pages/grey-levels.ts';
import { measureSkew } from '../../../services/pages/measure-skew.ts';
import type { GreyPixels } from '../../../services/pages/page-types.ts';
import { bodyLines, pageSvg } from './make-inputs.ts';

/** A 150-dpi page of text turned `degrees` clockwise, as grey pixels. */
async function skewedPage(degrees: number, lines = bodyLines): Promise<GreyPixels> {
  const svg = pageSvg({ lines, width: 1240, height: 1754 });
  const turned = await sharp(await sharp(svg).png().toBuffer())
    .rotate(degrees, { background: '#fff' })
    .png()
    .toBuffer();
  const { data, info } = await sharp(turned).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 1 };
}

const skew = suite('measureSkew');

for (const angle of [-4.5, -1.2, 0, 0.4, 2, 3.7]) {
  skew(`finds ${angle}° within 0.15°`, async () => {
    const measure = measureSkew(await skewedPage(angle));
    assert.ok(Math.abs(measure.angle - angle) <= 0.15, `measured ${measure.angle}`);
    assert.ok(measure.confidence > 0.2, `confidence ${measure.confidence}`);
  });
}

skew('a single line of text is enough', async () => {
  const measure = measureSkew(await skewedPage(1.5, ['Vu et approuvé, le 3 mai 2025 à Metz']));
  assert.ok(Math.abs(measure.angle - 1.5) <= 0.3, `measured ${measure.angle}`);
});

skew('a blank page: angle 0, no confidence', () => {
  const blank: GreyPixels = { data: Buffer.alloc(400 * 600, 250), width: 400, height: 600, channels: 1 };
  assert.equal(measureSkew(blank), { angle: 0, confidence: 0 });
});

skew.run();

const levels = suite('paperLevel and inkThreshold');

levels('paper is the commonest bright grey; ink sits well below it', () => {
  const histogram = new Uint32Array(256);
  histogram[242] = 1000;
  histogram[30] = 200;
  histogram[215] = 300; // show-through
  assert.is(paperLevel(histogram), 242);
  const threshold = inkThreshold(242, darkLevel(histogram));
  assert.ok(threshold < 215 && threshold > 30);
});

levels('faint print counts as ink; faint show-through does not', () => {
  assert.is(inkThreshold(207, 153), 180); // low-contrast print at 153 on 207
  assert.ok(inkThreshold(246, 232) < 232 - 5); // show-through 14 levels under the paper
  assert.is(inkThreshold(250, 0), 250 - 70);
});

levels.run();
