import { today } from '../today.ts';

/** Pieces must be in the dossier within this many days of their reception. */
export const deadlineDays = 15;
/** A task whose deadline is this close (in days) is shown as urgent. */
export const nearDays = 3;

export type Urgence = 'depassee' | 'proche' | 'normale';

/** The date (Paris calendar) by which pieces received at `recuLe` must be filed. */
export function deadlineOf(recuLe: Date): string {
  return today(new Date(recuLe.getTime() + deadlineDays * 86_400_000));
}

/** How close a deadline is on `day` (both `YYYY-MM-DD`). */
export function urgencyOf(echeance: string, day: string): Urgence {
  if (echeance < day) return 'depassee';
  const daysLeft = (Date.parse(echeance) - Date.parse(day)) / 86_400_000;
  return daysLeft <= nearDays ? 'proche' : 'normale';
}

/** The instant today began in France: "closed today" means a French working day. */
export function startOfParisDay(now: Date): Date {
  const day = today(now);
  // the offset of Paris from UTC at noon that day (1 or 2 hours)
  const noon = new Date(`${day}T12:00:00Z`);
  const parisHour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hour12: false, timeZone: 'Europe/Paris' }).format(noon));
  return new Date(Date.parse(`${day}T00:00:00Z`) - (parisHour - 12) * 3_600_000);
}
