/** Renders the accuracy report (Markdown) from the comparison's results. */
import type { DocumentEval, Resultats } from './comparer.ts';

export type Contexte = {
  date: string;
  commande: string;
  machine: { nproc: number; cpu: string; memoire: string; node: string; tesseract: string };
  arbre: string;
  /** Load average (1 min) when the run began and when it ended. */
  charge: [number, number];
  /** Pages put back as an earlier run checkpointed them, and which run that was. */
  reprise: { pages: number; lue: { commande: string; date: string; arbre: string; charge: [number, number] } } | null;
  jeu: { set: string; seed: number; format: string; pages: number; plis: number; fichiers: number; registre: number; dir: string };
  durees: {
    pipeline: number;
    lecture: number;
    apresLecture: number;
    total: number;
    ocrMoyen: number | null;
    ocrWorkers: number;
    pagesLues: number;
  };
  corps: { tetePied: number; relus: number };
  statut: string;
};

const pc = (n: number, d: number) => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`);
const s = (ms: number) => (ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);
const esc = (t: string) => t.replace(/\|/g, '\\|').replace(/`/g, "'");
const ok = (b: boolean) => (b ? '✅' : '❌');

export function chiffresCles(r: Resultats) {
  const aClasser = r.couvertures.filter((c) => c.attendu === 'classer');
  const aRevoir = r.couvertures.filter((c) => c.attendu === 'revue');
  const docs = r.types.documents;
  const classes = docs.filter((d) => d.auto);
  const justes = classes.filter((d) => d.predit === d.verite);
  return {
    mauvaisDossier: r.mauvaisDossier.length,
    couverturesTrouvees: { n: r.couvertures.filter((c) => c.trouvee).length, d: r.couvertures.length },
    couverturesRattachees: { n: aClasser.filter((c) => c.rattacheeJuste).length, d: aClasser.length },
    plisClasses: { n: aClasser.filter((c) => c.correcte).length, d: aClasser.length },
    revuesAttendues: { n: aRevoir.filter((c) => c.correcte).length, d: aRevoir.length },
    plisExacts: { n: r.plis.exacts, d: r.plis.total },
    segmentation: { n: r.segmentation.exactes, d: r.segmentation.pieces },
    typesJustes: { n: justes.length, d: classes.length },
    typesRevue: { n: docs.filter((d) => d.issue === 'revue_type').length, d: docs.filter((d) => d.issue === 'classe' || d.issue === 'revue_type').length },
    documentsRevuePli: { n: docs.filter((d) => d.issue === 'revue_pli').length, d: docs.length },
    // pieces of envelopes meant to be filed (their cover matchable) that an operator must still see; a copy of an
    // attestation is no piece to file (`piecesAClasser` leaves it out), filed or not
    piecesRevue: {
      n: r.piecesAClasser - docs.filter((d) => d.auto && d.verite !== 'ATT' && aClasser.some((c) => c.pli === d.pli)).length,
      d: r.piecesAClasser,
    },
    pagesComptees: { n: r.pages.uneFois, d: r.pages.total },
    contenuJete: r.blancs.contenuJete.length,
    blancsTrouves: { n: r.blancs.trouves, d: r.blancs.vrais },
  };
}

export function rendreRapport(r: Resultats, ctx: Contexte, libelles: Map<string, string>): string {
  const k = chiffresCles(r);
  const L: string[] = [];
  const p = (...lines: string[]) => L.push(...lines);
  const taux = (x: { n: number; d: number }) => `${x.n} / ${x.d} (${pc(x.n, x.d)})`;
  const cible = (x: { n: number; d: number }, min: number) => x.d > 0 && x.n / x.d >= min;

  p('# Accuracy report', '');
  p('Generated whole by `scripts/eval.ts` (`npm run eval`): do not edit by hand, run it again. The analysis of these results is');
  p('written apart, in `docs/accuracy-analysis.md`. The truth comes from the fixture generator (`fixtures/README.md`).', '');
  const charge = (c: [number, number]) =>
    `load average ${c[0].toFixed(1)} at the start, ${c[1].toFixed(1)} at the end${Math.max(...c) > ctx.machine.nproc ? ` (above ${ctx.machine.nproc}: other processes competed for the cores)` : ''}`;
  p('| | |', '| --- | --- |');
  p(`| command | \`${ctx.commande}\` |`);
  p(`| commit | ${esc(ctx.arbre)} |`);
  p(`| date | ${ctx.date} |`);
  p(
    `| machine | ${ctx.machine.nproc} cores (nproc), ${esc(ctx.machine.cpu)}, ${ctx.machine.memoire} RAM; Node ${ctx.machine.node}, tesseract.js ${ctx.machine.tesseract} (fra 4.0.0_best_int); ${charge(ctx.charge)} |`,
  );
  p(
    `| set | \`${ctx.jeu.set}\`, seed ${ctx.jeu.seed}, ${ctx.jeu.format}: ${ctx.jeu.pages} pages, ${ctx.jeu.plis} plis, ${ctx.jeu.fichiers} files, ${ctx.jeu.registre} demandes in the registry |`,
  );
  if (ctx.reprise) {
    const { lue } = ctx.reprise;
    p(
      `| pages read | ${ctx.durees.pagesLues} by this run; ${ctx.reprise.pages} as checkpointed by \`${lue.commande}\` on ${lue.date} (commit: ${esc(lue.arbre)}; ${charge(lue.charge)}) |`,
    );
  } else p(`| pages read | all ${ctx.durees.pagesLues} by this run |`);
  const moyenne =
    ctx.durees.ocrMoyen === null ? '' : `, OCR of a page read by this run (head and foot, or whole) ${(ctx.durees.ocrMoyen / 1000).toFixed(2)} s on average`;
  p(
    `| duration | \`processLot\` ${s(ctx.durees.pipeline)} (lot \`${ctx.statut}\`): pages read in ${s(ctx.durees.lecture)} with ${ctx.durees.ocrWorkers} OCR workers${moyenne}, then ${s(ctx.durees.apresLecture)} to decide, file and settle after the last page; the whole run ${s(ctx.durees.total)} |`,
  );
  p('', "The lot went through the service's own pipeline: `processLot` (`services/lots/process-lot.ts`) on an embedded PostgreSQL");
  p("(PGlite) and S3 built by `buildDeps` as the server builds them, with the set's registry imported (`importDemandes`), the");
  p("files received as one lot (`receiveLot`) and `today` the set's reference date. What is compared with the truth is what the");
  p('lot left, as `GET /v1/lots/:id` shows it: its pieces, its review tasks with the pages they hold, its blank pages.');
  p(
    `Pages read by head and foot only: ${ctx.corps.tetePied} of ${ctx.jeu.pages}; of those, ${ctx.corps.relus} had their body read because a decision left them in doubt.`,
    '',
  );

  p('## Key figures', '');
  p('| measure | result | target | |', '| --- | --- | --- | --- |');
  p(`| pages filed in a wrong dossier | **${k.mauvaisDossier}** | 0 | ${ok(k.mauvaisDossier === 0)} |`);
  p(`| covers found (an envelope opens at the cover page) | ${taux(k.couverturesTrouvees)} | | |`);
  p(
    `| covers matched to the right demande (of those the truth says must match) | **${taux(k.couverturesRattachees)}** | ≥ 99 % | ${ok(cible(k.couverturesRattachees, 0.99))} |`,
  );
  p(`| … and their envelope filed without review | ${taux(k.plisClasses)} | | |`);
  p(
    `| covers the truth sends to review (radiée, unknown, decoy, torn) that went to review | ${taux(k.revuesAttendues)} | 100 % | ${ok(k.revuesAttendues.n === k.revuesAttendues.d)} |`,
  );
  p(`| envelopes split exactly (same first and last page) | ${taux(k.plisExacts)} | | |`);
  p(`| documents segmented exactly (pieces of filed envelopes) | ${taux(k.segmentation)} | | |`);
  p(`| type accuracy on auto-filed documents | **${taux(k.typesJustes)}** | ≥ 97 % | ${ok(cible(k.typesJustes, 0.97))} |`);
  p(
    `| documents sent to review as type uncertain (of those that reached the type decision) | **${taux(k.typesRevue)}** | ≤ 10 % | ${ok(k.typesRevue.d > 0 && k.typesRevue.n / k.typesRevue.d <= 0.1)} |`,
  );
  p(`| documents of matched envelopes held with part of their envelope (a page read as a possible cover) | ${taux(k.documentsRevuePli)} | | |`);
  p(
    `| pages accounted for, each exactly once (filed ${r.pages.couvertures + r.pages.documents} [covers ${r.pages.couvertures} + documents ${r.pages.documents}] + blank ${r.pages.blanches} + review ${r.pages.revue}) | ${taux(k.pagesComptees)} | 100 % | ${ok(k.pagesComptees.n === k.pagesComptees.d)} |`,
  );
  p(`| content pages dropped as blank | **${k.contenuJete}** | 0 | ${ok(k.contenuJete === 0)} |`);
  p(`| blank pages found | ${taux(k.blancsTrouves)} | | |`, '');

  p('## Pages filed in a wrong dossier', '');
  if (r.mauvaisDossier.length === 0) p('None.', '');
  else {
    p('| page | file | role | true number | filed under | registry case |', '| --- | --- | --- | --- | --- | --- |');
    for (const m of r.mauvaisDossier)
      p(`| ${m.page} | ${m.file} | ${m.role} | ${m.numeroVrai ?? '(no envelope)'} | ${m.numeroClasse} | ${m.registre ?? '–'} |`);
    p('');
  }
  if (r.pages.manquantes.length || r.pages.doublons.length) {
    p(`Pages in no place: ${r.pages.manquantes.join(', ') || 'none'}. Pages in more than one place: ${r.pages.doublons.join(', ') || 'none'}.`, '');
  }

  p('## Covers, per registry case', '');
  p('`present`: the number is registered (active) with the applicant; `leurre_voisin`: it is, and a one-character-off neighbour too;');
  p('`radiee`: registered but radiée; `inconnu`: not registered; `leurre_seul`: only a one-character-off number is. A torn cover');
  p('is expected in review whatever the case (its number may be unreadable); filing it under its own active number is no error.', '');
  p(
    '| case | torn | plis | found | filed under the right number | held for review | filed elsewhere | as expected |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  const cas = ['present', 'leurre_voisin', 'radiee', 'inconnu', 'leurre_seul'] as const;
  for (const c of cas) {
    for (const torn of [false, true]) {
      const g = r.couvertures.filter((x) => x.registre === c && x.dechiree === torn);
      if (g.length === 0) continue;
      const bon = g.filter((x) => x.issue === 'classee' && x.numeroClasse === x.numeroUnique).length;
      const revue = g.filter((x) => x.issue !== 'classee' && x.issue !== 'absente').length;
      const ailleurs = g.filter((x) => x.issue === 'classee' && x.numeroClasse !== x.numeroUnique).length;
      p(
        `| ${c} | ${torn ? 'yes' : 'no'} | ${g.length} | ${g.filter((x) => x.trouvee).length} | ${bon} | ${revue} | ${ailleurs} | ${g.filter((x) => x.correcte).length} / ${g.length} |`,
      );
    }
  }
  p('');
  const ecarts = r.couvertures.filter((c) => !c.correcte || (c.attendu === 'classer' && !c.rattacheeJuste));
  if (ecarts.length) {
    p('Covers not handled as expected:', '');
    p('| pli | page | case | expected | layout / number style | printed | outcome | why |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const c of ecarts)
      p(
        `| ${c.pli} | ${c.page} | ${c.registre}${c.dechiree ? ' (torn)' : ''} | ${c.attendu} | ${c.layout} / ${c.nuStyle} | \`${c.imprime}\` | ${c.issue}${c.numeroClasse ? ` ${c.numeroClasse}` : ''} | ${esc(c.detail)} |`,
      );
    p('');
  }
  const revuesOk = r.couvertures.filter((c) => c.attendu === 'revue');
  if (revuesOk.length) {
    p('Why the covers expected in review were held:', '');
    p('| pli | case | expected motif | outcome | detail |', '| --- | --- | --- | --- | --- |');
    for (const c of revuesOk)
      p(
        `| ${c.pli} | ${c.registre}${c.dechiree ? ' (torn)' : ''} | ${c.motif} | ${c.issue}${c.numeroClasse ? ` ${c.numeroClasse}` : ''} | ${esc(c.detail.slice(0, 220))} |`,
      );
    p('');
  }
  if (r.faussesCouvertures.length) {
    p('Pages taken for a (possible) cover that are not one:', '');
    p('| page | truth | outcome | text |', '| --- | --- | --- | --- |');
    for (const f of r.faussesCouvertures) p(`| ${f.page} | ${f.role} | ${f.issue} | ${f.texte === '' ? '(ink, no text read)' : esc(f.texte)} |`);
    p('');
  }

  p('## Envelopes', '');
  p(`${r.plis.exacts} of ${r.plis.total} envelopes have exactly the truth's first and last page.`);
  if (r.plis.inexacts.length) {
    p('', '| pli | truth pages | decided pages |', '| --- | --- | --- |');
    for (const x of r.plis.inexacts) p(`| ${x.pli} | ${x.vrai[0]}–${x.vrai[1]} | ${x.decide ? `${x.decide[0]}–${x.decide[1]}` : 'no envelope at the cover'} |`);
  }
  p('');
  if (r.horsPli.length) {
    p(`Stray pages before a file's first cover (truth \`hors_pli\`, ${r.horsPli.length}): `);
    const parLieu = new Map<string, number[]>();
    for (const h of r.horsPli) parLieu.set(h.lieu, [...(parLieu.get(h.lieu) ?? []), h.page]);
    for (const [lieu, ps] of parLieu) p(`- ${lieu}: pages ${ps.join(', ')}`);
    p('');
  }

  p('## Documents (segmentation)', '');
  p(`${r.segmentation.exactes} of ${r.segmentation.pieces} pieces of the filed envelopes are one decided document with exactly their pages`);
  p(
    `(filed or held as type uncertain). Attestation pages 2 kept with their cover: ${r.segmentation.attestationsP2AvecCouverture} / ${r.segmentation.attestationsP2}.`,
    '',
  );
  if (r.segmentation.erreurs.length) {
    p('| pli | truth pieces (pages) | decided documents (pages) |', '| --- | --- | --- |');
    const g = (xs: number[][]) => xs.map((x) => `[${x.join(' ')}]`).join(' ');
    for (const e of r.segmentation.erreurs) p(`| ${e.pli} | ${g(e.vrai)} | ${g(e.decide)} |`);
    p('');
  }

  p('## Types', '');
  p('Per truth document (piece) of the filed envelopes: the decided document holding its first page decides its outcome, so a');
  p('piece merged into its neighbour counts as filed under the neighbour\'s type. "auto-filed": filed without an operator;');
  p('"type uncertain": held for an operator by the classifier; "with envelope": held because a page before it in the envelope');
  p('opened an uncertain envelope (it never reached the type decision). Review share = type uncertain / (auto-filed + type uncertain).', '');
  p(
    '| type | label | documents | auto-filed | correct | accuracy | type uncertain | review share | with envelope | dropped as blank |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const l of r.types.lignes)
    p(
      `| ${l.type} | ${esc(libelles.get(l.type) ?? '')} | ${l.documents} | ${l.classes} | ${l.justes} | ${pc(l.justes, l.classes)} | ${l.revue} | ${pc(l.revue, l.classes + l.revue)} | ${l.pli} | ${l.blanche} |`,
    );
  const tot = r.types.lignes.reduce(
    (a, l) => ({ d: a.d + l.documents, c: a.c + l.classes, j: a.j + l.justes, r: a.r + l.revue, p: a.p + l.pli, b: a.b + l.blanche }),
    { d: 0, c: 0, j: 0, r: 0, p: 0, b: 0 },
  );
  p(`| **all** | | ${tot.d} | ${tot.c} | ${tot.j} | **${pc(tot.j, tot.c)}** | ${tot.r} | **${pc(tot.r, tot.c + tot.r)}** | ${tot.p} | ${tot.b} |`, '');
  p('Confusion table (rows: truth, columns: decided type, then `revue` = held as type uncertain, `pli` = held with its envelope,');
  p('`blanche` = dropped as blank; diagonal in bold):', '');
  const colonnes = [...new Set([...r.types.confusion.values()].flatMap((m) => [...m.keys()]).concat([...r.types.confusion.keys()]))]
    .filter((c) => /^[A-Z]+$/.test(c))
    .sort();
  colonnes.push(...[...new Set([...r.types.confusion.values()].flatMap((m) => [...m.keys()]))].filter((c) => !/^[A-Z]+$/.test(c)).sort());
  p(`| truth \\ decided | ${colonnes.join(' | ')} |`, `| --- | ${colonnes.map(() => '---').join(' | ')} |`);
  for (const [verite, row] of [...r.types.confusion.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    p(
      `| ${verite} | ${colonnes
        .map((c) => {
          const n = row.get(c) ?? 0;
          return n === 0 ? '·' : c === verite ? `**${n}**` : String(n);
        })
        .join(' | ')} |`,
    );
  }
  p('');

  p('## Blank pages', '');
  p(`Content pages dropped as blank: ${r.blancs.contenuJete.length}.`);
  for (const c of r.blancs.contenuJete) p(`- page ${c.page} (${c.role}, ${c.type ?? '–'}): ${c.raison}`);
  p(`Blank pages (duplex backs: clean, noisy, show-through) found: ${r.blancs.trouves} / ${r.blancs.vrais}.`);
  if (r.blancs.nonTrouves.length) {
    const parLieu = new Map<string, string[]>();
    for (const b of r.blancs.nonTrouves) parLieu.set(b.lieu, [...(parLieu.get(b.lieu) ?? []), `${b.page} (${b.blanc})`]);
    p('Blank pages not recognised as blank, and where they went:');
    for (const [lieu, ps] of parLieu) p(`- ${lieu}: ${ps.join(', ')}`);
  }
  p('');

  p('## Failures, with their OCR text and scores', '');
  const faux = r.types.documents.filter((d) => d.auto && d.predit !== d.verite);
  const abst = r.types.documents.filter((d) => d.issue === 'revue_type');
  const table = (docs: DocumentEval[]) => {
    p(
      '| pli | piece pages | decided document | truth | decided | conf. | OCR conf. | scores of the decided document (best first) | evidence | text head |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const d of docs)
      p(
        `| ${d.pli} | ${d.pages.join(' ')} | ${d.pagesDecidees.join(' ')}${d.melange ? ' (mixed)' : ''} | ${d.verite} | ${d.predit} | ${d.confiance} | ${d.ocr ?? '–'} | ${esc(d.suggestions)} | ${esc(d.indices.slice(0, 200))} | ${esc(d.texte)} |`,
      );
    p('');
  };
  p(`### Auto-filed under a wrong type (${faux.length})`, '');
  if (faux.length) table(faux);
  else p('None.', '');
  p(`### Held as type uncertain (${abst.length})`, '');
  if (abst.length) table(abst.slice(0, 40));
  else p('None.', '');

  return `${L.join('\n')}\n`;
}
