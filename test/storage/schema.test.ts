import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { planForApi } from '../../classification/plan-de-classement.ts';
import { indicesPertinence, motifDeRefus, motifsRevue } from '../../storage/schema/index.ts';

test("the relevance codes the schema, the API and the portal take are the plan de classement's", () => {
  assert.equal(
    planForApi().indicesPertinence.map((i) => i.code),
    [...indicesPertinence],
  );
});

test('a refusal is a review motif only when an operator can act on it', () => {
  assert.is(motifDeRefus('limite_categorie_atteinte'), 'limite_categorie_atteinte');
  assert.is(motifDeRefus('format_non_supporte'), 'format_non_supporte');
  assert.is(motifDeRefus('service_indisponible'), null);
  assert.is(motifDeRefus('erreur_interne'), null);
  assert.is(new Set(motifsRevue).size, motifsRevue.length);
});

test.run();
