// The portal's French renderings of dates, sizes and counts.

const instant = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** A timestamp as the desk reads it: Paris time, day and minute. */
export function instantText(iso: string): string {
  return instant.format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as DD/MM/YYYY, or a dash when there is none. */
export function dateText(iso: string | null): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function tailleText(octets: number): string {
  if (octets < 1024) return `${octets} o`;
  if (octets < 1024 * 1024) return `${Math.round(octets / 1024)} Ko`;
  return `${(octets / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

export function pagesText(pages: number): string {
  return pages > 1 ? `${pages} pages` : `${pages} page`;
}

/** An error message (written to follow a colon) as a sentence of its own. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
