import { describe, expect, it } from "vitest";
import { flatMetricsJsonl, samplesJsonl, verlMetricsJsonl, verlRolloutJsonl } from "./fixtures.case.js";
import { JsonlLogReader } from "./jsonl-log.js";

function readAll(text: string, source = "log.jsonl", defaultStep?: number) {
  const reader = new JsonlLogReader(source, defaultStep);
  const first = reader.push(text);
  const last = reader.end();
  return {
    format: reader.format,
    events: [...first.events, ...last.events],
    problems: [...first.problems, ...last.problems],
  };
}

describe("JsonlLogReader", () => {
  it("reads verl's file logger", () => {
    const { format, events, problems } = readAll(verlMetricsJsonl(3));
    expect(format).toBe("verl-metrics");
    expect(problems).toEqual([]);
    expect(events[0]).toEqual({ type: "reward_stats", step: 1, fn: "score", mean: 0, max: 0, min: 0 });
    expect(events[1]).toMatchObject({
      type: "metrics",
      step: 1,
      values: { "actor/entropy": 1.2, "response_length/clip_ratio": 0.7 },
    });
  });

  it("reads a verl rollout dump as one rewards event with groups of equal inputs", () => {
    const { format, events } = readAll(verlRolloutJsonl(7), "7.jsonl", 7);
    expect(format).toBe("completion-rows");
    expect(events).toEqual([
      {
        type: "rewards",
        step: 7,
        rewards: { score: [0, 1, 0, 1], acc: [0, 1, 0, 1] },
        completions: ["answer 0", "answer 1", "answer 2", "answer 3"],
        prompts: ["a", "a", "b", "b"],
        groups: [0, 0, 1, 1],
      },
    ]);
  });

  it("reads eval samples with one prompt each without inventing groups", () => {
    const { events } = readAll(samplesJsonl([0, 10]));
    expect(events.map((e) => e.type === "rewards" && [e.step, e.groups, e.lengths])).toEqual([
      [0, undefined, [48, 48, 48, 48]],
      [10, undefined, [48, 48, 48, 48]],
    ]);
  });

  it("holds a step's completion rows until a later step or the end", () => {
    const reader = new JsonlLogReader("s.jsonl");
    const lines = samplesJsonl([1, 2]).split("\n");
    expect(reader.push(`${lines.slice(0, 4).join("\n")}\n`).events).toEqual([]);
    expect(reader.push(`${lines.slice(4).join("\n")}`).events.map((e) => e.type !== "run" && e.step)).toEqual(
      [1],
    );
    expect(reader.end().events.map((e) => e.type !== "run" && e.step)).toEqual([2]);
  });

  it("reads a custom loop's flat scalars with a step column", () => {
    const { format, events, problems } = readAll(flatMetricsJsonl(2));
    expect(format).toBe("scalars-jsonl");
    expect(problems).toEqual([]);
    expect(events).toEqual([
      { type: "metrics", step: 0, values: { eval_reward: 0.5 } },
      { type: "reward_stats", step: 1, fn: "train_reward", mean: 0.35, std: expect.any(Number) },
      { type: "metrics", step: 1, values: { kl: 0.01, lr: 1e-5 } },
      { type: "reward_stats", step: 2, fn: "train_reward", mean: 0.4, std: expect.any(Number) },
      { type: "metrics", step: 2, values: { kl: 0.01, lr: 1e-5 } },
    ]);
  });

  it("reads generic events, validated", () => {
    const text =
      '{"type":"run","name":"r"}\n{"type":"metrics","step":1,"values":{"kl":0.1}}\n{"type":"metrics","step":-1,"values":{}}\n';
    const { format, events, problems } = readAll(text);
    expect(format).toBe("events");
    expect(events).toHaveLength(2);
    expect(problems).toEqual(["log.jsonl:3: step: must be a non-negative integer, got number -1"]);
  });

  it("names the file and line of every bad line, and keeps the rest", () => {
    const text =
      '{"step":1,"reward":1}\nnot json\n[1]\n{"reward":2}\n\n{"step":"x","reward":3}\n{"step":4,"reward":4}\n';
    const { events, problems } = readAll(text, "m.jsonl");
    expect(problems).toEqual([
      expect.stringMatching(/^m\.jsonl:2: invalid JSON: /),
      "m.jsonl:3: must be a JSON object",
      "m.jsonl:4: step: a step column is required (step, global_step, _step, iteration, iter)",
      'm.jsonl:6: step: must be a non-negative integer, got "x"',
    ]);
    expect(events.map((e) => e.type !== "run" && e.step)).toEqual([1, 4]);
  });

  it("counts lines across pieces", () => {
    const reader = new JsonlLogReader("g.jsonl");
    reader.push('{"step":1,"reward":1}\n');
    expect(reader.push("oops\n").problems).toEqual([expect.stringMatching(/^g\.jsonl:2: /)]);
  });
});
