import type { SvgPage } from '../../fixtures/svg-page.ts';

const ENTITES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&#39;': "'" };

/**
 * What a perfect OCR would read on a generated page: its text elements grouped into lines (same
 * baseline within 1.5 mm), left to right. Lets the decisions be tested on every layout without
 * reading pixels.
 */
export function texteDePage(page: SvgPage): string {
  const morceaux = [...page.body().matchAll(/<text\b([^>]*)>([\s\S]*?)<\/text>/g)].map((m) => ({
    x: Number(/\bx="([\d.-]+)"/.exec(m[1]!)?.[1] ?? 0),
    y: Number(/\by="([\d.-]+)"/.exec(m[1]!)?.[1] ?? 0),
    // inline runs (a number in bold inside a sentence) are tspans of one text element
    texte: m[2]!.replace(/<[^>]+>/g, '').replace(/&[#\w]+;/g, (e) => ENTITES[e] ?? e),
  }));
  morceaux.sort((a, b) => a.y - b.y || a.x - b.x);
  const lignes: Array<Array<{ x: number; texte: string }>> = [];
  let yLigne = Number.NEGATIVE_INFINITY;
  for (const m of morceaux) {
    if (m.y - yLigne > 1.5) {
      lignes.push([]);
      yLigne = m.y;
    }
    lignes[lignes.length - 1]!.push(m);
  }
  return lignes
    .map((l) =>
      l
        .sort((a, b) => a.x - b.x)
        .map((m) => m.texte)
        .join(' '),
    )
    .join('\n');
}
