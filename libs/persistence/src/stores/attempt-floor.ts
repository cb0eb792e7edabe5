/**
 * How far before its delivery's `created_at` an attempt may be stamped and still be found. The
 * delivery row's `created_at` is the matcher's clock (or, when the attempt log or the dead
 * letters create the row first, the latest attempt of that batch or the dead letter's time),
 * while `attempted_at` is the dispatcher's clock: one hour covers skew between hosts and a
 * batch's spread, and costs at most one extra daily partition probed.
 */
export const ATTEMPT_CLOCK_SKEW_MS = 60 * 60 * 1000;

/**
 * The lowest `attempted_at` a delivery created at `createdAt` can have, as a constant (not
 * `$n - interval`, which is only stable) so the planner prunes the older partitions.
 */
export function attemptsFloor(createdAt: Date): Date {
  return new Date(createdAt.getTime() - ATTEMPT_CLOCK_SKEW_MS);
}
