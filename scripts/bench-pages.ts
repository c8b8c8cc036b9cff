/**
 * Page engine benchmark: `npm run bench [-- --pages 100 --dpi 200 --skip-ocrmypdf --skip-rss]`.
 * Generates a scan batch with the fixture generator, runs the page engine on it (extraction +
 * normalisation, then with full-page OCR), runs OCRmyPDF on the same PDF, measures peak memory on a
 * 50- and a 500-page batch in child processes, scores blank detection and orientation/deskew against
 * the generator's truth, and writes docs/benchmarks.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLot, type PageTruth } from '../fixtures/generate-lot.ts';
import { buildScanPdf, encodeForBatch, type EncodedPage } from '../fixtures/write-lot.ts';
import { AppError } from '../services/app-error.ts';
import { detectBlank } from '../services/pages/detect-blank.ts';
import { extractPages } from '../services/pages/extract-pages.ts';
import { createImageOps } from '../services/pages/image-ops.ts';
import { createOcrPool, type OcrPool } from '../services/pages/ocr-pool.ts';
import { normalisePage } from '../services/pages/normalise-page.ts';
import { openPdfRenderer } from '../services/pages/pdf-rasteriser.ts';
import { readFilePages } from '../services/pages/read-file-pages.ts';
import { readPage, type PageRead } from '../services/pages/read-page.ts';
import { revision } from './bench/machine.ts';
import type { ExtractedPage } from '../services/pages/page-types.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

const cores = os.availableParallelism();
const loadAtStart = os.loadavg()[0] ?? 0;
const images = createImageOps({ concurrency: cores });

/** A page through the engine, or the refusal that stopped it. */
type ReadPage = ({ index: number; ok: true } & Omit<PageRead, 'ms'> & { ms: Partial<PageRead['ms']> }) | { index: number; ok: false; error: AppError };
type Run = { pages: number; ms: number; results: ReadPage[] };

/** Without full-page OCR: normalisation (OSD included) and the pixel verdict on blankness only. */
async function normaliseOnly(extracted: ExtractedPage, ocr: OcrPool): Promise<Omit<ReadPage & { ok: true }, 'index' | 'ok'>> {
  const page = await normalisePage(extracted, { images, ocr });
  return { page, blank: detectBlank(page.ink), ocr: null, corps: null, numero: null, ms: { normalise: page.record.ms } };
}

async function runEngine(file: string, fullOcr: boolean, keep: boolean): Promise<Run> {
  // without full-page OCR the French workers stay idle: give the cores to OSD instead
  const ocr = createOcrPool({ workers: cores, osdWorkers: fullOcr ? 1 : cores, jobTimeoutMs: 60_000 }, { images });
  const results: ReadPage[] = [];
  let pages = 0;
  const started = performance.now();
  // a page that fails is counted as such and the batch goes on, as the service's own reading would not
  const read = async (extracted: ExtractedPage): Promise<ReadPage> => {
    try {
      return { index: extracted.index, ok: true, ...(fullOcr ? await readPage(extracted, { images, ocr }) : await normaliseOnly(extracted, ocr)) };
    } catch (err) {
      const error = err instanceof AppError ? err : new AppError('fichier_illisible', `Page ${extracted.index + 1} illisible`, { cause: String(err) });
      return { index: extracted.index, ok: false, error };
    }
  };
  try {
    const done = await readFilePages(readFileSync(file), { images }, { concurrency: cores + 1 }, read, async (_page, result) => {
      pages++;
      if (keep) results.push(stripPixels(result));
    });
    if (done.error) throw done.error;
  } finally {
    await ocr.terminate();
  }
  return { pages, ms: performance.now() - started, results: results.sort((a, b) => a.index - b.index) };
}

/** Drops the page pixels so a batch's results stay small. */
function stripPixels(result: ReadPage): ReadPage {
  if (!result.ok) return result;
  const { grey, original, ...page } = result.page;
  const ocr = result.ocr && result.ocr.ok ? { ...result.ocr, words: [] } : result.ocr;
  return { ...result, page: { ...page, grey: { ...grey, data: Buffer.alloc(0) }, original: original ? { ...original, bytes: Buffer.alloc(0) } : null }, ocr };
}

// --- child mode: one batch, print pages, time and peak RSS as JSON ---

if (args[0] === '--child') {
  const file = args[1]!;
  const run = await runEngine(file, false, false);
  const usage = process.resourceUsage();
  console.log(JSON.stringify({ pages: run.pages, ms: Math.round(run.ms), maxRssMb: Math.round(usage.maxRSS / 1024) }));
  process.exit(0);
}

const log = (...parts: unknown[]) => console.error('[bench]', ...parts);
const perMinute = (pages: number, ms: number) => Math.round((pages / ms) * 60_000 * 10) / 10;
const pct = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`);

const pageCount = option('pages', 100);
const dpi = option('dpi', 200) === 300 ? 300 : 200;
const work = path.join(os.tmpdir(), `bench-pages-${dpi}`);
mkdirSync(work, { recursive: true });

// --- 1. the batch: generated once, encoded as a scanner would, kept as JPEG/1-bit pages ---

log(`generating ${pageCount} pages at ${dpi} dpi`);
const lot = generateLot({
  seed: 4242,
  name: 'bench',
  plis: 6,
  minPages: pageCount,
  plisPerFile: 1000,
  dpi,
  rates: { rotation: 0.1, coverUpsideDown: 0.15, duplexFile: 1, bitonalFile: 0, oneLine: 0.05, skew: 0.7 },
});
const truths: PageTruth[] = lot.truth.pages.slice(0, pageCount);
const encoded: EncodedPage[] = [];
const generation = performance.now();
for (const page of lot.pages.slice(0, pageCount)) encoded.push(await encodeForBatch(await page.render(), page.quality));
log(`generated in ${Math.round((performance.now() - generation) / 1000)} s`);
const date = new Date('2025-10-01T09:00:00Z');
const file100 = path.join(work, `bench-${pageCount}.pdf`);
const file50 = path.join(work, 'bench-50.pdf');
const file500 = path.join(work, 'bench-500.pdf');
writeFileSync(file100, await buildScanPdf(encoded, date));
writeFileSync(file50, await buildScanPdf(encoded.slice(0, 50), date));
if (!flag('skip-rss'))
  writeFileSync(
    file500,
    await buildScanPdf(
      Array.from({ length: 500 }, (_, i) => encoded[i % encoded.length]!),
      date,
    ),
  );
encoded.length = 0;

// --- 2. extraction alone, extraction + normalisation, and with full-page OCR ---

log('extraction alone');
let started = performance.now();
let extracted = 0;
for await (const _ of extractPages(readFileSync(file100), { images })) extracted++;
const extractionMs = performance.now() - started;

log('extraction + normalisation (OSD)');
const normalised = await runEngine(file100, false, true);
log('extraction + normalisation + OCR as the service reads a page');
const withOcr = await runEngine(file100, true, true);

// --- 3. OCRmyPDF on the same file ---

function ensureOcrmypdf(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v ocrmypdf && tesseract --list-langs 2>&1 | grep -qx fra'], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.trim().split('\n')[0] ?? 'ocrmypdf';
  if (process.getuid?.() !== 0 || flag('no-install')) return null;
  log('installing ocrmypdf and tesseract-ocr-fra from Debian packages');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = spawnSync('sh', ['-c', 'apt-get update -qq && apt-get install -y -qq ocrmypdf tesseract-ocr-fra'], { stdio: 'inherit', env });
  return install.status === 0 ? 'ocrmypdf' : null;
}

let ocrmypdf: { ms: number; version: string; command: string; exit: number } | { skipped: string } = { skipped: '--skip-ocrmypdf' };
if (!flag('skip-ocrmypdf')) {
  const binary = ensureOcrmypdf();
  if (!binary) {
    ocrmypdf = { skipped: 'ocrmypdf (Debian package) not available on this machine' };
  } else {
    const out = path.join(work, 'ocrmypdf-out.pdf');
    const command = [
      '--rotate-pages',
      '--deskew',
      '-l',
      'fra',
      '--jobs',
      String(cores),
      '--output-type',
      'pdf',
      '--sidecar',
      path.join(work, 'ocrmypdf.txt'),
      file100,
      out,
    ];
    log(`ocrmypdf ${command.join(' ')}`);
    started = performance.now();
    const result = spawnSync('ocrmypdf', command, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const ms = performance.now() - started;
    const version = execFileSync('ocrmypdf', ['--version'], { encoding: 'utf8' }).trim();
    ocrmypdf = { ms, version, command: `ocrmypdf ${command.slice(0, 9).join(' ')} in.pdf out.pdf`, exit: result.status ?? -1 };
    if (result.status !== 0) log(result.stderr?.slice(-2000));
  }
}

// --- 4. peak RSS, 50 vs 500 pages, each in its own process ---

type Child = { pages: number; ms: number; maxRssMb: number };
const rss: Array<{ file: string; bytes: number; child: Child | null }> = [];
if (!flag('skip-rss')) {
  for (const file of [file50, file500]) {
    log(`peak RSS: ${path.basename(file)}`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    rss.push({ file: path.basename(file), bytes: statSync(file).size, child: child.status === 0 ? (JSON.parse(line) as Child) : null });
    if (child.status !== 0) log(child.stderr.slice(-2000));
  }
}

// --- 5. the rasteriser on born-digital and image pages ---

async function rasterTiming(): Promise<{ textMs: number; scanMs: number; pdftoppm: string }> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 0; p < 10; p++) {
    const page = doc.addPage([595.28, 841.89]);
    for (let l = 0; l < 40; l++)
      page.drawText(`Ligne ${l + 1} : attestation de paiement, montant ${(l * 13.7).toFixed(2)} EUR`, { x: 50, y: 800 - l * 19, size: 11, font });
  }
  const textPdf = await doc.save();
  const time = async (bytes: Uint8Array, count: number) => {
    const renderer = await openPdfRenderer(bytes, { maxPixels: images.maxPixels });
    await renderer.renderPage(0, 200); // warm-up
    const t = performance.now();
    for (let i = 0; i < count; i++) await renderer.renderPage(i % renderer.pageCount, 200);
    const ms = (performance.now() - t) / count;
    await renderer.close();
    return Math.round(ms);
  };
  const textMs = await time(textPdf, 10);
  const scanMs = await time(readFileSync(file50), 10);
  let pdftoppm = 'not installed';
  if (spawnSync('sh', ['-c', 'command -v pdftoppm']).status === 0) {
    const t = performance.now();
    spawnSync('pdftoppm', ['-r', '200', '-gray', '-f', '1', '-l', '10', file50, path.join(work, 'ppm')]);
    pdftoppm = `${Math.round((performance.now() - t) / 10)} ms/page (scan pages, whole process incl. start-up)`;
  }
  return { textMs, scanMs, pdftoppm };
}
log('rasteriser timing');
const raster = await rasterTiming();

// --- 6. scoring against the truth ---

type Score = { total: number; upright: number; rotationsWanted: number; rotationsDone: number; wrongTurns: number; failures: string[] };
function scoreGeometry(results: ReadPage[]): Score {
  const score: Score = { total: 0, upright: 0, rotationsWanted: 0, rotationsDone: 0, wrongTurns: 0, failures: [] };
  for (const result of results) {
    const truth = truths[result.index];
    if (!truth || truth.role === 'blanc' || !result.ok) continue;
    score.total++;
    const record = result.page.record;
    const wanted = (360 - truth.rotation) % 360;
    if (wanted !== 0) score.rotationsWanted++;
    if (wanted !== 0 && record.rotation === wanted) score.rotationsDone++;
    if (wanted === 0 && record.rotation !== 0) score.wrongTurns++;
    const residual = truth.skew - (record.skewCorrected ? record.skewAngle : 0);
    if (record.rotation === wanted && Math.abs(residual) <= 0.5) score.upright++;
    else
      score.failures.push(
        `page ${truth.index} (${truth.role}, ${truth.modele ?? ''}, ${truth.degradations.join('+') || 'net'}): turned ${record.rotation}° for ${wanted}° [${record.orientationReason}, OSD ${record.osd.map((r) => `${r.angle}@${r.confidence}/${r.dpi}dpi`).join(' ') || '–'}${record.turnCheck ? `, words as is ${record.turnCheck.asIs} / turned ${record.turnCheck.turned}` : ''}], skew ${truth.skew}° measured ${record.skewAngle}° (confidence ${record.skewConfidence}) ${record.skewCorrected ? 'corrected' : 'left'}`,
      );
  }
  return score;
}

type BlankScore = {
  blankTruth: number;
  found: number;
  contentDropped: number;
  byKind: Record<string, [number, number]>;
  reasons: Record<string, number>;
  misses: string[];
};
function scoreBlanks(results: ReadPage[]): BlankScore {
  const score: BlankScore = { blankTruth: 0, found: 0, contentDropped: 0, byKind: {}, reasons: {}, misses: [] };
  for (const result of results) {
    const truth = truths[result.index];
    if (!truth || !result.ok) continue;
    score.reasons[result.blank.reason] = (score.reasons[result.blank.reason] ?? 0) + 1;
    if (truth.role === 'blanc') {
      score.blankTruth++;
      const kind = truth.blanc ?? '?';
      const entry = (score.byKind[kind] ??= [0, 0]);
      entry[1]++;
      if (result.blank.blank) {
        score.found++;
        entry[0]++;
      } else
        score.misses.push(
          `page ${truth.index} (${kind}): kept as ${result.blank.reason}, components ${result.blank.ink.components}, ink ${result.blank.ink.inkRatio.toFixed(4)}`,
        );
    } else if (result.blank.blank) {
      score.contentDropped++;
      score.misses.push(`page ${truth.index} (${truth.role} ${truth.modele ?? ''}) DROPPED as ${result.blank.reason}`);
    }
  }
  return score;
}

const geometry = scoreGeometry(withOcr.results);
const geometryNoOcr = scoreGeometry(normalised.results);
const blanks = scoreBlanks(withOcr.results);
const errors = withOcr.results.filter((r) => !r.ok).length;
const ocrFailures = withOcr.results.filter((r) => r.ok && r.ocr && !r.ocr.ok).length;

// --- 7. the report ---

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const fileBytes = statSync(file100).size;
const roles = truths.reduce<Record<string, number>>((acc, t) => ((acc[t.role] = (acc[t.role] ?? 0) + 1), acc), {});
const turned = truths.filter((t) => t.rotation !== 0).length;
const skewed = truths.filter((t) => t.skew !== 0).length;
const ocrmypdfRow =
  'skipped' in ocrmypdf
    ? `skipped: ${ocrmypdf.skipped}`
    : `${perMinute(pageCount, ocrmypdf.ms)} pages/min (${(ocrmypdf.ms / 1000).toFixed(1)} s${ocrmypdf.exit === 0 ? '' : `, exit ${ocrmypdf.exit}`})`;

const lines = [
  '# Benchmarks: page engine',
  '',
  `Written by \`npm run bench\` (scripts/bench-pages.ts) on ${new Date().toISOString().slice(0, 10)}, ${revision}. Re-run it to refresh; figures move with the machine's load.`,
  '',
  '## Machine and command',
  '',
  `- ${cpu}, ${cores} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average ${loadAtStart.toFixed(1)} at the start, ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(
      ' / ',
    )} at the end.${Math.max(loadAtStart, os.loadavg()[0] ?? 0) > 1.5 * cores ? " **Other work loaded this machine during the run: absolute figures are well below an idle machine's; the rows of one run, measured side by side, compare fairly.**" : ''}`,
  `- Command: \`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}\`. Engine settings: ${cores} OCR workers + 1 OSD worker (${cores} OSD workers when there is no OCR), ${cores + 1} pages in flight (\`readFilePages\`), sharp concurrency ${cores}; with OCR, each page as the service reads it (\`readPage\`: head first, OSD only when the reading leaves the orientation in doubt, a cover's number zone read again); without, normalisation with OSD at 150 dpi on every page; deskew when |angle| ≥ 0.3° (profile confidence ≥ 0.15).`,
  `- Batch: ${pageCount} pages from the fixture generator (seed 4242), one scanner PDF of JPEG pages at ${dpi} dpi, ${(fileBytes / 2 ** 20).toFixed(1)} MiB; roles ${Object.entries(
    roles,
  )
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}; ${turned} pages turned 90/180/270°, ${skewed} skewed (up to ±4°).`,
  '',
  '## Throughput (same batch, same run)',
  '',
  '| what | pages/min | wall |',
  '| --- | --- | --- |',
  `| extraction alone (JPEG pages taken out of the PDF, no decoding) | ${perMinute(extracted, extractionMs)} | ${(extractionMs / 1000).toFixed(2)} s |`,
  `| extraction + normalisation (decode, OSD, deskew, crop, ink) | ${perMinute(normalised.pages, normalised.ms)} | ${(normalised.ms / 1000).toFixed(1)} s |`,
  `| extraction + normalisation + OCR as the service reads a page (\`readPage\`, fra) | ${perMinute(withOcr.pages, withOcr.ms)} | ${(withOcr.ms / 1000).toFixed(1)} s |`,
  `| \`ocrmypdf --rotate-pages --deskew -l fra --jobs ${cores} --output-type pdf\` | ${ocrmypdfRow} | |`,
  '',
  'skipped' in ocrmypdf
    ? ''
    : `OCRmyPDF: ${ocrmypdf.version} (Debian package), run as \`${ocrmypdf.command}\`; it also writes a PDF with a text layer, which the engine does not.`,
  `OCR is skipped on pages whose pixels are plainly blank. Page errors: ${errors}; OCR error results: ${ocrFailures}.`,
  '',
  '## Peak memory: 50 vs 500 pages',
  '',
  'Each batch in its own process (extraction + normalisation with OSD, same settings); peak RSS from `process.resourceUsage().maxRSS`.',
  '',
  '| batch | file | pages/min | peak RSS |',
  '| --- | --- | --- | --- |',
  ...rss.map(
    (r) =>
      `| ${r.child?.pages ?? '?'} pages | ${(r.bytes / 2 ** 20).toFixed(1)} MiB | ${r.child ? perMinute(r.child.pages, r.child.ms) : 'failed'} | ${r.child ? `${r.child.maxRssMb} MB` : 'failed'} |`,
  ),
  rss.length === 0 ? '| skipped (--skip-rss) | | | |' : '',
  'Pages stream one at a time (at most the pages in flight are decoded); what grows with the batch is the input file itself, held in memory once (pdf-lib parses it in place).',
  '',
  '## Blank detection (duplex backs of the generated set)',
  '',
  `- Content pages dropped as blank: **${blanks.contentDropped}** (must be 0).`,
  `- Blank backs found: ${blanks.found} of ${blanks.blankTruth} (${pct(blanks.found, blanks.blankTruth)}); by kind: ${
    Object.entries(blanks.byKind)
      .map(([k, [f, t]]) => `${k} ${f}/${t}`)
      .join(', ') || 'none'
  }.`,
  `- Verdicts: ${Object.entries(blanks.reasons)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}.`,
  ...blanks.misses.slice(0, 15).map((m) => `  - ${m}`),
  '',
  '## Orientation and deskew',
  '',
  `- Non-blank pages upright within 0.5° after normalisation: **${geometry.upright} of ${geometry.total} (${pct(geometry.upright, geometry.total)})** (run with OCR), ${geometryNoOcr.upright} of ${geometryNoOcr.total} in the normalisation-only run.`,
  `- Pages needing a quarter turn turned right: ${geometry.rotationsDone} of ${geometry.rotationsWanted}; upright pages turned wrongly: ${geometry.wrongTurns}.`,
  ...geometry.failures.slice(0, 20).map((f) => `  - ${f}`),
  '',
  '## PDF rasteriser',
  '',
  `pdfjs-dist ${JSON.parse(readFileSync(path.join(root, 'node_modules/pdfjs-dist/package.json'), 'utf8')).version} (legacy build) + @napi-rs/canvas, 200 dpi: born-digital text page ${raster.textMs} ms, scanned JPEG page forced through rendering ${raster.scanMs} ms (the engine takes such pages out without rendering). poppler's pdftoppm for comparison: ${raster.pdftoppm}.`,
  'Chosen because it is Apache-2.0/MIT, runs in-process on Node 20.19+, and renders standard fonts, JBIG2, CCITT and JPX; mupdf (faster per FIELD-NOTES) is AGPL-3.0, and poppler is GPL and a separate process.',
  '',
];
const out = path.join(root, 'docs', 'benchmarks.md');
mkdirSync(path.dirname(out), { recursive: true });
// the index of the other benchmark pages, kept by their scripts, stays at the end
const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
const index = previous.indexOf('<!-- benchmarks-index: start');
writeFileSync(out, `${lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n')}\n${index >= 0 ? `\n${previous.slice(index)}` : ''}`);
log(`wrote ${path.relative(root, out)}`);
if (!existsSync(out)) process.exit(1);
