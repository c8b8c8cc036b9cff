import fs from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { sniffFormat } from './extract-pages.ts';

/**
 * How many pages a file will give, known before any page is read: a PDF's page tree, a TIFF's
 * directories, one for an image; null when the file cannot tell (broken, unsupported), in which
 * case its reading says why.
 */
export async function countPages(chemin: string): Promise<number | null> {
  try {
    const handle = await fs.open(chemin);
    const head = Buffer.alloc(4100);
    try {
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
    const format = await sniffFormat(head);
    if (format === 'jpeg' || format === 'png') return 1;
    if (format === 'tiff') return (await sharp(chemin, { pages: -1 }).metadata()).pages ?? 1;
    const pdf = await PDFDocument.load(await fs.readFile(chemin), { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    return pdf.getPageCount();
  } catch {
    return null;
  }
}

/** The pages of files read in sequence, or null when one of them cannot tell. */
export async function countLotPages(chemins: string[]): Promise<number | null> {
  let total = 0;
  for (const chemin of chemins) {
    const n = await countPages(chemin);
    if (n === null) return null;
    total += n;
  }
  return total;
}
