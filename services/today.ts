// one formatter, built once: building it is most of the cost of a call, and a queue page asks for hundreds of dates
const parisDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' });

/** Today's date in France as `YYYY-MM-DD`: registry dates are French calendar dates. */
export function today(now = new Date()): string {
  return parisDate.format(now);
}
