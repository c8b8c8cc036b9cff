import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detecterCouverture, indicesCouverture } from '../../classification/detecter-couverture.ts';
import { AVIS_IMPOT, attestationPage2, BULLETIN_2_PAGES_P1, cni, courrierCitantNumero, couverture, QUITTANCE } from './echantillons.ts';

const detecter = suite('detecterCouverture');

const COUVERTURE_OCR_BRUITEE = couverture()
  .replace("ATTESTATION D'ENREGISTREMENT", 'ATTESTATI0N D ENREGlSTREMNT')
  .replace('Numéro unique départemental', 'Numero unlque departemental')
  .replace('057 1215 073903 10691', 'O57 l215 O73903 1O691')
  .replace('Date de dépôt', 'Date de depot');

detecter("table of pages: what a page's own text tells of a cover, registry and sequence aside", () => {
  const cas: [string, string, 'couverture' | 'incertaine' | 'non'][] = [
    ['attestation page 1', couverture(), 'couverture'],
    ['attestation page 1 with a letter guichet and accents lost', couverture('02A 0324 000012 DGALN').normalize('NFD').replace(/\p{M}/gu, ''), 'couverture'],
    ['attestation page 1, noisy OCR', COUVERTURE_OCR_BRUITEE, 'couverture'],
    // the sequence tells it from a cover: it quotes the number of the envelope it is in
    ['letter quoting the number', courrierCitantNumero(), 'couverture'],
    ['number in a sentence of a letter', 'Madame,\nvotre demande de logement social est enregistrée sous le n° 0571215073903 10691.', 'couverture'],
    ['attestation page 2 (« page 2/2 »)', attestationPage2(), 'non'],
    ['avis d impôt', AVIS_IMPOT, 'non'],
    ['bulletin de salaire', BULLETIN_2_PAGES_P1, 'non'],
    ['carte d identité', cni(), 'non'],
    ['quittance', QUITTANCE, 'non'],
    [
      "a copy of a guichet's register, its date cell read as « 10/12 »",
      'REGISTRE DES DEMANDES DE LOGEMENT - MAIRIE DE MARSEILLE\nFolio 41\nDate Nom et prénom Adresse N° d’enreg. Visa\n10/12\nÉLIE Loïc\n66 rue des Jardins\n013-1215-996740-ALSRV\nM\nCopie certifiée conforme au registre - 16/07/2022',
      'couverture',
    ],
    ['empty OCR', '', 'non'],
    [
      'a notice naming a Conseil départemental and a dossier unique',
      'Maison départementale des personnes handicapées\nDécision du Conseil départemental\nVos pièces sont versées à votre dossier unique.',
      'non',
    ],
    ['a form whose number field was left empty', 'Bordereau de transmission\nN° unique : ____________\nMme DUPONT Marie', 'incertaine'],
    ['torn cover: number lost, proof of registration left', couverture().replace('057 1215 073903 10691', ''), 'incertaine'],
    ['receipt without a readable number', 'Récépissé de dépôt\nDemande de logement locatif social\nNuméro unique : ▯▯▯\nMme DUPONT Marie', 'incertaine'],
  ];
  for (const [nom, texte, verdict] of cas) {
    const d = detecterCouverture({ text: texte });
    assert.is(d.verdict, verdict, `${nom}: ${d.confiance} ${d.indices.join(' ; ')}`);
  }
});

detecter('gives its evidence', () => {
  const d = detecterCouverture({ text: couverture() });
  assert.ok(d.indices.some((i) => i.startsWith('numéro unique lisible')));
  assert.ok(d.indices.some((i) => i.includes("vocabulaire de l'enregistrement")));
  const page2 = detecterCouverture({ text: attestationPage2() });
  assert.ok(
    page2.indices.some((i) => i.includes('page de suite')),
    page2.indices.join(),
  );
});

detecter('a blank page is not a cover, whatever its speckle text; ink that read as nothing is uncertain', () => {
  assert.is(detecterCouverture({ text: couverture(), blank: true }).verdict, 'non');
  assert.is(detecterCouverture({ text: '', blank: false }).verdict, 'incertaine');
});

detecter("a demand's number label: with a number on its line it is a registration's evidence; alone it only asks for the number's zone to be read", () => {
  const avecNumero = indicesCouverture({ text: 'Pôle attributions\nIdentifiant de la demande : 002 0119 048014 CC133' });
  assert.ok(avecNumero.enregistrement && avecNumero.libelle);
  const sansNumero = indicesCouverture({ text: "RÉCÉPISSÉ\nNuméro d'enregistrement 086062387\nDate de dépôt : 04/06/2023" });
  assert.ok(sansNumero.libelle);
  assert.not.ok(sansNumero.enregistrement, 'a complaint or an association has a registration number too');
  assert.not.ok(indicesCouverture({ text: 'BULLETIN DE PAIE\nNet à payer 1 452,18' }).libelle);
  assert.ok(indicesCouverture({ text: 'Date Nom et prénom Adresse N° d’enreg. Visa' }).libelle, "a register's column");
  assert.ok(indicesCouverture({ text: 'Numéro de demande de logement social (NUD) :' }).libelleDeDemande, 'a form asking for the NUD');
  // the Île-de-France's « NUR » with its number misread: the number's zone is read again
  assert.ok(indicesCouverture({ text: '(Droit au logement opposable - NUR 031 0915 580401 COISsI' }).libelle, 'a court notice quoting the NUR');
  assert.ok(indicesCouverture({ text: 'NUR :' }).libelleDeDemande);
  assert.not.ok(indicesCouverture({ text: 'Gültig nur mit Lichtbildausweis' }).libelle, 'a German « nur »');
});

detecter('a registration in older words, and a demand whose applicant the page names as such, are a registration’s evidence', () => {
  const enregistrement = (texte: string) => indicesCouverture({ text: texte }).enregistrement;
  assert.ok(enregistrement("CERTIFICAT D'INSCRIPTION\ncomme demandeur de logement locatif social\ninscrit au fichier partagé depuis le 12/12/2022"));
  assert.ok(enregistrement('BORDEREAU DE NUMÉRISATION\nDemande de logement social\nNuméro: 086 1016 407179 CC359\nDemandeur : Mme BLANC Noémie'));
  // without the number, or without the demand, a page naming a « demandeur » is not one
  assert.not.ok(enregistrement('BORDEREAU DE NUMÉRISATION\nDemande de logement social\nDemandeur : Mme BLANC Noémie'));
  assert.not.ok(enregistrement('JUGEMENT\nDEMANDEUR : Monsieur ROUX Paul\nRG 086 1016 407179 CC359'));
  assert.not.ok(enregistrement("UNIVERSITÉ DE LILLE\nATTESTATION D'INSCRIPTION\nÉtudiant inscrit en licence\nAide personnalisée au logement"));
});

detecter('a guichet named by the statute (« service enregistreur ») or its proof of deposit speak of a registration', () => {
  const enregistrement = (texte: string) => indicesCouverture({ text: texte }).enregistrement;
  // a CCAS receipt whose number line a pen stroke took out of OCR's reading
  assert.ok(enregistrement('ATTESTATION DE DÉPÔT\nDemande de logement locatif social\nLe CCAS, service enregistreur, atteste avoir reçu le formulaire'));
  assert.ok(enregistrement('RÉCÉPISSÉ DE DÉPÔT\nDemande de logement locatif social\nDéposée le : 30/12/2019'));
  // a deposit that is no demand's: a lease's security deposit
  assert.not.ok(enregistrement('CONTRAT DE LOCATION\nLogement social conventionné\nDépôt de garantie : 450,00 €'));
});

detecter("the demand's applicant a page names after « Nom du demandeur » or « Demandeur »; a heading, a sentence or a job seeker's status name nobody", () => {
  const demandeur = (ligne: string) => indicesCouverture({ text: `Service habitat\n${ligne}` }).demandeur;
  const table: [string, string | undefined][] = [
    ['Nom du demandeur BERNARD', 'BERNARD'],
    ['Nom du demandeur. ROUSSEAU', 'ROUSSEAU'],
    ['Nom et prénom de la demandeuse : LE GALL Inès', 'LE GALL Inès'],
    ['Demandeur : Monsieur BOUCHER-LEMAÎTRE Gaël, né le 28/03/1992', 'Monsieur BOUCHER-LEMAÎTRE Gaël, né le 28/03/1992'],
    ['Demandeur M. MOREL Thierry', 'M. MOREL Thierry'],
    ['Demandeur MARTINEZ Étienne', 'MARTINEZ Étienne'],
    ['DEMANDEUR CADRE RÉSERVÉ AU SERVICE', undefined],
    ['DEMANDEUR N° UNIQUE DÉPARTEMENTAL', undefined],
    ['demandeur peut exercer un recours devant le tribunal administratif.', undefined],
    ['demandeur : type T3, sur la commune de Épinal ou ses environs.', undefined],
    ["Statut : demandeur d'emploi en formation (AREF)", undefined],
    ['Nom du demandeur', undefined],
  ];
  for (const [ligne, attendu] of table) assert.is(demandeur(ligne), attendu, ligne);
});

detecter.run();
