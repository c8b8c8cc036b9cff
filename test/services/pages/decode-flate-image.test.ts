import { deflateSync, inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeFlateImage, unfilterPngRows, unpackGrey } from '../../../services/pages/decode-flate-image.ts';
import type { PageFlate } from '../../../services/pages/find-page-image.ts';
import { seededRandom } from './make-inputs.ts';

const unpack = suite('unpackGrey');

// 10×3, two bytes a row: the last 6 bits of each row are padding, set against the row's pixels
const TEN_BY_THREE = Uint8Array.from([
  0b10101010,
  0b10111111, // 1010101010
  0b00000000,
  0b00111111, // 0000000000
  0b11111111,
  0b11000000, // 1111111111
]);

unpack('1 bit: 0 is black, 1 is white, the row padding is skipped', () => {
  const grey = unpackGrey(TEN_BY_THREE, 10, 3, 1, false);
  assert.equal([grey.width, grey.height, grey.channels], [10, 3, 1]);
  assert.equal([...grey.data.subarray(0, 10)], [255, 0, 255, 0, 255, 0, 255, 0, 255, 0]);
  assert.equal([...grey.data.subarray(10, 20)], Array(10).fill(0));
  assert.equal([...grey.data.subarray(20, 30)], Array(10).fill(255));
});

unpack('1 bit with Decode [1 0]: 1 is black', () => {
  const grey = unpackGrey(TEN_BY_THREE, 10, 3, 1, true);
  assert.equal([...grey.data.subarray(0, 10)], [0, 255, 0, 255, 0, 255, 0, 255, 0, 255]);
  assert.equal([...grey.data.subarray(20, 30)], Array(10).fill(0));
});

unpack('1 bit: whole bytes of paper or ink read as bit by bit', () => {
  const random = seededRandom(7);
  const [width, height] = [37, 5];
  const stride = Math.ceil(width / 8);
  const rows = Uint8Array.from({ length: stride * height }, () => [0, 0xff, Math.floor(random() * 256)][Math.floor(random() * 3)]!);
  const expected = Array.from({ length: width * height }, (_, i) => {
    const [x, y] = [i % width, Math.floor(i / width)];
    return (rows[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
  });
  assert.equal([...unpackGrey(rows, width, height, 1, false).data], expected);
});

unpack('8 bits: one byte a pixel, inverted by Decode [1 0]', () => {
  const rows = Uint8Array.from([0, 100, 255, 7, 8, 9]);
  assert.equal([...unpackGrey(rows, 3, 2, 8, false).data], [0, 100, 255, 7, 8, 9]);
  assert.equal([...unpackGrey(rows, 3, 2, 8, true).data], [255, 155, 0, 248, 247, 246]);
});

unpack.run();

const png = suite('unfilterPngRows');

png('each filter type, by hand: [10 20 30] then [15 25 40]', () => {
  const first = [1, 10, 10, 10]; // Sub
  const second = { up: [2, 5, 5, 10], average: [3, 10, 8, 13], paeth: [4, 5, 5, 10], none: [0, 15, 25, 40] };
  for (const [name, row] of Object.entries(second)) {
    assert.equal([...unfilterPngRows(Uint8Array.from([...first, ...row]), 3, 2)!], [10, 20, 30, 15, 25, 40], name);
  }
  assert.equal([...unfilterPngRows(Uint8Array.from([1, 250, 10, 0]), 3, 1)!], [250, 4, 4], 'sums wrap at 256');
});

png('an unknown filter type or a wrong length: null', () => {
  assert.is(unfilterPngRows(Uint8Array.from([5, 1, 2, 3]), 3, 1), null);
  assert.is(unfilterPngRows(Uint8Array.from([0, 1, 2]), 3, 1), null);
});

png('rows filtered by libpng (adaptive filtering) come back as the pixels', async () => {
  const random = seededRandom(3);
  const [width, height] = [61, 23];
  const pixels = Buffer.from(Array.from({ length: width * height }, (_, i) => ((i % width) * 4 + Math.floor(random() * 9)) & 0xff));
  const file = await sharp(pixels, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .png({ adaptiveFiltering: true, compressionLevel: 9 })
    .toBuffer();
  const idat: Buffer[] = [];
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at);
    if (file.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(file.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const filtered = inflateSync(Buffer.concat(idat));
  const types = new Set(Array.from({ length: height }, (_, y) => filtered[y * (width + 1)]));
  assert.ok(types.size > 1, `several filter types used: ${[...types]}`);
  assert.ok(unfilterPngRows(filtered, width, height)!.equals(pixels));
});

png.run();

const decode = suite('decodeFlateImage');

const flate = (bytes: Uint8Array, more: Partial<PageFlate> = {}): PageFlate => ({
  kind: 'flate',
  bytes: Buffer.from(bytes),
  width: 10,
  height: 3,
  bitsPerComponent: 1,
  pngPredictor: false,
  inverted: false,
  dpi: 200,
  ...more,
});

decode('inflates and unpacks the rows', () => {
  const grey = decodeFlateImage(flate(deflateSync(TEN_BY_THREE)));
  assert.ok(grey);
  assert.equal([...grey!.data.subarray(0, 10)], [255, 0, 255, 0, 255, 0, 255, 0, 255, 0]);
});

decode('PNG-filtered rows (Predictor ≥ 10): unfiltered first', () => {
  // row 1 filtered Up: 0x56 + 0xaa and 0x80 + 0xbf give back 0x00 0x3f (mod 256)
  const filtered = Uint8Array.from([0, 0xaa, 0xbf, 2, 0x56, 0x80, 0, 0xff, 0xc0]);
  const grey = decodeFlateImage(flate(deflateSync(filtered), { pngPredictor: true }));
  assert.ok(grey?.data.equals(unpackGrey(TEN_BY_THREE, 10, 3, 1, false).data));
});

decode('rows missing, rows too many, a broken or truncated stream: null, for pdfjs to render', () => {
  assert.is(decodeFlateImage(flate(deflateSync(TEN_BY_THREE.subarray(0, 4)))), null);
  assert.is(decodeFlateImage(flate(deflateSync(Buffer.concat([TEN_BY_THREE, TEN_BY_THREE])))), null);
  assert.is(decodeFlateImage(flate(Buffer.from('not a zlib stream'))), null);
  const whole = deflateSync(Buffer.alloc(2 * 3000, 0x5a));
  assert.is(decodeFlateImage(flate(whole.subarray(0, whole.length - 6), { width: 16, height: 3000 })), null);
});

decode('a stream inflating far beyond its rows stops at the declared size', () => {
  const bomb = deflateSync(Buffer.alloc(50_000_000));
  const started = performance.now();
  assert.is(decodeFlateImage(flate(bomb, { width: 16, height: 3 })), null);
  assert.ok(performance.now() - started < 200);
});

decode.run();
