import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createToken } from '../../../services/acteurs/create-token.ts';
import { createApp } from '../../../services/app.ts';
import type { Deps } from '../../../services/deps.ts';
import { testDeps } from '../../support/backends.ts';
import { call } from '../../support/http.ts';

const registry = suite<{ deps: Deps; app: ReturnType<typeof createApp>; gestionnaire: string; guichet: string }>('registry of demandes');

registry.before(async (context) => {
  context.deps = await testDeps();
  context.app = createApp(context.deps);
  context.gestionnaire = (await createToken({ db: context.deps.db, input: { role: 'gestionnaire' } })).token;
  context.guichet = (await createToken({ db: context.deps.db, input: { role: 'guichet', guichet: '10691' } })).token;
});
registry.after(async ({ deps }) => deps.close());

const valid = {
  numeroUnique: '057121507390310691',
  etat: 'active',
  nom: 'Lefèvre',
  prenom: 'Élodie',
  dateNaissance: '1988-03-14',
  email: 'elodie.lefevre@example.fr',
  guichet: '10691',
  dateDepot: '2015-12-03',
  dateRadiation: null,
};

registry('JSON: valid rows are kept, each invalid row is rejected with its line and reason', async ({ app, gestionnaire }) => {
  const rows = [
    valid,
    { ...valid, numeroUnique: '096 1215 073903 10691' },
    { ...valid, numeroUnique: '02B 0123 000001 DGALN', etat: 'suspendue' },
    { ...valid, numeroUnique: '02B 0123 000002 DGALN', dateNaissance: '1990-02-30' },
    { ...valid, numeroUnique: '02B 0123 000003 DGALN', email: 'pas-une-adresse' },
    { ...valid, numeroUnique: '971 0623 000004 DGALN', etat: 'radiee', dateRadiation: '2024-05-02', nom: 'Hoarau' },
    { ...valid, numeroUnique: '972 0623 000005 DGALN', etat: 'radiee', dateRadiation: null },
  ];
  const response = await call(app, 'POST', '/v1/demandes', { token: gestionnaire, json: rows });
  assert.is(response.status, 200);
  assert.is(response.body.recues, 7);
  assert.is(response.body.acceptees, 2);
  assert.is(response.body.creees, 2);
  assert.is(response.body.rejetees, 5);
  const byLine = Object.fromEntries(response.body.erreurs.map((e: { ligne: number; motif: string }) => [e.ligne, e.motif]));
  assert.match(byLine[2], 'département');
  assert.match(byLine[3], 'état « suspendue » inconnu');
  assert.match(byLine[4], 'date de naissance');
  assert.match(byLine[5], 'e-mail');
  assert.match(byLine[7], 'date de radiation');
});

registry('the same rows again change nothing; a changed row is updated', async ({ app, gestionnaire }) => {
  const again = await call(app, 'POST', '/v1/demandes', { token: gestionnaire, json: [valid] });
  assert.equal([again.body.creees, again.body.modifiees, again.body.inchangees], [0, 0, 1]);
  const moved = await call(app, 'POST', '/v1/demandes', { token: gestionnaire, json: [{ ...valid, email: 'elodie@example.org' }] });
  assert.equal([moved.body.creees, moved.body.modifiees, moved.body.inchangees], [0, 1, 0]);
});

registry('CSV: header, French dates, semicolons, lines counted from the header', async ({ app, gestionnaire }) => {
  const csv = [
    'numeroUnique;etat;nom;prenom;dateNaissance;email;guichet;dateDepot;dateRadiation',
    '974 0624 000123 DGALN;active;Payet;Jean-Marc;02/11/1979;;dgaln;12/06/2024;',
    '075 1325 000001 75001;active;Martin;Luc;01/01/1990;;75001;;',
    '974 0624 000123 DGALN;active;Payet;Jean-Marc;02/11/1979;;DGALN;12/06/2024;',
  ].join('\r\n');
  const response = await call(app, 'POST', '/v1/demandes', { token: gestionnaire, body: `\uFEFF${csv}`, contentType: 'text/csv' });
  assert.is(response.status, 200);
  assert.is(response.body.acceptees, 1);
  assert.equal(
    response.body.erreurs.map((e: { ligne: number }) => e.ligne),
    [3, 4],
  );
  assert.match(response.body.erreurs[0].motif, 'mois 13');
  assert.match(response.body.erreurs[1].motif, 'ligne 2');
});

registry('CSV without the expected columns is refused whole with the expected header', async ({ app, gestionnaire }) => {
  const response = await call(app, 'POST', '/v1/demandes', { token: gestionnaire, body: 'nu,nom\n1,2', contentType: 'text/csv' });
  assert.is(response.status, 400);
  assert.is(response.body.code, 'requete_invalide');
  assert.match(response.body.detail, 'numeroUnique');
});

registry('another body type is 415, a JSON object is 400', async ({ app, gestionnaire }) => {
  assert.is((await call(app, 'POST', '/v1/demandes', { token: gestionnaire, body: 'x', contentType: 'application/xml' })).status, 415);
  const object = await call(app, 'POST', '/v1/demandes', { token: gestionnaire, json: { demandes: [] } });
  assert.is(object.status, 400);
  assert.is(object.body.code, 'requete_invalide');
});

registry('a body over the limit is refused before it is read', async ({ deps, gestionnaire }) => {
  const small = createApp({ ...deps, config: { ...deps.config, maxBodyBytes: 1024 } });
  const response = await call(small, 'POST', '/v1/demandes', { token: gestionnaire, body: 'x'.repeat(4096), contentType: 'text/csv' });
  assert.is(response.status, 413);
  assert.is(response.body.code, 'taille_depassee');
});

registry('GET by the 18-character form or the spaced form returns the canonical number', async ({ app, guichet }) => {
  for (const nu of ['057121507390310691', encodeURIComponent('057 1215 073903 10691')]) {
    const response = await call(app, 'GET', `/v1/demandes/${nu}`, { token: guichet });
    assert.is(response.status, 200);
    assert.is(response.body.numeroUnique, '057 1215 073903 10691');
    assert.is(response.body.email, 'elodie@example.org');
  }
  const unknown = await call(app, 'GET', '/v1/demandes/057121507390399999', { token: guichet });
  assert.is(unknown.status, 404);
  assert.is(unknown.body.code, 'demande_inconnue');
  const malformed = await call(app, 'GET', '/v1/demandes/12345', { token: guichet });
  assert.is(malformed.status, 400);
  assert.is(malformed.body.code, 'numero_unique_invalide');
});

registry.run();
