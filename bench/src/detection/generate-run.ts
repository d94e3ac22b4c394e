import type { CallStats, StepBatch } from "@rewardscope/core";
import type { PathologySpec } from "./pathologies.js";
import { type Draw, type Form, override, rewardTypical, score } from "./reward-values.js";
import { mixSeed, Rng } from "./rng.js";
import { type RunProfile, relativeLr } from "./run-profile.js";
import { type StepEffects, stepEffects } from "./step-effects.js";
import {
  collapsedText,
  degenerateText,
  junkText,
  repetitiveText,
  solutionText,
  truncatedText,
} from "./texts.js";

/** One generated run: a healthy profile, and at most one pathology with a known onset. */
export interface RunSpec {
  id: string;
  seed: number;
  profile: RunProfile;
  pathology: PathologySpec | null;
}

/** Per-run constants of the metrics and calls, drawn once from the run's seed. */
interface RunConstants {
  startLogit: number;
  gain: number;
  peakLr: number;
  klMax: number;
  entropy0: number;
  memoryBase: number;
  meanMs: Record<string, number>;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits + 0;

function constantsOf(profile: RunProfile, seed: number): RunConstants {
  const rng = new Rng(mixSeed(seed, 0x5eed));
  const meanMs: Record<string, number> = {};
  for (const r of profile.rewards) meanMs[r.name] = Math.exp(rng.uniform(Math.log(2), Math.log(50)));
  const startLogit = rng.uniform(-2, -0.5);
  // Healthy runs plateau below ~85% success: a run at its ceiling is the saturation pathology.
  const gain = Math.min(rng.uniform(1.5, 3.5), 1.2 - startLogit);
  return {
    startLogit,
    gain,
    peakLr: rng.pick([5e-7, 1e-6, 3e-6, 5e-6]),
    klMax: rng.uniform(0.01, 0.08),
    entropy0: rng.uniform(0.6, 1.5),
    memoryBase: rng.uniform(15_000, 70_000),
    meanMs,
  };
}

function pickForm(rng: Rng, effects: StepEffects): Form {
  const f = effects.forms;
  const shares: Array<[Form, number]> = [
    ["junk", f.junk],
    ["repetitive", f.repetitive],
    ["collapsed", f.collapsed],
    ["degenerate", f.degenerate],
    ["truncated", f.truncated],
  ];
  // One draw for every step, so steps before an onset consume the same random numbers as the healthy run.
  let u = rng.next();
  for (const [form, share] of shares) {
    if (u < share) return form;
    u -= share;
  }
  return "normal";
}

function textOf(rng: Rng, form: Form, tokens: number, maxTokens: number): string {
  if (form === "junk") return junkText(rng);
  if (form === "repetitive") return repetitiveText(rng);
  if (form === "collapsed") return collapsedText(rng);
  if (form === "degenerate") return degenerateText(rng);
  if (form === "truncated") return truncatedText(rng, maxTokens);
  return tokens >= maxTokens ? truncatedText(rng, maxTokens) : solutionText(rng, tokens);
}

/** Tokens of the failure forms when no text is generated (what their texts would measure). */
const FORM_TOKENS: Record<Exclude<Form, "normal" | "truncated">, number> = {
  junk: 12,
  repetitive: 200,
  collapsed: 26,
  degenerate: 6,
};

function drawCompletion(
  rng: Rng,
  profile: RunProfile,
  effects: StepEffects,
  skill: number,
  lengthLevel: number,
): Draw {
  const form = pickForm(rng, effects);
  const ratio = Math.exp(0.3 * rng.normal());
  const p = sigmoid(skill + profile.lengthSkill * Math.log(ratio));
  let tokens = Math.round(profile.meanTokens * lengthLevel * ratio * effects.lengthFactor);
  // A rare rambling completion runs into the length limit even in a healthy run.
  if (rng.chance(0.003)) tokens = profile.maxTokens;
  if (form === "truncated") tokens = profile.maxTokens;
  else if (form !== "normal") tokens = FORM_TOKENS[form];
  tokens = Math.min(profile.maxTokens, Math.max(1, tokens));
  const text = profile.withText ? textOf(rng, form, tokens, profile.maxTokens) : null;
  return {
    form,
    correct: form === "normal" && tokens < profile.maxTokens && rng.chance(p),
    p,
    tokens: text === null ? tokens : Math.max(1, Math.ceil(text.length / 4)),
    truncated: tokens >= profile.maxTokens,
    text,
    noise: rng.normal(),
  };
}

function metricsOf(
  profile: RunProfile,
  c: RunConstants,
  step: number,
  effects: StepEffects,
  rng: Rng,
  meanTokens: number,
): Record<string, number> {
  const horizon = profile.steps / 3;
  const kl = Math.max(0.0005, c.klMax * (1 - Math.exp(-step / horizon)) * Math.exp(0.15 * rng.normal()));
  const healthyEntropy = c.entropy0 * (0.6 + 0.4 * Math.exp(-step / horizon)) * (1 + 0.015 * rng.normal());
  const entropy = effects.entropy ? effects.entropy(healthyEntropy) : healthyEntropy;
  const memory = c.memoryBase * (1 + effects.memoryGrowth) + 0.003 * c.memoryBase * rng.normal();
  const klNow = kl * effects.klFactor;
  return {
    loss: round(0.04 * klNow + 0.01 * rng.normal(), 5),
    kl: round(klNow, 6),
    entropy: round(Math.max(0.001, entropy), 4),
    grad_norm: round((0.25 + 10 * klNow) * Math.exp(0.3 * rng.normal()), 4),
    learning_rate: c.peakLr * relativeLr(profile, step),
    memory_mb: Math.round(memory),
    step_time: round((4 + 0.05 * meanTokens) * Math.exp(0.05 * rng.normal()), 3),
  };
}

/**
 * Generates a run, one assembled step at a time (memory stays flat). Seeded: the same spec gives the same
 * steps. Before the pathology's onset the steps equal the healthy run of the same spec without it.
 * @example
 * for (const batch of generateRun(spec)) monitor.analyze(batch);
 */
export function* generateRun(spec: RunSpec): Generator<StepBatch> {
  const { profile, pathology, seed } = spec;
  const c = constantsOf(profile, seed);
  const target = profile.rewards.find((r) => r.name === pathology?.target);
  const typical = target ? rewardTypical(target) : 0;
  let cumLr = 0;
  let drift = 0;
  for (let step = 0; step < profile.steps; step++) {
    const rng = new Rng(mixSeed(seed, step, 1));
    const side = new Rng(mixSeed(seed, step, 2));
    const effects = stepEffects(pathology, step, typical);
    cumLr += relativeLr(profile, step);
    drift = 0.95 * drift + 0.3 * profile.skillNoise * rng.normal();
    const learned = profile.shape === "plateau" ? 1 : 1 - Math.exp(-profile.speed * cumLr);
    const progress = effects.frozen ? 0 : learned;
    const skill =
      c.startLogit + c.gain * progress + drift + profile.skillNoise * rng.normal() + effects.skillShift;
    const lengthLevel = 1 + profile.lengthDrift * progress;
    const draws: Draw[] = [];
    const groups: number[] = [];
    for (let g = 0; g < profile.promptsPerStep; g++) {
      const groupSkill = skill + 1.2 * rng.normal();
      const duplicate = effects.duplicateGroupRate > 0 && rng.chance(effects.duplicateGroupRate);
      for (let k = 0; k < profile.groupSize; k++) {
        const first = draws[draws.length - 1];
        draws.push(
          duplicate && k > 0 && first
            ? first
            : drawCompletion(rng, profile, effects, groupSkill, lengthLevel),
        );
        groups.push(g);
      }
    }
    const rewards: Record<string, (number | null)[]> = {};
    const calls: Record<string, CallStats> = {};
    for (const r of profile.rewards) {
      // Duplicated completions get identical rewards: score each distinct draw once.
      const scored = new Map<Draw, number>();
      const values: (number | null)[] = draws.map((d) => {
        const known = scored.get(d);
        if (known !== undefined) return known;
        const v = score(r, d, profile, progress, side);
        scored.set(d, v);
        return v;
      });
      let errors = override(effects, r, values, side, draws, profile.meanTokens);
      // Now and then a call fails in a healthy run too (a timeout): one null.
      if (side.chance(0.002) && values.length > 0 && values[0] !== null) {
        values[0] = null;
        errors++;
      }
      const slow = effects.slow?.fn === r.name ? effects.slow.factor : 1;
      const meanMs = (c.meanMs[r.name] as number) * slow;
      rewards[r.name] = values;
      calls[r.name] = {
        calls: draws.length,
        errors,
        totalMs: round(draws.length * meanMs * Math.exp(0.15 * side.normal()), 3),
        maxMs: round(meanMs * side.uniform(2, 6), 3),
        nulls: errors,
      };
    }
    const lengths = draws.map((d) => d.tokens);
    const meanTokens = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
    const batch: StepBatch = {
      step,
      rewards,
      groups,
      lengths,
      truncated: draws.map((d) => d.truncated),
      metrics: metricsOf(profile, c, step, effects, side, meanTokens),
      calls,
    };
    if (profile.withText) batch.completions = draws.map((d) => d.text ?? "");
    yield batch;
  }
}
