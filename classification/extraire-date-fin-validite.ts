import { datesMrz } from './dates-mrz.ts';
import { dateApresLibelle, dateIso } from './lire-dates.ts';
import { findTypeByCode, plan as planParDefaut, type Plan } from './plan-de-classement.ts';

/** The proposed date de fin de validité of a piece, where it was read, and whether it has passed. */
export type FinValidite = {
  dateFinValidite: string;
  expire: boolean;
  source: 'libelle' | 'mrz' | 'annee_universitaire';
  extrait: string;
};

// Labels after which the end of validity is written (accents already removed, lower case).
const LIBELLE_FIN = new RegExp(
  [
    "date\\s*d['’ ]?\\s*expir\\w*\\.?",
    'expiry\\s*date',
    'date\\s*of\\s*expiry',
    "valable\\s*jusqu['’ ]?\\s*au",
    "valide\\s*jusqu['’ ]?\\s*au",
    'date\\s*de\\s*fin\\s*de\\s*validite',
    'fin\\s*de\\s*validite',
    'expire\\s*le',
    "date\\s*de\\s*fin\\s*d['’ ]?\\s*agrement",
    // "Valable du 15/09/2022 au 14/09/2026": the date after "au"
    'valable\\s*du\\s*\\S+\\s*\\S*\\s*\\S*\\s*au',
  ].join('|'),
);

/**
 * Reads the end of validity of an identity document, titre de séjour, carte d'étudiant or other
 * type with a validity date in the plan, from its labels, else its machine-readable zone, else
 * (student cards) its academic year. `today` is `YYYY-MM-DD`; `expire` is true once the date has passed.
 */
export function extraireDateFinValidite(texte: string, today: string, options: { type?: string; plan?: Plan } = {}): FinValidite | undefined {
  if (options.type !== undefined && findTypeByCode(options.type, options.plan ?? planParDefaut)?.type.hasValidityDate !== true) {
    return undefined;
  }
  const lue = parLibelle(texte) ?? parMrz(texte) ?? parAnneeUniversitaire(texte);
  return lue === undefined ? undefined : { ...lue, expire: lue.dateFinValidite < today };
}

type Lue = Omit<FinValidite, 'expire'>;

function parLibelle(texte: string): Lue | undefined {
  const trouvee = dateApresLibelle(texte, LIBELLE_FIN);
  return trouvee === undefined ? undefined : { dateFinValidite: trouvee.iso, source: 'libelle', extrait: trouvee.extrait };
}

function parMrz(texte: string): Lue | undefined {
  const mrz = datesMrz(texte);
  if (mrz === undefined || !mrz.expiration.controlee) return undefined;
  const date = mrz.expiration.date;
  const iso = dateIso(2000 + Number(date.slice(0, 2)), Number(date.slice(2, 4)), Number(date.slice(4, 6)));
  return iso === undefined ? undefined : { dateFinValidite: iso, source: 'mrz', extrait: mrz.ligne };
}

// A student card is valid to the end of its academic year (31 August).
function parAnneeUniversitaire(texte: string): Lue | undefined {
  const m = /ann[ée]e\s+universitaire\s*:?\s*(\d{4})\s*[-/]\s*(\d{4})/i.exec(texte);
  if (m === null || Number(m[2]) !== Number(m[1]) + 1) return undefined;
  return { dateFinValidite: `${m[2]}-08-31`, source: 'annee_universitaire', extrait: m[0] };
}
