import { RewardscopeError } from "../errors.js";
import {
  DEFAULT_REWARD_FUNCTIONS,
  REWARD_FUNCTION_NAMES,
  type RewardFunctionName,
} from "./reward-functions.js";
import { isScenarioName, SCENARIO_NAMES, type ScenarioName } from "./scenarios.js";

/** Options of a simulated run. Every field is optional; defaults are documented per field. */
export interface SimulationOptions {
  /** Training steps. Default 200. */
  steps?: number;
  /** Which run to simulate (see SCENARIOS). Default "healthy". */
  scenario?: ScenarioName;
  /** Seed of every random draw: same options, same events. Default 1. */
  seed?: number;
  /** Prompts (GRPO groups) per step. Default 8. */
  promptsPerStep?: number;
  /** Completions per prompt. Default 8, so 64 completions a step. */
  groupSize?: number;
  /** Step where the pathology begins, in [0, steps). Default floor(steps / 2); stagnation: 0. */
  onset?: number;
  /**
   * Reward functions: names (a subset and order of REWARD_FUNCTION_NAMES) or a count (the first n of
   * them, 1 to 8). Default the first four: format, accuracy, reasoning_steps, length_penalty.
   */
  rewardFunctions?: readonly RewardFunctionName[] | number;
  /** Target mean completion length in characters (tokens ~ chars / 4). Default 800. */
  completionChars?: number;
  /** Name of the run in the RunEvent. Default `sim-<scenario>-<seed>`. */
  runName?: string;
  /** RewardsEvents per step; the step's groups are split between them. Default 1. */
  batchesPerStep?: number;
}

/** Options with every default applied and checked. */
export interface ResolvedSimulation {
  steps: number;
  scenario: ScenarioName;
  seed: number;
  promptsPerStep: number;
  groupSize: number;
  onset: number;
  rewardFunctions: RewardFunctionName[];
  completionChars: number;
  runName: string;
  batchesPerStep: number;
  /** The generation length limit: 4 x completionChars, a multiple of 4. */
  maxChars: number;
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new RewardscopeError(
      "invalid_argument",
      `must be an integer in [${min}, ${max}], got ${String(value)}`,
      field,
    );
  }
  return value;
}

function rewardFunctionList(value: unknown): RewardFunctionName[] {
  if (value === undefined) return [...DEFAULT_REWARD_FUNCTIONS];
  if (typeof value === "number") {
    return REWARD_FUNCTION_NAMES.slice(0, integer(value, "rewardFunctions", 1, REWARD_FUNCTION_NAMES.length));
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw new RewardscopeError(
      "invalid_argument",
      "must be a non-empty array of names or a count",
      "rewardFunctions",
    );
  }
  const known: readonly string[] = REWARD_FUNCTION_NAMES;
  value.forEach((name: unknown, i) => {
    if (typeof name !== "string" || !known.includes(name)) {
      throw new RewardscopeError(
        "invalid_argument",
        `unknown reward function ${JSON.stringify(name)}; expected one of ${known.join(", ")}`,
        `rewardFunctions[${i}]`,
      );
    }
    if (value.indexOf(name) !== i) {
      throw new RewardscopeError(
        "invalid_argument",
        `duplicate reward function "${name}"`,
        `rewardFunctions[${i}]`,
      );
    }
  });
  return [...(value as RewardFunctionName[])];
}

/**
 * Merges the documented defaults into `options` once and checks every field.
 * Throws RewardscopeError "invalid_argument" naming the bad option.
 * @example
 * resolveSimulation({ steps: 100, scenario: "flatline" }).onset; // 50
 */
export function resolveSimulation(options: SimulationOptions = {}): ResolvedSimulation {
  if (typeof options !== "object" || options === null) {
    throw new RewardscopeError("invalid_argument", "must be an options object", "options");
  }
  const steps = integer(options.steps ?? 200, "steps", 1, 10_000_000);
  const scenario = options.scenario ?? "healthy";
  if (!isScenarioName(scenario)) {
    throw new RewardscopeError(
      "invalid_argument",
      `unknown scenario ${JSON.stringify(scenario)}; expected one of ${SCENARIO_NAMES.join(", ")}`,
      "scenario",
    );
  }
  const seed = integer(options.seed ?? 1, "seed", -(2 ** 31), 2 ** 32 - 1);
  const promptsPerStep = integer(options.promptsPerStep ?? 8, "promptsPerStep", 1, 65_536);
  const groupSize = integer(options.groupSize ?? 8, "groupSize", 1, 4096);
  const defaultOnset = scenario === "stagnation" ? 0 : Math.floor(steps / 2);
  const onset = integer(options.onset ?? defaultOnset, "onset", 0, steps - 1);
  const completionChars = integer(options.completionChars ?? 800, "completionChars", 40, 100_000);
  const runName = options.runName ?? `sim-${scenario}-${seed}`;
  if (typeof runName !== "string" || runName.trim() === "") {
    throw new RewardscopeError("invalid_argument", "must be a non-empty string", "runName");
  }
  const batchesPerStep = integer(options.batchesPerStep ?? 1, "batchesPerStep", 1, promptsPerStep);
  return {
    steps,
    scenario,
    seed,
    promptsPerStep,
    groupSize,
    onset,
    rewardFunctions: rewardFunctionList(options.rewardFunctions),
    completionChars,
    runName,
    batchesPerStep,
    maxChars: 16 * Math.ceil(completionChars / 4),
  };
}
