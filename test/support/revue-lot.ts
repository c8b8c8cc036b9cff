import fs from 'node:fs/promises';
import path from 'node:path';
import { textPageJpeg } from './documents.ts';

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
    ['Madame LEFÈVRE Élodie', 'Je vous écris au sujet de mon dossier.', 'Veuillez trouver ci-joint les éléments demandés.', 'Cordialement'],
  ];
  const files: string[] = [];
  for (const [i, page] of pages.entries()) {
    const file = path.join(dir, `page-${String(i + 1).padStart(2, '0')}.jpg`);
    await fs.writeFile(file, await textPageJpeg(page === 'blanc' ? [] : page));
    files.push(file);
  }
  return files;
}
