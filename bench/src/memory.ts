import { jsonFromChild } from "./json-child.js";
import type { BenchResult } from "./result.js";

interface MemoryFigures {
  peakRssMB: number;
  heapAfterGcMB: number;
  stateKB: number;
}

function measure(steps: number): MemoryFigures {
  return jsonFromChild<MemoryFigures>("./memory-child.js", [String(steps)], ["--expose-gc"]);
}

/** Peak memory of the Monitor over 2,000 and 20,000 steps, each in a fresh process: it must stay flat. */
export function benchMemory(): BenchResult {
  const short = measure(2_000);
  const long = measure(20_000);
  const rssRatio = long.peakRssMB / short.peakRssMB;
  const heapRatio = long.heapAfterGcMB / short.heapAfterGcMB;
  const stateRatio = long.stateKB / short.stateKB;
  return {
    name: "memory over run length (64 completions x 4 functions a step, fresh process each)",
    figures: {
      peakRssMB_2000: short.peakRssMB,
      peakRssMB_20000: long.peakRssMB,
      heapAfterGcMB_2000: short.heapAfterGcMB,
      heapAfterGcMB_20000: long.heapAfterGcMB,
      stateKB_2000: short.stateKB,
      stateKB_20000: long.stateKB,
      rssRatio,
      heapRatio,
      stateRatio,
    },
    // Retained memory is what must not grow with the run; peak RSS also holds garbage V8 has not yet returned,
    // which a longer run lets grow a little whatever it retains, so it is reported beside it.
    target: "flat: retained heap (after GC) and Monitor state at 20,000 steps within 1.2x of 2,000 steps",
    pass: heapRatio <= 1.2 && stateRatio <= 1.2,
  };
}
