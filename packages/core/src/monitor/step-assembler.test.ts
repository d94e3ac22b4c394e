import { describe, expect, it } from "vitest";
import type { RewardsEvent } from "../events/types.js";
import { assembleStep, createStepAssembler, flushSteps, waitingRanks } from "./step-assembler.js";

const rewards = (
  step: number,
  rank: number,
  values: number[],
  extra: Partial<RewardsEvent> = {},
): RewardsEvent => ({
  type: "rewards",
  step,
  rank,
  rewards: { acc: values },
  ...extra,
});

describe("assembleStep", () => {
  it("closes a step of one rank when a later step arrives", () => {
    const state = createStepAssembler(1);
    expect(assembleStep(state, rewards(0, 0, [1, 0]))).toEqual([]);
    const closed = assembleStep(state, rewards(1, 0, [1]));
    expect(closed.map((b) => b.step)).toEqual([0]);
    expect(closed[0]?.rewards.acc).toEqual([1, 0]);
    expect(flushSteps(state).map((b) => b.step)).toEqual([1]);
  });

  it("tells silent ranks from unfinished ones", () => {
    const state = createStepAssembler(3);
    assembleStep(state, rewards(0, 0, [1]));
    assembleStep(state, rewards(0, 1, [1]));
    assembleStep(state, { type: "step_end", step: 0, rank: 1 });
    expect(waitingRanks(state)).toEqual({ silent: [2], unfinished: [0] });
  });

  it("waits for every rank, then merges their batches with group ids made unique", () => {
    const state = createStepAssembler(2);
    assembleStep(state, rewards(0, 0, [1, 0], { groups: [0, 0], completions: ["a", "b"] }));
    assembleStep(state, rewards(0, 1, [2, 2], { groups: [0, 0], completions: ["c", "d"] }));
    expect(assembleStep(state, { type: "step_end", step: 0, rank: 0 })).toEqual([]);
    expect(waitingRanks(state)).toEqual({ silent: [], unfinished: [1] });
    const [batch] = assembleStep(state, { type: "step_end", step: 0, rank: 1 });
    expect(batch?.rewards.acc).toEqual([1, 0, 2, 2]);
    expect(batch?.groups).toEqual([0, 0, 1, 1]);
    expect(batch?.completions).toEqual(["a", "b", "c", "d"]);
  });

  it("pads functions and optional arrays that a batch lacked with nulls", () => {
    const state = createStepAssembler(1);
    assembleStep(state, rewards(3, 0, [1, 1], { completions: ["x", "y"] }));
    assembleStep(state, { type: "rewards", step: 3, rewards: { fmt: [0.5] } });
    const [batch] = flushSteps(state);
    expect(batch?.rewards).toEqual({ acc: [1, 1, null], fmt: [null, null, 0.5] });
    expect(batch?.completions).toEqual(["x", "y", null]);
  });

  it("averages metrics over ranks, keeps the max of memory, sums calls", () => {
    const state = createStepAssembler(2);
    assembleStep(state, { type: "metrics", step: 0, rank: 0, values: { loss: 1, memory_mb: 100 } });
    assembleStep(state, { type: "metrics", step: 0, rank: 1, values: { loss: 3, memory_mb: 300 } });
    assembleStep(state, {
      type: "calls",
      step: 0,
      rank: 0,
      fn: "acc",
      calls: 2,
      errors: 1,
      totalMs: 4,
      maxMs: 3,
    });
    assembleStep(state, {
      type: "calls",
      step: 0,
      rank: 1,
      fn: "acc",
      calls: 2,
      errors: 0,
      totalMs: 2,
      maxMs: 1,
    });
    const [batch] = flushSteps(state);
    expect(batch?.metrics).toEqual({ loss: 2, memory_mb: 300 });
    expect(batch?.calls.acc).toEqual({ calls: 4, errors: 1, totalMs: 6, maxMs: 3, nulls: 0 });
  });

  it("counts and drops events for a step already closed", () => {
    const state = createStepAssembler(1);
    assembleStep(state, rewards(0, 0, [1]));
    assembleStep(state, rewards(1, 0, [1]));
    expect(assembleStep(state, rewards(0, 0, [5]))).toEqual([]);
    expect(state.lateEvents).toBe(1);
  });

  it("keeps its state as plain JSON", () => {
    const state = createStepAssembler(2);
    assembleStep(state, rewards(0, 0, [1], { groups: [0] }));
    const copy = JSON.parse(JSON.stringify(state));
    expect(copy).toEqual(state);
    assembleStep(copy, rewards(0, 1, [2], { groups: [0] }));
    expect(flushSteps(copy)[0]?.groups).toEqual([0, 1]);
  });
});
