import fs from 'node:fs/promises';
import path from 'node:path';
import { messageSimple } from '../../fixtures/messages.ts';
import { textPageJpeg } from './documents.ts';
import { callServer } from './http.ts';

/** The registry of the review lot: Paul Martin's demande under a number his cover does not show, Élodie Lefèvre's as shown. */
export const revueRegistry = {
  martin: '057 1215 073904 10691',
  lefevre: '057 1215 073903 10691',
  radiee: '974 0624 000123 DGALN',
  csv: [
    'numeroUnique,etat,nom,prenom,dateNaissance,email,guichet,dateDepot,dateRadiation',
    '057 1215 073904 10691,active,Martin,Paul,1975-06-02,,10691,2015-12-03,',
    '057 1215 073903 10691,active,Lefèvre,Élodie,1988-03-14,elodie.lefevre@example.fr,10691,2015-12-03,',
    '974 0624 000123 DGALN,radiee,Payet,Jean-Marc,1979-11-02,,DGALN,2024-06-12,2025-01-15',
  ].join('\n'),
};

const attestation = (numero: string, nom: string, prenom: string) => [
  'ATTESTATION D’ENREGISTREMENT',
  "d'une demande de logement locatif social",
  `Numéro unique : ${numero}`,
  `Demandeur : ${nom.toUpperCase()} ${prenom}`,
  'Date de dépôt de la demande : 03/12/2015',
  'Cette attestation vaut accusé de réception de votre demande.',
];

/**
 * A small scan lot, one JPEG per page, that leaves a review task of each reason an operator meets
 * most: pages before the first cover (to reject), a cover whose number is not registered (to
 * attach to Paul Martin, its envelope proposed as one document to split in two, a blank page
 * dropped inside it to bring back), and a document of a matched envelope the classifier cannot
 * type.
 */
export async function writeRevueLot(dir: string): Promise<string[]> {
  const pages: (string[] | 'blanc')[] = [
    ['Note de service', 'Planning des permanences du mois prochain', 'Salle de réunion réservée le mardi matin', 'Merci de confirmer votre présence'],
    attestation('057 0322 000123 10691', 'Martin', 'Paul'),
    ["AVIS D'IMPOSITION 2025", "sur les revenus de l'année 2024", 'M. MARTIN Paul', 'Revenu fiscal de référence : 18 240 €', 'Page 1/2'],
    'blanc',
    ["AVIS D'IMPOSITION 2025 (suite)", 'M. MARTIN Paul', "Détail de l'impôt sur le revenu", 'Montant de votre impôt : 0 €', 'Page 2/2'],
    // a quittance whose title was cut off at the scan: read as the avis's third page, to be split off by the operator
    ['M. MARTIN Paul', 'Détail des sommes versées', 'Loyer de septembre 2025 : 480,00 €', 'Charges : 60,00 €'],
    attestation(revueRegistry.lefevre, 'Lefèvre', 'Élodie'),
    ['Madame LEFÈVRE Élodie', 'Je vous écris au sujet de mon dossier.', 'Voici les éléments que vous attendiez.', 'Cordialement'],
  ];
  const files: string[] = [];
  for (const [i, page] of pages.entries()) {
    const file = path.join(dir, `page-${String(i + 1).padStart(2, '0')}.jpg`);
    await fs.writeFile(file, await textPageJpeg(page === 'blanc' ? [] : page));
    files.push(file);
  }
  return files;
}

/** The applicants of the second review lot, both registered. */
export const revueRegistry2 = {
  benali: '057 1215 073905 10691',
  nguyen: '057 1215 073906 10691',
  csv: [
    '057 1215 073905 10691,active,Benali,Karim,1990-01-21,,10691,2015-12-03,',
    '057 1215 073906 10691,active,Nguyen,Thi,1969-07-30,,10691,2015-12-03,',
  ].join('\n'),
};

/**
 * A second lot, sent declaring three envelopes where its scan holds two, which leaves the other
 * reasons the scan pipeline gives an operator: Karim Benali's envelope holding a page that names
 * only Thi Nguyen, another applicant of the lot (to check and confirm); Thi Nguyen's envelope,
 * whose untitled second page does not name her, held by the count (to confirm and type); and a
 * file that is no image (to reject).
 */
export async function writeRevueLot2(dir: string): Promise<string[]> {
  const pages: string[][] = [
    attestation(revueRegistry2.benali, 'Benali', 'Karim'),
    ["AVIS D'IMPOSITION 2025", "sur les revenus de l'année 2024", 'M. BENALI Karim', 'Revenu fiscal de référence : 14 310 €'],
    ["ATTESTATION D'HÉBERGEMENT", 'Je soussignée Mme NGUYEN Thi,', 'atteste héberger à titre gratuit mon neveu', 'à mon domicile depuis le 1er mars 2024.'],
    attestation(revueRegistry2.nguyen, 'Nguyen', 'Thi'),
    ['Détail des sommes versées', 'Loyer de octobre 2025 : 520,00 €', 'Charges : 45,00 €', 'Reçu le 5 octobre 2025'],
  ];
  const files: string[] = [];
  for (const [i, page] of pages.entries()) {
    const file = path.join(dir, `lot2-page-${i + 1}.jpg`);
    await fs.writeFile(file, await textPageJpeg(page));
    files.push(file);
  }
  // a file cut short in transfer: a JPEG's first bytes and nothing after
  const truncated = path.join(dir, 'lot2-page-6.jpg');
  await fs.writeFile(truncated, (await textPageJpeg(['Page coupée'])).subarray(0, 200));
  return [...files, truncated];
}

/**
 * A guichet's message about Élodie Lefèvre whose subject and body give no numéro unique, posted as
 * an operator relays it: it waits whole for a number. Answers the mail lot once it has settled.
 */
export async function postMessageWithoutNumber(baseUrl: string, token: string) {
  const quittance = await textPageJpeg([
    'QUITTANCE DE LOYER',
    'Madame LEFÈVRE Élodie',
    'Loyer de novembre 2025 : 480,00 €',
    'Charges : 60,00 €',
    'Pour acquit, le bailleur',
  ]);
  const message = await messageSimple(
    { from: 'accueil@mairie-metz.example', to: 'pieces@dossier-unique.example' },
    'Pièce pour le dossier de Mme Lefèvre',
    'revue-sans-numero',
    [{ filename: 'quittance.jpg', content: quittance, contentType: 'image/jpeg' }],
  );
  const posted = await fetch(`${baseUrl}/v1/courriels`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'message/rfc822' },
    body: message,
  });
  if (posted.status !== 202) throw new Error(`POST /v1/courriels: ${posted.status} ${await posted.text()}`);
  const { id } = (await posted.json()) as { id: string };
  for (let i = 0; i < 600; i++) {
    const lot = (await callServer(baseUrl, 'GET', `/v1/lots/${id}`, { token })).body;
    if (!['recu', 'en_cours'].includes(lot.statut)) return lot;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`mail lot ${id} still not settled after 60 s`);
}
