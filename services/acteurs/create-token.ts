import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../app-error.ts';
import type { Database } from '../../storage/database.ts';
import { acteurs, jetons, roles } from '../../storage/schema/index.ts';

export const createTokenInput = z
  .object({
    role: z.enum(roles, { error: `rôle attendu parmi : ${roles.join(', ')}` }),
    guichet: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{5}$/, 'code guichet : 5 lettres ou chiffres')
      .optional(),
    nom: z.string().trim().min(1).max(200).optional(),
  })
  .refine((input) => input.role !== 'guichet' || input.guichet, {
    message: 'un jeton de guichet porte un code guichet (--guichet CODE)',
    path: ['guichet'],
  });

export type CreateTokenInput = z.input<typeof createTokenInput>;

/** SHA-256 of a token: tokens are 256 random bits, so a fast hash is enough to store them safely. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates an actor with its role and a new bearer token; the token is returned once, never stored. */
export async function createToken({ db, input }: { db: Database; input: CreateTokenInput }) {
  const parsed = createTokenInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError('requete_invalide', parsed.error.issues.map((issue) => issue.message).join(' ; '));
  }
  const { role, guichet, nom } = parsed.data;
  const token = `du_${randomBytes(32).toString('base64url')}`;
  const acteur = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(acteurs)
      .values({ role, guichet: guichet ?? null, nom: nom ?? `${role}${guichet ? ` ${guichet}` : ''}` })
      .returning();
    await tx.insert(jetons).values({ acteurId: created!.id, hash: hashToken(token) });
    return created!;
  });
  return { token, acteur: { id: acteur.id, nom: acteur.nom, role: acteur.role, guichet: acteur.guichet } };
}
