import type { RewardscopeEvent } from "@rewardscope/core";

/** The run the crash test streams: two ranks, two functions. */
export const CRASH_RUN = "crash-run";
export const WORLD_SIZE = 2;
export const FUNCTIONS = ["format", "accuracy"] as const;
/** Completions per batch; each rank sends two batches a step, so a step holds 4 x 2 x 2 = 16. */
export const PER_BATCH = 4;

/** One POST: its batch id (sent as Idempotency-Key or as batchId on the events) and its NDJSON body. */
export interface PlannedBatch {
  id: string;
  step: number;
  rank: number;
  part: "a" | "b";
  /** true: the id rides as the Idempotency-Key header; false: as `batchId` on the events. */
  idInHeader: boolean;
  events: RewardscopeEvent[];
  body: string;
}

/** A deterministic value in [0, 1) for (step, rank, i): rewards that vary, so EMAs and quantiles move. */
function noise(step: number, rank: number, i: number): number {
  let h = (step * 73_856_093) ^ (rank * 19_349_663) ^ (i * 83_492_791);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/** The completion text of one completion: unique in the run, so a doubled batch shows as a repeated text. */
export function completionText(step: number, rank: number, part: "a" | "b", i: number): string {
  return `<think>step ${step} rank ${rank} part ${part}</think><answer>${i}</answer>`;
}

/**
 * The batch `part` of `rank` at `step`. Part "a" holds rewards and a `calls` event (summed over the step, so a
 * doubled "a" shows in the report's call count); part "b" holds more rewards, metrics and the rank's step_end.
 */
export function plannedBatch(step: number, rank: number, part: "a" | "b"): PlannedBatch {
  const id = `s${step}-r${rank}-${part}`;
  const idInHeader = part === "a";
  const withId = idInHeader ? {} : { batchId: id };
  const offset = part === "a" ? 0 : PER_BATCH;
  const index = Array.from({ length: PER_BATCH }, (_, i) => i + offset);
  const events: RewardscopeEvent[] = [];
  if (step === 0 && rank === 0 && part === "a")
    events.push({ type: "run", name: CRASH_RUN, rewardFunctions: [...FUNCTIONS], worldSize: WORLD_SIZE });
  events.push({
    type: "rewards",
    step,
    rank,
    ...withId,
    rewards: {
      format: index.map((i) => (noise(step, rank, i) < 0.2 + step / 2000 ? 0 : 1)),
      accuracy: index.map((i) => Math.round(noise(step, rank, i + 100) * 1000) / 1000),
    },
    completions: index.map((i) => completionText(step, rank, part, i)),
    groups: index.map((i) => Math.floor(i / 2)),
  });
  if (part === "a") {
    events.push({ type: "calls", step, rank, ...withId, fn: "accuracy", calls: 1, errors: 0, totalMs: 2 });
  } else {
    events.push({
      type: "metrics",
      step,
      rank,
      ...withId,
      values: { kl: 0.001 * step, loss: 1 / (step + 1) },
    });
    events.push({ type: "step_end", step, rank });
  }
  const body = `${events.map((e) => JSON.stringify(e)).join("\n")}\n`;
  return { id, step, rank, part, idInHeader, events, body };
}

/** Every batch of one step, in the order a single writer would send them. */
export function stepBatches(step: number): PlannedBatch[] {
  const batches: PlannedBatch[] = [];
  for (let rank = 0; rank < WORLD_SIZE; rank++)
    for (const part of ["a", "b"] as const) batches.push(plannedBatch(step, rank, part));
  return batches;
}

/** The completions a step must hold once analysed: text -> { format, accuracy } of each. */
export function expectedCompletions(step: number): Map<string, Record<string, number | null>> {
  const expected = new Map<string, Record<string, number | null>>();
  for (const batch of stepBatches(step)) {
    const rewards = batch.events.find((e) => e.type === "rewards");
    if (rewards?.type !== "rewards") continue;
    rewards.completions?.forEach((text, i) => {
      expected.set(text, {
        format: rewards.rewards.format?.[i] ?? null,
        accuracy: rewards.rewards.accuracy?.[i] ?? null,
      });
    });
  }
  return expected;
}
