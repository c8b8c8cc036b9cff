/** Review motifs whose task starts with its envelope's cover page (see decideLot). */
const motifsWithCover = new Set(['couverture_non_rattachee', 'pli_a_verifier']);

/**
 * The pages of a resolved task that are its envelope's cover (pure): those the operator names, else,
 * for a task that holds an envelope, its leading pages left out of every document: the cover and
 * the attestation's own pages after it, as the automatic path keeps them. Other pages left out stay
 * with the task.
 */
export function coverOfResolution(task: { motif: string; pages: number[] }, documents: { pages: number[] }[], couverture?: number[]): number[] {
  if (couverture) return [...couverture].sort((a, b) => a - b);
  if (!motifsWithCover.has(task.motif)) return [];
  const inDocuments = new Set(documents.flatMap((d) => d.pages));
  const ordered = [...task.pages].sort((a, b) => a - b);
  const firstFiled = ordered.findIndex((p) => inDocuments.has(p));
  return (firstFiled === -1 ? ordered : ordered.slice(0, firstFiled)).filter((p) => !inDocuments.has(p));
}
