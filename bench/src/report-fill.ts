// Fills a data folder with one long run of small steps, fast, through the real ingest path (stored, analysed, saved):
// node report-fill.js DIR RUN STEPS [FROM]. Prints {"steps", "seconds"}. FROM resumes an interrupted fill at that step.
import { join } from "node:path";
import type { RewardscopeEvent } from "@rewardscope/core";
import { LiveBus, openSqliteStore, SessionManager } from "rewardscope";

/** A deterministic pseudo-random number in [0, 1) (mulberry32): the same run every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One small step: 2 prompts x 2 completions, two reward functions (accuracy learns, format saturates), five
 * training metrics with a slow memory climb, call statistics, and a step_end. No completion text: the report's
 * cost is in the history, not in the texts.
 */
export function smallStep(step: number, steps: number, next: () => number): RewardscopeEvent[] {
  const progress = step / steps;
  const accuracy = Array.from({ length: 4 }, () => (next() < 0.2 + 0.5 * progress ? 1 : 0));
  const format = Array.from({ length: 4 }, () => (next() < 0.6 + 0.4 * progress ? 1 : 0.5));
  return [
    { type: "rewards", step, rewards: { accuracy, format }, groups: [0, 0, 1, 1] },
    {
      type: "metrics",
      step,
      values: {
        loss: 0.5 - 0.3 * progress + 0.05 * next(),
        kl: 0.01 + 0.05 * progress * next(),
        entropy: 1.2 - 0.6 * progress + 0.05 * next(),
        learning_rate: 1e-6 * (1 - progress),
        memory_mb: 8000 + 400 * progress + 20 * next(),
      },
    },
    { type: "calls", step, fn: "accuracy", calls: 1, errors: 0, totalMs: 2 + next(), maxMs: 3 },
    { type: "calls", step, fn: "format", calls: 1, errors: 0, totalMs: 0.1, maxMs: 0.1 },
    { type: "step_end", step },
  ];
}

const [dir, run, stepsText, fromText] = process.argv.slice(2);
if (dir !== undefined && run !== undefined && stepsText !== undefined) {
  const steps = Number(stepsText);
  const store = await openSqliteStore(join(dir, "rewardscope.db"), { backgroundIndexing: false });
  const sessions = new SessionManager({ store, bus: new LiveBus() });
  const next = random(42);
  const start = performance.now();
  await sessions.ingest(run, "run", [{ type: "run", name: run, rewardFunctions: ["accuracy", "format"] }]);
  const perBatch = 500;
  for (let first = Number(fromText ?? 0); first < steps; first += perBatch) {
    const events: RewardscopeEvent[] = [];
    for (let step = first; step < Math.min(steps, first + perBatch); step++)
      events.push(...smallStep(step, steps, next));
    await sessions.ingest(run, `steps-${first}`, events);
  }
  await sessions.finish(run);
  await store.close();
  process.stdout.write(JSON.stringify({ steps, seconds: (performance.now() - start) / 1000 }));
}
