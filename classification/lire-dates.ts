/** A calendar date read in a text, with where it was found. */
export type DateLue = { iso: string; debut: number; fin: number };

const MOIS: Readonly<Record<string, number>> = {
  janvier: 1,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
};
// Letters OCR reads for digits, mapped only next to a digit so that words stay words.
const CHIFFRES_OCR: Readonly<Record<string, string>> = { O: '0', o: '0', D: '0', I: '1', l: '1', '|': '1', S: '5', B: '8' };

const NUMERIQUE = /(?<![\d])(\d{1,2})\s?([./-]|\s)\s?(\d{1,2})\2\s?(\d{4})(?!\d)/g;
const EN_LETTRES = /(?<![\d])(\d{1,2})(?:er)?\s+([a-z]{3,9})\s+(\d{4})(?!\d)/g;

/**
 * Every date written in a text (`14/12/2015`, `14.12.2015`, `14-12-2015`, `14 12 2015`,
 * `1er mars 2031`), in order, as ISO `YYYY-MM-DD`; impossible dates are ignored. Positions refer to
 * the text as given, which may hold OCR slips such as `l4/O3/2031`.
 */
export function lireDates(texte: string): DateLue[] {
  const lisible = sansAccents(chiffresOcr(texte)).toLowerCase();
  const dates: DateLue[] = [];
  for (const m of lisible.matchAll(NUMERIQUE)) {
    const iso = dateIso(Number(m[4]), Number(m[3]), Number(m[1]));
    if (iso !== undefined) dates.push({ iso, debut: m.index, fin: m.index + m[0].length });
  }
  for (const m of lisible.matchAll(EN_LETTRES)) {
    const iso = dateIso(Number(m[3]), MOIS[m[2] ?? ''] ?? 0, Number(m[1]));
    if (iso !== undefined) dates.push({ iso, debut: m.index, fin: m.index + m[0].length });
  }
  return dates.sort((a, b) => a.debut - b.debut);
}

/** The first date written shortly after a label matched by `libelle` (same or next line). */
export function dateApresLibelle(texte: string, libelle: RegExp, portee = 60): { iso: string; extrait: string } | undefined {
  const lisible = sansAccents(texte).toLowerCase();
  const dates = lireDates(texte);
  const motif = new RegExp(libelle.source, libelle.flags.includes('g') ? libelle.flags : `${libelle.flags}g`);
  for (const m of lisible.matchAll(motif)) {
    const finLibelle = m.index + m[0].length;
    const date = dates.find((d) => d.debut >= finLibelle && d.debut - finLibelle <= portee);
    if (date !== undefined) return { iso: date.iso, extrait: texte.slice(m.index, date.fin).replace(/\s+/g, ' ') };
  }
  return undefined;
}

/** `YYYY-MM-DD` when the day exists in the calendar, else undefined. */
export function dateIso(annee: number, mois: number, jour: number): string | undefined {
  const d = new Date(Date.UTC(annee, mois - 1, jour));
  const existe = annee >= 1900 && annee <= 2199 && d.getUTCMonth() === mois - 1 && d.getUTCDate() === jour;
  return existe ? d.toISOString().slice(0, 10) : undefined;
}

// Same length as the input so that positions line up.
function chiffresOcr(texte: string): string {
  return texte.replace(/[OoDIl|SB]/g, (c, i: number) => {
    const voisinChiffre = /\d/.test(texte[i - 1] ?? '') || /\d/.test(texte[i + 1] ?? '');
    return voisinChiffre ? (CHIFFRES_OCR[c] ?? c) : c;
  });
}

// One character per character (combining marks dropped after NFD would shift positions).
function sansAccents(texte: string): string {
  return [...texte].map((c) => (c.length === 1 ? c.normalize('NFD').charAt(0) : c)).join('');
}
