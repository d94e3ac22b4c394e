import type { ResolvedSimulation } from "./options.js";
import type { Random } from "./random.js";

/** Peak learning rate, typical of GRPO on a 1-8B model. */
const PEAK_LR = 5e-6;
/** KL coefficient of the GRPO loss (TRL's beta). */
const BETA = 0.04;
const BASE_MEMORY_MB = 18_000;

/**
 * Learning rate: linear warm-up over the first 5% of steps, then cosine decay to 10% of the peak.
 * @example
 * learningRate(0, 1000); // 1e-7 (warm-up: 1/50 of the 5e-6 peak)
 */
export function learningRate(step: number, steps: number): number {
  const warmup = Math.max(1, Math.round(steps * 0.05));
  if (step < warmup) return (PEAK_LR * (step + 1)) / warmup;
  const t = (step - warmup) / Math.max(1, steps - warmup);
  return PEAK_LR * (0.1 + 0.45 * (1 + Math.cos(Math.PI * Math.min(1, t))));
}

/** The healthy policy entropy without noise: 1.2 falling slowly towards 0.8. */
function entropyLevel(step: number, steps: number): number {
  return 0.8 + 0.4 * Math.exp((-3 * step) / steps);
}

/** The healthy KL without noise: 0 at step 0, rising slowly towards 0.05. */
function klLevel(step: number, steps: number): number {
  return 0.05 * (1 - Math.exp((-3 * step) / steps));
}

/**
 * The training metrics of one step, as a trainer logs them: loss, kl, entropy, grad_norm,
 * learning_rate, memory_mb, step_time (seconds). Scenarios entropy_collapse, memory_leak and kl_spike
 * bend their metric from the onset; every other scenario leaves the metrics healthy.
 * `meanTokens` is the step's mean completion length, which drives step_time.
 * @example
 * const metrics = trainingMetrics(sim, 10, new Random(3), 200);
 */
export function trainingMetrics(
  sim: ResolvedSimulation,
  step: number,
  rng: Random,
  meanTokens: number,
): Record<string, number> {
  const { steps, onset, scenario } = sim;
  const since = step - onset;
  let kl = klLevel(step, steps) * rng.factor(0.15);
  if (scenario === "kl_spike" && since >= 0) kl = Math.max(kl, 0.004) * 15;
  let entropy = entropyLevel(step, steps) + 0.015 * rng.normal();
  if (scenario === "entropy_collapse" && since >= 0) {
    const tau = Math.max(2, (steps - onset) / 8);
    entropy = 0.01 + (entropyLevel(onset, steps) - 0.01) * Math.exp(-since / tau) + 0.002 * rng.normal();
  }
  let memory = BASE_MEMORY_MB + 120 * rng.normal();
  if (scenario === "memory_leak" && since >= 0) {
    memory += Math.max(4, (0.5 * BASE_MEMORY_MB) / Math.max(1, steps - onset)) * (since + 1);
  }
  const gradNorm = (0.25 + 10 * kl) * rng.factor(0.3);
  const loss = BETA * kl + 0.01 * rng.normal();
  const stepTime = (6 + 0.06 * meanTokens) * rng.factor(0.05);
  return {
    loss: round(loss, 5),
    kl: round(kl, 6),
    entropy: round(Math.max(0.001, entropy), 4),
    grad_norm: round(gradNorm, 4),
    learning_rate: learningRate(step, steps),
    memory_mb: Math.round(memory),
    step_time: round(stepTime, 3),
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f + 0;
}
