import { simulateRun } from "@rewardscope/core";

/** Steps analysed before anything is timed, offline and by each server. */
export const WARM_UP_STEPS = 100;

/** One POST body per step of a simulated run: the step's events as NDJSON (the run event is left out). */
export function stepBodies(steps: number, promptsPerStep: number): string[] {
  const bodies: string[][] = [];
  let current = -1;
  for (const event of simulateRun({ steps, promptsPerStep, groupSize: 8, seed: 1, runName: "bench" })) {
    if (event.type === "run") continue;
    if (event.step !== current) bodies.push([]);
    current = event.step;
    bodies.at(-1)?.push(JSON.stringify(event));
  }
  return bodies.map((lines) => lines.join("\n"));
}
