import fs from 'node:fs/promises';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backendNames, tempDir, uniqueName } from './support/backends.ts';
import { runCli, startServer } from './support/server-process.ts';

const e2e = suite(`end to end: the real server process (${backendNames.database}, ${backendNames.s3})`);

const csv = [
  'numeroUnique,etat,nom,prenom,dateNaissance,email,guichet,dateDepot,dateRadiation',
  '057 1215 073903 10691,active,Lefèvre,Élodie,1988-03-14,elodie.lefevre@example.fr,10691,2015-12-03,',
  '974 0624 000123 DGALN,active,Payet,Jean-Marc,1979-11-02,,DGALN,2024-06-12,',
  '075 1325 000001 75001,active,Bad,Month,1990-01-01,,75001,,',
].join('\n');

e2e('serve, create a token with the CLI, import demandes, read one back, restart, still there', async () => {
  const dataDir = await tempDir('du-e2e-');
  // each run gets its own buckets (and its own database when a PostgreSQL server is configured)
  const env = { DATA_DIR: dataDir, S3_BUCKET_PREFIX: uniqueName('e') };
  let server = await startServer(env);
  try {
    const created = await runCli(['token', 'create', '--role', 'gestionnaire', '--name', 'Gestion 57'], env);
    assert.is(created.status, 0, created.stderr);
    const token = created.lastLine;
    assert.match(token, /^du_[A-Za-z0-9_-]{40,}$/);
    assert.match(created.stderr, 'gestionnaire');

    const csvFile = path.join(dataDir, 'demandes.csv');
    await fs.writeFile(csvFile, csv);
    const imported = await runCli(['demandes', 'import', csvFile], env);
    assert.is(imported.status, 0, imported.stderr);
    const summary = JSON.parse(imported.lastLine);
    assert.is(summary.acceptees, 2);
    assert.is(summary.rejetees, 1);
    assert.is(summary.erreurs[0].ligne, 4);
    assert.match(summary.erreurs[0].motif, 'mois');

    const auth = { authorization: `Bearer ${token}` };
    const response = await fetch(`${server.baseUrl}/v1/demandes/057121507390310691`, { headers: auth }).catch((error) => {
      throw new Error(
        `server unreachable (${error} ${(error as Error).cause}), exit ${server.child.exitCode} ${server.child.signalCode}; its output:\n${server.logs()}`,
      );
    });
    assert.is(response.status, 200);
    const demande = (await response.json()) as { numeroUnique: string; prenom: string };
    assert.is(demande.numeroUnique, '057 1215 073903 10691');
    assert.is(demande.prenom, 'Élodie');

    assert.is(await server.stop(), 0, server.logs());
    server = await startServer(env);
    const again = await fetch(`${server.baseUrl}/v1/demandes/${encodeURIComponent('974 0624 000123 DGALN')}`, { headers: auth });
    assert.is(again.status, 200);
    assert.is(((await again.json()) as { nom: string }).nom, 'Payet');
  } finally {
    await server.stop();
  }

  // with no server running, the CLI works on the data directly
  const offline = await runCli(['token', 'create', '--role', 'guichet', '--guichet', '10691'], env);
  assert.is(offline.status, 0, offline.stderr);
  assert.match(offline.lastLine, /^du_/);
  await fs.rm(dataDir, { recursive: true, force: true });
});

e2e('a wrong configuration stops start-up with a message naming the variable', async () => {
  const result = await runCli(['serve'], { PORT: 'quatre-vingts' });
  assert.is(result.status, 2);
  assert.match(result.stderr, 'PORT');
});

e2e.run();
