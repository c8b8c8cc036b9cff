import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import json from '../../classification/plan-de-classement.json' with { type: 'json' };
import { chargerPlan, findType, findTypeByCode, isSensitive, plan, planForApi } from '../../classification/plan-de-classement.ts';

function copie(): any {
  return structuredClone(json);
}

const chargement = suite('chargerPlan');

chargement('loads the committed plan without provenance noise', () => {
  assert.is(plan.version, 'draft-1');
  assert.ok(plan.categories.length >= 10);
  const bul = plan.categories.find((c) => c.code === 'RES')?.types.find((t) => t.code === 'BUL');
  assert.is(bul?.maxDocuments, 15);
  assert.not.ok('regulatoryBasis' in (bul ?? {}));
  assert.not.ok('codeProvenance' in (plan.categories[0] ?? {}));
});

chargement('a broken plan fails loudly, naming the field', () => {
  const sansMotsCles = copie();
  sansMotsCles.categories[0].types[0].keywords = [];
  assert.throws(() => chargerPlan(sansMotsCles), /categories\.0\.types\.0\.keywords/);

  const limiteTexte = copie();
  limiteTexte.categories[5].types[0].maxDocuments = '15';
  assert.throws(() => chargerPlan(limiteTexte), /categories\.5\.types\.0\.maxDocuments/);

  const doublon = copie();
  doublon.categories[1].types[0].code = 'CID';
  assert.throws(() => chargerPlan(doublon), /codes en double : type CID/);

  assert.throws(() => chargerPlan({}), /plan de classement invalide/);
});

chargement.run();

const parCategorie = suite('findType');

parCategorie('finds a type within its category', () => {
  const trouve = findType('RES', 'BUL');
  assert.is(trouve?.categorie.code, 'RES');
  assert.is(trouve?.type.label, 'Bulletin de salaire / fiche de paie');
});

parCategorie('a type under the wrong category or an unknown code is not found', () => {
  assert.is(findType('IDD', 'BUL'), undefined);
  assert.is(findType('XXX', 'BUL'), undefined);
  assert.is(findType('RES', 'XXX'), undefined);
});

parCategorie.run();

const parCode = suite('findTypeByCode');

parCode('finds the category of a type code', () => {
  assert.is(findTypeByCode('CIC')?.categorie.code, 'IDC');
  assert.is(findTypeByCode('JUSTL')?.categorie.code, 'LOGACT');
  assert.is(findTypeByCode('NOPE'), undefined);
});

parCode('every type code of the plan is found in its own category', () => {
  for (const categorie of plan.categories) {
    for (const type of categorie.types) assert.is(findTypeByCode(type.code)?.categorie.code, categorie.code, type.code);
  }
});

parCode.run();

const sensible = suite('isSensitive');

sensible('a type is sensitive by itself or through its category', () => {
  assert.is(isSensitive('IDD', 'CID'), false);
  assert.is(isSensitive('IDD', 'NIR'), true);
  assert.is(isSensitive('MOT', 'VIO'), true);
  assert.is(isSensitive('HAN', 'CMI'), true);
  assert.is(isSensitive('IDD', 'BUL'), undefined);
});

sensible('a sensitive category makes all its types sensitive', () => {
  const p = copie();
  p.categories[0].sensitive = true;
  const modifie = chargerPlan(p);
  assert.is(isSensitive('IDD', 'CID', modifie), true);
});

sensible.run();

const api = suite('planForApi');

api('gives labels, sensitivity, limits, validity flag and relevance indices', () => {
  const reponse = planForApi();
  assert.is(reponse.version, 'draft-1');
  assert.is(reponse.tailleMaxOctets, 2 * 1024 * 1024);
  assert.equal(
    reponse.indicesPertinence.map((i) => i.code),
    ['IV', 'PR', 'HP', 'IN', 'OB'],
  );
  const res = reponse.categories.find((c) => c.code === 'RES');
  assert.equal(
    res?.types.find((t) => t.code === 'BUL'),
    {
      code: 'BUL',
      libelle: 'Bulletin de salaire / fiche de paie',
      sensible: false,
      dateFinValidite: false,
      maxDocuments: 15,
    },
  );
  const cid = reponse.categories[0]?.types[0];
  assert.equal(cid?.dateFinValidite, true);
});

api('carries no provenance notes nor keywords', () => {
  const texte = JSON.stringify(planForApi());
  for (const bruit of ['provenance', 'Provenance', 'keywords', 'regulatoryBasis', 'codeStatus', 'note']) {
    assert.not.ok(texte.includes(`"${bruit}`), bruit);
  }
});

api.run();
