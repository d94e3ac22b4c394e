import type { CallStats, StepBatch, StepEvent } from "../events/types.js";
import { mergeRewardAggregate } from "./merge-aggregate.js";

/** A step being assembled: the merged batch so far and what each rank has said. */
interface OpenStep {
  batch: StepBatch;
  /** Completions so far (the length of every aligned array). */
  n: number;
  /** Next free group id: each batch's local group ids are shifted past those of earlier batches. */
  nextGroup: number;
  /** Per metric: the sum and count over ranks (memory metrics keep the max instead). */
  metricParts: Record<string, { sum: number; count: number; max: number }>;
  ranksEnded: number[];
  /** Ranks that sent anything for this step. */
  ranksSeen: number[];
}

/** JSON-plain state of the assembler. */
export interface StepAssemblerState {
  worldSize: number;
  open: OpenStep[];
  /** Per rank: the latest step it has sent anything for (-1 = nothing yet). */
  latest: number[];
  /** Steps at or below this are closed: events for them are late. */
  closedThrough: number;
  lateEvents: number;
}

export function createStepAssembler(worldSize = 1): StepAssemblerState {
  return { worldSize, open: [], latest: new Array(worldSize).fill(-1), closedThrough: -1, lateEvents: 0 };
}

const OPTIONAL_ARRAYS = ["completions", "prompts", "groups", "lengths", "truncated", "advantages"] as const;
const MEMORY_METRIC = /mem|rss/i;

function openStep(state: StepAssemblerState, step: number): OpenStep {
  let open = state.open.find((o) => o.batch.step === step);
  if (!open) {
    open = {
      batch: { step, rewards: {}, metrics: {}, calls: {} },
      n: 0,
      nextGroup: 0,
      metricParts: {},
      ranksEnded: [],
      ranksSeen: [],
    };
    state.open.push(open);
    state.open.sort((a, b) => a.batch.step - b.batch.step);
  }
  return open;
}

function padTo<T>(array: (T | null)[], length: number): (T | null)[] {
  while (array.length < length) array.push(null);
  return array;
}

function addRewards(open: OpenStep, event: Extract<StepEvent, { type: "rewards" }>): void {
  const batch = open.batch;
  const first = Object.values(event.rewards)[0];
  const n = first ? first.length : (event.completions?.length ?? 0);
  for (const [fn, values] of Object.entries(event.rewards)) {
    const merged = padTo(batch.rewards[fn] ?? [], open.n);
    for (const v of values) merged.push(v);
    batch.rewards[fn] = merged;
  }
  for (const key of OPTIONAL_ARRAYS) {
    let incoming: readonly (string | number | boolean)[] | undefined = event[key];
    if (key === "groups" && event.groups) {
      const offset = open.nextGroup;
      incoming = event.groups.map((g) => g + offset);
      let maxId = -1;
      for (const g of event.groups) if (g > maxId) maxId = g;
      open.nextGroup = offset + maxId + 1;
    }
    const existing = batch[key] as (string | number | boolean | null)[] | undefined;
    if (!incoming && !existing) continue;
    const merged = padTo(existing ?? [], open.n);
    if (incoming) for (const v of incoming) merged.push(v);
    (batch as unknown as Record<string, unknown>)[key] = padTo(merged, open.n + n);
  }
  open.n += n;
  for (const fn of Object.keys(batch.rewards)) padTo(batch.rewards[fn] as (number | null)[], open.n);
}

function addMetrics(open: OpenStep, values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    const part = open.metricParts[name] ?? { sum: 0, count: 0, max: Number.NEGATIVE_INFINITY };
    part.sum += value;
    part.count++;
    part.max = Math.max(part.max, value);
    open.metricParts[name] = part;
    open.batch.metrics[name] = MEMORY_METRIC.test(name) ? part.max : part.sum / part.count;
  }
}

function addCalls(open: OpenStep, event: Extract<StepEvent, { type: "calls" }>): void {
  const calls: CallStats = open.batch.calls[event.fn] ?? {
    calls: 0,
    errors: 0,
    totalMs: 0,
    maxMs: 0,
    nulls: 0,
  };
  calls.calls += event.calls;
  calls.errors += event.errors;
  calls.totalMs += event.totalMs;
  calls.maxMs = Math.max(calls.maxMs, event.maxMs ?? 0);
  calls.nulls += event.nulls ?? 0;
  open.batch.calls[event.fn] = calls;
}

/**
 * Adds one event to the step it belongs to and returns the steps that are now complete, oldest first.
 * A step is complete when every rank of `worldSize` has sent `step_end` for it or anything for a later step.
 * Several ranks' metrics are averaged (memory metrics: the max); their calls are summed. Events for a step
 * already closed are counted in `lateEvents` and dropped. Mutates `state`.
 * @example
 * for (const batch of assembleStep(state, event)) monitor.analyze(batch);
 */
export function assembleStep(state: StepAssemblerState, event: StepEvent): StepBatch[] {
  const rank = event.rank ?? 0;
  if (event.step <= state.closedThrough) {
    state.lateEvents++;
    return [];
  }
  if (rank >= state.worldSize) growWorld(state, rank + 1);
  const open = openStep(state, event.step);
  if (!open.ranksSeen.includes(rank)) open.ranksSeen.push(rank);
  if (event.type === "rewards") addRewards(open, event);
  else if (event.type === "reward_stats") {
    open.batch.rewardStats ??= {};
    open.batch.rewardStats[event.fn] = mergeRewardAggregate(open.batch.rewardStats[event.fn], event);
  } else if (event.type === "metrics") addMetrics(open, event.values);
  else if (event.type === "calls") addCalls(open, event);
  else if (!open.ranksEnded.includes(rank)) open.ranksEnded.push(rank);
  state.latest[rank] = Math.max(state.latest[rank] ?? -1, event.step);
  return closeComplete(state);
}

function growWorld(state: StepAssemblerState, worldSize: number): void {
  while (state.latest.length < worldSize) state.latest.push(-1);
  state.worldSize = worldSize;
}

function closeComplete(state: StepAssemblerState): StepBatch[] {
  const closed: StepBatch[] = [];
  while (state.open.length > 0) {
    const open = state.open[0] as OpenStep;
    const step = open.batch.step;
    let complete = true;
    for (let r = 0; r < state.worldSize; r++) {
      if (!open.ranksEnded.includes(r) && (state.latest[r] ?? -1) <= step) complete = false;
    }
    if (!complete) break;
    closed.push(finish(state, open));
  }
  return closed;
}

function finish(state: StepAssemblerState, open: OpenStep): StepBatch {
  state.open.shift();
  state.closedThrough = Math.max(state.closedThrough, open.batch.step);
  return open.batch;
}

/** Closes every open step, oldest first (end of input, or a timeout in the server). */
export function flushSteps(state: StepAssemblerState, throughStep = Number.POSITIVE_INFINITY): StepBatch[] {
  const closed: StepBatch[] = [];
  while (state.open.length > 0 && (state.open[0] as OpenStep).batch.step <= throughStep) {
    closed.push(finish(state, state.open[0] as OpenStep));
  }
  return closed;
}

/**
 * The ranks the oldest open step waits for: `silent` sent nothing for it, `unfinished` sent some but neither
 * `step_end` nor a later step. What a timeout alert names.
 */
export function waitingRanks(state: StepAssemblerState): { silent: number[]; unfinished: number[] } {
  const open = state.open[0];
  const waiting = { silent: [] as number[], unfinished: [] as number[] };
  if (!open) return waiting;
  for (let r = 0; r < state.worldSize; r++) {
    if (open.ranksEnded.includes(r) || (state.latest[r] ?? -1) > open.batch.step) continue;
    (open.ranksSeen.includes(r) ? waiting.unfinished : waiting.silent).push(r);
  }
  return waiting;
}
