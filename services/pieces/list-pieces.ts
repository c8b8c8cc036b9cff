import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { demandes, pieces, type Role } from '../../storage/schema/index.ts';
import { AppError } from '../app-error.ts';

/** The same rule as `pieceAccess`, as a filter: what each role may at least list. */
function visibleTo(role: Role): SQL | undefined {
  switch (role) {
    case 'guichet':
    case 'gestionnaire':
      return undefined;
    case 'consultant_sensible':
    case 'pgp':
      return eq(pieces.statut, 'active');
    case 'consultant_demande':
    case 'consultant_simple':
      return and(eq(pieces.statut, 'active'), eq(pieces.sensible, false));
    case 'operateur':
      return eq(pieces.id, '00000000-0000-0000-0000-000000000000');
  }
}

// the last piece of the page: the next page starts after it in (cree_le, id) order, compared in SQL
// (a timestamp carried through JavaScript loses PostgreSQL's microseconds, and the page would repeat)
type Cursor = { id: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (typeof value.id === 'string' && UUID.test(value.id)) return value;
  } catch {}
  throw new AppError('requete_invalide', 'curseur de pagination invalide : reprenez la valeur nextCursor de la page précédente');
}

/**
 * The dossier's pieces the role may see, oldest first, a page at a time; `demande_inconnue` when no
 * demande has that number. One query for both: a list is the most frequent read.
 */
export async function listPieces(db: Database, role: Role, numeroUnique: string, page: { limit: number; cursor?: string | undefined }) {
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  const rows = await db
    .select({ piece: pieces })
    .from(demandes)
    .leftJoin(
      pieces,
      and(
        eq(pieces.numeroUnique, demandes.numeroUnique),
        visibleTo(role),
        after ? sql`(${pieces.creeLe}, ${pieces.id}) > (select p.cree_le, p.id from pieces p where p.id = ${after.id})` : undefined,
      ),
    )
    .where(eq(demandes.numeroUnique, numeroUnique))
    .orderBy(asc(pieces.creeLe), asc(pieces.id))
    .limit(page.limit + 1);
  if (rows.length === 0) throw new AppError('demande_inconnue', `aucune demande ${numeroUnique} au registre`);
  // a demande without a visible piece is one row with no piece
  const found = rows.flatMap((r) => (r.piece ? [r.piece] : []));
  const items = found.slice(0, page.limit);
  const last = items[items.length - 1];
  const nextCursor = found.length > page.limit && last ? Buffer.from(JSON.stringify({ id: last.id } satisfies Cursor)).toString('base64url') : null;
  return { items, nextCursor };
}
