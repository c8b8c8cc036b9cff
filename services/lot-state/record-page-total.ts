import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../storage/database.ts';
import { lots } from '../../storage/schema/index.ts';
import { countLotPages } from '../pages/count-pages.ts';

/**
 * Writes a lot's page total as soon as it is received, counted from its files before any page is
 * read (a PDF's page tree, a TIFF's directories): its progress reads n/N from the start. Reading
 * the lot writes the count it found over it. A file that cannot tell leaves the total unknown.
 */
export async function recordPageTotal(db: Database, lotId: string, chemins: string[]): Promise<number | null> {
  const total = await countLotPages(chemins);
  if (total !== null)
    await db
      .update(lots)
      .set({ pages: total })
      .where(and(eq(lots.id, lotId), isNull(lots.pages)));
  return total;
}
