import { indicesCouverture } from '../../classification/detecter-couverture.ts';
import { findNumeroUniqueCandidates, formeGlyphes } from '../../classification/numero-unique.ts';
import { lectureRetournee } from '../../classification/texte-retourne.ts';
import { teteDeDocument } from '../../classification/tete-de-document.ts';
import { zoneDuNumero } from '../../classification/zone-du-numero.ts';
import type { CorpsDePage, DureesLecture } from '../../storage/schema/lecture-page.ts';
import { countMeaningfulWords, detectBlank, type BlankVerdict } from './detect-blank.ts';
import {
  confirmTurnByText,
  decideOrientation,
  needsSecondReading,
  orientationInDoubt,
  osdReading,
  turnProvenByText,
  turnsToTry,
} from './decide-orientation.ts';
import { findBandCut } from './find-band-cut.ts';
import { cropPixels, type ImageOps } from './image-ops.ts';
import { invertDarkAreas, invertDarkGrounds } from './invert-dark-areas.ts';
import { normalisePage, type NormaliseOptions } from './normalise-page.ts';
import { findUnreadLines } from './find-unread-lines.ts';
import { keepDarkestPrint } from './keep-darkest-print.ts';
import { removeRulings } from './remove-rulings.ts';
import { respaceGlyphs } from './respace-glyphs.ts';
import { removeSpecks } from './remove-specks.ts';
import type { OcrPageResult, OcrPool } from './ocr-pool.ts';
import type { Box, ExtractedPage, GreyPixels, NormalisedPage, QuarterTurn } from './page-types.ts';

export type ReadPageDeps = { images: ImageOps; ocr: OcrPool };

/** Where a page's time went, in milliseconds (absent: the step was not needed). */
export type PageTimings = Pick<DureesLecture, 'normalise' | 'ocr' | 'orientation' | 'numero'>;

export type PageRead = {
  page: NormalisedPage;
  blank: BlankVerdict;
  /** Null when the page is plainly blank and was not read. */
  ocr: OcrPageResult | null;
  /** The rows left unread between the page's head and foot, when those settled what the page is (null: read whole). */
  corps: CorpsDePage | null;
  /** On a cover: where its number is printed, and that zone's readings at high resolution. */
  numero: { zone: Box; lectures: string[] } | null;
  ms: PageTimings;
};

// what a numéro unique is made of: digits, the guichet code's capitals, and the blocks' spaces
const NUMBER_WHITELIST = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ ';
// the number zone is read enlarged (tesseract reads best with capitals 30 px or more), at two of
// these resolutions, and at the third when the two disagree: their slips differ, so they vote
const NUMBER_DPIS = [300, 400, 500];

const elapsed = (since: number) => Math.round(performance.now() - since);

/**
 * One page through the engine: normalised (borders, skew), tested for blankness, read by OCR (its
 * head first, and its body only when the head does not settle what the page is), turned upright
 * only when that reading leaves its orientation in doubt, and, on a cover, its number zone read
 * again at high resolution. OSD is asked only on doubt because almost every scanned page comes
 * upright and an OSD reading costs a third of a page's OCR. Never throws for a page OCR cannot
 * read: the failure is in `ocr`.
 */
export async function readPage(extracted: ExtractedPage, deps: ReadPageDeps, options: NormaliseOptions = {}): Promise<PageRead> {
  let started = performance.now();
  let page = await normalisePage(extracted, deps, { ...options, orientation: false });
  const ms: PageTimings = { normalise: elapsed(started) };
  let blank = detectBlank(page.ink);
  // no mark the size of a character: nothing to read, and OCR would read grain as words
  if (blank.reason === 'vide') return { page, blank, ocr: null, corps: null, numero: null, ms };

  started = performance.now();
  // a near-blank page is judged first on its words as scanned (softened, show-through may read as words);
  // a bitonal scan has no grain to soften, and its thin strokes would fade
  const soften = blank.reason !== 'incertain' && !page.record.bitonal;
  // OCR is shown the page with its dark grounds turned light; the page kept is the page as scanned.
  // A page with a dark ground is read whole: cut under its head, the table below a turned band read as a picture
  const asScanned = legible(page);
  let shown = asScanned.shown;
  const first =
    blank.reason === 'incertain' || shown !== page
      ? { ocr: await withGrounds(await readRows(shown, 0, page.grey.height, soften, deps), shown, asScanned.grounds, deps), corps: null }
      : await readHeadFirst(page, soften, deps);
  let ocr = first.ocr;
  ms.ocr = elapsed(started);
  // a head that settles the page has read upright: no OSD, and no cover to read a number on
  if (first.corps) return { page: { ...page, record: { ...page.record, orientationReason: 'texte-lu' } }, blank, ocr, corps: first.corps, numero: null, ms };
  if (!ocr.ok) return { page, blank, ocr, corps: null, numero: null, ms };
  if (!soften && countMeaningfulWords(ocr.words) === 0) {
    // a faint print whose marks do not touch (a worn ribbon's dots, a light copy) reads only once
    // they are joined, and so does pale print on grain in a scan taken for black and white: read
    // softened before the page is called blank or taken for unreadable. Softened, grain reads as no
    // word, but the front showing through a blank back reads as made-up ones, short or unsure: print
    // is a line of words read with confidence
    const softened = await readRows(shown, 0, page.grey.height, true, deps);
    if (softened.ok && softened.words.filter(isSureWord).length >= LINE_OF_WORDS) ocr = softened;
    ms.ocr = elapsed(started);
  }
  if (blank.reason === 'incertain') blank = detectBlank(page.ink, countMeaningfulWords(ocr.words));
  if (blank.blank) return { page, blank, ocr, corps: null, numero: null, ms };

  if (orientationInDoubt(uprightEvidence(ocr))) {
    started = performance.now();
    ({ page, ocr } = await turnIfNeeded(page, ocr, soften, deps, options.minOsdConfidence ?? 5));
    shown = legible(page).shown;
    ms.orientation = elapsed(started);
  } else page = { ...page, record: { ...page.record, orientationReason: 'texte-lu' } };

  // a line the page's layout analysis dropped (a field on dotted leaders), a label or a number with it, read alone
  ocr = await withUnreadLines(ocr, shown, deps);
  let numero: PageRead['numero'] = null;
  // a page bearing a number, speaking of a housing demand's registration, labelling a demand's
  // number or its applicant may be a cover: its number is read again
  const cover = ocr.ok ? indicesCouverture({ text: ocr.text, blank: false }) : null;
  const seeksNumber = cover !== null && (cover.numeros.length > 0 || cover.enregistrement || cover.libelle || cover.demandeur !== undefined);
  const zone = seeksNumber && ocr.ok ? zoneDuNumero(ocr.words, page.grey) : null;
  if (zone || seeksNumber) {
    started = performance.now();
    numero = await seekNumber(page, shown, zone, { texte: ocr.ok ? ocr.text : '', numeros: cover?.numeros.length ?? 0 }, deps);
    ms.numero = elapsed(started);
  }
  return { page, blank, ocr, corps: null, numero, ms };
}

type PageLue = Pick<NormalisedPage, 'grey' | 'dpi'>;

/**
 * A page's numéro unique sought: its zone read (`zone`, drawn from its label), or the whole page at
 * one resolution when a cover-like page shows neither its number nor its label, or when a page names
 * an applicant the registry knows and may be their cover. `shown`: the page with its dark grounds
 * turned light; `texte`: the page's text and how many numbers it shows.
 */
export async function seekNumber(
  page: PageLue,
  shown: PageLue,
  zone: Box | null,
  texte: { texte: string; numeros: number },
  deps: ReadPageDeps,
): Promise<NonNullable<PageRead['numero']>> {
  const whole = { left: 0, top: 0, width: page.grey.width, height: page.grey.height };
  let numero = await readNumberZone(shown, zone ?? whole, zone ? NUMBER_DPIS : NUMBER_DPIS.slice(0, 1), texte.texte, deps);
  const zoneMuette = () => numero.lectures.every((l) => findNumeroUniqueCandidates(l).length === 0);
  const unread = () => texte.numeros === 0 && zoneMuette();
  // boxes under a label, larger than it, may run below the zone drawn from it: read again a third taller, whatever
  // the page's text made of them (a table's cell sides read into a number)
  if (zone && zoneMuette()) {
    const taller = { ...zone, height: Math.min(page.grey.height - zone.top, Math.round((zone.height * 4) / 3)) };
    if (taller.height > zone.height) numero = await readNumberZone(shown, taller, NUMBER_DPIS, texte.texte, deps);
  }
  // the page's layout analysis drops lines it takes for a drawing (a field on dotted leaders, a
  // form's spaced boxes) and the label with them: the page read again as sparse text, line by
  // line, as it is and without its specks (a leader's dots glue to the characters written on it)
  if (unread()) {
    const sansPoints = { ...shown, grey: removeSpecks(shown.grey, Math.round((SPECK_MM * page.dpi) / 25.4)) };
    const sparse = await Promise.all([readSparse(shown, deps), readSparse(sansPoints, deps)]);
    numero = { ...numero, lectures: [...numero.lectures, ...sparse] };
  }
  // a number may run up or down the sheet (a tab at its edge, a mail-room band in the margin): the page turned each
  // way, its dark grounds found again once turned (a narrow upright band is no table header until then)
  if (unread()) {
    const turned = await Promise.all(
      ([90, 270] as const).map(async (turn) => readSparse({ grey: invertDarkAreas(await deps.images.rotate(page.grey, turn), page.dpi), dpi: page.dpi }, deps)),
    );
    numero = { ...numero, lectures: [...numero.lectures, ...turned] };
  }
  return numero;
}

// lines a ground's or a dropped line's own read adds are at least this long, letters and digits (a header, a
// number), not its frame's specks or a signature's scrawl
const REGION_LINE = 8;
// a dropped line is read with this margin round it
const UNREAD_MARGIN_MM = 0.5;

/**
 * The page's reading with the lines its dark grounds hold, each ground read on its own: turned
 * light, a band with a frame round it is sometimes taken for a picture by the page's layout
 * analysis, and its line (a table's header, a number) is lost.
 */
function withGrounds(ocr: OcrPageResult, shown: NormalisedPage, grounds: Box[], deps: ReadPageDeps): Promise<OcrPageResult> {
  return withRegions(ocr, shown, grounds, '6', deps);
}

/** The page's reading with the lines it left out (`findUnreadLines`), each read on its own. */
function withUnreadLines(ocr: OcrPageResult, shown: NormalisedPage, deps: ReadPageDeps): Promise<OcrPageResult> {
  if (!ocr.ok) return Promise.resolve(ocr);
  const { width, height } = shown.grey;
  const margin = Math.round((UNREAD_MARGIN_MM * shown.dpi) / 25.4);
  const regions = findUnreadLines(shown.grey, shown.dpi, ocr.words).map((line) => {
    const [left, top] = [Math.max(0, line.left - margin), Math.max(0, line.top - margin)];
    return { left, top, width: Math.min(width, line.left + line.width + margin) - left, height: Math.min(height, line.top + line.height + margin) - top };
  });
  return withRegions(ocr, shown, regions, '7', deps);
}

/** The page's reading with the lines each region reads on its own that it lacks, appended. */
async function withRegions(ocr: OcrPageResult, shown: NormalisedPage, regions: Box[], psm: '6' | '7', deps: ReadPageDeps): Promise<OcrPageResult> {
  if (!ocr.ok || regions.length === 0) return ocr;
  const fold = (texte: string) =>
    texte
      .normalize('NFD')
      .replace(/[^A-Za-z0-9]/g, '')
      .toUpperCase();
  const lu = fold(ocr.text);
  const added: string[] = [];
  for (const region of regions) {
    const read = await deps.ocr.recognizeRegion({ pixels: shown.grey, dpi: shown.dpi }, region, { psm });
    if (!read.ok) continue;
    added.push(...read.text.split('\n').filter((line) => fold(line).length >= REGION_LINE && !lu.includes(fold(line))));
  }
  return added.length === 0 ? ocr : { ...ocr, text: `${ocr.text.trimEnd()}\n${added.join('\n')}` };
}

/**
 * The page as OCR is shown it: its dark grounds turned light (a number printed in white in a
 * table's header, which OCR reads as noise). The same page when it has none.
 */
function legible(page: NormalisedPage): { shown: NormalisedPage; grounds: Box[] } {
  const { grey, grounds } = invertDarkGrounds(page.grey, page.dpi);
  return { shown: grey === page.grey ? page : { ...page, grey }, grounds };
}

/**
 * What full-page OCR is given: a page with content, softened by a blur of 1 pixel at 200 dpi. On
 * grain and noise tesseract's threshold breaks the letters into specks, reads nothing and takes ten
 * times as long; softened, the same pages read, and clean ones read the same (measured on the
 * `standard` set).
 */
async function ocrInput(grey: GreyPixels, dpi: number, soften: boolean, deps: ReadPageDeps) {
  return { pixels: soften ? await deps.images.blur(grey, dpi / 200) : grey, dpi };
}

// The head of a page names it (its heading, its issuer) and its foot numbers it (« Page 2/3 »); the
// body between them is most of a page's text, so most of its OCR time, and is read only when the
// head does not tell a document's page from a cover. Cuts fall in the white between lines, within
// these shares of the height.
const HEAD_CUT = [0.3, 0.4] as const;
const FOOT_CUT = [0.88, 0.93] as const;
// below this many words in its head a page may be a short closing page, which the envelope's cutting tells by its word count
const HEAD_MIN_WORDS = 15;

/** The page's head read first; when it settles what the page is, its foot only, else the rest of the page, joined to the head. */
async function readHeadFirst(page: NormalisedPage, soften: boolean, deps: ReadPageDeps): Promise<{ ocr: OcrPageResult; corps: PageRead['corps'] }> {
  const headEnd = findBandCut(page.grey, ...HEAD_CUT);
  const head = await readRows(page, 0, headEnd, soften, deps);
  if (!head.ok || !headSettles(head)) {
    const rest = await readRows(page, headEnd, page.grey.height, soften, deps);
    return { ocr: joinReadings(head, rest), corps: null };
  }
  const footStart = findBandCut(page.grey, ...FOOT_CUT);
  const ocr = joinReadings(head, await readRows(page, footStart, page.grey.height, soften, deps));
  if (!ocr.ok) return { ocr, corps: null };
  return { ocr, corps: { top: headEnd, bottom: footStart, pied: ocr.text.length - head.text.trimEnd().length } };
}

/** The head settles the page when it reads upright, with enough words, and shows a document of the plan and nothing of a cover. */
function headSettles(head: OcrPageResult & { ok: true }): boolean {
  return countMeaningfulWords(head.words) >= HEAD_MIN_WORDS && !orientationInDoubt(uprightEvidence(head)) && teteDeDocument(head.text);
}

/** Full-page OCR of the rows from `top` to `bottom`, its word boxes in the page's coordinates. */
export async function readRows(
  page: Pick<NormalisedPage, 'grey' | 'dpi'>,
  top: number,
  bottom: number,
  soften: boolean,
  deps: ReadPageDeps,
): Promise<OcrPageResult> {
  const whole = top === 0 && bottom === page.grey.height;
  const rows = whole ? page.grey : cropPixels(page.grey, { left: 0, top, width: page.grey.width, height: bottom - top });
  const read = await deps.ocr.recognizePage(await ocrInput(rows, page.dpi, soften, deps));
  if (!read.ok || top === 0) return read;
  return { ...read, words: read.words.map((w) => ({ ...w, bbox: { ...w.bbox, top: w.bbox.top + top } })) };
}

/** Two readings of parts of a page, top to bottom, as one: the confidence is the words' mean. */
export function joinReadings(above: OcrPageResult, below: OcrPageResult): OcrPageResult {
  if (!above.ok) return above;
  if (!below.ok) return below;
  const words = [...above.words, ...below.words];
  const confidence = words.length === 0 ? 0 : words.reduce((sum, w) => sum + w.confidence, 0) / words.length;
  const text = [above.text.trimEnd(), below.text.trimEnd()].filter((t) => t !== '').join('\n\n') + '\n';
  return { ok: true, text, confidence: Math.round(confidence), words, ms: above.ms + below.ms };
}

/** A page's text read by head and foot, with its body put back between them. */
export function withBody(text: string, corps: NonNullable<PageRead['corps']>, body: string): string {
  const cut = text.length - corps.pied;
  return `${text.slice(0, cut)}\n\n${body.trimEnd()}${text.slice(cut)}`;
}

function uprightEvidence(ocr: OcrPageResult & { ok: true }) {
  // a word of four letters or more is wider than tall unless its line runs up or down the page
  const measured = ocr.words.filter((w) => w.confidence >= 60 && w.text.length >= 4);
  return {
    meaningfulWords: countMeaningfulWords(ocr.words),
    confidence: ocr.confidence,
    turnedText: lectureRetournee(ocr.text),
    sidewaysWords: measured.filter((w) => w.bbox.height > w.bbox.width).length,
    wordsMeasured: measured.length,
  };
}

/**
 * Asks OSD (at the analysis resolution, and again at the page's when it proposes a turn or is
 * unsure), and keeps a turn only when the page turned reads better than as it came: OSD is
 * sometimes confidently wrong on cards and photos, and unsure on degraded pages.
 */
async function turnIfNeeded(page: NormalisedPage, asIs: OcrPageResult & { ok: true }, soften: boolean, deps: ReadPageDeps, minConfidence: number) {
  const smallDpi = Math.min(150, page.dpi);
  const factor = smallDpi / page.dpi;
  const small = factor < 1 ? await deps.images.resize(page.grey, Math.round(page.grey.width * factor), Math.round(page.grey.height * factor)) : page.grey;
  const readings = [osdReading(await deps.ocr.detectOrientation({ pixels: small, dpi: smallDpi }), smallDpi)];
  if (needsSecondReading(readings[0]!, minConfidence) && small !== page.grey) {
    readings.push(osdReading(await deps.ocr.detectOrientation({ pixels: page.grey, dpi: page.dpi }), page.dpi));
  }
  const decision = decideOrientation(readings, minConfidence);
  const record = { ...page.record, osd: readings, osdAngle: decision.osdAngle, osdConfidence: decision.osdConfidence, orientationReason: decision.reason };
  // a turn OSD decided must not be contradicted by the text; one it was unsure of, or one tried on a page OSD
  // could not tell, must be proven by it. A reading that itself reads as turned (a card's zone as `>>>>`) is no
  // reading: the page is turned, upside down when no turn OSD proposes reads better (a card read a quarter off also
  // reads so), and a few words upright prove it
  const retournee = lectureRetournee(asIs.text);
  const lus = countMeaningfulWords(asIs.words);
  const asIsWords = retournee ? 0 : lus;
  const turns = retournee ? [...new Set<QuarterTurn>([...turnsToTry(decision, lus), 180])] : turnsToTry(decision, asIsWords);
  if (turns.length === 0) return { page: { ...page, record }, ocr: asIs };
  const decided = decision.rotation !== 0;
  // a page read as no word is read softened, as it was before being found unread
  const softer = soften || lus === 0;
  // each turn read, the best kept: the one with the most words that does not itself read as if turned (a page
  // upside down read a quarter turned reads as a few reversed words)
  let best: { turn: QuarterTurn; grey: GreyPixels; ocr: OcrPageResult & { ok: true }; words: number } | undefined;
  for (const turn of turns) {
    const grey = await deps.images.rotate(page.grey, turn);
    const ocr = await deps.ocr.recognizePage(await ocrInput(invertDarkAreas(grey, page.dpi), page.dpi, softer, deps));
    const words = ocr.ok && !lectureRetournee(ocr.text) ? countMeaningfulWords(ocr.words) : 0;
    if (ocr.ok && words > (best?.words ?? -1)) best = { turn, grey, ocr, words };
  }
  const turnCheck = { asIs: asIsWords, turned: best?.words ?? 0 };
  const kept =
    best &&
    (retournee
      ? best.words >= MOTS_REDRESSES
      : decided
        ? confirmTurnByText(asIsWords, best.words)
        : turnProvenByText(asIsWords, best.words, best.turn !== 180));
  if (!best || !kept) {
    const orientationReason = decided ? ('texte-contredit' as const) : decision.reason;
    return { page: { ...page, record: { ...record, turnCheck, rotation: 0 as const, orientationReason } }, ocr: asIs };
  }
  // a quarter turn keeps the measured skew and crop valid: they were taken on the page as it came
  const orientationReason = decided ? decision.reason : ('texte-tourne' as const);
  return { page: { ...page, grey: best.grey, original: null, record: { ...record, turnCheck, rotation: best.turn, orientationReason } }, ocr: best.ocr };
}

// a page read as turned is kept turned when upright it reads at least this many words: a card's few lines
const MOTS_REDRESSES = 3;

// what a softened reading must show to be print: this many words of four letters or more read with confidence
const LINE_OF_WORDS = 5;
const isSureWord = (w: { text: string; confidence: number }) => w.confidence >= 80 && (w.text.match(/\p{L}/gu)?.length ?? 0) >= 4;

// a dotted leader's dots, and grain, are smaller than this each way; a character is larger
const SPECK_MM = 0.8;

/**
 * The whole page read as sparse text (tesseract's mode 11: every line it finds, in no layout), kept
 * as the lines that hold a number: what the station shows as read, and all the number's reader takes.
 */
async function readSparse(page: Pick<NormalisedPage, 'grey' | 'dpi'>, deps: ReadPageDeps): Promise<string> {
  const whole = { left: 0, top: 0, width: page.grey.width, height: page.grey.height };
  const read = await deps.ocr.recognizeRegion({ pixels: page.grey, dpi: page.dpi }, whole, { psm: '11' });
  if (!read.ok) return '';
  return read.text
    .split('\n')
    .filter((ligne) => findNumeroUniqueCandidates(ligne).length > 0)
    .join('\n');
}

/**
 * The cover's number zone cut out, enlarged and read with the number's characters only, at the
 * first two resolutions given, and at the third when those two disagree: the full-page reading
 * confuses O and 0, 6 and 0 on small or bitonal print, and each read is a vote (`lireNumerosCouverture`).
 * When no two reads, the page's own among them, give one number, the zone is read again with its
 * characters set side by side (`respaceGlyphs`): read through boxes or over a comb, a number's
 * characters are taken for words, a box's side or a tick for a 1. When those two reads agree, they
 * stand for the zone. When they do not, the zone is read once more with only its darkest print kept
 * (`keepDarkestPrint`: a stamp struck over the number scans paler than it), and two such reads that
 * agree stand for the zone.
 */
async function readNumberZone(
  page: PageLue,
  zone: Box,
  dpis: readonly number[],
  pageText: string,
  deps: ReadPageDeps,
): Promise<NonNullable<PageRead['numero']>> {
  const cut = removeRulings(cropPixels(page.grey, zone));
  const readAt = async (pixelsAt: GreyPixels, dpi: number, psm: '6' | '7' = '6') => {
    const factor = Math.max(1, dpi / page.dpi);
    const pixels = factor > 1 ? await deps.images.resize(pixelsAt, Math.round(pixelsAt.width * factor), Math.round(pixelsAt.height * factor)) : pixelsAt;
    const read = await deps.ocr.recognizeRegion(
      { pixels, dpi: Math.round(page.dpi * factor) },
      { left: 0, top: 0, width: pixels.width, height: pixels.height },
      { whitelist: NUMBER_WHITELIST, psm },
    );
    return read.ok ? read.text : '';
  };
  // its lines set apart, each read as one line: read as a block, a number's line is taken with the label above it
  // and its characters are misread the more (an italic 8 as a 6)
  const readLines = async (lines: GreyPixels & { lignes: Box[] }, dpi: number) =>
    (await Promise.all(lines.lignes.map((ligne) => readAt(cropPixels(lines, ligne), dpi, '7')))).join('\n');
  const lectures = await Promise.all(dpis.slice(0, 2).map((dpi) => readAt(cut, dpi)));
  const agree = (a: string, b: string) => findNumeroUniqueCandidates(a).join() === findNumeroUniqueCandidates(b).join();
  if (lectures.length === 2 && dpis[2] && !agree(lectures[0]!, lectures[1]!)) lectures.push(await readAt(cut, dpis[2]));
  if (dpis.length < 2 || settled([pageText, ...lectures])) return { zone, lectures };
  const respaced = respaceGlyphs(cut);
  const side = respaced ? await Promise.all(dpis.slice(0, 2).map((dpi) => readLines(respaced, dpi))) : [];
  if (settled(side)) return { zone, lectures: side };
  const darkest = keepDarkestPrint(cut);
  const dark = await Promise.all(dpis.slice(0, 2).map((dpi) => readAt(darkest, dpi)));
  return { zone, lectures: settled(dark) ? dark : [...lectures, ...side, ...dark] };
}

/** Whether two reads give one number (its guichet code read glyph for glyph, `DDTO6` for `DDT06`). */
function settled(lectures: readonly string[]): boolean {
  const read = lectures.flatMap((l) => [...new Set(findNumeroUniqueCandidates(l).map(formeGlyphes))]);
  return read.some((nu, i) => read.indexOf(nu) !== i);
}
