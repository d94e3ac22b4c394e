import type { CallStats } from "../events/types.js";
import {
  type BuiltCompletion,
  buildCollapsed,
  buildJunk,
  buildReasoned,
  buildRepetitive,
  type FormatKind,
} from "./completion-builder.js";
import type { ResolvedSimulation } from "./options.js";
import { makeProblem, type Problem } from "./problems.js";
import { mixSeed, Random } from "./random.js";
import { rewardFunction } from "./reward-functions.js";
import { planStep, type StepPlan } from "./step-plan.js";
import { trainingMetrics } from "./training-metrics.js";

/** One simulated step: aligned arrays over its completions, plus metrics and call statistics. */
export interface SimulatedStep {
  step: number;
  rewards: Record<string, (number | null)[]>;
  completions: string[];
  prompts: string[];
  /** Group (prompt) of each completion, 0..promptsPerStep-1, contiguous. */
  groups: number[];
  lengths: number[];
  truncated: boolean[];
  advantages: number[];
  metrics: Record<string, number>;
  calls: Record<string, CallStats>;
}

/** Spread of per-prompt difficulty on the logit scale: some prompts always solved, some never. */
const DIFFICULTY_SD = 1.4;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** A plausible wrong answer: off by a little, never equal to the truth. */
function wrongAnswer(rng: Random, truth: number): number {
  const delta = rng.int(1, Math.max(2, Math.round(Math.abs(truth) * 0.4)));
  return rng.chance(0.5) || truth - delta < 0 ? truth + delta : truth - delta;
}

function pickFormat(rng: Random, plan: StepPlan): FormatKind {
  const u = rng.next();
  return u < plan.strictRate ? "strict" : u < plan.strictRate + plan.softRate ? "soft" : "none";
}

/** One completion of a group; every scenario draw is skipped when its rate is 0, so healthy steps match. */
function makeCompletion(
  rng: Random,
  sim: ResolvedSimulation,
  plan: StepPlan,
  problem: Problem,
  logit: number,
) {
  const { completionChars, maxChars } = sim;
  if (plan.junkRate > 0 && rng.chance(plan.junkRate)) return buildJunk(rng);
  if (plan.repetitionRate > 0 && rng.chance(plan.repetitionRate)) {
    const value = rng.chance(0.3 * sigmoid(logit)) ? problem.answer : wrongAnswer(rng, problem.answer);
    return buildRepetitive(rng, problem, value, maxChars);
  }
  if (plan.collapseRate > 0 && rng.chance(plan.collapseRate)) return buildCollapsed(rng);
  if (plan.truncationRate > 0 && rng.chance(plan.truncationRate)) {
    return buildReasoned(
      rng,
      problem,
      problem.answer,
      "strict",
      maxChars * (1.1 + 0.3 * rng.next()),
      maxChars,
    );
  }
  const ratio = rng.factor(0.3);
  const correct = rng.next() < sigmoid(logit + plan.lengthSkill * Math.log(ratio));
  const value = correct ? problem.answer : wrongAnswer(rng, problem.answer);
  const format = pickFormat(rng, plan);
  // A rare rambling completion runs into the length limit even in a healthy run.
  const target = rng.chance(0.003) ? maxChars * 1.3 : completionChars * plan.lengthFactor * ratio;
  return buildReasoned(rng, problem, value, format, target, maxChars);
}

/** GRPO advantages: (r - group mean) / (group std + 1e-4), std with n - 1, rounded to 4 decimals. */
function groupAdvantages(totals: readonly number[], start: number, size: number, out: number[]): void {
  let mean = 0;
  for (let i = start; i < start + size; i++) mean += totals[i] as number;
  mean /= size;
  let ss = 0;
  for (let i = start; i < start + size; i++) ss += ((totals[i] as number) - mean) ** 2;
  const std = size > 1 ? Math.sqrt(ss / (size - 1)) : 0;
  for (let i = start; i < start + size; i++) {
    out.push(Math.round((((totals[i] as number) - mean) / (std + 1e-4)) * 1e4) / 1e4 + 0);
  }
}

/**
 * Generates one step of a simulated run. A pure function of (options, step): steps can be made in any order.
 * @example
 * const s = generateStep(resolveSimulation({ scenario: "repetition" }), 150);
 * s.completions.length; // 64
 */
export function generateStep(sim: ResolvedSimulation, step: number): SimulatedStep {
  const rng = new Random(mixSeed(sim.seed, step, 0));
  const plan = planStep(sim, step);
  const skill = plan.skillLogit + 0.1 * rng.normal();
  const built: BuiltCompletion[] = [];
  const truths: number[] = [];
  const prompts: string[] = [];
  const groups: number[] = [];
  for (let g = 0; g < sim.promptsPerStep; g++) {
    const problem = makeProblem(rng);
    const logit = skill + DIFFICULTY_SD * rng.normal();
    const duplicate = plan.duplicateGroupRate > 0 && rng.chance(plan.duplicateGroupRate);
    for (let k = 0; k < sim.groupSize; k++) {
      const c =
        duplicate && k > 0
          ? (built[built.length - 1] as BuiltCompletion)
          : makeCompletion(rng, sim, plan, problem, logit);
      built.push(c);
      truths.push(problem.answer);
      prompts.push(problem.prompt);
      groups.push(g);
    }
  }
  return finishStep(sim, step, plan, built, truths, prompts, groups);
}

/** Scores the completions, applies the scenario's reward override, and adds advantages, calls and metrics. */
function finishStep(
  sim: ResolvedSimulation,
  step: number,
  plan: StepPlan,
  built: BuiltCompletion[],
  truths: number[],
  prompts: string[],
  groups: number[],
): SimulatedStep {
  const side = new Random(mixSeed(sim.seed, step, 2));
  const n = built.length;
  const idealTokens = sim.completionChars / 4;
  const totals = new Array<number>(n).fill(0);
  const rewards: Record<string, (number | null)[]> = {};
  const calls: Record<string, CallStats> = {};
  for (const name of sim.rewardFunctions) {
    const fn = rewardFunction(name);
    const override = plan.override?.fn === name ? plan.override : null;
    const values: (number | null)[] = new Array(n);
    let errors = 0;
    for (let i = 0; i < n; i++) {
      let v: number | null = fn.score(built[i] as BuiltCompletion, {
        truth: truths[i] as number,
        idealTokens,
      });
      if (override?.kind === "zero") v = 0;
      else if (override?.kind === "scale") v *= override.amount;
      else if (override?.kind === "saturate" && side.chance(override.amount)) v = fn.max ?? v;
      else if (override?.kind === "constant") {
        const noise = (0.002 * Math.abs(fn.typical) + 0.0005) * side.normal();
        v =
          Math.round(
            (fn.typical + (v - fn.typical) * (1 - override.amount) + noise * override.amount) * 1e4,
          ) / 1e4;
      } else if (override?.kind === "error" && side.chance(override.amount)) {
        v = null;
        errors++;
      }
      values[i] = v;
      totals[i] = (totals[i] as number) + (v ?? 0);
    }
    rewards[name] = values;
    const totalMs = n * fn.meanMs * side.factor(0.15);
    calls[name] = {
      calls: n,
      errors,
      totalMs: Math.round(totalMs * 1000) / 1000,
      maxMs: n === 0 ? 0 : Math.round(fn.meanMs * (3 + 5 * side.next()) * 1000) / 1000,
      nulls: errors,
    };
  }
  const advantages: number[] = [];
  for (let start = 0; start < n; start += sim.groupSize)
    groupAdvantages(totals, start, sim.groupSize, advantages);
  const lengths = built.map((c) => c.tokens);
  const meanTokens = n === 0 ? 0 : lengths.reduce((a, b) => a + b, 0) / n;
  return {
    step,
    rewards,
    completions: built.map((c) => c.text),
    prompts,
    groups,
    lengths,
    truncated: built.map((c) => c.truncated),
    advantages,
    metrics: trainingMetrics(sim, step, new Random(mixSeed(sim.seed, step, 1)), meanTokens),
    calls,
  };
}
