import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RewardscopeError, seriesOf } from "@rewardscope/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createJsonlSink } from "./jsonl-sink.js";
import { messagesOf, simulatedReports } from "./simulated-messages.case.js";

async function readJsonl(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, "utf8");
  expect(text.endsWith("\n")).toBe(true);
  return text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const REPORTS = simulatedReports();
const T0 = Date.parse("2025-03-01T12:00:00.000Z");
let root = "";

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "rewardscope-jsonl-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("createJsonlSink", () => {
  it("creates the directory and writes every alert and one metrics line per step", async () => {
    const dir = join(root, "nested", "out");
    let t = T0;
    const sink = createJsonlSink({ dir, now: () => (t += 1000), after: () => () => {} });
    for (const message of messagesOf("sim", REPORTS)) sink.handle(message);
    await sink.close();
    await sink.close();

    const alerts = await readJsonl(join(dir, "alerts.jsonl"));
    const expected = REPORTS.flatMap((r) => r.alerts);
    expect(alerts).toEqual(expected.map((alert) => ({ run: "sim", ...JSON.parse(JSON.stringify(alert)) })));
    expect(alerts.map((a) => a.type)).toEqual(["flatline", "variance_collapse", "saturation_low", "drop"]);

    const metrics = await readJsonl(join(dir, "metrics.jsonl"));
    expect(metrics.length).toBe(30);
    expect(metrics.map((m) => m.step)).toEqual(REPORTS.map((r) => r.step));
    expect(metrics[0]).toMatchObject({ run: "sim", step: 0, time: "2025-03-01T12:00:01.000Z" });
    expect(Object.keys(metrics[0]!).slice(0, 3)).toEqual(["run", "step", "time"]);
    const last = REPORTS[29]!;
    expect(metrics[29]).toEqual({
      run: "sim",
      step: 29,
      time: "2025-03-01T12:00:30.000Z",
      ...seriesOf(last),
    });
    expect(metrics[29]!["accuracy.batch.mean"]).toBe(0);
  });

  it("appends when the flush timer fires, and appends to files that exist", async () => {
    await writeFile(join(root, "alerts.jsonl"), '{"old":true}\n');
    const timers: { ms: number; fn: () => void }[] = [];
    const after = (ms: number, fn: () => void) => {
      timers.push({ ms, fn });
      return () => {};
    };
    const sink = createJsonlSink({ dir: root, after });
    sink.handle({ kind: "alert", run: "r", alert: REPORTS[14]!.alerts[0]! });
    sink.handle({ kind: "alert", run: "r", alert: REPORTS[14]!.alerts[1]! });
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    timers[0]!.fn();
    let lines: Record<string, unknown>[] = [];
    for (let i = 0; i < 100 && lines.length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      lines = await readJsonl(join(root, "alerts.jsonl"));
    }
    expect(lines.map((l) => l.type ?? "old")).toEqual(["old", "flatline", "variance_collapse"]);
    await sink.close();
  });

  it("renames series that collide with the line's own fields", async () => {
    const sink = createJsonlSink({ dir: root });
    const report = REPORTS[3]!;
    sink.handle({ kind: "step", run: "r", report: { ...report, metrics: { step: 7, time: 1.5, kl: 0.1 } } });
    await sink.close();
    const [line] = await readJsonl(join(root, "metrics.jsonl"));
    expect(line).toMatchObject({ run: "r", step: 3, "series.step": 7, "series.time": 1.5, kl: 0.1 });
    expect(typeof line!.time).toBe("string");
  });

  it("keeps at most maxPendingLines, dropping metrics before alerts, and warns once", async () => {
    const warnings: string[] = [];
    const sink = createJsonlSink({
      dir: root,
      maxPendingLines: 10,
      after: () => () => {},
      warn: (message) => warnings.push(message),
    });
    for (const message of messagesOf("sim", REPORTS)) sink.handle(message);
    await sink.close();
    expect((await readJsonl(join(root, "alerts.jsonl"))).length).toBe(4);
    const metrics = await readJsonl(join(root, "metrics.jsonl"));
    expect(metrics.map((m) => m.step)).toEqual([24, 25, 26, 27, 28, 29]);
    expect(warnings.filter((w) => w.includes("cannot keep up")).length).toBeGreaterThan(0);
    expect(warnings.at(-1)).toBe("jsonl: 24 lines were dropped in all");
  });

  it("refuses a directory it cannot create", async () => {
    await writeFile(join(root, "file"), "");
    const make = () => createJsonlSink({ dir: join(root, "file", "sub") });
    expect(make).toThrow(RewardscopeError);
    expect(make).toThrow(/^dir: cannot create/);
  });
});
