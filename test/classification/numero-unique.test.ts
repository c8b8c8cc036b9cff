import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  compactNumeroUnique,
  debutsDeNumero,
  distanceNumeroUnique,
  findNumeroUniqueCandidates,
  formatNumeroUnique,
  imprimeEnBlocs,
  numerosRecomposes,
  parseNumeroUnique,
  variantesGuichet,
  variantesProches,
} from '../../classification/numero-unique.ts';

const CANONIQUE = '057 1215 073903 10691';

function lire(input: string, ocr = false): string {
  const r = parseNumeroUnique(input, { ocr });
  return r.ok ? r.canonical : `ERREUR ${r.reason}`;
}

const parse = suite('parseNumeroUnique');

parse('accepts the canonical, compact and separated forms', () => {
  const valides: [string, string][] = [
    ['057 1215 073903 10691', CANONIQUE],
    ['057121507390310691', CANONIQUE],
    ['  057 1215 073903 10691\n', CANONIQUE],
    ['057.1215.073903.10691', CANONIQUE],
    ['057-1215-073903-10691', CANONIQUE],
    ['057/1215/073903/10691', CANONIQUE],
    ['057  12 15  073903 10691', CANONIQUE],
    ['057 1215 073903 dgaln', '057 1215 073903 DGALN'],
    ['02A 0324 000012 2A001', '02A 0324 000012 2A001'],
    ['02b0324000012ABCDE', '02B 0324 000012 ABCDE'],
    ['974 0199 123456 97401', '974 0199 123456 97401'],
    ['001 0100 000000 00000', '001 0100 000000 00000'],
    ['095 1299 999999 ZZZZZ', '095 1299 999999 ZZZZZ'],
  ];
  for (const [input, attendu] of valides) assert.is(lire(input), attendu, input);
});

parse('returns the blocks, the canonical and the compact forms', () => {
  const r = parseNumeroUnique('057.1215.073903.10691');
  assert.equal(r, {
    ok: true,
    value: { departement: '057', mois: '12', annee: '15', sequence: '073903', guichet: '10691' },
    canonical: CANONIQUE,
    compact: '057121507390310691',
  });
});

parse('rejects each rule with a reason a guichet can act on', () => {
  const invalides: [string, string][] = [
    ['', 'numéro unique vide'],
    ['   ', 'numéro unique vide'],
    ['05712150739031069', '18 caractères attendus, 17 reçus'],
    ['0571215073903106911', '18 caractères attendus, 19 reçus'],
    ['57 1215 073903 10691', 'département « 57 » : 3 caractères attendus, 2 reçus'],
    ['057 1215 73903 10691', 'séquence « 73903 » : 6 caractères attendus, 5 reçus'],
    ['096 1215 073903 10691', 'département 096 inconnu'],
    ['000 1215 073903 10691', 'département 000 inconnu'],
    ['977 1215 073903 10691', 'département 977 inconnu'],
    ['020 1215 073903 10691', 'département 020 inconnu (Corse : 02A ou 02B)'],
    ['02C 1215 073903 10691', 'département « 02C » : 3 chiffres attendus, ou 02A / 02B'],
    ['057 1315 073903 10691', 'mois 13 impossible'],
    ['057 0015 073903 10691', 'mois 00 impossible'],
    ['057 12X5 073903 10691', 'année « X5 » : 2 chiffres attendus'],
    ['057 1215 07390X 10691', 'séquence « 07390X » : 6 chiffres attendus'],
    ['057 1215 073903 1069*', 'caractère « * » non admis dans un numéro unique'],
    ['057 1215 073903 1069é', 'caractère « é » non admis dans un numéro unique'],
  ];
  for (const [input, raison] of invalides) {
    assert.equal(parseNumeroUnique(input), { ok: false, reason: raison }, input);
  }
});

parse('without ocr, a letter in a numeric block is refused with a hint', () => {
  assert.is(lire('O57 1215 073903 10691'), 'ERREUR département « O57 » : 3 chiffres attendus, ou 02A / 02B (la lettre O à la place du chiffre 0 ?)');
  assert.is(lire('057 I215 073903 10691'), 'ERREUR mois « I2 » : 2 chiffres attendus (la lettre I à la place du chiffre 1 ?)');
});

parse('with ocr, confusions are mapped in numeric blocks only', () => {
  const cas: [string, string][] = [
    ['O57 I2l5 O739O3 10691', CANONIQUE],
    ['o57 |215 Q739D3 10691', CANONIQUE],
    ['057 1Z15 O739O3 1O691', '057 1215 073903 1O691'],
    ['O5T 1215 073903 10691', 'ERREUR département « 05T » : 3 chiffres attendus, ou 02A / 02B'],
    ['OS7 !2!S 073903 10691', CANONIQUE],
    ['0B7 1215 07G9b3 10691', '087 1215 076963 10691'],
    ['057 1215 073903 DGALN', '057 1215 073903 DGALN'],
    ['057 1215 O739O3 SOBIG', '057 1215 073903 SOBIG'],
    ['O5g 1215 073903 1069q', '059 1215 073903 1069Q'],
  ];
  for (const [input, attendu] of cas) assert.is(lire(input, true), attendu, input);
});

parse('with ocr, Corsica keeps its letter and 028 stays a number', () => {
  assert.is(lire('O2A 0324 000012 2A001', true), '02A 0324 000012 2A001');
  assert.is(lire('02B 0324 000012 2A001', true), '02B 0324 000012 2A001');
  assert.is(lire('028 0324 000012 2A001', true), '028 0324 000012 2A001');
  assert.is(lire('O2b 0324 000012 2A001', true), '026 0324 000012 2A001');
});

parse('with ocr, impossible values are still refused after mapping', () => {
  assert.is(lire('O57 l3l5 073903 10691', true), 'ERREUR mois 13 impossible');
  assert.is(lire('O96 1215 073903 10691', true), 'ERREUR département 096 inconnu');
});

parse.run();

const format = suite('formatNumeroUnique');

format('spaces the four blocks', () => {
  const nu = { departement: '02A', mois: '03', annee: '24', sequence: '000012', guichet: 'DGALN' };
  assert.is(formatNumeroUnique(nu), '02A 0324 000012 DGALN');
});

format('round-trips through parse', () => {
  const r = parseNumeroUnique('974-0199-123456-97401');
  assert.ok(r.ok);
  if (r.ok) assert.is(formatNumeroUnique(r.value), '974 0199 123456 97401');
});

format.run();

const compact = suite('compactNumeroUnique');

compact('is the 18 characters without separators', () => {
  const nu = { departement: '057', mois: '12', annee: '15', sequence: '073903', guichet: '10691' };
  assert.is(compactNumeroUnique(nu), '057121507390310691');
  assert.is(compactNumeroUnique(nu).length, 18);
});

compact.run();

const distance = suite('distanceNumeroUnique');

distance('counts the characters that differ between compact forms', () => {
  assert.is(distanceNumeroUnique(CANONIQUE, '057121507390310691'), 0);
  assert.is(distanceNumeroUnique(CANONIQUE, '057 1215 073908 10691'), 1);
  assert.is(distanceNumeroUnique(CANONIQUE, '057 1215 073980 10691'), 2);
  assert.is(distanceNumeroUnique('057 1215 07390 10691', CANONIQUE), 1);
  const nu = { departement: '057', mois: '12', annee: '15', sequence: '073903', guichet: '10692' };
  assert.is(distanceNumeroUnique(nu, CANONIQUE), 1);
});

distance.run();

const variantes = suite('variantesProches');

variantes('lists the valid numbers one substitution away', () => {
  const proches = variantesProches(CANONIQUE);
  assert.ok(proches.includes('057 1215 073908 10691'));
  assert.ok(proches.includes('057 1215 073903 1069A'));
  assert.ok(proches.includes('057 1115 073903 10691'));
  assert.not.ok(proches.includes(CANONIQUE));
  assert.not.ok(proches.includes('057 1315 073903 10691'), 'month 13 is not a number');
  assert.not.ok(proches.includes('957 1215 073903 10691'), 'department 957 does not exist');
  for (const p of proches) assert.is(distanceNumeroUnique(p, CANONIQUE), 1, p);
  assert.equal(new Set(proches).size, proches.length);
});

variantes('is empty for an unreadable number', () => {
  assert.equal(variantesProches('pas un numéro'), []);
});

variantes.run();

const candidats = suite('findNumeroUniqueCandidates');

candidats('reads the number of an attestation page', () => {
  const page = [
    'RÉPUBLIQUE FRANÇAISE',
    "ATTESTATION D'ENREGISTREMENT D'UNE DEMANDE DE LOGEMENT SOCIAL",
    'Numéro unique : 057 1215 073903 10691',
    'Date de dépôt initial : 14/12/2015',
    'Tél. : 03 87 75 12 34 — SIRET 130 008 758 00016',
  ].join('\n');
  assert.equal(findNumeroUniqueCandidates(page), [CANONIQUE]);
});

candidats('tolerates OCR noise, confusions, glued labels and odd spacing', () => {
  const cas: [string, string[]][] = [
    ['Numéro unique:O57 I2l5 O739O3 1O691', ['057 1215 073903 1O691']],
    ['N° 0 57 12 15 07 3903 10691 Date de dépôt', [CANONIQUE]],
    ['NU057121507390310691', [CANONIQUE]],
    ['057121507390310691Date', [CANONIQUE]],
    ['numero unique . 057.1215.073903.10691.', [CANONIQUE]],
    ['n° 057 - 1215 - 073903 - DGALN expéditeur', ['057 1215 073903 DGALN']],
    ['demande 02A 0324 000012 2A001 et 974 0199 123456 97401', ['02A 0324 000012 2A001', '974 0199 123456 97401']],
  ];
  for (const [texte, attendu] of cas) assert.equal(findNumeroUniqueCandidates(texte), attendu, texte);
});

candidats('de-duplicates, keeps the order of appearance', () => {
  const texte = 'Réf 974 0199 123456 97401\nNuméro unique : 057 1215 073903 10691\nrappel : 057121507390310691\n974.0199.123456.97401';
  assert.equal(findNumeroUniqueCandidates(texte), ['974 0199 123456 97401', CANONIQUE]);
});

candidats('does not cut a longer digit run or read ordinary words as digits', () => {
  const cas: string[] = [
    '0571215073903106912',
    '1057121507390310691',
    'BOIS SOLDE 1215 073903 10691',
    'Montant 1215,00 € le 12/2015 réf 073903 10691',
    'Numéro unique : 057 1215 073903',
    '057 1215        073903 10691',
    // a table of periods: dates and a code, not a number across its columns
    '13/07/2025 26/07/2025 AT 14 91,43 1 280,02 1011,22 €',
    '',
  ];
  for (const texte of cas) assert.equal(findNumeroUniqueCandidates(texte), [], texte);
});

candidats('reads a number written one character per box, the boxes read as bars', () => {
  assert.equal(findNumeroUniqueCandidates('N° unique |0|5|7| |1|2|1|5| |0|7|3|9|0|3| |1|0|6|9|1|'), [CANONIQUE]);
  assert.equal(findNumeroUniqueCandidates('| 0 | 5 | 7 | 1 | 2 | 1 | 5 | 0 | 7 | 3 | 9 | 0 | 3 | 1 | 0 | 6 | 9 | 1 |'), [CANONIQUE]);
  // cells marked off by ticks, read as commas, the first tick glued to the first character as a « 1 »
  assert.equal(findNumeroUniqueCandidates('10,5,7,1,2,1,5,0,7,3,9,0,3,1,0,6,9,1,'), [CANONIQUE]);
  assert.equal(findNumeroUniqueCandidates('19,7,3,0,1,2,5,9,3,3,6,4,9,D,D,9,7,3,'), ['973 0125 933649 DD973']);
});

candidats('reads a number in block boxes whose close sides read as « 1 », a dash or a quote mark between bars', () => {
  // the form's dash between two boxes read as `|1-|` would shift the number by one character
  assert.ok(findNumeroUniqueCandidates('057 |1-|1215 |-| 073903 "| 10691').includes(CANONIQUE));
  assert.ok(findNumeroUniqueCandidates("|057|-|1215|-|073903|'|10691|").includes(CANONIQUE));
  // a « 1 » in a box of its own stays a 1 in the other readings
  assert.ok(findNumeroUniqueCandidates('|0|5|7| |1|2|1|5| |0|7|3|9|0|3| |1|0|6|9|1|').includes(CANONIQUE));
});

candidats("reads no number across a statement's dates or its month columns", () => {
  assert.equal(findNumeroUniqueCandidates('Prestation 07/2025 08/2025 09/2025 Total'), []);
  assert.equal(findNumeroUniqueCandidates('Période 13/07/2025 26/07/2025 AT 14'), []);
  assert.equal(findNumeroUniqueCandidates('N° unique : 057/1215/073903/10691'), [CANONIQUE]);
});

candidats('finds two numbers quoted on one line', () => {
  const texte = 'Objet : fusion des demandes 057 1215 073903 10691 et 057 0316 000412 10691';
  assert.equal(findNumeroUniqueCandidates(texte), [CANONIQUE, '057 0316 000412 10691']);
});

candidats('reads a number a narrow column wrapped over two lines, and no number from two lines that do not continue one', () => {
  assert.equal(findNumeroUniqueCandidates('identifiant national : 0571215\n\n073903 10691 (demande de'), [CANONIQUE]);
  assert.equal(findNumeroUniqueCandidates('Réf. : 057 1215\n073903 10691'), [CANONIQUE]);
  // a start and a next line of words, or a line with no start at its end
  assert.equal(findNumeroUniqueCandidates('N° allocataire 0571215\nDate de la demande'), []);
  assert.equal(findNumeroUniqueCandidates('0571215 Nancy\n073903 10691'), []);
  // wrapped after its département, right after its label; a figure ending a line of text starts no number
  assert.equal(findNumeroUniqueCandidates('n° unique : 057\n1215073903 10691\n\nRelogement'), [CANONIQUE]);
  assert.equal(findNumeroUniqueCandidates('Montant versé 057\n1215073903 10691'), []);
});

candidats('reads a number printed one block per line under captions, in order, and no number from blocks out of order', () => {
  const empile = (blocs: string[]) =>
    ['N° unique', 'Département', blocs[0], 'Mois / année', blocs[1], "N° d'ordre", blocs[2], 'Guichet', '', blocs[3]].join('\n');
  assert.equal(findNumeroUniqueCandidates(empile(['057', '1215', '073903', '10691'])), [CANONIQUE]);
  assert.equal(findNumeroUniqueCandidates(empile(['1215', '057', '073903', '10691'])), []);
  // a figure that is no block breaks the run
  assert.equal(findNumeroUniqueCandidates('Département 057\nMois 1215\nMontant 1 234,56 €\n073903\n10691'), []);
});

candidats.run();

const guichets = suite('variantesGuichet');

guichets('the numbers a misread guichet code may have been, glyph for glyph, the other blocks unchanged', () => {
  const v = variantesGuichet('048 0318 741522 D0T48');
  // D and 0 each one of 0 O D Q, 8 one of 8 B: 4 × 4 × 2 codes, less the one read
  assert.is(v.length, 31);
  assert.ok(v.includes('048 0318 741522 DDT48'));
  assert.ok(v.includes('048 0318 741522 D0T4B'));
  assert.not.ok(v.includes('048 0318 741522 D0T48'));
  assert.ok(v.every((n) => n.startsWith('048 0318 741522 ') && parseNumeroUnique(n).ok));
  assert.equal(variantesGuichet('057 1215 073903 TXWYV'), []);
  assert.equal(variantesGuichet('illisible'), []);
});

guichets.run();

const imprime = suite('imprimeEnBlocs');

imprime('a number printed whole or split between its blocks, OCR confusions allowed; not one pieced together across other figures', () => {
  const cas: [string, string, boolean][] = [
    ['Réf. : 002 0715 307040 DDT02', '002 0715 307040 DDT02', true],
    ['080-0125-611874-ALSRV 08/01/2025', '080 0125 611874 ALSRV', true],
    ['0950923423228ALSRV', '095 0923 423228 ALSRV', true],
    ['N° unique : O57.1215.O73903.1O691', '057 1215 073903 10691', true],
    ['| 27 04 2026 4897356330 so à', '042 0264 897356 330SO', false],
    ['2406  0107 1  8 4686 37488 2512', '060 1078 468637 48825', false],
    ['057 1215 073903 106910', '057 1215 073903 10691', false],
  ];
  for (const [texte, nu, attendu] of cas) assert.is(imprimeEnBlocs(texte, nu), attendu, texte);
});

imprime.run();

const entreParentheses = suite('findNumeroUniqueCandidates, blocks in pills');

entreParentheses('a number whose blocks each stand in a pill or a bracket reads with them as spacing', () => {
  assert.equal(findNumeroUniqueCandidates('Votre numéro de demandeur\n(045 )-(1221 )-(623897 )-(ORH90 )'), ['045 1221 623897 ORH90']);
  assert.equal(findNumeroUniqueCandidates('[045]-[1221]-[623897]-[ORH90]'), ['045 1221 623897 ORH90']);
});

entreParentheses.run();

const debuts = suite('debutsDeNumero');

debuts('the start of a number whose end is lost, compact or in blocks, box sides between them; nothing else of seven digits', () => {
  assert.equal(debutsDeNumero('(reportez le numé\nDépartemen\n0271119'), ['0271119']);
  assert.equal(debutsDeNumero('044 ‘|.|0718 |.| 742529'), ['0440718742529']);
  assert.equal(debutsDeNumero('N° unique : 057 1215 07'), ['0571215']);
  // torn inside its sequence, a digit or two of it lost
  assert.equal(debutsDeNumero("Numéro d'enregistrement\n095122450439"), ['095122450439']);
  // Corsica's, its département a letter's block, its guichet code torn off
  assert.equal(debutsDeNumero('Demande HLM déposée le 30/07/2023\nMme 02A.0723.653632'), ['02A0723653632']);
  const autres = [
    'Tél. 0101234567', // a phone number: ten digits
    'Tél. 01 01 23 45 67',
    'SIRET 812 345 678 00021',
    'Numéro fiscal 30 12 345 678 912',
    'du 12/03/2024 au 11/03/2025',
    '57000 METZ 1234',
    'département 096 1215', // no such département
    '057 1315', // no thirteenth month
    'Numéro de carte 590-0300855-36', // the middle of an identifier its dashes join
  ];
  for (const texte of autres) assert.equal(debutsDeNumero(texte), [], texte);
});

debuts.run();

const recomposes = suite('numerosRecomposes');

recomposes("a number's first blocks and its guichet code read apart pair up; a name or a postal code is no guichet code", () => {
  const ruban = 'NU 059 0218 208899\nLoïc SAINT-CYR\n88 rue Édith-Piaf - 59000 LILLE\nDocuments envoyés\nLIH28\n- avis d’impôt';
  assert.equal(numerosRecomposes(ruban), ['059 0218 208899 LIH28']);
  assert.equal(numerosRecomposes('NU 059 0218 208899\nLoïc SAINT-CYR\n59000 LILLE'), []);
  // a torn number's start, its code lost: nothing to pair
  assert.equal(numerosRecomposes('NU 059 0218 2088\nLIH28'), []);
});

recomposes("for the registry to sort, a code of letters alone pairs too: a narrow cell wraps it under the number's first blocks", () => {
  const cellule = 'BOUCHER-LEMAÎTRE 10/02/1957 Maison relais 3 035.0820.278854.\nJean-Noël Rennes ALSRV';
  assert.equal(numerosRecomposes(cellule), []);
  assert.equal(numerosRecomposes(cellule, { registre: true }), ['035 0820 278854 ALSRV']);
});

recomposes.run();
