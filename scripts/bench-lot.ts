/**
 * Scan-lot benchmark, end to end (issue 5): `npm run bench:lot [-- --pages N] [--workers N]
 * [--lot-dir DIR] [--skip-ocrmypdf] [--skip-stages] [--out FILE]`.
 *
 * 1. A generated lot with its truth: the fixture set `standard` (214 pages, 18 plis, 5 scanner PDFs),
 *    or with `--pages N` a lot of at least N pages from `generateLot`. Kept in `--lot-dir` and reused.
 * 2. The real server process (`cli serve`) on an empty temporary DATA_DIR (PGlite + embedded S3):
 *    registry imported and an operateur token created with the CLI, the lot's files POSTed to
 *    `/v1/lots`, `GET /v1/lots/:id` polled until the lot is settled. Measured: total time, pages/min,
 *    time to the first checkpointed page and to the first filed piece, the server's peak RSS
 *    (/proc/PID/status VmHWM) and its CPU seconds; the result scored against the truth.
 * 3. OCRmyPDF (`--rotate-pages --deskew -l fra --jobs N`) on the same files, one after the other,
 *    under /usr/bin/time (wall, CPU, peak RSS). Installed from Debian packages when missing and root.
 * 4. Where the time goes: the same lot run in this process, stage by stage (the pipeline has no
 *    per-stage timing of its own): processLot and readPages (services/lots/) mirrored with
 *    performance.now() around each stage — extract → normalise with OSD → blank test → OCR → page
 *    image stored → checkpoint row, then decide → file each document → review tasks — calling the
 *    real stage functions. Keep the mirror in step when the pipeline changes.
 *
 * Writes docs/benchmarks-lot.md and keeps an index paragraph at the end of docs/benchmarks.md.
 * Not part of `npm test`.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray } from 'drizzle-orm';
import { numerosAConsulter } from '../classification/match-couverture.ts';
import { findNumeroUniqueCandidates } from '../classification/numero-unique.ts';
import type { PageTexte } from '../classification/page-text.ts';
import { generateLot, type LotTruth } from '../fixtures/generate-lot.ts';
import { writeLot } from '../fixtures/write-lot.ts';
import { writeSet } from '../fixtures/write-set.ts';
import { loadConfig } from '../services/config.ts';
import { runCommand } from '../services/control/commands.ts';
import { openStorage } from '../services/deps.ts';
import { decideLot } from '../services/lots/decide-lot.ts';
import { lotReport, type LotReport } from '../services/lots/lot-report.ts';
import { settleLot } from '../services/lots/process-lot.ts';
import { fileDocument } from '../services/lots/file-document.ts';
import { openReviewTask } from '../services/revue/open-review-task.ts';
import { AppError } from '../services/app-error.ts';
import { pageImageKey } from '../services/lots/read-pages.ts';
import { receiveLot } from '../services/lots/receive-lot.ts';
import { createPageServices } from '../services/page-services.ts';
import { countMeaningfulWords, detectBlank } from '../services/pages/detect-blank.ts';
import { extractPages } from '../services/pages/extract-pages.ts';
import type { ImageOps } from '../services/pages/image-ops.ts';
import { normalisePage } from '../services/pages/normalise-page.ts';
import type { OcrPool } from '../services/pages/ocr-pool.ts';
import type { ExtractedPage } from '../services/pages/page-types.ts';
import { today } from '../services/today.ts';
import { demandes, lots, pages as pagesTable } from '../storage/schema/index.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { runCli, startServer, type ServerProcess } from '../test/support/server-process.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const log = (...parts: unknown[]) => console.error(`[bench:lot ${new Date().toISOString().slice(11, 19)}]`, ...parts);
const perMinute = (pages: number, ms: number) => (ms > 0 ? ((pages / ms) * 60_000).toFixed(1) : '–');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const loadavg = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ');

const workers = Number(option('workers') ?? os.availableParallelism());
const pagesWanted = option('pages') ? Number(option('pages')) : null;
const lotName = pagesWanted ? `bench-lot-${pagesWanted}` : 'bench-lot-standard';
const lotDir = path.resolve(option('lot-dir') ?? path.join(os.tmpdir(), lotName));
const outFile = path.resolve(option('out') ?? path.join(root, 'docs', 'benchmarks-lot.md'));
const work = mkdtempSync(path.join(os.tmpdir(), 'bench-lot-run-'));
const started = new Date();
const loadAtStart = loadavg();
/** The code measured: HEAD, and whether the service's code had uncommitted changes when the run started. */
const revision = (() => {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'services', 'classification', 'storage'], { cwd: root, encoding: 'utf8' }).trim();
    return `commit ${head}${dirty ? ' with uncommitted changes under services/, classification/ or storage/' : ''}`;
  } catch {
    return 'commit unknown';
  }
})();

// --- machine ---

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function memInfo() {
  const text = readFileSync('/proc/meminfo', 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return { totalGiB: kb('MemTotal') / 2 ** 20, availableGiB: kb('MemAvailable') / 2 ** 20 };
}

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

/** User + system CPU seconds of a process (all its threads). */
function procCpu(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

// --- 1. the lot ---

type LotFiles = { truth: LotTruth; files: string[]; registryFile: string; bytes: number };

async function prepareLot(): Promise<LotFiles> {
  const truthFile = path.join(lotDir, 'truth.json');
  if (!existsSync(truthFile)) {
    log(`generating ${pagesWanted ? `a ${pagesWanted}-page lot` : "the 'standard' fixture set"} in ${lotDir}`);
    const t = performance.now();
    const progress = (done: number, total: number) => {
      if (done % 50 === 0 || done === total) log(`  ${done}/${total} pages rendered`);
    };
    if (pagesWanted) {
      // everyday mail like 'standard' (default degradation rates), another seed, ~15 pages a pli
      const lot = generateLot({ seed: 515_000 + pagesWanted, name: lotName, plis: Math.max(2, Math.round(pagesWanted / 15)), minPages: pagesWanted, plisPerFile: 4, format: 'pdf', extraRegistry: 30 });
      await writeLot(lot, lotDir, progress);
    } else {
      await writeSet('standard', lotDir, { onProgress: progress });
    }
    log(`generated in ${seconds(performance.now() - t)}`);
  }
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as LotTruth;
  const files = truth.files.map((f) => path.join(lotDir, f.file));
  return { truth, files, registryFile: path.join(lotDir, 'registry.json'), bytes: files.reduce((n, f) => n + statSync(f).size, 0) };
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
        if (t.numeroUnique !== pli.numeroUnique) wrongDossier.push(`page ${index} (${t.role} ${t.type ?? ''}, truth ${t.numeroUnique}) filed in ${pli.numeroUnique} as ${piece.type}`);
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
      return t ? `${i}:${t.role === 'piece' ? `${t.type}${t.pageInPiece}/${t.piecePages}` : t.role}${t.degradations.length ? `[${t.degradations.join('+')}]` : ''}` : `${i}`;
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
  lotId: string;
  status: string;
  uploadMs: number;
  firstPageMs: number | null;
  firstPieceMs: number | null;
  totalMs: number;
  readDoneMs: number | null;
  rssStartMb: number;
  hwmStartMb: number;
  hwmMb: number;
  rssSamples: Array<{ pagesDone: number; rssMb: number }>;
  cpuSeconds: number | null;
  report: LotReport;
  logLines: number;
  loadDuring: string;
};

async function serverRun(lot: LotFiles): Promise<ServerRun> {
  const dataDir = path.join(work, 'server-data');
  mkdirSync(dataDir, { recursive: true });
  // an empty DATA_DIR: embedded PGlite and S3, whatever the shell's environment names
  const env = { DATA_DIR: dataDir, OCR_WORKERS: String(workers), LOG_LEVEL: 'info', DATABASE_URL: '', S3_ENDPOINT: '' };
  log(`starting the server (DATA_DIR ${dataDir}, OCR_WORKERS ${workers})`);
  const server: ServerProcess = await startServer(env, 90_000);
  const pid = server.child.pid!;
  try {
    const imported = await runCli(['demandes', 'import', lot.registryFile], env);
    if (imported.status !== 0) throw new Error(`demandes import failed: ${imported.stderr}`);
    const token = (await runCli(['token', 'create', '--role', 'operateur', '--name', 'bench'], env)).lastLine;
    if (!token.startsWith('du_')) throw new Error(`token create failed: ${token}`);
    const auth = { authorization: `Bearer ${token}` };
    const startMem = procMemory(pid)!;
    const cpuBefore = procCpu(pid);
    log(`server pid ${pid} ready, RSS ${startMem.rss.toFixed(0)} MiB; posting ${lot.files.length} files (${(lot.bytes / 2 ** 20).toFixed(1)} MiB)`);

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
    log(`lot ${report.statut} in ${seconds(totalMs)}: ${perMinute(truthPages(lot), totalMs)} pages/min, peak RSS ${endMem.hwm.toFixed(0)} MiB`);
    writeFileSync(path.join(work, 'server.log'), server.logs());
    writeFileSync(path.join(work, 'lot-report.json'), JSON.stringify(report, null, 1));
    const meanLoad = loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length);
    return {
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
      rssSamples,
      cpuSeconds: cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null,
      report,
      logLines: server.logs().split('\n').filter(Boolean).length,
      loadDuring: `mean 1-min load ${meanLoad.toFixed(1)} (min ${Math.min(...loads).toFixed(1)}, max ${Math.max(...loads).toFixed(1)})`,
    };
  } finally {
    await server.stop();
  }
}

const truthPages = (lot: LotFiles) => lot.truth.pages.length;
let turnedPages = 0;

// --- 4. OCRmyPDF on the same files ---

type OcrmypdfRun = { skipped: string } | { version: string; command: string; wallMs: number; cpuSeconds: number; peakMb: number; exits: number[]; errors: string[] };

function ensureOcrmypdf(): string | null {
  const found = () => spawnSync('sh', ['-c', 'command -v ocrmypdf >/dev/null && tesseract --list-langs 2>&1 | grep -qx fra'], { encoding: 'utf8' }).status === 0;
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

// --- 5. where the time goes: the same lot, stage by stage, in this process ---

function sumTimers(timers: Timers, prefix: string): number {
  return [...timers.total.entries()].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v.ms, 0);
}

class Timers {
  readonly total = new Map<string, { ms: number; calls: number }>();
  add(name: string, ms: number) {
    const entry = this.total.get(name) ?? { ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls++;
    this.total.set(name, entry);
  }
  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await work();
    } finally {
      this.add(name, performance.now() - t);
    }
  }
  get(name: string) {
    return this.total.get(name) ?? { ms: 0, calls: 0 };
  }
}

/** The same object, every method call timed under `prefix.method`. */
function timedMethods<T extends object>(target: T, prefix: string, timers: Timers): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver);
      if (typeof value !== 'function') return value;
      return (...callArgs: unknown[]) => {
        const t = performance.now();
        const result = value.apply(object, callArgs);
        if (result && typeof (result as Promise<unknown>).then === 'function' && typeof (result as AsyncGenerator)[Symbol.asyncIterator] !== 'function') {
          return (result as Promise<unknown>).finally(() => timers.add(`${prefix}.${String(key)}`, performance.now() - t));
        }
        timers.add(`${prefix}.${String(key)}`, performance.now() - t);
        return result;
      };
    },
  });
}

type StageRun = {
  readMs: number;
  processMs: number;
  wallMs: number;
  cpuSeconds: number;
  pages: number;
  ocrPages: number;
  osdCalls: number;
  fraCalls: number;
  timers: Timers;
  tesseractMs: { ocr: number; osd: number };
  decideMs: number;
  report: LotReport;
};

async function stageRun(lot: LotFiles): Promise<StageRun> {
  const dataDir = path.join(work, 'stage-data');
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({ DATA_DIR: dataDir, OCR_WORKERS: String(workers), LOG_LEVEL: 'warn' });
  const storage = await openStorage(config);
  const services = createPageServices(config);
  const timers = new Timers();
  const tesseractMs = { ocr: 0, osd: 0 };
  let osdCalls = 0;
  let fraCalls = 0;
  try {
    await runCommand('demandes import', storage, { contenu: readFileSync(lot.registryFile, 'utf8'), format: 'json' });
    const fichiers = lot.files.map((chemin) => {
      const bytes = readFileSync(chemin);
      return { nom: path.basename(chemin), chemin, sha256: createHash('sha256').update(bytes).digest('hex'), taille: bytes.length };
    });
    const { lot: row } = await receiveLot(storage, { fichiers, acteur: null });

    const images: ImageOps = timedMethods(services.images, 'sharp', timers);
    const objects: ObjectStore = timedMethods(storage.objects, 's3', timers);
    const pool = services.ocr();
    const ocr: OcrPool = {
      ...pool,
      stats: () => pool.stats(),
      terminate: () => pool.terminate(),
      recognizeRegion: (image, region, options) => pool.recognizeRegion(image, region, options),
      detectOrientation: async (image) => {
        osdCalls++;
        const result = await pool.detectOrientation(image);
        tesseractMs.osd += result.ms;
        return result;
      },
      recognizePage: async (image) => {
        const result = await pool.recognizePage(image);
        fraCalls++;
        tesseractMs.ocr += result.ms;
        return result;
      },
    };
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();

    // stage 1, mirrored from services/lots/read-pages.ts with a timer around each stage
    let ocrPages = 0;
    let offset = 0;
    const readOne = async (index: number, fichier: number, page: ExtractedPage) => {
      const normalised = await timers.time('2 normalise (decode, OSD, deskew, crop, ink)', () => normalisePage(page, { images, ocr }));
      let blank = detectBlank(normalised.ink);
      let texte = '';
      let confiance: number | null = null;
      let erreur: string | null = null;
      if (!blank.blank) {
        ocrPages++;
        const read = await timers.time('3 full-page OCR (fra)', () => ocr.recognizePage({ pixels: normalised.grey, dpi: normalised.dpi }));
        if (read.ok) {
          texte = read.text;
          confiance = Math.round(read.confidence);
          if (blank.reason === 'incertain') blank = detectBlank(normalised.ink, countMeaningfulWords(read.words));
        } else erreur = read.error;
      }
      const image = await timers.time('4 page image: JPEG encode', () => images.encodeJpeg(normalised.grey, normalised.dpi, 80));
      await timers.time('5 page image: S3 put', () => objects.put('originaux', pageImageKey(row.id, index), image, { contentType: 'image/jpeg' }));
      const values = {
        lotId: row.id,
        index,
        fichier,
        pageDansFichier: page.index,
        blanc: blank.blank,
        normalisation: { ...normalised.record, dpi: normalised.dpi, blanc: blank.reason },
        texte,
        confianceOcr: confiance,
        cleImage: pageImageKey(row.id, index),
        erreur,
        traiteLe: new Date(),
      };
      await timers.time('6 checkpoint row (DB)', () => storage.db.insert(pagesTable).values(values).onConflictDoUpdate({ target: [pagesTable.lotId, pagesTable.index], set: values }));
    };
    const inFlight = new Set<Promise<void>>();
    for (const [fichierIndex, fichier] of row.fichiers.entries()) {
      const bytes = await timers.time('0 original from S3', () => objects.getBuffer('originaux', fichier.cle));
      const iterator = extractPages(bytes, { images })[Symbol.asyncIterator]();
      let count = 0;
      for (;;) {
        const next = await timers.time('1 extract', () => iterator.next());
        if (next.done) break;
        const page = next.value;
        count = page.count;
        const index = offset + page.index;
        const task = readOne(index, fichierIndex, page).then(() => {
          if ((index + 1) % 20 === 0) log(`  stages: ${index + 1} pages read`);
        });
        inFlight.add(task);
        void task.finally(() => inFlight.delete(task));
        if (inFlight.size >= workers) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
      offset += count;
    }
    await storage.db.update(lots).set({ pages: offset, modifieLe: new Date() }).where(eq(lots.id, row.id));
    const readMs = performance.now() - t0;

    // the decision alone (pure), timed on the same inputs processLot will use
    const rows = await storage.db.select().from(pagesTable).where(inArray(pagesTable.lotId, [row.id])).orderBy(pagesTable.index);
    const pageTexts: PageTexte[] = rows.map((r) => ({ index: r.index, text: r.texte ?? '', blank: r.blanc ?? false }));
    const numbers = numerosAConsulter(pageTexts.flatMap((p) => (p.blank ? [] : findNumeroUniqueCandidates(p.text))));
    const found = numbers.length ? await storage.db.select().from(demandes).where(inArray(demandes.numeroUnique, numbers)) : [];
    const byNumber = new Map(found.map((d) => [d.numeroUnique, d]));
    const registre = {
      parNumero: (nu: string) => byNumber.get(nu),
      personnes: (nu: string) => {
        const d = byNumber.get(nu);
        return d ? { demandeur: { nom: d.nom, prenom: d.prenom, dateNaissance: d.dateNaissance } } : {};
      },
    };
    const td = performance.now();
    decideLot(pageTexts, registre, { today: today() });
    const decideMs = performance.now() - td;

    // stage 2, mirrored from processLot (services/lots/process-lot.ts): decide, then file each
    // document with the real fileDocument, then review tasks and the lot's status
    const tp = performance.now();
    const sharpBefore = sumTimers(timers, 'sharp.');
    const s3Before = sumTimers(timers, 's3.');
    const decision = decideLot(pageTexts, registre, { today: today() });
    for (const unreadable of rows.filter((r) => r.erreur)) {
      decision.revues.push({ motif: 'fichier_illisible', pages: [unreadable.index], detail: `OCR impossible : ${unreadable.erreur}`, suggestions: null });
    }
    const fileDeps = { db: storage.db, objects, images };
    for (const pli of decision.plis) {
      await timers.time('file: cover rows', () =>
        storage.db.update(pagesTable).set({ role: 'couverture', numeroUnique: pli.numeroUnique }).where(and(eq(pagesTable.lotId, row.id), inArray(pagesTable.index, pli.couverture))),
      );
      for (const document of pli.documents) {
        try {
          await timers.time('file: fileDocument (assemble PDF, S3 put, DB transaction)', () => fileDocument(fileDeps, row, { ...document, numeroUnique: pli.numeroUnique! }));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          decision.revues.push({ motif: error.code as never, pages: document.pages, detail: error.message, suggestions: { numeroUnique: pli.numeroUnique, categorie: document.categorie, type: document.type } });
        }
      }
    }
    if (decision.pagesBlanches.length > 0) {
      await timers.time('file: blank rows', () => storage.db.update(pagesTable).set({ role: 'blanc' }).where(and(eq(pagesTable.lotId, row.id), inArray(pagesTable.index, decision.pagesBlanches))));
    }
    for (const revue of decision.revues) await timers.time('file: review tasks', () => openReviewTask(storage.db, { lotId: row.id, ...revue }));
    await timers.time('file: settle lot', () => settleLot(storage, row.id));
    const processMs = performance.now() - tp;
    timers.add('file: sharp inside fileDocument', sumTimers(timers, 'sharp.') - sharpBefore);
    timers.add('file: S3 inside fileDocument', sumTimers(timers, 's3.') - s3Before);
    const piecesFiled = timers.get('file: fileDocument (assemble PDF, S3 put, DB transaction)').calls;
    log(`  stages: decided and filed ${piecesFiled} documents in ${seconds(processMs)}`);

    // extraction alone, nothing else in flight: what the extract stage costs by itself
    const te = performance.now();
    for (const fichier of row.fichiers) for await (const _ of extractPages(await storage.objects.getBuffer('originaux', fichier.cle), { images: services.images })) void _;
    timers.add('extraction alone (nothing else in flight)', performance.now() - te);
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return {
      readMs,
      processMs,
      wallMs,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      pages: offset,
      ocrPages,
      osdCalls,
      fraCalls,
      timers,
      tesseractMs,
      decideMs,
      report: await lotReport(storage.db, row.id),
    };
  } finally {
    await services.close();
    await storage.close();
  }
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

function updateIndex(key: string, line: string) {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const start = '<!-- benchmarks-index: start (kept by scripts/bench-lot.ts and scripts/bench-api.ts) -->';
  const end = '<!-- benchmarks-index: end -->';
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = text.indexOf(start);
  const head = (at >= 0 ? text.slice(0, at) : text).replace(/\s*$/, '\n\n');
  const old = at >= 0 ? text.slice(at, text.indexOf(end, at) >= 0 ? text.indexOf(end, at) : undefined) : '';
  const entries = new Map<string, string>();
  for (const m of old.matchAll(/^- <!-- (\w+) --> (.*)$/gm)) entries.set(m[1]!, m[2]!);
  entries.set(key, line);
  const order = ['lot', 'api'];
  const body = order.filter((k) => entries.has(k)).map((k) => `- <!-- ${k} --> ${entries.get(k)}`);
  const section = [start, '## Other benchmarks', '', 'End to end and API figures have their own pages, each rewritten by its script:', '', ...body, end, ''].join('\n');
  writeFileSync(file, head + section);
}

async function main() {
  const lot = await prepareLot();
  const roles = lot.truth.pages.reduce<Record<string, number>>((acc, t) => ((acc[t.role] = (acc[t.role] ?? 0) + 1), acc), {});
  const degraded = lot.truth.pages.filter((t) => t.degradations.length > 0).length;
  const turned = lot.truth.pages.filter((t) => t.rotation !== 0).length;
  turnedPages = turned;
  const skewed = lot.truth.pages.filter((t) => Math.abs(t.skew) >= 0.3).length;
  log(`lot: ${lot.truth.pages.length} pages, ${lot.truth.plis.length} plis, ${lot.files.length} files`);

  const server = await serverRun(lot);
  const serverScore = scoreReport(server.report, lot.truth);
  const loadAfterServer = loadavg();
  const ocrmypdf = await ocrmypdfRun(lot).catch((error: unknown): OcrmypdfRun => ({ skipped: `failed: ${error instanceof Error ? error.message : String(error)}` }));
  const loadAfterOcrmypdf = loadavg();
  let stages: StageRun | { skipped: string } = { skipped: '--skip-stages' };
  if (!flag('skip-stages')) {
    log('stage timing, in this process');
    stages = await stageRun(lot).catch((error: unknown) => {
      log('stage timing failed:', error);
      return { skipped: `failed: ${error instanceof Error ? error.message : String(error)}` };
    });
  }
  const stageScore = 'skipped' in stages ? null : scoreReport(stages.report, lot.truth);
  const N = lot.truth.pages.length;

  const lines: string[] = [
    '# Benchmarks: scanned lot end to end',
    '',
    `Written by \`npm run bench:lot\` (scripts/bench-lot.ts) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC. Re-run it to refresh.`,
    '',
    '## Machine and command',
    '',
    ...machineLines(),
    `- Code: ${revision}.`,
    `- Command: \`npm run bench:lot${args.length ? ` -- ${args.join(' ')}` : ''}\`; server: \`cli serve\` as its own process, OCR_WORKERS=${workers}, embedded PGlite and S3 on an empty temporary DATA_DIR, LOG_LEVEL=info.`,
    `- Lot: ${pagesWanted ? `\`generateLot\` (seed ${515_000 + pagesWanted}, default degradation rates)` : "fixture set `standard` (seed 20251001: 3 cover layouts, clean to moderate degradations, all registry matches exact)"}: **${N} pages**, ${lot.truth.plis.length} plis, ${lot.files.length} scanner PDFs, ${(lot.bytes / 2 ** 20).toFixed(1)} MiB; roles ${Object.entries(roles).map(([k, v]) => `${k} ${v}`).join(', ')}; ${degraded} pages with degradations, ${turned} turned 90/180/270°, ${skewed} skewed ≥ 0.3°.`,
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
    `| server RSS: after start-up (peak so far) / peak over the whole run (VmHWM) | ${server.rssStartMb.toFixed(0)} MiB (${server.hwmStartMb.toFixed(0)} MiB) / **${server.hwmMb.toFixed(0)} MiB** (target < 1 GiB) |`,
    `| machine load while the lot ran | ${server.loadDuring} |`,
    '',
    `RSS while the lot ran (sampled every 0.5 s, by pages checkpointed): ${rssProfile(server.rssSamples, N)}. The server process holds PGlite, the embedded S3 server, the tesseract.js workers (worker threads) and sharp; it logs ${server.logLines} lines for the whole lot (no per-stage timing).`,
    '',
    '## Accuracy against the truth',
    '',
    '| run | pages in exactly one place | pages in a wrong dossier | pages with a wrong type | pieces filed (exact pages+type) | plis filed | review tasks | blank backs found | content pages dropped as blank |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...scoreLines(serverScore, 'server, over HTTP'),
    ...(stageScore ? scoreLines(stageScore, 'in-process stage run') : []),
    '',
    `Review tasks by reason: ${Object.entries(serverScore.reviewByMotif).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}; pages held in review by their true role: ${Object.entries(serverScore.reviewPagesByRole).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}.`,
    serverScore.missing.length || serverScore.duplicated.length ? `Pages missing: ${serverScore.missing.join(', ') || 'none'}; in two places: ${serverScore.duplicated.join(', ') || 'none'}.` : 'Every page is in exactly one place (a cover, a piece, the blank list or a review task).',
    ...serverScore.wrongDossier.slice(0, 20).map((w) => `- WRONG DOSSIER: ${w}`),
    ...serverScore.wrongType.slice(0, 20).map((w) => `- wrong type: ${w}`),
    ...serverScore.reviewDetails.slice(0, 30).map((d) => `- review ${d}`),
    '',
    '## Side by side: OCRmyPDF on the same files, same run',
    '',
    '| what | wall | pages/min | CPU-s/page | peak RSS |',
    '| --- | --- | --- | --- | --- |',
    `| this service, end to end (read + decide + file, PDFs and rows written) | ${seconds(server.totalMs)} | ${perMinute(N, server.totalMs)} | ${server.cpuSeconds !== null ? (server.cpuSeconds / N).toFixed(2) : '–'} | ${server.hwmMb.toFixed(0)} MiB (whole server) |`,
    'skipped' in ocrmypdf
      ? `| \`ocrmypdf --rotate-pages --deskew -l fra --jobs ${workers}\` | skipped: ${ocrmypdf.skipped} | | | |`
      : `| \`${ocrmypdf.command}\`, the ${lot.files.length} files one after the other | ${seconds(ocrmypdf.wallMs)} | ${perMinute(N, ocrmypdf.wallMs)} | ${(ocrmypdf.cpuSeconds / N).toFixed(2)} | ${ocrmypdf.peakMb.toFixed(0)} MiB (largest process) |`,
    '',
    'skipped' in ocrmypdf
      ? ''
      : `OCRmyPDF ${ocrmypdf.version} (Debian package, tesseract 5 native), timed with /usr/bin/time; exit codes ${ocrmypdf.exits.join(', ')}${ocrmypdf.errors.length ? ` (${ocrmypdf.errors.join('; ')})` : ''}. It writes a PDF/A with a text layer per input file and decides nothing (no covers, dossiers, documents or types); the service writes one PDF per piece and the rows. Load average after the server run ${loadAfterServer}, after OCRmyPDF ${loadAfterOcrmypdf}.`,
    '',
  ];

  lines.push('## Where the time goes (same lot, stage by stage, in this process)', '');
  if ('skipped' in stages) {
    lines.push(`Skipped (${stages.skipped}).`, '');
  } else {
    const s = stages;
    const readStages = [...s.timers.total.entries()].filter(([k]) => /^\d /.test(k)).sort(([a], [b]) => a.localeCompare(b));
    const stageSum = readStages.reduce((n, [, v]) => n + v.ms, 0);
    const extractAlone = s.timers.get('extraction alone (nothing else in flight)').ms;
    const fileRows = [...s.timers.total.entries()].filter(([k]) => k.startsWith('file: '));
    lines.push(
      `The server logs no per-stage timing (only "lot pris en charge" and "lot traité"), so the same ${s.pages} pages were run again in the benchmark's own process on a fresh PGlite + embedded S3, mirroring \`processLot\` (services/lots/process-lot.ts, read-pages.ts) with \`performance.now()\` around each stage and the real stage functions (normalisePage, detectBlank, the OCR pool, decideLot, fileDocument, openReviewTask, settleLot); ${workers} pages in flight, ${workers} OCR workers + 1 OSD worker, as in the server.`,
      '',
      `Wall: read ${seconds(s.readMs)} + decide/file ${seconds(s.processMs)} = **${seconds(s.wallMs)} (${perMinute(s.pages, s.wallMs)} pages/min)**; process CPU ${s.cpuSeconds.toFixed(0)} CPU-s (${(s.cpuSeconds / s.pages).toFixed(2)} CPU-s/page).`,
      '',
      `Stage 1, reading pages. Times are elapsed per call, summed over pages: with ${workers} pages in flight they add up to about ${workers}× the stage's wall time, and an elapsed time includes waiting for a core and for the main thread (JS of the other page in flight), so a share is a share of the work, not CPU. Extraction alone, nothing else in flight: ${seconds(extractAlone)} for ${s.pages} pages (${(extractAlone / s.pages).toFixed(0)} ms/page).`,
      '',
      '| stage | calls | summed elapsed | per call | share of stage 1 |',
      '| --- | --- | --- | --- | --- |',
      ...readStages.map(([name, v]) => `| ${name.slice(2)} | ${v.calls} | ${seconds(v.ms)} | ${(v.ms / Math.max(1, v.calls)).toFixed(0)} ms | ${((100 * v.ms) / stageSum).toFixed(1)} % |`),
      `| time in the OSD lane (1 worker; queue wait + PNG encode + tesseract), all inside normalise | ${s.osdCalls} | ${seconds(s.tesseractMs.osd)} | ${(s.tesseractMs.osd / Math.max(1, s.osdCalls)).toFixed(0)} ms | |`,
      `| time in the fra lane (${workers} workers; same), full-page OCR of ${s.ocrPages} pages (the other ${s.pages - s.ocrPages} plainly blank, not read)${s.fraCalls > s.ocrPages ? ` + ${s.fraCalls - s.ocrPages} readings inside normalise (turns checked by OCR)` : ''} | ${s.fraCalls} | ${seconds(s.tesseractMs.ocr)} | ${(s.tesseractMs.ocr / Math.max(1, s.fraCalls)).toFixed(0)} ms | |`,
      '',
      `Stage 2, deciding and filing (one after the other, as processLot does): ${seconds(s.processMs)}.`,
      '',
      '| step | calls | time |',
      '| --- | --- | --- |',
      `| decide: covers, registry match, envelopes, documents, types (pure, timed alone) | 1 | ${s.decideMs.toFixed(0)} ms |`,
      ...fileRows.map(([k, v]) => `| ${k.slice(6)} | ${k.includes(' inside ') ? '' : v.calls} | ${seconds(v.ms)} |`),
      '',
      'sharp calls over the whole run (summed, all stages):',
      '',
      '| operation | calls | summed time |',
      '| --- | --- | --- |',
      ...[...s.timers.total.entries()].filter(([k]) => k.startsWith('sharp.')).map(([k, v]) => `| ${k.slice(6)} | ${v.calls} | ${seconds(v.ms)} |`),
      '',
    );
  }
  lines.push(...gapLines(server, 'skipped' in stages ? null : stages, N));
  lines.push(
    '## Reading these figures',
    '',
    '- Pieces are filed only once every page of the lot is read (the decision needs every cover), so the first piece comes at the end of stage 1: "time to first filed piece" ≈ OCR time of the whole lot.',
    '- CPU-s/page is the figure least moved by other work on the machine; pages/min on idle cores ≈ 60 × cores ÷ CPU-s/page when the stages keep every core busy.',
    '- Instrumentation that would make this visible in production without this script: a debug/info log line per page with `ms` per stage (extract, normalise, osd, ocr, store, checkpoint) and per filed document (assemble, put, commit), and per lot the summed stage times and peak RSS in "lot traité".',
    '',
  );
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n')}\n`);
  log(`wrote ${path.relative(root, outFile)}`);
  if (outFile === path.join(root, 'docs', 'benchmarks-lot.md')) {
    updateIndex(
      'lot',
      `[Scanned lot end to end](benchmarks-lot.md) (\`npm run bench:lot\`, ${started.toISOString().slice(0, 10)}): ${N} pages, ${perMinute(N, server.totalMs)} pages/min upload → \`${server.status}\`, server peak RSS ${server.hwmMb.toFixed(0)} MiB, ${serverScore.wrongDossier.length} pages in a wrong dossier, ${serverScore.piecesFiled} pieces filed, ${serverScore.reviewTasks} review tasks${'skipped' in ocrmypdf ? '' : `; OCRmyPDF ${perMinute(N, ocrmypdf.wallMs)} pages/min on the same files`}.`,
    );
  }
  writeFileSync(path.join(work, 'score.json'), JSON.stringify({ server: serverScore, stages: stageScore }, null, 1));
}

/** What stands between the measured throughput and the target, from this run's figures. */
function gapLines(server: ServerRun, stages: StageRun | null, N: number): string[] {
  const budget = (60 * workers) / 120;
  const cpuPerPage = server.cpuSeconds !== null ? server.cpuSeconds / N : null;
  const lines = ['## The gap to 120 pages/min and 1 GiB', ''];
  lines.push(
    `- Throughput: 120 pages/min on ${workers} cores leaves ${budget.toFixed(2)} CPU-s per page; the server spent ${cpuPerPage !== null ? cpuPerPage.toFixed(2) : '?'} CPU-s per page, so even on idle cores it would reach about ${cpuPerPage ? ((60 * workers) / cpuPerPage).toFixed(0) : '?'} pages/min: the work per page has to shrink by ${cpuPerPage ? `${Math.max(0, 100 * (1 - budget / cpuPerPage)).toFixed(0)} %` : '?'}, waiting less is not enough.`,
  );
  if (stages) {
    const stageSum = [...stages.timers.total.entries()].filter(([k]) => /^\d /.test(k)).reduce((n, [, v]) => n + v.ms, 0);
    const tesseract = stages.tesseractMs.osd + stages.tesseractMs.ocr;
    const sharp = sumTimers(stages.timers, 'sharp.');
    lines.push(
      `- Where it goes: time in tesseract's lanes (OSD ${seconds(stages.tesseractMs.osd)}, fra ${seconds(stages.tesseractMs.ocr)}) is ${((100 * tesseract) / stageSum).toFixed(0)} % of the summed stage-1 time; all sharp calls together ${seconds(sharp)}; deciding and filing ${seconds(stages.processMs)} of ${seconds(stages.wallMs)} wall (${((100 * stages.processMs) / stages.wallMs).toFixed(1)} %). The slowest stage is OCR, then OSD inside normalisation.`,
      `- OSD runs on every page (${stages.osdCalls} readings for ${N} pages, of which ${turnedPages} are turned): taking the orientation from the full-page OCR (its confidence and word count, the upside-down text detector) and calling OSD only when that reading is poor would remove most of the OSD lane (${seconds(stages.tesseractMs.osd)} here).`,
      `- Full-page OCR in French at the page's resolution on ${stages.ocrPages} pages: the decisions need the cover's number zone and name, and a piece's title zone and a few keywords; OCR of the top of the page at 150 dpi first, the full page only when the classifier is unsure, is the "OCR only what each decision needs, at the resolution it needs" of issue 5.`,
    );
  }
  lines.push(
    `- First piece: filing starts once the whole lot is read (${server.firstPieceMs !== null ? seconds(server.firstPieceMs) : '–'} here); deciding an envelope as soon as the next cover is read would file the first pieces after the first envelope.`,
    `- Memory: peak ${server.hwmMb.toFixed(0)} MiB for the whole server, which here also holds the embedded PGlite (its start-up alone peaks at ${server.hwmStartMb.toFixed(0)} MiB, then settles), the embedded S3 server and ${workers + 1} tesseract workers; RSS stays flat while pages go through (see the samples above). The 1 GiB target is for the pipeline: measure it against PostgreSQL and an external S3 (DATABASE_URL, S3_ENDPOINT) to leave the embedded stores out, or lower the OCR workers' footprint.`,
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
if (!flag('keep')) for (const dir of ['server-data', 'stage-data']) rmSync(path.join(work, dir), { recursive: true, force: true });
log(`work files in ${work}`);
process.exit(exitCode);
