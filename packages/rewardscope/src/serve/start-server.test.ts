import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RewardscopeEvent, simulateRun } from "@rewardscope/core";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./start-server.js";

const TOKEN = "s3cret-token";
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(dataDir: string): Promise<RunningServer> {
  const server = await startServer({ dataDir, host: "127.0.0.1", port: 0, token: TOKEN, console: null });
  running.push(server);
  return server;
}

/** One NDJSON body per step of a simulated flatline run (broken accuracy from step 30). */
function stepBodies(): string[] {
  const bodies: string[][] = [];
  let current: number | null = null;
  for (const event of simulateRun({
    steps: 60,
    scenario: "flatline",
    onset: 30,
    seed: 2,
    promptsPerStep: 2,
    groupSize: 4,
    runName: "e2e",
  })) {
    const step: number | null =
      event.type === "run" ? current : (event as Exclude<RewardscopeEvent, { type: "run" }>).step;
    if (step !== current || bodies.length === 0) bodies.push([]);
    bodies.at(-1)?.push(JSON.stringify(event));
    current = step;
  }
  return bodies.map((b) => b.join("\n"));
}

async function getJson<T>(url: string): Promise<T> {
  return (await (await fetch(url)).json()) as T;
}

async function post(server: RunningServer, path: string, body: string, key?: string): Promise<Response> {
  return fetch(`${server.url}/api/v1${path}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${TOKEN}`,
      "content-type": "application/x-ndjson",
      ...(key && { "idempotency-key": key }),
    },
    body,
  });
}

/** Reads SSE frames of a stream until `count` step frames arrived. */
async function readSteps(url: string, count: number): Promise<number[]> {
  const response = await fetch(url);
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no stream");
  const steps: number[] = [];
  let buffer = "";
  while (steps.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += new TextDecoder().decode(value);
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (frame.includes("event: step")) {
        const data = frame.split("\n").find((l) => l.startsWith("data: "));
        steps.push(JSON.parse(data?.slice(6) ?? "{}").report.step);
      }
      end = buffer.indexOf("\n\n");
    }
  }
  await reader.cancel();
  return steps;
}

describe("rewardscope serve, end to end over HTTP", () => {
  it("takes a run over HTTP with a token, streams it live, survives a restart and writes the sinks' files", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rewardscope-e2e-"));
    const bodies = stepBodies();
    let server = await start(dataDir);

    const refused = await fetch(`${server.url}/api/v1/runs/e2e/events`, { method: "POST", body: bodies[0] });
    expect(refused.status).toBe(401);

    const live = readSteps(`${server.url}/api/v1/runs/e2e/stream`, 3);
    await new Promise((r) => setTimeout(r, 100));
    for (const [i, body] of bodies.slice(0, 40).entries())
      expect((await post(server, "/runs/e2e/events", body, `b${i}`)).ok).toBe(true);
    expect(await live).toEqual([0, 1, 2]);

    // A crash: the server goes away without finishing the run; the client retries its last batch after the restart.
    await server.close();
    running.length = 0;
    server = await start(dataDir);
    for (const [i, body] of bodies.entries()) {
      if (i < 39) continue;
      const response = await post(server, "/runs/e2e/events", body, `b${i}`);
      expect(response.ok).toBe(true);
      if (i === 39) expect(await response.json()).toMatchObject({ duplicate: true });
    }
    const finish = await fetch(`${server.url}/api/v1/runs/e2e/finish`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(finish.status, await finish.clone().text()).toBe(200);

    const run = await getJson<Record<string, unknown>>(`${server.url}/api/v1/runs/e2e`);
    expect(run).toMatchObject({ stepCount: 60, lastStep: 59, status: "finished" });
    const alerts = await getJson<{ alerts: { step: number }[] }>(
      `${server.url}/api/v1/runs/e2e/alerts?type=flatline`,
    );
    expect(alerts.alerts[0]).toMatchObject({ type: "flatline", rewardFn: "accuracy" });
    expect(alerts.alerts[0]?.step).toBeGreaterThanOrEqual(30);
    const series = await getJson<{ series: { steps: number[] }[] }>(
      `${server.url}/api/v1/runs/e2e/series?names=accuracy.batch.mean&maxPoints=20`,
    );
    expect(series.series[0]?.steps.length).toBeLessThanOrEqual(20);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('rewardscope_step{run="e2e"} 59');
    // Finished: nothing acknowledged waits for analysis.
    expect(metrics).toContain("\nrewardscope_analysis_waiting_batches 0\n");
    expect(metrics).toContain("\nrewardscope_analysis_oldest_wait_seconds 0\n");

    await server.close();
    running.length = 0;
    const alertLines = readFileSync(join(dataDir, "alerts.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(alertLines.some((a) => a.type === "flatline" && a.run === "e2e")).toBe(true);
    const metricLines = readFileSync(join(dataDir, "metrics.jsonl"), "utf8").trim().split("\n");
    expect(metricLines.length).toBe(60);
  });

  it("refuses to listen on a non-loopback address without a token", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rewardscope-e2e-"));
    await expect(startServer({ dataDir, host: "0.0.0.0", port: 0, console: null })).rejects.toThrow(/token/);
  });
});
