export type Pagination = { numero: number; total: number };

// a page number is never zero-padded as a date's day and month are (« 02/08 », a table's date cell)
const K_SUR_N = String.raw`([1-9]\d?)\s*\/\s*([1-9]\d?)`;
const MOTIFS = [
  /\bpage\s*(\d{1,2})\s*(?:\/|sur)\s*(\d{1,2})\b/i,
  // a footer number pushed to the end of a line by the page layout
  new RegExp(String.raw`\S\s{3,}${K_SUR_N}\s*$`, 'm'),
  // a running title's page count after a dash (« Demande de logement social - 2/2 »)
  new RegExp(String.raw`\S\s+[-–]\s*${K_SUR_N}\s*$`, 'm'),
  // a browser's print footer: the page's address, then its page count
  new RegExp(String.raw`\bhttps?:\/\/\S+\s+${K_SUR_N}\s*$`, 'm'),
];
// a lone « 2/3 » line is a header's or a footer's: among the page's first or last lines, not in a table's cells
const SEULE = new RegExp(String.raw`^\s*[-–]?\s*${K_SUR_N}\s*[-–]?\s*$`);
const LIGNES_DE_BORD = 3;

/** The "page k/n" marker of a page text ("Page 2/3", "page 2 sur 3", a lone "2/3" line), if any. */
export function lirePagination(texte: string): Pagination | undefined {
  const lignes = texte.split(/\r?\n/).filter((l) => l.trim() !== '');
  const bords = lignes.length <= 2 * LIGNES_DE_BORD ? lignes : [...lignes.slice(0, LIGNES_DE_BORD), ...lignes.slice(-LIGNES_DE_BORD)];
  const trouves = [...MOTIFS.map((motif) => motif.exec(texte)), ...bords.map((l) => SEULE.exec(l))];
  for (const m of trouves) {
    if (m === null) continue;
    const numero = Number(m[1]);
    const total = Number(m[2]);
    // dates such as 14/12 or 12/2023 are not page numbers
    if (numero >= 1 && total >= numero && total <= 30) return { numero, total };
  }
  return undefined;
}
