export type Pagination = { numero: number; total: number };

const MOTIFS = [
  /\bpage\s*(\d{1,2})\s*(?:\/|sur)\s*(\d{1,2})\b/i,
  /^\s*[-–]?\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*[-–]?\s*$/m,
  // a footer number pushed to the end of a line by the page layout
  /\S\s{3,}(\d{1,2})\s*\/\s*(\d{1,2})\s*$/m,
  // a browser's print footer: the page's address, then its page count
  /\bhttps?:\/\/\S+\s+(\d{1,2})\s*\/\s*(\d{1,2})\s*$/m,
];

/** The "page k/n" marker of a page text ("Page 2/3", "page 2 sur 3", a lone "2/3" line), if any. */
export function lirePagination(texte: string): Pagination | undefined {
  for (const motif of MOTIFS) {
    const m = motif.exec(texte);
    if (m === null) continue;
    const numero = Number(m[1]);
    const total = Number(m[2]);
    // dates such as 14/12 or 12/2023 are not page numbers
    if (numero >= 1 && total >= numero && total <= 30) return { numero, total };
  }
  return undefined;
}
