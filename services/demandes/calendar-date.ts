/**
 * A calendar date as `YYYY-MM-DD`, from `YYYY-MM-DD` or the French `DD/MM/YYYY` that spreadsheets
 * export; null when the date does not exist (31/02, month 13).
 */
export function parseCalendarDate(input: string): string | null {
  const text = input.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1]!, iso[2]!, iso[3]!] : french ? [french[3]!, french[2]!, french[1]!] : [];
  if (!year || !month || !day) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const same = date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
  return same ? `${year}-${month}-${day}` : null;
}
