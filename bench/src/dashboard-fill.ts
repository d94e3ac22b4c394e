import { Monitor, type MonitorState, type StepBatch, seriesOf } from "@rewardscope/core";
import { openSqliteStore } from "rewardscope";

/** The 30 series a large run keeps per step: what the dashboard's first view draws, and a few metrics. */
export const FILL_SERIES: readonly string[] = [
  ...["accuracy", "format"].flatMap((fn) => [
    ...["mean", "std", "min", "max", "p25", "median", "p75", "p90", "p99"].map((f) => `${fn}.batch.${f}`),
    `${fn}.emaShort`,
    `${fn}.emaLong`,
  ]),
  "total.mean",
  "total.std",
  "total.min",
  "total.max",
  "groups.zeroStdFraction",
  "kl",
  "loss",
  "entropy",
];

/** A small random number generator, so the filled run is the same every time. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** One small step (2 functions, 8 completions in groups of 4) of a slowly learning run. */
export function smallStep(step: number, steps: number, random: () => number): StepBatch {
  const skill = 0.2 + 0.6 * (step / steps);
  const accuracy = Array.from({ length: 8 }, () => (random() < skill ? 1 : 0));
  const format = Array.from({ length: 8 }, () => Math.round(random() * 3) / 3);
  return {
    step,
    rewards: { accuracy, format },
    groups: [0, 0, 0, 0, 1, 1, 1, 1],
    metrics: { kl: 0.01 + 0.002 * random(), loss: 0.05 * random(), entropy: 1 - 0.5 * (step / steps) },
    calls: {},
  };
}

/**
 * Writes a run of `steps` analysed steps straight through the store API (no HTTP, no events): each step is
 * analysed by a real Monitor and saved with the 30 series of FILL_SERIES. The Monitor state is saved with the
 * last step only (earlier writes carry the initial state and are superseded), so the run resumes from it when
 * a step is posted later, as after a restart.
 */
export async function fillRun(dbPath: string, run: string, steps: number): Promise<void> {
  const store = await openSqliteStore(dbPath);
  try {
    await store.upsertRun({ name: run, rewardFunctions: ["accuracy", "format"], worldSize: 1 });
    const monitor = new Monitor({ run: { name: run, rewardFunctions: ["accuracy", "format"] } });
    const initial: MonitorState = monitor.toState();
    const random = lcg(7);
    for (let step = 0; step < steps; step++) {
      const report = monitor.analyze(smallStep(step, steps, random));
      const all = seriesOf(report);
      const series: Record<string, number> = {};
      for (const name of FILL_SERIES) if (all[name] !== undefined) series[name] = all[name];
      await store.saveStep(run, {
        report,
        rewards: {},
        series,
        completions: [],
        state: step === steps - 1 ? monitor.toState() : initial,
        appliedSeq: 0,
      });
    }
  } finally {
    await store.close();
  }
}
