import { describe, expect, it } from "vitest";
import type { RewardscopeEvent } from "../events/types.js";
import { foldNotRun } from "./aggregate-step.js";
import { Monitor } from "./monitor.js";
import type { StepReport } from "./report.js";

/** A TRL-like log of aggregates only: `format` stuck at 0, `accuracy` climbing to 1 with a vanishing std. */
function aggregateRun(steps: number): RewardscopeEvent[] {
  const events: RewardscopeEvent[] = [];
  for (let step = 1; step <= steps; step++) {
    const p = Math.min(1, 0.2 + step * 0.04);
    events.push({ type: "reward_stats", step, fn: "format", mean: 0, std: 0 });
    events.push({ type: "reward_stats", step, fn: "accuracy", mean: p, std: Math.sqrt(p * (1 - p)) });
    events.push({
      type: "metrics",
      step,
      values: { frac_reward_zero_std: step > 20 ? 0.9 : 0.1, "completions/clipped_ratio": 0.6, kl: 0.01 },
    });
  }
  return events;
}

function run(events: RewardscopeEvent[]): StepReport[] {
  const monitor = new Monitor({ run: { name: "imported" } });
  const reports = events.flatMap((e) => monitor.ingest(e));
  return [...reports, ...monitor.flush()];
}

describe("Monitor on aggregates (reward_stats)", () => {
  const reports = run(aggregateRun(60));
  const types = new Set(reports.flatMap((r) => r.alerts.map((a) => `${a.type}:${a.rewardFn ?? ""}`)));

  it("gives the per-function statistics the aggregates allow", () => {
    const last = reports.at(-1) as StepReport;
    expect(reports).toHaveLength(60);
    expect(last.rewards.accuracy?.batch).toMatchObject({ mean: 1, std: 0, min: 1, max: 1 });
    expect(last.rewards.accuracy?.source).toBe("aggregate");
    expect(last.rewards.accuracy?.emaShort).toBeGreaterThan(0.9);
    expect(last.aggregate.total.mean).toBe(1);
    expect(last.groups?.zeroStdFraction).toBe(0.9);
    expect(last.quality?.truncatedRate).toBe(0.6);
  });

  it("runs the detectors that work on aggregates", () => {
    expect(types).toContain("flatline:format");
    expect(types).toContain("saturation_high:accuracy");
    expect(types).toContain("variance_collapse:accuracy");
    expect(types).toContain("zero_std_groups:");
    expect(types).toContain("truncation:");
  });

  it("says which detectors could not run for lack of completions", () => {
    const notRun = reports[0]?.notRun ?? [];
    expect(notRun).toEqual(
      expect.arrayContaining(["format_gaming", "repetition", "diversity_collapse", "degenerate_outputs"]),
    );
    expect(notRun).not.toContain("truncation");
    expect(notRun).not.toContain("zero_std_groups");
    expect(notRun).not.toContain("flatline");
  });

  it("lists zero_std_groups and truncation too when nothing stands in for them", () => {
    const [report] = run([{ type: "reward_stats", step: 1, fn: "a", mean: 0.5, std: 0.5 }]);
    expect(report?.notRun).toEqual(expect.arrayContaining(["zero_std_groups", "truncation"]));
  });

  it("prefers a function's values to its aggregates, and marks nothing on steps with completions", () => {
    const [report] = run([
      { type: "rewards", step: 1, rewards: { a: [1, 0] }, completions: ["x y z", "u v w"] },
      { type: "reward_stats", step: 1, fn: "a", mean: 9 },
      { type: "reward_stats", step: 1, fn: "b", mean: 0.25, count: 2 },
    ]);
    expect(report?.rewards.a?.batch.mean).toBe(0.5);
    expect(report?.rewards.a?.source).toBeUndefined();
    expect(report?.rewards.b?.batch.mean).toBe(0.25);
    expect(report?.notRun).toBeUndefined();
  });

  it("does not call a rising mean-and-std reward saturated", () => {
    const events: RewardscopeEvent[] = [];
    for (let step = 1; step <= 80; step++)
      events.push({ type: "reward_stats", step, fn: "score", mean: -1 + step * 0.02, std: 0.8 });
    const alerts = run(events).flatMap((r) => r.alerts.map((a) => a.type));
    expect(alerts).not.toContain("saturation_high");
    expect(alerts).not.toContain("variance_collapse");
  });

  it("resumes from its JSON state with the aggregate figures intact", () => {
    const events = aggregateRun(30);
    const whole = run(events);
    const first = new Monitor({ run: { name: "imported" } });
    const half = events.slice(0, 45).flatMap((e) => first.ingest(e));
    const second = new Monitor({ state: first.toState() });
    const rest = [...events.slice(45).flatMap((e) => second.ingest(e)), ...second.flush()];
    expect(JSON.stringify([...half, ...rest])).toBe(JSON.stringify(whole));
  });
});

describe("foldNotRun", () => {
  const step = (fns: string[], notRun?: string[]) =>
    ({
      rewards: Object.fromEntries(fns.map((fn) => [fn, {}])),
      ...(notRun && { notRun }),
    }) as unknown as StepReport;

  it("keeps the detectors that no step with rewards could run", () => {
    let notRun: string[] | undefined;
    for (const report of [
      step([]),
      step(["a"], ["format_gaming", "repetition"]),
      step([], ["ignored"]),
      step(["a"], ["repetition", "truncation"]),
    ])
      notRun = foldNotRun(notRun, report);
    expect(notRun).toEqual(["repetition"]);
    expect(foldNotRun(notRun, step(["a"]))).toEqual([]);
  });

  it("is what the Monitor remembers, across a resume", () => {
    const monitor = new Monitor();
    for (const event of aggregateRun(3)) monitor.ingest(event);
    monitor.flush();
    expect(monitor.detectorsNotRun).toContain("format_gaming");
    expect(new Monitor({ state: monitor.toState() }).detectorsNotRun).toEqual(monitor.detectorsNotRun);
  });
});
