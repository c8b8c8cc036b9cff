import fs from 'node:fs/promises';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateLot } from '../../../fixtures/generate-lot.ts';
import { writeLot } from '../../../fixtures/write-lot.ts';
import { backendNames, tempDir, testDatabase, uniqueName } from '../../support/backends.ts';
import { runCli, startServer, type ServerProcess } from '../../support/server-process.ts';

type TruthPage = { index: number; role: string; numeroUnique: string | null; type: string | null };

const e2e = suite<{
  server: ServerProcess;
  operateur: string;
  dir: string;
  dataDir: string;
  truth: TruthPage[];
  plis: number;
  dropDatabase: () => Promise<void>;
}>(`a lot scanned as one JPEG per page (${backendNames.database}, ${backendNames.s3})`);

// Three small envelopes, clean scans, a folder of page images as scanners write them.
const lot = generateLot({
  seed: 51,
  name: 'lot-jpeg',
  format: 'jpeg',
  plis: 3,
  piecesPerPli: [1, 2],
  modeles: ['avis-imposition', 'bulletin-salaire', 'quittance-loyer', 'attestation-caf'],
  extraRegistry: 2,
  rates: { degraded: 0, rotation: 0, coverUpsideDown: 0, duplexFile: 0, bitonalFile: 0, attestationP2: 0, stamp: 0, pen: 0, oneLine: 0, skew: 0 },
});

e2e.before(async (context) => {
  context.dir = await tempDir('du-jpeg-');
  context.dataDir = await tempDir('du-jpeg-data-');
  await writeLot(lot, context.dir);
  context.truth = lot.truth.pages as TruthPage[];
  context.plis = lot.truth.plis.length;
  const database = process.env.DATABASE_URL ? await testDatabase() : undefined;
  context.dropDatabase = async () => database?.close();
  const env = { DATA_DIR: context.dataDir, S3_BUCKET_PREFIX: uniqueName('j'), OCR_WORKERS: '2', ...(database?.url ? { DATABASE_URL: database.url } : {}) };
  context.server = await startServer(env, 60_000);
  context.operateur = (await runCli(['token', 'create', '--role', 'operateur'], env)).lastLine;
  const imported = await runCli(['demandes', 'import', path.join(context.dir, 'registry.json')], env);
  assert.is(imported.status, 0, imported.stderr);
});
e2e.after(async ({ server, dir, dataDir, dropDatabase }) => {
  await server.stop();
  await dropDatabase();
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(dataDir, { recursive: true, force: true });
});

// Each page's image in scan order; `variant` adds a byte after the first image's end (decoders stop
// at its end marker), so the same pages make another lot instead of answering with the first.
async function postPages(context: { server: ServerProcess; operateur: string; dir: string }, fields: Record<string, string>, variant = false) {
  const form = new FormData();
  const files = [...new Set(lot.truth.pages.map((p) => p.file))];
  for (const [i, file] of files.entries()) {
    const bytes = await fs.readFile(path.join(context.dir, file));
    form.append('file', new File([variant && i === 0 ? Buffer.concat([bytes, Buffer.from([0])]) : bytes], path.basename(file), { type: 'image/jpeg' }));
  }
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const response = await fetch(`${context.server.baseUrl}/v1/lots`, { method: 'POST', headers: { authorization: `Bearer ${context.operateur}` }, body: form });
  const body = (await response.json()) as any;
  assert.is(response.status, 202, JSON.stringify(body));
  const deadline = Date.now() + 300_000;
  for (;;) {
    const got = (await (
      await fetch(`${context.server.baseUrl}/v1/lots/${body.id}`, { headers: { authorization: `Bearer ${context.operateur}` } })
    ).json()) as any;
    if (['termine', 'a_revoir', 'echec'].includes(got.statut)) return got;
    if (Date.now() > deadline) throw new Error(`lot still ${got.statut}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function placed(l: any): number[] {
  return [
    ...l.plis.flatMap((p: any) => [...p.couverture, ...p.pieces.flatMap((x: any) => x.pages)]),
    ...l.pagesBlanches,
    ...l.revue.flatMap((r: any) => r.pages),
  ].sort((a: number, b: number) => a - b);
}

function filedUnder(l: any): Map<number, string> {
  return new Map(l.plis.flatMap((p: any) => p.pieces.flatMap((x: any) => x.pages.map((page: number) => [page, p.numeroUnique]))));
}

e2e('one file per page: envelopes run across files and are filed under their cover', async (context) => {
  const l = await postPages(context, { reference: 'JPEG-1' });
  assert.is(l.fichiers.length, context.truth.length, 'one file per page');
  assert.equal(
    placed(l),
    context.truth.map((p) => p.index),
    'every page in exactly one place',
  );
  assert.is(l.plis.length, context.plis, JSON.stringify(l.revue));
  assert.not.ok(
    l.revue.some((r: any) => r.motif === 'avant_premiere_couverture'),
    'no page taken for one before its cover',
  );
  for (const [page, nu] of filedUnder(l)) assert.is(nu, context.truth[page]!.numeroUnique, `page ${page}`);
});

e2e('a declared envelope count off by one files what stands on its own evidence and holds the rest', async (context) => {
  // the same pages again, one envelope more declared
  const l = await postPages(context, { reference: 'JPEG-2', plisDeclares: String(context.plis + 1) }, true);
  assert.equal(
    placed(l),
    context.truth.map((p) => p.index),
  );
  for (const [page, nu] of filedUnder(l)) assert.is(nu, context.truth[page]!.numeroUnique, `page ${page}`);
  const held = l.revue.filter((r: any) => r.motif === 'plis_declares_different');
  // each envelope is either filed whole or held with the count as its reason, never both
  for (const pli of l.plis) for (const r of held) assert.not.ok(r.pages.some((p: number) => pli.couverture.includes(p)));
  console.log(`  declared ${context.plis + 1}, found ${context.plis}: ${l.plis.length} envelopes filed, ${held.length} held by the count`);
});

e2e.run();
