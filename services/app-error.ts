import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StorageError } from '../storage/object-store.ts';

/** The closed set of error codes other systems are built against (../API.md), with their HTTP status. */
export const errorStatus = {
  requete_invalide: 400,
  numero_unique_invalide: 400,
  format_non_supporte: 415,
  fichier_illisible: 422,
  fichier_chiffre: 422,
  fichier_vide: 422,
  dimensions_excessives: 422,
  trop_de_pages: 422,
  aucune_page: 422,
  trop_de_pieces_jointes: 422,
  taille_depassee: 413,
  type_inconnu: 422,
  categorie_incoherente: 422,
  limite_categorie_atteinte: 409,
  demande_inconnue: 404,
  demande_radiee: 409,
  introuvable: 404,
  non_authentifie: 401,
  expediteur_non_autorise: 403,
  conflit: 409,
  tache_tenue: 409,
  integrite_compromise: 500,
  service_indisponible: 503,
  erreur_interne: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

/** The one error type of the service: a stable code, a message a caller can act on, optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): ContentfulStatusCode {
    return errorStatus[this.code];
  }
}

/** The service's error for a known refusal (its own, or the object store's), or null for anything else (a fault, an outage). */
export function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof StorageError) return new AppError(error.code, error.message, error.details);
  return null;
}
