import { lireNumerosCouverture } from '../../classification/lire-numeros-couverture.ts';
import { matchCouverture, type DemandeRegistre } from '../../classification/match-couverture.ts';
import { couverture } from './echantillons.ts';
import { registreMemoire } from './registre-memoire.ts';

// Random registries and OCR-damaged covers for the property "the right demande or none".

export function mulberry32(graine: number): () => number {
  let a = graine >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOMS = ['DUPONT', 'MARTIN', "N'DIAYE", 'LE GALL', 'MÜLLER', 'NGUYEN', 'BENALI', 'DA SILVA', 'SCHMITT', 'LEFÈVRE-ROUX'];
const PRENOMS = ['Marie', 'Kévin', 'Fatou', 'Hélène', 'Jean-Pierre', 'Thi Lan', 'Mohamed', 'Inès', 'Paul', 'Zoé'];
const DEPARTEMENTS = ['057', '067', '02A', '02B', '974', '013', '075', '093'];
const CONFUSIONS: Record<string, string[]> = { '0': ['O', 'o', 'D'], '1': ['l', 'I', '|'], '5': ['S'], '8': ['B'], '2': ['Z'], '6': ['G', 'b'] };

export type Bilan = { essais: number; rattaches: number; erreurs: string[]; motifs: Record<string, number> };

const registre = registreMemoire;

function genererNumero(hasard: () => number): string {
  const choisir = <T>(liste: T[]): T => liste[Math.floor(hasard() * liste.length)] as T;
  const chiffres = (n: number) => Array.from({ length: n }, () => Math.floor(hasard() * 10)).join('');
  const mois = String(1 + Math.floor(hasard() * 12)).padStart(2, '0');
  const guichet = hasard() < 0.8 ? chiffres(5) : Array.from({ length: 5 }, () => choisir([...'ABCDEFGHJKLMNPRSTUVWXYZ'])).join('');
  return `${choisir(DEPARTEMENTS)} ${mois}${chiffres(2)} ${chiffres(6)} ${guichet}`;
}

// n digits of the sequence or date blocks changed to other digits (the number stays valid)
function modifier(nu: string, hasard: () => number, n: number): string {
  const cars = [...nu];
  const positions = [5, 6, 9, 10, 11, 12, 13, 14];
  for (let k = 0; k < n; k++) {
    const p = positions[Math.floor(hasard() * positions.length)] as number;
    cars[p] = String((Number(cars[p]) + 1 + Math.floor(hasard() * 9)) % 10);
  }
  return cars.join('');
}

// OCR-like damage: look-alike letters, stray spaces, at most one real misread digit, a lost character.
function corrompre(nu: string, hasard: () => number): string {
  let lu = hasard() < 0.1 ? modifier(nu, hasard, 1) : nu;
  lu = [...lu].map((c, i) => (i !== 2 && CONFUSIONS[c] && hasard() < 0.15 ? (CONFUSIONS[c]?.[Math.floor(hasard() * 3)] ?? c) : c)).join('');
  if (hasard() < 0.2) lu = lu.replace(/ (\d)/, '  $1').replace(/(\d)(\d)(\d) /, '$1 $2$3 ');
  if (hasard() < 0.08) {
    const p = Math.floor(hasard() * lu.length);
    lu = lu.slice(0, p) + lu.slice(p + 1);
  }
  return lu;
}

function abimerNom(nom: string, hasard: () => number): string {
  if (hasard() < 0.8) return nom;
  const p = Math.floor(hasard() * nom.length);
  return nom.slice(0, p) + 'X' + nom.slice(p + 1);
}

/** Runs `essais` random covers through reading and matching; an error is any attachment to another demande. */
export function essayerCouvertures(graine: number, essais: number): Bilan {
  const hasard = mulberry32(graine);
  const choisir = <T>(liste: T[]): T => liste[Math.floor(hasard() * liste.length)] as T;
  const bilan: Bilan = { essais, rattaches: 0, erreurs: [], motifs: {} };
  for (let essai = 0; essai < essais; essai++) {
    const cible: DemandeRegistre = {
      numeroUnique: genererNumero(hasard),
      etat: hasard() < 0.05 ? 'radiee' : 'active',
      nom: choisir(NOMS),
      prenom: choisir(PRENOMS),
    };
    const demandes: DemandeRegistre[] = Array.from({ length: 30 }, () => ({
      numeroUnique: genererNumero(hasard),
      etat: 'active' as const,
      nom: choisir(NOMS),
      prenom: choisir(PRENOMS),
    }));
    const inscrite = hasard() < 0.9;
    // decoys one or two characters away, often from the same family, sometimes homonyms; not
    // homonyms of an unregistered applicant: nothing on a cover tells those two apart (see below)
    const leurres: string[] = [];
    for (let k = Math.floor(hasard() * 4); k > 0; k--) {
      const nom = hasard() < 0.5 ? cible.nom : choisir(NOMS);
      const homonymePermis = inscrite || nom !== cible.nom;
      const prenom = homonymePermis && hasard() < 0.3 ? cible.prenom : choisir(PRENOMS.filter((p) => homonymePermis || p !== cible.prenom));
      leurres.push(modifier(cible.numeroUnique, hasard, hasard() < 0.7 ? 1 : 2));
      demandes.push({ numeroUnique: leurres[leurres.length - 1] as string, etat: 'active', nom, prenom });
    }
    // the worst misread: OCR lands exactly on a decoy's number
    const imprime = leurres.length > 0 && hasard() < 0.15 ? choisir(leurres) : cible.numeroUnique;
    const lookup = registre(
      inscrite ? [...demandes.filter((d) => d.numeroUnique !== cible.numeroUnique), cible] : demandes.filter((d) => d.numeroUnique !== cible.numeroUnique),
    );
    const destinataire = { civilite: 'Madame', prenom: abimerNom(cible.prenom ?? '', hasard), nom: abimerNom(cible.nom, hasard) };
    const texte = couverture(corrompre(imprime, hasard), destinataire);
    // zero to three reads of the number's zone, each corrupted its own way, some landing on the decoy too: they vote
    const lecturesZone = Array.from({ length: Math.floor(hasard() * 4) }, () =>
      (imprime !== cible.numeroUnique && hasard() < 0.5 ? imprime : corrompre(cible.numeroUnique, hasard)).replace(/\s/g, ''),
    );
    const r = matchCouverture(lireNumerosCouverture({ texte, lecturesZone }), texte, lookup);
    const motif = r.ok ? 'rattachee' : r.motif;
    bilan.motifs[motif] = (bilan.motifs[motif] ?? 0) + 1;
    if (!r.ok) continue;
    if (inscrite && r.numeroUnique === cible.numeroUnique) bilan.rattaches++;
    else bilan.erreurs.push(JSON.stringify({ essai, cible, inscrite, lu: r.numeroUnique, texte: texte.split('\n').slice(10, 20) }));
  }
  return bilan;
}
