import { parseEvent, simulateRun } from "@rewardscope/core";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { EVENT_SCHEMA } from "./event-schema.js";

const validate = new Ajv({ strict: false }).compile(EVENT_SCHEMA);

const MALFORMED: unknown[] = [
  { type: "rewards", step: -1, rewards: { a: [1] } },
  { type: "rewards", step: 1.5, rewards: { a: [1] } },
  { type: "rewards", step: 0, rewards: { a: ["x"] } },
  { type: "rewards", step: 0, rewards: {} },
  { type: "metrics", step: 0, values: { kl: "NaN" } },
  { type: "metrics", step: 0, values: { kl: null } },
  { type: "calls", step: 0, fn: "a", calls: -1, errors: 0, totalMs: 1 },
  { type: "run", name: "" },
  { type: "reward_stats", step: 0, fn: "a" },
  { type: "reward_stats", step: 0, fn: "a", mean: 1, std: -1 },
  { type: "reward_stats", step: 0, fn: "", mean: 1 },
  { type: "run", name: "r", worldSize: 0 },
  { type: "bogus", step: 0 },
  { step: 0 },
  [1, 2],
  "event",
];

describe("the event JSON Schema of the OpenAPI document", () => {
  it("accepts every event of simulated runs, as parseEvent does", () => {
    for (const scenario of ["healthy", "reward_fn_errors", "truncation"] as const) {
      for (const event of simulateRun({ steps: 5, scenario, onset: 2, promptsPerStep: 2, groupSize: 2 })) {
        expect(() => parseEvent(event)).not.toThrow();
        expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
      }
    }
    expect(validate({ type: "step_end", step: 3, rank: 1 })).toBe(true);
    const stats = {
      type: "reward_stats",
      step: 3,
      fn: "accuracy",
      mean: 0.5,
      std: 0.1,
      min: 0,
      max: 1,
      count: 8,
    };
    expect(() => parseEvent(stats)).not.toThrow();
    expect(validate(stats)).toBe(true);
  });

  it("rejects what parseEvent rejects", () => {
    for (const event of MALFORMED) {
      expect(() => parseEvent(event)).toThrow();
      expect(validate(event), JSON.stringify(event)).toBe(false);
    }
  });
});
