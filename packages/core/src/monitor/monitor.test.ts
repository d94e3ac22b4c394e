import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import type { RewardscopeEvent } from "../events/types.js";
import { simulateRun } from "../simulate/simulate-run.js";
import { Monitor } from "./monitor.js";
import type { StepReport } from "./report.js";

function ingestAll(monitor: Monitor, events: Iterable<RewardscopeEvent>): StepReport[] {
  const reports: StepReport[] = [];
  for (const event of events) reports.push(...monitor.ingest(event));
  reports.push(...monitor.flush());
  return reports;
}

describe("Monitor", () => {
  it("turns events into one report per step with the statistics of each function", () => {
    const monitor = new Monitor();
    const reports = ingestAll(monitor, [
      { type: "run", name: "tiny", rewardFunctions: ["acc", "fmt"] },
      {
        type: "rewards",
        step: 0,
        rewards: { acc: [0, 2, 2, null], fmt: [1, 1, 0, 1] },
        groups: [0, 0, 1, 1],
      },
      { type: "metrics", step: 0, values: { loss: 0.5, kl: 0.01 } },
      { type: "calls", step: 0, fn: "acc", calls: 1, errors: 0, totalMs: 4, nulls: 1 },
      { type: "rewards", step: 1, rewards: { acc: [2, 2], fmt: [1, 1] } },
    ]);
    expect(reports.map((r) => r.step)).toEqual([0, 1]);
    const [first] = reports;
    expect(first?.count).toBe(4);
    expect(first?.rewards.acc?.batch).toMatchObject({ count: 3, mean: 4 / 3, min: 0, max: 2, median: 2 });
    expect(first?.rewards.acc?.nullCount).toBe(1);
    expect(first?.rewards.fmt?.batch.mean).toBe(0.75);
    // Totals per completion: 1, 3, 2, 1 (the null is skipped).
    expect(first?.aggregate.total.mean).toBe(7 / 4);
    expect(first?.aggregate.sumOfMeans).toBeCloseTo(4 / 3 + 0.75, 12);
    expect(first?.groups?.groups).toBe(2);
    expect(first?.metrics).toEqual({ loss: 0.5, kl: 0.01 });
    expect(first?.calls.acc).toMatchObject({ calls: 1, avgMs: 4, errorRate: 0 });
    expect(monitor.run).toMatchObject({ name: "tiny", rewardFunctions: ["acc", "fmt"], worldSize: 1 });
    expect(monitor.steps).toBe(2);
  });

  it("resumes from its JSON state exactly where an uninterrupted monitor would be", () => {
    const events = [...simulateRun({ steps: 240, scenario: "flatline", seed: 4, onset: 150 })];
    const straight = ingestAll(new Monitor(), events);
    const cut = events.findIndex((e) => e.type === "rewards" && e.step === 120);
    const first = new Monitor();
    const before = ingestAll(first, events.slice(0, cut));
    const saved = JSON.parse(JSON.stringify(first.toState()));
    const resumed = new Monitor({ state: saved });
    const after = ingestAll(resumed, events.slice(cut));
    expect(JSON.parse(JSON.stringify([...before, ...after]))).toEqual(JSON.parse(JSON.stringify(straight)));
    expect(resumed.alerts().some((a) => a.type === "flatline")).toBe(true);
    expect(resumed.alerts()).toEqual(
      new Monitor({ state: JSON.parse(JSON.stringify(resumed.toState())) }).alerts(),
    );
  });

  it("keeps a bounded state however long the run", () => {
    const stateSize = (steps: number) => {
      const monitor = new Monitor({ config: { window: 200 } });
      for (const event of simulateRun({
        steps,
        scenario: "healthy",
        seed: 2,
        promptsPerStep: 2,
        groupSize: 4,
      }))
        monitor.ingest(event);
      return JSON.stringify(monitor.toState()).length;
    };
    expect(stateSize(2000)).toBeLessThan(stateSize(400) * 1.5);
  });

  it("applies user threshold rules to any series", () => {
    const monitor = new Monitor({
      config: { rules: [{ series: "memory_mb", above: 8000, severity: "high" }] },
    });
    const reports = ingestAll(monitor, [
      { type: "metrics", step: 0, values: { memory_mb: 7000 } },
      { type: "metrics", step: 1, values: { memory_mb: 9000 } },
    ]);
    expect(reports[0]?.alerts).toEqual([]);
    expect(reports[1]?.alerts).toMatchObject([
      { type: "threshold", severity: "high", metric: "memory_mb", value: 9000 },
    ]);
  });

  it("counts every alert but stores only the most recent", () => {
    const monitor = new Monitor({
      maxStoredAlerts: 2,
      config: {
        rules: [{ series: "loss", above: 0, severity: "low" }],
        alerts: { dedupeSteps: 0, maxPerWindow: 100 },
      },
    });
    ingestAll(
      monitor,
      [0, 1, 2, 3].map((step) => ({ type: "metrics" as const, step, values: { loss: 1 } })),
    );
    expect(monitor.alerts().map((a) => a.step)).toEqual([2, 3]);
    expect(monitor.alertCounts()).toEqual({ bySeverity: { low: 4 }, byType: { threshold: 4 } });
  });

  it("assembles a step from several ranks before analysing it", () => {
    const monitor = new Monitor();
    monitor.ingest({ type: "run", name: "ddp", worldSize: 2 });
    expect(monitor.ingest({ type: "rewards", step: 0, rank: 0, rewards: { acc: [1] } })).toEqual([]);
    expect(monitor.ingest({ type: "rewards", step: 1, rank: 0, rewards: { acc: [1] } })).toEqual([]);
    const [report] = monitor.ingest({ type: "rewards", step: 1, rank: 1, rewards: { acc: [0] } });
    expect(report?.step).toBe(0);
    expect(report?.count).toBe(1);
  });

  it("refuses what it cannot honour, with the field", () => {
    const monitor = new Monitor();
    monitor.ingest({ type: "rewards", step: 3, rewards: { acc: [1] } });
    monitor.flush();
    expect(() => monitor.analyze({ step: 2, rewards: {}, metrics: {}, calls: {} })).toThrow(RewardscopeError);
    expect(() => monitor.ingest({ type: "run", name: "x", worldSize: 4 })).toThrow(/worldSize/);
    expect(() => new Monitor({ state: { version: 2 } as never })).toThrow(/state.version/);
    expect(() => new Monitor({ config: { window: -1 } })).toThrow(/window/);
    expect(monitor.ingest({ type: "rewards", step: 1, rewards: { acc: [1] } })).toEqual([]);
    expect(monitor.lateEvents).toBe(1);
  });
});
