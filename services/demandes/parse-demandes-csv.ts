import { parse } from 'csv-parse/sync';
import { AppError } from '../app-error.ts';

export const csvColumns = ['numeroUnique', 'etat', 'nom', 'prenom', 'dateNaissance', 'email', 'guichet', 'dateDepot', 'dateRadiation'] as const;

/** Rows of a registry CSV (comma or semicolon, optional BOM) with the line each starts on. */
export function parseDemandesCsv(text: string): { ligne: number; valeurs: Record<string, string> }[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, columns: true, delimiter, skip_empty_lines: true, trim: true, info: true, relax_column_count: true });
  } catch (error) {
    throw new AppError('requete_invalide', `CSV illisible : ${(error as Error).message}`);
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = csvColumns.filter((column) => !['email', 'dateDepot', 'dateRadiation'].includes(column) && !header.includes(column));
  if (records.length > 0 && missing.length > 0) {
    throw new AppError('requete_invalide', `colonnes manquantes dans l'en-tête CSV : ${missing.join(', ')} (attendu : ${csvColumns.join(',')})`);
  }
  return records.map(({ record, info }) => ({ ligne: info.lines, valeurs: record }));
}
