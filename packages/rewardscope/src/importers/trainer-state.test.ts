import { describe, expect, it } from "vitest";
import { pythonJson, trainerStateDpo, trainerStateNewer, trainerStateOlder } from "./fixtures.case.js";
import { parsePythonJson } from "./python-json.js";
import { trainerStateEvents } from "./trainer-state.js";

describe("trainerStateEvents", () => {
  it("turns every log_history row into reward_stats and metrics at its step", () => {
    const { format, events, problems } = trainerStateEvents(
      parsePythonJson(pythonJson(trainerStateNewer(20))),
      "ts.json",
    );
    expect(format).toBe("trl-trainer-state");
    expect(problems).toEqual([]);
    const fns = new Set(events.flatMap((e) => (e.type === "reward_stats" ? [e.fn] : [])));
    expect(fns).toEqual(new Set(["accuracy", "format"]));
    const step3 = events.find((e) => e.type === "metrics" && e.step === 3);
    // Python's bare NaN (grad_norm of step 3) reads as no value.
    expect(step3?.type === "metrics" && "grad_norm" in step3.values).toBe(false);
    const evalRow = events.find((e) => e.type === "metrics" && e.step === 10 && "eval_reward" in e.values);
    expect(evalRow).toBeDefined();
  });

  it("reads the older schema's means", () => {
    const { events } = trainerStateEvents(trainerStateOlder(3), "ts.json");
    expect(
      events.filter((e) => e.type === "reward_stats").map((e) => e.type === "reward_stats" && e.fn),
    ).toEqual([
      "correctness",
      "strict_format",
      "correctness",
      "strict_format",
      "correctness",
      "strict_format",
    ]);
  });

  it("finds no reward function in a DPO log", () => {
    const { events } = trainerStateEvents(trainerStateDpo(), "ts.json");
    expect(events.every((e) => e.type === "metrics")).toBe(true);
  });

  it("reads from a row on (a watcher that has the earlier ones)", () => {
    const all = trainerStateEvents(trainerStateOlder(4), "ts.json").events;
    const later = trainerStateEvents(trainerStateOlder(4), "ts.json", 2).events;
    expect(later).toEqual(all.filter((e) => e.type !== "run" && e.step > 2));
  });

  it("names the row and field of bad input, and keeps the rest", () => {
    const json = {
      log_history: [{ step: 1, loss: 0.1 }, { loss: 2 }, { step: 3, loss: [1] }, "x", { step: -2 }],
    };
    const { events, problems } = trainerStateEvents(json, "ts.json");
    expect(problems).toEqual([
      "ts.json: log_history[1]: step: must be a non-negative integer, got nothing",
      "ts.json: log_history[2]: loss: must be a number, got array",
      "ts.json: log_history[3]: must be an object",
      "ts.json: log_history[4]: step: must be a non-negative integer, got -2",
    ]);
    expect(events.map((e) => e.type !== "run" && e.step)).toEqual([1]);
  });

  it("refuses what is not a trainer state", () => {
    expect(() => trainerStateEvents({ steps: [] }, "x.json")).toThrow("x.json: log_history: is required");
  });
});
