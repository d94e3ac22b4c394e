import { RewardscopeError } from "../errors.js";
import { CallRecorder, type RewardFunctionStats } from "./call-recorder.js";

/** TRL's calling convention: keyword arguments with at least `completions`. */
export interface RewardFunctionArgs {
  prompts?: readonly unknown[];
  completions: readonly unknown[];
  [kwarg: string]: unknown;
}

export type RewardValues = (number | null)[];
export type RewardFunction<A extends RewardFunctionArgs = RewardFunctionArgs> = (
  args: A,
) => RewardValues | Promise<RewardValues>;

export interface WrapOptions {
  /** Name of the reward function in statistics and alerts. Default: the function's own name. */
  name?: string;
  /** On an exception: "rethrow" (default) records it and throws it again; "null" records it and returns nulls. */
  onError?: "rethrow" | "null";
  /** Called after every successful call with its arguments and results (the GRPO monitor collects rewards here). */
  onResult?: (args: RewardFunctionArgs, values: RewardValues) => void;
}

/** A wrapped reward function: callable as before, plus its call statistics. */
export type WrappedRewardFunction<A extends RewardFunctionArgs = RewardFunctionArgs> = ((
  args: A,
) => RewardValues | Promise<RewardValues>) & {
  readonly rewardName: string;
  readonly recorder: CallRecorder;
  stats(): RewardFunctionStats;
};

// core is runtime-neutral: `performance` is in browsers and Node, but not in the ES library types.
const clock = (globalThis as { performance?: { now(): number } }).performance;
const now: () => number = clock ? () => clock.now() : () => Date.now();

function isThenable(value: unknown): value is Promise<RewardValues> {
  return typeof (value as Promise<RewardValues> | null)?.then === "function";
}

function countNulls(values: RewardValues): number {
  if (!Array.isArray(values)) return 0;
  let nulls = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === null || values[i] === undefined) nulls++;
  return nulls;
}

/**
 * Wraps a reward function (sync or async, TRL's convention) to record calls, errors, null results and timing.
 * The result is returned unchanged; the wrapper adds well under a microsecond per call.
 * @example
 * const accuracy = wrapRewardFunction(({ completions, answer }) => completions.map((c, i) => (c === answer[i] ? 1 : 0)), { name: "accuracy" });
 * accuracy({ prompts, completions, answer });
 * accuracy.stats(); // { calls: 1, errors: 0, avgMs: 0.02, ... }
 */
export function wrapRewardFunction<A extends RewardFunctionArgs>(
  fn: RewardFunction<A>,
  options: WrapOptions = {},
): WrappedRewardFunction<A> {
  if (typeof fn !== "function") throw new RewardscopeError("invalid_argument", "must be a function", "fn");
  const name = options.name ?? (fn.name || "reward");
  const onError = options.onError ?? "rethrow";
  if (onError !== "rethrow" && onError !== "null")
    throw new RewardscopeError(
      "invalid_argument",
      `must be "rethrow" or "null", got ${String(onError)}`,
      "onError",
    );
  const recorder = new CallRecorder(name);
  const onResult = options.onResult;

  const failed = (args: A, start: number, error: unknown): RewardValues => {
    const n = Array.isArray(args?.completions) ? args.completions.length : 0;
    recorder.record(now() - start, n, error);
    if (onError === "rethrow") throw error;
    const nulls: RewardValues = new Array(n).fill(null);
    onResult?.(args, nulls);
    return nulls;
  };
  const succeeded = (args: A, start: number, values: RewardValues): RewardValues => {
    recorder.record(now() - start, countNulls(values));
    onResult?.(args, values);
    return values;
  };

  const wrapped = (args: A): RewardValues | Promise<RewardValues> => {
    const start = now();
    let result: RewardValues | Promise<RewardValues>;
    try {
      result = fn(args);
    } catch (error) {
      return failed(args, start, error);
    }
    if (!isThenable(result)) return succeeded(args, start, result);
    return result.then(
      (values) => succeeded(args, start, values),
      (error: unknown) => failed(args, start, error),
    );
  };
  return Object.assign(wrapped, { rewardName: name, recorder, stats: () => recorder.stats() });
}

/**
 * Wraps several reward functions at once, keeping their order and names.
 * @example
 * const [format, accuracy] = wrapRewardFunctions([formatReward, accuracyReward]);
 */
export function wrapRewardFunctions<A extends RewardFunctionArgs>(
  fns: readonly RewardFunction<A>[],
  options: Omit<WrapOptions, "name"> = {},
): WrappedRewardFunction<A>[] {
  return fns.map((fn) => wrapRewardFunction(fn, options));
}
