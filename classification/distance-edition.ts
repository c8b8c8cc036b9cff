/** Levenshtein distance (insertions, deletions, substitutions) between two strings. */
export function distanceEdition(a: string, b: string): number {
  let precedente = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const courante = [i];
    for (let j = 1; j <= b.length; j++) {
      const cout = a[i - 1] === b[j - 1] ? 0 : 1;
      courante.push(Math.min((precedente[j] ?? 0) + 1, (courante[j - 1] ?? 0) + 1, (precedente[j - 1] ?? 0) + cout));
    }
    precedente = courante;
  }
  return precedente[b.length] ?? 0;
}
