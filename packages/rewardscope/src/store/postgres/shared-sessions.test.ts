import { type RewardscopeEvent, simulateRun } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { LiveBus } from "../../ingest/live-bus.js";
import { SessionManager } from "../../ingest/session-manager.js";
import { openPgStore, type PgStore } from "./pg-store.js";
import { openPgRunLeases, type PgRunLeases } from "./run-leases.js";
import { clusterFixture } from "./test-cluster.case.js";

const cluster = clusterFixture();

/** One server in this process: its store connection, its leases and its session manager. */
async function server(): Promise<{ store: PgStore; leases: PgRunLeases; sessions: SessionManager }> {
  const store = await openPgStore(cluster.url());
  const leases = await openPgRunLeases(store, { pollMs: 100 });
  const sessions = new SessionManager({ store, bus: new LiveBus(), leases });
  cluster.closeAtEnd(
    () => store.close(),
    () => leases.close(),
    () => sessions.close(),
  );
  return { store, leases, sessions };
}

/** A simulated run's events, one batch per step. */
function batches(run: string, steps: number): RewardscopeEvent[][] {
  const out: RewardscopeEvent[][] = [];
  for (const event of simulateRun({ steps, seed: 5, promptsPerStep: 2, groupSize: 4, runName: run })) {
    const step = event.type === "run" ? 0 : event.step;
    out[step] = [...(out[step] ?? []), event];
  }
  return out;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("session managers sharing a PostgreSQL store", () => {
  it("leave a run to its owner, finish it through another server, and hand it over on a clean stop", async () => {
    const [a, b] = [await server(), await server()];
    const run = "shared-sessions";
    const steps = batches(run, 4);
    const stepCount = async () => (await a.store.getRun(run))?.stepCount ?? 0;

    expect((await a.sessions.ingest(run, "s0", steps[0] ?? [])).analysedSteps).toEqual([]);
    expect(a.leases.holds(run)).toBe(true);
    // B stores step 1 without analysing it; A, told by notification, analyses step 0 (closed by step 1).
    const fromB = await b.sessions.ingest(run, "s1", steps[1] ?? []);
    expect(fromB).toMatchObject({ duplicate: false, accepted: steps[1]?.length, analysedSteps: [] });
    expect(b.leases.holds(run)).toBe(false);
    await until(async () => (await stepCount()) === 1, "A to analyse step 0");

    // A finish sent to B: B marks the run finished, A closes the open step 1.
    await b.sessions.finish(run);
    await until(async () => (await stepCount()) === 2, "A to close step 1 after the finish");
    expect((await a.store.getRun(run))?.status).toBe("finished");

    // A stops cleanly (its leases go with it): B takes the run at its next batch and carries on.
    await a.sessions.close();
    await a.leases.close();
    const after = await b.sessions.ingest(run, "s2", steps[2] ?? []);
    expect(b.leases.holds(run)).toBe(true);
    expect(after.analysedSteps).toEqual([]);
    expect((await b.sessions.ingest(run, "s3", steps[3] ?? [])).analysedSteps).toEqual([2]);
    expect(await b.store.stepReport(run, 2)).not.toBeNull();
    expect(await b.store.eventsAfter(run, 0)).toHaveLength(steps[3]?.length ?? 0);
  });
});
