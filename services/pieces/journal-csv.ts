import type { EvenementJournalRow } from '../../storage/schema/index.ts';

const columns = ['date', 'evenement', 'piece', 'acteur', 'guichet', 'message'] as const;

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The journal as RFC 4180 CSV, UTF-8 with a BOM so that spreadsheets show accents right. */
export function journalCsv(rows: EvenementJournalRow[]): string {
  const lines = rows.map((row) =>
    [row.creeLe.toISOString(), row.evenement, row.pieceId ?? '', row.acteurNom ?? '', row.guichet ?? '', row.message].map(field).join(','),
  );
  return `\uFEFF${[columns.join(','), ...lines].join('\r\n')}\r\n`;
}
