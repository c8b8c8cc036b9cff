/**
 * Whether a line reads as a heading: mostly capitals, or opening so before a dash or a colon
 * (« LIVRET DE FAMILLE - copie des pages Enfants »), and not a letter's subject or reference line.
 */
export function estLigneDeTitre(ligne: string): boolean {
  if (/^\s*(objet|ob[jl]et|r[ée]f[ée]rence|r[ée]f\.?)\s*:/i.test(ligne)) return false;
  const tete = ligne.split(/\s[-–—:]\s/)[0] ?? '';
  return enCapitales(ligne) || (tete.trim().split(/\s+/).length >= 2 && enCapitales(tete));
}

function enCapitales(texte: string): boolean {
  const lettres = [...texte].filter((c) => /\p{L}/u.test(c));
  const majuscules = lettres.filter((c) => c === c.toUpperCase()).length;
  return lettres.length > 0 && majuscules / lettres.length >= 0.7;
}
