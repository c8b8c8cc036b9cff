/** Whether a line reads as a heading: mostly capitals, and not a letter's subject or reference line. */
export function estLigneDeTitre(ligne: string): boolean {
  if (/^\s*(objet|ob[jl]et|r[ée]f[ée]rence|r[ée]f\.?)\s*:/i.test(ligne)) return false;
  const lettres = [...ligne].filter((c) => /\p{L}/u.test(c));
  const majuscules = lettres.filter((c) => c === c.toUpperCase()).length;
  return lettres.length > 0 && majuscules / lettres.length >= 0.7;
}
