/**
 * Whether a page text was read from an upside-down image. OCR of a page turned 180° gives
 * look-alike glyphs in reverse order: a machine-readable zone's `<<<<` fillers come out as `>>>>`,
 * and French function words as their turned shapes (`de` → `ap`, `du` → `np`, `des` → `sap`).
 * Such text carries no usable evidence: its words must not be read as a document's.
 */
export function lectureRetournee(texte: string): boolean {
  const lignes = texte.split(/\r?\n/).map((l) => l.replace(/\s/g, ''));
  // a turned machine-readable zone: long runs of `>` and none of `<`
  const zoneRetournee = lignes.some((l) => />{6,}/.test(l)) && !lignes.some((l) => /<{4,}/.test(l));
  if (zoneRetournee) return true;
  const mots = texte.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const retournes = mots.filter((m) => MOTS_RETOURNES.has(m)).length;
  const droits = mots.filter((m) => MOTS_OUTILS.has(m)).length;
  return retournes >= 4 && retournes > 2 * droits;
}

const MOTS_OUTILS = new Set(['de', 'du', 'des', 'le', 'la', 'les', 'et', 'en', 'au']);
// `de`, `du`, `des`, `le`, `la`, `les` and `et` turned 180°, as tesseract reads them (not `1a`: a common slip for an upright `la`)
const MOTS_RETOURNES = new Set(['ap', 'np', 'sap', 'aj', 'ej', 'saj', 'ja']);
