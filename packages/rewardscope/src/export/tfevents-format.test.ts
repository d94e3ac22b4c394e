import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { readTfEventRecords } from "../formats/tfevents/index.js";
import { splitRecords } from "../formats/tfevents/tfevents-fixtures.case.js";
import { storeWithSimulatedRun } from "../report/report-fixture.case.js";
import type { SqliteStore } from "../store/sqlite/sqlite-store.js";
import type { ExportOutput } from "./export-format.js";
import { tfeventsFormat } from "./tfevents-format.js";
import { rewardHistogram, seriesTag } from "./tfevents-run.js";

const RUN = "tb-run";
const STEPS = 12;
let store: SqliteStore;
let dir: string;

beforeAll(async () => {
  ({ store, dir } = await storeWithSimulatedRun({ runName: RUN, steps: STEPS, seed: 3, promptsPerStep: 4 }));
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exported(): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const out: ExportOutput = {
    write: async (chunk) => {
      chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
    },
  };
  const summary = await tfeventsFormat.write(store, RUN, out);
  expect(summary.steps).toBe(STEPS);
  return Uint8Array.from(chunks.flatMap((c) => [...c]));
}

describe("tfevents export", () => {
  it("writes a file whose every record has valid CRCs and reads back whole", async () => {
    const bytes = await exported();
    const { records, badCrcs, trailing } = splitRecords(bytes);
    expect({ badCrcs, trailing, records: records.length }).toEqual({
      badCrcs: 0,
      trailing: 0,
      records: STEPS + 1,
    });
    const read = readTfEventRecords(bytes);
    expect(read.errors).toEqual([]);
    expect(read.nextOffset).toBe(bytes.length);
    expect(read.events.map((e) => e.step)).toEqual([...Array(STEPS).keys()]);
  });

  it("holds every series of every step as a scalar, at float32 precision", async () => {
    const { events } = readTfEventRecords(await exported());
    const run = (await store.getRun(RUN))!;
    const names = await store.seriesNames(RUN);
    const series = await store.series(RUN, { names });
    let checked = 0;
    for (const { name, steps, values } of series) {
      const tag = seriesTag(name, run.rewardFunctions);
      steps.forEach((step, i) => {
        const scalar = events[step]!.scalars.find((s) => s.tag === tag);
        expect(scalar?.value, `${tag} at step ${step}`).toBe(Math.fround(values[i]!));
        checked++;
      });
    }
    expect(checked).toBe(events.reduce((n, e) => n + e.scalars.length, 0));
    expect(events[0]!.scalars.map((s) => s.tag)).toContain("accuracy/batch.mean");
    expect(events[0]!.wallTime).toBe(Date.parse(run.createdAt) / 1000);
  });

  it("holds a histogram of each reward function's raw values per step", async () => {
    const { events } = readTfEventRecords(await exported());
    for (const event of events) {
      const rewards = (await store.stepRewards(RUN, event.step))!;
      expect(event.histograms.map((h) => h.tag)).toEqual(Object.keys(rewards).map((fn) => `${fn}/values`));
      for (const h of event.histograms) {
        const values = rewards[h.tag.replace(/\/values$/, "")]!.filter((v): v is number => v !== null);
        expect(h.num).toBe(values.length);
        expect(h.buckets.reduce((a, b) => a + b, 0)).toBe(values.length);
        expect(h.min).toBe(Math.min(...values));
        expect(h.max).toBe(Math.max(...values));
        expect(h.sum).toBeCloseTo(
          values.reduce((a, b) => a + b, 0),
          9,
        );
      }
    }
  });

  it("is what `rewardscope export RUN --format tfevents --out FILE` writes", async () => {
    const out = join(dir, "events.out.tfevents.export");
    const stderr: string[] = [];
    const io = { stdout: () => {}, stderr: (t: string) => stderr.push(t) };
    expect(await runCli(["export", RUN, "--format", "tfevents", "--data", dir, "--out", out], io)).toBe(0);
    expect(stderr.join("")).toMatch(`exported ${RUN} (${STEPS} steps) as tfevents to ${out}`);
    const bytes = new Uint8Array(await readFile(out));
    expect(splitRecords(bytes).badCrcs).toBe(0);
    expect(readTfEventRecords(bytes).events).toHaveLength(STEPS);
    expect(await runCli(["export", RUN, "--format", "tfevents", "--data", dir], io)).toBe(2);
    expect(stderr.join("")).toMatch("--out: is required for the binary format tfevents");
  });
});

describe("seriesTag", () => {
  it("groups a series under its reward function, or its first name part", () => {
    expect(seriesTag("accuracy.batch.mean", ["accuracy"])).toBe("accuracy/batch.mean");
    expect(seriesTag("my.fn.window.p90", ["my", "my.fn"])).toBe("my.fn/window.p90");
    expect(seriesTag("groups.zeroStdFraction.accuracy", ["accuracy"])).toBe(
      "groups/zeroStdFraction.accuracy",
    );
    expect(seriesTag("train/kl", [])).toBe("train/kl");
    expect(seriesTag("kl", [])).toBe("kl");
  });
});

describe("rewardHistogram", () => {
  it("bins finite values into HistogramProto buckets ending at the maximum", () => {
    const h = rewardHistogram("f/values", [0, 1, null, 3, Number.NaN])!;
    expect(h).toMatchObject({ tag: "f/values", min: 0, max: 3, num: 3, sum: 4, sumSquares: 10 });
    expect(h.buckets).toHaveLength(30);
    expect(h.bucketLimits.at(-1)).toBe(3);
    expect(h.buckets.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("puts equal values in one bucket, and gives nothing for no finite value", () => {
    expect(rewardHistogram("f", [2, 2])).toMatchObject({ bucketLimits: [2], buckets: [2], num: 2 });
    expect(rewardHistogram("f", [null, null])).toBeNull();
  });
});
