// `npm run bench:load`: 64 ranks of one run stream into a `rewardscope serve` child process over loopback.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchResult } from "./result.js";
import { percentile, startServeChild, stopServeChild } from "./serve-child.js";

const runName = (run: number, runs: number) => (runs === 1 ? "load-64" : `load-${run + 1}-of-${runs}`);

/** What the benchmark does; every figure can be changed from the environment for a short smoke run. */
export interface LoadOptions {
  /** REWARDSCOPE_LOAD_SECONDS, default 120. */
  seconds: number;
  /** REWARDSCOPE_LOAD_WRITERS, default 64: one writer per rank, over all runs. */
  writers: number;
  /**
   * REWARDSCOPE_LOAD_RUNS, default 1: the writers split evenly into this many runs (8: eight runs of worldSize 8,
   * what a team's server sees), each run stepping on its own.
   */
  runs: number;
  /** REWARDSCOPE_LOAD_COMPLETIONS, default 16 completions per rank and step (1,024 a step with 64 ranks). */
  completionsPerRank: number;
  /** REWARDSCOPE_LOAD_ACK, default "analysed": the server's default acknowledgement; "durable" as the Python client. */
  ack: "analysed" | "durable";
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export function loadOptionsFromEnv(): LoadOptions {
  return {
    seconds: envNumber("REWARDSCOPE_LOAD_SECONDS", 120),
    writers: envNumber("REWARDSCOPE_LOAD_WRITERS", 64),
    runs: envNumber("REWARDSCOPE_LOAD_RUNS", 1),
    completionsPerRank: envNumber("REWARDSCOPE_LOAD_COMPLETIONS", 16),
    ack: process.env.REWARDSCOPE_LOAD_ACK === "durable" ? "durable" : "analysed",
  };
}

const FUNCTIONS = ["format", "accuracy", "length_penalty"];
const EVENTS_PER_BATCH = 4; // rewards, metrics, calls, step_end

/** One rank's batch of one step: realistic completions (a few hundred characters), rewards, metrics, calls. */
function batchBody(run: string, step: number, rank: number, worldSize: number, n: number): string {
  const completions = Array.from(
    { length: n },
    (_, i) =>
      `<think>Step ${step}, rank ${rank}, sample ${i}: we compute ${step * 7 + i} by adding the parts and ` +
      `checking the remainder twice before answering.</think><answer>${(step * 7 + i) % 97}</answer>`,
  );
  const events: unknown[] = [];
  if (step === 0 && rank === 0)
    events.push({ type: "run", name: run, rewardFunctions: FUNCTIONS, worldSize, project: "load" });
  events.push(
    {
      type: "rewards",
      step,
      rank,
      rewards: {
        format: completions.map((_, i) => ((i + step) % 5 === 0 ? 0 : 1)),
        accuracy: completions.map((_, i) => ((i * 31 + rank * 7 + step) % 10) / 10),
        length_penalty: completions.map((c) => -c.length / 1000),
      },
      completions,
      groups: completions.map((_, i) => i >> 3),
    },
    {
      type: "metrics",
      step,
      rank,
      values: { loss: 1 / (step + 1), kl: 0.01, grad_norm: 1.5, learning_rate: 1e-6 },
    },
    { type: "calls", step, rank, fn: "accuracy", calls: 1, errors: 0, totalMs: 3.5, maxMs: 3.5 },
    { type: "step_end", step, rank },
  );
  return `${events.map((e) => JSON.stringify(e)).join("\n")}\n`;
}

/** VmHWM (peak) and VmRSS (now) of a process, in MB; NaN off Linux. */
function memoryMb(pid: number): { peak: number; now: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? Number.NaN);
    return { peak: kb("VmHWM") / 1024, now: kb("VmRSS") / 1024 };
  } catch {
    return { peak: Number.NaN, now: Number.NaN };
  }
}

interface Errors {
  network: number;
  rateLimited: number;
  clientError: number;
  serverError: number;
  firstMessage: string;
}

/** Posts one batch until it is acknowledged, counting every failure; returns the acknowledgement latency. */
async function postUntilAcked(
  url: string,
  run: string,
  body: string,
  batchId: string,
  ack: string,
  errors: Errors,
): Promise<number> {
  for (;;) {
    const sent = performance.now();
    try {
      const response = await fetch(`${url}/api/v1/runs/${run}/events?ack=${ack}`, {
        method: "POST",
        headers: { "content-type": "application/x-ndjson", "idempotency-key": batchId },
        body,
      });
      const text = await response.text();
      if (response.status === 200) return performance.now() - sent;
      if (response.status === 429) errors.rateLimited++;
      else if (response.status >= 500) errors.serverError++;
      else errors.clientError++;
      errors.firstMessage ||= `${response.status} ${text.slice(0, 200)}`;
      const wait = Number(response.headers.get("retry-after") ?? "1");
      await new Promise((resolve) => setTimeout(resolve, 1000 * (Number.isFinite(wait) ? wait : 1)));
    } catch (error) {
      errors.network++;
      errors.firstMessage ||= String(error);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Every step analysed once, holding every rank's completions and one `calls` per rank: the batches lost. */
async function lostBatches(
  url: string,
  run: string,
  steps: number,
  ranks: number,
  perRank: number,
): Promise<number> {
  const record = (await (await fetch(`${url}/api/v1/runs/${run}`)).json()) as { stepCount: number };
  let lost = Math.abs(steps - record.stepCount) * ranks;
  for (let step = 0; step < steps; step++) {
    const response = await fetch(`${url}/api/v1/runs/${run}/steps/${step}`);
    if (response.status !== 200) {
      lost += ranks;
      continue;
    }
    const report = (await response.json()) as { count: number; calls: { accuracy?: { calls: number } } };
    const sent = report.calls.accuracy?.calls ?? 0;
    lost += report.count === sent * perRank ? Math.abs(ranks - sent) : ranks;
  }
  return lost;
}

/**
 * 64 concurrent writers acting as the ranks of one run (worldSize 64), in lockstep as training ranks are: each
 * step, every rank posts its batch, and the next step starts when all are acknowledged. With `runs` > 1 the
 * writers are the ranks of several runs, each stepping on its own. Measures errors, lost
 * batches (checked after the run through the API), ack latency, throughput and the server's peak RSS.
 */
export async function benchLoad64(options: LoadOptions = loadOptionsFromEnv()): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "rewardscope-load-"));
  // Every writer comes from 127.0.0.1 here, where 64 ranks would have their own addresses: no per-client limit.
  const { url, child } = await startServeChild(dataDir, ["--rate-limit", "0"]);
  const pid = child.pid as number;
  const errors: Errors = { network: 0, rateLimited: 0, clientError: 0, serverError: 0, firstMessage: "" };
  const latencies: number[] = [];
  let rssSamples = 0;
  let rssSum = 0;
  const sampler = setInterval(() => {
    rssSum += memoryMb(pid).now;
    rssSamples++;
  }, 1000);
  try {
    const start = performance.now();
    const deadline = start + options.seconds * 1000;
    const ranks = Math.max(1, Math.floor(options.writers / options.runs));
    const runs = Array.from({ length: options.runs }, (_, r) => runName(r, options.runs));
    // Each run steps on its own; within a run, its ranks in lockstep.
    const stepsOf = await Promise.all(
      runs.map(async (run) => {
        let step = 0;
        for (; performance.now() < deadline; step++) {
          await Promise.all(
            Array.from({ length: ranks }, async (_, rank) => {
              const body = batchBody(run, step, rank, ranks, options.completionsPerRank);
              latencies.push(await postUntilAcked(url, run, body, `r${rank}-s${step}`, options.ack, errors));
            }),
          );
        }
        return step;
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    let lost = 0;
    for (const [r, run] of runs.entries()) {
      await fetch(`${url}/api/v1/runs/${run}/finish`, { method: "POST" });
      lost += await lostBatches(url, run, stepsOf[r] ?? 0, ranks, options.completionsPerRank);
    }
    const steps = stepsOf.reduce((a, b) => a + b, 0);
    const memory = memoryMb(pid);
    latencies.sort((a, b) => a - b);
    const batches = steps * ranks;
    const completions = batches * options.completionsPerRank;
    const errorCount = errors.network + errors.rateLimited + errors.clientError + errors.serverError;
    if (errors.firstMessage) console.error(`load: first error: ${errors.firstMessage}`);
    return {
      name: `load: ${runs.length * ranks} writers as ranks of ${runs.length === 1 ? "one run" : `${runs.length} runs of ${ranks}`}, ${options.completionsPerRank} completions per rank and step, ${Math.round(seconds)} s, ack=${options.ack}`,
      figures: {
        seconds,
        steps,
        batches,
        errors: errorCount,
        errorsNetwork: errors.network,
        errorsRateLimited: errors.rateLimited,
        errors4xx: errors.clientError,
        errors5xx: errors.serverError,
        lostBatches: lost,
        ackP50Ms: percentile(latencies, 0.5),
        ackP99Ms: percentile(latencies, 0.99),
        ackMaxMs: latencies.at(-1) ?? Number.NaN,
        stepsPerS: steps / seconds,
        batchesPerS: batches / seconds,
        eventsPerS: (batches * EVENTS_PER_BATCH) / seconds,
        completionsPerS: completions / seconds,
        rewardValuesPerS: (completions * FUNCTIONS.length) / seconds,
        serverPeakRssMb: memory.peak,
        serverMeanRssMb: rssSamples > 0 ? rssSum / rssSamples : Number.NaN,
      },
      target: "0 errors and 0 lost batches (latency, throughput and memory are reported)",
      pass: errorCount === 0 && lost === 0,
    };
  } finally {
    clearInterval(sampler);
    await stopServeChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await benchLoad64();
  console.log(`${result.pass ? "PASS" : "MISS"}  ${result.name}\n      target: ${result.target}`);
  for (const [key, value] of Object.entries(result.figures)) {
    const shown = Math.abs(value) >= 100 ? Math.round(value).toLocaleString("en-US") : value.toPrecision(3);
    console.log(`      ${key.padEnd(20)} ${shown}`);
  }
  const outDir = fileURLToPath(new URL("../../bench-out/", import.meta.url));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, "load-64-writers.json"),
    `${JSON.stringify({ date: new Date().toISOString(), result }, null, 2)}\n`,
  );
  process.exitCode = result.pass ? 0 : 1;
}
