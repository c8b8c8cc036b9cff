/** How long opening a task holds it for its operator; renewed while the task stays open on their screen. */
export const holdSeconds = 5 * 60;

export type HoldState = { tenuePar: string | null; tenueJusqua: Date | null; priseLe: Date | null };

export type HoldDecision = { ok: true; tenueJusqua: Date; priseLe: Date } | { ok: false; tenuePar: string; tenueJusqua: Date };

/**
 * Whether `acteurId` may hold a task now (pure): it is free, theirs, or another's hold has lapsed.
 * The time taken on a task counts from when its holder first opened it, so a renewal keeps `priseLe`.
 */
export function decideHold(task: HoldState, acteurId: string, now: Date): HoldDecision {
  const heldByOther = task.tenuePar !== null && task.tenuePar !== acteurId && task.tenueJusqua !== null && task.tenueJusqua > now;
  if (heldByOther) return { ok: false, tenuePar: task.tenuePar!, tenueJusqua: task.tenueJusqua! };
  const renewal = task.tenuePar === acteurId && task.priseLe !== null;
  return { ok: true, tenueJusqua: new Date(now.getTime() + holdSeconds * 1000), priseLe: renewal ? task.priseLe! : now };
}
