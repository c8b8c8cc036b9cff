/**
 * Review station benchmark: `npm run bench:revue [-- --taches N] [--chargements N]`.
 *
 * A fresh DATA_DIR whose database is seeded, before the server starts, with N open review tasks
 * (default 1,000) over 40 lots received in the last 20 days (so some are overdue), as the
 * pipeline leaves them (no OCR: test/support/seed-review.ts). Then the real server process
 * (`cli serve`, embedded PGlite and S3) and, from this process, the queue page `/revue` as an
 * operator signed in loads it: its HTML fetched over loopback with the session cookie (the
 * server's whole work: the station's API calls for the queue's first 50 tasks and the counts,
 * and the rendering), and, when Debian's Chromium is there, navigations to it until the load event
 * (the same plus parsing, styles and the script). p50/p95 over `--chargements` loads (default 50)
 * after 3 warm-up loads.
 *
 * Writes docs/benchmarks-revue.md and its line in the index of docs/benchmarks.md. Not part of `npm test`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createToken } from '../services/acteurs/create-token.ts';
import { openDatabase } from '../storage/database.ts';
import type { MotifRevue } from '../storage/schema/index.ts';
import { hasChromium, launchChromium } from '../test/support/chromium.ts';
import { seedReviewLot } from '../test/support/seed-review.ts';
import { startServer } from '../test/support/server-process.ts';
import { cliArgs, loadavg, progressLog, revision, root, updateIndex } from './bench/machine.ts';

const log = progressLog('bench-revue');
const { option } = cliArgs();
const taskCount = Number(option('taches') ?? 1000);
const loads = Number(option('chargements') ?? 50);
const targetMs = 300;
const motifs: MotifRevue[] = ['couverture_non_rattachee', 'type_incertain', 'pli_a_verifier', 'avant_premiere_couverture', 'limite_categorie_atteinte'];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

async function main() {
  const started = new Date();
  const loadStart = loadavg();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'du-bench-revue-'));
  log(`seeding ${taskCount} open tasks in ${dataDir}`);
  const handle = await openDatabase({ dataDir });
  let token: string;
  try {
    token = (await createToken({ db: handle.db, input: { role: 'operateur', nom: 'Opérateur de mesure' } })).token;
    const lotCount = 40;
    for (let l = 0; l < lotCount; l++) {
      const n = Math.floor(taskCount / lotCount) + (l < taskCount % lotCount ? 1 : 0);
      await seedReviewLot(
        { db: handle.db },
        {
          pages: n * 2,
          reference: `LOT-${String(l + 1).padStart(3, '0')}`,
          recuLe: new Date(started.getTime() - (l / lotCount) * 20 * 86_400_000),
          tasks: Array.from({ length: n }, (_, i) => ({ motif: motifs[(l + i) % motifs.length]!, pages: [2 * i, 2 * i + 1], detail: 'tâche de mesure' })),
        },
      );
    }
  } finally {
    await handle.close();
  }
  const server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, 60_000);
  const url = `${server.baseUrl}/revue`;
  const cookie = `revue_jeton=${token}`;
  try {
    log('fetching the queue page');
    const fetchTimes: number[] = [];
    let bytes = 0;
    for (let i = 0; i < loads + 3; i++) {
      const t0 = performance.now();
      const response = await fetch(url, { headers: { cookie } });
      const html = await response.text();
      const elapsed = performance.now() - t0;
      if (response.status !== 200 || !html.includes(`${taskCount} ouverte(s)`)) throw new Error(`queue page: ${response.status}\n${html.slice(0, 500)}`);
      bytes = html.length;
      if (i >= 3) fetchTimes.push(elapsed);
    }
    const rows = (await (await fetch(url, { headers: { cookie } })).text()).match(/data-tache=/g)?.length ?? 0;

    let browserTimes: number[] | null = null;
    let baselineTimes: number[] = [];
    if (hasChromium()) {
      log('loading it in Chromium');
      const browser = await launchChromium();
      try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
        await context.addCookies([{ name: 'revue_jeton', value: token, url: server.baseUrl }]);
        const page = await context.newPage();
        browserTimes = [];
        baselineTimes = [];
        for (let i = 0; i < loads + 3; i++) {
          const t0 = performance.now();
          await page.goto(url, { waitUntil: 'load' });
          const elapsed = performance.now() - t0;
          if (i >= 3) browserTimes.push(elapsed);
          // the browser's own cost of a navigation, on the tiniest answer the server gives
          const t1 = performance.now();
          await page.goto(`${server.baseUrl}/healthz`, { waitUntil: 'load' });
          if (i >= 3) baselineTimes.push(performance.now() - t1);
        }
      } finally {
        await browser.close();
      }
    }

    const loadEnd = loadavg();
    const fetchP95 = percentile(fetchTimes, 95);
    const browserP95 = browserTimes ? percentile(browserTimes, 95) : null;
    const verdict = (p95: number) => (p95 < targetMs ? `met (< ${targetMs} ms)` : `**missed** (< ${targetMs} ms)`);
    const command = `npm run bench:revue${taskCount !== 1000 ? ` -- --taches ${taskCount}` : ''}${loads !== 50 ? ` --chargements ${loads}` : ''}`;
    const lines = [
      '# Benchmarks: review station',
      '',
      `Written by \`${command}\` (scripts/bench-revue.ts) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC. Re-run it to refresh.`,
      '',
      '## Machine and command',
      '',
      `- ${os.cpus()[0]?.model.trim() ?? 'CPU'}, nproc ${os.availableParallelism()}, Node ${process.version}.`,
      `- Load average (1/5/15 min): ${loadStart} at the start, ${loadEnd} at the end. Other work shares this machine.`,
      `- Code: ${revision}.`,
      `- Data: ${taskCount} open review tasks over 40 lots received in the last 20 days, seeded in a fresh DATA_DIR before the server started; the server is \`cli serve\` as its own process (embedded PGlite and S3, LOG_LEVEL=warn), an operator's session cookie.`,
      `- The queue page shows the first ${rows} tasks in deadline order, with the counts per reason, channel and lot over all ${taskCount}; its HTML is ${Math.round(bytes / 1024)} KiB.`,
      '',
      '## Queue page load',
      '',
      `| measure | loads | p50 | p95 | max | target (p95) |`,
      '| --- | ---: | ---: | ---: | ---: | --- |',
      `| HTML of \`/revue\` fetched over loopback (server time and transfer) | ${fetchTimes.length} | ${ms(percentile(fetchTimes, 50))} | **${ms(fetchP95)}** | ${ms(Math.max(...fetchTimes))} | ${verdict(fetchP95)} |`,
      browserTimes
        ? `| Chromium navigation to \`/revue\` until \`load\` (1280×800) | ${browserTimes.length} | ${ms(percentile(browserTimes, 50))} | **${ms(browserP95!)}** | ${ms(Math.max(...browserTimes))} | ${verdict(browserP95!)} |`
        : '| Chromium navigation | — | — | — | — | not measured: /usr/bin/chromium absent |',
      ...(baselineTimes.length > 0
        ? [
            `| for scale: Chromium navigation to \`/healthz\` (a few bytes of JSON) | ${baselineTimes.length} | ${ms(percentile(baselineTimes, 50))} | ${ms(percentile(baselineTimes, 95))} | ${ms(Math.max(...baselineTimes))} | |`,
          ]
        : []),
      '',
      'After 3 warm-up loads each. The server renders the page from two calls to its own API (`GET /v1/revue?limit=50`, `GET /v1/revue/compteurs`), made in-process with the session token; the page loads one script, kept by the browser (its URL carries its hash).',
      '',
      "The scripted operator's median seconds per task is measured by the Chromium test of the station: [revue-activite.md](revue-activite.md).",
      '',
    ];
    writeFileSync(path.join(root, 'docs', 'benchmarks-revue.md'), lines.join('\n'));
    updateIndex(
      'revue',
      `[Review station](benchmarks-revue.md) (\`npm run bench:revue\`, ${started.toISOString().slice(0, 10)}): queue page with ${taskCount} open tasks, p95 ${ms(fetchP95)} (HTML)${browserP95 !== null ? ` / ${ms(browserP95)} (Chromium load)` : ''}, target < ${targetMs} ms.`,
    );
    log(
      `HTML p50 ${ms(percentile(fetchTimes, 50))} p95 ${ms(fetchP95)}${browserTimes ? `; Chromium p50 ${ms(percentile(browserTimes, 50))} p95 ${ms(browserP95!)}` : ''}`,
    );
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
