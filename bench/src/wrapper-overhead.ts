import { wrapRewardFunction } from "@rewardscope/core";
import type { BenchResult } from "./result.js";

const CALLS = 2_000_000;

/** Time per call added by wrapRewardFunction to a trivial reward function, TRL's convention. */
export function benchWrapperOverhead(): BenchResult {
  const values = [1, 0, 1, 1];
  const args = { prompts: ["p", "p", "p", "p"], completions: ["a", "b", "c", "d"] };
  const plain = (_: typeof args) => values;
  const wrapped = wrapRewardFunction(plain, { name: "plain" });
  const time = (fn: (a: typeof args) => unknown): number => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < CALLS; i++) fn(args);
    return Number(process.hrtime.bigint() - start) / CALLS;
  };
  // Warm both paths up, then take the best of five runs each: the JIT and the other core make single runs noisy.
  time(plain);
  time(wrapped);
  const plainNs = Math.min(...Array.from({ length: 5 }, () => time(plain)));
  const wrappedNs = Math.min(...Array.from({ length: 5 }, () => time(wrapped)));
  const overheadNs = wrappedNs - plainNs;
  return {
    name: "wrapper overhead",
    figures: { plainNsPerCall: plainNs, wrappedNsPerCall: wrappedNs, overheadNsPerCall: overheadNs },
    target: "overhead < 1,000 ns per call",
    pass: overheadNs < 1000,
  };
}
