import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningServer, startServer } from "../serve/start-server.js";

const CLIENT_DIR = fileURLToPath(new URL("../../../../clients/python/", import.meta.url));
const TOKEN = "python-client-token";

let server: RunningServer;
beforeAll(async () => {
  // Steps of the two-rank spool test must wait for their second rank, not time out while the test runs.
  server = await startServer({
    dataDir: mkdtempSync(join(tmpdir(), "rewardscope-python-")),
    host: "127.0.0.1",
    port: 0,
    token: TOKEN,
    console: null,
    stepTimeoutMs: 300_000,
  });
});
afterAll(() => server.close());

/** Runs the client's unittest suite against the server: asynchronously, since the server shares this process. */
function pythonTests(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-m", "unittest", "discover", "-s", "tests", "-v"], {
      cwd: CLIENT_DIR,
      env: {
        ...process.env,
        REWARDSCOPE_URL: server.url,
        REWARDSCOPE_TOKEN: TOKEN,
        PYTHONDONTWRITEBYTECODE: "1",
      },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

interface StoredCompletion {
  completion: string;
  rewards: Record<string, number | null>;
}

it("the Python client's tests pass against the real server, and what they sent is in the store", async () => {
  const { code, output } = await pythonTests();
  expect(output).not.toMatch(/\.\.\. skipped|skipped=/);
  expect(code, output).toBe(0);
  expect(output).toMatch(/Ran \d+ tests/);

  const trl = await getJson<{ rewardFunctions: string[]; stepCount: number }>("/runs/py-trl");
  expect(trl).toMatchObject({
    rewardFunctions: ["format_reward", "accuracy_reward", "judge", "async_length"],
    stepCount: 3,
  });
  const step2 = await getJson<{ completions: StoredCompletion[] }>(
    "/runs/py-trl/completions?step=2&limit=100",
  );
  expect(step2.completions.map((c) => c.completion).sort()).toEqual(
    Array.from(
      { length: 8 },
      (_, i) => `<think>step 2 try ${i}</think><answer>${i % 2 ? 4 : 5}</answer>`,
    ).sort(),
  );
  const report = await getJson<{
    calls: Record<string, { calls: number; errors: number }>;
    rewards: Record<string, { batch: { mean: number }; nullCount: number }>;
  }>("/runs/py-trl/steps/2");
  expect(report.calls.judge).toMatchObject({ calls: 1, errors: 1 });
  expect(report.rewards.accuracy_reward?.batch.mean).toBe(0.5);
  expect(report.rewards.judge?.nullCount).toBe(8);

  // Spooled while the server was "down", replayed, then replayed again: each step once, from both ranks.
  const spool = await getJson<{ stepCount: number; lastStep: number }>("/runs/py-spool");
  expect(spool).toMatchObject({ stepCount: 8, lastStep: 7 });
  for (let step = 0; step < 8; step++) {
    const stored = await getJson<{ total: number }>(`/runs/py-spool/completions?step=${step}`);
    expect(stored.total, `step ${step}`).toBe(8);
  }

  const callback = await getJson<{ metrics: Record<string, number> }>("/runs/py-callback/steps/1");
  expect(callback.metrics).toMatchObject({ loss: 0.5, entropy: 0.9 });
  expect(callback.metrics.memory_mb).toBeGreaterThan(1);
  expect(await getJson<{ stepCount: number }>("/runs/py-verl")).toMatchObject({ stepCount: 3 });
}, 180_000);
