import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { construireModele } from '../../classification/modele-classement.ts';
import { plan } from '../../classification/plan-de-classement.ts';

const modele = suite('construireModele');

function poids(type: string, texte: string) {
  return construireModele(plan)
    .types.find((t) => t.type === type)
    ?.expressions.find((e) => e.texte === texte);
}

modele('one entry per type of the plan, built once', () => {
  const m = construireModele(plan);
  assert.is(m.types.length, plan.categories.flatMap((c) => c.types).length);
  assert.is(construireModele(plan), m);
});

modele('longer phrases weigh more; words too short to mean anything are left out', () => {
  assert.ok((poids('BUL', 'Net à payer avant impôt sur le revenu')?.poids ?? 0) > (poids('BUL', 'Salaire brut')?.poids ?? 0));
  assert.ok((poids('BUL', 'Salaire brut')?.poids ?? 0) > (poids('BUL', 'Cotisations')?.poids ?? 0));
  assert.is(poids('TSD', 'au'), undefined);
  assert.is(poids('GRO', 'SA'), undefined);
});

modele('phrases shared by several kinds of document weigh less; variants of one family do not dilute', () => {
  assert.is(poids('CTR', 'SIRET')?.poids, 0.2);
  assert.is(poids('CID', 'PASSEPORT')?.poids, poids('CIC', 'PASSEPORT')?.poids);
  assert.is(poids('CID', 'PASSEPORT')?.poids, 1);
  assert.is(poids('TUT', 'JUGEMENT')?.poids, 1 / 4);
});

modele('headings and machine-zone prefixes are marked', () => {
  assert.equal([poids('BUL', 'BULLETIN DE PAIE')?.titre, poids('BUL', 'Salaire brut')?.titre], [true, false]);
  assert.equal([poids('CID', 'IDFRA')?.mrz, poids('CID', 'P<FRA')?.mrz, poids('TSD', 'IRFRA')?.mrz], [true, true, true]);
});

modele.run();
