import type { Rng } from "./rng.js";

/** The kinds of reward function real GRPO runs use. */
export type RewardKind = "binary" | "format03" | "continuous" | "penalty";

/** One reward function of a generated run. */
export interface RewardSpec {
  name: string;
  kind: RewardKind;
  /** Multiplies the values (a continuous reward may be on a 0-1 or a 0-10 scale). */
  scale: number;
}

/** How the reward evolves in a healthy run. */
export type CurveShape = "rising" | "plateau" | "noisy";

/** Learning-rate schedule after the warm-up. */
export type LrSchedule = "constant" | "cosine" | "linear";

/** Everything that fixes a healthy run before any per-step draw. */
export interface RunProfile {
  steps: number;
  promptsPerStep: number;
  groupSize: number;
  shape: CurveShape;
  schedule: LrSchedule;
  /** Steps of linear learning-rate warm-up (0: none). */
  warmupSteps: number;
  /** Learning progress per unit of cumulative learning rate: how fast the run learns. */
  speed: number;
  /** Step-to-step noise of the policy's skill (logit sd); larger in "noisy" runs. */
  skillNoise: number;
  rewards: RewardSpec[];
  /** Whether the steps carry completion texts (quality detectors need them; they cost time). */
  withText: boolean;
  /** Mean completion length in tokens at the start. */
  meanTokens: number;
  /** Relative change of the mean length as the run learns (-0.2: shorter, 0.6: 60% longer at full progress). */
  lengthDrift: number;
  /** Extra success logit per unit of log(length / mean): longer reasoning helps a little on hard prompts. */
  lengthSkill: number;
  /** The generation length limit in tokens. */
  maxTokens: number;
}

const KIND_NAMES: Record<RewardKind, readonly string[]> = {
  binary: ["accuracy", "correctness", "exact_match"],
  format03: ["format", "xml_format", "strict_format"],
  continuous: ["reasoning_quality", "judge_score", "partial_credit"],
  penalty: ["length_penalty", "repetition_penalty", "language_penalty"],
};

/**
 * The reward functions of a run: 1 to 4 of the four kinds, always one that carries the task signal
 * (binary or continuous); a run of discrete rewards only gets groups of at least 8, as small groups of 0/1
 * rewards are mostly identical by nature (that is a real, reported condition, not a healthy run).
 */
function drawRewards(rng: Rng): RewardSpec[] {
  const main: RewardKind = rng.chance(0.6) ? "binary" : "continuous";
  const kinds: RewardKind[] = [main];
  for (const extra of ["format03", "continuous", "penalty"] as const)
    if (extra !== main && rng.chance(0.5)) kinds.push(extra);
  // A lone 0/1 reward leaves most small groups all-equal: real setups pair it with a format reward.
  if (main === "binary" && kinds.length === 1) kinds.push("format03");
  return kinds.map((kind) => ({
    name: rng.pick(KIND_NAMES[kind]),
    kind,
    scale: kind === "continuous" ? rng.pick([1, 1, 10]) : kind === "binary" ? rng.pick([1, 2]) : 1,
  }));
}

/**
 * Draws a healthy run's profile: 500-5,000 steps (or `steps`), groups of 4-16, a shape, a schedule and a
 * reward mix.
 * @example
 * drawProfile(new Rng(1), { withText: true }).groupSize; // 4..16
 */
export function drawProfile(rng: Rng, options: { steps?: number; withText: boolean }): RunProfile {
  const rewards = drawRewards(rng);
  const discreteOnly = rewards.every((r) => r.kind !== "continuous");
  const shape = rng.pick(["rising", "rising", "plateau", "noisy"] as const);
  const meanTokens = rng.int(60, 160);
  return {
    steps: options.steps ?? rng.int(500, 5000),
    promptsPerStep: rng.int(2, 8),
    groupSize: rng.int(discreteOnly ? 8 : 4, 16),
    shape,
    schedule: rng.pick(["constant", "cosine", "linear"] as const),
    warmupSteps: rng.chance(0.7) ? rng.int(10, 100) : 0,
    speed: rng.uniform(0.004, 0.03),
    skillNoise: shape === "noisy" ? rng.uniform(0.15, 0.3) : rng.uniform(0.03, 0.1),
    rewards,
    withText: options.withText,
    meanTokens,
    lengthDrift: rng.uniform(-0.2, 0.6),
    lengthSkill: rng.uniform(0, 1),
    maxTokens: 4 * meanTokens,
  };
}

/** The learning rate relative to its peak at a step: linear warm-up, then the schedule (floor 10%). */
export function relativeLr(profile: RunProfile, step: number): number {
  const { warmupSteps, schedule, steps } = profile;
  if (step < warmupSteps) return (step + 1) / warmupSteps;
  const t = Math.min(1, (step - warmupSteps) / Math.max(1, steps - warmupSteps));
  if (schedule === "cosine") return 0.1 + 0.45 * (1 + Math.cos(Math.PI * t));
  if (schedule === "linear") return 1 - 0.9 * t;
  return 1;
}
