import sharp from 'sharp';

/** A one-page scan-like JPEG (A4 at 100 dpi) with the given lines of text, for upload tests. */
export async function textPageJpeg(lines: string[], options: { width?: number; height?: number } = {}): Promise<Buffer> {
  const width = options.width ?? 827;
  const height = options.height ?? 1169;
  const text = lines
    .map(
      (line, i) => `<text x="60" y="${120 + i * 34}" font-family="DejaVu Sans" font-size="22">${line.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).grayscale().jpeg({ quality: 80 }).withDensity(100).toBuffer();
}
