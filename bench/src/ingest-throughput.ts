import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jsonFromChild } from "./json-child.js";
import type { BenchResult } from "./result.js";
import { percentile, startServeChild, stopServeChild } from "./serve-child.js";
import { stepBodies, WARM_UP_STEPS } from "./step-bodies.js";

// node:http on a keep-alive agent: fetch costs the client ~3 ms of CPU per 250 KB post, taken from the server
// on a 2-core machine.
const agent = new Agent({ keepAlive: true });

function post(
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent, headers: { ...headers, "content-length": body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** `writers` clients, each streaming its own run's steps one POST at a time; returns wall time and ack latencies. */
async function ingest(
  url: string,
  bodies: Uint8Array[],
  writers: number,
  ack: "durable" | "analysed",
  prefix: string,
): Promise<{ seconds: number; latenciesMs: number[] }> {
  const latenciesMs: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const run = `${prefix}-${ack}-${writers}-${w}`;
      for (let i = w; i < bodies.length; i += writers) {
        const sent = performance.now();
        const { status, body } = await post(
          `${url}/api/v1/runs/${run}/events?ack=${ack}`,
          bodies[i] as Uint8Array,
          {
            "content-type": "application/x-ndjson",
            "idempotency-key": `${run}:${i}`,
          },
        );
        if (status !== 200) throw new Error(`ingest answered ${status}: ${body}`);
        latenciesMs.push(performance.now() - sent);
      }
      await post(`${url}/api/v1/runs/${run}/finish`, new Uint8Array(), {});
    }),
  );
  return { seconds: (performance.now() - start) / 1000, latenciesMs: latenciesMs.sort((a, b) => a - b) };
}

/**
 * Offline `analyze` of the same events: the yardstick, in a fresh process warmed up as each server is. (In this
 * process, other benchmarks run before would have warmed it further than any server.)
 */
function offlineSeconds(steps: number, promptsPerStep: number): number {
  return jsonFromChild<{ seconds: number }>("./offline-child.js", [String(steps), String(promptsPerStep)])
    .seconds;
}

type Measured = { seconds: number; latenciesMs: number[] };

function figuresOf(
  prefix: string,
  m: Measured,
  completions: number,
  offline: number,
): Record<string, number> {
  return {
    [`${prefix}CompletionsPerS`]: completions / m.seconds,
    [`${prefix}RewardValuesPerS`]: (completions * 4) / m.seconds,
    [`${prefix}AckP50Ms`]: percentile(m.latenciesMs, 0.5),
    [`${prefix}AckP99Ms`]: percentile(m.latenciesMs, 0.99),
    [`${prefix}ToOfflineRatio`]: offline / m.seconds,
  };
}

/**
 * Ingest over loopback HTTP into a `rewardscope serve` child process (SQLite, analysis in a worker thread), with
 * 1 and 16 concurrent writers, in both acknowledgement modes, against offline `analyze` of the same events;
 * each side a fresh process warmed up on the first WARM_UP_STEPS steps before it is timed. Target: >= 50% of offline throughput with both writer counts when answered on
 * durability (the clients' mode); the mode that waits for analysis is reported beside it.
 */
export async function benchIngest(steps = 400, promptsPerStep = 32): Promise<BenchResult> {
  const bodies = stepBodies(steps, promptsPerStep);
  const completions = steps * promptsPerStep * 8;
  const offline = offlineSeconds(steps, promptsPerStep);
  // Encoded once, as a client holding its serialised batches would send them: the server's work is measured.
  const encoded = bodies.map((body) => new TextEncoder().encode(body));
  // A fresh server and data folder per measurement: what one leaves behind (search indexing, a bigger file)
  // must not slow the next.
  const measure = async (writers: number, ack: "durable" | "analysed"): Promise<Measured> => {
    const dataDir = mkdtempSync(join(tmpdir(), "rewardscope-bench-"));
    // The report a finished run gets is measured by the report benchmark, not here.
    const config = join(dataDir, "no-reports.json");
    writeFileSync(config, JSON.stringify({ report: { onFinish: false } }));
    const { url, child } = await startServeChild(dataDir, ["--config", config]);
    try {
      // Steady state, as in a run of hours: a first pass compiles the hot paths (~20% faster after it).
      await ingest(url, encoded.slice(0, WARM_UP_STEPS), 1, "durable", "warm-up");
      return await ingest(url, encoded, writers, ack, "bench");
    } finally {
      await stopServeChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  const durable1 = await measure(1, "durable");
  const durable16 = await measure(16, "durable");
  const analysed1 = await measure(1, "analysed");
  const analysed16 = await measure(16, "analysed");
  const worst = Math.max(durable1.seconds, durable16.seconds);
  return {
    name: `ingest over loopback HTTP (${steps} steps x ${promptsPerStep * 8} completions x 4 functions)`,
    figures: {
      offlineCompletionsPerS: completions / offline,
      ...figuresOf("durableW1", durable1, completions, offline),
      ...figuresOf("durableW16", durable16, completions, offline),
      ...figuresOf("analysedW1", analysed1, completions, offline),
      ...figuresOf("analysedW16", analysed16, completions, offline),
    },
    target: "ingest (ack=durable) >= 50% of offline analyze throughput, 1 and 16 writers",
    pass: worst > 0 && offline / worst >= 0.5,
  };
}
