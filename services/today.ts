/** Today's date in France as `YYYY-MM-DD`: registry dates are French calendar dates. */
export function today(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}
