import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { type DemandeRegistre, numerosAConsulter, type RegistreLookup } from '../../classification/match-couverture.ts';
import type { Personnes } from '../../classification/page-text.ts';
import { personnesEcrites } from '../../classification/personnes-ecrites.ts';
import type { Database } from '../../storage/database.ts';
import { demandes, identitePliee, type Demande } from '../../storage/schema/index.ts';

/** The registry as a lot's decisions consult it: numbers, homonyms, the persons named in a dossier, and the applicants the pages name, answered from memory. */
export type RegistreDesPages = Required<RegistreLookup> & {
  personnes(numeroUnique: string): Personnes;
};

/**
 * The registry for numbers read on pages: the guichet codes demandes were created with (a read
 * code outside them was misread), the demandes the reads may name (`numerosAConsulter`) in one
 * query, then every other demande with the same surname and prénom as one of those (accents, case
 * and signs ignored: `identitePliee`) in another, and the demandes whose applicant the pages' texts
 * name (`personnesEcrites`) in a third: the decisions stay pure and synchronous on what was fetched.
 */
export async function loadRegistry(db: Database, lectures: string[], textes: string[] = []): Promise<RegistreDesPages> {
  const guichets = await guichetCodes(db);
  const guichetConnu = (code: string) => guichets.has(code);
  const numbers = numerosAConsulter(lectures, guichetConnu);
  const found = numbers.length
    ? await db
        .select({ demande: demandes, nom: identitePliee(demandes.nom), prenom: identitePliee(demandes.prenom) })
        .from(demandes)
        .where(inArray(demandes.numeroUnique, numbers))
    : [];
  const identites = [...new Map(found.map((f) => [`${f.nom}|${f.prenom}`, f])).values()];
  const namesakes = identites.length
    ? await db
        .select({ demande: demandes, nom: identitePliee(demandes.nom), prenom: identitePliee(demandes.prenom) })
        .from(demandes)
        .where(or(...identites.map((i) => and(eq(identitePliee(demandes.nom), i.nom), eq(identitePliee(demandes.prenom), i.prenom)))))
    : [];
  const ecrites = [...new Map(textes.flatMap(personnesEcrites).map((p) => [`${p.nom}|${p.prenom}`, p])).values()];
  // a prénom written alone is the first of the registry's (« Éloïse » for « Éloïse Marie »)
  const nommes = ecrites.length
    ? await db
        .select()
        .from(demandes)
        .where(or(...ecrites.map((p) => and(eq(identitePliee(demandes.nom), p.nom), sql`${identitePliee(demandes.prenom)} like ${`${p.prenom}%`}`))))
    : [];
  const byNumber = new Map(found.map((f) => [f.demande.numeroUnique, f]));
  const byIdentity = new Map<string, Demande[]>();
  for (const n of namesakes) byIdentity.set(`${n.nom}|${n.prenom}`, [...(byIdentity.get(`${n.nom}|${n.prenom}`) ?? []), n.demande]);
  return {
    parNumero: (nu) => byNumber.get(nu)?.demande,
    homonymes: (demande: DemandeRegistre) => {
      const self = byNumber.get(demande.numeroUnique);
      const others = self ? (byIdentity.get(`${self.nom}|${self.prenom}`) ?? []) : [];
      return others.filter((d) => d.numeroUnique !== demande.numeroUnique);
    },
    guichetConnu,
    nommes,
    personnes: (nu) => {
      const d = byNumber.get(nu)?.demande;
      return d ? { demandeur: { nom: d.nom, prenom: d.prenom, dateNaissance: d.dateNaissance } } : {};
    },
  };
}

// A lot decides after every file it reads: the codes are read from the table once a minute at most,
// or again after an import. Until then a guichet new to the registry is not known: its misread
// codes go to review, never elsewhere.
const guichetsTtlMs = 60_000;
const guichetsEnCache = new WeakMap<Database, { lu: number; codes: Promise<Set<string>> }>();

/** Forgets the codes read: an import may have brought a guichet's first demande. */
export function forgetGuichetCodes(db: Database): void {
  guichetsEnCache.delete(db);
}

/** The guichet codes demandes were created with (their number's last block): a read code outside them was misread. */
function guichetCodes(db: Database): Promise<Set<string>> {
  const cached = guichetsEnCache.get(db);
  if (cached && Date.now() - cached.lu < guichetsTtlMs) return cached.codes;
  const codes = db
    .selectDistinct({ code: sql<string>`right(${demandes.numeroUnique}, 5)` })
    .from(demandes)
    .then((rows) => new Set(rows.map((r) => r.code)));
  // a failed read is not kept: the next decision asks again
  codes.catch(() => guichetsEnCache.delete(db));
  guichetsEnCache.set(db, { lu: Date.now(), codes });
  return codes;
}
