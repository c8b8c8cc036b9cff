/**
 * Accuracy report: generates the evaluation set (or reuses one), reads every page through the page
 * engine (OCR pool sized to the cores), decides the lot, compares with the truth, writes docs/accuracy.md.
 *
 *   npm run eval [-- --pages N --seed S --plis N --set eval|standard --dir DIR --reocr --out FILE --keep]
 *
 * --dir reuses a set written there (truth.json, registry.json and the batch files), and the OCR results
 * cached in DIR/ocr.json unless --reocr; without --dir the set goes to a temporary folder, removed at the
 * end unless --keep. Progress goes to stderr; stdout gets the key figures as JSON.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PageTexte } from '../classification/page-text.ts';
import { plan } from '../classification/plan-de-classement.ts';
import type { RegistryEntry } from '../fixtures/demandeur.ts';
import { generateLot, type LotTruth } from '../fixtures/generate-lot.ts';
import { SETS } from '../fixtures/sets.ts';
import { writeLot } from '../fixtures/write-lot.ts';
import { decideLot, pagesEnDoute, type DecisionLot } from '../services/lots/decide-lot.ts';
import { createImageOps } from '../services/pages/image-ops.ts';
import { createOcrPool } from '../services/pages/ocr-pool.ts';
import { comparer, teteTexte } from './eval/comparer.ts';
import { lireFichiers, type PageLue } from './eval/lire-pages.ts';
import { chiffresCles, rendreRapport } from './eval/rapport.ts';
import { registreDe } from './eval/registre.ts';

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string' },
    plis: { type: 'string' },
    seed: { type: 'string' },
    set: { type: 'string', default: 'eval' },
    format: { type: 'string', default: 'pdf' },
    dir: { type: 'string' },
    out: { type: 'string', default: 'docs/accuracy.md' },
    analyse: { type: 'string', default: 'scripts/eval/analyse.md' },
    reocr: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    workers: { type: 'string' },
  },
  allowPositionals: false,
});

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const int = (v: string | undefined) => (v === undefined ? undefined : Number.parseInt(v, 10));

/** What the page engine read, kept in DIR/ocr.json with how, when and with which tree it was read. */
type OcrCache = {
  lectureMs: number;
  workers: number;
  pages: PageLue[];
  charge?: [number, number];
  lue?: { commande: string; date: string; arbre: string };
};

async function main(): Promise<void> {
  const started = performance.now();
  // the tree as the modules were loaded: other sessions may commit while the pages are read
  const etatArbre = arbre();
  const commande = `npm run eval${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const set = args.set;
  if (set !== 'eval' && set !== 'standard') throw new Error(`--set eval|standard, not ${set}`);
  const format = args.format as 'pdf' | 'tiff';
  const workers = int(args.workers) ?? os.availableParallelism();

  // 1. The set: generated, or reused from --dir.
  const dir = resolve(args.dir ?? (await mkdtemp(join(os.tmpdir(), `eval-${set}-`))));
  let generation: number | null = null;
  if (!existsSync(join(dir, 'truth.json'))) {
    const t0 = performance.now();
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
    generation = performance.now() - t0;
    await writeFile(join(dir, 'generation.json'), JSON.stringify({ ms: Math.round(generation) }));
  } else log(`eval: reusing the set in ${dir}`);
  const generationAvant =
    generation === null && existsSync(join(dir, 'generation.json'))
      ? (JSON.parse(readFileSync(join(dir, 'generation.json'), 'utf8')) as { ms: number }).ms
      : null;
  const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as LotTruth;
  const registry = JSON.parse(await readFile(join(dir, 'registry.json'), 'utf8')) as RegistryEntry[];

  // 2. Every page through the page engine, or the cached reads.
  const cachePath = join(dir, 'ocr.json');
  let cache: OcrCache | undefined;
  if (!args.reocr && existsSync(cachePath)) {
    cache = JSON.parse(await readFile(cachePath, 'utf8')) as OcrCache;
    if (cache.pages.length !== truth.pages.length) cache = undefined;
    else log(`eval: OCR results reused from ${cachePath}`);
  }
  const lectureCache = cache !== undefined;
  if (cache === undefined) {
    const t0 = performance.now();
    const chargeAvant = os.loadavg()[0] ?? 0;
    const images = createImageOps({ concurrency: workers });
    const ocr = createOcrPool({ workers }, { images });
    log(`eval: reading ${truth.pages.length} pages with ${workers} OCR workers`);
    let done = 0;
    try {
      const lues = await lireFichiers(
        dir,
        truth.files.map((f) => f.file),
        { images, ocr, concurrency: workers },
        (p) => {
          done++;
          const elapsed = (performance.now() - t0) / 1000;
          const eta = (elapsed / done) * (truth.pages.length - done);
          log(
            `  read ${done}/${truth.pages.length} — page ${p.index} ${p.blank ? `blank (${p.blankReason})` : `${p.text.length} chars, conf ${p.confidence ?? '–'}`}, ${p.ms} ms — ${elapsed.toFixed(0)} s elapsed, ~${eta.toFixed(0)} s left`,
          );
        },
      );
      cache = {
        lectureMs: Math.round(performance.now() - t0),
        workers,
        pages: lues,
        charge: [chargeAvant, os.loadavg()[0] ?? 0],
        lue: { commande, date: maintenant(), arbre: etatArbre },
      };
    } finally {
      await ocr.terminate();
    }
    await writeFile(cachePath, JSON.stringify(cache));
  }
  if (cache.pages.length !== truth.pages.length) throw new Error(`${cache.pages.length} pages read, the truth has ${truth.pages.length}`);

  // 3. The lot decision, as the service makes it.
  const t0 = performance.now();
  // as process-lot.ts builds them from the pages table
  const fichiers = new Map(truth.files.map((f, i) => [f.file, i]));
  const pages: PageTexte[] = cache.pages.map((p) => ({
    index: p.index,
    text: p.text,
    blank: p.blank,
    ...(p.lecturesZone ? { lecturesZone: p.lecturesZone } : {}),
    fichier: fichiers.get(p.file) ?? 0,
  }));
  const registre = registreDe(registry);
  // as process-lot.ts does: each file decided on its own (the lot declares no envelope count), and
  // pages read by head and foot that the decisions left in doubt read whole before deciding again
  const completes = new Map(cache.pages.filter((p) => p.texteComplet !== null).map((p) => [p.index, p.texteComplet!]));
  const corpsLus: number[] = [];
  const decision: DecisionLot = { plis: [], pagesBlanches: [], revues: [], enAttente: [] };
  for (const fichier of new Set(pages.map((p) => p.fichier))) {
    const duFichier = pages.filter((p) => p.fichier === fichier);
    let decisionFichier = decideLot(duFichier, registre, { today: truth.referenceDate });
    const aLire = pagesEnDoute(decisionFichier).filter((index) => completes.has(index));
    if (aLire.length > 0) {
      for (const page of duFichier) if (aLire.includes(page.index)) page.text = completes.get(page.index)!;
      decisionFichier = decideLot(duFichier, registre, { today: truth.referenceDate });
      corpsLus.push(...aLire);
    }
    decision.plis.push(...decisionFichier.plis);
    decision.pagesBlanches.push(...decisionFichier.pagesBlanches);
    decision.revues.push(...decisionFichier.revues);
  }
  const decisionMs = performance.now() - t0;

  // 4. Against the truth.
  const resultats = comparer(truth, registry, pages, cache.pages, decision, registre, truth.referenceDate);
  const ocrMs = cache.pages.map((p) => p.ocrMs).filter((x): x is number => x !== null);
  const analysePath = resolve(args.analyse);
  const rapport = rendreRapport(
    resultats,
    {
      date: maintenant(),
      lue: cache.lue ?? null,
      commande,
      machine: machine(),
      arbre: etatArbre,
      jeu: {
        set,
        seed: truth.seed,
        format: truth.format,
        pages: truth.pages.length,
        plis: truth.plis.length,
        fichiers: truth.files.length,
        registre: registry.length,
        dir: args.dir ? dir : '(temporary)',
      },
      durees: {
        generation,
        generationAvant,
        lecture: cache.lectureMs,
        lectureCache,
        decision: decisionMs,
        total: performance.now() - started,
        ocrMoyen: ocrMs.length ? ocrMs.reduce((a, b) => a + b, 0) / ocrMs.length : null,
        ocrWorkers: cache.workers,
        corps: { tetePied: completes.size, relus: corpsLus.length },
        charge: cache.charge ?? null,
      },
      analyse: existsSync(analysePath) && set === 'eval' && args.out === 'docs/accuracy.md' ? readFileSync(analysePath, 'utf8') : null,
    },
    new Map(plan.categories.flatMap((c) => c.types.map((t) => [t.code, t.label] as [string, string]))),
  );
  const out = resolve(args.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, rapport);
  log(`eval: report written to ${out}`);

  // Failures on stderr, for the analysis.
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
  if (!args.dir && !args.keep) await rm(dir, { recursive: true, force: true });
  else log(`eval: set kept in ${dir}`);
}

function maintenant(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

// The commit, and the decision and engine paths that differ from it (other sessions edit the tree).
function arbre(): string {
  try {
    const git = (...a: string[]) => execFileSync('git', a, { encoding: 'utf8' });
    const head = git('log', '-1', '--format=%h %s').trim().slice(0, 80);
    const modifies = git('status', '--porcelain', '--', 'classification', 'services/pages', 'services/lots', 'fixtures')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.slice(3));
    return `HEAD ${head}${modifies.length ? `; uncommitted changes in ${modifies.join(', ')}` : '; no uncommitted change in classification/, services/pages/, services/lots/, fixtures/'}`;
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
