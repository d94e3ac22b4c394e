import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseEventLine, type StepReport } from "@rewardscope/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { storeWithSimulatedRun, tempDir } from "../report/report-fixture.case.js";
import { startServer } from "../serve/start-server.js";
import type { SqliteStore } from "../store/sqlite/sqlite-store.js";
import type { Store } from "../store/store.js";
import type { ExportOutput } from "./export-format.js";
import { exportFormat } from "./formats.js";

const RUN = "moving-run";
const STEPS = 40;
let source: SqliteStore;
let jsonl: string;

/** Writes an export into a string. */
async function exportText(store: Store, format: string): Promise<string> {
  let text = "";
  const out: ExportOutput = {
    write: async (chunk) => {
      text += String(chunk);
    },
  };
  await exportFormat(format).write(store, RUN, out);
  return text;
}

/** What analysis makes of a step, without its alerts (their dedupe state is the run's, compared apart). */
function analysed(report: StepReport | null): Omit<StepReport, "alerts"> | null {
  if (!report) return null;
  const { alerts: _alerts, ...rest } = report;
  return rest;
}

beforeAll(async () => {
  ({ store: source } = await storeWithSimulatedRun({
    runName: RUN,
    steps: STEPS,
    scenario: "reward_fn_errors",
    seed: 4,
    promptsPerStep: 2,
    groupSize: 4,
    onset: 20,
  }));
  jsonl = await exportText(source, "jsonl");
}, 120_000);

afterAll(async () => {
  await source?.close();
});

describe("export --format jsonl", () => {
  it("writes valid events: the run, then rewards, metrics, calls and step_end for every step", () => {
    const events = jsonl
      .trimEnd()
      .split("\n")
      .map((line) => parseEventLine(line));
    expect(events[0]).toMatchObject({ type: "run", name: RUN, worldSize: 1 });
    const steps = new Set(events.flatMap((e) => (e.type === "step_end" ? [e.step] : [])));
    expect(steps.size).toBe(STEPS);
    const rewards = events.filter((e) => e.type === "rewards");
    expect(rewards).toHaveLength(STEPS);
    // Every completion of these small steps was kept, so the texts and groups come back.
    for (const e of rewards)
      expect(e.type === "rewards" && e.completions?.length === 8 && e.groups?.length).toBe(8);
  });

  it("is analysed by `rewardscope analyze` into the same step reports as the store's", async () => {
    const dir = tempDir("rewardscope-export-");
    const file = join(dir, `${RUN}.jsonl`);
    writeFileSync(file, jsonl);
    const out: string[] = [];
    const code = await runCli(["analyze", file, "--strict", "--quiet", "--json", join(dir, "out.json")], {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
    });
    expect(code, out.join("")).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, "out.json"), "utf8")) as { steps: StepReport[] };
    expect(result.steps).toHaveLength(STEPS);
    for (const step of result.steps) {
      const original = await source.stepReport(RUN, step.step);
      for (const [fn, stats] of Object.entries(original?.rewards ?? {})) {
        expect(step.rewards[fn]?.batch.mean).toBe(stats.batch.mean);
        expect(step.rewards[fn]?.nullCount).toBe(stats.nullCount);
      }
      expect(step.metrics).toEqual(original?.metrics);
      expect(step.calls).toEqual(original?.calls);
    }
  });

  it("moves the run to another server over HTTP: the same analysis, the same alerts", async () => {
    const server = await startServer({
      dataDir: tempDir("rewardscope-export-"),
      host: "127.0.0.1",
      port: 0,
      console: null,
    });
    try {
      const post = await fetch(`${server.url}/api/v1/runs/${RUN}/events`, {
        method: "POST",
        headers: { "content-type": "application/x-ndjson" },
        body: jsonl,
      });
      expect(post.status, await post.clone().text()).toBe(200);
      expect((await fetch(`${server.url}/api/v1/runs/${RUN}/finish`, { method: "POST" })).status).toBe(200);
      for (let step = 0; step < STEPS; step++)
        expect(analysed(await server.store.stepReport(RUN, step))).toEqual(
          analysed(await source.stepReport(RUN, step)),
        );
      const alertsOf = async (store: Store) =>
        (await store.alerts(RUN, { limit: 1000 })).alerts.map((a) => [
          a.step,
          a.type,
          a.rewardFn,
          a.severity,
        ]);
      const moved = await alertsOf(server.store);
      expect(moved).toEqual(await alertsOf(source));
      expect(moved.some(([, type]) => type === "error_rate")).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe("export --format csv and json", () => {
  it("csv: a header of every series, one row per step", async () => {
    const lines = (await exportText(source, "csv")).trimEnd().split("\r\n");
    expect(lines[0]).toBe(["step", ...(await source.seriesNames(RUN))].join(","));
    expect(lines.slice(1).map((l) => Number(l.split(",")[0]))).toEqual(
      Array.from({ length: STEPS }, (_, i) => i),
    );
  });

  it("json: the run, every alert and every series at full resolution", async () => {
    const doc = JSON.parse(await exportText(source, "json"));
    expect(doc.version).toBe(1);
    expect(doc.run.name).toBe(RUN);
    expect(doc.steps).toBe(STEPS);
    expect(doc.alerts).toEqual((await source.alerts(RUN, { limit: 1000 })).alerts);
    const names = await source.seriesNames(RUN);
    expect(Object.keys(doc.series)).toEqual(names);
    const [kl] = await source.series(RUN, { names: ["kl"] });
    expect(doc.series.kl).toEqual({ steps: kl?.steps, values: kl?.values });
  });
});
