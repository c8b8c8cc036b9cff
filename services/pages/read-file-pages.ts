import { AppError } from '../app-error.ts';
import { extractPages } from './extract-pages.ts';
import type { ImageOps } from './image-ops.ts';
import type { ExtractedPage } from './page-types.ts';

export type ReadFileOptions = {
  /** Pages worked on at once (decoded pixels held): bounds memory. */
  concurrency: number;
  /** Pages not to read again (0-based in the file): a resumed lot's checkpointed pages. */
  skip?: (index: number) => boolean;
  /** Asked before each page: true stops the reading there (the pages in flight land first). */
  stopped?: () => boolean;
};

/** How far a file was read: its page count as far as known, and the refusal that stopped it (null: read to its end). */
export type FileRead = { count: number; error: AppError | null };

/**
 * Every page of a file through `read`, a few at a time, each handed to `onPage` as soon as it is
 * read (in the order pages finish). A file, or a page, that cannot be read stops the file: its
 * AppError comes back once the pages in flight have landed, so that nothing writes after the
 * caller moves on; any other failure (of `onPage`, of the database) is thrown the same way.
 */
export async function readFilePages<T>(
  bytes: Uint8Array,
  deps: { images: ImageOps },
  options: ReadFileOptions,
  read: (page: ExtractedPage) => Promise<T>,
  onPage: (page: ExtractedPage, result: T) => Promise<void>,
): Promise<FileRead> {
  let count = 0;
  const reading = boundedTasks(Math.max(1, options.concurrency));
  try {
    for await (const page of extractPages(bytes, deps)) {
      count = page.count;
      if (options.stopped?.()) break;
      if (options.skip?.(page.index)) continue;
      await reading.add(async () => onPage(page, await read(page)));
    }
    await reading.drain();
    return { count, error: null };
  } catch (error) {
    await reading.settle();
    if (error instanceof AppError) return { count, error };
    throw error;
  }
}

/**
 * Runs tasks at most `limit` at a time. A task's failure is kept, never left unhandled (it would
 * end the serving process), and thrown by the next `add` or by `drain`; `settle` only waits.
 */
function boundedTasks(limit: number) {
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const rethrow = () => {
    if (failure) throw failure.error;
  };
  return {
    async add(run: () => Promise<void>) {
      const task: Promise<void> = run()
        .catch((error: unknown) => void (failure ??= { error }))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= limit) await Promise.race(inFlight);
      rethrow();
    },
    async drain() {
      await Promise.all(inFlight);
      rethrow();
    },
    settle: async () => void (await Promise.all(inFlight)),
  };
}
