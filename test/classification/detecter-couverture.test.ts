import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { detecterCouverture } from '../../classification/detecter-couverture.ts';
import { attestationPage2, AVIS_IMPOT, BULLETIN_2_PAGES_P1, cni, couverture, courrierCitantNumero, QUITTANCE } from './echantillons.ts';

const detecter = suite('detecterCouverture');

const COUVERTURE_DECHIREE = couverture().split('\n').slice(15).join('\n');
const COUVERTURE_OCR_BRUITEE = couverture()
  .replace("ATTESTATION D'ENREGISTREMENT", 'ATTESTATI0N D ENREGlSTREMNT')
  .replace('Numéro unique départemental', 'Numero unlque departemental')
  .replace('057 1215 073903 10691', 'O57 l215 O73903 1O691')
  .replace('Date de dépôt', 'Date de depot');

detecter('table of pages: covers, not covers, and the uncertain', () => {
  const cas: [string, string, 'couverture' | 'incertaine' | 'non'][] = [
    ['attestation page 1', couverture(), 'couverture'],
    ['attestation page 1 with a letter guichet and accents lost', couverture('02A 0324 000012 DGALN').normalize('NFD').replace(/\p{M}/gu, ''), 'couverture'],
    ['attestation page 1, noisy OCR', COUVERTURE_OCR_BRUITEE, 'couverture'],
    ['attestation page 2', attestationPage2(), 'non'],
    ['letter quoting the number', courrierCitantNumero(), 'non'],
    ['avis d impôt', AVIS_IMPOT, 'non'],
    ['bulletin de salaire', BULLETIN_2_PAGES_P1, 'non'],
    ['carte d identité', cni(), 'non'],
    ['quittance', QUITTANCE, 'non'],
    ['empty OCR', '', 'non'],
    ['torn cover: title lost, number and labels left', COUVERTURE_DECHIREE, 'incertaine'],
  ];
  for (const [nom, texte, verdict] of cas) {
    const d = detecterCouverture({ text: texte });
    assert.is(d.verdict, verdict, `${nom}: ${d.confiance} ${d.indices.join(' ; ')}`);
  }
});

detecter('gives its evidence and a confidence between 0 and 1', () => {
  const d = detecterCouverture({ text: couverture() });
  assert.ok(d.confiance >= 0.9 && d.confiance <= 1, String(d.confiance));
  assert.ok(d.indices.some((i) => i.startsWith("titre « attestation d'enregistrement »")));
  assert.ok(d.indices.some((i) => i.startsWith('numéro unique lisible')));
  const page2 = detecterCouverture({ text: attestationPage2() });
  assert.ok(
    page2.indices.some((i) => i.includes('page 2/2')),
    page2.indices.join(),
  );
});

detecter('a blank page is not a cover, whatever its speckle text', () => {
  assert.equal(detecterCouverture({ text: couverture(), blank: true }), { verdict: 'non', confiance: 0, indices: ['page vide'] });
});

detecter('the title in a letter body or subject is only a mention', () => {
  const lettre = `Objet : ATTESTATION D'ENREGISTREMENT de votre demande
Madame, Monsieur,
Veuillez trouver ci-joint votre attestation d'enregistrement d'une demande de logement social
numéro unique 057 1215 073903 10691.`;
  const d = detecterCouverture({ text: lettre });
  assert.is.not(d.verdict, 'couverture', d.indices.join(' ; '));
});

detecter.run();
