import fs from 'node:fs/promises';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backendNames, tempDir, testDatabase, uniqueName } from '../../support/backends.ts';
import { callServer } from '../../support/http.ts';
import { runCli, serverCommand, startServer, type ServerProcess } from '../../support/server-process.ts';

const sample = path.resolve(import.meta.dirname, '../../../fixtures/samples/lot/pdf');

type Context = { dataDir: string; env: Record<string, string>; dropDatabase: () => Promise<void> };
const relance = suite<Context>(`a lot set aside (echec) relaunched over HTTP (${backendNames.database}, ${backendNames.s3})`);

relance.before(async (context) => {
  context.dataDir = await tempDir('du-relance-');
  // against PostgreSQL, a database of its own: the restarted server must find exactly this lot
  const database = process.env.DATABASE_URL ? await testDatabase() : undefined;
  context.dropDatabase = async () => database?.close();
  context.env = {
    DATA_DIR: context.dataDir,
    S3_BUCKET_PREFIX: uniqueName('rl'),
    OCR_WORKERS: '1',
    // one attempt: a worker killed mid-lot is enough to set the lot aside
    LOT_MAX_ATTEMPTS: '1',
    LOT_LEASE_SECONDS: '2',
    // one line per page read: what the relaunched lot reads again is counted from them
    LOG_LEVEL: 'debug',
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
  };
});
relance.after(async ({ dataDir, dropDatabase }) => {
  await dropDatabase();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const pagesReadIn = (logs: string, lotId: string) =>
  logs.split('\n').filter((line) => line.includes('"msg":"page lue"') && line.includes(`"lot":"${lotId}"`)).length;

relance('a lot whose only attempt was killed is set aside, relaunched by an operator, and finished from its read pages', async ({ env, dataDir }) => {
  let server: ServerProcess | undefined = await startServer(env, 60_000);
  try {
    await serverCommand(dataDir, 'demandes import', { format: 'json', contenu: await fs.readFile(path.join(sample, 'registry.json'), 'utf8') });
    const operateur = (await serverCommand<{ token: string }>(dataDir, 'token create', { role: 'operateur' })).token;
    const gestionnaire = (await serverCommand<{ token: string }>(dataDir, 'token create', { role: 'gestionnaire' })).token;

    const form = new FormData();
    form.append('file', new File([await fs.readFile(path.join(sample, 'lot-sample-01.pdf'))], 'lot-sample-01.pdf', { type: 'application/pdf' }));
    const posted = await fetch(`${server.baseUrl}/v1/lots`, { method: 'POST', headers: { authorization: `Bearer ${operateur}` }, body: form });
    assert.is(posted.status, 202);
    const { id } = (await posted.json()) as { id: string };
    const lotOf = async () => (await callServer(server!.baseUrl, 'GET', `/v1/lots/${id}`, { token: operateur })).body;

    // killed mid-way through its one attempt: the restarted server's claim sets it aside
    const atKill = await until('a page read', 120_000, async () => {
      const lot = await lotOf();
      return lot.pagesTraitees >= 1 ? lot : undefined;
    });
    const exited = new Promise((resolve) => server!.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await exited;
    assert.is(atKill.statut, 'en_cours', 'killed before the lot finished');
    server = await startServer(env, 60_000);
    const aside = await until('the lot set aside', 30_000, async () => {
      const lot = await lotOf();
      return lot.statut === 'echec' ? lot : undefined;
    });
    assert.is(aside.tentatives, 1);
    assert.match(aside.erreur, /interrompue/);
    const echecTask = aside.revue.find((t: any) => t.motif === 'lot_en_echec');
    assert.ok(echecTask, JSON.stringify(aside.revue));
    // the pages read before the kill, placed nowhere yet
    const checkpointed = echecTask.pages.length as number;
    assert.ok(checkpointed >= 1 && checkpointed < 8, JSON.stringify(echecTask));

    // only an operator relaunches; anyone else sees no such resource, as for any route not theirs
    const unknown = await callServer(server.baseUrl, 'POST', '/v1/lots/00000000-0000-4000-8000-000000000000/relance', { token: operateur });
    assert.is(unknown.status, 404);
    assert.is(unknown.body.code, 'introuvable');
    const notTheirs = await callServer(server.baseUrl, 'POST', `/v1/lots/${id}/relance`, { token: gestionnaire });
    assert.is(notTheirs.status, 404);
    assert.is((await lotOf()).statut, 'echec', 'the refused relance changed nothing');

    const relaunched = await callServer(server.baseUrl, 'POST', `/v1/lots/${id}/relance`, {
      token: operateur,
      json: { note: 'original vérifié, scanner remis en service' },
    });
    assert.is(relaunched.status, 202, JSON.stringify(relaunched.body));
    assert.equal(relaunched.body, { id, statut: 'recu' });
    const twice = await callServer(server.baseUrl, 'POST', `/v1/lots/${id}/relance`, { token: operateur });
    assert.is(twice.status, 409, 'a lot no longer in echec is not relaunched again');
    assert.is(twice.body.code, 'conflit');

    const done = await until('the relaunched lot processed', 180_000, async () => {
      const lot = await lotOf();
      return ['termine', 'a_revoir', 'echec'].includes(lot.statut) ? lot : undefined;
    });
    assert.ok(['termine', 'a_revoir'].includes(done.statut), JSON.stringify(done));
    assert.is(done.tentatives, 1, 'the attempts counted again from zero');
    assert.is(done.erreur, null);
    assert.is(done.pages, 8);
    assert.is(done.pagesTraitees, 8);
    assert.is(pagesReadIn(server.logs(), id), 8 - checkpointed, 'the pages read before the kill are not read again');
    const places = [
      ...done.plis.flatMap((p: any) => [...p.couverture, ...p.pieces.flatMap((x: any) => x.pages)]),
      ...done.pagesBlanches,
      ...done.revue.flatMap((r: any) => r.pages),
    ].sort((a: number, b: number) => a - b);
    assert.equal(places, [0, 1, 2, 3, 4, 5, 6, 7], `every page in exactly one place: ${JSON.stringify(done)}`);

    // the lot_en_echec task closed by the relance, with its note and who gave it, out of the queue
    const closed = (await callServer(server.baseUrl, 'GET', `/v1/revue/${echecTask.id}`, { token: operateur })).body;
    assert.is(closed.statut, 'resolue');
    assert.is(closed.resolution.note, 'original vérifié, scanner remis en service');
    assert.match(closed.resolution.erreurPrecedente, /interrompue/, 'the error that set the lot aside is kept with the task');
    assert.equal(done.revue.find((t: any) => t.id === echecTask.id)?.pages, []);
    const queue = (await callServer(server.baseUrl, 'GET', '/v1/revue', { token: operateur })).body.items as any[];
    assert.not.ok(queue.some((t) => t.id === echecTask.id));

    // a finished lot is not relaunched, over HTTP or from the command line
    const finished = await callServer(server.baseUrl, 'POST', `/v1/lots/${id}/relance`, { token: operateur });
    assert.is(finished.status, 409);
    assert.is(finished.body.code, 'conflit');
    const cli = await runCli(['relance', id], env);
    assert.is(cli.status, 2, cli.stderr);
    assert.match(cli.stderr, /conflit/);
    console.log(`  set aside with ${checkpointed}/8 pages read, relaunched: ${done.statut}, ${8 - checkpointed} page(s) read after the relance`);
  } finally {
    await server?.stop();
  }
});

relance.run();
