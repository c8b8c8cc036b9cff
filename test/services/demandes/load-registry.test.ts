import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Deps } from '../../../services/deps.ts';
import { importDemandes } from '../../../services/demandes/import-demandes.ts';
import { loadRegistry } from '../../../services/demandes/load-registry.ts';
import { testDeps } from '../../support/backends.ts';

const registry = suite<{ deps: Deps }>('loadRegistry');

registry.before(async (context) => {
  context.deps = await testDeps();
  const demande = (numeroUnique: string, nom: string, prenom: string) => ({
    numeroUnique,
    etat: 'active',
    nom,
    prenom,
    dateNaissance: '1988-03-14',
    email: null,
    guichet: numeroUnique.slice(-5),
    dateDepot: '2015-12-03',
    dateRadiation: null,
  });
  const rows = [
    demande('057 1215 073903 10691', 'Lefèvre', 'Élodie'),
    demande('063 0320 857695 DDT63', 'Girard', 'Éloïse Marie'),
    demande('027 0417 926759 ALSRV', 'Girard', 'Paul'),
  ];
  const result = await importDemandes({ db: context.deps.db, input: rows.map((valeurs, i) => ({ ligne: i + 1, valeurs })), today: '2025-10-01' });
  assert.is(result.erreurs.length, 0, JSON.stringify(result.erreurs));
});
registry.after(async ({ deps }) => deps.close());

registry('the demandes whose applicant the pages name, surname in capitals beside the first prénom, accents and case aside', async ({ deps }) => {
  const loaded = await loadRegistry(deps.db, ['057 1215 073903 10691'], ['Madame GIRARD Eloise\n34 route de Besançon', 'ATTESTATION DE DÉPÔT']);
  assert.equal(
    loaded.nommes.map((d) => d.numeroUnique),
    ['063 0320 857695 DDT63'],
  );
  assert.is(loaded.parNumero('057 1215 073903 10691')?.nom, 'Lefèvre');
});

registry('pages that name nobody the registry knows bring no demande', async ({ deps }) => {
  assert.equal((await loadRegistry(deps.db, [], ['Monsieur DURAND Jean'])).nommes, []);
});

registry.run();
