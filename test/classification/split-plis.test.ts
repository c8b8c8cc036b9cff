import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PageTexte } from '../../classification/page-text.ts';
import { type DecoupageLot, splitPlis } from '../../classification/split-plis.ts';
import {
  AVIS_IMPOT,
  AVIS_IMPOT_PAGE_2,
  attestationPage2,
  bulletinSalaire,
  cni,
  courrierCitantNumero,
  couverture,
  NU_DUPONT,
  QUITTANCE,
} from './echantillons.ts';
import { registreMemoire } from './registre-memoire.ts';

const NU_MARTIN = '067 0119 000731 67482';
const MARTIN = { civilite: 'Monsieur', prenom: 'Paul', nom: 'MARTIN' };
const BLANCHE = '';
const registre = registreMemoire([
  { numeroUnique: NU_DUPONT, etat: 'active', nom: 'DUPONT', prenom: 'Marie' },
  { numeroUnique: NU_MARTIN, etat: 'active', nom: 'MARTIN', prenom: 'Paul' },
]);

function lot(...textes: string[]): PageTexte[] {
  return textes.map((text, index) => (text === BLANCHE ? { index, text: ' . ', blank: true } : { index, text }));
}

// Every page of the lot appears exactly once in the result.
function pagesComptees(d: DecoupageLot): number[] {
  return [...d.plis.flatMap((p) => [p.couverture, ...p.pages]), ...d.avantPremiereCouverture, ...d.pagesBlanches].sort((a, b) => a - b);
}

const split = suite('splitPlis');

split('cuts a lot at each cover', () => {
  const pages = lot(couverture(), AVIS_IMPOT, AVIS_IMPOT_PAGE_2, BLANCHE, bulletinSalaire('03'), couverture(NU_MARTIN, MARTIN), QUITTANCE);
  const d = splitPlis(pages, registre);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages, p.numerosLus, p.alertes]),
    [
      [0, [1, 2, 3, 4], [NU_DUPONT], []],
      [5, [6], [NU_MARTIN], []],
    ],
  );
  assert.equal(
    pagesComptees(d),
    pages.map((p) => p.index),
  );
});

split('a cover is any page bearing a registered number, whatever its layout: a letter, a table, a receipt', () => {
  const lettre = `OPH Moselis\nMonsieur MARTIN Paul\nMonsieur,\nNous avons bien reçu votre dossier : votre demande est suivie sous le numéro ${NU_MARTIN}. Conservez ce courrier.`;
  const tableau = `Accusé de dépôt\n| Demandeur | MARTIN Paul |\n| N° | ${NU_MARTIN.replaceAll(' ', '')} |`;
  for (const cover of [lettre, tableau]) {
    const d = splitPlis(lot(couverture(), AVIS_IMPOT, cover, QUITTANCE), registre);
    assert.equal(
      d.plis.map((p) => [p.couverture, p.pages]),
      [
        [0, [1]],
        [2, [3]],
      ],
      cover,
    );
  }
});

split("the attestation's page 2 and letters quoting the envelope's own number stay inside it, misread or not", () => {
  const d = splitPlis(lot(couverture(), attestationPage2(), courrierCitantNumero(), courrierCitantNumero('057 1215 O73908 10691'), cni()), registre);
  assert.is(d.plis.length, 1);
  assert.equal(d.plis[0]?.pages, [1, 2, 3, 4]);
  assert.equal(d.plis[0]?.alertes, []);
});

split('a page quoting the envelope’s number with its guichet code read otherwise glyph for glyph (`XVHB8`, `XVH88`) stays inside it', () => {
  const nu = '091 0421 660373 XVH88';
  const registreXvh = registreMemoire([{ numeroUnique: nu, etat: 'active', nom: 'MARTIN', prenom: 'Paul' }]);
  const d = splitPlis(lot(couverture('091 0421 660373 XVHB8', MARTIN), courrierCitantNumero(nu), cni('MARTIN', 'Paul')), registreXvh);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages]),
    [[0, [1, 2]]],
  );
});

split('an envelope runs on across files: the lot is one scan sequence', () => {
  const pages = lot(couverture(), AVIS_IMPOT, QUITTANCE, couverture(NU_MARTIN, MARTIN), cni('MARTIN', 'Paul')).map((p) => ({ ...p, fichier: p.index }));
  const d = splitPlis(pages, registre);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages]),
    [
      [0, [1, 2]],
      [3, [4]],
    ],
  );
  assert.equal(d.avantPremiereCouverture, []);
});

split('pages before the first cover go apart; blanks there are only blanks', () => {
  const d = splitPlis(lot(BLANCHE, QUITTANCE, '', couverture(), AVIS_IMPOT), registre);
  assert.equal(d.avantPremiereCouverture, [1]);
  assert.equal(d.pagesBlanches, [0, 2]);
  assert.equal(d.plis[0]?.pages, [4]);
});

split('a torn cover (its number lost, its proof of registration left) opens its own flagged envelope', () => {
  const dechiree = couverture(NU_MARTIN, MARTIN).replace(NU_MARTIN, '');
  const d = splitPlis(lot(couverture(), AVIS_IMPOT, dechiree, QUITTANCE), registre);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages]),
    [
      [0, [1]],
      [2, [3]],
    ],
  );
  assert.equal(d.plis[1]?.alertes, [{ motif: 'couverture_incertaine', page: 2 }]);
});

split(
  "a numberless page about a registration that names the envelope's applicant, surname and prénom, stays in the envelope; one naming another opens its own",
  () => {
    const lettre = [
      'DUPONT Marie',
      '12 rue des Lilas 57000 Metz',
      'Objet : suivi de ma demande de logement social',
      "Madame, je vous adresse les pièces qui manquaient à l'enregistrement de ma demande.",
    ].join('\n');
    const dechiree = couverture(NU_MARTIN, MARTIN).replace(NU_MARTIN, '');
    assert.equal(
      splitPlis(lot(couverture(), AVIS_IMPOT, lettre, QUITTANCE), registre).plis.map((p) => [p.couverture, p.pages, p.alertes]),
      [[0, [1, 2, 3], []]],
    );
    // her surname alone is not enough: a relative's cover would bear it
    assert.equal(
      splitPlis(lot(couverture(), AVIS_IMPOT, lettre.replace('Marie', 'Lucas'), QUITTANCE), registre).plis.map((p) => p.couverture),
      [0, 2],
    );
    assert.equal(
      splitPlis(lot(couverture(), AVIS_IMPOT, dechiree, QUITTANCE), registre).plis.map((p) => p.couverture),
      [0, 2],
    );
  },
);

split("the guichet's letter quoting the whole number whose start a torn cover shows stays in the torn cover's envelope", () => {
  const dechiree = ['BORDEREAU DE NUMÉRISATION', 'Demande de logement', 'Numéro: 0670119', 'Demandeur : M. MAR'].join('\n');
  const d = splitPlis(lot(couverture(), AVIS_IMPOT, dechiree, QUITTANCE, courrierCitantNumero(NU_MARTIN), cni('MARTIN', 'Paul')), registre);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages]),
    [
      [0, [1]],
      [2, [3, 4, 5]],
    ],
  );
  // another number's letter opens its own envelope
  assert.equal(
    splitPlis(lot(couverture(), AVIS_IMPOT, dechiree, QUITTANCE, courrierCitantNumero(NU_DUPONT)), registre).plis.map((p) => p.couverture),
    [0, 2, 4],
  );
});

split("a page showing the start of a number without its end opens its own flagged envelope, unless it is the start of the envelope's own", () => {
  const coupee = ['Fiche de dépôt', 'Nom : MARTIN', 'Prénom : Paul', '067 0119'].join('\n');
  const d = splitPlis(lot(couverture(), AVIS_IMPOT, coupee, QUITTANCE), registre);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages]),
    [
      [0, [1]],
      [2, [3]],
    ],
  );
  assert.equal(d.plis[1]?.alertes, [{ motif: 'couverture_incertaine', page: 2 }]);
  const rappel = ['Madame DUPONT,', 'Votre dossier 057 1215 est complet.'].join('\n');
  assert.equal(
    splitPlis(lot(couverture(), AVIS_IMPOT, rappel, QUITTANCE), registre).plis.map((p) => [p.couverture, p.pages]),
    [[0, [1, 2, 3]]],
  );
});

split("a form whose demand's number label is read and its number not opens its own flagged envelope; another demand's number label does not", () => {
  const formulaire = ['N° de la demande (voir votre attestation)', '095 1020 |\\->1°>64 = 11DPT195', 'NOM : GAUTHIER', 'PRÉNOM : AÏCHA'].join('\n');
  const d = splitPlis(lot(couverture(), AVIS_IMPOT, formulaire, QUITTANCE), registre);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages]),
    [
      [0, [1]],
      [2, [3]],
    ],
  );
  assert.equal(d.plis[1]?.alertes, [{ motif: 'couverture_incertaine', page: 2 }]);
  const titreDeSejour = [
    "ATTESTATION DE PROLONGATION D'INSTRUCTION",
    "d'une demande de titre de séjour",
    'Numéro de la demande : 32R995273',
    'Nom DUPONT',
  ].join('\n');
  assert.equal(
    splitPlis(lot(couverture(), AVIS_IMPOT, titreDeSejour), registre).plis.map((p) => [p.couverture, p.pages]),
    [[0, [1, 2]]],
  );
});

split("a numberless page labelling another applicant as the demand's opens its own flagged envelope; one labelling the envelope's own stays", () => {
  const fiche = [
    "MAISON DE L'HABITAT",
    'Fiche de dépôt de pièces complémentaires',
    'Nom du demandeur BERNARD',
    'Prénom(s)',
    'Date de naissance 03/05/1995',
  ].join('\n');
  const d = splitPlis(lot(couverture(), AVIS_IMPOT, fiche, QUITTANCE), registre);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages]),
    [
      [0, [1]],
      [2, [3]],
    ],
  );
  assert.equal(d.plis[1]?.alertes, [{ motif: 'couverture_incertaine', page: 2 }]);
  // the applicant's own form, their name misread by a letter, and a judgment whose demandeur bears the applicant's surname stay
  const sienne = fiche.replace('BERNARD', 'DUP0NT');
  const jugement = ['TRIBUNAL JUDICIAIRE DE LILLE', 'DEMANDEUR : Monsieur DUPONT Alain, né le 02/03/1980', 'DÉFENDERESSE : Madame DUPONT Marie'].join('\n');
  assert.equal(
    splitPlis(lot(couverture(), AVIS_IMPOT, sienne, jugement, QUITTANCE), registre).plis.map((p) => [p.couverture, p.pages]),
    [[0, [1, 2, 3, 4]]],
  );
});

split('a page after a gap in the sequence (a file nobody could read) opens a flagged envelope', () => {
  const pages = lot(couverture(), AVIS_IMPOT, QUITTANCE);
  pages[2]!.lacuneAvant = true;
  const d = splitPlis(pages, registre);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages, p.alertes]),
    [
      [0, [1], []],
      [2, [], [{ motif: 'lacune', page: 2 }, { motif: 'pli_vide' }]],
    ],
  );
});

split(
  'an unregistered number printed as a number opens its own envelope, registration words or not; one pieced together from other figures holds the envelope',
  () => {
    // a bailleur's extranet page: the number with dashes, the applicant, no word of a registration
    const extranet = 'Fiche demande - Extranet partenaires\nDemande de M. BREHIER Youssef\nIdentification\n080-0125-611874-ALSRV 08/01/2025';
    const d = splitPlis(lot(couverture(), AVIS_IMPOT, extranet, QUITTANCE), registre);
    assert.equal(
      d.plis.map((p) => [p.couverture, p.pages, p.numerosLus]),
      [
        [0, [1], [NU_DUPONT]],
        [2, [3], ['080 0125 611874 ALSRV']],
      ],
    );
    // a residence permit's dates and card number, read leniently, make a number no one printed
    const titre = `CARTE DE SÉJOUR TEMPORAIRE\n| 27 04 2026 4897356330 so à\nVIE PRIVÉE ET FAMILIALE`;
    const tenu = splitPlis(lot(couverture(), titre), registre);
    assert.is(tenu.plis.length, 1);
    assert.equal(tenu.plis[0]?.alertes, [{ motif: 'numero_different', page: 1, numeroUnique: '042 0264 897356 330SO' }]);
  },
);

split('an unregistered number on a page about a registration is a cover (to review), not a page of the envelope before', () => {
  const d = splitPlis(lot(couverture(), AVIS_IMPOT, couverture('013 0424 000001 13001'), QUITTANCE), registre);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages]),
    [
      [0, [1]],
      [2, [3]],
    ],
  );
});

split(
  "a form's next page (« 2/2 » after « 1/2 ») quoting a number opens no envelope: a cover is a first page, and another registered number there holds the envelope",
  () => {
    const formulaire = 'cerfa N° 14069*04\nVOS RESSOURCES MENSUELLES\nSalaires 1 200 €\nDemande de logement social - 1/2';
    const suite = `cerfa N° 14069*04 Demande de logement social - 2/2\nVOTRE LOGEMENT ACTUEL\nN° unique (si renouvellement) ${NU_MARTIN.replaceAll(' ', '-')}`;
    const d = splitPlis(lot(couverture(), formulaire, BLANCHE, suite, QUITTANCE), registre);
    assert.equal(
      d.plis.map((p) => [p.couverture, p.pages, p.alertes]),
      [[0, [1, 2, 3, 4], [{ motif: 'numero_different', page: 3, numeroUnique: NU_MARTIN }]]],
    );
    // the same page after a page of another document is a cover
    const apresUnAutre = splitPlis(lot(couverture(), bulletinSalaire('03'), suite, QUITTANCE), registre);
    assert.equal(
      apresUnAutre.plis.map((p) => [p.couverture, p.pages]),
      [
        [0, [1]],
        [2, [3]],
      ],
    );
  },
);

split("a cover whose page reading missed its number: its zone's reads vouch for the pages quoting it", () => {
  const sansNumero = couverture().replace(NU_DUPONT, '');
  const pages = lot(couverture(NU_MARTIN, MARTIN), AVIS_IMPOT, sansNumero, courrierCitantNumero(NU_DUPONT));
  assert.equal(
    splitPlis(pages, registre).plis.map((p) => p.couverture),
    [0, 2, 3],
  );
  pages[2]!.lecturesZone = [NU_DUPONT.replaceAll(' ', '')];
  assert.equal(
    splitPlis(pages, registre).plis.map((p) => [p.couverture, p.pages, p.alertes]),
    [
      [0, [1], []],
      [2, [3], []],
    ],
  );
});

split("a page about a registration without a number right after a cover stays with it (its page 2), and the applicant's name is then required", () => {
  const page2 = couverture().replace(NU_DUPONT, '').replace('DUPONT', '').replace('1/2', '');
  const d = splitPlis(lot(couverture(), page2, AVIS_IMPOT), registre);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages, p.couverturesPossibles]),
    [[0, [1, 2], [1]]],
  );
  // numbered as a next page (a browser's printout, « 2/2 » after its address): the cover's own, no name required
  const imprimee = `${page2}\nhttps://www.demande-logement-social.gouv.fr/espace-demandeur/recapitulatif 2/2`;
  assert.equal(
    splitPlis(lot(couverture(), BLANCHE, imprimee, AVIS_IMPOT), registre).plis.map((p) => [p.pages, p.couverturesPossibles]),
    [[[1, 2, 3], undefined]],
  );
});

split("a guichet's deposit slip whose number nobody read, naming another registered applicant in full, opens that applicant's envelope", () => {
  const bon =
    'CCAS DE CRÉTEIL\nBON DE DÉPÔT - DOSSIER DE DEMANDE DE LOGEMENT SOCIAL\nNom : MARTIN\nPrénom : Paul\nN° de la demande (18 caractères) :\n019141-|0/4|2|2|-19/2|11113';
  const nommes = { ...registre, nommes: [{ numeroUnique: NU_MARTIN, etat: 'active' as const, nom: 'MARTIN', prenom: 'Paul' }] };
  const d = splitPlis(lot(couverture(), AVIS_IMPOT, bon, bulletinSalaire('03', 'MARTIN', 'Paul')), nommes);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages, p.alertes.map((a) => a.motif)]),
    [
      [0, [1], []],
      [2, [3], ['couverture_incertaine']],
    ],
  );
  // naming nobody the registry knows, it stays as before: the envelope's later pages must name its applicant
  assert.equal(
    splitPlis(lot(couverture(), AVIS_IMPOT, bon, bulletinSalaire('03', 'MARTIN', 'Paul')), registre).plis.map((p) => [
      p.couverture,
      p.pages,
      p.couverturesPossibles,
    ]),
    [[0, [1, 2, 3], [2]]],
  );
});

split(
  'a document that speaks of a housing demand among other things, said in its own words, stays in the envelope; names are then required unless it names the applicant',
  () => {
    // a day centre's domiciliation certificate: « demande de logement » and « inscription » among the rights it opens
    const domiciliation = `Accueil de jour Le Relais
Association agréée pour la domiciliation des personnes sans domicile stable
Agrément préfectoral n° 016-4946
ATTESTATION D'ÉLECTION DE DOMICILE
Articles L. 264-1 et D. 264-1 du code de l'action sociale et des familles
L'organisme domiciliataire soussigné atteste que Madame DUPONT Marie, sans domicile stable, a élu domicile à l'adresse suivante :
Accueil de jour - BP 406 16000 ANGOULÊME
Cette attestation permet à son titulaire de recevoir son courrier et de faire valoir ses droits (prestations sociales,
inscription sur les listes électorales, demande de logement).`;
    const autre = splitPlis(lot(couverture(), AVIS_IMPOT, domiciliation.replace('Madame DUPONT Marie', 'Monsieur BARRAULT Gilles'), QUITTANCE), registre);
    assert.equal(
      autre.plis.map((p) => [p.couverture, p.pages, p.couverturesPossibles]),
      [[0, [1, 2, 3], [2]]],
    );
    const d = splitPlis(lot(couverture(), AVIS_IMPOT, domiciliation, QUITTANCE), registre);
    assert.equal(
      d.plis.map((p) => [p.couverture, p.pages, p.couverturesPossibles]),
      [[0, [1, 2, 3], undefined]],
    );
  },
);

split('an empty lot and a lot without any cover', () => {
  assert.equal(splitPlis([], registre), { plis: [], avantPremiereCouverture: [], pagesBlanches: [] });
  assert.equal(splitPlis(lot(AVIS_IMPOT, QUITTANCE), registre).avantPremiereCouverture, [0, 1]);
});

split('a number under a label only a demand’s number carries opens an envelope, unknown number and no other word of a registration notwithstanding', () => {
  const relance = [
    'Les Résidences de l’Aisne            Laon, le 14/12/2024',
    'RELANCE - PIÈCES MANQUANTES',
    'Monsieur, votre dossier ne peut pas être présenté en commission tant que les pièces suivantes ne nous sont pas parvenues.',
    'COUPON-RÉPONSE',
    'Nom, prénom : MORIN Sébastien',
    'Identifiant de la demande : 002 0119 048014 CC133',
  ].join('\n');
  const d = splitPlis(lot(couverture(), AVIS_IMPOT, relance, QUITTANCE), registre);
  assert.equal(
    d.plis.map((p) => [p.couverture, p.pages, p.numerosLus]),
    [
      [0, [1], [NU_DUPONT]],
      [2, [3], ['002 0119 048014 CC133']],
    ],
  );
});

split.run();
