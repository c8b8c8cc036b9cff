import { randomBytes, timingSafeEqual } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../storage/database.ts';
import { acteurs, guichetsMessagerie, type Acteur, type GuichetMessagerie } from '../../storage/schema/index.ts';
import { hashToken } from '../acteurs/create-token.ts';
import { AppError } from '../app-error.ts';

const codeGuichet = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{5}$/, 'code guichet : 5 lettres ou chiffres');

export const ajoutGuichetInput = z.object({
  code: codeGuichet,
  adresses: z
    .array(z.email({ error: (issue) => `adresse e-mail invalide : ${String(issue.input)}` }).transform((a) => a.toLowerCase()))
    .min(1, 'au moins une adresse e-mail du guichet'),
});

export type AjoutGuichetInput = z.input<typeof ajoutGuichetInput>;

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('requete_invalide', parsed.error.issues.map((issue) => issue.message).join(' ; '));
  return parsed.data;
}

/**
 * Allows a guichet to send mail: its addresses and a new SMTP password, returned once and stored
 * as SHA-256 (256 random bits, as tokens). Adding a code already known replaces its addresses and
 * its password (a lost password is replaced this way). Its mail is filed in the name of an acteur
 * of role guichet, created with it.
 */
export async function addGuichetMessagerie(db: Database, input: AjoutGuichetInput) {
  const { code, adresses } = parse(ajoutGuichetInput, input);
  const motDePasse = randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    const [known] = await tx.select().from(guichetsMessagerie).where(eq(guichetsMessagerie.code, code));
    if (known) {
      await tx
        .update(guichetsMessagerie)
        .set({ adresses, motDePasse: hashToken(motDePasse) })
        .where(eq(guichetsMessagerie.code, code));
      return;
    }
    const [acteur] = await tx
      .insert(acteurs)
      .values({ role: 'guichet', guichet: code, nom: `Messagerie du guichet ${code}` })
      .returning();
    await tx.insert(guichetsMessagerie).values({ code, acteurId: acteur!.id, adresses, motDePasse: hashToken(motDePasse) });
  });
  return { code, adresses, motDePasse };
}

export async function listGuichetsMessagerie(db: Database) {
  const rows = await db.select().from(guichetsMessagerie).orderBy(asc(guichetsMessagerie.code));
  return rows.map(({ code, adresses, creeLe }) => ({ code, adresses, creeLe }));
}

/** Withdraws a guichet's right to send mail; the pieces it sent stay filed under its acteur. */
export async function removeGuichetMessagerie(db: Database, input: { code: string }) {
  const code = parse(codeGuichet, input.code);
  const [removed] = await db.delete(guichetsMessagerie).where(eq(guichetsMessagerie.code, code)).returning();
  if (!removed) throw new AppError('introuvable', `aucun guichet ${code} n'envoie de courriel`);
  return { code, retire: true };
}

export type ExpediteurMessagerie = { guichet: GuichetMessagerie; acteur: Acteur };

/** The guichet a user name and password belong to, or null (unknown code, wrong password). */
export async function authenticateGuichet(db: Database, utilisateur: string, motDePasse: string): Promise<ExpediteurMessagerie | null> {
  const code = codeGuichet.safeParse(utilisateur);
  if (!code.success) return null;
  const found = await findGuichetMessagerie(db, code.data);
  if (!found) return null;
  const expected = Buffer.from(found.guichet.motDePasse, 'hex');
  const given = Buffer.from(hashToken(motDePasse), 'hex');
  return timingSafeEqual(expected, given) ? found : null;
}

export async function findGuichetMessagerie(db: Database, code: string): Promise<ExpediteurMessagerie | null> {
  const [row] = await db
    .select({ guichet: guichetsMessagerie, acteur: acteurs })
    .from(guichetsMessagerie)
    .innerJoin(acteurs, eq(guichetsMessagerie.acteurId, acteurs.id))
    .where(eq(guichetsMessagerie.code, code));
  return row ?? null;
}

/** Whether an address is one the guichet sends from (case-insensitive, as mail addresses are in practice). */
export function estAdresseDuGuichet(guichet: Pick<GuichetMessagerie, 'adresses'>, adresse: string | undefined): boolean {
  return adresse !== undefined && guichet.adresses.includes(adresse.trim().toLowerCase());
}
