/** Compares what a lot did with its pages with the generator's truth: every figure of the accuracy report (pure). */
import { classerDocument } from '../../classification/classer-document.ts';
import { detecterCouverture } from '../../classification/detecter-couverture.ts';
import { lireNumerosCouverture } from '../../classification/lire-numeros-couverture.ts';
import { matchCouverture } from '../../classification/match-couverture.ts';
import { formatNumeroUnique, parseNumeroUnique } from '../../classification/numero-unique.ts';
import type { PageTexte } from '../../classification/page-text.ts';
import type { RegistryEntry } from '../../fixtures/demandeur.ts';
import type { LotTruth, PageTruth, PliTruth } from '../../fixtures/generate-lot.ts';
import type { RegistreDesPages } from '../../services/demandes/load-registry.ts';
import type { DecisionLot } from '../../services/lots/decide-lot.ts';

export type PageMeta = { blankReason?: string; confidence?: number | null };

type Lieu =
  | { kind: 'couverture'; nu: string; pli: number }
  | { kind: 'document'; nu: string; pli: number; doc: number }
  | { kind: 'blanc' }
  | { kind: 'revue'; motif: string; revue: number };

export type CouvertureResultat = {
  pli: number;
  page: number;
  file: string;
  registre: PliTruth['registre'];
  attendu: PliTruth['attendu'];
  motif: PliTruth['motif'];
  dechiree: boolean;
  layout: string;
  nuStyle: string;
  numeroUnique: string;
  imprime: string;
  trouvee: boolean;
  /** `classee` (filed under `numeroClasse`), or the review motif, or `absente` (the cover opened no envelope). */
  issue: string;
  numeroClasse: string | null;
  /** Attached to the right demande (filed, or held with the right number as suggestion). */
  rattacheeJuste: boolean;
  correcte: boolean;
  detail: string;
};

export type DocumentEval = {
  pli: number;
  piece: string;
  /** The piece's pages (truth), and the decided document that holds its first kept page. */
  pages: number[];
  pagesDecidees: number[];
  /** The decided document also holds pages of other pieces. */
  melange: boolean;
  /** Filed without an operator (under `predit`); otherwise held for review or lost. */
  auto: boolean;
  /** `classe`: filed; `revue_type`: held as type uncertain; `revue_pli`: held with (part of) its envelope; `blanche`: dropped. */
  issue: 'classe' | 'revue_type' | 'revue_pli' | 'blanche';
  verite: string;
  predit: string; // a type code, 'revue' (type uncertain), 'pli' (held with its envelope), 'blanche' (dropped)
  confiance: number;
  suggestions: string;
  indices: string;
  texte: string;
  ocr: number | null;
};

export type LigneType = { type: string; documents: number; classes: number; justes: number; revue: number; pli: number; blanche: number };

export type Resultats = {
  pages: { total: number; couvertures: number; documents: number; blanches: number; revue: number; uneFois: number; manquantes: number[]; doublons: number[] };
  mauvaisDossier: { page: number; file: string; role: string; numeroVrai: string | null; numeroClasse: string; registre: string | null }[];
  couvertures: CouvertureResultat[];
  faussesCouvertures: { page: number; role: string; issue: string; texte: string }[];
  plis: { total: number; exacts: number; inexacts: { pli: number; vrai: [number, number]; decide: [number, number] | null }[] };
  horsPli: { page: number; lieu: string }[];
  segmentation: {
    pieces: number;
    exactes: number;
    attestationsP2: number;
    attestationsP2AvecCouverture: number;
    erreurs: { pli: number; vrai: number[][]; decide: number[][] }[];
  };
  types: { lignes: LigneType[]; confusion: Map<string, Map<string, number>>; documents: DocumentEval[] };
  /** The pieces of the envelopes meant to be filed (their cover matchable), whatever became of them. */
  piecesAClasser: number;
  blancs: {
    vrais: number;
    trouves: number;
    nonTrouves: { page: number; blanc: string | null; lieu: string }[];
    contenuJete: { page: number; role: string; raison: string; type: string | null }[];
  };
};

const canon = (nu: string | null | undefined): string | null => {
  if (!nu) return null;
  const r = parseNumeroUnique(nu);
  return r.ok ? formatNumeroUnique(r.value) : nu;
};

export const teteTexte = (t: string, n = 220) => t.replace(/\s+/g, ' ').trim().slice(0, n);

export function comparer(
  truth: LotTruth,
  registry: RegistryEntry[],
  pages: PageTexte[],
  meta: PageMeta[],
  decision: DecisionLot,
  registre: RegistreDesPages,
  today: string,
): Resultats {
  const total = truth.pages.length;
  const vrai = (i: number) => truth.pages[i] as PageTruth;
  const pliVrai = new Map(truth.plis.map((p) => [p.pli, p]));
  const text = (i: number) => pages[i]?.text ?? '';

  // Where every page landed.
  const lieux: Lieu[][] = Array.from({ length: total }, () => []);
  const at = (i: number, l: Lieu) => (i >= 0 && i < total ? lieux[i]!.push(l) : undefined);
  decision.plis.forEach((p, pli) => {
    const nu = canon(p.numeroUnique) ?? '?';
    for (const i of p.couverture) at(i, { kind: 'couverture', nu, pli });
    p.documents.forEach((d, doc) => d.pages.forEach((i) => at(i, { kind: 'document', nu, pli, doc })));
  });
  for (const i of decision.pagesBlanches) at(i, { kind: 'blanc' });
  decision.revues.forEach((r, revue) => r.pages.forEach((i) => at(i, { kind: 'revue', motif: r.motif, revue })));
  const decrire = (i: number) =>
    (lieux[i] ?? []).map((l) => (l.kind === 'revue' ? `revue ${l.motif}` : l.kind === 'blanc' ? 'blanche' : `${l.kind} ${l.nu}`)).join(' + ') || 'nulle part';

  const compte = (k: Lieu['kind']) => lieux.filter((l) => l.length === 1 && l[0]!.kind === k).length;
  const resPages = {
    total,
    couvertures: compte('couverture'),
    documents: compte('document'),
    blanches: compte('blanc'),
    revue: compte('revue'),
    uneFois: lieux.filter((l) => l.length === 1).length,
    manquantes: lieux.flatMap((l, i) => (l.length === 0 ? [i] : [])),
    doublons: lieux.flatMap((l, i) => (l.length > 1 ? [i] : [])),
  };

  // Wrong dossier: a page filed under a number that is not its envelope's, or filed at all when its envelope has no active demande.
  const mauvaisDossier: Resultats['mauvaisDossier'] = [];
  for (let i = 0; i < total; i++) {
    for (const l of lieux[i]!) {
      if (l.kind !== 'couverture' && l.kind !== 'document') continue;
      const t = vrai(i);
      const p = t.pli === null ? undefined : pliVrai.get(t.pli);
      const juste = p !== undefined && canon(p.numeroUnique) === l.nu && (p.registre === 'present' || p.registre === 'leurre_voisin');
      if (!juste)
        mauvaisDossier.push({ page: i, file: t.file, role: t.role, numeroVrai: canon(p?.numeroUnique), numeroClasse: l.nu, registre: p?.registre ?? null });
    }
  }

  // Envelope starts as decided: filed plis, and the covers held for review.
  const debuts = new Map<number, { issue: string; nu: string | null; detail: string; suggestion: string | null }>();
  for (const p of decision.plis)
    debuts.set(Math.min(...p.couverture.slice(0, 1)), { issue: 'classee', nu: canon(p.numeroUnique), detail: '', suggestion: canon(p.numeroUnique) });
  for (const r of decision.revues) {
    // the tasks that hold an envelope whole begin with its cover
    if (r.motif !== 'couverture_non_rattachee' && r.motif !== 'pli_a_verifier' && r.motif !== 'plis_declares_different') continue;
    const s = r.suggestions as { numeroUnique?: string } | null;
    debuts.set(r.pages[0]!, { issue: r.motif, nu: null, detail: r.detail, suggestion: canon(s?.numeroUnique) });
  }
  const starts = [...debuts.keys()].sort((a, b) => a - b);
  // pages held as before their file's first cover also end the envelope before them
  const avant = new Set(decision.revues.filter((r) => r.motif === 'avant_premiere_couverture').flatMap((r) => r.pages));
  const bornes = [...new Set([...starts, ...avant])].sort((a, b) => a - b);

  const couvertures: CouvertureResultat[] = truth.plis.map((p) => {
    const d = debuts.get(p.firstPage);
    const nu = canon(p.numeroUnique)!;
    const issue = d?.issue ?? 'absente';
    const rattacheeJuste =
      d !== undefined && d.suggestion === nu && (d.issue === 'classee' || d.issue === 'pli_a_verifier' || d.issue === 'plis_declares_different');
    const classeeJuste = issue === 'classee' && d?.nu === nu && p.registre !== 'radiee';
    const correcte = p.attendu === 'classer' ? classeeJuste : issue !== 'classee' || classeeJuste;
    let detail = d?.detail ?? '';
    if (issue !== 'classee') {
      const cover = text(p.firstPage);
      const lus = lireNumerosCouverture({ texte: cover, lecturesZone: pages[p.firstPage]?.lecturesZone ?? [] });
      const m = matchCouverture(lus, cover, registre);
      const det = detecterCouverture({ text: cover, blank: pages[p.firstPage]?.blank });
      detail = `${detail}${detail ? ' ; ' : ''}détection ${det.verdict} ${det.confiance} ; lus [${lus.join(' | ')}] ; ${m.ok ? `match ${m.numeroUnique}` : m.motif}`;
    }
    return {
      pli: p.pli,
      page: p.firstPage,
      file: p.file,
      registre: p.registre,
      attendu: p.attendu,
      motif: p.motif,
      dechiree: p.couverture.dechiree,
      layout: p.couverture.layout,
      nuStyle: p.couverture.nuStyle,
      numeroUnique: nu,
      imprime: p.couverture.imprime,
      trouvee: d !== undefined,
      issue,
      numeroClasse: d?.nu ?? null,
      rattacheeJuste,
      correcte,
      detail,
    };
  });
  const vraiesCouvertures = new Set(truth.plis.map((p) => p.firstPage));
  const faussesCouvertures = starts
    .filter((s) => !vraiesCouvertures.has(s))
    .map((s) => ({
      page: s,
      role: `${vrai(s).role}${vrai(s).modele ? ` (${vrai(s).modele})` : ''}`,
      issue: debuts.get(s)!.issue,
      texte: teteTexte(text(s), 160),
    }));

  // Envelopes: each truth envelope's page range against the decided one starting at its cover.
  const fin = (s: number) => {
    const suivante = bornes.find((b) => b > s);
    return suivante === undefined ? total - 1 : suivante - 1;
  };
  const inexacts: Resultats['plis']['inexacts'] = [];
  for (const p of truth.plis) {
    const decide: [number, number] | null = debuts.has(p.firstPage) ? [p.firstPage, fin(p.firstPage)] : null;
    if (decide === null || decide[1] !== p.lastPage) inexacts.push({ pli: p.pli, vrai: [p.firstPage, p.lastPage], decide });
  }
  const horsPli = truth.pages.filter((t) => t.role === 'hors_pli').map((t) => ({ page: t.index, lieu: decrire(t.index) }));

  // Documents of the envelopes that were filed: truth pieces against decided documents.
  const plisClasses = new Map<number, number>(); // truth pli → decision pli
  decision.plis.forEach((p, k) => {
    const t = vrai(p.couverture[0]!);
    if (t.role === 'couverture' && t.pli !== null) plisClasses.set(t.pli, k);
  });
  const pieceDe = (i: number) => vrai(i).piece ?? (vrai(i).role === 'attestation_p2' ? `ATT-${vrai(i).pli}` : `?${i}`);
  const segErreurs: Resultats['segmentation']['erreurs'] = [];
  let pieces = 0;
  let exactes = 0;
  const documents: DocumentEval[] = [];
  for (const [pliT, pliD] of plisClasses) {
    const p = pliVrai.get(pliT)!;
    const dp = decision.plis[pliD]!;
    const revuesDuPli = decision.revues.filter(
      (r) => r.motif === 'type_incertain' && r.pages.every((i) => vrai(i).pli === pliT && i > p.firstPage && i <= p.lastPage),
    );
    const decides = [...dp.documents.map((d) => d.pages), ...revuesDuPli.map((r) => r.pages)];
    const cles = new Set(decides.map((d) => [...d].sort((a, b) => a - b).join(',')));
    let toutesExactes = true;
    for (const piece of p.pieces) {
      pieces++;
      if (cles.has(piece.pages.join(','))) exactes++;
      else toutesExactes = false;
    }
    if (!toutesExactes) {
      const attExtra = dp.couverture.slice(1);
      segErreurs.push({
        pli: pliT,
        vrai: p.pieces.map((x) => x.pages),
        decide: [...(attExtra.length ? [attExtra] : []), ...decides].sort((a, b) => a[0]! - b[0]!),
      });
    }
    // Types, per truth piece: the decided document holding its first page that was not dropped as blank.
    const personnes = registre.personnes(dp.numeroUnique!);
    const filedDocs = dp.documents.map((d) => ({ pages: d.pages, predit: d.type, confiance: d.confiance }));
    const revueDocs = revuesDuPli.map((r) => ({ pages: r.pages, predit: 'revue', confiance: Number(/confiance ([0-9.]+)/.exec(r.detail)?.[1] ?? 0) }));
    const attDoc = { pages: dp.couverture, predit: 'ATT', confiance: 1 };
    for (const piece of p.pieces) {
      const premiere = piece.pages.find((i) => !lieux[i]!.some((l) => l.kind === 'blanc'));
      const doc = premiere === undefined ? undefined : [...filedDocs, ...revueDocs, attDoc].find((d) => d.pages.includes(premiere));
      const pagesDoc = doc?.pages ?? piece.pages;
      const c = classerDocument(pagesDoc.map(text), { personnes, today });
      const confs = pagesDoc.map((i) => meta[i]?.confidence).filter((x): x is number => typeof x === 'number');
      const autres = pagesDoc.filter((i) => vrai(i).piece !== piece.piece && vrai(i).role !== 'blanc' && vrai(i).role !== 'couverture');
      documents.push({
        pli: pliT,
        piece: piece.piece,
        pages: piece.pages,
        pagesDecidees: pagesDoc,
        melange: autres.length > 0,
        verite: piece.type,
        predit: premiere === undefined ? 'blanche' : (doc?.predit ?? 'pli'),
        auto: doc !== undefined && doc.predit !== 'revue',
        issue: premiere === undefined ? 'blanche' : doc === undefined ? 'revue_pli' : doc.predit === 'revue' ? 'revue_type' : 'classe',
        // a filed piece keeps no confidence: the classifier's on the same pages
        confiance: doc === undefined ? 0 : Number.isNaN(doc.confiance) ? c.confiance : doc.confiance,
        suggestions: c.suggestions.map((s) => `${s.type} ${s.score}`).join(', '),
        indices: c.indices.join(' ; '),
        texte: teteTexte(text(premiere ?? piece.pages[0]!)),
        ocr: confs.length ? Math.round(confs.reduce((a, b) => a + b, 0) / confs.length) : null,
      });
    }
  }
  const attP2 = truth.pages.filter((t) => t.role === 'attestation_p2' && t.pli !== null && plisClasses.has(t.pli));
  const attP2Ok = attP2.filter((t) => lieux[t.index]!.some((l) => l.kind === 'couverture')).length;

  const lignes = new Map<string, LigneType>();
  const confusion = new Map<string, Map<string, number>>();
  for (const d of documents) {
    const l = lignes.get(d.verite) ?? { type: d.verite, documents: 0, classes: 0, justes: 0, revue: 0, pli: 0, blanche: 0 };
    l.documents++;
    if (d.issue === 'revue_type') l.revue++;
    else if (d.issue === 'revue_pli') l.pli++;
    else if (d.issue === 'blanche') l.blanche++;
    else {
      l.classes++;
      if (d.predit === d.verite) l.justes++;
    }
    lignes.set(d.verite, l);
    const row = confusion.get(d.verite) ?? new Map<string, number>();
    row.set(d.predit, (row.get(d.predit) ?? 0) + 1);
    confusion.set(d.verite, row);
  }

  // Blank pages.
  const blanches = new Set(decision.pagesBlanches);
  const vraisBlancs = truth.pages.filter((t) => t.role === 'blanc');
  const contenuJete = truth.pages
    .filter((t) => t.role !== 'blanc' && blanches.has(t.index))
    .map((t) => ({
      page: t.index,
      role: t.role,
      raison: pages[t.index]?.blank ? `moteur : ${meta[t.index]?.blankReason ?? '?'}` : 'texte OCR vide',
      type: t.type,
    }));

  return {
    pages: resPages,
    mauvaisDossier,
    couvertures,
    faussesCouvertures,
    plis: { total: truth.plis.length, exacts: truth.plis.length - inexacts.length, inexacts },
    horsPli,
    segmentation: { pieces, exactes, attestationsP2: attP2.length, attestationsP2AvecCouverture: attP2Ok, erreurs: segErreurs },
    types: { lignes: [...lignes.values()].sort((a, b) => a.type.localeCompare(b.type)), confusion, documents },
    piecesAClasser: new Set(
      truth.pages.filter((t) => t.role === 'piece' && t.pli !== null && truth.plis[t.pli]?.attendu === 'classer' && t.type !== 'ATT').map((t) => t.piece),
    ).size,
    blancs: {
      vrais: vraisBlancs.length,
      trouves: vraisBlancs.filter((t) => blanches.has(t.index)).length,
      nonTrouves: vraisBlancs.filter((t) => !blanches.has(t.index)).map((t) => ({ page: t.index, blanc: t.blanc, lieu: decrire(t.index) })),
      contenuJete,
    },
  };
}
