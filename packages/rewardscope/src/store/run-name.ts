import { RewardscopeError } from "@rewardscope/core";

/** The longest run name, in characters: names become file names and URL parts. */
export const MAX_RUN_NAME_LENGTH = 200;

// Names become file and URL path parts later, so nothing that could climb out of a folder or hide in a log.
const FORBIDDEN = /[\p{Cc}/\\]|\.\./u;

/**
 * Checks a run name: 1 to 200 characters, no control characters, no "/" or "\\" and no "..".
 * Throws RewardscopeError "invalid_argument" naming the field otherwise.
 * @example
 * checkRunName("qwen-gsm8k-1"); // "qwen-gsm8k-1"
 * checkRunName("../etc"); // throws invalid_argument
 */
export function checkRunName(name: unknown, field = "run"): string {
  if (typeof name !== "string") throw new RewardscopeError("invalid_argument", "must be a string", field);
  const length = [...name].length;
  if (length < 1 || length > MAX_RUN_NAME_LENGTH)
    throw new RewardscopeError(
      "invalid_argument",
      `must be 1 to ${MAX_RUN_NAME_LENGTH} characters, got ${length}`,
      field,
    );
  const bad = FORBIDDEN.exec(name);
  if (bad)
    throw new RewardscopeError(
      "invalid_argument",
      `must not contain ${JSON.stringify(bad[0])} (control characters, "/", "\\" and ".." are not allowed)`,
      field,
    );
  return name;
}
