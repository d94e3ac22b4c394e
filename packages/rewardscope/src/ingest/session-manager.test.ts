import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RewardscopeEvent, simulateRun } from "@rewardscope/core";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Store } from "../store/store.js";
import { type AnalysisInput, InlineAnalyst } from "./analyst.js";
import { LiveBus, type RunMessage } from "./live-bus.js";
import { SessionManager } from "./session-manager.js";
import { WorkerAnalyst } from "./worker-analyst.js";

const open: Store[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function storeAt(file: string): Promise<Store> {
  const store = await openSqliteStore(file);
  open.push(store);
  return store;
}

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), "rewardscope-sessions-")), "rewardscope.db");
}

/** The events of a simulated run, grouped by step, each group one posted batch. */
function batchesOf(
  run: string,
  steps: number,
  scenario: "healthy" | "flatline" = "healthy",
): RewardscopeEvent[][] {
  const batches: RewardscopeEvent[][] = [];
  const options = { steps, scenario, seed: 3, promptsPerStep: 2, groupSize: 4, runName: run };
  let current: number | null = null;
  for (const event of simulateRun(scenario === "flatline" ? { ...options, onset: 40 } : options)) {
    const step: number | null = event.type === "run" ? current : event.step;
    if (step !== current || batches.length === 0) batches.push([]);
    batches.at(-1)?.push(event);
    current = step;
  }
  return batches;
}

describe("SessionManager", () => {
  it("stores, analyses and publishes each step once, and a retried batch counts once", async () => {
    const store = await storeAt(tempFile());
    const bus = new LiveBus();
    const messages: RunMessage[] = [];
    bus.subscribeAll((m) => messages.push(m));
    const sessions = new SessionManager({ store, bus });
    const batches = batchesOf("r1", 10);
    for (const [i, batch] of batches.entries()) await sessions.ingest("r1", `b${i}`, batch);
    const retry = await sessions.ingest("r1", "b3", batches[3] ?? []);
    expect(retry).toMatchObject({ duplicate: true, accepted: 0, analysedSteps: [] });
    await sessions.finish("r1");
    const run = await store.getRun("r1");
    expect(run).toMatchObject({ stepCount: 10, lastStep: 9, status: "finished" });
    expect(
      messages.filter((m) => m.kind === "step").map((m) => (m.kind === "step" ? m.report.step : -1)),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const completions = await store.completions("r1", { step: 4 });
    expect(completions.total).toBeGreaterThan(0);
    expect(completions.completions[0]?.rewards).toHaveProperty("accuracy");
  });

  it("continues a run after a restart with its baselines, as if never stopped", async () => {
    const batches = batchesOf("r", 80, "flatline");
    const straightStore = await storeAt(tempFile());
    const straight = new SessionManager({ store: straightStore, bus: new LiveBus() });
    for (const [i, batch] of batches.entries()) await straight.ingest("r", `b${i}`, batch);
    await straight.finish("r");

    const file = tempFile();
    const first = await openSqliteStore(file);
    const before = new SessionManager({ store: first, bus: new LiveBus() });
    for (const [i, batch] of batches.slice(0, 50).entries()) await before.ingest("r", `b${i}`, batch);
    await first.close(); // the process dies here; batch 50 is retried by the client after the restart
    const second = await storeAt(file);
    const after = new SessionManager({ store: second, bus: new LiveBus() });
    for (const [i, batch] of batches.entries()) if (i >= 49) await after.ingest("r", `b${i}`, batch);
    await after.finish("r");

    const alertsOf = async (store: Store) =>
      (await store.alerts("r", { limit: 1000 })).alerts
        .map((a) => `${a.step}:${a.type}:${a.rewardFn ?? ""}`)
        .sort();
    expect(await alertsOf(second)).toEqual(await alertsOf(straightStore));
    expect((await alertsOf(second)).some((a) => a.includes("flatline"))).toBe(true);
    for (const step of [49, 50, 79]) {
      const [a, b] = await Promise.all([second.stepReport("r", step), straightStore.stepReport("r", step)]);
      expect(a?.rewards.accuracy?.emaLong).toBe(b?.rewards.accuracy?.emaLong);
      expect(a?.rewards.accuracy?.window).toEqual(b?.rewards.accuracy?.window);
    }
    expect(await second.getRun("r")).toMatchObject({ stepCount: 80 });
    // The alerts live in the store: the state saved with every step does not grow with them.
    expect((await second.loadState("r"))?.state.alerts).toEqual([]);
    expect((await second.loadState("r"))?.state.alertCounts.byType.flatline).toBeGreaterThan(0);
  });

  it("waits for every rank, and analyses a step without a silent rank after the timeout", async () => {
    const store = await storeAt(tempFile());
    let now = 0;
    const sessions = new SessionManager({ store, bus: new LiveBus(), stepTimeoutMs: 30_000, now: () => now });
    await sessions.ingest("ddp", null, [
      { type: "run", name: "ddp", worldSize: 2, rewardFunctions: ["acc"] },
    ]);
    await sessions.ingest("ddp", null, [{ type: "rewards", step: 0, rank: 0, rewards: { acc: [1, 0] } }]);
    const both = await sessions.ingest("ddp", null, [
      { type: "rewards", step: 0, rank: 1, rewards: { acc: [1, 1] } },
      { type: "step_end", step: 0, rank: 0 },
      { type: "step_end", step: 0, rank: 1 },
    ]);
    expect(both.analysedSteps).toEqual([0]);
    expect((await store.stepReport("ddp", 0))?.count).toBe(4);

    await sessions.ingest("ddp", null, [{ type: "rewards", step: 1, rank: 0, rewards: { acc: [1, 0] } }]);
    now = 29_000;
    await sessions.closeOverdue();
    expect(await store.stepReport("ddp", 1)).toBeNull();
    now = 31_000;
    await sessions.closeOverdue();
    const report = await store.stepReport("ddp", 1);
    expect(report?.count).toBe(2);
    expect(report?.alerts).toMatchObject([
      { type: "missing_rank", severity: "low", value: 2, evidence: { silentRank1: 1, unfinishedRank0: 1 } },
    ]);
    expect(report?.alerts[0]?.message).toBe(
      "Step 1 was analysed after 30 s without all ranks: nothing came from rank 1; rank 0 did not finish it (no step_end)",
    );
  });

  it("refuses a run event that names another run, storing nothing", async () => {
    const store = await storeAt(tempFile());
    const sessions = new SessionManager({ store, bus: new LiveBus() });
    await expect(sessions.ingest("a", null, [{ type: "run", name: "b" }])).rejects.toThrow(/names run "b"/);
    expect(await store.getRun("a")).toBeNull();
    await expect(sessions.finish("nope")).rejects.toThrow(/no run/);
  });

  it("in durable mode answers before analysis, and the worker analyses in order exactly as inline", async () => {
    const batches = batchesOf("w", 60, "flatline");
    const inlineStore = await storeAt(tempFile());
    const inline = new SessionManager({ store: inlineStore, bus: new LiveBus() });
    for (const [i, batch] of batches.entries()) await inline.ingest("w", `b${i}`, batch);
    await inline.finish("w");

    const store = await storeAt(tempFile());
    const bus = new LiveBus();
    const published: number[] = [];
    bus.subscribeAll((m) => {
      if (m.kind === "step") published.push(m.report.step);
    });
    const sessions = new SessionManager({ store, bus, analyst: new WorkerAnalyst() });
    const answers = await Promise.all(
      batches.map((batch, i) =>
        sessions.ingest("w", `b${i}`, batch, {
          ack: "durable",
          lines: batch.map((event) => JSON.stringify(event)),
        }),
      ),
    );
    expect(answers.every((a) => a.ack === "durable" && a.analysedSteps.length === 0)).toBe(true);
    await sessions.finish("w");
    await sessions.close();
    expect(published).toEqual(Array.from({ length: 60 }, (_, i) => i));
    const alertsOf = async (s: Store) =>
      (await s.alerts("w", { limit: 1000 })).alerts.map((a) => `${a.step}:${a.type}:${a.rewardFn ?? ""}`);
    expect(await alertsOf(store)).toEqual(await alertsOf(inlineStore));
    expect((await alertsOf(store)).some((a) => a.includes("flatline"))).toBe(true);
    const [a, b] = await Promise.all([store.stepReport("w", 59), inlineStore.stepReport("w", 59)]);
    expect(a?.rewards.accuracy?.emaLong).toBe(b?.rewards.accuracy?.emaLong);
  });

  it("reopens a run from the store after a failed save: no step lost, none doubled", async () => {
    const real = await storeAt(tempFile());
    let failAt: number | null = 5;
    const store = new Proxy(real, {
      get(target, key, receiver) {
        if (key === "saveStep")
          return async (run: string, write: Parameters<Store["saveStep"]>[1]) => {
            if (write.report.step === failAt) {
              failAt = null;
              throw new Error("disk full");
            }
            return target.saveStep(run, write);
          };
        const value = Reflect.get(target, key, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const bus = new LiveBus();
    const published: number[] = [];
    bus.subscribeAll((m) => {
      if (m.kind === "step") published.push(m.report.step);
    });
    const failures: string[] = [];
    const sessions = new SessionManager({ store, bus, onError: (run) => failures.push(run) });
    const batches = batchesOf("f", 10);
    const rejected: string[] = [];
    for (const [i, batch] of batches.entries())
      await sessions.ingest("f", `b${i}`, batch).catch((error: Error) => rejected.push(error.message));
    await sessions.finish("f");
    expect(rejected).toEqual(["disk full"]);
    expect(failures).toEqual(["f"]);
    expect(published).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await real.getRun("f")).toMatchObject({ stepCount: 10, lastStep: 9 });
  });

  it("closes only after every acknowledged batch is analysed, even with a rank-timeout round under way", async () => {
    const store = await storeAt(tempFile());
    const failures: unknown[] = [];
    const sessions = new SessionManager({
      store,
      bus: new LiveBus(),
      analyst: new WorkerAnalyst(),
      onError: (_run, error) => failures.push(error),
    });
    const runs = ["c0", "c1", "c2", "c3", "c4", "c5"];
    await Promise.all(
      runs.map(async (run) => {
        for (const [i, batch] of batchesOf(run, 30).entries())
          await sessions.ingest(run, `b${i}`, batch, { ack: "durable" });
      }),
    );
    const round = sessions.closeOverdue();
    await sessions.close();
    await round;
    expect(failures).toEqual([]);
    for (const run of runs) expect((await store.getRun(run))?.lastStep).toBe(28);
  });

  it("holds a durable answer back once 64 batches of its run wait for analysis", async () => {
    const store = await storeAt(tempFile());
    const gates: (() => void)[] = [];
    // Each apply waits for its gate; calls stay in order, as the Analyst contract says.
    class SlowAnalyst extends InlineAnalyst {
      private queue: Promise<unknown> = Promise.resolve();
      override apply(key: string, input: AnalysisInput, now: number) {
        const gate = new Promise<void>((resolve) => gates.push(resolve));
        const result = this.queue.then(() => gate).then(() => super.apply(key, input, now));
        this.queue = result.catch(() => {});
        return result;
      }
      override finish(key: string, now: number) {
        const result = this.queue.then(() => super.finish(key, now));
        this.queue = result.catch(() => {});
        return result;
      }
    }
    let clock = 1_000;
    const sessions = new SessionManager({
      store,
      bus: new LiveBus(),
      analyst: new SlowAnalyst(),
      now: () => clock,
    });
    expect(sessions.backlog()).toEqual({ waitingBatches: 0, oldestWaitMs: 0 });
    const batches = batchesOf("slow", 80);
    let answered = 0;
    const answers = batches.map((batch, i) =>
      sessions.ingest("slow", `b${i}`, batch, { ack: "durable" }).then(() => answered++),
    );
    while (gates.length < 65) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(64);
    // The backlog shows the stuck analysis: 65 batches handed over, the oldest waiting since the clock read 1,000.
    clock = 61_000;
    expect(sessions.backlog()).toEqual({ waitingBatches: 65, oldestWaitMs: 60_000 });
    const releasing = setInterval(() => gates.shift()?.(), 1);
    await Promise.all(answers);
    await sessions.finish("slow");
    clearInterval(releasing);
    expect((await store.getRun("slow"))?.stepCount).toBe(80);
    expect(sessions.backlog()).toEqual({ waitingBatches: 0, oldestWaitMs: 0 });
  });
});
