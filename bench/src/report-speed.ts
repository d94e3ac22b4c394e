import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ChildFigures, jsonFromChild } from "./json-child.js";
import type { BenchResult } from "./result.js";

const RUN = "long-run";

/**
 * The full report (HTML, 8 PNGs, JSON, CSV) of a 100,000-step run read from a real SQLite store, timed in a fresh
 * process that does nothing else, so its peak RSS is the report's. The store is filled first through the real ingest
 * path with small steps (4 completions, 2 functions, 5 metrics: ~90 series a step). Then a server finishes the run,
 * which writes its report: how long the server cannot answer meanwhile, the report in its thread and in a worker.
 */
export function benchReportSpeed(steps = 100_000): BenchResult {
  // In memory when the machine has /dev/shm: the fill's 100,000 durable commits would otherwise wait on fsync for
  // minutes, and the report reads from the page cache either way.
  const base = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
  const dir = mkdtempSync(join(base, "rewardscope-bench-report-"));
  try {
    const fill = jsonFromChild<{ seconds: number }>("./report-fill.js", [dir, RUN, String(steps)]);
    const report = jsonFromChild<ChildFigures>("./cli-child.js", ["report", RUN, "--data", dir]);
    const out = join(dir, "reports", RUN);
    const csvMB = statSync(join(out, "metrics_history.csv")).size / 2 ** 20;
    const htmlKB = statSync(join(out, "report.html")).size / 1024;
    type Stall = { maxStallMs: number; reportSeconds: number };
    const inline = jsonFromChild<Stall>("./report-stall-child.js", [dir, RUN, "inline"]);
    const worker = jsonFromChild<Stall>("./report-stall-child.js", [dir, RUN, "worker"]);
    return {
      name: `report of a ${steps.toLocaleString("en-US")}-step run (rewardscope report, fresh process)`,
      figures: {
        reportSeconds: report.seconds,
        // Beside the wall time: on a shared machine the CPU time is what the report itself costs.
        reportCpuSeconds: report.cpuSeconds,
        peakRssMB: report.maxRssMB,
        csvMB,
        htmlKB,
        fillSeconds: fill.seconds,
        // A server finishing the run: the longest it could not answer while the report was written.
        serverStallInlineMs: inline.maxStallMs,
        serverStallWorkerMs: worker.maxStallMs,
        serverReportWorkerSeconds: worker.reportSeconds,
      },
      target:
        "the full report in under 10 s; peak memory reported; a server finishing the run answers within 1 s",
      pass: report.seconds < 10 && worker.maxStallMs < 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node bench/dist/report-speed.js [STEPS]`: this benchmark alone.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = benchReportSpeed(process.argv[2] === undefined ? undefined : Number(process.argv[2]));
  console.log(JSON.stringify(result, null, 2));
}
