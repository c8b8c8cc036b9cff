import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Tesseract from 'tesseract.js';
import { AppError } from '../app-error.ts';
import type { OrientationReading } from './decide-orientation.ts';
import { cropPixels, type ImageOps } from './image-ops.ts';
import type { Box, Pixels } from './page-types.ts';

// tesseract.js lives behind this module only. French LSTM workers and legacy OSD workers are
// separate (a combined fra+osd worker reports 0° on upside-down pages), created on first use and
// reused; data comes from the npm packages, never from the network.

export type OcrPoolOptions = {
  /** French OCR workers. Default: the number of cores. */
  workers?: number;
  /** Orientation (OSD) workers. Default 1. */
  osdWorkers?: number;
  /** Folder holding fra.traineddata.gz. Default: @tesseract.js-data/fra/4.0.0_best_int. */
  langPath?: string;
  /** Folder holding osd.traineddata.gz. Default: @tesseract.js-data/osd/4.0.0. */
  osdLangPath?: string;
  /** Jobs waiting for a worker, per kind, beyond which new jobs are refused (`service_indisponible`). Default 256. */
  maxQueue?: number;
  /** A job running longer is abandoned and its worker replaced. Default 120 s. */
  jobTimeoutMs?: number;
};

/** An image for OCR: pixels with their resolution, or an already encoded PNG/JPEG. */
export type OcrImage = { pixels: Pixels; dpi: number } | { encoded: Buffer };

export type OcrWord = { text: string; confidence: number; bbox: Box };

export type OcrFailure = { ok: false; error: string; ms: number };
export type OcrPageResult = { ok: true; text: string; confidence: number; words: OcrWord[]; ms: number } | OcrFailure;
export type OcrRegionResult = { ok: true; text: string; confidence: number; ms: number } | OcrFailure;
export type OcrOrientationResult = OrientationReading & { ms: number; scriptConfidence?: number | null };

export type RegionOptions = {
  /** Only these characters are recognised (e.g. digits, capitals and space for a numéro unique). */
  whitelist?: string;
  /** Tesseract page segmentation mode. Default '7' (a single line). */
  psm?: '6' | '7' | '8' | '11' | '13';
};

export type OcrPoolStats = { workers: number; osdWorkers: number; queued: number; running: number; restarts: number };

export type OcrPool = {
  /** Full-page OCR (automatic segmentation): text, mean confidence, words with boxes. Never throws for a bad page. */
  recognizePage(image: OcrImage): Promise<OcrPageResult>;
  /** OCR of one rectangle of the image (cut out first: tesseract's own rectangle option misreads). */
  recognizeRegion(image: { pixels: Pixels; dpi: number }, region: Box, options?: RegionOptions): Promise<OcrRegionResult>;
  /** Orientation by tesseract OSD: the clockwise turn that puts the page upright, and its confidence. */
  detectOrientation(image: OcrImage): Promise<OcrOrientationResult>;
  stats(): OcrPoolStats;
  terminate(): Promise<void>;
};

const require = createRequire(import.meta.url);
const dataFolder = (pkg: string, version: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), version);

// tessedit_do_invert '0': by default tesseract reads every line it is unsure of a second time as
// white on black; scans have next to no such text, and that second reading costs about a fifth of a page's time
// user_defined_dpi: the resolution of an image given as PGM, which has no field for it ('': read it from the file)
type Params = { tessedit_pageseg_mode: string; tessedit_char_whitelist: string; tessedit_do_invert: '0'; user_defined_dpi: string };
const PAGE_PARAMS = { tessedit_pageseg_mode: '3', tessedit_char_whitelist: '', tessedit_do_invert: '0' } as const;

// params null: not set yet. tesseract.js starts workers in PSM 6 (one block), which skips lines set apart
// (the numéro unique in its box): every job sets the mode it needs.
type Slot = { worker: Tesseract.Worker | null; starting: Promise<Tesseract.Worker> | null; busy: boolean; params: Params | null };
type Job<T> = { run: (worker: Tesseract.Worker, slot: Slot) => Promise<T>; resolve: (value: T | OcrFailure) => void };

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Workers of one kind, a FIFO of jobs, one job per worker at a time. */
class Lane {
  private readonly slots: Slot[];
  private readonly queue: Array<Job<unknown>> = [];
  private closed = false;
  restarts = 0;

  constructor(
    size: number,
    private readonly create: () => Promise<Tesseract.Worker>,
    private readonly maxQueue: number,
    private readonly timeoutMs: number,
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ worker: null, starting: null, busy: false, params: null }));
  }

  get size() {
    return this.slots.length;
  }

  get queued() {
    return this.queue.length;
  }

  get running() {
    return this.slots.filter((s) => s.busy).length;
  }

  submit<T>(run: Job<T>['run']): Promise<T | OcrFailure> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'OCR arrêté', ms: 0 });
    if (this.queue.length >= this.maxQueue) {
      throw new AppError('service_indisponible', "File d'attente OCR pleine", { maxQueue: this.maxQueue });
    }
    return new Promise((resolve) => {
      this.queue.push({ run, resolve } as Job<unknown>);
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      slot.busy = true;
      void this.execute(slot, job).finally(() => {
        slot.busy = false;
        this.dispatch();
      });
    }
  }

  private async workerOf(slot: Slot): Promise<Tesseract.Worker> {
    if (slot.worker) return slot.worker;
    slot.starting ??= this.create();
    try {
      slot.worker = await slot.starting;
      slot.params = null;
      return slot.worker;
    } finally {
      slot.starting = null;
    }
  }

  private async execute(slot: Slot, job: Job<unknown>): Promise<void> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`OCR interrompu après ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      // the bound covers starting the worker too: tesseract.js never settles a worker whose data fails to load
      const worker = await Promise.race([this.workerOf(slot), timeout]);
      job.resolve(await Promise.race([job.run(worker, slot), timeout]));
    } catch (err) {
      job.resolve({ ok: false, error: errorText(err), ms: ms() });
      // a worker that failed may be wedged (wasm abort, timeout): replace it
      const broken = slot.worker;
      slot.worker = null;
      this.restarts++;
      if (broken) void broken.terminate().catch(() => {});
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve({ ok: false, error: 'OCR arrêté', ms: 0 });
    await Promise.all(
      this.slots.map(async (slot) => {
        const worker = slot.worker ?? (slot.starting ? await slot.starting.catch(() => null) : null);
        slot.worker = null;
        await worker?.terminate().catch(() => {});
      }),
    );
  }
}

async function setParams(worker: Tesseract.Worker, slot: Slot, params: Params): Promise<void> {
  const current = slot.params;
  if (current && (Object.keys(params) as Array<keyof Params>).every((key) => current[key] === params[key])) return;
  await worker.setParameters(params as unknown as Partial<Tesseract.WorkerParams>);
  slot.params = params;
}

/** Grey pixels as a binary PGM (P5): a header and the bytes as they are. */
function pgm(pixels: Pixels): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${pixels.width} ${pixels.height}\n255\n`), pixels.data.subarray(0, pixels.width * pixels.height)]);
}

function wordsOf(page: Tesseract.Page): OcrWord[] {
  const words: OcrWord[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) {
          const { x0, y0, x1, y1 } = word.bbox;
          words.push({ text: word.text, confidence: Math.round(word.confidence), bbox: { left: x0, top: y0, width: x1 - x0, height: y1 - y0 } });
        }
      }
    }
  }
  return words;
}

/** A tesseract.js worker pool. Workers start on first use; `terminate()` stops them all. */
export function createOcrPool(options: OcrPoolOptions, deps: { images: ImageOps }): OcrPool {
  const langPath = options.langPath ?? dataFolder('@tesseract.js-data/fra', '4.0.0_best_int');
  const osdLangPath = options.osdLangPath ?? dataFolder('@tesseract.js-data/osd', '4.0.0');
  const workers = options.workers ?? os.availableParallelism();
  const maxQueue = options.maxQueue ?? 256;
  const timeoutMs = options.jobTimeoutMs ?? 120_000;
  for (const [folder, file] of [
    [langPath, 'fra.traineddata.gz'],
    [osdLangPath, 'osd.traineddata.gz'],
  ] as const) {
    if (!existsSync(path.join(folder, file))) {
      throw new AppError('service_indisponible', `Données OCR absentes: ${path.join(folder, file)}`);
    }
  }
  // errorHandler: without one, tesseract.js throws a failed job's error out of its message handler
  // (uncaught: the process dies); the job's promise is rejected either way.
  const common = { gzip: true, cacheMethod: 'none', errorHandler: () => {} } as const;

  const fra = new Lane(workers, () => Tesseract.createWorker('fra', Tesseract.OEM.LSTM_ONLY, { ...common, langPath }), maxQueue, timeoutMs);
  const osd = new Lane(
    options.osdWorkers ?? 1,
    () => Tesseract.createWorker('osd', Tesseract.OEM.TESSERACT_ONLY, { ...common, langPath: osdLangPath, legacyCore: true, legacyLang: true }),
    maxQueue,
    timeoutMs,
  );

  const encode = async (image: OcrImage) => ('encoded' in image ? image.encoded : deps.images.encodePng(image.pixels, image.dpi));
  // grey pixels go to tesseract as PGM: nothing to compress or decompress (a 200-dpi page as PNG
  // took about 75 ms to write and as long to read back), the same text read
  const forRecognition = async (image: OcrImage) =>
    'pixels' in image && image.pixels.channels === 1 ? { bytes: pgm(image.pixels), dpi: String(image.dpi) } : { bytes: await encode(image), dpi: '' };

  return {
    async recognizePage(image) {
      const started = performance.now();
      return fra.submit(async (worker, slot) => {
        const { bytes, dpi } = await forRecognition(image);
        await setParams(worker, slot, { ...PAGE_PARAMS, user_defined_dpi: dpi });
        const { data } = await worker.recognize(bytes, {}, { text: true, blocks: true });
        return {
          ok: true as const,
          text: data.text,
          confidence: Math.round(data.confidence),
          words: wordsOf(data),
          ms: Math.round(performance.now() - started),
        };
      });
    },

    async recognizeRegion(image, region, regionOptions = {}) {
      const started = performance.now();
      return fra.submit(async (worker, slot) => {
        const left = Math.max(0, Math.floor(region.left));
        const top = Math.max(0, Math.floor(region.top));
        const box = {
          left,
          top,
          width: Math.min(image.pixels.width - left, Math.ceil(region.width)),
          height: Math.min(image.pixels.height - top, Math.ceil(region.height)),
        };
        if (box.width <= 0 || box.height <= 0) throw new Error('Zone hors de la page');
        const { bytes, dpi } = await forRecognition({ pixels: cropPixels(image.pixels, box), dpi: image.dpi });
        await setParams(worker, slot, {
          tessedit_pageseg_mode: regionOptions.psm ?? '7',
          tessedit_char_whitelist: regionOptions.whitelist ?? '',
          tessedit_do_invert: '0',
          user_defined_dpi: dpi,
        });
        const { data } = await worker.recognize(bytes, {}, { text: true });
        return { ok: true as const, text: data.text.trim(), confidence: Math.round(data.confidence), ms: Math.round(performance.now() - started) };
      });
    },

    async detectOrientation(image) {
      const started = performance.now();
      return osd.submit(async (worker) => {
        const { data } = await worker.detect(await encode(image));
        return {
          ok: true as const,
          angle: data.orientation_degrees,
          confidence: data.orientation_confidence,
          scriptConfidence: data.script_confidence,
          ms: Math.round(performance.now() - started),
        };
      });
    },

    stats() {
      return {
        workers: fra.size,
        osdWorkers: osd.size,
        queued: fra.queued + osd.queued,
        running: fra.running + osd.running,
        restarts: fra.restarts + osd.restarts,
      };
    },

    async terminate() {
      await Promise.all([fra.close(), osd.close()]);
    },
  };
}
