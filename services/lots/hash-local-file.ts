import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FichierRecu } from './receive-lot.ts';

/** A file on this machine as a received file: hashed where it lies, streamed, never loaded whole. */
export async function hashLocalFile(chemin: string): Promise<FichierRecu> {
  const hash = createHash('sha256');
  let taille = 0;
  for await (const chunk of fs.createReadStream(chemin)) {
    hash.update(chunk as Buffer);
    taille += (chunk as Buffer).length;
  }
  return { nom: path.basename(chemin), chemin: path.resolve(chemin), sha256: hash.digest('hex'), taille };
}
