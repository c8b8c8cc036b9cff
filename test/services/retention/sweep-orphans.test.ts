import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Deps } from '../../../services/deps.ts';
import { receiveLot } from '../../../services/lots/receive-lot.ts';
import { sweepOrphans } from '../../../services/retention/sweep-orphans.ts';
import { tempDir, testDeps } from '../../support/backends.ts';
import fs from 'node:fs/promises';
import path from 'node:path';
import { hashLocalFile } from '../../../services/lots/hash-local-file.ts';

const sweep = suite<{ deps: Deps }>('orphan objects are swept, referenced ones never');
sweep.before(async (context) => {
  context.deps = await testDeps();
});
sweep.after(async ({ deps }) => deps.close());

sweep('an object no row points to goes once older than the grace period; lots and their page images stay', async ({ deps }) => {
  const dir = await tempDir();
  const file = path.join(dir, 'lot.pdf');
  await fs.writeFile(file, '%PDF-1.4 lot');
  const { lot } = await receiveLot(deps, { fichiers: [await hashLocalFile(file)], acteur: null });
  await deps.objects.put('originaux', `${lot.id}/pages/0`, Buffer.from('page'));
  await deps.objects.put('pieces', 'orphelin-1', Buffer.from('%PDF orphan'));
  await deps.objects.put('originaux', 'orphelin-2', Buffer.from('orphan original'));

  const young = await sweepOrphans(deps, { now: new Date(), graceMs: 3600_000 });
  assert.equal(young.supprimes, [], 'nothing younger than the grace period is touched');

  const later = new Date(Date.now() + 2 * 3600_000);
  const dry = await sweepOrphans(deps, { now: later, graceMs: 3600_000, dryRun: true });
  assert.is(dry.supprimes.length, 2);
  assert.ok(await deps.objects.head('pieces', 'orphelin-1'), 'a dry run deletes nothing');

  const swept = await sweepOrphans(deps, { now: later, graceMs: 3600_000 });
  assert.equal(swept.supprimes.map((s) => `${s.bucket}/${s.cle}`).sort(), ['originaux/orphelin-2', 'pieces/orphelin-1']);
  assert.is(await deps.objects.head('pieces', 'orphelin-1'), null);
  assert.ok(await deps.objects.head('originaux', lot.fichiers[0]!.cle), 'the lot original stays');
  assert.ok(await deps.objects.head('originaux', `${lot.id}/pages/0`), 'its page images stay');
  await fs.rm(dir, { recursive: true, force: true });
});

sweep.run();
