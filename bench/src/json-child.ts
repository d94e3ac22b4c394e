import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What a benchmark child measured of itself: wall time, CPU time and peak RSS. */
export interface ChildFigures {
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
}

/**
 * Runs a benchmark child script (beside this module) in a fresh Node process and parses the JSON it prints.
 * @example
 * const figures = jsonFromChild<ChildFigures>("./cli-child.js", ["report", "run", "--data", dir]);
 */
export function jsonFromChild<T>(
  script: string,
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): T {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return JSON.parse(
    execFileSync(process.execPath, [...nodeFlags, path, ...args], { encoding: "utf8", maxBuffer: 1 << 20 }),
  ) as T;
}
