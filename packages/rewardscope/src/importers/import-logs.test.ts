import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { simulateRun } from "@rewardscope/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  completionsParquet,
  put,
  pythonJson,
  tempFolder,
  trainerStateNewer,
  verlMetricsJsonl,
} from "./fixtures.case.js";
import { importLogs } from "./import-logs.js";
import { type LocalIngest, openLocalIngest } from "./local-ingest.js";

let folder: Awaited<ReturnType<typeof tempFolder>>;
let local: LocalIngest;
beforeEach(async () => {
  folder = await tempFolder();
  local = await openLocalIngest(join(folder.dir, "data"));
});
afterEach(async () => {
  await local.close();
  await folder.remove();
});

/** A TRL output folder: two checkpoints (each with the history so far) and a completions parquet file. */
async function trlOutput(): Promise<string> {
  const out = join(folder.dir, "qwen-grpo");
  for (const step of [20, 40]) {
    await mkdir(join(out, `checkpoint-${step}`), { recursive: true });
    await put(out, `checkpoint-${step}/trainer_state.json`, pythonJson(trainerStateNewer(step)));
  }
  await mkdir(join(out, "completions"));
  await put(out, "completions/completions_00040.parquet", completionsParquet(40));
  return out;
}

describe("importLogs", () => {
  it("streams a log of large steps in several batches, and stores nothing twice when it is imported again", async () => {
    // 60 steps of 128 completions: each rewards event weighs ~385 of a batch's 20,000 values.
    const events = [...simulateRun({ steps: 60, promptsPerStep: 16, groupSize: 8, seed: 9, runName: "x" })];
    const path = await put(folder.dir, "big.jsonl", `${events.map((e) => JSON.stringify(e)).join("\n")}\n`);
    const appended: number[] = [];
    const append = local.store.appendEvents.bind(local.store);
    local.store.appendEvents = async (run, batchId, batch, lines) => {
      appended.push(batch.length);
      return append(run, batchId, batch, lines);
    };
    const [first] = await importLogs([path], { ingest: local.sessions, bus: local.bus, run: "big" });
    expect(first?.logs[0]).toMatchObject({ format: "events", events: events.length, problems: [] });
    expect(first?.accepted).toBe(events.length);
    expect(appended.length).toBeGreaterThan(1);
    expect(appended.reduce((a, b) => a + b, 0)).toBe(events.length);
    const [again] = await importLogs([path], { ingest: local.sessions, bus: local.bus, run: "big" });
    expect(again?.accepted).toBe(0);
    expect(await local.store.getRun("big")).toMatchObject({ stepCount: 60, lastStep: 59 });
  });

  it("imports a TRL output folder as one run, analysed and stored as the server would", async () => {
    const [run] = await importLogs([await trlOutput()], { ingest: local.sessions, bus: local.bus });
    expect(run?.run).toBe("qwen-grpo");
    expect(run?.logs.map((l) => [l.path.split("/").slice(-2).join("/"), l.format])).toEqual([
      ["checkpoint-40/trainer_state.json", "trl-trainer-state"],
      ["completions/completions_00040.parquet", "trl-completions"],
    ]);
    expect(run?.tally.steps).toBe(40);
    expect(run?.rewardFunctions.sort()).toEqual(["accuracy", "format"]);
    // format is 0 for every completion of the trainer log: a flatline; accuracy saturates at 1.
    expect(Object.keys(run?.tally.alertsByType ?? {})).toEqual(
      expect.arrayContaining(["flatline", "saturation_high", "variance_collapse", "zero_std_groups"]),
    );
    const stored = await local.store.getRun("qwen-grpo");
    expect(stored).toMatchObject({ status: "finished", stepCount: 40, lastStep: 40 });
    const { alerts } = await local.store.alerts("qwen-grpo", { types: ["flatline"] });
    expect(alerts).toContainEqual(expect.objectContaining({ rewardFn: "format", step: 5 }));
    // Step 40 had completions: its values win over the aggregates, and they were analysed.
    const report = await local.store.stepReport("qwen-grpo", 40);
    expect(report?.rewards.accuracy?.source).toBeUndefined();
    expect(report?.quality?.analysed).toBe(4);
    expect(report?.notRun).toBeUndefined();
    expect((await local.store.stepReport("qwen-grpo", 39))?.notRun).toContain("format_gaming");
  });

  it("stores a log imported twice once", async () => {
    const path = await put(folder.dir, "verl.jsonl", verlMetricsJsonl(6));
    const [first] = await importLogs([path], { ingest: local.sessions, bus: local.bus });
    const [second] = await importLogs([path], { ingest: local.sessions, bus: local.bus });
    expect(first?.accepted).toBeGreaterThan(0);
    expect(second?.accepted).toBe(0);
    expect((await local.store.getRun("verl"))?.stepCount).toBe(6);
  });

  it("puts several paths into one run with --run, in step order", async () => {
    const a = await put(folder.dir, "a.jsonl", verlMetricsJsonl(3));
    const b = await put(folder.dir, "b.jsonl", '{"step":2,"data":{"actor/pg_loss":0.5}}\n');
    const runs = await importLogs([a, b], { ingest: local.sessions, bus: local.bus, run: "both" });
    expect(runs.map((r) => r.run)).toEqual(["both"]);
    expect((await local.store.stepReport("both", 2))?.metrics).toMatchObject({
      "actor/pg_loss": 0.5,
      "actor/kl_loss": 0.001,
    });
  });

  it("says what it found nothing in", async () => {
    await mkdir(join(folder.dir, "empty"));
    await expect(
      importLogs([join(folder.dir, "empty")], { ingest: local.sessions, bus: local.bus }),
    ).rejects.toThrow(/empty: no logs found/);
    await expect(
      importLogs([join(folder.dir, "nope")], { ingest: local.sessions, bus: local.bus }),
    ).rejects.toThrow(/nope: no such file/);
  });
});
