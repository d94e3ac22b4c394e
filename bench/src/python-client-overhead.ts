import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { BenchResult } from "./result.js";
import { startServeChild, stopServeChild } from "./serve-child.js";

const SCRIPT = fileURLToPath(new URL("../../clients/python/bench_overhead.py", import.meta.url));
const TARGET_US = 500;

/** What clients/python/bench_overhead.py prints, in microseconds. */
interface PythonTimes {
  plainMedianUs: number;
  plainP99Us: number;
  wrappedMedianUs: number;
  overheadMedianUs: number;
  overheadP99Us: number;
  overheadMaxUs: number;
  floorMedianUs: number;
  floorP99Us: number;
  meanChars: number;
  delivered: boolean;
}

async function measure(url: string, calls: number, pauseS: number): Promise<PythonTimes> {
  const args = [SCRIPT, url, "--calls", String(calls), "--pause", String(pauseS)];
  const { stdout } = await promisify(execFile)("python3", args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as PythonTimes;
}

/**
 * Time wrap_reward_funcs adds to the training thread per call of a TRL reward function over 512 completions of
 * ~800 characters, streaming to a `serve` child. Paced: 50 ms between rounds, as a trainer generates and trains
 * between reward calls while the client's thread sends. Back to back: that thread competes for the GIL.
 * The target is on the median: on a shared 2-core machine the p99 of any region of a few tens of microseconds
 * is set by preemption (the plain reward function's own p99 is reported beside it).
 */
export async function benchPythonClientOverhead(): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "rewardscope-bench-python-"));
  const { url, child } = await startServeChild(dataDir);
  try {
    const paced = await measure(url, 500, 0.05);
    const backToBack = await measure(url, 300, 0);
    return {
      name: "Python client: time added to the training thread per reward call (512 completions)",
      figures: {
        completionChars: paced.meanChars,
        pacedPlainMedianUs: paced.plainMedianUs,
        pacedPlainP99Us: paced.plainP99Us,
        pacedWrappedMedianUs: paced.wrappedMedianUs,
        pacedOverheadMedianUs: paced.overheadMedianUs,
        pacedOverheadP99Us: paced.overheadP99Us,
        pacedOverheadMaxUs: paced.overheadMaxUs,
        pacedTimingFloorMedianUs: paced.floorMedianUs,
        pacedTimingFloorP99Us: paced.floorP99Us,
        backToBackOverheadMedianUs: backToBack.overheadMedianUs,
        backToBackOverheadP99Us: backToBack.overheadP99Us,
        allDelivered: Number(paced.delivered && backToBack.delivered),
      },
      target: `median overhead < ${TARGET_US} µs per call, paced and back to back; every batch delivered`,
      pass:
        paced.overheadMedianUs < TARGET_US &&
        backToBack.overheadMedianUs < TARGET_US &&
        paced.delivered &&
        backToBack.delivered,
    };
  } finally {
    await stopServeChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Alone: `npx tsc -b bench && node bench/dist/python-client-overhead.js`.
if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await benchPythonClientOverhead());
