/** A date of a machine-readable zone as written (`YYMMDD`), and whether its check digit holds. */
export type DateMrz = { date: string; controlee: boolean };
export type DatesMrz = { naissance: DateMrz; expiration: DateMrz; ligne: string };

// ICAO 9303: on a passport's (TD3) and a card's (TD1) last line, the birth date, its check digit, the sex, the expiry
// date and its check digit follow each other; what comes before them (document number, nationality) OCR often
// shortens by a filler, so the dates are found by their own shape.
const DATES = /(\d{6})(\d)[MFX<](\d{6})(\d)/;

/**
 * The lines of a text that may be a machine-readable zone's: 28 or more of its characters, spaces taken out. A card
 * copied beside its other side reads as lines that join a printed field to a zone line (« Date of birth 1404030F2809… »):
 * the part after the field's last sign is the zone's when it holds fillers (pure).
 */
export function lignesMrz(texte: string): string[] {
  return texte.split(/\r?\n/).flatMap((ligne) => {
    const l = ligne.replace(/\s/g, '').toUpperCase();
    if (/^[A-Z0-9<]{28,}$/.test(l)) return [l];
    const fin = /[A-Z0-9<]{28,}$/.exec(l)?.[0];
    return fin?.includes('<<') ? [fin] : [];
  });
}

/** The dates of the first machine-readable zone line of a text that holds them (pure). */
export function datesMrz(texte: string): DatesMrz | undefined {
  for (const ligne of lignesMrz(texte)) {
    const m = DATES.exec(ligne);
    if (m === null) continue;
    const [, naissance = '', controleNaissance, expiration = '', controleExpiration] = m;
    return {
      naissance: { date: naissance, controlee: chiffreControle(naissance) === Number(controleNaissance) },
      expiration: { date: expiration, controlee: chiffreControle(expiration) === Number(controleExpiration) },
      ligne,
    };
  }
  return undefined;
}

function chiffreControle(chiffres: string): number {
  const poids = [7, 3, 1];
  return [...chiffres].reduce((s, c, i) => s + Number(c) * (poids[i % 3] ?? 1), 0) % 10;
}
