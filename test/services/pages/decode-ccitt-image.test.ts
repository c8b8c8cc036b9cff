import sharp from 'sharp';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ccittTiff, decodeCcittImage } from '../../../services/pages/decode-ccitt-image.ts';
import type { PageCcitt } from '../../../services/pages/find-page-image.ts';
import { createImageOps } from '../../../services/pages/image-ops.ts';
import { G3_STREAMS, faxPattern, g4Stream } from './make-inputs.ts';

const images = createImageOps({ concurrency: 2 });
const [width, height] = [61, 23];
const paper = faxPattern(width, height);
const negative = Buffer.from(paper.map((v) => 255 - v));

const ccitt = (bytes: Buffer, more: Partial<PageCcitt> = {}): PageCcitt => ({
  kind: 'ccitt',
  bytes,
  width,
  height,
  k: -1,
  endOfLine: false,
  byteAlign: false,
  blackIs1: false,
  inverted: false,
  dpi: 200,
  ...more,
});

/** The tag values of the first directory of a little-endian TIFF (first value of each). */
function tags(tiff: Buffer): Map<number, number> {
  const directory = tiff.readUInt32LE(4);
  const out = new Map<number, number>();
  for (let i = 0, n = tiff.readUInt16LE(directory); i < n; i++) {
    const at = directory + 2 + i * 12;
    out.set(tiff.readUInt16LE(at), tiff.readUInt16LE(at + 2) === 3 ? tiff.readUInt16LE(at + 8) : tiff.readUInt32LE(at + 8));
  }
  return out;
}

const wrap = suite('ccittTiff');

wrap('one strip holding the stream as it is, one bit a sample, as tall as the image', async () => {
  const stream = await g4Stream(paper, width, height);
  const tiff = ccittTiff(ccitt(stream));
  const t = tags(tiff);
  assert.equal([t.get(256), t.get(257), t.get(258), t.get(259), t.get(277), t.get(278), t.get(279)], [width, height, 1, 4, 1, height, stream.length]);
  assert.ok(tiff.subarray(t.get(273)!).equals(stream));
  assert.is(t.has(292), false, 'no T4Options for Group 4');
  const meta = await sharp(tiff).metadata();
  assert.equal([meta.format, meta.width, meta.height, meta.channels], ['tiff', width, height, 1]);
});

wrap('Group 3: with end-of-line codes T.4 (2-D bit when K > 0, fill bit when byte-aligned), else Modified Huffman', () => {
  const t4 = (more: Partial<PageCcitt>) => {
    const t = tags(ccittTiff(ccitt(Buffer.alloc(4), more)));
    return [t.get(259), t.get(292)];
  };
  assert.equal(t4({ k: 0, endOfLine: true }), [3, 0]);
  assert.equal(t4({ k: 4, endOfLine: true }), [3, 1]);
  assert.equal(t4({ k: 4, endOfLine: true, byteAlign: true }), [3, 5]);
  assert.equal(t4({ k: 0, byteAlign: true }), [2, undefined]);
});

wrap('white runs are painted white unless BlackIs1 or Decode [1 0] (not both) says otherwise', () => {
  const photometric = (blackIs1: boolean, inverted: boolean) => tags(ccittTiff(ccitt(Buffer.alloc(4), { blackIs1, inverted }))).get(262);
  assert.equal([photometric(false, false), photometric(true, true), photometric(true, false), photometric(false, true)], [0, 0, 1, 1]);
});

wrap.run();

const decode = suite('decodeCcittImage');

decode('Group 4 from libtiff: the page as it was coded, one byte a pixel', async () => {
  const grey = await decodeCcittImage(ccitt(await g4Stream(paper, width, height)), images);
  assert.equal([grey?.width, grey?.height, grey?.channels], [width, height, 1]);
  assert.ok(grey!.data.equals(paper));
});

decode('BlackIs1 and Decode [1 0]: black stays black as a PDF viewer paints it', async () => {
  const stream = await g4Stream(paper, width, height);
  const pixels = async (blackIs1: boolean, inverted: boolean) => (await decodeCcittImage(ccitt(stream, { blackIs1, inverted }), images))!.data;
  assert.ok((await pixels(true, true)).equals(paper), 'BlackIs1 with Decode [1 0]: white runs white');
  assert.ok((await pixels(true, false)).equals(negative), 'BlackIs1 alone: white runs are samples of 0, black');
  assert.ok((await pixels(false, true)).equals(negative), 'Decode [1 0] alone: samples of 1 painted black');
});

decode('Group 3 streams coded by Ghostscript: one- and two-dimensional, end-of-line codes, byte-aligned rows', async () => {
  for (const { parms, stream } of G3_STREAMS) {
    if (!parms.EndOfLine && !parms.EncodedByteAlign) continue; // rows libtiff cannot find: refused before
    const image = ccitt(stream, { k: parms.K as number, endOfLine: parms.EndOfLine === true, byteAlign: parms.EncodedByteAlign === true });
    const grey = await decodeCcittImage(image, images);
    assert.ok(grey?.data.equals(paper), JSON.stringify(parms));
  }
});

decode('a broken, truncated, empty or too short stream: null, for pdfjs to render', async () => {
  const stream = await g4Stream(paper, width, height);
  const flipped = Buffer.from(stream);
  for (let i = 8; i < flipped.length; i += 16) flipped[i] = flipped[i]! ^ 0xff;
  assert.is(await decodeCcittImage(ccitt(Buffer.from('not a fax stream at all, just text')), images), null);
  assert.is(await decodeCcittImage(ccitt(flipped), images), null);
  assert.is(await decodeCcittImage(ccitt(stream.subarray(0, stream.length >> 1)), images), null);
  assert.is(await decodeCcittImage(ccitt(Buffer.alloc(0)), images), null);
  assert.is(await decodeCcittImage(ccitt(stream, { height: height * 3 }), images), null);
});

decode.run();
