import { classerDocument, type SuggestionType } from '../../classification/classer-document.ts';
import { lirePagination } from '../../classification/lire-pagination.ts';
import { ouvreUnCourrier } from '../../classification/debut-de-document.ts';
import { parleDUneDemande } from '../../classification/detecter-couverture.ts';
import { joindreCouverturesMalLues } from '../../classification/joindre-couvertures-mal-lues.ts';
import { rejoindrePagesIllisibles } from '../../classification/rejoindre-pages-illisibles.ts';
import { lireNumerosCouverture } from '../../classification/lire-numeros-couverture.ts';
import { type DemandeRegistre, matchCouverture, type RattachementCouverture, type RegistreLookup } from '../../classification/match-couverture.ts';
import { numerosDeLaPage, type PageTexte, type Personnes } from '../../classification/page-text.ts';
import { parmiLesEcrites, personnesEcrites } from '../../classification/personnes-ecrites.ts';
import { segmenterPli } from '../../classification/segmenter-pli.ts';
import { type AlertePli, type Pli, splitPlis } from '../../classification/split-plis.ts';
import { plierTexte } from '../../classification/texte-indexe.ts';
import { trouverNom, trouverPersonneEnEntier } from '../../classification/trouver-nom.ts';
import type { MotifRevue } from '../../storage/schema/index.ts';

export type { MotifRevue };

export type RevueDecidee = { motif: MotifRevue; pages: number[]; detail: string; suggestions: Record<string, unknown> | null };
export type DocumentDecide = { pages: number[]; categorie: string; type: string; confiance: number };
export type PliDecide = { couverture: number[]; numeroUnique: string | null; documents: DocumentDecide[] };
/** `enAttente`: pages left undecided until more of the lot is read (see `decideLot`'s `complet`). */
export type DecisionLot = { plis: PliDecide[]; pagesBlanches: number[]; revues: RevueDecidee[]; enAttente: number[] };

// The attestation's own pages (its page 2) travel with the cover: the provider's separator, not a piece.
const attestation = { categorie: 'DOC', type: 'ATT' };

/**
 * The cover's next pages by their page numbers: its page 2 after its page 1, and so on. A page numbered
 * 3/5 right after a cover that is no page 2 is another document's (a form's page scanned alone).
 */
function leadingContinuation(couverture: number, content: number[], text: (index: number) => string): number[] {
  const pages: number[] = [];
  const premiere = lirePagination(text(couverture));
  let attendue = (premiere?.numero ?? 1) + 1;
  for (const index of content) {
    const pagination = lirePagination(text(index));
    if (!pagination || pagination.numero !== attendue || (premiere && pagination.total !== premiere.total)) break;
    pages.push(index);
    if (pagination.numero >= pagination.total) break;
    attendue++;
  }
  return pages;
}

/** The registry as the decisions see it: demandes by number (and homonyms), and the persons of a dossier. */
export type RegistreDecision = RegistreLookup & {
  personnes(numeroUnique: string): Personnes;
};

/**
 * What to do with every page of a lot, from the pages' text and the registry (pure). Each page
 * lands in exactly one place: a cover, a document to file, the blank list, a review task, or, while
 * the lot is still being read (`complet: false`), the pages left waiting (`enAttente`): the last
 * envelope, which may go on in pages not read yet. An envelope is filed only when its cover matched
 * the registry with the applicant's name and its documents agree with it (none quotes another
 * number or names another applicant of the lot instead of its own). A cover missed inside an
 * envelope puts its applicant's documents after every one that names the envelope's applicant: a
 * declared envelope count that differs from the covers found holds only those last unnamed
 * documents, and files the rest, unless the envelopes' own evidence (another applicant named, a
 * letter about a demand naming nobody here) already holds as many places as covers are missing;
 * with a declared count, an envelope that has some waits for the lot's end.
 */
export function decideLot(
  pages: PageTexte[],
  registre: RegistreDecision,
  options: { plisDeclares?: number | undefined; today: string; complet?: boolean },
): DecisionLot {
  const complet = options.complet ?? true;
  const decoupage = splitPlis(pages, registre);
  const decision: DecisionLot = { plis: [], pagesBlanches: [...decoupage.pagesBlanches], revues: [], enAttente: [] };
  // pages by their index in the lot: a page set apart before the decisions leaves a gap
  const byIndex = new Map(pages.map((p) => [p.index, p]));
  const text = (index: number) => byIndex.get(index)?.text ?? '';
  if (decoupage.avantPremiereCouverture.length > 0) {
    decision.revues.push({
      motif: 'avant_premiere_couverture',
      pages: decoupage.avantPremiereCouverture,
      detail: 'pages avant la première couverture : dossier inconnu',
      suggestions: null,
    });
  }

  const lus = decoupage.plis.map((pli) => {
    const cover = text(pli.couverture);
    const lectures = lireNumerosCouverture({ texte: cover, lecturesZone: byIndex.get(pli.couverture)?.lecturesZone ?? [] });
    // none read whole: the split's own pairing of its first blocks with a code of letters alone, the registry's to know
    return matchCouverture(lectures.length > 0 ? lectures : pli.numerosLus, cover, registre, pli.pages.map(text));
  });
  const joints = joindreCouverturesMalLues(decoupage.plis, lus, text, registre, (i) => byIndex.get(i)?.blank === true);
  const { plis, matches } = rejoindrePagesIllisibles(joints.plis, joints.matches, text, [...demandeursDe(joints.matches), ...(registre.nommes ?? [])]);
  const demandeurs = demandeursDe(matches);
  const reprises = reprisesDeScan(pages);
  const plisTrouves = plis.length;
  const compte = options.plisDeclares;
  const contexte: ContextePli = { byIndex, text, registre, demandeurs, reprises, today: options.today, compteDifferent: undefined };
  // each envelope decided as without a count (while the lot is read, its last one waits undecided); decided again only
  // when a declared count that differs puts its last documents in doubt
  const attend = (i: number) => !complet && i === plisTrouves - 1;
  const issues = plis.map((pli, i) => (attend(i) ? null : decidePli(pli, matches[i]!, contexte)));
  const different = compte !== undefined && complet && compte !== plisTrouves ? { plisDeclares: compte, plisTrouves } : undefined;
  // covers missed where the pages already go to an operator (another applicant named, a letter about a demand naming
  // nobody here, pages before the first cover) put nothing else in doubt
  const compteDifferent = different && !manquesSitues(different, issues, decoupage.avantPremiereCouverture.length > 0) ? different : undefined;
  for (const [i, pli] of plis.entries()) {
    const pages = [pli.couverture, ...pli.pages];
    const sansCompte = issues[i];
    if (!sansCompte) {
      decision.enAttente.push(...pages);
      continue;
    }
    const issue = compteDifferent ? decidePli(pli, matches[i]!, { ...contexte, compteDifferent }) : sansCompte;
    // with a declared count, an envelope whose last documents do not name its applicant waits for the lot's end
    if (compte !== undefined && !complet && issue.enDoute) {
      decision.enAttente.push(...pages);
      continue;
    }
    decision.pagesBlanches.push(...issue.pagesBlanches);
    decision.revues.push(...issue.revues);
    if (issue.pli) decision.plis.push(issue.pli);
  }
  decision.pagesBlanches = [...new Set(decision.pagesBlanches)].sort((a, b) => a - b);
  return decision;
}

/** Whether the envelopes, decided without the count, hold as many places of a missed cover as the declared count says are missing. */
function manquesSitues(compte: { plisDeclares: number; plisTrouves: number }, issues: (IssuePli | null)[], avantPremiere: boolean): boolean {
  const manquantes = compte.plisDeclares - compte.plisTrouves;
  const situees = issues.filter((issue) => issue?.revues.some((r) => r.suggestions?.suite === true)).length;
  return manquantes > 0 && situees + Number(avantPremiere) >= manquantes;
}

type ContextePli = {
  byIndex: Map<number, PageTexte>;
  text: (index: number) => string;
  registre: RegistreDecision;
  /** The demandes the lot's covers matched: a document naming one of them belongs to that applicant. */
  demandeurs: DemandeRegistre[];
  /** First pages of a file that follows a file of several pages (see `reprisesDeScan`). */
  reprises: Set<number>;
  today: string;
  /** The lot's declared envelope count, read whole, when it differs from the covers found: a cover was missed or one too many found. */
  compteDifferent: { plisDeclares: number; plisTrouves: number } | undefined;
};

type IssuePli = {
  pli: PliDecide | null;
  revues: RevueDecidee[];
  pagesBlanches: number[];
  /** The envelope was filed with last documents that do not name its applicant: a declared count puts them in doubt. */
  enDoute: boolean;
};

/** One envelope: its cover matched or not, its documents agreeing with it or not, each document typed or left to an operator. */
function decidePli(pli: Pli, match: RattachementCouverture, ctx: ContextePli): IssuePli {
  const blanks = pli.pages.filter((i) => ctx.byIndex.get(i)?.blank);
  const content = pli.pages.filter((i) => !ctx.byIndex.get(i)?.blank);
  const held = (revue: RevueDecidee): IssuePli => ({ pli: null, revues: [revue], pagesBlanches: blanks, enDoute: false });
  if (!match.ok) {
    const autre = autreApresNonRattachee(content, match, pli.couverture, ctx);
    const propres = autre ? content.slice(0, content.indexOf(autre.page)) : content;
    const issue = held({
      motif: 'couverture_non_rattachee',
      pages: [pli.couverture, ...propres],
      detail: `${match.motif} : ${match.detail}`,
      suggestions: { motif: match.motif, demandes: match.suggestions },
    });
    if (autre) issue.revues.push(autreDemandeur(content.slice(propres.length), autre, null));
    return issue;
  }
  // figures read together into a number nobody registered nor printed as one (a card's dates and serial) on a page
  // naming the applicant in full are the applicant's document's, not another demand's
  const siens = (alerte: AlertePli) => alerte.motif === 'numero_different' && trouverPersonneEnEntier(ctx.text(alerte.page), match.demande);
  const alertes = [...pli.alertes.filter((alerte) => !siens(alerte)), ...documentsEtrangers(content, match.demande, ctx)];
  if (alertes.length > 0) {
    return held({
      motif: 'pli_a_verifier',
      pages: [pli.couverture, ...content],
      detail: alertes.map((a) => a.motif).join(', '),
      suggestions: { numeroUnique: match.numeroUnique, alertes },
    });
  }
  // from a page naming another applicant the registry knows, the envelope ran on into theirs behind a cover nobody read
  const autre = autreInscrit(content, match.demande, ctx);
  const propres = autre ? content.slice(0, content.indexOf(autre.page)) : content;
  // pages that continue the cover ("page 2/2") are the attestation's own, not a piece
  const continuation = leadingContinuation(pli.couverture, propres, ctx.text);
  const filed: PliDecide = { couverture: [pli.couverture, ...continuation], numeroUnique: match.numeroUnique, documents: [] };
  const segmentation = segmenterPli(propres.slice(continuation.length).map((i) => ctx.byIndex.get(i)!));
  // a page quoting the envelope's own number is the applicant's as much as one naming them (a form whose name OCR lost)
  const namedPage = (p: number) => trouverNom(ctx.text(p), match.demande.nom) || numerosDeLaPage(ctx.byIndex.get(p)!).includes(match.numeroUnique);
  const named = (document: { pages: number[] }) => document.pages.some(namedPage);
  const unnamedResume = (page: number) => ctx.reprises.has(page) && !trouverNom(ctx.text(page), match.demande.nom);
  const documents = cutAtResume(segmentation.documents, named, unnamedResume);
  // a cover missed inside this envelope would have put its applicant's documents after every one that names this one
  const enDoute = unnamedTail(documents, named);
  const issue: IssuePli = {
    pli: filed,
    revues: [],
    pagesBlanches: [...blanks, ...segmentation.pagesBlanches],
    enDoute: enDoute.length > 0 || autre !== undefined,
  };
  // held when a declared count puts them in doubt, when long enough to be another applicant's, or when
  // about a housing demand: a letter about a demand names its applicant, and one that names nobody
  // here may be the next applicant's cover nobody could read; and before another applicant's page, where that cover was
  const holdTail =
    autre !== undefined ||
    ctx.compteDifferent !== undefined ||
    enDoute.reduce((n, document) => n + document.pages.length, 0) >= PAGES_SANS_NOM ||
    enDoute.some((document) => document.pages.some((p) => parleDUneDemande(ctx.text(p))));
  const resumed = resumedTail(documents, named, unnamedResume);
  const unnamed = holdTail ? enDoute : [];
  // both run to the envelope's end: the longer holds the other
  const tail = resumed.length > unnamed.length ? resumed : unnamed;
  // before pages held as another applicant's, the cover nobody could read may have joined the last document kept
  // (a page of a few words is taken for its closing page): its pages after the last naming the applicant go with them
  const kept = documents.slice(0, documents.length - tail.length);
  const last = kept.at(-1);
  const loose = last && (autre !== undefined || tail.length > 0) ? looseEnd(last.pages, namedPage, ctx.text) : [];
  if (last && loose.length > 0) kept[kept.length - 1] = { ...last, pages: last.pages.slice(0, -loose.length) };
  const suivantes = [...loose, ...tail.flatMap((document) => document.pages)];
  if (autre) {
    // the other applicant's pages, and those before them that name nobody here: one envelope behind a cover nobody read
    issue.revues.push(autreDemandeur([...suivantes, ...content.slice(propres.length)], autre, match.numeroUnique));
  } else if (tail.length > 0) {
    // the next applicant's documents after a cover nobody saw: held, the envelope's named documents filed
    const pages = suivantes;
    const motif = tail === resumed ? 'reprise_sans_nom' : 'documents_sans_nom';
    const sansNom = `les ${pages.length} dernières pages du pli ne nomment pas le demandeur`;
    issue.revues.push(
      ctx.compteDifferent
        ? {
            motif: 'plis_declares_different',
            pages,
            detail: `${ctx.compteDifferent.plisDeclares} plis déclarés, ${ctx.compteDifferent.plisTrouves} couvertures trouvées : ${sansNom}`,
            suggestions: { ...ctx.compteDifferent, numeroUnique: match.numeroUnique, suite: true },
          }
        : {
            motif: 'pli_a_verifier',
            pages,
            detail: `${motif} : ${sansNom}`,
            suggestions: { numeroUnique: match.numeroUnique, alertes: [{ motif, page: pages[0]! }], suite: true },
          },
    );
  }
  // a page that may have been another cover is this envelope's own when a later document names its applicant:
  // another applicant's cover comes before their documents, not before this one's. When it writes nobody else
  // either, nothing is left to doubt; from the first page that is not so cleared, each document must name the applicant
  const possibles = pli.couverturesPossibles ?? [];
  const holds = (document: { pages: number[] }, page: number) => document.pages[0]! <= page && page <= document.pages.at(-1)!;
  const proven = (page: number) => {
    const document = kept.find((d) => holds(d, page));
    return document !== undefined && kept.some((d) => d.pages[0]! > document.pages.at(-1)! && named(d));
  };
  const exige = possibles.find((page) => !proven(page) || personnesEcrites(ctx.text(page)).length > 0);
  const ownPage = (document: { pages: number[] }) => possibles.some((page) => holds(document, page) && proven(page));
  const nomExige = (document: { pages: number[] }) => exige !== undefined && document.pages.at(-1)! >= exige && !ownPage(document);
  // the attestation's pages right after the cover are its own, typed as one or, where nothing types them, quoting its
  // number or being that page (an issuer's second page of advice); one further on is a copy of an earlier one: a piece.
  // A letter quoting the number (a guichet's covering letter, the applicant's) opens with its subject or its date: no page 2
  const quotesNumber = (document: { pages: number[] }) =>
    !ouvreUnCourrier(ctx.text(document.pages[0]!)) && document.pages.some((p) => numerosDeLaPage(ctx.byIndex.get(p)!).includes(match.numeroUnique));
  let apresCouverture = true;
  for (const document of kept) {
    const textes = document.pages.map(ctx.text);
    const classement = classerDocument(textes, { personnes: ctx.registre.personnes(match.numeroUnique), today: ctx.today });
    const attestationElleMeme =
      classement.decision === 'classe'
        ? classement.categorie === attestation.categorie && classement.type === attestation.type
        : quotesNumber(document) || ownPage(document);
    if (apresCouverture && attestationElleMeme) {
      filed.couverture.push(...document.pages);
      continue;
    }
    apresCouverture = false;
    if (nomExige(document) && !named(document)) {
      const alertes = [{ motif: 'nom_absent_apres_couverture' as const, page: document.pages[0]! }];
      return held({
        motif: 'pli_a_verifier',
        pages: [pli.couverture, ...content],
        detail: 'nom_absent_apres_couverture',
        suggestions: { numeroUnique: match.numeroUnique, alertes },
      });
    }
    if (classement.decision === 'classe') {
      filed.documents.push({ pages: document.pages, categorie: classement.categorie, type: classement.type, confiance: classement.confiance });
    } else {
      issue.revues.push({
        motif: 'type_incertain',
        pages: document.pages,
        detail: `type non déterminé (${classement.motif}, confiance ${classement.confiance.toFixed(2)})`,
        suggestions: { numeroUnique: match.numeroUnique, types: classement.suggestions.slice(0, 3) satisfies SuggestionType[] },
      });
    }
  }
  return issue;
}

// An envelope's last page may lack its applicant's name (OCR misses one now and then, a card shows
// a photo); documents of this many pages in a row without it may be the next envelope's, behind a
// cover that was not seen. Counted in pages: the cutting may join two of them.
const PAGES_SANS_NOM = 2;

/**
 * A document's last pages that name neither the applicant nor number themselves as its pages (« 2/2 »), its first
 * page aside (pure): where a cover too poorly read to be one would be, before pages held as another applicant's.
 */
function looseEnd(pages: number[], namedPage: (page: number) => boolean, text: (page: number) => string): number[] {
  let k = pages.length;
  while (k > 1 && !namedPage(pages[k - 1]!) && (lirePagination(text(pages[k - 1]!))?.numero ?? 1) < 2) k--;
  return pages.slice(k);
}

/** The run of documents that ends an envelope without naming its applicant (pure): empty when the last one names it. */
export function unnamedTail<T extends { pages: number[] }>(documents: readonly T[], named: (document: T) => boolean): T[] {
  let start = documents.length;
  while (start > 0 && !named(documents[start - 1]!)) start--;
  return documents.slice(start);
}

/**
 * The documents with the one a scan resumed in cut where the new file starts, when nothing from there
 * on names the applicant (pure): the pages before it are the previous file's, and the new file's may be
 * another applicant's behind a cover nobody saw (`resumedTail` holds them).
 */
function cutAtResume<T extends { pages: number[] }>(
  documents: T[],
  named: (document: { pages: number[] }) => boolean,
  unnamedResume: (page: number) => boolean,
): T[] {
  const i = documents.findIndex((document) => document.pages.slice(1).some(unnamedResume));
  if (i < 0) return documents;
  const document = documents[i]!;
  const k = document.pages.findIndex((page, j) => j > 0 && unnamedResume(page));
  const [avant, apres] = [
    { ...document, pages: document.pages.slice(0, k) },
    { ...document, pages: document.pages.slice(k) },
  ];
  if (named(apres) || documents.slice(i + 1).some(named)) return documents;
  return [...documents.slice(0, i), avant, apres, ...documents.slice(i + 1)];
}

/**
 * The documents from a scan resumed in a new file without the applicant's name (`unnamedResume`) to
 * the envelope's end, when none after it names the applicant (pure): the new file may have
 * started with another applicant's pages behind a cover nobody saw. A document naming the
 * applicant after it shows the envelope ran on across the files.
 */
function resumedTail<T extends { pages: number[] }>(documents: readonly T[], named: (document: T) => boolean, unnamedResume: (page: number) => boolean): T[] {
  const start = documents.findIndex((document) => document.pages.some(unnamedResume));
  if (start < 0 || documents.slice(start + 1).some(named)) return [];
  return documents.slice(start);
}

/**
 * The pages of an envelope that name another applicant of the lot and not the envelope's own: a
 * cover missed there would merge two applicants' documents.
 */
function documentsEtrangers(content: number[], demande: DemandeRegistre, ctx: ContextePli): AlertePli[] {
  const autres = ctx.demandeurs.filter((d) => d.numeroUnique !== demande.numeroUnique && !memePersonne(d, demande));
  return content.flatMap((page): AlertePli[] => {
    const texte = ctx.text(page);
    if (trouverNom(texte, demande.nom)) return [];
    // another applicant is named only with a prénom: a surname alone is shared by a family
    const autre = autres.find((d) => trouverPersonneEnEntier(texte, d));
    return autre ? [{ motif: 'autre_demandeur', page, numeroUnique: autre.numeroUnique }] : [];
  });
}

type AutreInscrit = { page: number; demande: DemandeRegistre };

/**
 * The first page naming in full an applicant the registry knows by a name the pages write, other
 * than the envelope's own and than those the lot's covers matched (`documentsEtrangers` holds their
 * envelopes whole), and not naming the envelope's applicant.
 */
function autreInscrit(content: number[], demande: DemandeRegistre, ctx: ContextePli): AutreInscrit | undefined {
  const autres = (ctx.registre.nommes ?? []).filter(
    (d) => d.numeroUnique !== demande.numeroUnique && !memePersonne(d, demande) && !ctx.demandeurs.some((m) => m.numeroUnique === d.numeroUnique),
  );
  if (autres.length === 0) return undefined;
  for (const page of content) {
    const texte = ctx.text(page);
    if (trouverNom(texte, demande.nom)) continue;
    const autre = autres.find((d) => trouverPersonneEnEntier(texte, d));
    if (autre) return { page, demande: autre };
  }
  return undefined;
}

/**
 * In the envelope of a cover that matched nothing, the first page writing another applicant the
 * registry knows (surname in capitals beside prénom) whom the cover does not write: the envelope ran
 * on into theirs behind a cover nobody read. Sought after a page naming the cover's own applicant (its
 * demande's, radiée or one character off, or a person the cover writes), or from the start for a number
 * read whole that nobody registered, whose cover names its applicant; never after a cover read without
 * its number, which may have lost its applicant's name with it.
 */
function autreApresNonRattachee(
  content: number[],
  match: RattachementCouverture & { ok: false },
  couverture: number,
  ctx: ContextePli,
): AutreInscrit | undefined {
  const surLaCouverture = personnesEcrites(ctx.text(couverture));
  const autres = [...ctx.demandeurs, ...(ctx.registre.nommes ?? [])].filter(
    (d) => !match.suggestions.some((s) => s.numeroUnique === d.numeroUnique) && !parmiLesEcrites(surLaCouverture, d),
  );
  // each page's text and the persons it writes, found once
  const pages = content.map((page) => ({ page, texte: ctx.text(page), ecrites: personnesEcrites(ctx.text(page)) }));
  const nommeLeSien = ({ texte, ecrites }: (typeof pages)[number]) =>
    match.suggestions.some((s) => trouverNom(texte, s.nom)) || ecrites.some((p) => parmiLesEcrites(surLaCouverture, p));
  const premierSien = pages.findIndex(nommeLeSien);
  if (match.motif !== 'numero_inconnu' && premierSien < 0) return undefined;
  for (const page of pages.slice(match.motif === 'numero_inconnu' ? 0 : premierSien + 1)) {
    if (nommeLeSien(page)) continue;
    const autre = autres.find((d) => parmiLesEcrites(page.ecrites, d));
    if (autre) return { page: page.page, demande: autre };
  }
  return undefined;
}

/** The task holding an envelope's last pages from one naming another registered applicant (`suite`: where a cover was missed). */
function autreDemandeur(pages: number[], autre: AutreInscrit, numeroUnique: string | null): RevueDecidee {
  return {
    motif: 'pli_a_verifier',
    pages,
    detail: `autre_demandeur : la page ${autre.page} nomme ${autre.demande.prenom ?? ''} ${autre.demande.nom}, inscrit sous ${autre.demande.numeroUnique} ; les ${pages.length} dernières pages du pli peuvent être les siennes`,
    suggestions: {
      numeroUnique,
      alertes: [{ motif: 'autre_demandeur', page: autre.page, numeroUnique: autre.demande.numeroUnique }],
      suite: true,
    },
  };
}

/**
 * The pages where the scan of a lot resumed in a new file, after or into a file of several pages. A
 * folder of one image per page resumes at every page and says nothing; a multi-page file that ends,
 * or one that starts after a folder's last image, and does not open with a cover may be an envelope
 * running on, or stray pages.
 */
function reprisesDeScan(pages: PageTexte[]): Set<number> {
  const parFichier = new Map<number | undefined, number>();
  for (const p of pages) parFichier.set(p.fichier, (parFichier.get(p.fichier) ?? 0) + 1);
  const plusieurs = (fichier: number | undefined) => (parFichier.get(fichier) ?? 0) >= 2;
  const reprises = new Set<number>();
  for (let k = 1; k < pages.length; k++) {
    const [avant, page] = [pages[k - 1]!.fichier, pages[k]!];
    if (page.fichier !== avant && (plusieurs(avant) || plusieurs(page.fichier))) reprises.add(page.index);
  }
  return reprises;
}

const demandeursDe = (matches: readonly RattachementCouverture[]) => matches.flatMap((m) => (m.ok ? [m.demande] : []));

function memePersonne(a: DemandeRegistre, b: DemandeRegistre): boolean {
  return plierTexte(a.nom) === plierTexte(b.nom) && plierTexte(a.prenom ?? '') === plierTexte(b.prenom ?? '');
}

// A type decided on a page's head and foot alone is taken without its body only this sure: the
// body's words can outweigh the head's (a family judge's ruling on custody reads as a divorce by its head).
const CONFIANCE_SANS_CORPS = 0.7;

/**
 * The pages whose text a decision lacked: those left to an operator, and those of documents typed
 * with less than `CONFIANCE_SANS_CORPS`; worth reading whole before deciding again. Pure. An
 * envelope whose cover matched no demande waits for its cover, which was read whole: more text on
 * its other pages would change nothing.
 */
export function pagesEnDoute(decision: DecisionLot): number[] {
  const revues = decision.revues.filter((revue) => revue.motif !== 'couverture_non_rattachee').flatMap((revue) => revue.pages);
  const peuSurs = decision.plis.flatMap((pli) => pli.documents.filter((d) => d.confiance < CONFIANCE_SANS_CORPS).flatMap((d) => d.pages));
  return [...new Set([...revues, ...peuSurs])];
}
