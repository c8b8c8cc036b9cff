import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { findTypeByCode } from '../../classification/plan-de-classement.ts';
import { FAMILLES, famillesDuType, resoudrePersonne } from '../../classification/variantes-personne.ts';
import { cni } from './echantillons.ts';

const familles = suite('famillesDuType');

familles('every variant is a type of the plan, in the category of its person', () => {
  const categories = { demandeur: 'IDD', conjoint: 'IDC', personneACharge: 'PAC' } as const;
  for (const f of FAMILLES) {
    for (const [role, type] of Object.entries(f.variantes)) {
      assert.is(findTypeByCode(type)?.categorie.code, categories[role as keyof typeof categories], type);
    }
  }
});

familles('the personne à charge identity type belongs to two families', () => {
  assert.equal(
    famillesDuType('CIP').map((f) => f.nom),
    ['identite', 'titre_sejour'],
  );
  assert.equal(
    famillesDuType('CID').map((f) => f.nom),
    ['identite'],
  );
  assert.equal(famillesDuType('BUL'), []);
});

familles.run();

const personne = suite('resoudrePersonne');

const dcem = (representant: string) =>
  ['RÉPUBLIQUE FRANÇAISE', 'DOCUMENT DE CIRCULATION', 'POUR ÉTRANGER MINEUR', 'NOM DUPONT', 'Prénoms Léo', representant].join('\n');

const passeport = (naissance: string, dates: string) =>
  [
    'PASSPORT',
    'Surname LACROIX-DUFRESNE',
    'Given names LINA',
    naissance,
    'P<UKRLACROIX<DUFRESNE<<LINA<<<<<<<<<<<<<<<<<<<',
    `GG050441<UKR${dates}<<<<<<<<<<<<<<04`,
  ].join('\n');

// a passport's identity page, copied and certified by the demandeur (DUPONT Marie)
const copie = (nom: string, prenom: string) => {
  const zone = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().replace(/[-' ]/g, '<');
  return [
    'PASSEPORT / PASSPORT',
    `Nom / Surname ${nom}`,
    `Prénoms / Given names ${prenom}`,
    'Date de naissance / Date of birth 16/02/1967',
    `P<DZA${zone(nom)}<<${zone(prenom)}<<<<<<<<<<<<<<<<<<<<<<<<<<<`,
    '5354804135DZA6702166F2810010<<<<<<<<<<<<<<<20',
    'Je soussigné(e) Marie DUPONT certifie la copie conforme.',
  ].join('\n');
};

personne('table of documents and households', () => {
  const demandeur = { nom: 'DUPONT', prenom: 'Marie' };
  const cas: [string, string, Parameters<typeof resoudrePersonne>[1], string | undefined, number][] = [
    ['demandeur named', cni(), { demandeur }, 'demandeur', 1],
    ['conjoint named', cni('NGUYEN', 'Thi Lan'), { demandeur, conjoint: { nom: 'Nguyen', prenom: 'Thi' } }, 'conjoint', 1],
    ['child named', cni('DUPONT', 'Léo'), { demandeur, personnesACharge: [{ nom: 'DUPONT', prenom: 'Leo' }] }, 'personneACharge', 1],
    ['minor by birth date', cni('MARTIN', 'Lina', '01.09.2030', '02.03.2014'), { demandeur }, 'personneACharge', 0.8],
    ['other adult, no conjoint known', cni('MARTIN', 'Paul'), { demandeur }, 'conjoint', 0.75],
    ['other adult, conjoint known elsewhere', cni('MARTIN', 'Paul'), { demandeur, conjoint: { nom: 'NGUYEN' } }, undefined, 0],
    ['nobody known', cni(), undefined, 'demandeur', 0.7],
    ['same surname, other prénom', cni('DUPONT', 'Kévin'), { demandeur }, 'conjoint', 0.75],
    ['minor by birth date, nobody known', cni('MARTIN', 'Lina', '01.09.2030', '02.03.2014'), undefined, 'personneACharge', 0.8],
    ['minor naming the demandeur as legal representative', dcem('Représentant légal : DUPONT Marie'), { demandeur }, 'personneACharge', 0.8],
    ['a document issued to minors only, no birth date read', dcem(''), undefined, 'personneACharge', 0.8],
    ['minor by the machine zone, its label misread', passeport('Date af birth', '1606030F2704014'), { demandeur }, 'personneACharge', 0.8],
    [
      'zone with a bad check digit, the page prints the same birth date',
      passeport('Date af birth 03 06 2016', '1606031F2704012'),
      { demandeur },
      'personneACharge',
      0.8,
    ],
    ['zone with a bad check digit, printed nowhere', passeport('Date af birth', '1606031F2704012'), { demandeur }, 'conjoint', 0.75],
    ['adult by the machine zone (a year to come is last century’s)', passeport('', '8506036F2704014'), { demandeur }, 'conjoint', 0.75],
    [
      'minor by a foreign passport’s birth date, its label in its own language',
      'PASSAPORTE / PASSPORT\nApelido / Surname MARTIN\nNome / Given names LINA\nData de nascimento 25.05.2013',
      { demandeur },
      'personneACharge',
      0.8,
    ],
    ['a visa validated online: « en ligne le » is no birth', 'VISA\nGRONDIN, GRÉGORY\nValidé en ligne le 19/03/2024', { demandeur }, 'conjoint', 0.75],
    ['a passport the demandeur certifies as a true copy: the zone names its holder', copie('TRAORÉ', 'Léa'), { demandeur }, 'conjoint', 0.75],
    ['the same, holder of the demandeur’s surname', copie('DUPONT', 'Léa'), { demandeur }, 'conjoint', 0.75],
    ['the same, the conjoint known', copie('TRAORÉ', 'Léa'), { demandeur, conjoint: { nom: 'TRAORE', prenom: 'Lea' } }, 'conjoint', 1],
    ['the demandeur’s own certified copy', copie('DUPONT', 'Marie'), { demandeur }, 'demandeur', 1],
    ['her card in her birth name: the prénom is hers', copie('LEROY', 'Marie'), { demandeur }, 'demandeur', 1],
    [
      'a compound prénom, in the zone as two given names',
      copie('DUPONT', 'Marie-Claire'),
      { demandeur: { nom: 'DUPONT', prenom: 'Marie-Claire' } },
      'demandeur',
      1,
    ],
    [
      'a permit whose fields name another than the demandeur the page names',
      'CARTE DE RÉSIDENT\nNom : THOMAS\nPrénoms : Loïc\nTitre du conjoint de Madame THOMAS Françoise, joint à la demande.',
      { demandeur: { nom: 'Thomas', prenom: 'Françoise' } },
      'conjoint',
      0.75,
    ],
    [
      'the same, its fields read on one line',
      'CARTE DE RÉSIDENT\nNom : THOMAS Prénoms : Loïc\nTitre du conjoint de Madame THOMAS Françoise.',
      { demandeur: { nom: 'Thomas', prenom: 'Françoise' } },
      'conjoint',
      0.75,
    ],
    [
      'a card in her birth name with her married name as « Nom d’usage »',
      'CARTE DE SÉJOUR\nNom : LEROY\nNom d’usage : DUPONT\nPrénoms : Marie',
      { demandeur },
      'demandeur',
      1,
    ],
    ['a zone whose given name OCR misread proves nothing', copie('TRAORÉ', 'Léa').replace('<<LEA<', '<<LFA<'), { demandeur }, 'demandeur', 1],
  ];
  for (const [nom, texte, personnes, role, facteur] of cas) {
    const r = resoudrePersonne(texte, personnes, '2025-01-15');
    assert.equal([r.role, r.facteur], [role, facteur], `${nom}: ${r.indice}`);
  }
});

personne('without today, no one is taken for a minor', () => {
  const r = resoudrePersonne(cni('MARTIN', 'Lina', '01.09.2030', '02.03.2014'), { demandeur: { nom: 'DUPONT' } });
  assert.is(r.role, 'conjoint');
});

personne("a receipt that names the applicant only as its holder's spouse is the spouse's", () => {
  const foyer = { demandeur: { nom: "D'ALMEIDA", prenom: 'Gaëlle' } };
  const recepisse = (titulaire: string, conjoint: string) =>
    [
      'RÉCÉPISSÉ DE PREMIÈRE DEMANDE DE CARTE DE SÉJOUR',
      'Nom - Prénom(s)',
      `${titulaire} ‘ e`,
      'Né(e) le : 05/03/1981',
      `Conjoint de Valable jusqu'au`,
      conjoint,
    ].join('\n');
  assert.is(resoudrePersonne(recepisse('ANDRÉ Hugo', "D'ALMEIDA Gaëlle 01/02/2026"), foyer).role, 'conjoint');
  // the applicant's own, naming the spouse after the label
  assert.is(resoudrePersonne(recepisse("D'ALMEIDA Gaëlle", 'ANDRÉ Hugo 01/02/2026'), foyer).role, 'demandeur');
});

personne("a card copied beside its other side, its zone's line read on a printed field's, still tells a minor", () => {
  const carte = [
    'REPUBLIC OF TÜRKIYE IDENTITY CARD',
    'Soyadi / Surname',
    'FRANÇOIS',
    'Adi / Given name(s)',
    'AMÉLIE IDTURB08N533795<<<<<<<<<<<<<<<',
    'Dogum Tarihi / Date of birth 1404030F2809012TUR<<<<<<<<<<<2',
    'FRANCOIS<<AMELIE<<<<<<<<<<<<<<',
  ].join('\n');
  const r = resoudrePersonne(carte, { demandeur: { nom: 'FRANÇOIS', prenom: 'Karim' } }, '2026-12-07');
  assert.equal([r.role, r.indice], ['personneACharge', 'mineur (né le 2014-04-03)']);
});

personne('a form whose field labels stand in a column, their values in another, does not take a label for a name', () => {
  const recepisse = [
    'RÉCÉPISSÉ DE DEMANDE DE CARTE DE SÉJOUR',
    'Nom :',
    'Prénom(s) :',
    'Né(e) le :',
    'Nationalité :',
    'LOPEZ',
    'Gaël',
    '12/08/1957 à Lyon',
  ].join('\n');
  const r = resoudrePersonne(recepisse, { demandeur: { nom: 'Lopez', prenom: 'Gaël' } }, '2026-12-07');
  assert.equal([r.role, r.facteur], ['demandeur', 1]);
});

personne.run();
