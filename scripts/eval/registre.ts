/** The registry lookup a lot decision needs, from the fixtures' `registry.json` (as the service builds it from its prefetch). */
import type { DemandeRegistre, RegistreLookup } from '../../classification/match-couverture.ts';
import type { Personnes } from '../../classification/page-text.ts';
import type { RegistryEntry } from '../../fixtures/demandeur.ts';

export type RegistreEval = RegistreLookup & { personnes(numeroUnique: string): Personnes };

export function registreDe(entries: RegistryEntry[]): RegistreEval {
  const parNumero = new Map(entries.map((e) => [e.numeroUnique, e]));
  return {
    parNumero: (nu): DemandeRegistre | undefined => {
      const e = parNumero.get(nu);
      return e && { numeroUnique: e.numeroUnique, etat: e.etat, nom: e.nom, prenom: e.prenom };
    },
    personnes: (nu) => {
      const e = parNumero.get(nu);
      return e ? { demandeur: { nom: e.nom, prenom: e.prenom, dateNaissance: e.dateNaissance } } : {};
    },
  };
}
