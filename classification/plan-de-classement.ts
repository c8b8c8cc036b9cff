import { z } from 'zod';
import donnees from './plan-de-classement.json' with { type: 'json' };
import { clePhrase } from './texte-indexe.ts';
import complement from './vocabulaire-complementaire.json' with { type: 'json' };

const codeSchema = z.string().regex(/^[A-Z]{2,8}$/, 'code en majuscules attendu');
const maxDocumentsSchema = z.number().int().positive().nullable();

const typeSchema = z.object({
  code: codeSchema,
  label: z.string().min(1),
  sensitive: z.boolean(),
  hasValidityDate: z.boolean(),
  maxDocuments: maxDocumentsSchema,
  keywords: z.array(z.string().min(1)).min(1),
});

const categorieSchema = z.object({
  code: codeSchema,
  label: z.string().min(1),
  // null: the category leaves sensitivity to its types (the plan marks DOC so).
  sensitive: z
    .boolean()
    .nullable()
    .transform((v) => v === true),
  maxDocuments: maxDocumentsSchema,
  types: z.array(typeSchema).min(1),
});

const planSchema = z
  .object({
    version: z.string().min(1),
    pieceConstraints: z.object({
      maxFileSizeBytesPublicPortal: z.number().int().positive(),
      acceptedFormats: z.array(z.string().min(1)).min(1),
    }),
    relevanceIndex: z.object({
      values: z.array(z.object({ code: z.string().regex(/^[A-Z]{2}$/), label: z.string().min(1) })).min(1),
    }),
    categories: z.array(categorieSchema).min(1),
  })
  .superRefine((plan, ctx) => {
    const codes = plan.categories.flatMap((c) => [`catégorie ${c.code}`, ...c.types.map((t) => `type ${t.code}`)]);
    const doublons = codes.filter((code, i) => codes.indexOf(code) !== i);
    if (doublons.length > 0) ctx.addIssue({ code: 'custom', message: `codes en double : ${doublons.join(', ')}` });
  });

/** The plan de classement as the service uses it: provenance notes are dropped at load. */
export type Plan = z.output<typeof planSchema>;
export type CategoriePlan = Plan['categories'][number];
export type TypePlan = CategoriePlan['types'][number];
export type TypeTrouve = { categorie: CategoriePlan; type: TypePlan };

/** Validates a plan de classement; throws an error naming every faulty field. */
export function chargerPlan(json: unknown): Plan {
  const resultat = planSchema.safeParse(json);
  if (resultat.success) return resultat.data;
  const details = resultat.error.issues.map((i) => `${i.path.join('.') || '(racine)'} : ${i.message}`);
  throw new Error(`plan de classement invalide : ${details.join(' ; ')}`);
}

/**
 * The plan committed beside this file, its keywords completed with the domain's phrases of
 * `vocabulaire-complementaire.json` (keyed `CATEGORIE/TYPE`), validated once at import: a broken
 * plan stops start-up.
 */
export const plan: Plan = chargerPlan(avecVocabulaire(donnees, complement as Record<string, unknown>));

function avecVocabulaire(reference: typeof donnees, vocabulaire: Record<string, unknown>) {
  return {
    ...reference,
    categories: reference.categories.map((c) => ({
      ...c,
      types: c.types.map((t) => {
        const ajouts = vocabulaire[`${c.code}/${t.code}`];
        if (!Array.isArray(ajouts)) return t;
        // the reference's own spelling of a phrase wins: its case tells a heading
        const connus = new Set(t.keywords.map(clePhrase));
        const nouveaux = ajouts.filter((k): k is string => typeof k === 'string' && !connus.has(clePhrase(k)));
        return { ...t, keywords: [...t.keywords, ...nouveaux] };
      }),
    })),
  };
}

/** The type `type` of category `categorie`, or undefined when the pair is not in the plan. */
export function findType(categorie: string, type: string, p: Plan = plan): TypeTrouve | undefined {
  const cat = p.categories.find((c) => c.code === categorie);
  const t = cat?.types.find((x) => x.code === type);
  return cat !== undefined && t !== undefined ? { categorie: cat, type: t } : undefined;
}

/** The type with this code, whatever its category (type codes are unique in a plan). */
export function findTypeByCode(type: string, p: Plan = plan): TypeTrouve | undefined {
  for (const categorie of p.categories) {
    const t = categorie.types.find((x) => x.code === type);
    if (t !== undefined) return { categorie, type: t };
  }
  return undefined;
}

/** Whether pieces of this type are sensitive (the type or its whole category is); undefined if unknown. */
export function isSensitive(categorie: string, type: string, p: Plan = plan): boolean | undefined {
  const trouve = findType(categorie, type, p);
  return trouve === undefined ? undefined : trouve.categorie.sensitive || trouve.type.sensitive;
}

export type PlanApi = {
  version: string;
  tailleMaxOctets: number;
  formatsAcceptes: string[];
  indicesPertinence: { code: string; libelle: string }[];
  categories: {
    code: string;
    libelle: string;
    sensible: boolean;
    maxDocuments: number | null;
    types: { code: string; libelle: string; sensible: boolean; dateFinValidite: boolean; maxDocuments: number | null }[];
  }[];
};

/** What `GET /v1/plan` returns: categories and types with labels, sensitivity, limits, validity flag. */
export function planForApi(p: Plan = plan): PlanApi {
  return {
    version: p.version,
    tailleMaxOctets: p.pieceConstraints.maxFileSizeBytesPublicPortal,
    formatsAcceptes: [...p.pieceConstraints.acceptedFormats],
    indicesPertinence: p.relevanceIndex.values.map((v) => ({ code: v.code, libelle: v.label })),
    categories: p.categories.map((c) => ({
      code: c.code,
      libelle: c.label,
      sensible: c.sensitive,
      maxDocuments: c.maxDocuments,
      types: c.types.map((t) => ({
        code: t.code,
        libelle: t.label,
        sensible: c.sensitive || t.sensitive,
        dateFinValidite: t.hasValidityDate,
        maxDocuments: t.maxDocuments,
      })),
    })),
  };
}
