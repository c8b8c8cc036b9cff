/**
 * Accuracy report: generates the evaluation set (or reuses one), runs the service's own pipeline on
 * it (`processLot` on an embedded PostgreSQL and S3, built by `buildDeps` as the server builds them,
 * with the set's registry imported and the lot received as `POST /v1/lots` receives one), then
 * compares what the lot filed, held for review and dropped as blank with the truth, and writes the
 * whole report (docs/accuracy.md).
 *
 *   npm run eval [-- --pages N --seed S --plis N --set eval|standard --dir DIR --reocr --out FILE --keep --workers N]
 *
 * --dir reuses a set written there (truth.json, registry.json and the batch files). The pages as
 * the pipeline checkpointed them (rows and images) are kept in DIR/lectures/, per file by its
 * SHA-256, and put back as the checkpoint a resumed lot starts from, unless --reocr: the pipeline
 * then reads no page twice. Without --dir the set goes to a temporary folder, removed at the end
 * unless --keep. Progress goes to stderr; stdout gets the key figures as JSON.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { plan } from '../classification/plan-de-classement.ts';
import type { RegistryEntry } from '../fixtures/demandeur.ts';
import { generateLot, type LotTruth } from '../fixtures/generate-lot.ts';
import { SET_NAMES, SETS, type SetName } from '../fixtures/sets.ts';
import { writeLot } from '../fixtures/write-lot.ts';
import { loadConfig } from '../services/config.ts';
import { loadRegistry } from '../services/demandes/load-registry.ts';
import { importDemandes } from '../services/demandes/import-demandes.ts';
import { buildDeps, processDeps } from '../services/deps.ts';
import { pageImageKey } from '../services/lot-state/page-image-key.ts';
import { hashLocalFile } from '../services/lots/hash-local-file.ts';
import { processLot } from '../services/lots/process-lot.ts';
import { receiveLot } from '../services/lots/receive-lot.ts';
import { pages as pagesTable, pieces as piecesTable, tachesRevue, type Lot, type NouvellePage, type Page } from '../storage/schema/index.ts';
import { comparer, teteTexte } from './eval/comparer.ts';
import { issueDuLot } from './eval/issue-du-lot.ts';
import { chiffresCles, rendreRapport } from './eval/rapport.ts';
import { rendreResume } from './eval/resume.ts';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string' },
    plis: { type: 'string' },
    seed: { type: 'string' },
    set: { type: 'string', default: 'eval' },
    format: { type: 'string', default: 'pdf' },
    dir: { type: 'string' },
    out: { type: 'string' },
    declare: { type: 'boolean', default: false },
    reocr: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    workers: { type: 'string' },
  },
  allowPositionals: false,
});

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const int = (v: string | undefined) => (v === undefined ? undefined : Number.parseInt(v, 10));
const charge = () => os.loadavg()[0] ?? 0;

/** A file's pages as the pipeline checkpointed them, kept in DIR/lectures/SHA256.json (images beside, in DIR/lectures/SHA256/). */
type LecturesFichier = {
  lue: { commande: string; date: string; arbre: string; charge: [number, number] };
  pages: Omit<NouvellePage, 'lotId' | 'index' | 'fichier'>[];
};

async function main(): Promise<void> {
  const started = performance.now();
  const chargeDebut = charge();
  // the tree as the modules were loaded: other sessions may commit while the pages are read
  const etatArbre = arbre();
  const commande = `npm run eval${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const set = args.set as SetName;
  if (set === 'sample' || !SET_NAMES.includes(set)) throw new Error(`--set ${SET_NAMES.filter((k) => k !== 'sample').join('|')}, not ${set}`);
  const nom = `${set}${args.declare ? '-declares' : ''}`;
  const format = args.format as 'pdf' | 'tiff';
  const workers = int(args.workers) ?? os.availableParallelism();

  // 1. The set: generated, or reused from --dir.
  const dir = resolve(args.dir ?? (await mkdtemp(join(os.tmpdir(), `eval-${set}-`))));
  if (!existsSync(join(dir, 'truth.json'))) {
    const options = {
      ...SETS[set],
      format,
      seed: int(args.seed) ?? SETS[set].seed,
      plis: int(args.plis) ?? SETS[set].plis,
      minPages: int(args.pages) ?? SETS[set].minPages,
    };
    log(`eval: generating set ${set} (seed ${options.seed}, ≥ ${options.minPages ?? 0} pages, ${options.plis} plis) into ${dir}`);
    await mkdir(dir, { recursive: true });
    let last = 0;
    await writeLot(generateLot(options), dir, (done, total, file) => {
      if (done === total || performance.now() - last > 2000) {
        last = performance.now();
        log(`  generated ${done}/${total} pages (${file})`);
      }
    });
  } else log(`eval: reusing the set in ${dir}`);
  const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as LotTruth;
  const fichiersScannes = scannerFiles(truth);
  const registry = JSON.parse(await readFile(join(dir, 'registry.json'), 'utf8')) as RegistryEntry[];

  // 2. The service's dependencies, as the server builds them, on an embedded database and S3 of their own.
  const work = await mkdtemp(join(os.tmpdir(), 'eval-service-'));
  const lignes: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lignes.push(JSON.parse(line)) });
  const deps = await buildDeps(loadConfig({ DATA_DIR: work, OCR_WORKERS: String(workers), LOG_LEVEL: 'info' }), logger);
  try {
    const imported = await importDemandes({ db: deps.db, input: registry.map((valeurs, i) => ({ ligne: i + 1, valeurs })), today: truth.referenceDate });
    if (imported.rejetees > 0) throw new Error(`registry.json: ${imported.rejetees} rows refused: ${JSON.stringify(imported.erreurs.slice(0, 3))}`);
    const fichiers = await Promise.all(fichiersScannes.map((f) => hashLocalFile(join(dir, f.file))));
    // --declare: the operator declares the lot's true envelope count, as POST /v1/lots's plisDeclares
    const { lot } = await receiveLot(deps, { fichiers, acteur: null, ...(args.declare ? { plisDeclares: truth.plis.length } : {}) });

    // 3. The pages checkpointed by an earlier run, put back where a resumed lot finds them.
    const lecturesDir = join(dir, 'lectures');
    const reprises = args.reocr ? [] : await restoreReadings(deps, lot, lecturesDir, fichiersScannes);
    const lusAvant = reprises.reduce((n, r) => n + r.pages.length, 0);
    if (reprises.length) log(`eval: ${lusAvant} pages of ${reprises.length} file(s) as an earlier run checkpointed them (${lecturesDir})`);

    // 4. The pipeline.
    log(`eval: processLot on ${truth.pages.length} pages, ${workers} OCR workers`);
    const t0 = performance.now();
    let last = 0;
    const settled = await processLot(lot, { ...processDeps(deps), today: () => truth.referenceDate }, async (done) => {
      if (performance.now() - last > 5000) {
        last = performance.now();
        log(`  ${done}/${truth.pages.length} pages read — ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      }
    });
    const pipelineMs = performance.now() - t0;
    const chargeFin = charge();
    log(`eval: lot ${settled.statut} in ${(pipelineMs / 1000).toFixed(1)} s`);

    // 5. What the lot did, read back as `GET /v1/lots/:id` would, and the readings kept for the next run.
    const rows = await deps.db.select().from(pagesTable).where(eq(pagesTable.lotId, lot.id)).orderBy(pagesTable.index);
    const pieces = await deps.db.select().from(piecesTable).where(eq(piecesTable.lotId, lot.id));
    const taches = await deps.db.select().from(tachesRevue).where(eq(tachesRevue.lotId, lot.id)).orderBy(tachesRevue.creeLe);
    const lue = { commande, date: maintenant(), arbre: etatArbre, charge: [chargeDebut, chargeFin] as [number, number] };
    await keepReadings(deps, lot, lecturesDir, rows, new Set(reprises.map((r) => r.fichier)), lue);

    const issue = issueDuLot(rows, pieces, taches);
    const pages = rows.map((row) => ({
      index: row.index,
      text: row.texte ?? '',
      blank: row.blanc ?? false,
      fichier: row.fichier,
      ...(row.lectureNumero ? { lecturesZone: row.lectureNumero.lectures } : {}),
    }));
    const meta = rows.map((row) => ({ blankReason: row.normalisation?.blanc ?? undefined, confidence: row.confianceOcr }));
    const registre = await loadRegistry(
      deps.db,
      registry.map((e) => e.numeroUnique),
    );
    const resultats = comparer(truth, registry, pages, meta, issue, registre, truth.referenceDate);

    const lus = rows.filter((row) => !reprises.some((r) => r.fichier === row.fichier));
    const ocrMs = lus.map((row) => row.normalisation?.ms.ocr).filter((x): x is number => x !== undefined);
    const fin = (msg: string) => lignes.find((l) => l.msg === msg);
    const rapport = rendreRapport(
      resultats,
      {
        date: maintenant(),
        commande,
        machine: machine(),
        arbre: etatArbre,
        charge: [chargeDebut, charge()],
        reprise: reprises.length ? { pages: lusAvant, lue: reprises[0]!.lue } : null,
        jeu: {
          set: args.declare ? `${set}, ${truth.plis.length} plis déclarés` : set,
          seed: truth.seed,
          format: truth.format,
          pages: truth.pages.length,
          plis: truth.plis.length,
          fichiers: fichiersScannes.length,
          registre: registry.length,
          dir: args.dir ? dir : '(temporary)',
        },
        durees: {
          pipeline: pipelineMs,
          lecture: Number(fin('pages du lot lues')?.ms ?? Number.NaN),
          apresLecture: Number(fin('lot décidé et classé')?.apresLecture ?? Number.NaN),
          total: performance.now() - started,
          ocrMoyen: ocrMs.length ? ocrMs.reduce((a, b) => a + b, 0) / ocrMs.length : null,
          ocrWorkers: workers,
          pagesLues: lus.length,
        },
        corps: {
          tetePied: rows.filter((row) => row.normalisation?.corps).length,
          relus: rows.filter((row) => row.normalisation?.ms.corps !== undefined).length,
        },
        statut: settled.statut,
      },
      new Map(plan.categories.flatMap((c) => c.types.map((t) => [t.code, t.label] as [string, string]))),
    );
    const out = resolve(args.out ?? `docs/accuracy/${nom}.md`);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, rapport);
    await writeFile(
      out.replace(/\.md$/, '.json'),
      `${JSON.stringify({ nom, set, declare: args.declare, commande, arbre: etatArbre, date: maintenant(), chiffres: chiffresCles(resultats) }, null, 1)}\n`,
    );
    log(`eval: report written to ${out}`);
    if (!args.out) {
      await writeFile(resolve('docs/accuracy.md'), await rendreResume(dirname(out)));
      log('eval: summary written to docs/accuracy.md');
    }

    // Failures on stderr, for whoever analyses them.
    for (const d of resultats.types.documents.filter((x) => x.predit !== x.verite && x.issue !== 'revue_pli')) {
      log(
        `  [type] pli ${d.pli} pages ${d.pages.join(' ')} (decided ${d.pagesDecidees.join(' ')}): truth ${d.verite}, decided ${d.predit} (${d.confiance}); scores ${d.suggestions}; ${teteTexte(d.texte, 120)}`,
      );
    }
    for (const c of resultats.couvertures.filter((x) => !x.correcte || (x.attendu === 'classer' && !x.rattacheeJuste))) {
      log(`  [cover] pli ${c.pli} page ${c.page} ${c.registre}: ${c.issue} — ${c.detail}`);
    }
    for (const m of resultats.mauvaisDossier)
      log(`  [WRONG DOSSIER] page ${m.page} (${m.role}) filed under ${m.numeroClasse}, truth ${m.numeroVrai ?? 'no envelope'}`);
    process.stdout.write(`${JSON.stringify(chiffresCles(resultats))}\n`);
  } finally {
    await deps.close();
    await rm(work, { recursive: true, force: true });
  }
  if (!args.dir && !args.keep) await rm(dir, { recursive: true, force: true });
  else log(`eval: set kept in ${dir}`);
}

type Deps = Awaited<ReturnType<typeof buildDeps>>;

/** The files a scanner wrote, in scan order, with their page counts: a folder of page images is one file per page. */
function scannerFiles(truth: LotTruth): { file: string; pages: number }[] {
  const files: { file: string; pages: number }[] = [];
  for (const page of truth.pages) {
    const last = files[files.length - 1];
    if (last?.file === page.file) last.pages++;
    else files.push({ file: page.file, pages: 1 });
  }
  return files;
}

/** The kept readings of the lot's files, as checkpoint rows and page images: a file is taken whole or not at all. */
async function restoreReadings(deps: Deps, lot: Lot, lecturesDir: string, files: { file: string; pages: number }[]) {
  const restored: { fichier: number; pages: LecturesFichier['pages']; lue: LecturesFichier['lue'] }[] = [];
  let offset = 0;
  for (const [fichier, original] of lot.fichiers.entries()) {
    const start = offset;
    offset += files[fichier]!.pages;
    const path = join(lecturesDir, `${original.sha256}.json`);
    if (!existsSync(path)) continue;
    const kept = JSON.parse(await readFile(path, 'utf8')) as LecturesFichier;
    if (kept.pages.length !== files[fichier]!.pages) continue;
    for (const page of kept.pages) {
      const index = start + page.pageDansFichier;
      const image = await readFile(join(lecturesDir, original.sha256, `${page.pageDansFichier}.jpg`));
      await deps.objects.put('originaux', pageImageKey(lot.id, index), image, { contentType: 'image/jpeg' });
      await deps.db
        .insert(pagesTable)
        .values({ ...page, lotId: lot.id, index, fichier, cleImage: pageImageKey(lot.id, index), traiteLe: new Date(page.traiteLe ?? Date.now()) });
    }
    restored.push({ fichier, pages: kept.pages, lue: kept.lue });
  }
  return restored;
}

/** The lot's readings of the files read in this run, kept for the next: what the pages read, never what was decided on them. */
async function keepReadings(deps: Deps, lot: Lot, lecturesDir: string, rows: Page[], restored: Set<number>, lue: LecturesFichier['lue']) {
  for (const [fichier, original] of lot.fichiers.entries()) {
    if (restored.has(fichier)) continue;
    const ofFile = rows.filter((row) => row.fichier === fichier);
    await mkdir(join(lecturesDir, original.sha256), { recursive: true });
    for (const row of ofFile) {
      await writeFile(
        join(lecturesDir, original.sha256, `${row.pageDansFichier}.jpg`),
        await deps.objects.getBuffer('originaux', pageImageKey(lot.id, row.index)),
      );
    }
    const pages = ofFile.map(({ lotId, index, fichier: _f, role, numeroUnique, pieceId, revueId, cleImage, ...reading }) => reading);
    await writeFile(join(lecturesDir, `${original.sha256}.json`), JSON.stringify({ lue, pages } satisfies LecturesFichier));
  }
}

function maintenant(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

// The commit, and the paths that differ from it (other sessions edit the tree).
function arbre(): string {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { encoding: 'utf8' });
    const head = git('log', '-1', '--format=%h %s').trim().slice(0, 80);
    const modifies = git('status', '--porcelain', '--', 'classification', 'services', 'storage', 'fixtures')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.slice(3));
    return `HEAD ${head}${modifies.length ? `; uncommitted changes in ${modifies.join(', ')}` : '; no uncommitted change in classification/, services/, storage/, fixtures/'}`;
  } catch {
    return 'unknown (no git)';
  }
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const require = createRequire(import.meta.url);
  const tesseract = (require('tesseract.js/package.json') as { version: string }).version;
  return { nproc: os.availableParallelism(), cpu, memoire: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`, node: process.versions.node, tesseract };
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
