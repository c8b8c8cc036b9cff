import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { type DemandeRegistre, numerosAConsulter, type RegistreLookup } from '../../classification/match-couverture.ts';
import type { Personnes } from '../../classification/page-text.ts';
import type { Database } from '../../storage/database.ts';
import { demandes, identitePliee, type Demande } from '../../storage/schema/index.ts';

/** The registry as a lot's decisions consult it: numbers, homonyms and the persons named in a dossier, answered from memory. */
export type RegistreDesPages = Required<RegistreLookup> & { personnes(numeroUnique: string): Personnes };

/**
 * The registry for numbers read on pages: the guichet codes demandes were created with (a read
 * code outside them was misread), the demandes the reads may name (`numerosAConsulter`) in one
 * query, then every other demande with the same surname and prénom as one of those (accents, case
 * and signs ignored: `identitePliee`) in another: the decisions stay pure and synchronous on what
 * was fetched.
 */
export async function loadRegistry(db: Database, lectures: string[]): Promise<RegistreDesPages> {
  const guichets = new Set((await db.selectDistinct({ code: sql<string>`right(${demandes.numeroUnique}, 5)` }).from(demandes)).map((g) => g.code));
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
    personnes: (nu) => {
      const d = byNumber.get(nu)?.demande;
      return d ? { demandeur: { nom: d.nom, prenom: d.prenom, dateNaissance: d.dateNaissance } } : {};
    },
  };
}
