import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { describeValue, parseEvent, parseEventLine } from "./validate.js";

/** The error parseEvent throws for `raw`, or a failure if it throws none. */
function errorOf(raw: unknown): RewardscopeError {
  try {
    parseEvent(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(RewardscopeError);
    return error as RewardscopeError;
  }
  throw new Error(`expected parseEvent to reject ${JSON.stringify(raw)}`);
}

function expectInvalid(raw: unknown, field: string | undefined, message: string | RegExp): void {
  const error = errorOf(raw);
  expect(error.code).toBe("invalid_event");
  expect(error.field).toBe(field);
  expect(error.message).toMatch(message);
}

const rewards = (extra: Record<string, unknown> = {}) => ({
  type: "rewards",
  step: 12,
  rewards: { format: [3, 3, 0], accuracy: [1.5, 0, null] },
  ...extra,
});

describe("parseEvent: valid events", () => {
  it("accepts the examples of the event format", () => {
    const run = parseEvent({
      type: "run",
      name: "qwen-gsm8k-1",
      project: "math",
      rewardFunctions: ["format", "accuracy"],
      worldSize: 1,
      config: {},
    });
    expect(run).toEqual({
      type: "run",
      name: "qwen-gsm8k-1",
      project: "math",
      rewardFunctions: ["format", "accuracy"],
      worldSize: 1,
      config: {},
    });
    const full = rewards({
      rank: 0,
      batchId: "b-1",
      completions: ["a", "b", "c"],
      prompts: ["p", "p", "q"],
      groups: [0, 0, 1],
      lengths: [123, 98, 77],
      truncated: [false, true, false],
      advantages: [0.7, -0.7, 0],
    });
    expect(parseEvent(full)).toEqual(full);
    const metrics = { type: "metrics", step: 12, values: { loss: 0.12, kl: 0.03, learning_rate: 1e-6 } };
    expect(parseEvent(metrics)).toEqual(metrics);
    const calls = {
      type: "calls",
      step: 12,
      fn: "accuracy",
      calls: 512,
      errors: 3,
      totalMs: 812.5,
      maxMs: 22.1,
    };
    expect(parseEvent(calls)).toEqual(calls);
    expect(parseEvent({ type: "step_end", step: 0, rank: 3 })).toEqual({
      type: "step_end",
      step: 0,
      rank: 3,
    });
  });

  it("drops unknown top-level fields and reuses the arrays", () => {
    const raw = rewards({ trainer: "trl", extra: { a: 1 } });
    const event = parseEvent(raw);
    expect(event).toEqual(rewards());
    expect(event.type === "rewards" && event.rewards.format).toBe(raw.rewards.format);
  });

  it("accepts null rewards and empty batches", () => {
    expect(parseEvent({ type: "rewards", step: 1, rewards: { a: [null, null] } })).toMatchObject({
      rewards: { a: [null, null] },
    });
    expect(parseEvent({ type: "rewards", step: 1, rewards: { a: [] }, completions: [] })).toMatchObject({
      rewards: { a: [] },
    });
  });
});

describe("parseEvent: the envelope", () => {
  it("rejects non-objects and unknown types", () => {
    expectInvalid([1], undefined, "an event must be a JSON object, got array");
    expectInvalid("x", undefined, 'got string "x"');
    expectInvalid({ step: 1 }, "type", "type: is required");
    expectInvalid({ type: "reward", step: 1 }, "type", 'got string "reward"');
  });

  it("checks step", () => {
    expectInvalid(rewards({ step: undefined }), "step", "step: is required");
    expectInvalid(rewards({ step: -1 }), "step", "must be a non-negative integer, got number -1");
    expectInvalid(rewards({ step: 1.5 }), "step", "got number 1.5");
    expectInvalid(rewards({ step: "3" }), "step", 'got string "3"');
    expectInvalid(rewards({ step: 2 ** 53 }), "step", "non-negative integer");
  });

  it("checks rank and batchId", () => {
    expectInvalid(rewards({ rank: -2 }), "rank", "must be a non-negative integer, got number -2");
    expectInvalid({ type: "step_end", step: 1, rank: "0" }, "rank", 'got string "0"');
    expectInvalid(rewards({ batchId: 7 }), "batchId", "must be a string, got number 7");
  });
});

describe("parseEvent: rewards", () => {
  it("requires a non-empty object of arrays", () => {
    expectInvalid({ type: "rewards", step: 1 }, "rewards", "rewards: is required");
    expectInvalid({ type: "rewards", step: 1, rewards: [1] }, "rewards", "must be an object, got array");
    expectInvalid({ type: "rewards", step: 1, rewards: {} }, "rewards", "at least one reward function");
    expectInvalid(
      { type: "rewards", step: 1, rewards: { a: 1 } },
      "rewards.a",
      "must be an array, got number 1",
    );
  });

  it("rejects bad function names", () => {
    expectInvalid({ type: "rewards", step: 1, rewards: { "": [1] } }, "rewards", "empty key");
    expectInvalid(
      { type: "rewards", step: 1, rewards: { "a\u001b[31m": [1] } },
      "rewards",
      "control characters",
    );
    expectInvalid(
      JSON.parse('{"type":"rewards","step":1,"rewards":{"__proto__":[1]}}'),
      "rewards",
      "__proto__",
    );
  });

  it("says which arrays disagree in length", () => {
    expectInvalid(
      { type: "rewards", step: 1, rewards: { format: [1, 2, 3], accuracy: [1, 2] } },
      "rewards.accuracy",
      "has length 2, but rewards.format has length 3",
    );
  });

  it("allows only finite numbers or null as values", () => {
    const bad = (value: unknown) => ({ type: "rewards", step: 1, rewards: { accuracy: [0, 1, 2, value] } });
    expectInvalid(bad("abc"), "rewards.accuracy[3]", 'must be a finite number or null, got string "abc"');
    expectInvalid(bad("NaN"), "rewards.accuracy[3]", 'got string "NaN"');
    expectInvalid(bad(Number.NaN), "rewards.accuracy[3]", "got number NaN");
    expectInvalid(bad(Number.POSITIVE_INFINITY), "rewards.accuracy[3]", "got number Infinity");
    expectInvalid(bad(true), "rewards.accuracy[3]", "got boolean true");
    expectInvalid(bad([1]), "rewards.accuracy[3]", "got array");
    expectInvalid(bad(undefined), "rewards.accuracy[3]", "got undefined");
  });

  it("checks every per-completion array's length", () => {
    for (const key of ["completions", "prompts", "groups", "lengths", "truncated", "advantages"]) {
      expectInvalid(
        rewards({ [key]: [] }),
        key,
        `${key}: must have one entry per completion: length 0, but rewards.format has length 3`,
      );
      expectInvalid(rewards({ [key]: "x" }), key, 'must be an array, got string "x"');
    }
  });

  it("checks every per-completion array's elements", () => {
    expectInvalid(
      rewards({ completions: ["a", 1, "c"] }),
      "completions[1]",
      "must be a string, got number 1",
    );
    expectInvalid(rewards({ prompts: ["a", "b", null] }), "prompts[2]", "must be a string, got null");
    expectInvalid(
      rewards({ groups: [0, -1, 1] }),
      "groups[1]",
      "must be a non-negative integer, got number -1",
    );
    expectInvalid(rewards({ groups: [0, 0.5, 1] }), "groups[1]", "got number 0.5");
    expectInvalid(rewards({ lengths: [1, 2, -3] }), "lengths[2]", "must be a non-negative finite number");
    expectInvalid(rewards({ lengths: [1, null, 3] }), "lengths[1]", "got null");
    expectInvalid(
      rewards({ truncated: [false, 0, true] }),
      "truncated[1]",
      "must be a boolean, got number 0",
    );
    expectInvalid(
      rewards({ advantages: [0, "NaN", 1] }),
      "advantages[1]",
      'must be a finite number, got string "NaN"',
    );
    expect(parseEvent(rewards({ lengths: [0, 2.5, 3] }))).toMatchObject({ lengths: [0, 2.5, 3] });
  });
});

describe("parseEvent: metrics", () => {
  const metrics = (values: unknown) => ({ type: "metrics", step: 3, values });

  it("requires an object of finite numbers", () => {
    expectInvalid({ type: "metrics", step: 3 }, "values", "values: is required");
    expectInvalid(metrics([1]), "values", "must be an object, got array");
    expectInvalid(metrics({ "": 1 }), "values", "empty key");
  });

  it("rejects NaN and Infinity in both of their JSON spellings", () => {
    const fromNull = errorOf(metrics({ loss: 0.1, kl: null }));
    expect(fromNull.field).toBe("values.kl");
    expect(fromNull.message).toBe(
      "values.kl: must be a finite number, got null (NaN and Infinity are not allowed)",
    );
    expectInvalid(metrics({ kl: "NaN" }), "values.kl", 'got string "NaN" (NaN and Infinity are not allowed)');
    expectInvalid(metrics({ kl: "Infinity" }), "values.kl", 'got string "Infinity"');
    expectInvalid(
      metrics({ kl: true }),
      "values.kl",
      /^values\.kl: must be a finite number, got boolean true$/,
    );
  });
});

describe("parseEvent: calls", () => {
  const calls = (extra: Record<string, unknown>) => ({
    type: "calls",
    step: 2,
    fn: "accuracy",
    calls: 10,
    errors: 1,
    totalMs: 5,
    ...extra,
  });

  it("checks each field", () => {
    expectInvalid(calls({ fn: "" }), "fn", 'must be a non-empty string, got string ""');
    expectInvalid(calls({ fn: undefined }), "fn", "got undefined");
    expectInvalid(calls({ calls: 1.5 }), "calls", "non-negative integer");
    expectInvalid(calls({ errors: -1 }), "errors", "non-negative integer");
    expectInvalid(calls({ errors: 11 }), "errors", "must not exceed calls (10), got 11");
    expectInvalid(calls({ totalMs: -5 }), "totalMs", "must be a non-negative finite number, got number -5");
    expectInvalid(calls({ maxMs: "1" }), "maxMs", 'got string "1"');
    expectInvalid(calls({ nulls: 0.5 }), "nulls", "non-negative integer");
    expect(parseEvent(calls({ nulls: 2, maxMs: 1.5 }))).toMatchObject({ nulls: 2, maxMs: 1.5 });
  });
});

describe("parseEvent: run", () => {
  it("checks the name", () => {
    expectInvalid({ type: "run" }, "name", "must be a non-empty string, got undefined");
    expectInvalid({ type: "run", name: "" }, "name", "non-empty string");
    expectInvalid({ type: "run", name: "a\nb" }, "name", "must not contain control characters");
    expectInvalid({ type: "run", name: "a\u009bb" }, "name", "control characters");
  });

  it("checks worldSize, rewardFunctions, project and config", () => {
    expectInvalid({ type: "run", name: "r", worldSize: 0 }, "worldSize", "from 1 to 4096, got number 0");
    expectInvalid({ type: "run", name: "r", worldSize: 4097 }, "worldSize", "got number 4097");
    expectInvalid({ type: "run", name: "r", worldSize: 2.5 }, "worldSize", "got number 2.5");
    expect(parseEvent({ type: "run", name: "r", worldSize: 4096 })).toMatchObject({ worldSize: 4096 });
    expectInvalid({ type: "run", name: "r", rewardFunctions: "a" }, "rewardFunctions", "must be an array");
    expectInvalid({ type: "run", name: "r", rewardFunctions: ["a", ""] }, "rewardFunctions[1]", "non-empty");
    expectInvalid({ type: "run", name: "r", project: 3 }, "project", "must be a string");
    expectInvalid({ type: "run", name: "r", config: [] }, "config", "must be an object, got array");
  });
});

describe("parseEventLine", () => {
  it("parses a line", () => {
    expect(parseEventLine('{"type":"metrics","step":1,"values":{"kl":0.03}}')).toEqual({
      type: "metrics",
      step: 1,
      values: { kl: 0.03 },
    });
  });

  it("reports invalid JSON without a field", () => {
    let caught: unknown;
    try {
      parseEventLine('{"type":"metrics",');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RewardscopeError);
    expect((caught as RewardscopeError).message).toMatch(/^invalid JSON: /);
    expect((caught as RewardscopeError).field).toBeUndefined();
  });

  it("reports NaN written by a non-standard serialiser as invalid JSON", () => {
    expect(() => parseEventLine('{"type":"metrics","step":1,"values":{"kl":NaN}}')).toThrow(/^invalid JSON/);
  });
});

describe("describeValue", () => {
  it("names values and shortens long strings", () => {
    expect(describeValue(null)).toBe("null");
    expect(describeValue({})).toBe("object");
    expect(describeValue("x".repeat(50))).toBe(`string "${"x".repeat(40)}…"`);
  });
});

describe("parseEvent: Unicode", () => {
  it("keeps completions with a lone surrogate as U+FFFD, pairs untouched, and the input array as it was", () => {
    const completions = ["\ud800 lone", "pair \ud83c\udf89", "\udfff"];
    const event = parseEvent(
      parseEventLine(JSON.stringify({ type: "rewards", step: 0, rewards: { a: [1, 1, 1] }, completions })),
    );
    expect(event.type === "rewards" && event.completions).toEqual(["\ufffd lone", "pair 🎉", "\ufffd"]);
    expect(completions[0]).toBe("\ud800 lone");
  });

  it("refuses a lone surrogate in a run, function or metric name", () => {
    expectInvalid({ type: "run", name: "r\ud800" }, "name", /well-formed Unicode/);
    expectInvalid(
      { type: "rewards", step: 0, rewards: { "f\udc00": [1] } },
      "rewards",
      /well-formed Unicode/,
    );
    expectInvalid({ type: "metrics", step: 0, values: { "\ud800": 1 } }, "values", /well-formed Unicode/);
  });
});
