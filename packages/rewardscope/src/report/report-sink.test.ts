import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { simulateRun } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { LiveBus } from "../ingest/live-bus.js";
import { SessionManager } from "../ingest/session-manager.js";
import { startServer } from "../serve/start-server.js";
import { attachSinks } from "../sinks/sink.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import { batchesByStep, tempDir } from "./report-fixture.case.js";
import { createReportSink } from "./report-sink.js";

const small = { promptsPerStep: 2, groupSize: 2, seed: 3 };

describe("the report sink", () => {
  it("writes a report every N steps and once when the run finishes", async () => {
    const dir = tempDir();
    const store = await openSqliteStore(join(dir, "rewardscope.db"));
    const bus = new LiveBus();
    const written: { run: string; dir: string; lastStep: number | null }[] = [];
    const warnings: string[] = [];
    const sink = createReportSink({
      store,
      dataDir: dir,
      schedule: { everySteps: 10, onFinish: true },
      warn: (m) => warnings.push(m),
      write: async (s, run, out) => {
        written.push({ run, dir: out, lastStep: (await s.getRun(run))?.lastStep ?? null });
      },
    });
    const detach = attachSinks(bus, [sink]);
    const sessions = new SessionManager({ store, bus });
    const batches = batchesByStep(simulateRun({ ...small, steps: 25, runName: "r" }));
    for (const [i, batch] of batches.entries()) await sessions.ingest("r", `b${i}`, batch);
    await sessions.finish("r");
    await sessions.finish("r");
    await sink.close();
    detach();
    await store.close();
    expect(written.map((w) => w.run)).toEqual(["r", "r", "r"]);
    expect(written[0]?.dir).toBe(join(dir, "reports", "r"));
    // Reports at steps 9 and 19 (the first 10 and 20 steps), then at the end (step 24).
    expect(written.map((w) => w.lastStep)).toEqual([expect.any(Number), expect.any(Number), 24]);
    expect(written[0]?.lastStep).toBeGreaterThanOrEqual(9);
    expect(written[1]?.lastStep).toBeGreaterThanOrEqual(19);
    expect(warnings).toEqual([]);
  });

  it("warns about a failed report and keeps going", async () => {
    const warnings: string[] = [];
    const store = await openSqliteStore(":memory:");
    const sink = createReportSink({
      store,
      dataDir: tempDir(),
      schedule: { everySteps: null, onFinish: true },
      warn: (m) => warnings.push(m),
      write: async () => {
        throw new Error("disk full");
      },
    });
    const record = { name: "r", status: "finished", lastStep: 3 } as never;
    sink.handle({ kind: "run", run: "r", record });
    await sink.close();
    await store.close();
    expect(warnings).toEqual(["report of r failed: disk full"]);
  });

  it("writes one report at a time when several runs finish together", async () => {
    const store = await openSqliteStore(":memory:");
    const log: string[] = [];
    const sink = createReportSink({
      store,
      dataDir: tempDir(),
      schedule: { everySteps: null, onFinish: true },
      write: async (_s, run) => {
        log.push(`start ${run}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        log.push(`end ${run}`);
      },
    });
    for (const run of ["a", "b", "c"])
      sink.handle({ kind: "run", run, record: { name: run, status: "finished", lastStep: 9 } as never });
    await sink.close();
    await store.close();
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });
});

describe("rewardscope serve and reports", () => {
  it.each(["inline", "worker"] as const)(
    "writes DATA/reports/RUN when a run posted over HTTP is finished (%s)",
    async (reportWriter) => {
      const dataDir = tempDir();
      const server = await startServer({ dataDir, host: "127.0.0.1", port: 0, console: null, reportWriter });
      let closed = false;
      try {
        // One POST per step, as a trainer sends them (each step's events share one batchId).
        for (const batch of batchesByStep(simulateRun({ ...small, steps: 30, runName: "live" }))) {
          const post = await fetch(`${server.url}/api/v1/runs/live/events`, {
            method: "POST",
            headers: { "content-type": "application/x-ndjson" },
            body: batch.map((e) => JSON.stringify(e)).join("\n"),
          });
          expect(post.status, await post.clone().text()).toBe(200);
        }
        expect((await fetch(`${server.url}/api/v1/runs/live/finish`, { method: "POST" })).status).toBe(200);
        // Closing the server waits for the sinks: the report is complete afterwards.
        await server.close();
        closed = true;
        const folder = join(dataDir, "reports", "live");
        for (const file of ["report.html", "dashboard.png", "monitoring_data.json", "metrics_history.csv"])
          expect(existsSync(join(folder, file)), file).toBe(true);
        const data = JSON.parse(readFileSync(join(folder, "monitoring_data.json"), "utf8"));
        expect(data).toMatchObject({
          stepCount: 30,
          run: { name: "live", status: "finished", lastStep: 29 },
        });
      } finally {
        if (!closed) await server.close();
      }
    },
  );
});
