import type { BuiltCompletion } from "./completion-builder.js";

/** What a simulated reward function knows besides the completion. */
export interface ScoreContext {
  /** The problem's correct answer. */
  truth: number;
  /** The target completion length in tokens (completionChars / 4). */
  idealTokens: number;
}

/** A simulated reward function, TRL/unsloth style, scored from the facts of a built completion. */
export interface SimulatedRewardFunction {
  name: RewardFunctionName;
  description: string;
  /** Bounds of its values (null: unbounded on that side). */
  min: number | null;
  max: number | null;
  /** The level a collapsed (constant) version of it settles at. */
  typical: number;
  /** Mean latency of one call in milliseconds, for CallsEvents. */
  meanMs: number;
  score(c: BuiltCompletion, ctx: ScoreContext): number;
}

/** Names of every simulated reward function; the first four are the defaults. */
export const REWARD_FUNCTION_NAMES = [
  "format",
  "accuracy",
  "reasoning_steps",
  "length_penalty",
  "xmlcount",
  "conciseness",
  "verification",
  "partial_credit",
] as const;
/** The name of a simulated reward function. */
export type RewardFunctionName = (typeof REWARD_FUNCTION_NAMES)[number];

/** The reward functions a simulation uses unless told otherwise. */
export const DEFAULT_REWARD_FUNCTIONS: readonly RewardFunctionName[] = REWARD_FUNCTION_NAMES.slice(0, 4);

/** Rounds to 3 decimals and turns -0 into 0 (so JSON and Object.is agree). */
function round3(x: number): number {
  return Math.round(x * 1000) / 1000 + 0;
}

/** Rounds to 4 decimals, turning -0 into 0. */
function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000 + 0;
}

const FUNCTIONS: Record<RewardFunctionName, SimulatedRewardFunction> = {
  format: {
    name: "format",
    description: "1.0 strict <think>/<answer> format, 0.5 soft (tags present, layout off), else 0.",
    min: 0,
    max: 1,
    typical: 0.9,
    meanMs: 0.02,
    score: (c) => c.format,
  },
  accuracy: {
    name: "accuracy",
    description: "2.0 when the text in the answer tags equals the correct answer, else 0.",
    min: 0,
    max: 2,
    typical: 1.3,
    meanMs: 0.6,
    score: (c, ctx) => (c.answerValue === ctx.truth ? 2 : 0),
  },
  reasoning_steps: {
    name: "reasoning_steps",
    description: "0..1: 0.5 x min(1, indicators / 10) + 0.5 x min(1, reasoning chars / (16 x ideal tokens)).",
    min: 0,
    max: 1,
    typical: 0.6,
    meanMs: 0.05,
    score: (c, ctx) =>
      round3(0.5 * Math.min(1, c.indicators / 10) + 0.5 * Math.min(1, c.thinkChars / (16 * ctx.idealTokens))),
  },
  length_penalty: {
    name: "length_penalty",
    description: "-0.0005 per token beyond a budget of 1.25 x the ideal length; 0 within it.",
    min: null,
    max: 0,
    typical: -0.03,
    meanMs: 0.005,
    score: (c, ctx) => round4(-0.0005 * Math.max(0, c.tokens - Math.round(1.25 * ctx.idealTokens))),
  },
  xmlcount: {
    name: "xmlcount",
    description: 'TRL count_xml: 0.125 for each well-placed tag line ("<think>\\n", "\\n</answer>"...).',
    min: 0,
    max: 0.5,
    typical: 0.45,
    meanMs: 0.01,
    score: (c) => c.xml,
  },
  conciseness: {
    name: "conciseness",
    description: "0..1: 1 - |tokens - ideal| / ideal, floored at 0.",
    min: 0,
    max: 1,
    typical: 0.75,
    meanMs: 0.005,
    score: (c, ctx) => round3(Math.max(0, 1 - Math.abs(c.tokens - ctx.idealTokens) / ctx.idealTokens)),
  },
  verification: {
    name: "verification",
    description: '0..1: 0.25 per verification phrase ("check", "verify", "double-check"), capped at 1.',
    min: 0,
    max: 1,
    typical: 0.4,
    meanMs: 0.03,
    score: (c) => Math.min(1, 0.25 * c.verifications),
  },
  partial_credit: {
    name: "partial_credit",
    description: "0..1: 1 - relative error of an integer answer, floored at 0; 0 without one.",
    min: 0,
    max: 1,
    typical: 0.75,
    meanMs: 0.4,
    score: (c, ctx) =>
      c.answerValue === null
        ? 0
        : round3(Math.max(0, 1 - Math.abs(c.answerValue - ctx.truth) / Math.max(1, Math.abs(ctx.truth)))),
  },
};

/**
 * The simulated reward function of a name.
 * @example
 * rewardFunction("accuracy").score(completion, { truth: 72, idealTokens: 200 }); // 2 or 0
 */
export function rewardFunction(name: RewardFunctionName): SimulatedRewardFunction {
  return FUNCTIONS[name];
}
