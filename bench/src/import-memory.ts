import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GeneratedRun } from "./generate-run.js";
import { type ChildFigures, jsonFromChild } from "./json-child.js";
import type { BenchResult } from "./result.js";

/** `rewardscope import` of one log into a fresh data folder, in a fresh process. */
function importOnce(run: GeneratedRun): ChildFigures {
  const dir = mkdtempSync(join(tmpdir(), "rewardscope-bench-import-"));
  try {
    return jsonFromChild<ChildFigures>("./cli-child.js", [
      "import",
      run.path,
      "--data",
      dir,
      "--run",
      "imported",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `rewardscope import` of a generated run's JSONL log and of one a quarter its length: the log is read a chunk at a
 * time and stored ~15 steps at a time, so the import's peak memory must not grow with the log.
 */
export function benchImportMemory(quarter: GeneratedRun, whole: GeneratedRun): BenchResult {
  const small = importOnce(quarter);
  const large = importOnce(whole);
  const mb = (run: GeneratedRun) => run.bytes / 2 ** 20;
  return {
    name: `import of JSONL logs of ${mb(quarter).toFixed(0)} and ${mb(whole).toFixed(0)} MB (rewardscope import, fresh process each)`,
    figures: {
      quarterFileMB: mb(quarter),
      wholeFileMB: mb(whole),
      quarterPeakRssMB: small.maxRssMB,
      wholePeakRssMB: large.maxRssMB,
      peakRssRatio: large.maxRssMB / small.maxRssMB,
      wholeSeconds: large.seconds,
      wholeMBPerS: mb(whole) / large.seconds,
    },
    target: "flat: peak RSS importing a log 4x as long within 1.25x",
    pass: large.maxRssMB <= 1.25 * small.maxRssMB,
  };
}
