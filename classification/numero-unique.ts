import { distanceEdition } from './distance-edition.ts';

/** The numéro unique of a demande, block by block: `DDD MMYY NNNNNN GGGGG`. */
export type NumeroUnique = {
  departement: string;
  mois: string;
  annee: string;
  sequence: string;
  guichet: string;
};

export type ResultatNumeroUnique = { ok: true; value: NumeroUnique; canonical: string; compact: string } | { ok: false; reason: string };

const LONGUEUR = 18;
// Block boundaries in the compact form: département, mois, année, séquence, guichet.
const BLOCS = [
  { nom: 'département', debut: 0, fin: 3 },
  { nom: 'mois et année', debut: 3, fin: 7 },
  { nom: 'séquence', debut: 7, fin: 13 },
  { nom: 'code guichet', debut: 13, fin: 18 },
] as const;
// Positions that must hold digits (the third département character may be A/B for Corsica).
const POSITIONS_NUMERIQUES = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
const SEPARATEURS = /[\s.\-‐‑‒–—/_,·:]+/u;
const DATES = /\b\d{1,2}([/.])\d{1,2}\1\d{2,4}\b|\b(?:0[1-9]|1[0-2])\/(?:19|20)\d{2}\b/g;
const DEPARTEMENTS_OUTRE_MER = new Set(['971', '972', '973', '974', '975', '976']);

// Characters OCR reads in place of digits; only applied where a digit is expected.
const CONFUSIONS_OCR: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  Q: '0',
  D: '0',
  I: '1',
  l: '1',
  i: '1',
  '|': '1',
  '!': '1',
  Z: '2',
  z: '2',
  S: '5',
  s: '5',
  G: '6',
  b: '6',
  B: '8',
  g: '9',
  q: '9',
};

/**
 * Reads a numéro unique typed by a person (spaces, dots, dashes, slashes or nothing between blocks)
 * or, with `ocr: true`, read by OCR (letters confused with digits are mapped in numeric blocks only).
 * A failure carries a French reason a guichet can act on.
 */
export function parseNumeroUnique(input: string, options: { ocr?: boolean } = {}): ResultatNumeroUnique {
  const texte = input.trim();
  if (texte === '') return echec('numéro unique vide');
  const interdit = caractereInterdit(texte, options.ocr === true);
  if (interdit !== undefined) return echec(`caractère « ${interdit} » non admis dans un numéro unique`);
  const blocs = texte.split(SEPARATEURS);
  const compactBrut = blocs.join('');
  if (compactBrut.length !== LONGUEUR) {
    return echec(raisonLongueur(blocs, compactBrut.length));
  }
  const compact = options.ocr === true ? corrigerOcr(compactBrut) : compactBrut.toUpperCase();
  // After OCR mapping, reasons quote the mapped form: the letters left are the real problem.
  return valider(compact, options.ocr === true ? compact : compactBrut);
}

/** Canonical form: the four blocks separated by single spaces, e.g. `057 1215 073903 10691`. */
export function formatNumeroUnique(nu: NumeroUnique): string {
  return `${nu.departement} ${nu.mois}${nu.annee} ${nu.sequence} ${nu.guichet}`;
}

/** The 18 characters without separators, e.g. `057121507390310691` (the form used in URLs). */
export function compactNumeroUnique(nu: NumeroUnique): string {
  return `${nu.departement}${nu.mois}${nu.annee}${nu.sequence}${nu.guichet}`;
}

/**
 * Edit distance (Levenshtein) between the compact forms of two numéros uniques; `1` means
 * "one character off". Strings that do not parse are compared after removing separators.
 */
export function distanceNumeroUnique(a: string | NumeroUnique, b: string | NumeroUnique): number {
  return distanceEdition(versCompact(a), versCompact(b));
}

/**
 * Every numéro unique that can be read in a free text (OCR output of a whole page), in canonical
 * form, de-duplicated, in order of appearance. Tolerates separators and OCR noise between
 * characters of one line, a number wrapped over two lines and OCR confusions in numeric blocks.
 */
export function findNumeroUniqueCandidates(text: string): string[] {
  const trouves: string[] = [];
  const lignes = lignesSansDates(text);
  for (const ligne of [...lignes, ...lignesRecousues(lignes), ...blocsEmpiles(lignes)]) {
    // a number written one character per box reads with the boxes' sides as bars between its
    // characters; two sides close together (a narrow box, the form's dash between boxes) read as a
    // « 1 » or a dash between bars, and a side's serif as a quote mark: ruling too
    const lectures = ligne.includes('|') ? [ligne, ligne.replaceAll('|', ' '), sansRegles(ligne)] : [ligne];
    // each block in its own pill or bracket reads with brackets round it: (045 )-(1221 )-…
    if (/[()[\]{}]/.test(ligne)) lectures.push(ligne.replace(/\s*[()[\]{}]\s*/g, ' '));
    for (const chaine of lectures.flatMap(chainesDeMots).flatMap(sansTraitInitial)) {
      for (const candidat of lireChaine(chaine)) {
        if (!trouves.includes(candidat)) trouves.push(candidat);
      }
    }
  }
  return trouves;
}

// The start of a number standing on its own: département and month-year, compact (7 digits) or in
// blocks, with or without the sequence (its last digit or two torn off with the guichet's code), its end lost. A run of another length (a phone number, an
// identifier) is no such start, nor is the middle of an identifier whose dashes join it to digits before
// (a card number `590-0300855-36`).
// (Corsica's départements, 02A and 02B, start with a letter's block)
const DEBUT_DE_NUMERO = /(?<![\dA-Za-z])(?<!\d[.-])(\d{3}|02[AB])[\s.-]*(\d{2})(\d{2})(?:[\s.-]*\d{4,6})?(?![\dA-Za-z])/g;

// A start of a number ending its line: a narrow column or a margin wrapped the number there; its
// département alone only right after the number's label (« n° unique : 013 »), where nothing else stands.
const DEBUT_EN_FIN_DE_LIGNE = /(?<![\dA-Za-z])(?:\d{3}|02[AB])[\s.-]*\d{4}(?:[\s.-]*\d{6})?[\s.-]*$/;
const DEPARTEMENT_EN_FIN_DE_LIGNE = /(?:\bn°|\bnum[ée]ro|\bunique|\bNUR|:)\s*((?:\d{3}|02[AB])[\s.-]*)$/iu;

/**
 * Each number wrapped over two lines (`identifiant : 0300124` then `040306NXH49 (demande…`, or
 * `n° unique : 013` then `0819905938DDT13`) as one line: a line ending with a number's start joined
 * to the next line with text, which must then give the rest of a well-formed number.
 */
function lignesRecousues(lignes: string[]): string[] {
  const recousues: string[] = [];
  for (const [i, ligne] of lignes.entries()) {
    const debut = (DEBUT_EN_FIN_DE_LIGNE.exec(ligne)?.[0] ?? DEPARTEMENT_EN_FIN_DE_LIGNE.exec(ligne)?.[1])?.trim();
    const suite = lignes.slice(i + 1).find((l) => l.trim() !== '');
    if (debut !== undefined && suite !== undefined && /^\s*[A-Za-z0-9]/.test(suite)) recousues.push(`${debut} ${suite.trim()}`);
  }
  return recousues;
}

// The blocks of a number in order, each standing alone at the end of its line (a form's stacked fields)
const BLOCS_SEULS = [/^(?:\d{3}|0?2[AB])$/, /^\d{4}$/, /^\d{6}$/, /^[A-Z0-9]{5}$/];
// lines between two blocks that hold no digit: the next block's caption (« Mois / année », « N° d'ordre »)
const LEGENDES_ENTRE_BLOCS = 2;

/**
 * Each number printed one block per line, under captions (« Département » `086`, « Mois / année »
 * `1022`, « N° d'ordre » `943090`, « Guichet » `CC976`), as one line: the four blocks in order,
 * each the last word of a short line, with nothing but captions between them.
 */
function blocsEmpiles(lignes: string[]): string[] {
  const empiles: string[] = [];
  let blocs: string[] = [];
  let legendes = 0;
  for (const ligne of lignes.map((l) => l.trim()).filter((l) => l !== '')) {
    const mots = ligne.split(/\s+/);
    const dernier = mots.at(-1)!.toUpperCase();
    const court = mots.length <= 4;
    if (court && BLOCS_SEULS[blocs.length]!.test(dernier)) {
      blocs.push(dernier);
      legendes = 0;
      if (blocs.length === BLOCS_SEULS.length) {
        empiles.push(blocs.join(' '));
        blocs = [];
      }
    } else if (blocs.length > 0 && !/\d/.test(ligne) && ++legendes <= LEGENDES_ENTRE_BLOCS) {
      // a caption between two blocks
    } else {
      // anything else breaks the run; it may start another
      blocs = court && BLOCS_SEULS[0]!.test(dernier) ? [dernier] : [];
      legendes = 0;
    }
  }
  return empiles;
}

/**
 * The starts of a numéro unique a text shows without its end (`DDD MMYY`, `DDD MMYY NNNNNN`: a torn
 * or cut-off number), compact, département and month checked, box sides and quote marks between
 * blocks taken for spacing. Never a number to file on: evidence that a number was there.
 */
export function debutsDeNumero(text: string): string[] {
  const debuts: string[] = [];
  for (const ligne of lignesSansDates(text).map((l) => l.replace(/[|'‘’`"]+/g, ' '))) {
    for (const m of ligne.matchAll(DEBUT_DE_NUMERO)) {
      if (erreurDepartement(m[1]!, m[1]!) === undefined && erreurMois(m[2]!) === undefined) debuts.push(m[0].replace(/[^\dAB]/g, ''));
    }
  }
  return debuts;
}

// A guichet code standing alone as a word, letters and digits both (`DDT44`, `LIH28`): a word of letters alone is a
// name, of digits alone a postal code, far more often than a code…
const CODE_GUICHET_SEUL = /(?<![\p{L}\d-])(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z\d]{5}(?![\p{L}\d-])/gu;
// …but codes of letters alone are given too (`ALSRV`): any word of five capitals or digits, where the registry will
// have the last word
const MOT_DE_CINQ = /(?<![\p{L}\d-])[A-Z\d]{5}(?![\p{L}\d-])/gu;

/**
 * The numbers a page shows in two parts: its first three blocks whole (`059 0218 208899`) and, elsewhere on the
 * page, a guichet code standing alone (a tape's last block written on the next line, a table's last cell read
 * apart). Each pairing is a candidate only: the registry must know it, and its applicant be named. `registre`: the
 * pairings are for the registry to sort, and a word of letters alone is paired too (a narrow cell wraps `ALSRV`
 * under the number's first blocks); without it, only a code of letters and digits, which no name or town is.
 */
export function numerosRecomposes(text: string, { registre = false } = {}): string[] {
  const debuts = debutsDeNumero(text).filter((d) => d.length === 13);
  const codes = [...new Set([...text.matchAll(registre ? MOT_DE_CINQ : CODE_GUICHET_SEUL)].map((m) => m[0]))];
  const recomposes = debuts.flatMap((d) => codes.map((code) => parseNumeroUnique(`${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)} ${code}`)));
  return [...new Set(recomposes.flatMap((r) => (r.ok ? [r.canonical] : [])))];
}

/**
 * The valid numéros uniques one substitution away from `nu` (canonical forms), so that a caller
 * can fetch them from the registry in one query before a match decision.
 */
export function variantesProches(nu: string): string[] {
  const lu = parseNumeroUnique(nu);
  if (!lu.ok) return [];
  const variantes: string[] = [];
  for (let position = 0; position < LONGUEUR; position++) {
    for (const c of alphabetPosition(position)) {
      if (c === lu.compact[position]) continue;
      const essai = lu.compact.slice(0, position) + c + lu.compact.slice(position + 1);
      const variante = parseNumeroUnique(essai);
      if (variante.ok) variantes.push(variante.canonical);
    }
  }
  return variantes;
}

// Glyphs OCR takes for one another where letters and digits are both allowed (the guichet code).
const GLYPHES_SEMBLABLES = ['0ODQ', '1IL', '5S', '8B', '2Z', '6G'];

/** `nu` with its guichet code's glyphs put in their class (`D0T48`, `DDT48` → one form): two reads that agree on it read one print. */
export function formeGlyphes(nu: string): string {
  const blocs = nu.split(' ');
  const guichet = [...(blocs.pop() ?? '')].map((c) => GLYPHES_SEMBLABLES.find((g) => g.includes(c))?.[0] ?? c).join('');
  return [...blocs, guichet].join(' ');
}

/**
 * The numbers `nu` may be when its guichet code was misread glyph for glyph (`D0T48` for `DDT48`,
 * `DDT8O` for `DDT80`): the code's letters and digits are both legal, so only the registry's list
 * of existing guichet codes can tell which was printed (`matchCouverture`). Canonical forms, `nu`
 * itself excluded; at most 4⁵ − 1.
 */
export function variantesGuichet(nu: string): string[] {
  const lu = parseNumeroUnique(nu);
  if (!lu.ok) return [];
  let codes = [''];
  for (const c of lu.value.guichet) {
    const classe = GLYPHES_SEMBLABLES.find((g) => g.includes(c)) ?? c;
    codes = codes.flatMap((debut) => [...classe].map((g) => debut + g));
  }
  return codes.filter((code) => code !== lu.value.guichet).map((code) => formatNumeroUnique({ ...lu.value, guichet: code }));
}

/**
 * Whether a text prints `nu` (canonical) as a number is printed: its 18 characters run together or
 * split only between its blocks (`080-0125-611874-ALSRV`, `0950923423228ALSRV`), OCR confusions
 * allowed. A number pieced together across a document's other figures (`27 04 2026 4897356330 so`
 * on a residence permit) is not: the lenient reading finds it, its print does not show it.
 */
export function imprimeEnBlocs(texte: string, nu: string): boolean {
  const lu = parseNumeroUnique(nu);
  if (!lu.ok) return false;
  const caractere = (c: string) => {
    const semblables = [c, ...Object.keys(CONFUSIONS_OCR).filter((x) => CONFUSIONS_OCR[x] === c), ...(GLYPHES_SEMBLABLES.find((g) => g.includes(c)) ?? '')];
    return `[${[...new Set(semblables)].map((x) => x.replace(/[\\\]^-]/g, '\\$&')).join('')}]`;
  };
  const blocs = BLOCS.map((b) => [...lu.compact.slice(b.debut, b.fin)].map(caractere).join(''));
  return new RegExp(`(?<![0-9A-Za-z])${blocs.join(`(?:${SEPARATEURS.source})?`)}(?![0-9])`, 'iu').test(texte);
}

// Dates are no part of a number: a table of periods (« 13/07/2025 26/07/2025 AT 14 », « 07/2025
// 08/2025 09/2025 ») would otherwise read as one across its columns.
function lignesSansDates(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.replace(DATES, ' ¤ '));
}

function valider(compact: string, brut: string): ResultatNumeroUnique {
  const nu: NumeroUnique = {
    departement: compact.slice(0, 3),
    mois: compact.slice(3, 5),
    annee: compact.slice(5, 7),
    sequence: compact.slice(7, 13),
    guichet: compact.slice(13, 18),
  };
  const erreur =
    erreurDepartement(nu.departement, brut.slice(0, 3)) ??
    erreurChiffres('mois', nu.mois, brut.slice(3, 5)) ??
    erreurMois(nu.mois) ??
    erreurChiffres('année', nu.annee, brut.slice(5, 7)) ??
    erreurChiffres('séquence', nu.sequence, brut.slice(7, 13)) ??
    erreurGuichet(nu.guichet);
  if (erreur !== undefined) return echec(erreur);
  return { ok: true, value: nu, canonical: formatNumeroUnique(nu), compact: compactNumeroUnique(nu) };
}

function erreurDepartement(departement: string, brut: string): string | undefined {
  if (departement === '02A' || departement === '02B') return undefined;
  if (!/^\d{3}$/.test(departement)) {
    return `département « ${brut} » : 3 chiffres attendus, ou 02A / 02B${indiceConfusion(brut)}`;
  }
  const n = Number(departement);
  if (departement === '020') return 'département 020 inconnu (Corse : 02A ou 02B)';
  if ((n >= 1 && n <= 95) || DEPARTEMENTS_OUTRE_MER.has(departement)) return undefined;
  return `département ${departement} inconnu`;
}

function erreurChiffres(bloc: string, valeur: string, brut: string): string | undefined {
  if (/^\d+$/.test(valeur)) return undefined;
  return `${bloc} « ${brut} » : ${valeur.length} chiffres attendus${indiceConfusion(brut)}`;
}

function erreurMois(mois: string): string | undefined {
  const n = Number(mois);
  return n >= 1 && n <= 12 ? undefined : `mois ${mois} impossible`;
}

function erreurGuichet(guichet: string): string | undefined {
  return /^[A-Z0-9]{5}$/.test(guichet) ? undefined : `code guichet « ${guichet} » : 5 lettres ou chiffres attendus`;
}

// A hint for the most common typing slip: a letter O or I where a digit belongs.
function indiceConfusion(brut: string): string {
  const lettre = [...brut].find((c) => CONFUSIONS_OCR[c] !== undefined);
  return lettre === undefined ? '' : ` (la lettre ${lettre} à la place du chiffre ${CONFUSIONS_OCR[lettre]} ?)`;
}

function raisonLongueur(blocs: string[], longueur: number): string {
  const quatreBlocs = blocs.length === 4;
  if (quatreBlocs) {
    for (const [i, bloc] of BLOCS.entries()) {
      const attendu = bloc.fin - bloc.debut;
      const recu = blocs[i]?.length ?? 0;
      if (recu !== attendu) return `${bloc.nom} « ${blocs[i]} » : ${attendu} caractères attendus, ${recu} reçus`;
    }
  }
  return `${LONGUEUR} caractères attendus, ${longueur} reçus`;
}

function caractereInterdit(texte: string, ocr: boolean): string | undefined {
  const admis = ocr ? /[A-Za-z0-9|!]/ : /[A-Za-z0-9]/;
  return [...texte].find((c) => !admis.test(c) && !SEPARATEURS.test(c));
}

function corrigerOcr(compact: string): string {
  const corse = /^[0OoQD][2Zz][AB]$/.test(compact.slice(0, 3));
  let resultat = '';
  for (const [position, c] of [...compact].entries()) {
    const numerique = POSITIONS_NUMERIQUES.has(position) && !(corse && position === 2);
    resultat += numerique ? (CONFUSIONS_OCR[c] ?? c) : c;
  }
  return resultat.toUpperCase();
}

function alphabetPosition(position: number): string {
  const chiffres = '0123456789';
  if (position === 2) return `${chiffres}AB`;
  return POSITIONS_NUMERIQUES.has(position) ? chiffres : `${chiffres}ABCDEFGHIJKLMNOPQRSTUVWXYZ`;
}

function versCompact(nu: string | NumeroUnique): string {
  if (typeof nu !== 'string') return compactNumeroUnique(nu);
  const lu = parseNumeroUnique(nu);
  return lu.ok ? lu.compact : nu.toUpperCase().split(SEPARATEURS).join('');
}

function echec(reason: string): ResultatNumeroUnique {
  return { ok: false, reason };
}

type Mot = { texte: string };

// A line of boxes with their sides, and what OCR makes of sides close together, read as spaces.
function sansRegles(ligne: string): string {
  return ligne.replace(/["'’*°]?\|(?:[1Il!\-–]{1,2}(?=\|))?["'’*°]?/g, ' ').replace(/\s+/g, ' ');
}

// Words of a line joined into chains when only short separators lie between them.
function chainesDeMots(ligne: string): Mot[][] {
  const chaines: Mot[][] = [];
  let courante: Mot[] = [];
  let finPrecedente = -1;
  for (const m of ligne.matchAll(/[A-Za-z0-9|!]+/g)) {
    const entre = finPrecedente < 0 ? '' : ligne.slice(finPrecedente, m.index);
    const lie = finPrecedente >= 0 && entre.length <= 3 && /^[\s.\-‐‑‒–—/_,·:]*$/u.test(entre);
    if (!lie && courante.length > 0) {
      chaines.push(courante);
      courante = [];
    }
    courante.push({ texte: m[0] });
    finPrecedente = m.index + m[0].length;
  }
  if (courante.length > 0) chaines.push(courante);
  return chaines;
}

// A number written one character per cell: the first cell's ruling, glued to its character, reads
// as a « 1 » before it (`19,7,3,0,…`); the chain is read with and without it.
function sansTraitInitial(chaine: Mot[]): Mot[][] {
  const [premier, ...suite] = chaine;
  const parCase = suite.length >= LONGUEUR - 1 && suite.every((m) => m.texte.length === 1);
  if (premier === undefined || !parCase || !/^[1lI|!].$/.test(premier.texte)) return [chaine];
  return [chaine, [{ texte: premier.texte.slice(1) }, ...suite]];
}

// Every 18-character window of a chain that does not cut a digit run, read with OCR tolerance.
function lireChaine(chaine: Mot[]): string[] {
  const texte = chaine.map((m) => m.texte).join('');
  if (texte.length < LONGUEUR) return [];
  const limites = new Set<number>([0]);
  let position = 0;
  for (const mot of chaine) {
    position += mot.texte.length;
    limites.add(position);
  }
  const lus: string[] = [];
  for (let debut = 0; debut + LONGUEUR <= texte.length; debut++) {
    const fin = debut + LONGUEUR;
    if (!coupureAdmise(texte, debut, limites, 'debut') || !coupureAdmise(texte, fin, limites, 'fin')) continue;
    const lu = parseNumeroUnique(texte.slice(debut, fin), { ocr: true });
    if (lu.ok && chiffresCredibles(texte, debut, limites)) lus.push(lu.canonical);
  }
  return lus;
}

// A window may cut inside a word only to detach a glued label ("NU057…", "…10691Date").
function coupureAdmise(texte: string, i: number, limites: Set<number>, cote: 'debut' | 'fin'): boolean {
  if (limites.has(i)) return true;
  if (cote === 'fin') return /\d/.test(texte[i - 1] ?? '') && /[A-Za-z]/.test(texte[i] ?? '');
  const avant = texte[i - 1] ?? '';
  return /\d/.test(texte[i] ?? '') && /[A-Za-z]/.test(avant) && CONFUSIONS_OCR[avant] === undefined;
}

// Ordinary words ("BOIS", "SOLDE") must not pass for digits: each word of two characters or more
// in the numeric blocks holds a real digit, and real digits are the majority there.
function chiffresCredibles(texte: string, debut: number, limites: Set<number>): boolean {
  const numerique = texte.slice(debut, debut + 13);
  if ([...numerique].filter((c) => /\d/.test(c)).length < 7) return false;
  let motDebut = debut;
  for (let i = debut + 1; i <= debut + 13; i++) {
    if (!limites.has(i) && i !== debut + 13) continue;
    const mot = texte.slice(motDebut, i);
    if (mot.length >= 2 && !/\d/.test(mot)) return false;
    motDebut = i;
  }
  return true;
}
