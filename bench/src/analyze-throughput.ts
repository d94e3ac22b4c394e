import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { runCli } from "rewardscope";
import type { GeneratedRun } from "./generate-run.js";
import type { BenchResult } from "./result.js";

async function timeJsonParse(path: string): Promise<number> {
  const start = process.hrtime.bigint();
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) if (line.length > 0) JSON.parse(line);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function timeAnalyze(path: string): Promise<number> {
  const start = process.hrtime.bigint();
  let stderr = "";
  const code = await runCli(["analyze", path, "--quiet"], {
    stdout: () => {},
    stderr: (t) => {
      stderr += t;
    },
  });
  if (code !== 0) throw new Error(`analyze exited ${code}: ${stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * `rewardscope analyze` on a generated run against plain line-by-line JSON.parse of the same file, both read
 * from disk in the same process, each in its steady state: the analysis must keep at least 30% of the parse
 * throughput.
 */
export async function benchAnalyzeThroughput(run: GeneratedRun): Promise<BenchResult> {
  // Each timed after a pass of its own over the file: the page cache and the JIT warm for both alike.
  await timeJsonParse(run.path);
  const parseS = await timeJsonParse(run.path);
  await timeAnalyze(run.path);
  const analyzeS = await timeAnalyze(run.path);
  const values = run.steps * run.completionsPerStep * run.rewardFunctions;
  const ratio = parseS / analyzeS;
  return {
    name: `analyze throughput (${run.steps} steps x ${run.completionsPerStep} completions x ${run.rewardFunctions} functions, ${(run.bytes / 1e6).toFixed(0)} MB)`,
    figures: {
      jsonParseMBps: run.bytes / 1e6 / parseS,
      analyzeMBps: run.bytes / 1e6 / analyzeS,
      rewardValuesPerS: values / analyzeS,
      completionsPerS: (run.steps * run.completionsPerStep) / analyzeS,
      stepsPerS: run.steps / analyzeS,
      analyzeToParseRatio: ratio,
    },
    target: "analyze >= 30% of JSON.parse throughput",
    pass: ratio >= 0.3,
  };
}
