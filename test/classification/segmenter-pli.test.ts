import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PageTexte } from '../../classification/page-text.ts';
import { segmenterPli } from '../../classification/segmenter-pli.ts';
import {
  ATTESTATION_CAF,
  attestationPage2,
  AVIS_IMPOT,
  AVIS_IMPOT_PAGE_2,
  BULLETIN_2_PAGES_P1,
  BULLETIN_2_PAGES_P2,
  bulletinSalaire,
  cni,
  CNI_VERSO_MRZ,
  QUITTANCE,
} from './echantillons.ts';

const BLANCHE = '';
// pages of issuers no rule of the plan knows: what opens each is all there is to cut on
const RECU_SANS_TYPE =
  "Aire d'accueil de Saint-Denis\nREÇU DE DROIT D'EMPLACEMENT ET DE FLUIDES\nOccupant(e) : Mme ROBIN Marie\nEmplacement : n° 7\nDésignation Quantité Prix unit. Total\nDroit d'emplacement (jours) 30 4,30 129,12";
const LETTRE_SANS_TYPE =
  'Association Les Amis du Quartier\nMadame ROBIN Marie\n12 rue des Lilas\n93200 SAINT-DENIS\nObjet : votre participation aux ateliers\nMadame, nous avons le plaisir de vous confirmer votre inscription aux ateliers de la saison prochaine, qui se tiendront chaque mardi.';
const LETTRE_SANS_TYPE_FIN =
  'Nous vous prions de croire, Madame, à nos sentiments les meilleurs et restons à votre écoute pour toute question.\nÀ Saint-Denis, le 02/10/2025\nLa présidente';
const ORIGINAL_ALLEMAND =
  'Ausdruck der elektronischen Bescheinigung für 2024\nNachfolgende Daten wurden maschinell an die Finanzverwaltung übertragen.\nDauer des Dienstverhältnisses vom bis zum\nZeiträume ohne Anspruch auf Arbeitslohn\nBruttoarbeitslohn einschließlich Sachbezüge\nEinbehaltene Lohnsteuer von\nEinbehaltener Solidaritätszuschlag';
const TRADUCTION =
  "TRADUCTION CERTIFIÉE CONFORME\nde l'allemand vers le français\nImpression du certificat électronique pour l'année 2024, au nom de la personne désignée. Durée de l'emploi : du 1er janvier au 31 décembre.";
// two copies of one issuer's two-page notice, the second copy's « Page 1/2 » lost to the scan's bottom edge
const NOTE_P1 =
  "Association Les Amis du Quartier\nMadame ROBIN Marie, 12 rue des Lilas, 93200 SAINT-DENIS\nLes ateliers de la saison reprendront le premier mardi d'octobre dans la salle polyvalente du quartier.\nPage 1/2";
const NOTE_P2 = "Les inscriptions se font auprès de l'accueil de l'association, aux heures d'ouverture habituelles du centre.\nPage 2/2";
const LETTRE_DE_L_ETAT =
  'RÉPUBLIQUE\nFRANÇAISE\nLiberté\nPRÉFECTURE DE RÉGION\nMadame ROBIN Marie\nLa commission a retenu votre candidature pour la campagne de cette année, votre dossier étant complet à la date prévue.';

function pli(...textes: string[]): PageTexte[] {
  return textes.map((text, i) => (text === BLANCHE ? { index: i + 1, text: '', blank: true } : { index: i + 1, text }));
}

function decoupage(pages: PageTexte[]): number[][] {
  return segmenterPli(pages).documents.map((d) => d.pages);
}

const segmenter = suite('segmenterPli');

segmenter('table of envelopes and their documents', () => {
  const cas: [string, PageTexte[], number[][]][] = [
    ['one single-page document', pli(QUITTANCE), [[1]]],
    ['avis d impôt 1/2 2/2 then a payslip', pli(AVIS_IMPOT, AVIS_IMPOT_PAGE_2, bulletinSalaire('03')), [[1, 2], [3]]],
    ['three payslips in a row, one page each', pli(bulletinSalaire('01'), bulletinSalaire('02'), bulletinSalaire('03')), [[1], [2], [3]]],
    ['a two-page payslip between two others', pli(bulletinSalaire('02'), BULLETIN_2_PAGES_P1, BULLETIN_2_PAGES_P2, bulletinSalaire('04')), [[1], [2, 3], [4]]],
    ['identity card front and back', pli(cni(), CNI_VERSO_MRZ, QUITTANCE), [[1, 2], [3]]],
    ['type change without heading', pli(QUITTANCE, ATTESTATION_CAF.replace('ATTESTATION DE PAIEMENT', 'attestation de paiement')), [[1], [2]]],
    ['blank versos of a duplex scan are set apart', pli(AVIS_IMPOT, BLANCHE, AVIS_IMPOT_PAGE_2, BLANCHE, QUITTANCE, BLANCHE), [[1, 3], [5]]],
    ['attestation page 2 is a document of its own', pli(attestationPage2(), QUITTANCE), [[1], [2]]],
    [
      'documents no type names, each opening as documents do',
      pli(RECU_SANS_TYPE, LETTRE_SANS_TYPE, LETTRE_SANS_TYPE_FIN, LETTRE_DE_L_ETAT),
      [[1], [2, 3], [4]],
    ],
    ['a foreign original and its sworn translation after a French document', pli(QUITTANCE, ORIGINAL_ALLEMAND, TRADUCTION, QUITTANCE), [[1], [2, 3], [4]]],
    [
      'a foreign original after a French letter whose last page is a signature page',
      pli(LETTRE_SANS_TYPE, 'Cachet et signature :', ORIGINAL_ALLEMAND, TRADUCTION),
      [
        [1, 2],
        [3, 4],
      ],
    ],
    [
      'after a page numbered as its last (2/2), a page without number opens another copy',
      pli(NOTE_P1, NOTE_P2, NOTE_P1.replace('\nPage 1/2', '')),
      [[1, 2], [3]],
    ],
    [
      'a page of a few words headed as a kind of document, read poorly',
      pli(QUITTANCE, BLANCHE, "Accueil hivernal - Halte de nuit Saint-Martin\nATTESTATION D'HEBERGEMENT"),
      [[1], [3]],
    ],
    ['only blank pages', pli(BLANCHE, BLANCHE), []],
    ['no page', [], []],
  ];
  for (const [nom, pages, attendu] of cas) assert.equal(decoupage(pages), attendu, nom);
});

segmenter('every page appears once: in a document or among the blanks', () => {
  const pages = pli(AVIS_IMPOT, BLANCHE, AVIS_IMPOT_PAGE_2, bulletinSalaire('01'), BLANCHE, cni(), CNI_VERSO_MRZ);
  const s = segmenterPli(pages);
  const vues = [...s.documents.flatMap((d) => d.pages), ...s.pagesBlanches].sort((a, b) => a - b);
  assert.equal(
    vues,
    pages.map((p) => p.index),
  );
  assert.equal(s.pagesBlanches, [2, 5]);
});

segmenter('confidence follows the strength of the cues', () => {
  const sur = segmenterPli(pli(AVIS_IMPOT, AVIS_IMPOT_PAGE_2)).documents[0];
  assert.ok((sur?.confiance ?? 0) >= 0.9, JSON.stringify(sur));
  assert.ok(sur?.indices.some((i) => i.includes('page 2/2')));
  const vague = segmenterPli(pli(QUITTANCE, 'Signature du bailleur', 'texte sans indice')).documents[0];
  assert.equal(vague?.pages, [1, 2, 3]);
  assert.ok((vague?.confiance ?? 1) <= 0.6, JSON.stringify(vague));
  const apresBlanche = segmenterPli(pli(QUITTANCE, BLANCHE, 'Signature du bailleur')).documents[0];
  assert.is(apresBlanche?.confiance, 0.55);
});

segmenter('a "1/2" page announces its follower even without a marker on it', () => {
  const sansMarqueur = BULLETIN_2_PAGES_P2.replace('Page 2/2', '');
  assert.equal(decoupage(pli(BULLETIN_2_PAGES_P1, sansMarqueur, QUITTANCE)), [[1, 2], [3]]);
});

segmenter('a page headed as another document starts it, whatever pages the one before announced', () => {
  // a payslip numbered over 4 pages of which 2 were sent, then a CAF certificate under its own heading
  const p1 = BULLETIN_2_PAGES_P1.replace('Page 1/2', 'Page 1/4');
  const p2 = BULLETIN_2_PAGES_P2.replace('Page 2/2', 'Page 2/4');
  assert.equal(decoupage(pli(p1, p2, ATTESTATION_CAF)), [[1, 2], [3]]);
});

segmenter("a form's single page, numbered 3/6, does not go on with a document of another kind before it", () => {
  const feuillet = BULLETIN_2_PAGES_P2.replace('Page 2/2', 'Page 3/6');
  assert.equal(decoupage(pli(QUITTANCE, feuillet)), [[1], [2]]);
  // after its page 2/6, it does
  assert.equal(decoupage(pli(BULLETIN_2_PAGES_P1.replace('Page 1/2', 'Page 2/6'), feuillet)), [[1, 2]]);
});

segmenter('after a page 3/6, a page of another kind numbering none of its own starts a document: the form stopped short', () => {
  const feuillet = BULLETIN_2_PAGES_P2.replace('Page 2/2', 'Page 3/6');
  const caf = ATTESTATION_CAF.replace('ATTESTATION DE PAIEMENT', 'attestation de paiement');
  assert.equal(decoupage(pli(feuillet, caf)), [[1], [2]]);
});

segmenter('a page headed as the rest of the document before it goes on with it; a page headed as the rest of another kind does not', () => {
  const contrat = `CONTRAT DE TRAVAIL À DURÉE INDÉTERMINÉE
Entre l'association ADMR et Madame DUPONT Marie, il a été convenu ce qui suit.
Article 1 - Engagement. Madame DUPONT est engagée en qualité d'auxiliaire de vie sociale.
Article 2 - Durée du travail. La durée mensuelle de travail est fixée à 104 heures.
Article 3 - Rémunération. Le salaire brut mensuel est de 1 258,40 euros.`;
  const suiteDuContrat = `CONTRAT DE TRAVAIL (suite)
Article 4 - Période d'essai. Le contrat ne deviendra définitif qu'à l'issue d'une période d'essai d'un mois.
Article 5 - Lieu de travail. Le secteur d'intervention comprend les communes du canton.
Fait en deux exemplaires. Le salarié, la présidente.`;
  assert.equal(decoupage(pli(contrat, suiteDuContrat)), [[1, 2]]);
  assert.equal(decoupage(pli(QUITTANCE, suiteDuContrat)), [[1], [2]]);
});

segmenter('a page OCR read nothing of is a document of its own: it closes nothing, and nothing after it goes on with it', () => {
  const pages = pli(AVIS_IMPOT, AVIS_IMPOT_PAGE_2, ORIGINAL_ALLEMAND, TRADUCTION);
  const illisible = (apres: number) => [...pages.slice(0, apres), { index: 9, text: '', blank: false }, ...pages.slice(apres)];
  assert.equal(decoupage(illisible(2)), [[1, 2], [9], [3, 4]]);
  assert.equal(decoupage(illisible(1)), [[1], [9], [2], [3, 4]]);
});

segmenter('a page whose words still speak of the current document goes on with it, though another kind scores a little more', () => {
  const contrat =
    "Association Solidarité Logement\nCONTRAT DE SOUS-LOCATION\nENTRE l'association, locataire principal, ET Madame ROBIN Marie, ci-après « le sous-locataire ».\nDésignation : T2, 4 rue des Tilleuls. Surface habitable : 41 m².";
  // its second page: the association's social support, and the sub-tenant's duties
  const suite =
    "Accompagnement social : le sous-locataire est suivi par un travailleur social de l'association.\nLe sous-locataire occupe personnellement le logement et l'assure.\nFait à Metz, le 01/10/2024";
  assert.equal(decoupage(pli(contrat, suite)), [[1, 2]]);
  // a student card's name fields after an identity card are no evidence of an identity card: a document of its own
  const carteEtudiant = "UNIVERSITÉ DE LORRAINE\nCARTE D'ÉTUDIANT\nNom ROBIN Prénoms Marie\nN° étudiant 31845217\nAnnée universitaire 2025-2026";
  assert.equal(decoupage(pli(cni('ROBIN', 'Marie'), carteEtudiant)), [[1], [2]]);
});

segmenter("identity documents in a row are two persons' when their holders were born on other days, headings missed or not", () => {
  // a foreign card OCR read without its heading: names, dates and its machine-readable zone
  const carteSansEnTete = (naissance: string) =>
    `MAGYARORSZAG / HUNGARY\nDUPONT\nMARIE\nMAGYAR/HUN\nB10674ZL\n01.02.2030\nIDHUNB10674ZL<<<<<<<<<<<<<<<<\n${naissance}F3002816HUN<<<<<<<<<<<4\nDUPONT<<MARIE<<<<<<<<<<<<<<<<<`;
  const passeportEnfant = cni('DUPONT', 'Léa', '11.03.2031', '02.09.2015');
  assert.equal(decoupage(pli(passeportEnfant, carteSansEnTete('8607140'))), [[1], [2]]);
  // the same person's card, its other side: one document
  assert.equal(decoupage(pli(cni(), CNI_VERSO_MRZ)), [[1, 2]]);
  assert.equal(decoupage(pli(cni(), carteSansEnTete('8607140'))), [[1, 2]]);
});

segmenter.run();
