import fs from 'node:fs/promises';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isCandidate } from '../../../services/lots/watch-inbox.ts';
import { backendNames, tempDir, uniqueName } from '../../support/backends.ts';
import { runCli, startServer } from '../../support/server-process.ts';

const sample = path.resolve(import.meta.dirname, '../../../fixtures/samples/lot/pdf/lot-sample-01.pdf');
const inbox = suite(`inbox folder of the scanner (${backendNames.database}, ${backendNames.s3})`);

inbox('names a scanner is still writing are left alone', () => {
  for (const name of ['.lot.pdf', 'lot.pdf.part', 'lot.tmp', 'LOT.PDF.crdownload']) assert.not.ok(isCandidate(name), name);
  for (const name of ['lot.pdf', 'batch 12.tif', 'scan.jpg']) assert.ok(isCandidate(name), name);
});

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

inbox('a complete file becomes a lot and is moved aside; an empty one is refused with its reason', async () => {
  const dataDir = await tempDir('du-inbox-');
  const inboxDir = path.join(dataDir, 'depot');
  await fs.mkdir(inboxDir);
  const env = { DATA_DIR: dataDir, INBOX_DIR: inboxDir, S3_BUCKET_PREFIX: uniqueName('i') };
  const server = await startServer(env, 60_000);
  try {
    const token = (await runCli(['token', 'create', '--role', 'operateur'], env)).lastLine;
    // written under a temporary name, then renamed, as scanners do
    await fs.copyFile(sample, path.join(inboxDir, 'lot-0001.pdf.part'));
    await fs.rename(path.join(inboxDir, 'lot-0001.pdf.part'), path.join(inboxDir, 'lot-0001.pdf'));
    await fs.writeFile(path.join(inboxDir, 'vide.pdf'), '');

    const accepted = await waitFor('the file to be taken', async () => (await fs.readdir(path.join(inboxDir, '.recus')).catch(() => []))[0]);
    const lotId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(accepted)?.[0];
    assert.ok(lotId, accepted);
    const lot = (await (await fetch(`${server.baseUrl}/v1/lots/${lotId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as any;
    assert.is(lot.id, lotId);
    assert.equal(
      lot.fichiers.map((f: { nom: string }) => f.nom),
      ['lot-0001.pdf'],
    );
    assert.not.ok(await fs.stat(path.join(inboxDir, 'lot-0001.pdf')).catch(() => null), 'moved out of the inbox');

    const refused = await waitFor('the empty file to be refused', async () =>
      (await fs.readdir(path.join(inboxDir, '.refuses')).catch(() => [])).find((f) => f.endsWith('.txt')),
    );
    assert.match(await fs.readFile(path.join(inboxDir, '.refuses', refused), 'utf8'), 'fichier_vide');
  } finally {
    await server.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});

inbox.run();
