import type {
  CallsEvent,
  MetricsEvent,
  RewardscopeEvent,
  RewardsEvent,
  RunEvent,
  StepBatch,
} from "../events/types.js";
import { type ResolvedSimulation, resolveSimulation, type SimulationOptions } from "./options.js";
import { generateStep, type SimulatedStep } from "./step-generator.js";
import { rampSteps, scenarioTarget } from "./step-plan.js";

/** The RunEvent of a simulation; its config records how the run was made and where the pathology is. */
export function simulationRunEvent(sim: ResolvedSimulation): RunEvent {
  return {
    type: "run",
    name: sim.runName,
    project: "rewardscope-simulated",
    rewardFunctions: [...sim.rewardFunctions],
    worldSize: 1,
    config: {
      simulated: true,
      scenario: sim.scenario,
      seed: sim.seed,
      steps: sim.steps,
      onset: sim.onset,
      rampSteps: rampSteps(sim.steps),
      targetFunction: scenarioTarget(sim.scenario, sim.rewardFunctions),
      promptsPerStep: sim.promptsPerStep,
      groupSize: sim.groupSize,
      completionChars: sim.completionChars,
      maxTokens: sim.maxChars / 4,
      model: "Qwen2.5-1.5B-Instruct (simulated)",
      dataset: "gsm8k-style templates",
    },
  };
}

/** Splits a step's groups between `batchesPerStep` RewardsEvents; group ids restart at 0 in each. */
function rewardsEvents(sim: ResolvedSimulation, s: SimulatedStep): RewardsEvent[] {
  const events: RewardsEvent[] = [];
  for (let b = 0; b < sim.batchesPerStep; b++) {
    const g0 = Math.floor((b * sim.promptsPerStep) / sim.batchesPerStep);
    const g1 = Math.floor(((b + 1) * sim.promptsPerStep) / sim.batchesPerStep);
    const lo = g0 * sim.groupSize;
    const hi = g1 * sim.groupSize;
    const rewards: Record<string, (number | null)[]> = {};
    for (const [fn, values] of Object.entries(s.rewards)) rewards[fn] = values.slice(lo, hi);
    events.push({
      type: "rewards",
      step: s.step,
      batchId: `${sim.runName}:${s.step}:${b}`,
      rewards,
      completions: s.completions.slice(lo, hi),
      prompts: s.prompts.slice(lo, hi),
      groups: s.groups.slice(lo, hi).map((g) => g - g0),
      lengths: s.lengths.slice(lo, hi),
      truncated: s.truncated.slice(lo, hi),
      advantages: s.advantages.slice(lo, hi),
    });
  }
  return events;
}

/**
 * Simulates a GRPO fine-tuning run of a language model on math word problems, lazily: memory stays flat
 * however long the run. Yields a RunEvent, then for each step its RewardsEvent(s), one MetricsEvent and
 * one CallsEvent per reward function. Seeded and deterministic; before `onset`, every scenario's
 * events equal the healthy run's. See SCENARIOS for each pathology's onset and shape.
 * Throws RewardscopeError "invalid_argument" naming a bad option.
 * @example
 * for (const event of simulateRun({ scenario: "flatline", steps: 100 })) {
 *   if (event.type === "rewards") console.log(event.step, event.rewards.accuracy?.[0]);
 * }
 */
export function* simulateRun(options: SimulationOptions = {}): Generator<RewardscopeEvent> {
  const sim = resolveSimulation(options);
  yield simulationRunEvent(sim);
  for (let step = 0; step < sim.steps; step++) {
    const s = generateStep(sim, step);
    yield* rewardsEvents(sim, s);
    const metrics: MetricsEvent = { type: "metrics", step, values: s.metrics };
    yield metrics;
    for (const [fn, c] of Object.entries(s.calls)) {
      const calls: CallsEvent = { type: "calls", step, fn, ...c };
      yield calls;
    }
  }
}

/**
 * The same run as simulateRun, already assembled into one StepBatch per step (what the Monitor
 * analyses), for detector tests and benchmarks that skip ingestion. Group ids are unique within a step.
 * @example
 * for (const batch of simulateSteps({ scenario: "zero_std_groups", steps: 60 })) monitor.analyze(batch);
 */
export function* simulateSteps(options: SimulationOptions = {}): Generator<StepBatch> {
  const sim = resolveSimulation(options);
  for (let step = 0; step < sim.steps; step++) {
    const s = generateStep(sim, step);
    yield {
      step,
      rewards: s.rewards,
      completions: s.completions,
      prompts: s.prompts,
      groups: s.groups,
      lengths: s.lengths,
      truncated: s.truncated,
      advantages: s.advantages,
      metrics: s.metrics,
      calls: s.calls,
    };
  }
}
