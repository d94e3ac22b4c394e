import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type RunningServer, startServer } from "./serve/start-server.js";

const README = new URL("../../../README.md", import.meta.url);
const CLIENT_DIR = fileURLToPath(new URL("../../../clients/python/", import.meta.url));
const TOKEN = "readme-token";

/** The README's Python blocks, exactly as a user would copy them. */
function pythonBlocks(): string[] {
  return [...readFileSync(README, "utf8").matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
}

/** Runs python3 with the client on the path, asynchronously: the server answers from this process. */
function python(
  args: string[],
  env: Record<string, string>,
  input = "",
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", args, {
      env: { ...process.env, PYTHONPATH: CLIENT_DIR, PYTHONDONTWRITEBYTECODE: "1", ...env },
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
    child.stdin.end(input);
  });
}

let server: RunningServer;
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "rewardscope-readme-"));
  server = await startServer({ dataDir, host: "127.0.0.1", port: 0, token: TOKEN, console: null });
});
afterAll(() => server.close());

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  return (await response.json()) as T;
}

it("the README's runnable Python example streams a run that the server analyses", async () => {
  const example = pythonBlocks().find((b) => b.startsWith("# try_rewardscope.py"));
  if (!example) throw new Error("README has no try_rewardscope.py block");
  const dir = mkdtempSync(join(tmpdir(), "rewardscope-readme-"));
  writeFileSync(join(dir, "try_rewardscope.py"), example);
  // The default spool lives under XDG_CACHE_HOME: a temporary one keeps the home folder clean.
  const env = { REWARDSCOPE_URL: server.url, REWARDSCOPE_TOKEN: TOKEN, XDG_CACHE_HOME: dir };
  const { code, output } = await python([join(dir, "try_rewardscope.py")], env);
  expect(code, output).toBe(0);
  expect(output).toContain(`sent: ${server.url}/api/v1/runs/try-rewardscope`);

  // The client is answered once its batches are durable; the analysis of the last step follows.
  let run = await getJson<{ rewardFunctions: string[]; stepCount: number }>("/runs/try-rewardscope");
  for (let tries = 0; run.stepCount < 20 && tries < 100; tries++) {
    await new Promise((r) => setTimeout(r, 50));
    run = await getJson("/runs/try-rewardscope");
  }
  expect(run).toMatchObject({ rewardFunctions: ["format_reward", "accuracy_reward"], stepCount: 20 });
  const step = await getJson<{
    count: number;
    rewards: Record<string, { batch: { mean: number } }>;
    groups: { groups: number };
    metrics: Record<string, number>;
    calls: Record<string, { calls: number }>;
  }>("/runs/try-rewardscope/steps/0");
  expect(step).toMatchObject({ count: 8, groups: { groups: 2 }, metrics: { loss: 1, kl: 0 } });
  expect(step.rewards.format_reward?.batch.mean).toBe(1);
  expect(step.calls.accuracy_reward?.calls).toBe(1);
  const stored = await getJson<{ completions: { completion: string; prompt: string }[] }>(
    "/runs/try-rewardscope/completions?step=0&limit=100",
  );
  expect(stored.completions).toHaveLength(8);
  expect(stored.completions[0]?.completion).toMatch(/^<think>\d it is<\/think><answer>\d<\/answer>$/);
  expect(stored.completions[0]?.prompt).toMatch(/^What is \d\+\d\?$/);
});

it("every README Python block parses and imports only what the client exports", async () => {
  const blocks = pythonBlocks().filter((b) => b.includes("from rewardscope import"));
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  const check = `
import ast, json, sys
import rewardscope
for source in json.load(sys.stdin):
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "rewardscope":
            missing = [a.name for a in node.names if a.name not in rewardscope.__all__]
            assert not missing, f"README imports {missing}, which rewardscope does not export"
`;
  const { code, output } = await python(["-c", check], {}, JSON.stringify(blocks));
  expect(code, output).toBe(0);
});
