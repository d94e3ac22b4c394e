import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  completionsParquet,
  flatMetricsCsv,
  flatMetricsJsonl,
  put,
  pythonJson,
  samplesJsonl,
  tempFolder,
  tfEventBytes,
  trainerStateNewer,
  trainerStateOlder,
  verlMetricsJsonl,
  verlRolloutJsonl,
} from "../../importers/fixtures.case.js";
import { captureIo as capture } from "../capture-io.case.js";
import { runCli } from "../run-cli.js";

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  folder = await tempFolder();
});
afterAll(() => folder.remove());

describe("rewardscope analyze on every format import reads", () => {
  const cases: [string, () => string | Uint8Array, RegExp][] = [
    ["newer.trainer_state.json", () => pythonJson(trainerStateNewer(40)), /run newer: 40 steps/],
    ["older.trainer_state.json", () => pythonJson(trainerStateOlder(12)), /run older: 12 steps/],
    ["events.out.tfevents.1700000000.host", () => tfEventBytes(30), /rewardscope-import-\w+: 30 steps/],
    ["completions_00007.parquet", () => completionsParquet(7), /1 step,/],
    ["verl.jsonl", () => verlMetricsJsonl(12), /run verl: 12 steps/],
    ["3.jsonl", () => verlRolloutJsonl(3), /1 step,/],
    ["samples.jsonl", () => samplesJsonl([0, 10, 20]), /run samples: 3 steps/],
    ["flat.jsonl", () => flatMetricsJsonl(30), /run flat: 31 steps/],
    ["flat.csv", () => flatMetricsCsv(30), /run flat: 30 steps/],
  ];
  for (const [name, content, summary] of cases) {
    it(`analyses ${name}`, async () => {
      const path = await put(folder.dir, name, content());
      const { io, out, err } = capture();
      expect(await runCli(["analyze", path, "--quiet"], io)).toBe(0);
      expect(err()).toBe("");
      expect(out()).toMatch(summary);
    });
  }

  it("finds what aggregates show and says which detectors could not run", async () => {
    const path = await put(folder.dir, "sat.trainer_state.json", pythonJson(trainerStateNewer(40)));
    const json = join(folder.dir, "sat.json");
    const { io, out } = capture();
    expect(await runCli(["analyze", path, "--quiet", "--json", json], io)).toBe(0);
    expect(out()).toMatch(/flatline/);
    expect(out()).toMatch(/saturation_high/);
    expect(out()).toMatch(/not run {6}.*format_gaming.*\(no completions in the log\)/);
    const report = JSON.parse(await readFile(json, "utf8")) as { steps: { notRun?: string[] }[] };
    expect(report.steps[0]?.notRun).toContain("repetition");
  });

  it("reports a bad row as FILE:LINE: field: problem, and stops at it under --strict", async () => {
    const path = await put(folder.dir, "bad.jsonl", '{"step":1,"reward":0.5}\n{"step":"two","reward":1}\n');
    const loose = capture();
    expect(await runCli(["analyze", path, "--quiet"], loose.io)).toBe(0);
    expect(loose.err()).toBe(`${path}:2: step: must be a non-negative integer, got "two"\n`);
    expect(loose.out()).toMatch(/1 line skipped/);
    const strict = capture();
    expect(await runCli(["analyze", path, "--strict"], strict.io)).toBe(2);
    expect(strict.err()).toMatch(/bad\.jsonl:2: step: /);
  });

  it("analyses a completions log of several MB a chunk at a time, every step whole", async () => {
    const rows: string[] = [];
    for (let step = 0; step < 40; step++)
      for (let i = 0; i < 64; i++)
        rows.push(
          JSON.stringify({ step, input: `q${i >> 3}`, output: `${"ü".repeat(500)} ${i}`, score: i % 2 }),
        );
    const path = await put(folder.dir, "rollouts.jsonl", `${rows.join("\n")}\n`);
    const json = join(folder.dir, "rollouts.json");
    const { io, out, err } = capture();
    expect(await runCli(["analyze", path, "--quiet", "--json", json], io)).toBe(0);
    expect(err()).toBe("");
    expect(out()).toMatch(/run rollouts: 40 steps/);
    const report = JSON.parse(await readFile(json, "utf8")) as {
      steps: { step: number; rewards: { score: { batch: { count: number } } } }[];
    };
    expect(report.steps.map((s) => [s.step, s.rewards.score.batch.count])).toEqual(
      Array.from({ length: 40 }, (_, step) => [step, 64]),
    );
  });

  it("takes --format when the name and content do not tell", async () => {
    const path = await put(folder.dir, "odd.log", verlMetricsJsonl(3));
    const { io, out } = capture();
    expect(await runCli(["analyze", path, "--quiet", "--format", "verl-metrics"], io)).toBe(0);
    expect(out()).toMatch(/3 steps/);
  });
});
