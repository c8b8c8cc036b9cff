/** What the benchmark scripts read of the machine and the code they measure, and the index they keep. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/** The code measured: HEAD, and whether the service's code had uncommitted changes when the run started. */
export const revision = (() => {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'services', 'classification', 'storage'], { cwd: root, encoding: 'utf8' }).trim();
    return `commit ${head}${dirty ? ' with uncommitted changes under services/, classification/ or storage/' : ''}`;
  } catch {
    return 'commit unknown';
  }
})();

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export function memInfo() {
  const text = readFileSync('/proc/meminfo', 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return { totalGiB: kb('MemTotal') / 2 ** 20, availableGiB: kb('MemAvailable') / 2 ** 20 };
}

/** User + system CPU seconds of a process (all its threads); null once it is gone. */
export function procCpu(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

/** Keeps one line per benchmark page in the index at the end of docs/benchmarks.md. */
export function updateIndex(key: string, line: string) {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const start = '<!-- benchmarks-index: start (kept by scripts/bench-lot.ts, scripts/bench-api.ts, scripts/bench-mail.ts and scripts/bench-revue.ts) -->';
  const end = '<!-- benchmarks-index: end -->';
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = text.indexOf(start);
  const head = (at >= 0 ? text.slice(0, at) : text).replace(/\s*$/, '\n\n');
  const old = at >= 0 ? text.slice(at, text.indexOf(end, at) >= 0 ? text.indexOf(end, at) : undefined) : '';
  const entries = new Map<string, string>();
  for (const m of old.matchAll(/^- <!-- (\w+) --> (.*)$/gm)) entries.set(m[1]!, m[2]!);
  entries.set(key, line);
  const order = ['lot', 'api', 'mail', 'revue'];
  const body = order.filter((k) => entries.has(k)).map((k) => `- <!-- ${k} --> ${entries.get(k)}`);
  const section = [
    start,
    '## Other benchmarks',
    '',
    'End to end and API figures have their own pages, each rewritten by its script:',
    '',
    ...body,
    end,
    '',
  ].join('\n');
  writeFileSync(file, head + section);
}

/** The script's arguments, its `--name` flags and `--name value` options. */
export function cliArgs(argv = process.argv.slice(2)) {
  return {
    args: argv,
    flag: (name: string) => argv.includes(`--${name}`),
    option: (name: string): string | undefined => {
      const i = argv.indexOf(`--${name}`);
      return i >= 0 ? argv[i + 1] : undefined;
    },
  };
}

/** Progress on stderr, stamped with the script's name and the time. */
export const progressLog =
  (name: string) =>
  (...parts: unknown[]) =>
    console.error(`[${name} ${new Date().toISOString().slice(11, 19)}]`, ...parts);
