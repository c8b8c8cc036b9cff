import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { keepDarkestPrint } from '../../../services/pages/keep-darkest-print.ts';
import type { GreyPixels } from '../../../services/pages/page-types.ts';

// A 200×60 zone on paper (245): a line of black strokes (20) and a grey stamp's frame and letters (130) across them.
function stamped(): GreyPixels {
  const width = 200;
  const height = 60;
  const data = Buffer.alloc(width * height, 245);
  for (let c = 0; c < 12; c++) for (let y = 20; y < 40; y++) for (let x = 10 + c * 15; x < 14 + c * 15; x++) data[y * width + x] = 20;
  for (let x = 60; x < 190; x++) for (const y of [10, 11, 50, 51]) data[y * width + x] = 130;
  for (let y = 10; y < 52; y++) for (let x = 100; x < 150; x += 7) data[y * width + x] = 130;
  return { data, width, height, channels: 1 };
}

test("a stamp's paler print is whitened, the number's strokes under it are kept as they were", () => {
  const zone = stamped();
  const kept = keepDarkestPrint(zone);
  assert.is(kept.data[10 * zone.width + 80], 255, "the stamp's frame");
  assert.is(kept.data[45 * zone.width + 100], 255, "the stamp's letters");
  assert.is(kept.data[30 * zone.width + 11], 20, 'a stroke');
  assert.is(kept.data[30 * zone.width + 101], 20, 'a stroke under the stamp');
  assert.is(zone.data[10 * zone.width + 80], 130, 'the zone given is left as it was');
});

test('a zone of print alone keeps all its print, and its paper is made white', () => {
  const zone = stamped();
  for (let i = 0; i < zone.data.length; i++) if (zone.data[i] === 130) zone.data[i] = 245;
  const kept = keepDarkestPrint(zone);
  for (let i = 0; i < zone.data.length; i++) assert.is(kept.data[i], zone.data[i] === 20 ? 20 : 255);
});

test.run();
