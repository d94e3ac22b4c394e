import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { simulateRun } from "@rewardscope/core";

export interface GeneratedRun {
  path: string;
  bytes: number;
  steps: number;
  completionsPerStep: number;
  rewardFunctions: number;
}

/**
 * Writes a simulated healthy GRPO run as event-format JSONL (once; reused while the file exists):
 * `steps` steps of `promptsPerStep` x 8 completions scored by the 4 default reward functions.
 */
export async function generateRun(
  path: string,
  steps: number,
  promptsPerStep: number,
): Promise<GeneratedRun> {
  const run = { path, steps, completionsPerStep: promptsPerStep * 8, rewardFunctions: 4 };
  if (existsSync(path)) return { ...run, bytes: statSync(path).size };
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(`${path}.partial`);
  for (const event of simulateRun({ steps, promptsPerStep, groupSize: 8, seed: 1 })) {
    if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  const { renameSync } = await import("node:fs");
  renameSync(`${path}.partial`, path);
  return { ...run, bytes: statSync(path).size };
}
