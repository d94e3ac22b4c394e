import { Monitor, type StepReport } from "@rewardscope/core";
import type { RunRecord } from "../store/store.js";
import {
  CRASH_RUN,
  expectedCompletions,
  FUNCTIONS,
  PER_BATCH,
  stepBatches,
  WORLD_SIZE,
} from "./crash-plan.case.js";

/** Completions a step holds: every rank's two batches. */
export const PER_STEP = PER_BATCH * 2 * WORLD_SIZE;

/** The same events analysed in this process without any crash: what every stored step must say. */
export class ReferenceRun {
  private readonly monitor = new Monitor();
  private readonly reports = new Map<number, StepReport>();
  private nextStep = 0;

  report(step: number): StepReport {
    while (this.nextStep <= step) {
      for (const batch of stepBatches(this.nextStep))
        for (const event of batch.events)
          for (const report of this.monitor.ingest(event)) this.reports.set(report.step, report);
      this.nextStep++;
    }
    const report = this.reports.get(step);
    if (!report) throw new Error(`the reference run did not analyse step ${step}`);
    return report;
  }
}

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  return { status: response.status, body: (await response.json()) as T };
}

export async function getRun(url: string): Promise<RunRecord | null> {
  const { status, body } = await getJson<RunRecord>(`${url}/api/v1/runs/${CRASH_RUN}`);
  return status === 200 ? body : null;
}

interface CompletionsAnswer {
  total: number;
  completions: { completion: string; rewards: Record<string, number | null> }[];
}

function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

/**
 * Checks one analysed step through the HTTP API against the plan and the reference run: every completion of every
 * batch present exactly once with its rewards, the summed call count (one per rank), and the statistics and EMAs
 * the uninterrupted run has at that step. Returns the problems found (empty when the step is exact).
 */
export async function checkStep(url: string, step: number, reference: ReferenceRun): Promise<string[]> {
  const problems: string[] = [];
  const base = `${url}/api/v1/runs/${CRASH_RUN}`;
  const kept = await getJson<CompletionsAnswer>(`${base}/completions?step=${step}&limit=1000`);
  const expected = expectedCompletions(step);
  const seen = new Map<string, number>();
  for (const c of kept.body.completions ?? []) {
    seen.set(c.completion, (seen.get(c.completion) ?? 0) + 1);
    const want = expected.get(c.completion);
    if (!want) problems.push(`step ${step}: an unexpected completion ${JSON.stringify(c.completion)}`);
    else if (FUNCTIONS.some((fn) => c.rewards[fn] !== want[fn]))
      problems.push(`step ${step}: ${JSON.stringify(c.completion)} has rewards ${JSON.stringify(c.rewards)}`);
  }
  if (kept.body.total !== PER_STEP)
    problems.push(`step ${step}: ${kept.body.total} completions, not ${PER_STEP}`);
  for (const text of expected.keys())
    if ((seen.get(text) ?? 0) !== 1)
      problems.push(`step ${step}: ${text} is there ${seen.get(text) ?? 0} times`);

  const { status, body: report } = await getJson<StepReport>(`${base}/steps/${step}`);
  if (status !== 200) return [...problems, `step ${step}: no report (${status})`];
  const want = reference.report(step);
  if (report.count !== PER_STEP) problems.push(`step ${step}: the report counts ${report.count} completions`);
  if (report.calls.accuracy?.calls !== WORLD_SIZE)
    problems.push(`step ${step}: ${report.calls.accuracy?.calls} reward-function calls, not ${WORLD_SIZE}`);
  for (const fn of FUNCTIONS) {
    const got = report.rewards[fn];
    const ref = want.rewards[fn];
    if (!got || !ref) {
      problems.push(`step ${step}: no statistics of ${fn}`);
      continue;
    }
    for (const key of ["emaShort", "emaLong"] as const)
      if (!close(got[key], ref[key]))
        problems.push(`step ${step}: ${fn}.${key} is ${got[key]}, not ${ref[key]}`);
    if (!close(got.batch.mean, ref.batch.mean))
      problems.push(`step ${step}: ${fn} mean is ${got.batch.mean}, not ${ref.batch.mean}`);
    if (got.run.count !== ref.run.count)
      problems.push(`step ${step}: ${fn} run count is ${got.run.count}, not ${ref.run.count}`);
  }
  return problems;
}

/** Checks steps `from..to` (in order); the run record must hold exactly the steps 0..lastStep, no gap or double. */
export async function checkSteps(
  url: string,
  from: number,
  to: number,
  reference: ReferenceRun,
): Promise<string[]> {
  const problems: string[] = [];
  for (let step = from; step <= to; step++) problems.push(...(await checkStep(url, step, reference)));
  return problems;
}

/** The run record agrees with itself: steps 0..lastStep each stored once. */
export function recordProblems(record: RunRecord | null): string[] {
  if (!record) return ["the run is gone"];
  const expected = record.lastStep === null ? 0 : record.lastStep + 1;
  return record.stepCount === expected
    ? []
    : [`the run holds ${record.stepCount} steps, but its last step is ${record.lastStep}`];
}
