import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import json from '../../classification/plan-de-classement.json' with { type: 'json' };
import { chargerPlan } from '../../classification/plan-de-classement.ts';
import { verifierLimites, verifierLimitesLot, type PieceDossier } from '../../classification/verifier-limites.ts';

const BUL: PieceDossier = { categorie: 'RES', type: 'BUL' };
const CAF: PieceDossier = { categorie: 'RES', type: 'CAF' };
const bulletins = (n: number): PieceDossier[] => Array.from({ length: n }, () => BUL);

// A plan where the category RES holds at most 3 documents, to test category limits.
function planCategorieLimitee() {
  const p = structuredClone(json) as { categories: { code: string; maxDocuments: number | null }[] };
  const res = p.categories.find((c) => c.code === 'RES');
  if (res !== undefined) res.maxDocuments = 3;
  return chargerPlan(p);
}

const limites = suite('verifierLimites');

limites('table of documents against dossiers', () => {
  const cas: [string, Parameters<typeof verifierLimites>[0], PieceDossier[], string][] = [
    ['first payslip', BUL, [], 'ok'],
    ['15th payslip', BUL, bulletins(14), 'ok'],
    ['16th payslip', BUL, bulletins(15), 'limite_categorie_atteinte'],
    ['a CAF attestation beside 15 payslips (no category limit)', CAF, bulletins(15), 'ok'],
    ['a type without limit', { categorie: 'IDD', type: 'CID' }, Array.from({ length: 40 }, () => ({ categorie: 'IDD', type: 'CID' })), 'ok'],
    ['a 2 Mo document', { ...BUL, taille: 2 * 1024 * 1024 }, [], 'ok'],
    ['one byte over 2 Mo', { ...BUL, taille: 2 * 1024 * 1024 + 1 }, [], 'taille_depassee'],
    ['type under the wrong category', { categorie: 'IDD', type: 'BUL' }, [], 'type_inconnu'],
    ['unknown type', { categorie: 'RES', type: 'XXX' }, [], 'type_inconnu'],
  ];
  for (const [nom, document, dossier, attendu] of cas) {
    const v = verifierLimites(document, dossier);
    assert.is(v.ok ? 'ok' : v.motif, attendu, nom);
  }
});

limites('a breach says what is there and the maximum', () => {
  assert.equal(verifierLimites(BUL, bulletins(15)), {
    ok: false,
    motif: 'limite_categorie_atteinte',
    detail: '15 pièces « Bulletin de salaire / fiche de paie » déjà au dossier (maximum 15)',
    limite: 15,
    presents: 15,
  });
});

limites('category limits count every type of the category', () => {
  const plan = planCategorieLimitee();
  assert.is(verifierLimites(CAF, [BUL, CAF], { plan }).ok, true);
  const v = verifierLimites(CAF, [BUL, CAF, BUL], { plan });
  assert.is(v.ok ? 'ok' : v.motif, 'limite_categorie_atteinte');
  if (!v.ok) assert.match(v.detail, /catégorie « Ressources mensuelles »/);
});

limites('the size limit is configurable', () => {
  assert.is(verifierLimites({ ...BUL, taille: 1000 }, [], { tailleMaxOctets: 999 }).ok, false);
});

limites.run();

const lot = suite('verifierLimitesLot');

lot('documents of one envelope count against each other, refused ones do not', () => {
  const documents = [BUL, BUL, { ...BUL, taille: 5_000_000 }, BUL, CAF];
  const v = verifierLimitesLot(documents, bulletins(13));
  assert.equal(
    v.map((x) => (x.ok ? 'ok' : x.motif)),
    ['ok', 'ok', 'taille_depassee', 'limite_categorie_atteinte', 'ok'],
  );
});

lot('the dossier given is left as it was', () => {
  const dossier = bulletins(2);
  verifierLimitesLot([BUL, BUL], dossier);
  assert.is(dossier.length, 2);
});

lot.run();
