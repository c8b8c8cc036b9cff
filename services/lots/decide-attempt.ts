/** What becomes of a lot whose attempt failed. */
export type IssueTentative =
  /** the database or S3 was out of reach: not the lot's fault, the attempt is not counted */
  | 'panne'
  /** counted; the lot is taken again once the retry delay has passed */
  | 'nouvel_essai'
  /** counted, and the last one allowed: the lot is set aside for an operator */
  | 'echec';

/**
 * Decides a failed attempt's outcome (pure). `tentatives` counts the attempt that just failed: the
 * lot is set aside once it has used all `maxTentatives`, unless its backends were out of reach.
 */
export function decideAttempt(o: { tentatives: number; maxTentatives: number; backendsJoignables: boolean }): IssueTentative {
  if (!o.backendsJoignables) return 'panne';
  return o.tentatives >= o.maxTentatives ? 'echec' : 'nouvel_essai';
}

/** Whether a lot may be taken once more, or must be set aside instead (pure). */
export function mayTakeAgain(o: { tentatives: number; maxTentatives: number }): boolean {
  return o.tentatives < o.maxTentatives;
}
