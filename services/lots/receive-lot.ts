import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { lots, type Acteur, type FichierOriginal, type Lot } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';

/** A received file spooled to disk, with the hash computed while it was written. */
export type FichierRecu = { nom: string; chemin: string; sha256: string; taille: number };

/**
 * Keeps a scan lot's originals in S3 and records the lot, before anything else happens to it.
 * The same files in the same order are the same lot: re-submitting them returns it unchanged.
 */
export async function receiveLot(
  { db, objects }: { db: Database; objects: ObjectStore },
  input: { fichiers: FichierRecu[]; acteur: Pick<Acteur, 'id'> | null; plisDeclares?: number; reference?: string },
): Promise<{ lot: Lot; existant: boolean }> {
  if (input.fichiers.length === 0) throw new AppError('requete_invalide', 'aucun fichier dans le lot : une ou plusieurs parties « file » attendues');
  const empty = input.fichiers.find((f) => f.taille === 0);
  if (empty) throw new AppError('fichier_vide', `le fichier « ${empty.nom} » est vide`);
  const empreinte = createHash('sha256')
    .update(`courrier:${input.fichiers.map((f) => f.sha256).join(',')}`)
    .digest('hex');
  const [known] = await db.select().from(lots).where(eq(lots.empreinte, empreinte));
  if (known) return { lot: known, existant: true };

  const fichiers: FichierOriginal[] = [];
  for (const fichier of input.fichiers) {
    const cle = randomUUID();
    const stored = await objects.put('originaux', cle, { path: fichier.chemin });
    if (stored.sha256 !== fichier.sha256) throw new AppError('integrite_compromise', `le fichier « ${fichier.nom} » a changé pendant sa réception`);
    fichiers.push({ nom: fichier.nom, cle, sha256: fichier.sha256, taille: fichier.taille, type: null });
  }
  const [lot] = await db
    .insert(lots)
    .values({
      canal: 'courrier',
      statut: 'recu',
      reference: input.reference ?? null,
      plisDeclares: input.plisDeclares ?? null,
      empreinte,
      fichiers,
      acteurId: input.acteur?.id ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (lot) return { lot, existant: false };
  // a concurrent submission of the same files won: drop our copies, answer with its lot
  for (const f of fichiers) await objects.delete('originaux', f.cle).catch(() => {});
  const [winner] = await db.select().from(lots).where(eq(lots.empreinte, empreinte));
  return { lot: winner!, existant: true };
}
