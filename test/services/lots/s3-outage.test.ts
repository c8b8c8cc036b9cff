import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../../services/config.ts';
import { importDemandes } from '../../../services/demandes/import-demandes.ts';
import { lotReport } from '../../../services/lots/lot-report.ts';
import { startLotWorker } from '../../../services/lots/lot-worker.ts';
import { receiveLot } from '../../../services/lots/receive-lot.ts';
import { createPageServices } from '../../../services/page-services.ts';
import { today } from '../../../services/today.ts';
import { startEmbeddedS3, type EmbeddedS3 } from '../../../storage/embedded-s3.ts';
import { createObjectStore } from '../../../storage/object-store.ts';
import { lots, pieces } from '../../../storage/schema/index.ts';
import { backendNames, tempDir, testDatabase, uniqueName } from '../../support/backends.ts';
import { freePort } from '../../support/server-process.ts';

type Truth = { pages: { index: number; role: string; numeroUnique: string | null; type: string | null }[] };

const sample = path.resolve(import.meta.dirname, '../../../fixtures/samples/lot/pdf');
// The outage is of the embedded S3 server this test starts, on a fixed port and folder so that it
// comes back with the objects it held; the database is the suite's (PGlite, or PostgreSQL in CI).
const outage = suite(`S3 stopped mid-lot: the lot waits, then finishes (${backendNames.database}, embedded S3 restarted)`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

outage('a lot whose S3 goes away mid-way is delayed, not lost, and completes once S3 is back', async () => {
  const started = Date.now();
  const database = await testDatabase();
  const s3Dir = await tempDir('du-s3-outage-');
  const dataDir = await tempDir('du-outage-');
  const port = await freePort();
  let s3: EmbeddedS3 | undefined = await startEmbeddedS3(s3Dir, port);
  const objects = createObjectStore({ ...s3, region: 'us-east-1', bucketPrefix: uniqueName('o-') });
  await objects.ensureBuckets();
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, OCR_WORKERS: '2' });
  const pageServices = createPageServices(config);
  const logs: { level: number; msg: string; lot?: string; err?: { message: string } }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  let worker: ReturnType<typeof startLotWorker> | undefined;
  try {
    const registry = JSON.parse(await fs.readFile(path.join(sample, 'registry.json'), 'utf8')) as unknown[];
    await importDemandes({ db: database.db, today: '2026-11-24', input: registry.map((valeurs, i) => ({ ligne: i + 1, valeurs })) });
    const truth = JSON.parse(await fs.readFile(path.join(sample, 'truth.json'), 'utf8')) as Truth;
    const chemin = path.join(sample, 'lot-sample-01.pdf');
    const bytes = await fs.readFile(chemin);
    const { lot } = await receiveLot(
      { db: database.db, objects },
      { fichiers: [{ nom: 'lot-sample-01.pdf', chemin, sha256: createHash('sha256').update(bytes).digest('hex'), taille: bytes.length }], acteur: null },
    );
    const lotRow = async () => (await database.db.select().from(lots).where(eq(lots.id, lot.id)))[0]!;

    // a fast poll and a short lease, so that the lot is taken again within seconds of the failure
    const processDeps = () => ({ db: database.db, objects, images: pageServices.images, ocr: pageServices.ocr(), concurrency: 2, today: () => today() });
    worker = startLotWorker(database.db, processDeps, logger, { pollMs: 200, leaseSeconds: 2 });

    await until('two pages read', 90_000, async () => (await lotRow()).pagesTraitees >= 2);
    await s3.close();
    s3 = undefined;
    const stoppedAt = (await lotRow()).pagesTraitees;

    const failure = await until('the worker logs the interruption', 60_000, async () =>
      logs.find((l) => l.lot === lot.id && l.level >= 50 && l.msg.includes('interrompu')),
    );
    assert.ok(failure.err?.message, 'the error is logged with its cause');
    // while S3 is away the lot stays in progress, and every piece row written points to an object
    // written before it (checked once S3 is back)
    await sleep(3000);
    const during = await lotRow();
    assert.is(during.statut, 'en_cours', 'the lot is neither finished nor given up during the outage');
    const piecesDuring = await database.db.select().from(pieces).where(eq(pieces.lotId, lot.id));
    const interruptions = logs.filter((l) => l.lot === lot.id && l.msg.includes('interrompu')).length;

    s3 = await startEmbeddedS3(s3Dir, port);
    for (const piece of piecesDuring) {
      const head = await objects.head(piece.bucket as 'pieces', piece.cle);
      assert.ok(head, `piece ${piece.id} filed during the outage has its object`);
    }
    const done = await until('the lot completes after S3 is back', 90_000, async () => {
      const row = await lotRow();
      return row.statut === 'termine' || row.statut === 'a_revoir' ? row : undefined;
    });
    assert.is(done.pages, truth.pages.length);

    // every page in exactly one place, each filed page in its true dossier with its true type
    const report = await lotReport(database.db, lot.id);
    const places = [
      ...report.plis.flatMap((p) => [...p.couverture, ...p.pieces.flatMap((x) => x.pages)]),
      ...report.pagesBlanches,
      ...report.revue.flatMap((r) => r.pages),
    ].sort((a, b) => a - b);
    assert.equal(
      places,
      truth.pages.map((p) => p.index),
      JSON.stringify(report),
    );
    for (const pli of report.plis) {
      for (const piece of pli.pieces) {
        for (const page of piece.pages) {
          assert.is(truth.pages[page]!.numeroUnique, pli.numeroUnique, `page ${page} dossier`);
          assert.is(truth.pages[page]!.type, piece.type, `page ${page} type`);
        }
      }
    }
    // no piece twice, and every piece row's object is there with the row's SHA-256
    const filed = await database.db.select().from(pieces).where(eq(pieces.lotId, lot.id));
    const sources = filed.map((p) => (p.pagesSource ?? []).join(','));
    assert.is(new Set(sources).size, sources.length, `duplicate pieces: ${sources.join(' | ')}`);
    for (const piece of filed) {
      const head = await objects.head(piece.bucket as 'pieces', piece.cle);
      assert.is(head?.sha256, piece.sha256, `piece ${piece.id} object`);
    }
    assert.ok(filed.length >= 1, 'something was filed');
    console.log(
      `  S3 stopped after ${stoppedAt} pages, ${interruptions} interruption(s) logged, lot ${done.statut}: ${filed.length} pieces, ${report.revue.length} review tasks (${Math.round((Date.now() - started) / 1000)} s)`,
    );
  } finally {
    await worker?.stop();
    await pageServices.close();
    await s3?.close();
    await database.close();
    await fs.rm(s3Dir, { recursive: true, force: true });
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});

outage.run();
