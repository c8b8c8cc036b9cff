import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Deps } from '../../../services/deps.ts';
import { lotReport } from '../../../services/lots/lot-report.ts';
import { pageImageKey } from '../../../services/lot-state/page-image-key.ts';
import { purge } from '../../../services/retention/purge.ts';
import { removeFiledOriginals } from '../../../services/retention/remove-filed-originals.ts';
import { lots, pages, type Canal, type RolePage, type StatutLot } from '../../../storage/schema/index.ts';
import { testDeps } from '../../support/backends.ts';

const retention = suite<{ deps: Deps }>('originals and page images of a fully filed scan lot are removed; blank pages stay recoverable');
retention.before(async (context) => {
  context.deps = await testDeps();
});
retention.after(async ({ deps }) => deps.close());

const hour = 3600_000;

/** A lot as the pipeline leaves it: its originals and a page image per page in 'originaux'. */
async function storedLot(deps: Deps, o: { statut: StatutLot; canal?: Canal; settledAgo: number; roles: (RolePage | null)[] }) {
  const fichiers = [];
  for (const nom of ['face-a.pdf', 'face-b.pdf']) {
    const cle = randomUUID();
    const stored = await deps.objects.put('originaux', cle, Buffer.from(`%PDF ${nom}`));
    fichiers.push({ nom, cle, sha256: stored.sha256, taille: stored.size, type: null });
  }
  const [lot] = await deps.db
    .insert(lots)
    .values({
      canal: o.canal ?? 'courrier',
      statut: o.statut,
      empreinte: randomUUID(),
      fichiers,
      pages: o.roles.length,
      modifieLe: new Date(Date.now() - o.settledAgo),
    })
    .returning();
  for (const [index, role] of o.roles.entries()) {
    await deps.objects.put('originaux', pageImageKey(lot!.id, index), Buffer.from(`jpeg ${index}`));
    await deps.db.insert(pages).values({
      lotId: lot!.id,
      index,
      fichier: 0,
      pageDansFichier: index,
      role,
      blanc: role === 'blanc',
      cleImage: pageImageKey(lot!.id, index),
      traiteLe: new Date(),
    });
  }
  return lot!;
}

async function originals(deps: Deps, lotId: string, cles: string[]) {
  const keys: string[] = [];
  for await (const object of deps.objects.list('originaux', `${lotId}/`)) keys.push(object.key);
  for (const cle of cles) if (await deps.objects.head('originaux', cle)) keys.push(cle);
  return keys.sort();
}

retention("a lot filed over an hour ago loses its originals and page images but its blank pages' ones; other lots keep theirs", async ({ deps }) => {
  const filed = await storedLot(deps, { statut: 'termine', settledAgo: 2 * hour, roles: ['couverture', 'piece', 'blanc', 'revue'] });
  // an image written just before a crash, with no row: it goes too
  await deps.objects.put('originaux', pageImageKey(filed.id, 4), Buffer.from('jpeg 4'));
  const inReview = await storedLot(deps, { statut: 'a_revoir', settledAgo: 2 * hour, roles: ['couverture', 'revue'] });
  const failed = await storedLot(deps, { statut: 'echec', settledAgo: 2 * hour, roles: [null] });
  const justFiled = await storedLot(deps, { statut: 'termine', settledAgo: 60_000, roles: ['piece'] });
  const upload = await storedLot(deps, { statut: 'termine', canal: 'portail', settledAgo: 2 * hour, roles: ['piece'] });
  const cles = (lot: typeof filed) => lot.fichiers.map((f) => f.cle);
  const before = new Map<string, string[]>();
  for (const lot of [inReview, failed, justFiled, upload]) before.set(lot.id, await originals(deps, lot.id, cles(lot)));

  const dry = await removeFiledOriginals(deps, { now: new Date(), graceMs: hour, dryRun: true });
  assert.equal(dry.lots, [{ id: filed.id, objets: 6 }], "two originals and four page images, the blank page's kept");
  assert.is((await originals(deps, filed.id, cles(filed))).length, 7, 'a dry run removes nothing');

  const done = await removeFiledOriginals(deps, { now: new Date(), graceMs: hour });
  assert.is(done.objets, 6);
  assert.equal(await originals(deps, filed.id, cles(filed)), [pageImageKey(filed.id, 2)], "only the blank page's image is left");
  assert.ok(await deps.objects.getBuffer('originaux', pageImageKey(filed.id, 2)), 'and it can still be read');
  for (const lot of [inReview, failed, justFiled, upload])
    assert.equal(await originals(deps, lot.id, cles(lot)), before.get(lot.id), `lot ${lot.statut} ${lot.canal} untouched`);

  // the rows say so: files marked removed, pages without an image but the blank one
  const [row] = await deps.db.select().from(lots).where(eq(lots.id, filed.id));
  assert.ok(
    row!.fichiers.every((f) => typeof f.supprimeLe === 'string'),
    JSON.stringify(row!.fichiers),
  );
  const pageRows = await deps.db.select().from(pages).where(eq(pages.lotId, filed.id)).orderBy(pages.index);
  assert.equal(
    pageRows.map((p) => p.cleImage),
    [null, null, pageImageKey(filed.id, 2), null],
  );
  const report = await lotReport(deps.db, filed.id);
  assert.equal(
    report.fichiers.map((f) => f.nom),
    ['face-a.pdf', 'face-b.pdf'],
    'the lot still names its files',
  );
  assert.ok(
    report.fichiers.every((f) => f.supprimeLe === row!.fichiers[0]!.supprimeLe),
    'with the date they were removed',
  );
  assert.equal(report.pagesBlanches, [2]);

  const again = await removeFiledOriginals(deps, { now: new Date(), graceMs: hour });
  assert.equal(again.lots, [], 'a lot is done once');
});

retention('the daily purge removes them and says how many', async ({ deps }) => {
  const filed = await storedLot(deps, { statut: 'termine', settledAgo: 3 * hour, roles: ['piece', 'blanc'] });
  const dry = await purge(deps, { now: new Date(), quarantaineJours: 30, dryRun: true });
  assert.is(dry.originauxSupprimes, 3);
  const run = await purge(deps, { now: new Date(), quarantaineJours: 30, dryRun: false });
  assert.is(run.originauxSupprimes, 3);
  assert.equal(
    await originals(
      deps,
      filed.id,
      filed.fichiers.map((f) => f.cle),
    ),
    [pageImageKey(filed.id, 1)],
  );
});

retention.run();
