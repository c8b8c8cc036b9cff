// a surname as French documents print it, in capitals (« GIRARD », « SAINT-CYR »), and a prénom with its capital only
const NOM = /^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+$/u;
const PRENOM = /^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:[-'’][A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ]+)*$/u;

// a civility or a title before a surname is no prénom
const CIVILITES = new Set(['MADAME', 'MONSIEUR', 'MADEMOISELLE', 'MME', 'MLLE', 'DOCTEUR', 'MAITRE']);

// as `identitePliee` folds the registry's names: capitals without accents, letters only
const plier = (mot: string) =>
  mot
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');

/**
 * The persons a text may name, as documents write them: a surname in capitals beside a prénom,
 * either way round (« Madame GIRARD Éloïse », « Éloïse GIRARD »), folded as the registry folds
 * names (`identitePliee`): what to look the registry up by. Pure.
 */
export function personnesEcrites(texte: string): Array<{ nom: string; prenom: string }> {
  const trouvees = new Map<string, { nom: string; prenom: string }>();
  for (const ligne of texte.split(/\r?\n/)) {
    const mots = ligne.split(/[\s,;:()«»"]+/).filter((m) => m !== '');
    for (let i = 0; i + 1 < mots.length; i++) {
      const [a, b] = [mots[i]!, mots[i + 1]!];
      const paire =
        NOM.test(a) && PRENOM.test(b) ? { nom: plier(a), prenom: plier(b) } : PRENOM.test(a) && NOM.test(b) ? { nom: plier(b), prenom: plier(a) } : null;
      if (paire && paire.nom.length >= 2 && paire.prenom.length >= 2 && !CIVILITES.has(paire.prenom)) trouvees.set(`${paire.nom}|${paire.prenom}`, paire);
    }
  }
  return [...trouvees.values()];
}

/** Whether a text writes a person as documents do, surname in capitals beside the first prénom (« MORIN Karim »). Pure. */
export function ecritLaPersonne(texte: string, personne: { nom: string; prenom?: string | null }): boolean {
  return parmiLesEcrites(personnesEcrites(texte), personne);
}

/** `ecritLaPersonne` on a text's persons already found (`personnesEcrites`), to look several persons up in one text. Pure. */
export function parmiLesEcrites(ecrites: ReadonlyArray<{ nom: string; prenom: string }>, personne: { nom: string; prenom?: string | null }): boolean {
  const prenom = plier((personne.prenom ?? '').trim().split(/[\s,]+/)[0] ?? '');
  return prenom !== '' && ecrites.some((p) => p.nom === plier(personne.nom) && p.prenom === prenom);
}
