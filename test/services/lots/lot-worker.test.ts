import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createToken } from '../../../services/acteurs/create-token.ts';
import { createApp } from '../../../services/app.ts';
import { processDeps, type Deps } from '../../../services/deps.ts';
import { claimLot, processClaimedLot, renewLease, startLotWorker } from '../../../services/lots/lot-worker.ts';
import { lotReport } from '../../../services/lots/lot-report.ts';
import type { ProcessDeps } from '../../../services/lots/process-lot.ts';
import { receiveLot } from '../../../services/lots/receive-lot.ts';
import { relaunchLot } from '../../../services/lots/relaunch-lot.ts';
import type { DatabaseHandle } from '../../../storage/database.ts';
import type { ObjectStore } from '../../../storage/object-store.ts';
import { lots, pages, pieces, tachesRevue } from '../../../storage/schema/index.ts';
import { testDatabase, testDeps } from '../../support/backends.ts';
import { call } from '../../support/http.ts';

// Each test has a database of its own: a worker takes any lot waiting, so no test may see another's.
const worker = suite<{ shared: Deps }>('lot worker: attempts counted, failing lots set aside, leases held by their worker only');
worker.before(async (context) => {
  context.shared = await testDeps();
});
worker.after(async ({ shared }) => shared.close());

type Log = { level: number; msg: string; lot?: string; err?: { message: string } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function captureLogs() {
  const logs: Log[] = [];
  return { logs, logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) }) };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function insertLot(database: DatabaseHandle, nom = 'lot.pdf') {
  const [lot] = await database.db
    .insert(lots)
    .values({ canal: 'courrier', empreinte: randomUUID(), fichiers: [{ nom, cle: randomUUID(), sha256: 'ab'.repeat(32), taille: 1234, type: null }] })
    .returning();
  return lot!;
}

const lotRow = async (database: DatabaseHandle, id: string) => (await database.db.select().from(lots).where(eq(lots.id, id)))[0]!;
// a lease run out, as after a worker's death: the way other workers see it
const expireLease = (database: DatabaseHandle, id: string) =>
  database.db.update(lots).set({ bailJusqua: sql`now() - interval '1 second'` }).where(eq(lots.id, id));

/** Pipeline dependencies whose original cannot be read: the failure is the lot's, or an outage. */
function failingDeps(database: DatabaseHandle, shared: Deps, s3: 'up' | 'down'): ProcessDeps {
  const objects = {
    ...shared.objects,
    getBuffer: async () => {
      throw new Error(s3 === 'up' ? 'octets du scan impossibles à décoder' : 'connect ECONNREFUSED 127.0.0.1:9000');
    },
    ping: async () => {
      if (s3 === 'down') throw new Error('connect ECONNREFUSED 127.0.0.1:9000');
    },
  } satisfies ObjectStore;
  return { ...processDeps(shared), db: database.db, objects };
}

worker("a claim leases the lot in its worker's name and counts the attempt; nobody else takes it meanwhile", async () => {
  const database = await testDatabase();
  try {
    const lot = await insertLot(database);
    const claimed = await claimLot(database.db, { travailleur: 'hote-a:101', leaseSeconds: 60 });
    assert.is(claimed?.id, lot.id);
    assert.is(claimed?.statut, 'en_cours');
    assert.is(claimed?.tentatives, 1);
    assert.is(claimed?.travailleur, 'hote-a:101');
    assert.ok(claimed!.bailJusqua!.getTime() > Date.now() + 50_000, 'leased for the lease duration');
    assert.is(await claimLot(database.db, { travailleur: 'hote-b:202', leaseSeconds: 60 }), null, 'a lease that runs is respected');

    assert.ok(await renewLease(database.db, { lotId: lot.id, travailleur: 'hote-a:101', leaseSeconds: 60 }, 4));
    assert.not.ok(await renewLease(database.db, { lotId: lot.id, travailleur: 'hote-b:202', leaseSeconds: 60 }, 7), 'only the holder renews');
    const row = await lotRow(database, lot.id);
    assert.is(row.pagesTraitees, 4, 'the other worker wrote nothing');
    assert.is(row.travailleur, 'hote-a:101');
  } finally {
    await database.close();
  }
});

worker('a lease that ran out is taken over: the first worker can no longer renew it, its attempt is recorded as interrupted', async () => {
  const database = await testDatabase();
  try {
    const lot = await insertLot(database);
    const a = { lotId: lot.id, travailleur: 'hote-a:101', leaseSeconds: 60 };
    const b = { lotId: lot.id, travailleur: 'hote-b:202', leaseSeconds: 60 };
    await claimLot(database.db, a);
    assert.ok(await renewLease(database.db, a, 3));
    await expireLease(database, lot.id);
    const taken = await claimLot(database.db, b);
    assert.is(taken?.id, lot.id);
    assert.is(taken?.tentatives, 2, "the dead worker's attempt counts");
    assert.is(taken?.travailleur, 'hote-b:202');
    assert.match(taken?.erreur ?? '', /tentative 1 \(hote-a:101\) interrompue/);

    assert.not.ok(await renewLease(database.db, a, 5), "the lease is no longer the first worker's");
    assert.ok(await renewLease(database.db, b, 4));
    const row = await lotRow(database, lot.id);
    assert.is(row.pagesTraitees, 4);
    assert.is(row.travailleur, 'hote-b:202');
  } finally {
    await database.close();
  }
});

worker("a worker killed at every attempt: after the last one the lot is set aside in the operators' queue, never taken again", async () => {
  const database = await testDatabase();
  try {
    const lot = await insertLot(database, 'scan-du-matin.pdf');
    // two pages read before the deaths: one placed nowhere yet, one already known blank
    await database.db.insert(pages).values([
      { lotId: lot.id, index: 0, fichier: 0, pageDansFichier: 0, blanc: false, texte: 'ATTESTATION', traiteLe: new Date() },
      { lotId: lot.id, index: 1, fichier: 0, pageDansFichier: 1, blanc: true, role: 'blanc', traiteLe: new Date() },
    ]);
    const options = { leaseSeconds: 60, maxAttempts: 2 };
    assert.ok(await claimLot(database.db, { ...options, travailleur: 'hote-a:101' }));
    await expireLease(database, lot.id);
    assert.ok(await claimLot(database.db, { ...options, travailleur: 'hote-b:202' }));
    await expireLease(database, lot.id);
    const setAside: string[] = [];
    assert.is(
      await claimLot(database.db, { ...options, travailleur: 'hote-c:303', onSetAside: (l) => setAside.push(l.id) }),
      null,
      'the third claimant does not get it',
    );
    assert.equal(setAside, [lot.id]);

    const row = await lotRow(database, lot.id);
    assert.is(row.statut, 'echec');
    assert.is(row.tentatives, 2);
    assert.match(row.erreur ?? '', /tentative 2 \(hote-b:202\) interrompue/);
    assert.is(row.bailJusqua, null);
    await expireLease(database, lot.id);
    assert.is(await claimLot(database.db, { ...options, travailleur: 'hote-d:404' }), null, 'set aside for good');

    const report = await lotReport(database.db, lot.id);
    assert.is(report.statut, 'echec');
    assert.is(report.erreur, row.erreur);
    assert.equal(report.pagesBlanches, [1]);
    assert.equal(
      report.revue.map((t) => ({ motif: t.motif, statut: t.statut, pages: t.pages })),
      [{ motif: 'lot_en_echec', statut: 'ouverte', pages: [0] }],
    );
    const [task] = await database.db.select().from(tachesRevue).where(eq(tachesRevue.lotId, lot.id));
    assert.equal(
      (task!.suggestions as { fichiers: { nom: string }[] }).fichiers.map((f) => f.nom),
      ['scan-du-matin.pdf'],
    );
    assert.match(task!.detail ?? '', /2 tentative\(s\)/);
  } finally {
    await database.close();
  }
});

worker('a relaunched lot is taken again with its attempts from zero; set aside once more, it gets a task of its own', async () => {
  const database = await testDatabase();
  try {
    const lot = await insertLot(database);
    await database.db
      .insert(pages)
      .values({ lotId: lot.id, index: 0, fichier: 0, pageDansFichier: 0, blanc: false, texte: 'ATTESTATION', traiteLe: new Date() });
    const options = { leaseSeconds: 60, maxAttempts: 1 };
    const setAside = async (travailleur: string) => {
      assert.ok(await claimLot(database.db, { ...options, travailleur }));
      await expireLease(database, lot.id);
      assert.is(await claimLot(database.db, { ...options, travailleur: 'hote-z:999' }), null);
      assert.is((await lotRow(database, lot.id)).statut, 'echec');
    };
    await setAside('hote-a:101');
    const [first] = await database.db.select().from(tachesRevue).where(eq(tachesRevue.lotId, lot.id));

    const relaunched = await relaunchLot(database.db, { id: lot.id, acteur: null, note: 'scanner réparé' });
    assert.equal([relaunched.statut, relaunched.tentatives, relaunched.erreur, relaunched.travailleur], ['recu', 0, null, null]);
    const [closed] = await database.db.select().from(tachesRevue).where(eq(tachesRevue.id, first!.id));
    assert.is(closed!.statut, 'resolue');
    assert.is((closed!.resolution as { note?: string }).note, 'scanner réparé');
    const [page] = await database.db.select().from(pages).where(eq(pages.lotId, lot.id));
    assert.equal([page!.role, page!.revueId], [null, null], "the page the task held is the pipeline's again");
    try {
      await relaunchLot(database.db, { id: lot.id, acteur: null });
      assert.unreachable('a lot in recu is not relaunched');
    } catch (error) {
      assert.is((error as { code?: string }).code, 'conflit');
    }

    await setAside('hote-b:202');
    const tasks = await database.db.select().from(tachesRevue).where(eq(tachesRevue.lotId, lot.id)).orderBy(tachesRevue.creeLe);
    assert.equal(
      tasks.map((t) => [t.motif, t.statut, t.pages]),
      [
        ['lot_en_echec', 'resolue', [0]],
        ['lot_en_echec', 'ouverte', [0]],
      ],
    );
    const report = await lotReport(database.db, lot.id);
    assert.equal(
      report.revue.map((t) => [t.statut, t.pages]),
      [
        ['resolue', []],
        ['ouverte', [0]],
      ],
      'the page is held by the open task only',
    );
  } finally {
    await database.close();
  }
});

worker('a lot whose processing throws is retried, then set aside with its error: GET /v1/lots/:id and the review queue show it', async ({ shared }) => {
  const database = await testDatabase();
  const { logs, logger } = captureLogs();
  const running = startLotWorker(database.db, () => failingDeps(database, shared, 'up'), logger, {
    pollMs: 50,
    leaseSeconds: 1,
    maxAttempts: 2,
    travailleur: 'hote-a:101',
  });
  try {
    const lot = await insertLot(database, 'lot-casse.pdf');
    const aside = await until('the lot set aside', 20_000, async () => {
      const row = await lotRow(database, lot.id);
      return row.statut === 'echec' ? row : undefined;
    });
    assert.is(aside.tentatives, 2);
    assert.match(aside.erreur ?? '', /^tentative 2 \(hote-a:101\) : octets du scan impossibles à décoder/);
    // the failure of each attempt is on the row as it happens; the first one was retried
    assert.is(logs.filter((l) => l.lot === lot.id && l.msg === 'lot pris en charge').length, 2);
    assert.ok(
      logs.some((l) => l.lot === lot.id && l.msg.includes('tentative comptée')),
      'the first failure was counted and retried',
    );
    await sleep(1500);
    assert.is((await lotRow(database, lot.id)).tentatives, 2, 'not taken again');

    const deps = { ...shared, database, db: database.db };
    const app = createApp(deps);
    const operateur = (await createToken({ db: database.db, input: { role: 'operateur' } })).token;
    const shown = await call(app, 'GET', `/v1/lots/${lot.id}`, { token: operateur });
    assert.is(shown.status, 200);
    assert.is(shown.body.statut, 'echec');
    assert.is(shown.body.erreur, aside.erreur);
    assert.is(shown.body.tentatives, 2);
    const queue = await call(app, 'GET', '/v1/revue', { token: operateur });
    const task = queue.body.items.find((t: any) => t.lotId === lot.id);
    assert.is(task?.motif, 'lot_en_echec', JSON.stringify(queue.body));
    assert.match(task.detail, /octets du scan impossibles à décoder/);
    assert.equal(
      task.suggestions.fichiers.map((f: any) => f.nom),
      ['lot-casse.pdf'],
    );
  } finally {
    await running.stop();
    await database.close();
  }
});

worker('an attempt cut short by an S3 outage is not counted: the lot waits, even with a single attempt allowed', async ({ shared }) => {
  const database = await testDatabase();
  const { logs, logger } = captureLogs();
  const running = startLotWorker(database.db, () => failingDeps(database, shared, 'down'), logger, {
    pollMs: 50,
    leaseSeconds: 1,
    maxAttempts: 1,
    travailleur: 'hote-a:101',
  });
  try {
    const lot = await insertLot(database);
    await until('three interrupted attempts', 20_000, async () => logs.filter((l) => l.lot === lot.id && l.msg === 'traitement du lot interrompu').length >= 3);
    const row = await lotRow(database, lot.id);
    assert.is(row.statut, 'en_cours', 'neither set aside nor finished');
    assert.ok(row.tentatives <= 1, `attempts given back: ${row.tentatives}`);
    assert.match(row.erreur ?? '', /ECONNREFUSED.*non comptée/);
    assert.is((await database.db.select().from(tachesRevue).where(eq(tachesRevue.lotId, lot.id))).length, 0);
  } finally {
    await running.stop();
    await database.close();
  }
});

worker('a worker whose lease was taken over stops at its next page and leaves the lot to the new holder', async ({ shared }) => {
  const database = await testDatabase();
  const { logs, logger } = captureLogs();
  try {
    const sample = path.resolve(import.meta.dirname, '../../../fixtures/samples/lot/pdf/lot-sample-01.pdf');
    const bytes = await fs.readFile(sample);
    const { lot } = await receiveLot(
      { db: database.db, objects: shared.objects },
      {
        fichiers: [{ nom: 'lot-sample-01.pdf', chemin: sample, sha256: createHash('sha256').update(bytes).digest('hex'), taille: bytes.length }],
        acteur: null,
      },
    );
    // a long lease: only the forced expiry below hands the lot over, never the clock
    const a = { lotId: lot.id, travailleur: 'hote-a:101', leaseSeconds: 600 };
    const claimed = await claimLot(database.db, a);
    assert.ok(claimed);
    const deps = { ...processDeps(shared), db: database.db };
    const first = processClaimedLot(database.db, deps, claimed!, a, { maxAttempts: 3, logger });
    await until('a page read', 120_000, async () => (await lotRow(database, lot.id)).pagesTraitees >= 1);

    // the lease runs out (a stalled worker) and a second worker takes the lot; the first one's
    // page renewals may extend the lease in between, so the takeover is tried until it wins
    const b = { lotId: lot.id, travailleur: 'hote-b:202', leaseSeconds: 600 };
    const taken = await until('the takeover', 10_000, async () => {
      await expireLease(database, lot.id);
      return (await claimLot(database.db, b)) ?? undefined;
    });
    const rowsAtTakeover = (await database.db.select().from(pages).where(eq(pages.lotId, lot.id))).length;
    const stoppedIn = Date.now();
    const outcome = await Promise.race([first, sleep(60_000).then(() => 'still running' as const)]);
    assert.is(outcome, null, 'the first worker gave up the lot');
    const rowsAfter = (await database.db.select().from(pages).where(eq(pages.lotId, lot.id))).length;
    // concurrency 1: at most the page in flight at the takeover lands, none after
    assert.ok(rowsAfter <= rowsAtTakeover + deps.concurrency, `pages written after the takeover: ${rowsAfter - rowsAtTakeover}`);
    assert.is((await database.db.select().from(pieces).where(eq(pieces.lotId, lot.id))).length, 0, 'nothing filed by the first worker');
    const stop = logs.find((l) => l.msg === 'traitement du lot interrompu');
    assert.match(stop?.err?.message ?? '', /bail du lot .* perdu par hote-a:101 \(repris par hote-b:202\)/);
    assert.ok(
      logs.some((l) => l.msg.includes('bail du lot perdu')),
      'logged as a lost lease, not as a failure of the lot',
    );

    const row = await lotRow(database, lot.id);
    assert.is(row.travailleur, 'hote-b:202', "still the new holder's");
    assert.is(row.statut, 'en_cours');
    assert.is(row.tentatives, taken.tentatives, 'the first worker counted nothing');
    assert.is(row.erreur, taken.erreur, "nor wrote its error on the new holder's lot");
    assert.ok(await renewLease(database.db, b), 'the new holder renews its lease');
    console.log(`  first worker stopped ${Date.now() - stoppedIn} ms after the takeover, ${rowsAfter - rowsAtTakeover} page(s) landed meanwhile`);
  } finally {
    await database.close();
  }
});

worker.run();
