/**
 * Scan-lot benchmark, end to end (issue 5): `npm run bench:lot [-- --pages N] [--workers N]
 * [--lot-dir DIR] [--skip-ocrmypdf] [--rss-pages N,N…] [--database-url URL] [--out FILE] [--keep]`.
 *
 * 1. A generated lot with its truth: the fixture set `standard` (214 pages, 18 plis, 5 scanner PDFs),
 *    or with `--pages N` a lot of at least N pages from `generateLot`. Kept in `--lot-dir` and reused.
 * 2. The real server process (`cli serve`, LOG_LEVEL=debug) on an empty temporary DATA_DIR (embedded
 *    S3; PGlite, or a fresh database on `--database-url`'s PostgreSQL): registry imported and an
 *    operateur token created with the CLI, the lot's files POSTed to `/v1/lots`, `GET /v1/lots/:id`
 *    polled until the lot is settled. Measured: total time, pages/min, time to the first
 *    checkpointed page and to the first filed piece, the server's RSS (/proc/PID/status; VmHWM reset
 *    after start-up so the lot's peak is its own) and CPU seconds; the result scored against the truth.
 * 3. Where the time goes, from the pipeline's own log lines for the lot: `pages du lot lues` (stage
 *    times summed over pages), `lot décidé et classé`, and one `page lue` per page (debug).
 * 4. OCRmyPDF (`--rotate-pages --deskew -l fra --jobs N`) on the same files, one after the other,
 *    under /usr/bin/time (wall, CPU, peak RSS). Installed from Debian packages when missing and root.
 * 5. With `--rss-pages 50,500`: the server again, fresh each time, on generated lots of those sizes
 *    (LOG_LEVEL=info), for its RSS by lot size.
 *
 * Writes docs/benchmarks-lot.md and keeps an index paragraph at the end of docs/benchmarks.md.
 * Not part of `npm test`.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { generateLot, type LotTruth } from '../fixtures/generate-lot.ts';
import { writeLot } from '../fixtures/write-lot.ts';
import { writeSet } from '../fixtures/write-set.ts';
import type { LotReport } from '../services/lots/lot-report.ts';
import { runCli, startServer, type ServerProcess } from '../test/support/server-process.ts';
import { cliArgs, loadavg, memInfo, procCpu, progressLog, revision, root, updateIndex } from './bench/machine.ts';

const { args, flag, option } = cliArgs();
const log = progressLog('bench:lot');
const perMinute = (pages: number, ms: number) => (ms > 0 ? ((pages / ms) * 60_000).toFixed(1) : '–');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const workers = Number(option('workers') ?? os.availableParallelism());
const pagesWanted = option('pages') ? Number(option('pages')) : null;
const lotDir = path.resolve(option('lot-dir') ?? path.join(os.tmpdir(), pagesWanted ? `bench-lot-${pagesWanted}` : 'bench-lot-standard'));
const rssPages = (option('rss-pages') ?? '').split(',').filter(Boolean).map(Number);
if (rssPages.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--rss-pages wants page counts separated by commas, got ${option('rss-pages')}`);
/** PostgreSQL outside the server process (each run gets a database of its own on it), else PGlite inside. */
const databaseUrl = option('database-url') ?? null;
const databaseLabel = databaseUrl
  ? `PostgreSQL outside the server process (${new URL(databaseUrl).host}, a fresh database per server run)`
  : 'PGlite embedded in the server process (in DATA_DIR)';
const outFile = path.resolve(option('out') ?? path.join(root, 'docs', 'benchmarks-lot.md'));
const work = mkdtempSync(path.join(os.tmpdir(), 'bench-lot-run-'));
const started = new Date();
const loadAtStart = loadavg();

// --- machine ---

/** VmRSS and VmHWM (peak) of a process, in MiB. */
function procMemory(pid: number): { rss: number; hwm: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

// --- 1. the lot ---

type LotFiles = { truth: LotTruth; files: string[]; registryFile: string; bytes: number };

/** The fixture set `standard` when `pages` is null, else a generated lot of at least that many pages; kept in `dir`. */
async function prepareLot(pages: number | null, dir: string): Promise<LotFiles> {
  const truthFile = path.join(dir, 'truth.json');
  if (!existsSync(truthFile)) {
    log(`generating ${pages ? `a ${pages}-page lot` : "the 'standard' fixture set"} in ${dir}`);
    const t = performance.now();
    const progress = (done: number, total: number) => {
      if (done % 50 === 0 || done === total) log(`  ${done}/${total} pages rendered`);
    };
    if (pages) {
      // everyday mail like 'standard' (default degradation rates), another seed, ~15 pages a pli
      const lot = generateLot({
        seed: 515_000 + pages,
        name: `bench-lot-${pages}`,
        plis: Math.max(2, Math.round(pages / 15)),
        minPages: pages,
        plisPerFile: 4,
        format: 'pdf',
        extraRegistry: 30,
      });
      await writeLot(lot, dir, progress);
    } else {
      await writeSet('standard', dir, { onProgress: progress });
    }
    log(`generated in ${seconds(performance.now() - t)}`);
  }
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as LotTruth;
  const files = truth.files.map((f) => path.join(dir, f.file));
  return { truth, files, registryFile: path.join(dir, 'registry.json'), bytes: files.reduce((n, f) => n + statSync(f).size, 0) };
}

// --- 2. scoring a lot report against the truth ---

type Score = {
  pages: number;
  reportedPages: number | null;
  accountedOnce: number;
  missing: number[];
  duplicated: number[];
  wrongDossier: string[];
  wrongType: string[];
  contentDroppedAsBlank: number[];
  blanksTruth: number;
  blanksFound: number;
  piecesTruth: number;
  piecesFiled: number;
  piecesExact: number;
  plisTruth: number;
  plisFiled: number;
  reviewTasks: number;
  reviewByMotif: Record<string, number>;
  reviewPages: number;
  reviewPagesByRole: Record<string, number>;
  reviewDetails: string[];
};

function scoreReport(report: LotReport, truth: LotTruth): Score {
  const places = new Map<number, string[]>();
  const put = (index: number, where: string) => places.set(index, [...(places.get(index) ?? []), where]);
  const wrongDossier: string[] = [];
  const wrongType: string[] = [];
  let piecesExact = 0;
  const truthPieces = new Map(truth.plis.flatMap((pli) => pli.pieces.map((p) => [p.pages.join(','), { ...p, numeroUnique: pli.numeroUnique }] as const)));
  for (const pli of report.plis) {
    for (const index of pli.couverture) {
      put(index, `couverture ${pli.numeroUnique}`);
      const t = truth.pages[index];
      if (t && t.numeroUnique !== pli.numeroUnique) wrongDossier.push(`page ${index} (${t.role}, truth ${t.numeroUnique}) as cover of ${pli.numeroUnique}`);
    }
    for (const piece of pli.pieces) {
      for (const index of piece.pages) {
        put(index, `piece ${piece.id}`);
        const t = truth.pages[index];
        if (!t) continue;
        if (t.numeroUnique !== pli.numeroUnique)
          wrongDossier.push(`page ${index} (${t.role} ${t.type ?? ''}, truth ${t.numeroUnique}) filed in ${pli.numeroUnique} as ${piece.type}`);
        else if (t.type !== piece.type) wrongType.push(`page ${index} (${t.role} ${t.categorie}/${t.type}) filed as ${piece.categorie}/${piece.type}`);
      }
      const expected = truthPieces.get(piece.pages.join(','));
      if (expected && expected.numeroUnique === pli.numeroUnique && expected.type === piece.type) piecesExact++;
    }
  }
  for (const index of report.pagesBlanches) put(index, 'blanc');
  for (const task of report.revue) for (const index of task.pages) put(index, `revue ${task.motif}`);

  const missing: number[] = [];
  const duplicated: number[] = [];
  for (const t of truth.pages) {
    const where = places.get(t.index) ?? [];
    if (where.length === 0) missing.push(t.index);
    if (where.length > 1) duplicated.push(t.index);
  }
  const blanks = new Set(report.pagesBlanches);
  const reviewPages = report.revue.flatMap((r) => r.pages);
  const reviewPagesByRole: Record<string, number> = {};
  for (const index of reviewPages) {
    const role = truth.pages[index]?.role ?? '?';
    reviewPagesByRole[role] = (reviewPagesByRole[role] ?? 0) + 1;
  }
  const reviewByMotif: Record<string, number> = {};
  for (const task of report.revue) reviewByMotif[task.motif] = (reviewByMotif[task.motif] ?? 0) + 1;
  const reviewDetails = report.revue.map((task) => {
    const roles = task.pages.map((i) => {
      const t = truth.pages[i];
      return t
        ? `${i}:${t.role === 'piece' ? `${t.type}${t.pageInPiece}/${t.piecePages}` : t.role}${t.degradations.length ? `[${t.degradations.join('+')}]` : ''}`
        : `${i}`;
    });
    return `${task.motif}: ${task.detail ?? ''} — pages ${roles.join(' ')}`;
  });
  return {
    pages: truth.pages.length,
    reportedPages: report.pages,
    accountedOnce: truth.pages.length - missing.length - duplicated.length,
    missing,
    duplicated,
    wrongDossier,
    wrongType,
    contentDroppedAsBlank: truth.pages.filter((t) => t.role !== 'blanc' && blanks.has(t.index)).map((t) => t.index),
    blanksTruth: truth.pages.filter((t) => t.role === 'blanc').length,
    blanksFound: truth.pages.filter((t) => t.role === 'blanc' && blanks.has(t.index)).length,
    piecesTruth: truth.plis.reduce((n, p) => n + p.pieces.length, 0),
    piecesFiled: report.plis.reduce((n, p) => n + p.pieces.length, 0),
    piecesExact,
    plisTruth: truth.plis.length,
    plisFiled: report.plis.length,
    reviewTasks: report.revue.length,
    reviewByMotif,
    reviewPages: reviewPages.length,
    reviewPagesByRole,
    reviewDetails,
  };
}

// --- 3. end to end against the real server process ---

type ServerRun = {
  label: string;
  pages: number;
  lotId: string;
  status: string;
  uploadMs: number;
  firstPageMs: number | null;
  firstPieceMs: number | null;
  totalMs: number;
  readDoneMs: number | null;
  rssStartMb: number;
  hwmStartMb: number;
  /** VmHWM at the end: the lot's own peak when `peakReset`, else the peak since the process started. */
  hwmMb: number;
  peakReset: boolean;
  rssSamples: Array<{ pagesDone: number; rssMb: number }>;
  cpuSeconds: number | null;
  report: LotReport;
  logs: string;
  loadDuring: string;
};

/** Resets the process's VmHWM to its current RSS (Linux clear_refs 5), so a later peak is the lot's own. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** A new, empty database on the PostgreSQL server of `url`, dropped by `drop()`. */
async function freshDatabase(url: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    url: own.toString(),
    drop: async () => {
      const again = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await again.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await again.end({ timeout: 5 });
      }
    },
  };
}

const serverDataDirs: string[] = [];

async function serverRun(lot: LotFiles, run: { label: string; logLevel: 'debug' | 'info' }): Promise<ServerRun> {
  const dataDir = path.join(work, `server-data-${run.label}`);
  mkdirSync(dataDir, { recursive: true });
  serverDataDirs.push(dataDir);
  const database = databaseUrl ? await freshDatabase(databaseUrl, `bench_lot_${process.pid}_${run.label}`) : null;
  // an empty DATA_DIR: embedded S3 and (without --database-url) PGlite, whatever the shell's environment names
  const env = { DATA_DIR: dataDir, OCR_WORKERS: String(workers), LOG_LEVEL: run.logLevel, DATABASE_URL: database?.url ?? '', S3_ENDPOINT: '' };
  log(`starting the server for ${run.label} (DATA_DIR ${dataDir}, OCR_WORKERS ${workers}, ${database ? 'PostgreSQL' : 'PGlite'}, LOG_LEVEL ${run.logLevel})`);
  let server: ServerProcess;
  try {
    server = await startServer(env, 90_000);
  } catch (error) {
    await database?.drop();
    throw error;
  }
  const pid = server.child.pid!;
  try {
    const imported = await runCli(['demandes', 'import', lot.registryFile], env);
    if (imported.status !== 0) throw new Error(`demandes import failed: ${imported.stderr}`);
    const token = (await runCli(['token', 'create', '--role', 'operateur', '--name', 'bench'], env)).lastLine;
    if (!token.startsWith('du_')) throw new Error(`token create failed: ${token}`);
    const auth = { authorization: `Bearer ${token}` };
    const startMem = procMemory(pid)!;
    const peakReset = resetPeak(pid);
    const cpuBefore = procCpu(pid);
    log(
      `server pid ${pid} ready, RSS ${startMem.rss.toFixed(0)} MiB (start-up peak ${startMem.hwm.toFixed(0)} MiB); posting ${lot.files.length} files (${(lot.bytes / 2 ** 20).toFixed(1)} MiB)`,
    );

    const form = new FormData();
    for (const file of lot.files) form.append('file', new File([readFileSync(file)], path.basename(file), { type: 'application/pdf' }));
    form.append('reference', `BENCH-${Date.now()}`);
    const t0 = performance.now();
    const posted = await fetch(`${server.baseUrl}/v1/lots`, { method: 'POST', headers: auth, body: form });
    const uploadMs = performance.now() - t0;
    const accepted = (await posted.json()) as { id: string; statut: string };
    if (posted.status !== 202) throw new Error(`POST /v1/lots answered ${posted.status}: ${JSON.stringify(accepted)}`);
    log(`lot ${accepted.id} accepted in ${uploadMs.toFixed(0)} ms`);

    let firstPageMs: number | null = null;
    let firstPieceMs: number | null = null;
    let readDoneMs: number | null = null;
    const rssSamples: ServerRun['rssSamples'] = [];
    const loads: number[] = [];
    let lastLogged = -1;
    let report: LotReport;
    for (;;) {
      const response = await fetch(`${server.baseUrl}/v1/lots/${accepted.id}`, { headers: auth });
      report = (await response.json()) as LotReport;
      const now = performance.now() - t0;
      const done = report.pagesTraitees ?? 0;
      if (firstPageMs === null && done > 0) firstPageMs = now;
      if (readDoneMs === null && report.pages !== null && done >= report.pages) readDoneMs = now;
      if (firstPieceMs === null && report.plis.some((p) => p.pieces.length > 0)) firstPieceMs = now;
      const mem = procMemory(pid);
      if (mem) rssSamples.push({ pagesDone: done, rssMb: mem.rss });
      loads.push(os.loadavg()[0]!);
      if (done !== lastLogged && (done % 20 === 0 || done === report.pages)) {
        log(`  ${done}/${report.pages ?? '?'} pages, ${perMinute(done, now)} pages/min, RSS ${mem?.rss.toFixed(0)} MiB, load ${loadavg()}`);
        lastLogged = done;
      }
      if (['termine', 'a_revoir', 'echec'].includes(report.statut)) break;
      if (server.child.exitCode !== null) throw new Error(`server exited ${server.child.exitCode}:\n${server.logs().slice(-3000)}`);
      if (now > 60 * 60_000) throw new Error(`lot still ${report.statut} after an hour`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const totalMs = performance.now() - t0;
    const endMem = procMemory(pid)!;
    const cpuAfter = procCpu(pid);
    log(`lot ${report.statut} in ${seconds(totalMs)}: ${perMinute(lot.truth.pages.length, totalMs)} pages/min, peak RSS ${endMem.hwm.toFixed(0)} MiB`);
    writeFileSync(path.join(work, `server-${run.label}.log`), server.logs());
    writeFileSync(path.join(work, `lot-report-${run.label}.json`), JSON.stringify(report, null, 1));
    const meanLoad = loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length);
    return {
      label: run.label,
      pages: lot.truth.pages.length,
      lotId: accepted.id,
      status: report.statut,
      uploadMs,
      firstPageMs,
      firstPieceMs,
      totalMs,
      readDoneMs,
      rssStartMb: startMem.rss,
      hwmStartMb: startMem.hwm,
      hwmMb: endMem.hwm,
      peakReset,
      rssSamples,
      cpuSeconds: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
      report,
      logs: server.logs(),
      loadDuring: `mean 1-min load ${meanLoad.toFixed(1)} (min ${Math.min(...loads).toFixed(1)}, max ${Math.max(...loads).toFixed(1)})`,
    };
  } finally {
    await server.stop();
    await database?.drop();
  }
}

// --- 4. OCRmyPDF on the same files ---

type OcrmypdfRun =
  | { skipped: string }
  | { version: string; command: string; wallMs: number; cpuSeconds: number; peakMb: number; exits: number[]; errors: string[] };

function ensureOcrmypdf(): string | null {
  const found = () =>
    spawnSync('sh', ['-c', 'command -v ocrmypdf >/dev/null && tesseract --list-langs 2>&1 | grep -qx fra'], { encoding: 'utf8' }).status === 0;
  if (found()) return null;
  if (process.getuid?.() !== 0) return 'ocrmypdf or tesseract-ocr-fra missing, and not root to install them';
  log('installing ocrmypdf and tesseract-ocr-fra (Debian packages)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = spawnSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq ocrmypdf tesseract-ocr-fra'], { stdio: 'inherit', env });
  if (install.status !== 0 || !found()) return `apt-get install -y ocrmypdf tesseract-ocr-fra failed (exit ${install.status})`;
  return null;
}

function runTimed(command: string, commandArgs: string[]): Promise<{ exit: number; wallMs: number; cpuSeconds: number; peakMb: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const timeFile = path.join(work, `time-${Date.now()}.txt`);
    const t = performance.now();
    const child = spawn('/usr/bin/time', ['-o', timeFile, '-f', '%e %U %S %M', command, ...commandArgs], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exit) => {
      const wallMs = performance.now() - t;
      const [, user, system, maxKb] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      resolve({ exit: exit ?? -1, wallMs, cpuSeconds: (user ?? 0) + (system ?? 0), peakMb: (maxKb ?? 0) / 1024, stderr });
    });
  });
}

async function ocrmypdfRun(lot: LotFiles): Promise<OcrmypdfRun> {
  if (flag('skip-ocrmypdf')) return { skipped: '--skip-ocrmypdf' };
  const problem = ensureOcrmypdf();
  if (problem) return { skipped: problem };
  if (!existsSync('/usr/bin/time')) return { skipped: '/usr/bin/time (Debian package time) missing' };
  const version = execFileSync('ocrmypdf', ['--version'], { encoding: 'utf8' }).trim();
  const flags = ['--rotate-pages', '--deskew', '-l', 'fra', '--jobs', String(workers)];
  let wallMs = 0;
  let cpuSeconds = 0;
  let peakMb = 0;
  const exits: number[] = [];
  const errors: string[] = [];
  for (const file of lot.files) {
    log(`ocrmypdf ${flags.join(' ')} ${path.basename(file)}`);
    const out = path.join(work, `ocrmypdf-${path.basename(file)}`);
    const run = await runTimed('ocrmypdf', [...flags, file, out]);
    wallMs += run.wallMs;
    cpuSeconds += run.cpuSeconds;
    peakMb = Math.max(peakMb, run.peakMb);
    exits.push(run.exit);
    if (run.exit !== 0) errors.push(`${path.basename(file)}: exit ${run.exit}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    log(`  ${seconds(run.wallMs)}, ${run.cpuSeconds.toFixed(0)} CPU-s, exit ${run.exit}`);
  }
  return { version, command: `ocrmypdf ${flags.join(' ')} IN.pdf OUT.pdf`, wallMs, cpuSeconds, peakMb, exits, errors };
}

// --- 5. where the time goes: the pipeline's own log lines for the lot ---

/** The page-reading stages the pipeline times, in the order a page goes through them, and what each covers. */
const STAGES: Record<string, string> = {
  normalise: 'normalise (decode, deskew, crop, ink; no OSD)',
  ocr: 'OCR (fra) of the head and foot, and of the body unless the head names a document; pages not plainly blank',
  orientation: 'orientation: OSD and the turned page read again, pages left in doubt',
  numero: 'numéro zone read at 300/400 dpi (500 on disagreement), covers',
  image: 'page image: JPEG encode + S3 put',
  corps: "body read after the file's first decision, pages read by head and foot left in review for want of text",
  checkpoint: 'checkpoint row (DB); in `page lue` only, not in `etapes`',
};

type PipelineFigures = {
  /** From `pages du lot lues`. */
  pages: number;
  readMs: number;
  etapes: Record<string, number>;
  /** From `lot décidé et classé`. */
  /** `ms`: deciding and filing summed over the files, mostly while later files were read; `afterReading`: the wall time after the last page was read. */
  decided: { ms: number; afterReading: number; plis: number; revues: number } | null;
  /** From the `page lue` lines (debug): per stage, the pages that went through it and their summed ms. */
  perStage: Map<string, { pages: number; ms: number }>;
  pageLines: number;
  /** Pages read by their head and foot only (`tetePied` in their `page lue` line). */
  headAndFoot: number;
};

/** The figures the server logged for `lotId`; null when it logged no `pages du lot lues` for it. */
function pipelineFigures(logs: string, lotId: string): PipelineFigures | null {
  let read: { pages: number; ms: number; etapes: Record<string, number> } | null = null;
  let decided: PipelineFigures['decided'] = null;
  const perStage = new Map<string, { pages: number; ms: number }>();
  let pageLines = 0;
  let headAndFoot = 0;
  for (const line of logs.split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: {
      msg?: string;
      lot?: string;
      pages?: number;
      ms?: unknown;
      etapes?: Record<string, number>;
      plis?: number;
      revues?: number;
      tetePied?: boolean;
      apresLecture?: number;
    };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (entry.lot !== lotId) continue;
    // a lot taken up again after a lost lease logs its lines again: the last ones cover the whole lot
    if (entry.msg === 'pages du lot lues') read = { pages: entry.pages ?? 0, ms: Number(entry.ms), etapes: entry.etapes ?? {} };
    else if (entry.msg === 'lot décidé et classé')
      decided = { ms: Number(entry.ms), afterReading: Number(entry.apresLecture ?? entry.ms), plis: entry.plis ?? 0, revues: entry.revues ?? 0 };
    else if (entry.msg === 'corps lu')
      perStage.set('corps', { pages: (perStage.get('corps')?.pages ?? 0) + 1, ms: (perStage.get('corps')?.ms ?? 0) + Number(entry.ms) });
    else if (entry.msg === 'page lue' && entry.ms && typeof entry.ms === 'object') {
      pageLines++;
      if (entry.tetePied) headAndFoot++;
      for (const [stage, ms] of Object.entries(entry.ms as Record<string, number>)) {
        const total = perStage.get(stage) ?? { pages: 0, ms: 0 };
        perStage.set(stage, { pages: total.pages + 1, ms: total.ms + ms });
      }
    }
  }
  return read ? { pages: read.pages, readMs: read.ms, etapes: read.etapes, decided, perStage, pageLines, headAndFoot } : null;
}

/** Stage names in pipeline order, then any the pipeline added since. */
function stageOrder(figures: PipelineFigures): string[] {
  const seen = new Set([...Object.keys(figures.etapes), ...figures.perStage.keys()]);
  return [...Object.keys(STAGES).filter((k) => seen.has(k)), ...[...seen].filter((k) => !(k in STAGES))];
}

function timeLines(server: ServerRun, figures: PipelineFigures | null): string[] {
  const lines = ["## Where the time goes (the pipeline's own figures, same server run)", ''];
  if (!figures) {
    return [...lines, `The server logged no \`pages du lot lues\` line for lot ${server.lotId} (see server-${server.label}.log in the work folder).`, ''];
  }
  const stages = stageOrder(figures);
  // a stage's summed ms: the lot's own total (etapes) where it has one, else the page lines' sum
  const summed = (stage: string) => figures.etapes[stage] ?? figures.perStage.get(stage)?.ms ?? 0;
  const total = stages.reduce((n, k) => n + summed(k), 0);
  const hasPageLines = figures.pageLines > 0;
  const osdPages = figures.perStage.get('orientation')?.pages;
  const coverPages = figures.perStage.get('numero')?.pages;
  lines.push(
    `From the server's log lines for the lot: \`pages du lot lues\` (${figures.pages} pages; reading wall time; \`etapes\`, each stage's milliseconds summed over the lot's pages)${figures.decided ? ', `lot décidé et classé`' : ''}${hasPageLines ? ` and ${figures.pageLines} \`page lue\` lines (LOG_LEVEL=debug, one per page read, with its \`ms\` per stage: pages through a stage are counted there)` : ''}. A stage's time is elapsed time, waiting for a free OCR worker or core included; with ${workers} pages in flight the stages sum to about ${workers}× the reading wall time.`,
    '',
    '| stage | pages through it | summed | per page through it | share of summed reading time |',
    '| --- | --- | --- | --- | --- |',
    ...stages.map((stage) => {
      const pages = figures.perStage.get(stage)?.pages;
      const ms = summed(stage);
      return `| ${STAGES[stage] ?? stage} | ${pages ?? '–'} | ${seconds(ms)} | ${pages ? `${(ms / pages).toFixed(0)} ms` : '–'} | ${total > 0 ? `${((100 * ms) / total).toFixed(1)} %` : '–'} |`;
    }),
    `| **total** | ${figures.pages} | **${seconds(total)}** | ${figures.pages ? `${(total / figures.pages).toFixed(0)} ms` : '–'} | 100 % |`,
    '',
    '| phase | wall | share of upload → settled |',
    '| --- | --- | --- |',
    `| reading the lot's pages (\`pages du lot lues\` ms; extraction and the stages above) | ${seconds(figures.readMs)} | ${((100 * figures.readMs) / server.totalMs).toFixed(1)} % |`,
    figures.decided
      ? `| deciding and filing, after each file while the next file is read, and once more at the end (\`lot décidé et classé\` ms, summed: ${figures.decided.plis} plis, every document filed, ${figures.decided.revues} review tasks) | ${seconds(figures.decided.ms)} | (overlaps the reading) |`
      : '| deciding and filing | not logged | |',
    ...(figures.decided
      ? [
          `| after the last page was read (the last file decided and filed, the lot settled; \`apresLecture\`) | ${seconds(figures.decided.afterReading)} | ${((100 * figures.decided.afterReading) / server.totalMs).toFixed(1)} % |`,
        ]
      : []),
    `| the rest (upload, waiting for a worker to take the lot, settling, 0.5 s polling) | ${seconds(Math.max(0, server.totalMs - figures.readMs - (figures.decided?.afterReading ?? 0)))} | |`,
    '',
    hasPageLines
      ? `Pages that needed OSD (their reading left the orientation in doubt; \`ms.orientation\` in their \`page lue\` line): **${osdPages ?? 0} of ${figures.pages}**. Number zone read again at high resolution on ${coverPages ?? 0} pages (covers and pages that might be one). Pages read by their head and foot only (the head named a document and showed nothing of a cover): **${figures.headAndFoot} of ${figures.pages}**, of which ${figures.perStage.get('corps')?.pages ?? 0} had their body read after their file's first decision left them in review.`
      : 'No `page lue` lines (the server ran below LOG_LEVEL=debug): pages per stage and OSD pages not counted.',
    '',
  );
  return lines;
}

// --- 6. the report ---

function machineLines(): string[] {
  const mem = memInfo();
  return [
    `- ${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${os.availableParallelism()}, ${mem.totalGiB.toFixed(1)} GiB RAM (${mem.availableGiB.toFixed(1)} GiB available at the end), ${os.type()} ${os.release()}, Node ${process.version}.`,
    `- Load average (1/5/15 min): ${loadAtStart} at the start, ${loadavg()} at the end. Other work shares this machine: wall-clock figures move with it, CPU seconds much less.`,
  ];
}

function scoreLines(score: Score, label: string): string[] {
  return [
    `| ${label} | ${score.accountedOnce}/${score.pages}${score.reportedPages === score.pages ? '' : ` (lot says ${score.reportedPages})`} | **${score.wrongDossier.length}** | ${score.wrongType.length} | ${score.piecesFiled} of ${score.piecesTruth} (${score.piecesExact} exact) | ${score.plisFiled} of ${score.plisTruth} | ${score.reviewTasks} (${score.reviewPages} pages) | ${score.blanksFound} of ${score.blanksTruth} | ${score.contentDroppedAsBlank.length} |`,
  ];
}

async function main() {
  const lot = await prepareLot(pagesWanted, lotDir);
  const roles = lot.truth.pages.reduce<Record<string, number>>((acc, t) => ((acc[t.role] = (acc[t.role] ?? 0) + 1), acc), {});
  const degraded = lot.truth.pages.filter((t) => t.degradations.length > 0).length;
  const turned = lot.truth.pages.filter((t) => t.rotation !== 0).length;
  const skewed = lot.truth.pages.filter((t) => Math.abs(t.skew) >= 0.3).length;
  log(`lot: ${lot.truth.pages.length} pages, ${lot.truth.plis.length} plis, ${lot.files.length} files`);

  const server = await serverRun(lot, { label: 'main', logLevel: 'debug' });
  const serverScore = scoreReport(server.report, lot.truth);
  const figures = pipelineFigures(server.logs, server.lotId);
  const loadAfterServer = loadavg();
  const ocrmypdf = await ocrmypdfRun(lot).catch(
    (error: unknown): OcrmypdfRun => ({ skipped: `failed: ${error instanceof Error ? error.message : String(error)}` }),
  );
  const loadAfterOcrmypdf = loadavg();
  const memoryRuns: Array<ServerRun | { pages: number; failed: string }> = [];
  for (const pages of rssPages) {
    try {
      const sized = await prepareLot(pages, path.join(os.tmpdir(), `bench-lot-${pages}`));
      memoryRuns.push(await serverRun(sized, { label: `rss-${pages}`, logLevel: 'info' }));
    } catch (error) {
      log(`memory run on ${pages} pages failed:`, error);
      memoryRuns.push({ pages, failed: error instanceof Error ? error.message : String(error) });
    }
  }
  const N = lot.truth.pages.length;
  const peakLabel = server.peakReset ? 'peak during the lot (VmHWM reset after start-up)' : 'peak since start-up (VmHWM; could not reset it)';

  const lines: string[] = [
    '# Benchmarks: scanned lot end to end',
    '',
    `Written by \`npm run bench:lot\` (scripts/bench-lot.ts) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC. Re-run it to refresh.`,
    '',
    '## Machine and command',
    '',
    ...machineLines(),
    `- Code: ${revision}.`,
    `- Command: \`npm run bench:lot${args.length ? ` -- ${args.map((a) => (a === databaseUrl ? 'URL' : a)).join(' ')}` : ''}\`; server: \`cli serve\` as its own process, OCR_WORKERS=${workers}, on an empty temporary DATA_DIR with the embedded S3 server, LOG_LEVEL=debug.`,
    `- Database: **${databaseLabel}**.`,
    `- Lot: ${pagesWanted ? `\`generateLot\` (seed ${515_000 + pagesWanted}, default degradation rates)` : 'fixture set `standard` (seed 20251001: 3 cover layouts, clean to moderate degradations, all registry matches exact)'}: **${N} pages**, ${lot.truth.plis.length} plis, ${lot.files.length} scanner PDFs, ${(lot.bytes / 2 ** 20).toFixed(1)} MiB; roles ${Object.entries(
      roles,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; ${degraded} pages with degradations, ${turned} turned 90/180/270°, ${skewed} skewed ≥ 0.3°.`,
    '',
    '## End to end over HTTP (upload → `termine` / `a_revoir`)',
    '',
    '| what | figure |',
    '| --- | --- |',
    `| lot status at the end | \`${server.status}\` |`,
    `| upload (\`POST /v1/lots\`, 202 with originals stored) | ${server.uploadMs.toFixed(0)} ms |`,
    `| first page checkpointed | ${server.firstPageMs !== null ? seconds(server.firstPageMs) : '–'} |`,
    `| all pages read (OCR done) | ${server.readDoneMs !== null ? seconds(server.readDoneMs) : '–'} |`,
    `| first piece filed | ${server.firstPieceMs !== null ? seconds(server.firstPieceMs) : 'none filed'} |`,
    `| total, upload to settled | **${seconds(server.totalMs)}** |`,
    `| throughput | **${perMinute(N, server.totalMs)} pages/min** (target ≥ 120) |`,
    `| server CPU time during the lot | ${server.cpuSeconds !== null ? `${server.cpuSeconds.toFixed(0)} CPU-s = ${(server.cpuSeconds / N).toFixed(2)} CPU-s/page → at most ${((60 * workers) / (server.cpuSeconds / N)).toFixed(0)} pages/min on ${workers} idle cores` : '–'} |`,
    `| server RSS: after start-up (start-up peak) / ${peakLabel} | ${server.rssStartMb.toFixed(0)} MiB (${server.hwmStartMb.toFixed(0)} MiB) / **${server.hwmMb.toFixed(0)} MiB** (target < 1 GiB) |`,
    `| machine load while the lot ran | ${server.loadDuring} |`,
    '',
    `RSS while the lot ran (sampled every 0.5 s, by pages checkpointed): ${rssProfile(server.rssSamples, N)}. The server process holds ${databaseUrl ? '' : 'PGlite, '}the embedded S3 server, the tesseract.js workers (worker threads) and sharp.`,
    '',
    ...timeLines(server, figures),
    '## Accuracy against the truth',
    '',
    '| run | pages in exactly one place | pages in a wrong dossier | pages with a wrong type | pieces filed (exact pages+type) | plis filed | review tasks | blank backs found | content pages dropped as blank |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...scoreLines(serverScore, 'server, over HTTP'),
    '',
    `Review tasks by reason: ${
      Object.entries(serverScore.reviewByMotif)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }; pages held in review by their true role: ${
      Object.entries(serverScore.reviewPagesByRole)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }.`,
    serverScore.missing.length || serverScore.duplicated.length
      ? `Pages missing: ${serverScore.missing.join(', ') || 'none'}; in two places: ${serverScore.duplicated.join(', ') || 'none'}.`
      : 'Every page is in exactly one place (a cover, a piece, the blank list or a review task).',
    ...serverScore.wrongDossier.slice(0, 20).map((w) => `- WRONG DOSSIER: ${w}`),
    ...serverScore.wrongType.slice(0, 20).map((w) => `- wrong type: ${w}`),
    ...serverScore.reviewDetails.slice(0, 30).map((d) => `- review ${d}`),
    '',
    '## Side by side: OCRmyPDF on the same files, same run',
    '',
    '| what | wall | pages/min | CPU-s/page | peak RSS |',
    '| --- | --- | --- | --- | --- |',
    `| this service, end to end (read + decide + file, PDFs and rows written) | ${seconds(server.totalMs)} | ${perMinute(N, server.totalMs)} | ${server.cpuSeconds !== null ? (server.cpuSeconds / N).toFixed(2) : '–'} | ${server.hwmMb.toFixed(0)} MiB (whole server, ${server.peakReset ? 'during the lot' : 'since start-up'}) |`,
    'skipped' in ocrmypdf
      ? `| \`ocrmypdf --rotate-pages --deskew -l fra --jobs ${workers}\` | skipped: ${ocrmypdf.skipped} | | | |`
      : `| \`${ocrmypdf.command}\`, the ${lot.files.length} files one after the other | ${seconds(ocrmypdf.wallMs)} | ${perMinute(N, ocrmypdf.wallMs)} | ${(ocrmypdf.cpuSeconds / N).toFixed(2)} | ${ocrmypdf.peakMb.toFixed(0)} MiB (largest process) |`,
    '',
    'skipped' in ocrmypdf
      ? ''
      : `OCRmyPDF ${ocrmypdf.version} (Debian package, tesseract 5 native), timed with /usr/bin/time; exit codes ${ocrmypdf.exits.join(', ')}${ocrmypdf.errors.length ? ` (${ocrmypdf.errors.join('; ')})` : ''}. It writes a PDF/A with a text layer per input file and decides nothing (no covers, dossiers, documents or types); the service writes one PDF per piece and the rows. Load average after the server run ${loadAfterServer}, after OCRmyPDF ${loadAfterOcrmypdf}.`,
    '',
    ...memoryLines(server, memoryRuns),
    ...gapLines(server, figures, N),
    '## Reading these figures',
    '',
    '- Once each file is read, the pages read so far are decided and what is decided is filed while the next file is read; the last envelope read waits for the pages after it, and a lot declaring its envelope count waits whole (`decideLot` with `complet: false`), then the whole lot is decided once more: the first piece comes once an envelope is followed by the next one.',
    '- CPU-s/page is the figure least moved by other work on the machine; pages/min on idle cores ≈ 60 × cores ÷ CPU-s/page when the stages keep every core busy.',
    '- Stage times are elapsed, not CPU: a stage that waits for a busy OCR worker or core counts the wait. Extraction from the PDF is in the reading wall time but in no stage.',
    '',
  ];
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n')}\n`);
  log(`wrote ${path.relative(root, outFile)}`);
  if (outFile === path.join(root, 'docs', 'benchmarks-lot.md')) {
    const peaks = memoryRuns.filter((r): r is ServerRun => 'hwmMb' in r).map((r) => `${r.pages} pages ${r.hwmMb.toFixed(0)} MiB`);
    updateIndex(
      'lot',
      `[Scanned lot end to end](benchmarks-lot.md) (\`npm run bench:lot\`, ${started.toISOString().slice(0, 10)}, ${databaseUrl ? 'PostgreSQL' : 'PGlite'}): ${N} pages, ${perMinute(N, server.totalMs)} pages/min upload → \`${server.status}\`, server peak RSS ${server.hwmMb.toFixed(0)} MiB${server.peakReset ? ' during the lot' : ''}${peaks.length ? ` (${peaks.join(', ')})` : ''}, ${serverScore.wrongDossier.length} pages in a wrong dossier, ${serverScore.piecesFiled} pieces filed, ${serverScore.reviewTasks} review tasks${'skipped' in ocrmypdf ? '' : `; OCRmyPDF ${perMinute(N, ocrmypdf.wallMs)} pages/min on the same files`}.`,
    );
  }
  writeFileSync(
    path.join(work, 'score.json'),
    JSON.stringify({ server: serverScore, figures: figures && { ...figures, perStage: Object.fromEntries(figures.perStage) } }, null, 1),
  );
}

/** The server's RSS on lots of several sizes: the main run's and the `--rss-pages` runs'. */
function memoryLines(main: ServerRun, runs: Array<ServerRun | { pages: number; failed: string }>): string[] {
  if (runs.length === 0) return [];
  const done = [main, ...runs.filter((r): r is ServerRun => 'hwmMb' in r)];
  const row = (r: ServerRun) =>
    `| ${r.label === 'main' ? 'main lot, above (LOG_LEVEL=debug)' : `generated, seed ${515_000 + Number(r.label.slice(4))}`} | ${r.pages} | \`${r.status}\` | ${seconds(r.totalMs)} | ${perMinute(r.pages, r.totalMs)} | ${r.rssStartMb.toFixed(0)} MiB | ${r.hwmStartMb.toFixed(0)} MiB | **${r.hwmMb.toFixed(0)} MiB**${r.peakReset ? '' : ' (since start-up)'} | ${rssProfile(r.rssSamples, r.pages)} |`;
  const highest = done.reduce((a, b) => (b.hwmMb > a.hwmMb ? b : a));
  const smallest = done.reduce((a, b) => (b.pages < a.pages ? b : a));
  const largest = done.reduce((a, b) => (b.pages > a.pages ? b : a));
  return [
    "## Memory: the server's RSS by lot size",
    '',
    `Each run is a fresh server process on an empty DATA_DIR; database: ${databaseLabel}; S3 embedded in the server process; OCR_WORKERS=${workers} (the tesseract.js workers are threads of the server). "Peak during the lot" is VmHWM reset (Linux clear_refs) once the server is up and read when the lot is settled; the start-up peak is VmHWM before that reset.`,
    '',
    '| run | pages | status | upload → settled | pages/min | RSS after start-up | start-up peak | peak during the lot | RSS by pages checkpointed |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...done.map(row),
    ...runs
      .filter((r): r is { pages: number; failed: string } => 'failed' in r)
      .map((r) => `| generated | ${r.pages} | failed: ${r.failed.split('\n')[0]} | | | | | | |`),
    '',
    `Highest peak during a lot: ${highest.hwmMb.toFixed(0)} MiB (${highest.pages} pages; target < 1024 MiB, ${highest.hwmMb < 1024 ? 'met' : 'not met'}); from ${smallest.pages} to ${largest.pages} pages the peak moves by ${(largest.hwmMb - smallest.hwmMb).toFixed(0)} MiB.`,
    '',
  ];
}

/** What stands between the measured figures and the targets, from this run's figures. */
function gapLines(server: ServerRun, figures: PipelineFigures | null, N: number): string[] {
  const budget = (60 * workers) / 120;
  const cpuPerPage = server.cpuSeconds !== null ? server.cpuSeconds / N : null;
  const lines = ['## The gap to 120 pages/min and 1 GiB', ''];
  lines.push(
    `- Throughput: 120 pages/min on ${workers} cores leaves ${budget.toFixed(2)} CPU-s per page; the server spent ${cpuPerPage !== null ? cpuPerPage.toFixed(2) : '?'} CPU-s per page, so even on idle cores it would reach about ${cpuPerPage ? ((60 * workers) / cpuPerPage).toFixed(0) : '?'} pages/min${cpuPerPage && cpuPerPage > budget ? `: the work per page has to shrink by ${Math.max(0, 100 * (1 - budget / cpuPerPage)).toFixed(0)} %, waiting less is not enough` : ''}.`,
  );
  if (figures) {
    const stages = stageOrder(figures).filter((k) => k in figures.etapes);
    const total = stages.reduce((n, k) => n + figures.etapes[k]!, 0);
    const slowest = stages.reduce((a, b) => (figures.etapes[b]! > figures.etapes[a]! ? b : a), stages[0] ?? '');
    const tesseract = ['ocr', 'orientation', 'numero', 'corps'].reduce((n, k) => n + (figures.etapes[k] ?? 0), 0);
    const share = (ms: number) => (total > 0 ? `${((100 * ms) / total).toFixed(0)} %` : '–');
    lines.push(
      `- Where it goes: the slowest stage is ${STAGES[slowest] ?? slowest}, ${share(figures.etapes[slowest] ?? 0)} of the summed reading time; the stages that call tesseract (OCR, orientation, number zone) ${share(tesseract)}. Deciding and filing took ${figures.decided ? seconds(figures.decided.ms) : '?'} summed, mostly while later files were read; ${figures.decided ? seconds(figures.decided.afterReading) : '?'} of ${seconds(server.totalMs)} end to end came after the last page was read.`,
    );
    const osd = figures.perStage.get('orientation');
    if (figures.pageLines > 0)
      lines.push(
        `- OSD ran on ${osd?.pages ?? 0} of ${figures.pages} pages (${seconds(osd?.ms ?? 0)} summed), only where the page's reading left its orientation in doubt.`,
      );
  }
  lines.push(
    `- First piece: filing starts once the first file is read (${server.firstPieceMs !== null ? seconds(server.firstPieceMs) : '–'} here); deciding an envelope as soon as the next cover is read would file the first pieces after the first envelope.`,
    `- Memory: ${server.hwmMb.toFixed(0)} MiB ${server.peakReset ? 'peak during the lot' : 'peak since start-up'} for the whole server (${databaseUrl ? 'PostgreSQL outside it' : `PGlite inside it: its start-up alone peaks at ${server.hwmStartMb.toFixed(0)} MiB; run with --database-url to leave it out`}), with the embedded S3 server and ${workers} OCR workers${rssPages.length ? '; by lot size in the memory section above' : '; --rss-pages 50,500 measures it by lot size'}.`,
    '',
  );
  return lines;
}

function rssProfile(samples: ServerRun['rssSamples'], total: number): string {
  const points = [0, 0.25, 0.5, 0.75, 1].map((q) => {
    const target = Math.round(q * total);
    const sample = samples.find((s) => s.pagesDone >= target) ?? samples.at(-1);
    return sample ? `${target} pages ${sample.rssMb.toFixed(0)} MiB` : null;
  });
  const last = samples.at(-1);
  return `${points.filter(Boolean).join(', ')}${last ? `, at the end ${last.rssMb.toFixed(0)} MiB` : ''}`;
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  log('failed:', error);
  exitCode = 1;
}
// the databases and objects of the runs go; reports and logs stay for a look
if (!flag('keep')) for (const dir of serverDataDirs) rmSync(dir, { recursive: true, force: true });
log(`work files in ${work}`);
process.exit(exitCode);
