import { z } from 'zod';
import { parseNumeroUnique } from '../../classification/numero-unique.ts';
import type { NouvelleDemande } from '../../storage/schema/index.ts';
import { parseCalendarDate } from './calendar-date.ts';

export type DemandeValidation = { ok: true; demande: NouvelleDemande } | { ok: false; numeroUnique?: string; motif: string };

const text = (label: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : value),
    z
      .string({ error: `${label} manquant` })
      .min(1, `${label} manquant`)
      .max(200, `${label} trop long`),
  );

const optionalText = z.preprocess(
  (value) => (value === null || value === undefined || (typeof value === 'string' && value.trim() === '') ? undefined : value),
  z.string().trim().optional(),
);

const row = z.object({
  numeroUnique: text('numéro unique'),
  etat: text('état'),
  nom: text('nom'),
  prenom: text('prénom'),
  dateNaissance: text('date de naissance'),
  email: optionalText,
  guichet: text('guichet'),
  dateDepot: optionalText,
  dateRadiation: optionalText,
});

const etats: Record<string, 'active' | 'radiee'> = { active: 'active', radiee: 'radiee', radiée: 'radiee' };

/**
 * Checks one registry row as the national system sends it; `today` bounds the dates.
 * Pure: the reason is a sentence a guichet can act on.
 */
export function validateDemande(raw: unknown, today: string): DemandeValidation {
  const parsed = row.safeParse(raw);
  if (!parsed.success) return { ok: false, motif: parsed.error.issues.map((issue) => issue.message).join(' ; ') };
  const r = parsed.data;
  const nu = parseNumeroUnique(r.numeroUnique);
  if (!nu.ok) return { ok: false, numeroUnique: r.numeroUnique, motif: `numéro unique « ${r.numeroUnique} » invalide : ${nu.reason}` };
  const fail = (motif: string): DemandeValidation => ({ ok: false, numeroUnique: nu.canonical, motif });

  const etat = etats[r.etat.toLowerCase()];
  if (!etat) return fail(`état « ${r.etat} » inconnu : « active » ou « radiee » attendu`);
  const dateNaissance = parseCalendarDate(r.dateNaissance);
  if (!dateNaissance || dateNaissance > today || dateNaissance < '1900-01-01') {
    return fail(`date de naissance « ${r.dateNaissance} » impossible (AAAA-MM-JJ ou JJ/MM/AAAA)`);
  }
  if (r.email !== undefined && !z.email().safeParse(r.email).success) return fail(`adresse e-mail « ${r.email} » invalide`);
  const guichet = r.guichet.toUpperCase();
  if (!/^[A-Z0-9]{5}$/.test(guichet)) return fail(`code guichet « ${r.guichet} » invalide : 5 lettres ou chiffres attendus`);

  const dateDepot = r.dateDepot === undefined ? null : parseCalendarDate(r.dateDepot);
  if (r.dateDepot !== undefined && (!dateDepot || dateDepot > today)) return fail(`date de dépôt « ${r.dateDepot} » impossible`);
  const dateRadiation = r.dateRadiation === undefined ? null : parseCalendarDate(r.dateRadiation);
  if (r.dateRadiation !== undefined && (!dateRadiation || dateRadiation > today)) {
    return fail(`date de radiation « ${r.dateRadiation} » impossible`);
  }
  // Retention counts from the radiation date, so a radiée demande without one could never be erased.
  if (etat === 'radiee' && !dateRadiation) return fail('une demande radiée porte sa date de radiation');
  if (etat === 'active' && dateRadiation) return fail('une demande active ne porte pas de date de radiation');

  return {
    ok: true,
    demande: {
      numeroUnique: nu.canonical,
      etat,
      nom: r.nom,
      prenom: r.prenom,
      dateNaissance,
      email: r.email ?? null,
      guichet,
      dateDepot,
      dateRadiation,
    },
  };
}
