import type { Database } from '../../storage/database.ts';
import type { Bucket, ObjectStore } from '../../storage/object-store.ts';
import { lots, pieces } from '../../storage/schema/index.ts';

/**
 * Objects are written before the rows that point to them commit; a crash in between leaves an
 * object no row points to. This removes such orphans once older than `graceMs`, long enough for
 * any filing in progress to commit its row.
 */
export async function sweepOrphans({ db, objects }: { db: Database; objects: ObjectStore }, options: { now: Date; graceMs: number; dryRun?: boolean }) {
  const cutoff = options.now.getTime() - options.graceMs;
  const pieceRows = await db.select({ bucket: pieces.bucket, cle: pieces.cle }).from(pieces);
  const lotRows = await db.select({ id: lots.id, fichiers: lots.fichiers }).from(lots);
  const referenced = new Set<string>(pieceRows.map((p) => `${p.bucket}/${p.cle}`));
  const lotIds = new Set(lotRows.map((l) => l.id));
  for (const lot of lotRows) for (const f of lot.fichiers) referenced.add(`originaux/${f.cle}`);
  // a lot's page images live under its id for as long as the lot exists
  const isReferenced = (bucket: Bucket, key: string) =>
    referenced.has(`${bucket}/${key}`) || (bucket === 'originaux' && lotIds.has(key.split('/')[0]!) && key.includes('/pages/'));

  const supprimes: { bucket: Bucket; cle: string }[] = [];
  for (const bucket of ['originaux', 'pieces', 'pieces-sensibles', 'quarantaine'] as const) {
    for await (const object of objects.list(bucket)) {
      if (isReferenced(bucket, object.key)) continue;
      if (!object.lastModified || object.lastModified.getTime() > cutoff) continue;
      if (!options.dryRun) await objects.delete(bucket, object.key);
      supprimes.push({ bucket, cle: object.key });
    }
  }
  return { dryRun: options.dryRun ?? false, supprimes };
}
