import {
  type Alert,
  type AnalysedStep,
  Monitor,
  type RewardscopeEvent,
  type RunEvent,
  type SimulationOptions,
  seriesOf,
  simulateRun,
} from "@rewardscope/core";
import type { CompletionRecord, StepWrite } from "./store.js";

/** A simulated run as a store sees it: its events in arrival order and the StepWrites the Monitor makes of them. */
export interface SimulatedRun {
  run: RunEvent;
  /** The events after the RunEvent; event i gets seq i + 1 when appended to a fresh run. */
  events: RewardscopeEvent[];
  writes: StepWrite[];
}

/**
 * Runs the real Monitor over `simulateRun` and builds each step's StepWrite, keeping the flagged completions and
 * the first `keep` others. Test fixture for the store contract and the store benchmark.
 * @example
 * const { run, events, writes } = simulatedRun({ steps: 20 });
 */
export function simulatedRun(options: SimulationOptions & { keep?: number } = {}): SimulatedRun {
  const { keep = 8, ...simulation } = options;
  const [run, ...events] = [...simulateRun(simulation)] as [RunEvent, ...RewardscopeEvent[]];
  const monitor = new Monitor();
  monitor.ingest(run);
  const writes: StepWrite[] = [];
  const save = (analysed: AnalysedStep[], appliedSeq: number): void => {
    for (const step of analysed)
      writes.push({
        report: step.report,
        rewards: step.batch.rewards,
        series: seriesOf(step.report),
        completions: keptCompletions(step, keep),
        state: monitor.toState(),
        appliedSeq,
      });
  };
  for (const [i, event] of events.entries()) save(monitor.ingestSteps(event), i + 1);
  save(monitor.flushSteps(), events.length);
  return { run, events, writes };
}

function keptCompletions({ batch, report }: AnalysedStep, keep: number): CompletionRecord[] {
  const flags = new Map(report.flagged.map((f) => [f.index, f.flags as string[]]));
  const texts = batch.completions ?? [];
  const fns = Object.keys(batch.rewards);
  const kept: CompletionRecord[] = [];
  texts.forEach((completion, index) => {
    if (typeof completion !== "string" || (index >= keep && !flags.has(index))) return;
    const rewards = Object.fromEntries(fns.map((fn) => [fn, batch.rewards[fn]?.[index] ?? null]));
    const values = Object.values(rewards).filter((v): v is number => v !== null);
    kept.push({
      step: batch.step,
      index,
      prompt: batch.prompts?.[index] ?? null,
      completion,
      rewards,
      total: values.length > 0 ? values.reduce((a, b) => a + b, 0) : null,
      group: batch.groups?.[index] ?? null,
      length: batch.lengths?.[index] ?? null,
      truncated: batch.truncated?.[index] ?? null,
      advantage: batch.advantages?.[index] ?? null,
      flags: flags.get(index) ?? [],
    });
  });
  return kept;
}

const cache = new Map<string, SimulatedRun>();

/** simulatedRun, computed once per options (the Monitor over 20+ steps is the slow part of a store test). */
export function cachedRun(options: SimulationOptions & { keep?: number } = {}): SimulatedRun {
  const key = JSON.stringify(options);
  let run = cache.get(key);
  if (!run) {
    run = simulatedRun(options);
    cache.set(key, run);
  }
  return run;
}

/**
 * A real StepWrite moved to another step, with parts replaced: the alerts and completions given are stamped with
 * the new step, and appliedSeq defaults to 0 (a run written without events).
 */
export function writeAt(
  template: StepWrite,
  step: number,
  parts: {
    alerts?: Alert[];
    series?: Record<string, number>;
    completions?: CompletionRecord[];
    appliedSeq?: number;
  },
): StepWrite {
  return {
    ...template,
    report: { ...template.report, step, alerts: (parts.alerts ?? []).map((a) => ({ ...a, step })) },
    series: parts.series ?? template.series,
    completions: (parts.completions ?? []).map((c) => ({ ...c, step })),
    appliedSeq: parts.appliedSeq ?? 0,
  };
}

/** A completion record with defaults for the fields a test does not care about. */
export function completionRecord(
  index: number,
  completion: string,
  parts: Partial<CompletionRecord> = {},
): CompletionRecord {
  return {
    step: 0,
    index,
    prompt: null,
    completion,
    rewards: {},
    total: null,
    group: null,
    length: null,
    truncated: null,
    advantage: null,
    flags: [],
    ...parts,
  };
}
