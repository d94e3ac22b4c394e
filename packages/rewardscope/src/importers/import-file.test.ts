import { mkdir } from "node:fs/promises";
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
  verlMetricsJsonl,
  verlRolloutJsonl,
} from "./fixtures.case.js";
import { detectFormat, importFile, readHead } from "./import-file.js";
import type { LogFormat } from "./log-format.js";

let folder: Awaited<ReturnType<typeof tempFolder>>;
beforeAll(async () => {
  folder = await tempFolder();
});
afterAll(() => folder.remove());

describe("detectFormat and importFile", () => {
  const cases: [string, () => string | Uint8Array, LogFormat][] = [
    ["trainer_state.json", () => pythonJson(trainerStateNewer(3)), "trl-trainer-state"],
    ["renamed-state.json", () => pythonJson(trainerStateNewer(3)), "trl-trainer-state"],
    ["events.out.tfevents.1700000000.host", () => tfEventBytes(3), "tfevents"],
    ["renamed.bin", () => tfEventBytes(3), "tfevents"],
    ["completions_00003.parquet", () => completionsParquet(3), "trl-completions"],
    ["verl.jsonl", () => verlMetricsJsonl(3), "verl-metrics"],
    ["12.jsonl", () => verlRolloutJsonl(12), "completion-rows"],
    ["samples.jsonl", () => samplesJsonl([0]), "completion-rows"],
    ["metrics.jsonl", () => flatMetricsJsonl(3), "scalars-jsonl"],
    ["metrics.csv", () => flatMetricsCsv(3), "scalars-csv"],
    ["run.jsonl", () => '{"type":"metrics","step":1,"values":{"kl":0.1}}\n', "events"],
    ["run.json", () => '[{"type":"metrics","step":1,"values":{"kl":0.1}}]', "events"],
  ];

  for (const [name, content, format] of cases) {
    it(`reads ${name} as ${format}`, async () => {
      const path = await put(folder.dir, name, content());
      expect(detectFormat(path, await readHead(path))).toBe(format);
      const output = await importFile(path);
      expect(output.format).toBe(format);
      expect(output.problems).toEqual([]);
      expect(output.events.length).toBeGreaterThan(0);
    });
  }

  it("names the file that cannot be read", async () => {
    await expect(importFile(join(folder.dir, "missing.jsonl"))).rejects.toThrow(
      /missing\.jsonl: no such file/,
    );
    await mkdir(join(folder.dir, "sub"));
    await expect(importFile(join(folder.dir, "sub"))).rejects.toThrow(/is a directory/);
  });

  it("names the file of a trainer state that is not JSON", async () => {
    const path = await put(folder.dir, "trainer_state.json", '{"log_history": [');
    await expect(importFile(path)).rejects.toThrow(/trainer_state\.json: invalid JSON/);
  });
});
