import type {
  CallsEvent,
  MetricsEvent,
  RewardscopeEvent,
  RewardsEvent,
  RunEvent,
  StepReport,
} from "@rewardscope/core";
import { runSteps } from "../report/history-scan.js";
import type { CompletionRecord, RunRecord, Store } from "../store/store.js";

/** How complete the events rebuilt from the store are. */
export interface RebuildCounts {
  steps: number;
  /** Steps whose every completion the store kept, so their events carry the texts, groups and lengths. */
  stepsWithCompletions: number;
  /** Steps that had completions of which the store kept only a sample: their events carry the rewards only. */
  stepsWithoutCompletions: number;
}

function runEvent(record: RunRecord): RunEvent {
  return {
    type: "run",
    name: record.name,
    ...(record.project !== null && { project: record.project }),
    rewardFunctions: record.rewardFunctions,
    // Every rank of a step is merged in the store: the rebuilt run has one rank.
    worldSize: 1,
    ...(Object.keys(record.config).length > 0 && { config: record.config }),
  };
}

async function keptCompletions(store: Store, run: string, step: number): Promise<CompletionRecord[]> {
  const out: CompletionRecord[] = [];
  for (;;) {
    const page = await store.completions(run, { step, order: "asc", limit: 1000, offset: out.length });
    out.push(...page.completions);
    if (page.completions.length === 0 || out.length >= page.total) return out;
  }
}

/** A per-completion field, when every completion of the step has it. */
function column<T>(kept: CompletionRecord[], pick: (c: CompletionRecord) => T | null): T[] | undefined {
  const values = kept.map(pick);
  return values.every((v) => v !== null) ? (values as T[]) : undefined;
}

function rewardsEvent(
  step: number,
  rewards: Record<string, (number | null)[]>,
  kept: CompletionRecord[],
): RewardsEvent {
  const n = Object.values(rewards)[0]?.length ?? 0;
  const event: RewardsEvent = { type: "rewards", step, rank: 0, rewards };
  const complete = kept.length === n && kept.every((c, i) => c.index === i);
  if (!complete) return event;
  const optional = {
    completions: column(kept, (c) => c.completion),
    prompts: column(kept, (c) => c.prompt),
    groups: column(kept, (c) => c.group),
    lengths: column(kept, (c) => c.length),
    truncated: column(kept, (c) => c.truncated),
    advantages: column(kept, (c) => c.advantage),
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) (event as unknown as Record<string, unknown>)[key] = value;
  return event;
}

function callsEvents(report: StepReport): CallsEvent[] {
  return Object.entries(report.calls).map(([fn, c]) => ({
    type: "calls",
    step: report.step,
    rank: 0,
    fn,
    calls: c.calls,
    errors: c.errors,
    totalMs: c.totalMs,
    maxMs: c.maxMs,
    nulls: c.nulls,
  }));
}

/**
 * Rebuilds a run as events of the event format from what the store keeps of each analysed step: the run, then
 * per step its rewards (every raw value), the completions with their prompts, groups, lengths, truncation and
 * advantages when the store kept all of them, the training metrics, the call statistics, and a step_end. Posted
 * to another server or given to `rewardscope analyze`, they give the same reward statistics, metrics and calls;
 * a step whose completions were only sampled by the retention policy comes back without completion texts, so
 * its quality and group measures are missing. `counts` is filled as the events go by.
 * @example
 * for await (const event of rebuildRunEvents(store, "qwen-1")) out.write(`${JSON.stringify(event)}\n`);
 */
export async function* rebuildRunEvents(
  store: Store,
  run: string,
  counts: RebuildCounts = { steps: 0, stepsWithCompletions: 0, stepsWithoutCompletions: 0 },
): AsyncGenerator<RewardscopeEvent> {
  const record = await store.getRun(run);
  if (!record) return;
  yield runEvent(record);
  for (const step of await runSteps(store, run)) {
    const report = await store.stepReport(run, step);
    if (!report) continue;
    counts.steps++;
    const rewards = await store.stepRewards(run, step);
    const n = Object.values(rewards ?? {})[0]?.length ?? 0;
    if (rewards && n > 0) {
      const kept = await keptCompletions(store, run, step);
      const event = rewardsEvent(step, rewards, kept);
      if (event.completions) counts.stepsWithCompletions++;
      else if (kept.length > 0) counts.stepsWithoutCompletions++;
      yield event;
    }
    if (Object.keys(report.metrics).length > 0) {
      const metrics: MetricsEvent = { type: "metrics", step, rank: 0, values: report.metrics };
      yield metrics;
    }
    yield* callsEvents(report);
    yield { type: "step_end", step, rank: 0 };
  }
}
