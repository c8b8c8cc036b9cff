import type { DemandeRegistre, RegistreLookup } from '../../classification/match-couverture.ts';
import { plierTexte } from '../../classification/texte-indexe.ts';

// An in-memory registry for the tests, as the pipeline builds one from a prefetch.
export function registreMemoire(demandes: DemandeRegistre[]): RegistreLookup {
  const parNumero = new Map(demandes.map((d) => [d.numeroUnique, d]));
  const cle = (d: DemandeRegistre) => plierTexte(`${d.nom}|${d.prenom ?? ''}`).replace(/[^A-Z|]/g, '');
  return {
    parNumero: (nu) => parNumero.get(nu),
    homonymes: (d) => demandes.filter((x) => cle(x) === cle(d)),
    guichetConnu: (code) => demandes.some((d) => d.numeroUnique.endsWith(code)),
  };
}
