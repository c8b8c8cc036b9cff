import yauzl from 'yauzl';
import { AppError } from '../app-error.ts';

export type ZipCaps = { maxEntries: number; maxEntryBytes: number; maxTotalBytes: number; maxRatio: number };

export type ZipEntry = { nom: string; contenu: Buffer };

/**
 * The files of a ZIP attached to a message, one level: caps on their count, each size, the total
 * and the compression ratio are checked on the archive's directory before anything is inflated,
 * and again on the bytes inflated (yauzl checks them against the declared sizes), so that a ZIP
 * bomb costs nothing. A name that climbs out of the archive (`../`) or is absolute refuses the
 * archive: nothing is ever written under it, but such an archive was not made by a scanner.
 */
export function unpackZip(bytes: Buffer, caps: ZipCaps): Promise<ZipEntry[]> {
  const refuse = (message: string) => new AppError('format_non_supporte', `archive ZIP refusée : ${message}`);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (openError, zip) => {
      if (openError || !zip) return reject(refuse(`illisible (${openError?.message ?? 'inconnue'})`));
      if (zip.entryCount > caps.maxEntries) return reject(refuse(`${zip.entryCount} fichiers, ${caps.maxEntries} au plus`));
      const entries: ZipEntry[] = [];
      let total = 0;
      const fail = (error: Error) => {
        zip.close();
        if (error instanceof AppError) return reject(error);
        const horsArchive = /^(invalid relative path|absolute path): (.*)$/.exec(error.message);
        reject(refuse(horsArchive ? `nom de fichier hors de l'archive (« ${horsArchive[2]} »)` : error.message));
      };
      zip.on('error', fail);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        const nom = entry.fileName;
        if (nom.endsWith('/')) return zip.readEntry();
        if (entry.isEncrypted()) return fail(refuse(`« ${nom} » est chiffré`));
        if (entry.uncompressedSize > caps.maxEntryBytes) return fail(refuse(`« ${nom} » fait ${entry.uncompressedSize} octets, ${caps.maxEntryBytes} au plus`));
        if (entry.uncompressedSize > Math.max(1, entry.compressedSize) * caps.maxRatio) {
          return fail(
            refuse(`« ${nom} » se décompresse ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} fois sa taille : archive piégée ?`),
          );
        }
        total += entry.uncompressedSize;
        if (total > caps.maxTotalBytes) return fail(refuse(`plus de ${caps.maxTotalBytes} octets une fois décompressée`));
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError ?? new Error('entrée illisible'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', fail);
          stream.on('end', () => {
            entries.push({ nom: nom.split('/').pop()!, contenu: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
