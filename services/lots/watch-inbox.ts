import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { AppError } from '../app-error.ts';
import { hashLocalFile } from './hash-local-file.ts';
import type { FichierRecu } from './receive-lot.ts';

/** What a file looked like at the previous look: a file is complete once it stops changing. */
type Seen = { size: number; mtimeMs: number };

const acceptedDir = '.recus';
const refusedDir = '.refuses';

/** Files a scanner is still writing: hidden or temporary names are never taken. */
export function isCandidate(name: string): boolean {
  return !name.startsWith('.') && !/\.(part|tmp|crdownload|filepart)$/i.test(name);
}

/**
 * Watches a folder where a scanner drops its batches: each file that has stopped changing between
 * two looks becomes a lot, and is moved to `.recus/` only once its original is safely stored.
 * A file refused (empty, unreadable) goes to `.refuses/` with a `.txt` saying why.
 */
export function watchInbox(inboxDir: string, receive: (fichier: FichierRecu) => Promise<{ id: string }>, logger: Logger, intervalMs = 2000) {
  const seen = new Map<string, Seen>();
  let running: Promise<void> = Promise.resolve();
  const look = async () => {
    await fs.mkdir(path.join(inboxDir, acceptedDir), { recursive: true });
    await fs.mkdir(path.join(inboxDir, refusedDir), { recursive: true });
    for (const entry of await fs.readdir(inboxDir, { withFileTypes: true })) {
      if (!entry.isFile() || !isCandidate(entry.name)) continue;
      const chemin = path.join(inboxDir, entry.name);
      const stat = await fs.stat(chemin).catch(() => null);
      if (!stat) continue;
      const before = seen.get(entry.name);
      seen.set(entry.name, { size: stat.size, mtimeMs: stat.mtimeMs });
      if (!before || before.size !== stat.size || before.mtimeMs !== stat.mtimeMs) continue;
      seen.delete(entry.name);
      const stamp = new Date().toISOString().replaceAll(':', '-');
      try {
        const lot = await receive(await hashLocalFile(chemin));
        await fs.rename(chemin, path.join(inboxDir, acceptedDir, `${stamp}-${lot.id}-${entry.name}`));
        logger.info({ fichier: entry.name, lot: lot.id }, 'lot reçu du dossier de dépôt');
      } catch (error) {
        if (!(error instanceof AppError)) throw error; // storage down: the file stays, next look retries
        const refused = path.join(inboxDir, refusedDir, `${stamp}-${entry.name}`);
        await fs.rename(chemin, refused);
        await fs.writeFile(`${refused}.txt`, `${error.code} : ${error.message}\n`);
        logger.warn({ fichier: entry.name, code: error.code }, 'fichier refusé par le dossier de dépôt');
      }
    }
  };
  const timer = setInterval(() => {
    running = running.then(look).catch((error: unknown) => logger.error({ err: error }, 'dossier de dépôt : nouvel essai au prochain passage'));
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
