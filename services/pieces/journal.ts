import { createHash } from 'node:crypto';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../storage/database.ts';
import { journal, type Acteur, type EvenementJournal, type EvenementJournalRow } from '../../storage/schema/index.ts';

export type EntreeJournal = {
  numeroUnique: string;
  pieceId: string | null;
  evenement: EvenementJournal;
  acteur: Pick<Acteur, 'id' | 'nom' | 'guichet'> | null;
  message: string;
  details?: Record<string, unknown>;
};

/** JSON with object keys sorted at every level: jsonb does not keep key order, the hash must not care. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of an event: its content chained to the previous event of the same dossier. */
export function hashEvenement(row: Omit<EvenementJournalRow, 'id' | 'hash'>): string {
  const content = canonicalJson([
    row.hashPrecedent,
    row.numeroUnique,
    row.pieceId,
    row.evenement,
    row.acteurId,
    row.acteurNom,
    row.guichet,
    row.message,
    row.details ?? null,
    row.creeLe.toISOString(),
  ]);
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Serialises writers of one dossier until the transaction ends: limits are counted and journal
 * events chained without a concurrent writer slipping in between.
 */
export async function lockDossier(tx: Tx, numeroUnique: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${numeroUnique}))`);
}

/** Appends an event to its dossier's chain, inside the caller's transaction. */
export async function appendJournal(tx: Tx, entry: EntreeJournal): Promise<void> {
  await lockDossier(tx, entry.numeroUnique);
  const [last] = await tx.select({ hash: journal.hash }).from(journal).where(eq(journal.numeroUnique, entry.numeroUnique)).orderBy(desc(journal.id)).limit(1);
  const row = {
    numeroUnique: entry.numeroUnique,
    pieceId: entry.pieceId,
    evenement: entry.evenement,
    acteurId: entry.acteur?.id ?? null,
    acteurNom: entry.acteur?.nom ?? null,
    guichet: entry.acteur?.guichet ?? null,
    message: entry.message,
    details: entry.details ?? null,
    creeLe: new Date(),
    hashPrecedent: last?.hash ?? null,
  };
  await tx.insert(journal).values({ ...row, hash: hashEvenement(row) });
}

export type JournalBreak = { numeroUnique: string; id: number; raison: string };

/** Recomputes every chain (or one dossier's); returns where each broken chain breaks first. */
export async function verifyJournal(db: Database, numeroUnique?: string): Promise<{ evenements: number; dossiers: number; ruptures: JournalBreak[] }> {
  const rows = await db
    .select()
    .from(journal)
    .where(numeroUnique ? eq(journal.numeroUnique, numeroUnique) : undefined)
    .orderBy(asc(journal.numeroUnique), asc(journal.id));
  const previous = new Map<string, string>();
  const ruptures: JournalBreak[] = [];
  const broken = new Set<string>();
  for (const row of rows) {
    if (broken.has(row.numeroUnique)) continue;
    const expectedPrevious = previous.get(row.numeroUnique) ?? null;
    const raison =
      row.hashPrecedent !== expectedPrevious
        ? "maillon manquant : le hash précédent ne correspond pas à l'événement précédent"
        : hashEvenement(row) !== row.hash
          ? "contenu modifié : le hash ne correspond plus à l'événement"
          : null;
    if (raison) {
      ruptures.push({ numeroUnique: row.numeroUnique, id: row.id, raison });
      broken.add(row.numeroUnique);
    }
    previous.set(row.numeroUnique, row.hash);
  }
  return { evenements: rows.length, dossiers: previous.size, ruptures };
}
