import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateLot, type LotTruth } from '../../../fixtures/generate-lot.ts';
import { writeLot } from '../../../fixtures/write-lot.ts';
import { backendNames, tempDir, testDatabase, uniqueName } from '../../support/backends.ts';
import { runCli, startServer, type ServerProcess } from '../../support/server-process.ts';

// A lot long enough to be caught mid-way: three envelopes, twelve pages, quiet scans that an
// uninterrupted run files entirely (so "the same pieces as without the kill" is the truth's pieces).
const lotOptions = {
  seed: 11,
  name: 'lot-kill',
  plis: 3,
  minPages: 11,
  plisPerFile: 8,
  piecesPerPli: [1, 3] as const,
  modeles: ['avis-imposition', 'bulletin-salaire', 'carte-identite', 'quittance-loyer', 'attestation-caf'],
  noise: [0.4, 0.9] as const,
  quality: [55, 62] as const,
  extraRegistry: 3,
  rates: { degraded: 0.25, rotation: 0, coverUpsideDown: 0, duplexFile: 0, bitonalFile: 0, attestationP2: 0.6, stamp: 0.3, pen: 0.2, oneLine: 0 },
};
const leaseSeconds = 3;

type Context = { dir: string; dataDir: string; env: Record<string, string>; truth: LotTruth; lotFile: string; dropDatabase: () => Promise<void> };
const kill = suite<Context>(`server killed (SIGKILL) mid-lot and restarted (${backendNames.database}, ${backendNames.s3})`);

kill.before(async (context) => {
  context.dir = await tempDir('du-kill-lot-');
  const written = await writeLot(generateLot(lotOptions), context.dir);
  context.lotFile = path.join(context.dir, written.files[0]!);
  context.truth = JSON.parse(await fs.readFile(written.truthFile, 'utf8')) as LotTruth;
  context.dataDir = await tempDir('du-kill-data-');
  // against PostgreSQL, a database of its own: the restarted server must find exactly this lot
  const database = process.env.DATABASE_URL ? await testDatabase() : undefined;
  context.dropDatabase = async () => database?.close();
  context.env = {
    DATA_DIR: context.dataDir,
    S3_BUCKET_PREFIX: uniqueName('k'),
    OCR_WORKERS: '2',
    LOT_LEASE_SECONDS: String(leaseSeconds),
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
  };
});
kill.after(async ({ dir, dataDir, dropDatabase }) => {
  await dropDatabase();
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function getJson(baseUrl: string, token: string, url: string) {
  const response = await fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
  assert.is(response.status, 200, `GET ${url}`);
  return (await response.json()) as any;
}

kill(
  'a lot survives its server being killed mid-way: every page once, no piece twice, the pieces of an uninterrupted run',
  async ({ env, truth, lotFile, dataDir }) => {
    const started = Date.now();
    let server: ServerProcess | undefined = await startServer(env, 60_000);
    try {
      const [operateur, gestionnaire, imported] = await Promise.all([
        runCli(['token', 'create', '--role', 'operateur'], env),
        runCli(['token', 'create', '--role', 'gestionnaire'], env),
        runCli(['demandes', 'import', path.join(path.dirname(lotFile), 'registry.json')], env),
      ]);
      assert.is(imported.status, 0, imported.stderr);
      const [op, gest] = [operateur.lastLine, gestionnaire.lastLine];

      const form = new FormData();
      form.append('file', new File([await fs.readFile(lotFile)], path.basename(lotFile), { type: 'application/pdf' }));
      const posted = await fetch(`${server.baseUrl}/v1/lots`, { method: 'POST', headers: { authorization: `Bearer ${op}` }, body: form });
      assert.is(posted.status, 202);
      const { id } = (await posted.json()) as { id: string };

      // caught mid-way: some pages read and checkpointed, the lot not finished
      let atKill: any;
      for (const deadline = Date.now() + 120_000; ; ) {
        atKill = await getJson(server.baseUrl, op, `/v1/lots/${id}`);
        if (atKill.pagesTraitees >= 2) break;
        assert.ok(Date.now() < deadline, `lot ${id} did not start: ${JSON.stringify(atKill)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const exited = new Promise((resolve) => server!.child.once('exit', resolve));
      server.child.kill('SIGKILL');
      await exited;
      const killedAfter = Date.now() - started;
      assert.is(atKill.statut, 'en_cours', 'killed before the lot finished');
      assert.ok(atKill.pagesTraitees < truth.pages.length, 'killed before every page was read');

      // the same DATA_DIR and environment: the new server takes the lot over once the lease runs out
      server = await startServer(env, 60_000);
      let lot: any;
      for (const deadline = Date.now() + 180_000; ; ) {
        lot = await getJson(server.baseUrl, op, `/v1/lots/${id}`);
        if (['termine', 'a_revoir', 'echec'].includes(lot.statut)) break;
        assert.ok(Date.now() < deadline, `lot ${id} still ${lot.statut} after the restart: ${JSON.stringify(lot)}`);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      assert.is(lot.pages, truth.pages.length);
      assert.is(lot.pagesTraitees, truth.pages.length);

      // every page in exactly one place
      const places = [
        ...lot.plis.flatMap((p: any) => [...p.couverture, ...p.pieces.flatMap((x: any) => x.pages)]),
        ...lot.pagesBlanches,
        ...lot.revue.flatMap((r: any) => r.pages),
      ].sort((a: number, b: number) => a - b);
      assert.equal(
        places,
        truth.pages.map((p) => p.index),
        JSON.stringify(lot),
      );

      // the pieces an uninterrupted run files on these files: the truth's, each once
      const key = (nu: string, type: string, pages: number[]) => `${nu} ${type} [${pages.join(',')}]`;
      const filed = lot.plis.flatMap((p: any) => p.pieces.map((x: any) => key(p.numeroUnique, x.type, x.pages))).sort();
      const expected = truth.plis.flatMap((p) => p.pieces.map((x) => key(p.numeroUnique, x.type, x.pages))).sort();
      assert.equal(filed, expected, `pieces after the kill (${lot.revue.length} review tasks: ${JSON.stringify(lot.revue)})`);

      // one row, one object, one journal event per piece: nothing duplicated by the replay
      for (const pli of lot.plis) {
        const journal = await getJson(server.baseUrl, gest, `/v1/dossiers/${encodeURIComponent(pli.numeroUnique)}/journal`);
        const creations = journal.items
          .filter((e: any) => e.evenement === 'creation')
          .map((e: any) => e.pieceId)
          .sort();
        assert.equal(creations, pli.pieces.map((x: any) => x.id).sort(), `journal of ${pli.numeroUnique}`);
        const listed = await getJson(server.baseUrl, gest, `/v1/dossiers/${encodeURIComponent(pli.numeroUnique)}/pieces`);
        assert.is(listed.items.length, pli.pieces.length, `pieces of ${pli.numeroUnique}`);
        for (const piece of pli.pieces) {
          const meta = await getJson(server.baseUrl, gest, `/v1/pieces/${piece.id}`);
          const pdf = Buffer.from(
            await (await fetch(`${server.baseUrl}/v1/pieces/${piece.id}/contenu`, { headers: { authorization: `Bearer ${gest}` } })).arrayBuffer(),
          );
          assert.is(pdf.subarray(0, 5).toString(), '%PDF-');
          assert.is(createHash('sha256').update(pdf).digest('hex'), meta.sha256);
        }
      }
      const logs = server.logs();
      console.log(
        `  killed after ${atKill.pagesTraitees}/${truth.pages.length} pages (${Math.round(killedAfter / 1000)} s), restarted, lot ${lot.statut} with ${filed.length} pieces in ${Math.round((Date.now() - started) / 1000)} s; data dir ${path.basename(dataDir)}${logs.includes('"level":50') ? `\n${logs}` : ''}`,
      );
    } finally {
      await server?.stop();
    }
  },
);

kill.run();
