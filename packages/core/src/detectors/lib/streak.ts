import { type Severity, severityRank } from "../../alerts/types.js";

/**
 * "N consecutive steps" conditions. A detector keeps a {@link Streak} in its (JSON-plain) state, advances it
 * once per judged step, and raises an alert once when the streak is long enough, again only if the severity
 * rises, and re-arms when the condition clears: a condition that lasts 1,000 steps is one alert, not 1,000.
 */

/**
 * The next length of a run of consecutive steps: +1 when the condition holds, back to 0 when it does not.
 * @example
 * let count = 0;
 * count = updateStreak(count, true); // 1
 * count = updateStreak(count, false); // 0
 */
export function updateStreak(count: number, condition: boolean): number {
  return condition ? count + 1 : 0;
}

/** A run of consecutive steps where a condition held. Plain JSON data. */
export interface Streak {
  /** Consecutive steps the condition has held; 0 when it does not hold now. */
  count: number;
  /** The step the current run began at; null when count is 0. */
  onset: number | null;
  /** Rank (severityRank) of the highest severity already raised for this run; -1 when none. */
  raised: number;
}

/** A streak that has not started. */
export function createStreak(): Streak {
  return { count: 0, onset: null, raised: -1 };
}

/**
 * Advances `streak` by one step (mutates it): extends the run when `condition` holds at `step`, else ends it
 * and re-arms its alert.
 * @example
 * const streak = createStreak();
 * advanceStreak(streak, true, 10);
 * advanceStreak(streak, true, 11); // { count: 2, onset: 10, raised: -1 }
 */
export function advanceStreak(streak: Streak, condition: boolean, step: number): void {
  streak.count = updateStreak(streak.count, condition);
  if (streak.count === 0) {
    streak.onset = null;
    streak.raised = -1;
  } else if (streak.count === 1) {
    streak.onset = step;
  }
}

/**
 * Whether to raise an alert of `severity` for this run now: true the first time, and again only when the
 * severity is above every one raised before for the same run. Records it (mutates `streak`).
 * @example
 * shouldRaise(streak, "high"); // true
 * shouldRaise(streak, "high"); // false
 * shouldRaise(streak, "critical"); // true
 */
export function shouldRaise(streak: Streak, severity: Severity): boolean {
  const rank = severityRank(severity);
  if (rank <= streak.raised) return false;
  streak.raised = rank;
  return true;
}
