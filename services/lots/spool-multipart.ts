import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { AppError } from '../app-error.ts';
import type { FichierRecu } from './receive-lot.ts';

/**
 * Streams a multipart body to files under `dir`, hashing as it writes: a lot of hundreds of pages
 * is never held in memory. Text fields come back as strings. The caller removes the files.
 */
export async function spoolMultipart(request: Request, dir: string, maxBytes: number): Promise<{ fichiers: FichierRecu[]; champs: Record<string, string> }> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data') || !request.body) {
    throw new AppError('format_non_supporte', 'corps multipart/form-data attendu, avec une ou plusieurs parties « file »');
  }
  await fs.promises.mkdir(dir, { recursive: true });
  const fichiers: FichierRecu[] = [];
  const champs: Record<string, string> = {};
  const writes: Promise<void>[] = [];
  let total = 0;
  const parser = busboy({ headers: { 'content-type': contentType }, limits: { fileSize: maxBytes, fields: 20, fieldSize: 10_000 } });
  parser.on('field', (name, value) => (champs[name] = value));
  parser.on('file', (name, stream, info) => {
    if (name !== 'file') {
      stream.resume();
      return;
    }
    const chemin = path.join(dir, randomUUID());
    const hash = createHash('sha256');
    const fichier: FichierRecu = { nom: info.filename || `fichier-${fichiers.length + 1}`, chemin, sha256: '', taille: 0 };
    fichiers.push(fichier);
    // an oversized file refuses the whole body: the parser stops too, else it would wait for ever
    // on a file stream nobody reads any more, and the request would never be answered
    const refuse = (error: AppError) => {
      stream.destroy(error);
      // after busboy's own call returns: it still writes to the part that emitted 'limit'
      process.nextTick(() => parser.destroy(error));
    };
    stream.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      fichier.taille += chunk.length;
      total += chunk.length;
      if (total > maxBytes) refuse(new AppError('taille_depassee', `le lot dépasse ${Math.round(maxBytes / 1024 / 1024)} Mo`));
    });
    stream.on('limit', () => refuse(new AppError('taille_depassee', `le fichier « ${fichier.nom} » dépasse ${Math.round(maxBytes / 1024 / 1024)} Mo`)));
    const written = pipeline(stream, fs.createWriteStream(chemin)).then(() => void (fichier.sha256 = hash.digest('hex')));
    // its failure is thrown by the parsing's own, below: never left unhandled, which would end the serving process
    written.catch(() => {});
    writes.push(written);
  });
  try {
    await pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream), parser);
    await Promise.all(writes);
  } catch (error) {
    await Promise.all(fichiers.map((f) => fs.promises.rm(f.chemin, { force: true })));
    if (error instanceof AppError) throw error;
    throw new AppError('requete_invalide', `corps multipart illisible : ${(error as Error).message}`);
  }
  return { fichiers, champs };
}
