import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RewardscopeEvent } from "@rewardscope/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkSteps,
  getRun,
  PER_STEP,
  ReferenceRun,
  recordProblems,
} from "../../hardening/crash-check.case.js";
import { newWriterLog, runRankWriter, ServerSlot } from "../../hardening/crash-writer.case.js";
import { seededRandom } from "../../hardening/seeded-random.case.js";
import { ensureBuilt, type ServeProcess, startServe } from "../../hardening/serve-process.case.js";
import { simulatedRun } from "../step-writes.case.js";
import type { RunRecord } from "../store.js";
import { openPgStore } from "./pg-store.js";
import { startTestCluster, type TestCluster } from "./test-cluster.case.js";

const RUN = "shared-run";
const STEPS = 90;
/** The step whose batch is the last one server A receives before it is killed. */
const KILL_AFTER = 40;

let cluster: TestCluster | null = null;
const servers: ServeProcess[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  cluster = await startTestCluster();
}, 180_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.crash()));
  await cluster?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function serve(url: string, ...args: string[]): Promise<ServeProcess> {
  const dir = mkdtempSync(join(tmpdir(), "rewardscope-two-"));
  dirs.push(dir);
  const server = await startServe(["--store", url, "--data", dir, ...args]);
  servers.push(server);
  return server;
}

interface IngestAnswer {
  duplicate: boolean;
  accepted: number;
  analysedSteps: number[];
}

/** Posts one batch under its idempotency key; null when the server is gone (the writer then retries elsewhere). */
async function post(server: ServeProcess, key: string, events: RewardscopeEvent[]): Promise<unknown> {
  try {
    const response = await fetch(`${server.url}/api/v1/runs/${RUN}/events`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify(events),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    return await response.json();
  } catch (error) {
    if ((error as Error).name === "AssertionError") throw error;
    return null;
  }
}

async function runRecord(server: ServeProcess): Promise<RunRecord> {
  const response = await fetch(`${server.url}/api/v1/runs/${RUN}`);
  return (await response.json()) as RunRecord;
}

/** Batches of the simulated run: the run event with step 0, then one batch per step. */
function batchesByStep(events: RewardscopeEvent[]): RewardscopeEvent[][] {
  const batches: RewardscopeEvent[][] = [];
  for (const event of events) {
    const step = event.type === "run" ? 0 : event.step;
    batches[step] = [...(batches[step] ?? []), event];
  }
  return batches;
}

describe("two servers on one PostgreSQL database", () => {
  it("share a run: the owner analyses what both store, and when it is killed the other takes over", async () => {
    const url = cluster?.url ?? expect.unreachable("no cluster");
    const sim = simulatedRun({ steps: STEPS, scenario: "format_gaming", onset: 60, seed: 7 });
    const [a, b] = [await serve(url), await serve(url)];
    const batches = batchesByStep([{ ...sim.run, name: RUN }, ...sim.events]);
    expect(batches).toHaveLength(STEPS);

    // A receives the first batch, so A owns the run; then the writer alternates, as a trainer behind a load
    // balancer would. B stores its batches durably and A analyses them.
    const analysedBy = { a: [] as number[], b: [] as number[] };
    for (let step = 0; step <= KILL_AFTER; step++) {
      const target = step % 2 === 0 ? a : b;
      const answer = (await post(target, `step-${step}`, batches[step] ?? [])) as IngestAnswer;
      (target === a ? analysedBy.a : analysedBy.b).push(...answer.analysedSteps);
    }
    // B never analysed: it is not the owner. A analysed steps whose batches went to B (the odd ones).
    expect(analysedBy.b).toEqual([]);
    expect(analysedBy.a.some((step) => step % 2 === 1)).toBe(true);
    // A's Monitor has analysed B's batches too (the steps before the open one are saved).
    await waitFor(
      async () => (await runRecord(b)).lastStep === KILL_AFTER - 1,
      "A to analyse up to the kill",
    );

    // Before any new batch, B finds the run orphaned (events stored after A's saved state, no lease) and takes it.
    const probe = await openPgStore(url);
    try {
      const owner = async () =>
        (
          await probe.sql.query<{ pid: number }>(
            `SELECT l.pid FROM pg_locks l JOIN runs r ON l.objid = r.id::oid
             WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.granted AND r.name = $1`,
            [RUN],
          )
        ).rows[0]?.pid;
      const ownerBefore = await owner();
      expect(ownerBefore).toBeDefined();
      await a.crash();
      await waitFor(async () => ![undefined, ownerBefore].includes(await owner()), "B to take the run over");
    } finally {
      await probe.close();
    }
    // The writer keeps going: what it would have sent to A goes to B, which now takes the run over.
    for (let step = KILL_AFTER + 1; step < STEPS; step++) {
      const first = step % 2 === 0 ? a : b;
      const batch = batches[step] ?? [];
      const answer = ((await post(first, `step-${step}`, batch)) ??
        (await post(b, `step-${step}`, batch))) as IngestAnswer;
      expect(answer.accepted).toBe(batch.length);
      analysedBy.b.push(...answer.analysedSteps);
    }
    // A retried batch from before the kill is recognised by B.
    expect(await post(b, "step-3", batches[3] ?? [])).toMatchObject({ duplicate: true, accepted: 0 });
    const finished = await fetch(`${b.url}/api/v1/runs/${RUN}/finish`, { method: "POST" });
    expect(finished.status).toBe(200);
    await waitFor(async () => (await runRecord(b)).stepCount === STEPS, "B to analyse every step");
    // B took the run over where A's saved state ended: it analysed the step A left open and every later one.
    expect(Math.min(...analysedBy.b)).toBe(KILL_AFTER);

    // Every step exactly once, each the same as one uninterrupted Monitor makes of the same events.
    const store = await openPgStore(url);
    try {
      const record = await store.getRun(RUN);
      expect(record).toMatchObject({ stepCount: STEPS, lastStep: STEPS - 1, status: "finished" });
      for (const write of sim.writes) {
        const report = await store.stepReport(RUN, write.report.step);
        expect(report?.alerts, `step ${write.report.step}`).toEqual(write.report.alerts);
        expect(report?.rewards, `step ${write.report.step}`).toEqual(write.report.rewards);
      }
      const alerts = (await store.alerts(RUN, { limit: 1000 })).alerts;
      const expected = [...sim.writes].reverse().flatMap((w) => w.report.alerts);
      expect(alerts).toEqual(expected);
      // Alerts continue after the takeover: the pathology starts after the kill and is caught by B.
      expect(alerts.some((alert) => alert.step > KILL_AFTER && alert.type === "format_gaming")).toBe(true);
      expect(await store.eventsAfter(RUN, 0)).toEqual([]);
    } finally {
      await store.close();
    }
    // Every live server on the database may take any orphaned run: B must not join the next test.
    await b.stop();
  }, 180_000);

  it("serve two ranks writing at once to two servers killed in turn: every batch once, every step exact", async () => {
    const url = cluster?.url ?? expect.unreachable("no cluster");
    // Every completion kept, so that a lost or doubled one shows (hardening/crash-check.case.ts).
    const args = ["--completions-per-step", String(PER_STEP)];
    const live = [await serve(url, ...args), await serve(url, ...args)];
    // Rank r writes to server r; while that one is down, to the other.
    const slots = live.map((server) => {
      const slot = new ServerSlot();
      slot.up(server);
      return slot;
    });
    const logs = [newWriterLog(), newWriterLog()];
    let lastStep = Number.POSITIVE_INFINITY;
    const writers = logs.map((log, rank) =>
      runRankWriter(slots[rank] as ServerSlot, rank, () => lastStep, log, seededRandom(100 + rank)),
    );
    for (const writer of writers) writer.catch(() => {});
    const random = seededRandom(5);
    for (let kill = 0; kill < 4; kill++) {
      const [victim, survivor] = kill % 2 === 0 ? [0, 1] : [1, 0];
      const slot = slots[victim] as ServerSlot;
      await waitFor(async () => slot.acksSinceStart > 0, "an acknowledgement before the kill");
      await new Promise((resolve) => setTimeout(resolve, random() * 300));
      slot.down();
      await live[victim]?.crash();
      slot.up(live[survivor] as ServeProcess);
      live[victim] = await serve(url, ...args);
      await waitFor(async () => slot.acksSinceStart > 2, "the writer to go on with the survivor");
      slot.up(live[victim] as ServeProcess);
    }
    lastStep = Math.max(...logs.map((log) => log.step)) + 3;
    await Promise.all(writers);
    expect(logs.flatMap((log) => log.problems)).toEqual([]);
    const reader = (live[0] as ServeProcess).url;
    await waitFor(async () => (await getRun(reader))?.stepCount === lastStep + 1, "every step analysed");
    expect(recordProblems(await getRun(reader))).toEqual([]);
    expect(await checkSteps(reader, 0, lastStep, new ReferenceRun())).toEqual([]);
  }, 300_000);
});

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
