import fs from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { sniffFormat } from './extract-pages.ts';

// a PDF is parsed whole to count its pages: past this size the total waits for the reading
const maxPdfBytes = 256 * 1024 * 1024;

/**
 * How many pages a file will give, known before any page is read: a PDF's page tree, a TIFF's
 * directories, one for an image; null when the file cannot tell (broken, unsupported, a PDF too
 * large to parse twice), in which case its reading counts them.
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
    // file-type needs more than a file's head to tell a TIFF (it reads its directory): its magic number does
    const tiff = head.subarray(0, 4).equals(Buffer.from('II*\0', 'latin1')) || head.subarray(0, 4).equals(Buffer.from('MM\0*', 'latin1'));
    const format = tiff ? 'tiff' : await sniffFormat(head);
    if (format === 'jpeg' || format === 'png') return 1;
    if (format === 'tiff') return (await sharp(chemin, { pages: -1 }).metadata()).pages ?? 1;
    if ((await fs.stat(chemin)).size > maxPdfBytes) return null;
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
