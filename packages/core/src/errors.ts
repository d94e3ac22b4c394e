/** Error codes of rewardscope. Each process turns them into a message and an exit code or HTTP status. */
export type ErrorCode =
  | "invalid_event"
  | "invalid_config"
  | "invalid_argument"
  | "invalid_state"
  | "reward_fn_failed"
  | "not_found"
  | "unauthorized";

/**
 * The one error type that deep code throws. `field` is the path of the bad value
 * (e.g. "rewards.accuracy[3]") when there is one.
 * @example
 * throw new RewardscopeError("invalid_event", "must be a finite number, got NaN", "rewards.accuracy[3]");
 */
export class RewardscopeError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(field ? `${field}: ${message}` : message);
    this.name = "RewardscopeError";
    this.code = code;
    this.field = field;
  }
}
