/** The accuracy summary (docs/accuracy.md): every run's key figures side by side, read from the JSON each run writes beside its report. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { chiffresCles } from './rapport.ts';

type Run = { nom: string; set: string; declare: boolean; commande: string; arbre: string; date: string; chiffres: ReturnType<typeof chiffresCles> };
type Taux = { n: number; d: number };

const pc = (x: Taux) => (x.d === 0 ? '–' : `${x.n}/${x.d} (${((100 * x.n) / x.d).toFixed(1)} %)`);
const GROUPES: Record<string, string> = {
  retenu37: 'held-out, thirty-seventh group (seen: its failures were studied)',
  retenu36: 'held-out, thirty-sixth group (seen: its failures were studied)',
  retenu35: 'held-out, thirty-fifth group (seen: its failures were studied)',
  retenu34: 'held-out, thirty-fourth group (seen: its failures were studied)',
  retenu33: 'held-out, thirty-third group (seen: its failures were studied)',
  retenu32: 'held-out, thirty-second group (seen: its failures were studied)',
  retenu31: 'held-out, thirty-first group (seen: its failures were studied)',
  retenu30: 'held-out, thirtieth group (seen: its failures were studied)',
  retenu29: 'held-out, twenty-ninth group (seen: its failures were studied)',
  retenu28: 'held-out, twenty-eighth group (seen: its failures were studied)',
  retenu27: 'held-out, twenty-seventh group (seen: its failures were studied)',
  retenu26: 'held-out, twenty-sixth group (seen: its failures were studied)',
  retenu25: 'held-out, twenty-fifth group (seen: its failures were studied)',
  retenu24: 'held-out, twenty-fourth group (seen: its failures were studied)',
  retenu23: 'held-out, twenty-third group (seen: its failures were studied)',
  retenu22: 'held-out, twenty-second group (seen: its failures were studied)',
  retenu21: 'held-out, twenty-first group (seen: its failures were studied)',
  retenu20: 'held-out, twentieth group (seen: its failures were studied)',
  retenu19: 'held-out, nineteenth group (seen: its failures were studied)',
  retenu18: 'held-out, eighteenth group (seen: its failures were studied)',
  retenu17: 'held-out, seventeenth group (seen: its failures were studied)',
  retenu16: 'held-out, sixteenth group (seen: its failures were studied)',
  retenu15: 'held-out, fifteenth group (seen: its failures were studied)',
  retenu14: 'held-out, fourteenth group (seen: its failures were studied)',
  retenu13: 'held-out, thirteenth group (seen: its failures were studied)',
  retenu12: 'held-out, twelfth group (seen: its failures were studied)',
  retenu11: 'held-out, eleventh group (seen: its failures were studied)',
  retenu10: 'held-out, tenth group (seen: its failures were studied)',
  retenu9: 'held-out, ninth group (seen: its failures were studied)',
  retenu8: 'held-out, eighth group (seen: its failures were studied)',
  retenu7: 'held-out, seventh group (seen: its failures were studied)',
  retenu6: 'held-out, sixth group: its own covers and pieces, its failures not studied (counts)',
  retenu5: 'held-out, fifth group (seen: its failures were studied)',
  retenu4: 'held-out, fourth group (seen: its failures were studied)',
  retenu3: 'held-out, third group (seen)',
  retenu2: 'held-out, second group (seen)',
  retenu: 'held-out, first group (seen)',
  developpement: 'development (the rules were written against it)',
};

// The issue's targets: each row says what it measures and the figure to reach.
const LIGNES: Array<[string, (c: Run['chiffres']) => string, (c: Run['chiffres']) => boolean]> = [
  ['pages in a wrong dossier (target 0)', (c) => String(c.mauvaisDossier), (c) => c.mauvaisDossier === 0],
  ['matchable covers matched (≥ 97 %)', (c) => pc(c.couverturesRattachees), (c) => c.couverturesRattachees.n >= 0.97 * c.couverturesRattachees.d],
  ['unknown, radiée, illegible numbers: abstention (100 %)', (c) => pc(c.revuesAttendues), (c) => c.revuesAttendues.n === c.revuesAttendues.d],
  ['envelopes split exactly (≥ 95 %)', (c) => pc(c.plisExacts), (c) => c.plisExacts.n >= 0.95 * c.plisExacts.d],
  ['pieces of matchable envelopes sent to review (≤ 10 %)', (c) => pc(c.piecesRevue), (c) => c.piecesRevue.n <= 0.1 * c.piecesRevue.d],
  ['filed pieces of the right type (≥ 95 %)', (c) => pc(c.typesJustes), (c) => c.typesJustes.n >= 0.95 * c.typesJustes.d],
  ['pages accounted for once (100 %)', (c) => pc(c.pagesComptees), (c) => c.pagesComptees.n === c.pagesComptees.d],
  ['content pages dropped as blank (0)', (c) => String(c.contenuJete), (c) => c.contenuJete === 0],
];

/** Whether a held-out group's failures have been studied: its later runs are seen, and its first run alone counts. */
export function groupeEtudie(set: string): boolean {
  return GROUPES[set]?.includes('(seen') === true;
}

export async function rendreResume(dir: string): Promise<string> {
  const runs: Run[] = [];
  for (const f of (await readdir(dir)).filter((x) => x.endsWith('.json')).sort()) runs.push(JSON.parse(await readFile(join(dir, f), 'utf8')) as Run);
  const rang = Object.keys(GROUPES);
  // a run kept under another name than its set's is a group's first run, the one that counts, kept beside its later ones
  const premier = (r: Run) => r.nom !== `${r.set}${r.declare ? '-declares' : ''}`;
  const titre = (r: Run) =>
    premier(r)
      ? `held-out, ${GROUPES[r.set]?.match(/^held-out, (\w+ group)/)?.[1] ?? r.set}: its first run, at ${r.arbre.match(/HEAD (\w+)/)?.[1] ?? '?'}, before its failures were looked at (counts)`
      : (GROUPES[r.set] ?? r.set);
  const ordre = (r: Run) => ((rang.includes(r.set) ? rang.indexOf(r.set) : rang.length) * 2 + (premier(r) ? 0 : 1)) * 2 + (r.declare ? 1 : 0);
  runs.sort((a, b) => ordre(a) - ordre(b));
  const L = [
    '# Accuracy',
    '',
    'Generated whole by `scripts/eval.ts` from the runs in `docs/accuracy/` (each run writes its report and its figures there, then this',
    "summary): do not edit by hand. Each run is the pipeline's own `processLot` on a generated set. Each held-out group's templates",
    'were written apart from the recognition code; a group counts until its failures have been looked at, after which it is',
    'reported as seen. The analysis is in `docs/accuracy-analysis.md`.',
    '',
    `| measure | ${runs.map((r) => `${titre(r)}${r.declare ? ', envelope count declared' : ''}`).join(' | ')} |`,
    `| --- | ${runs.map(() => '---').join(' | ')} |`,
    ...LIGNES.map(([titre, valeur, atteint]) => `| ${titre} | ${runs.map((r) => `${valeur(r.chiffres)} ${atteint(r.chiffres) ? '✅' : '❌'}`).join(' | ')} |`),
    '',
    '| run | command | commit | date | report |',
    '| --- | --- | --- | --- | --- |',
    ...runs.map((r) => `| ${r.nom} | \`${r.commande}\` | ${r.arbre.replace(/\|/g, '\\|')} | ${r.date} | [${r.nom}.md](accuracy/${r.nom}.md) |`),
    '',
  ];
  return L.join('\n');
}
