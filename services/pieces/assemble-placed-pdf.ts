import { PDFDocument, drawObject, popGraphicsState, pushGraphicsState, rotateDegrees, scale, translate } from 'pdf-lib';
import type { JpegPlacement } from './place-jpeg-page.ts';

/** pdf-lib reads JPEGs through `new DataView(bytes.buffer)`, ignoring the view's offset: give it its own buffer. */
function standalone(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

/**
 * JPEG pages as one PDF, each embedded byte for byte and drawn cropped and levelled: the PDF page
 * is the kept part's size, and the image is turned about that part's centre, so what a reader sees
 * is what the pixel path would have made (same size, corners beyond the page cut, white behind).
 */
export async function assemblePlacedPdf(placements: readonly JpegPlacement[], options: { title?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  if (options.title) doc.setTitle(options.title);
  doc.setProducer('dossier-unique intake');
  for (const { page, crop, skewAngle, deskew } of placements) {
    const { width, height } = page.image;
    const points = 72 / page.dpi;
    const kept = crop ?? { left: 0, top: 0, width, height };
    const pdfPage = doc.addPage([kept.width * points, kept.height * points]);
    const image = await doc.embedJpg(standalone(page.image.bytes));
    const name = pdfPage.node.newXObject('Im', image.ref);
    // PDF space runs upwards: the kept part's centre, counted from the image's bottom edge
    const centreX = (kept.left + kept.width / 2) * points;
    const centreY = (height - kept.top - kept.height / 2) * points;
    pdfPage.pushOperators(
      pushGraphicsState(),
      translate((kept.width * points) / 2, (kept.height * points) / 2),
      // a clockwise skew is levelled by turning the page back, anticlockwise: a positive angle in PDF space
      rotateDegrees(deskew ? skewAngle : 0),
      translate(-centreX, -centreY),
      scale(width * points, height * points),
      drawObject(name),
      popGraphicsState(),
    );
  }
  return doc.save({ useObjectStreams: true });
}
