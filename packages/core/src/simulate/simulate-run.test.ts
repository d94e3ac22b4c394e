import { describe, expect, it } from "vitest";
import type { MetricsEvent, RewardscopeEvent, RewardsEvent, StepBatch } from "../events/types.js";
import { countIndicators } from "./phrases.js";
import { SCENARIOS } from "./scenarios.js";
import { simulateRun, simulateSteps } from "./simulate-run.js";

const SMALL = { steps: 12, promptsPerStep: 4, groupSize: 4 };

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function rewardsOf(events: RewardscopeEvent[]): RewardsEvent[] {
  return events.filter((e): e is RewardsEvent => e.type === "rewards");
}

describe("simulateRun", () => {
  it("is deterministic for a seed and changes with it", () => {
    const a = JSON.stringify([...simulateRun({ ...SMALL, seed: 5 })]);
    expect(JSON.stringify([...simulateRun({ ...SMALL, seed: 5 })])).toBe(a);
    expect(JSON.stringify([...simulateRun({ ...SMALL, seed: 6 })])).not.toBe(a);
  });

  it("is lazy: it yields the run event before generating any step", () => {
    const it = simulateRun({ steps: 10_000_000 });
    expect(it.next().value).toMatchObject({ type: "run", name: "sim-healthy-1", worldSize: 1 });
    expect(it.next().value).toMatchObject({ type: "rewards", step: 0 });
  });

  it("emits run, then per step rewards, metrics and one calls event per function", () => {
    const events = [...simulateRun({ ...SMALL, rewardFunctions: ["accuracy", "format"] })];
    expect(events[0]).toMatchObject({
      type: "run",
      rewardFunctions: ["accuracy", "format"],
      config: { scenario: "healthy", onset: 6, simulated: true },
    });
    const kinds = events.slice(1, 5).map((e) => (e.type === "calls" ? `calls:${e.fn}` : e.type));
    expect(kinds).toEqual(["rewards", "metrics", "calls:accuracy", "calls:format"]);
    expect(events).toHaveLength(1 + SMALL.steps * 4);
    const steps = events.slice(1).map((e) => (e.type === "run" ? -1 : e.step));
    expect(steps).toEqual([...steps].sort((x, y) => x - y));
  });

  it("makes RewardsEvents whose arrays align, with contiguous groups and finite rewards", () => {
    for (const { name } of SCENARIOS) {
      const events = [...simulateRun({ ...SMALL, scenario: name, onset: 4, rewardFunctions: 8 })];
      for (const e of rewardsOf(events)) {
        const n = e.completions?.length ?? -1;
        expect(n).toBe(16);
        for (const arr of [e.prompts, e.groups, e.lengths, e.truncated, e.advantages])
          expect(arr).toHaveLength(n);
        for (const values of Object.values(e.rewards)) {
          expect(values).toHaveLength(n);
          for (const v of values) expect(v === null || Number.isFinite(v)).toBe(true);
        }
        expect(e.groups).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
        for (let i = 0; i < n; i++) {
          expect(e.prompts?.[i]).toBe(e.prompts?.[i - (i % 4)]);
          expect(Number.isInteger(e.lengths?.[i])).toBe(true);
        }
      }
      for (const e of events) {
        if (e.type === "metrics")
          for (const v of Object.values(e.values)) expect(Number.isFinite(v)).toBe(true);
      }
    }
  });

  it("splits a step's groups between batches with local group ids", () => {
    const one = rewardsOf([...simulateRun({ ...SMALL, steps: 2 })]);
    const three = rewardsOf([...simulateRun({ ...SMALL, steps: 2, batchesPerStep: 3 })]);
    expect(three).toHaveLength(6);
    expect(three.map((e) => e.batchId)).toEqual(
      [0, 0, 0, 1, 1, 1].map((s, i) => `sim-healthy-1:${s}:${i % 3}`),
    );
    const step0 = three.slice(0, 3);
    expect(step0.flatMap((e) => e.completions)).toEqual(one[0]?.completions);
    expect(step0.flatMap((e) => e.rewards.accuracy)).toEqual(one[0]?.rewards.accuracy);
    // floor(b * 4 / 3): groups [0], [1], [2, 3] of the step.
    expect(step0.map((e) => e.groups)).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0, 1, 1, 1, 1],
    ]);
  });

  it("computes GRPO advantages from the group's total reward", () => {
    const [e] = rewardsOf([...simulateRun({ ...SMALL, steps: 1 })]);
    if (e === undefined) throw new Error("no rewards");
    const fns = Object.values(e.rewards);
    const totals = e.groups?.map((_, i) => fns.reduce((t, v) => t + (v[i] ?? 0), 0)) ?? [];
    for (let g = 0; g < 4; g++) {
      const r = totals.slice(4 * g, 4 * g + 4);
      const m = mean(r);
      const sd = Math.sqrt(r.reduce((s, x) => s + (x - m) ** 2, 0) / 3);
      r.forEach((x, k) => {
        expect(e.advantages?.[4 * g + k]).toBeCloseTo((x - m) / (sd + 1e-4), 3);
      });
    }
  });
});

describe("simulateSteps", () => {
  it("yields the same data as simulateRun, assembled per step", () => {
    const events = [...simulateRun({ ...SMALL, steps: 3 })];
    const batches = [...simulateSteps({ ...SMALL, steps: 3 })];
    expect(batches).toHaveLength(3);
    const rewards = rewardsOf(events);
    batches.forEach((b, step) => {
      expect(b.step).toBe(step);
      expect(b.completions).toEqual(rewards[step]?.completions);
      expect(b.rewards).toEqual(rewards[step]?.rewards);
      const metrics = events.find((e): e is MetricsEvent => e.type === "metrics" && e.step === step);
      expect(b.metrics).toEqual(metrics?.values);
      const calls = events.find((e) => e.type === "calls" && e.step === step && e.fn === "accuracy");
      expect(b.calls.accuracy).toMatchObject({ calls: 16, errors: 0, nulls: 0 });
      expect(calls).toMatchObject({ calls: 16, totalMs: b.calls.accuracy?.totalMs });
    });
  });
});

const STRICT = /^<think>\n[\s\S]*?\n<\/think>\n<answer>\n[\s\S]*?\n<\/answer>$/;
const SOFT = /<think>[\s\S]*?<\/think>\s*<answer>[\s\S]*?<\/answer>/;
const ANSWER = /<answer>\n?([\s\S]*?)\n?<\/answer>/;

describe("healthy run", () => {
  const batches: StepBatch[] = [...simulateSteps({ steps: 120, seed: 11, rewardFunctions: 8 })];
  const all = batches.flatMap((b) =>
    (b.completions ?? []).map((text, i) => ({
      b,
      i,
      text: text ?? "",
      reward: (fn: string) => b.rewards[fn]?.[i],
    })),
  );

  it("learns: accuracy rises from ~0.2 to ~0.7 and then plateaus", () => {
    const acc = batches.map((b) => mean(b.rewards.accuracy?.map((v) => v ?? 0) ?? []) / 2);
    const first = mean(acc.slice(0, 12));
    const last = mean(acc.slice(90));
    expect(first).toBeGreaterThan(0.1);
    expect(first).toBeLessThan(0.3);
    expect(last).toBeGreaterThan(0.6);
    expect(last).toBeLessThan(0.8);
    expect(Math.abs(mean(acc.slice(60, 90)) - last)).toBeLessThan(0.06);
  });

  it("has some zero-std groups on the plateau, not most", () => {
    let constant = 0;
    let groups = 0;
    for (const b of batches.slice(60)) {
      const acc = b.rewards.accuracy ?? [];
      for (let g = 0; g < acc.length; g += 8) {
        const s = acc.slice(g, g + 8);
        groups++;
        if (s.every((v) => v === s[0])) constant++;
      }
    }
    expect(constant / groups).toBeGreaterThan(0.1);
    expect(constant / groups).toBeLessThan(0.35);
  });

  it("scores the format from the tags", () => {
    let slips = 0;
    for (const { text, reward } of all) {
      const expected = STRICT.test(text) ? 1 : SOFT.test(text) ? 0.5 : 0;
      expect(reward("format")).toBe(expected);
      if (expected < 1) slips++;
    }
    // Early in training some completions miss their tags; the share must be real but a minority.
    expect(slips / all.length).toBeGreaterThan(0.05);
    expect(slips / all.length).toBeLessThan(0.4);
  });

  it("scores accuracy from the answer: one correct answer per prompt, no answer tags no credit", () => {
    const correct = new Map<string, string>();
    for (const { b, i, text, reward } of all) {
      const answer = ANSWER.exec(text)?.[1];
      if (answer === undefined) {
        expect(reward("accuracy")).toBe(0);
        continue;
      }
      const key = `${b.step}:${b.groups?.[i]}`;
      if (reward("accuracy") === 2) {
        expect(correct.get(key) ?? answer).toBe(answer);
        correct.set(key, answer);
        expect(reward("partial_credit")).toBe(1);
      } else {
        expect(reward("accuracy")).toBe(0);
      }
    }
    for (const { b, i, text, reward } of all) {
      const answer = ANSWER.exec(text)?.[1];
      const truth = correct.get(`${b.step}:${b.groups?.[i]}`);
      if (answer !== undefined && truth !== undefined && answer !== truth) expect(reward("accuracy")).toBe(0);
    }
  });

  it("scores reasoning, length and verification from the text", () => {
    for (const { b, i, text, reward } of all) {
      expect(b.lengths?.[i]).toBe(Math.ceil(text.length / 4));
      expect(reward("length_penalty")).toBeCloseTo(
        -0.0005 * Math.max(0, Math.ceil(text.length / 4) - 250),
        9,
      );
      if (b.truncated?.[i]) continue;
      const close = text.indexOf("\n</think>");
      const think = text.startsWith("<think>\n") ? close - 8 : 0;
      const expected = 0.5 * Math.min(1, countIndicators(text) / 10) + 0.5 * Math.min(1, think / 3200);
      expect(reward("reasoning_steps")).toBeCloseTo(Math.round(expected * 1000) / 1000, 9);
      const checks = text.match(/\b(?:double-check|check(?:ing)?|verif(?:y|ying|ied))\b/gi)?.length ?? 0;
      expect(reward("verification")).toBe(Math.min(1, 0.25 * checks));
    }
  });

  it("looks like a real run: diverse texts of about the target length", () => {
    const lengths = all.map(({ text }) => text.length);
    expect(mean(lengths)).toBeGreaterThan(700);
    expect(mean(lengths)).toBeLessThan(900);
    const distinct = new Set(all.map(({ text }) => text));
    expect(distinct.size).toBe(all.length);
    const truncated = all.filter(({ b, i }) => b.truncated?.[i]).length;
    expect(truncated / all.length).toBeLessThan(0.02);
  });
});
