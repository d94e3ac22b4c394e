import { describe, expect, it } from "vitest";
import type { StepBatch } from "../events/types.js";
import { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from "./scenarios.js";
import { simulateRun, simulateSteps } from "./simulate-run.js";

/** 60 steps, onset 30: the ramp is 1 step, so every pathology is at full strength from the onset. */
const BASE = { steps: 60, seed: 3 };
const ONSET = 30;

function run(scenario: ScenarioName): { before: StepBatch[]; after: StepBatch[]; all: StepBatch[] } {
  const all = [...simulateSteps({ ...BASE, scenario, onset: ONSET })];
  return { before: all.slice(0, ONSET), after: all.slice(ONSET), all };
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function values(b: StepBatch, fn: string): number[] {
  return (b.rewards[fn] ?? []).filter((v): v is number => v !== null);
}

function std(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
}

/** Share of groups whose every reward function is constant within the group. */
function constantGroupShare(b: StepBatch): number {
  let constant = 0;
  const n = b.groups?.length ?? 0;
  for (let g = 0; g < n; g += 8) {
    const same = Object.values(b.rewards).every((vs) => vs.slice(g, g + 8).every((v) => v === vs[g]));
    if (same) constant++;
  }
  return constant / (n / 8);
}

function share(bs: StepBatch[], test: (text: string, b: StepBatch, i: number) => boolean): number {
  let hit = 0;
  let n = 0;
  for (const b of bs) {
    (b.completions ?? []).forEach((text, i) => {
      n++;
      if (test(text ?? "", b, i)) hit++;
    });
  }
  return hit / n;
}

function slope(ys: readonly number[]): number {
  const mx = (ys.length - 1) / 2;
  const my = mean(ys);
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

function metric(bs: StepBatch[], name: string): number[] {
  return bs.map((b) => b.metrics[name] ?? Number.NaN);
}

describe("SCENARIOS", () => {
  it("lists every scenario once, each with a one-line description", () => {
    expect(new Set(SCENARIO_NAMES).size).toBe(SCENARIOS.length);
    expect(SCENARIOS).toHaveLength(17);
    for (const s of SCENARIOS) {
      expect(s.description.length).toBeGreaterThan(10);
      expect(s.description).not.toContain("\n");
    }
  });

  it("leaves every pathology's run identical to the healthy run before the onset", () => {
    const options = {
      steps: 20,
      onset: 10,
      promptsPerStep: 4,
      groupSize: 4,
      rewardFunctions: 8,
      runName: "r",
    };
    const healthyEvents = [...simulateRun(options)];
    // Per step: 1 rewards + 1 metrics + 8 calls events.
    const healthy = JSON.stringify(healthyEvents.slice(1, 1 + 10 * 10));
    const after = JSON.stringify(healthyEvents.slice(1 + 10 * 10));
    for (const name of SCENARIO_NAMES) {
      const events = [...simulateRun({ ...options, scenario: name })];
      expect(JSON.stringify(events.slice(1, 1 + 10 * 10)), name).toBe(healthy);
      // Stagnation freezes the learning curve, which this short run has already climbed by step 10.
      if (name !== "healthy" && name !== "stagnation")
        expect(JSON.stringify(events.slice(1 + 10 * 10)), name).not.toBe(after);
    }
  });
});

describe("pathology signatures", () => {
  it("flatline: the accuracy function returns 0 for everything from the onset", () => {
    const { before, after } = run("flatline");
    for (const b of after) expect(values(b, "accuracy").every((v) => v === 0)).toBe(true);
    expect(before.filter((b) => values(b, "accuracy").some((v) => v > 0)).length).toBeGreaterThan(
      0.9 * ONSET,
    );
  });

  it("reward_fn_errors: ~40% of accuracy calls fail and their values are null", () => {
    const { before, after } = run("reward_fn_errors");
    for (const b of before) {
      expect(b.calls.accuracy?.errors).toBe(0);
      expect(b.rewards.accuracy?.includes(null)).toBe(false);
    }
    let errors = 0;
    let calls = 0;
    for (const b of after) {
      const nulls = b.rewards.accuracy?.filter((v) => v === null).length;
      expect(b.calls.accuracy?.errors).toBe(nulls);
      expect(b.calls.accuracy?.nulls).toBe(nulls);
      errors += b.calls.accuracy?.errors ?? 0;
      calls += b.calls.accuracy?.calls ?? 0;
      expect(b.calls.format?.errors).toBe(0);
    }
    expect(errors / calls).toBeGreaterThan(0.35);
    expect(errors / calls).toBeLessThan(0.45);
  });

  it("drop: the reward level falls sharply at the onset and stays low", () => {
    const { before, after } = run("drop");
    const pre = mean(before.slice(-10).map((b) => mean(values(b, "accuracy"))));
    const early = mean(after.slice(0, 5).map((b) => mean(values(b, "accuracy"))));
    const late = mean(after.slice(-10).map((b) => mean(values(b, "accuracy"))));
    expect(pre).toBeGreaterThan(1.2);
    expect(early).toBeLessThan(0.35 * pre);
    expect(late).toBeLessThan(0.35 * pre);
    expect(mean(after.map((b) => mean(values(b, "format"))))).toBeLessThan(
      mean(before.slice(-10).map((b) => mean(values(b, "format")))) - 0.1,
    );
  });

  it("spike: the accuracy reward jumps x5 at the onset", () => {
    const { before, after } = run("spike");
    expect(Math.max(...before.flatMap((b) => values(b, "accuracy")))).toBe(2);
    expect(new Set(after.flatMap((b) => values(b, "accuracy")))).toEqual(new Set([0, 10]));
    const pre = mean(before.slice(-10).map((b) => mean(values(b, "accuracy"))));
    expect(mean(after.slice(0, 3).map((b) => mean(values(b, "accuracy"))))).toBeGreaterThan(3 * pre);
  });

  it("saturation: the format reward is at its maximum on ~all completions", () => {
    const { before, after } = run("saturation");
    const atMax = (bs: StepBatch[]) =>
      mean(bs.map((b) => mean(values(b, "format").map((v) => (v === 1 ? 1 : 0)))));
    expect(atMax(after)).toBeGreaterThan(0.98);
    expect(atMax(before.slice(-10))).toBeLessThan(0.92);
  });

  it("variance_collapse: reasoning_steps converges to a constant with tiny noise", () => {
    const { before, after } = run("variance_collapse");
    for (const b of after) {
      const xs = values(b, "reasoning_steps");
      expect(std(xs) / Math.abs(mean(xs))).toBeLessThan(0.01);
    }
    for (const b of before) expect(std(values(b, "reasoning_steps"))).toBeGreaterThan(0.03);
  });

  it("zero_std_groups: more than 80% of groups have identical rewards after the onset", () => {
    const { before, after } = run("zero_std_groups");
    expect(mean(after.map(constantGroupShare))).toBeGreaterThan(0.8);
    expect(mean(before.map(constantGroupShare))).toBeLessThan(0.05);
    const flat = (b: StepBatch) =>
      (b.advantages ?? []).filter((a) => a === 0).length / (b.advantages?.length ?? 1);
    expect(mean(after.map(flat))).toBeGreaterThan(0.8);
    expect(mean(before.map(flat))).toBeLessThan(0.05);
  });

  it("format_gaming: tags around trivial content, format stays high while accuracy falls", () => {
    const { before, after } = run("format_gaming");
    const trivial = (text: string) => {
      const think = /<think>\n([\s\S]*?)\n<\/think>/.exec(text)?.[1];
      return think !== undefined && (think.match(/\w/g)?.length ?? 0) < 12;
    };
    expect(share(after, trivial)).toBeGreaterThan(0.75);
    expect(share(before, trivial)).toBe(0);
    expect(mean(after.map((b) => mean(values(b, "format"))))).toBeGreaterThan(0.95);
    const accBefore = mean(before.slice(-10).map((b) => mean(values(b, "accuracy"))));
    expect(mean(after.map((b) => mean(values(b, "accuracy"))))).toBeLessThan(0.3 * accBefore);
  });

  it("repetition: completions repeat one sentence many times", () => {
    const { before, after } = run("repetition");
    const loops = (text: string) => {
      const counts = new Map<string, number>();
      for (const line of text.split("\n"))
        if (line.length > 10) counts.set(line, (counts.get(line) ?? 0) + 1);
      return Math.max(0, ...counts.values()) >= 5;
    };
    expect(share(after, loops)).toBeGreaterThan(0.6);
    expect(share(before, loops)).toBe(0);
  });

  it("diversity_collapse: completions become the same text across prompts", () => {
    const { before, after } = run("diversity_collapse");
    const unique = (b: StepBatch) => new Set(b.completions).size / (b.completions?.length ?? 1);
    for (const b of after) expect(unique(b)).toBeLessThan(0.3);
    for (const b of before) expect(unique(b)).toBe(1);
    for (const b of after) expect(new Set(b.prompts).size).toBe(8);
  });

  it("length_hacking: lengths grow steadily and reward correlates with length", () => {
    const { before, after } = run("length_hacking");
    const meanLength = (b: StepBatch) => mean((b.lengths ?? []).map((l) => l ?? 0));
    expect(Math.abs(slope(before.map(meanLength)))).toBeLessThan(1);
    expect(slope(after.map(meanLength))).toBeGreaterThan(3);
    expect(mean(after.slice(-5).map(meanLength))).toBeGreaterThan(1.8 * mean(before.map(meanLength)));
    const late = after.slice(-10);
    const xs = late.flatMap((b) => (b.lengths ?? []).map((l) => l ?? 0));
    const ys = late.flatMap((b) => {
      const n = b.lengths?.length ?? 0;
      return Array.from({ length: n }, (_, i) =>
        Object.values(b.rewards).reduce((t, v) => t + (v[i] ?? 0), 0),
      );
    });
    const mx = mean(xs);
    const my = mean(ys);
    const cov = mean(xs.map((x, i) => (x - mx) * ((ys[i] ?? 0) - my)));
    expect(cov / (std(xs) * std(ys))).toBeGreaterThan(0.2);
  });

  it("entropy_collapse: entropy decays towards 0", () => {
    const { before, after } = run("entropy_collapse");
    for (const e of metric(before, "entropy")) expect(e).toBeGreaterThan(0.75);
    expect(metric(after, "entropy").at(-1)).toBeLessThan(0.05);
    expect(slope(metric(after, "entropy"))).toBeLessThan(0);
  });

  it("memory_leak: memory_mb grows steadily", () => {
    const { before, after } = run("memory_leak");
    expect(Math.abs(slope(metric(before, "memory_mb")))).toBeLessThan(15);
    expect(slope(metric(after, "memory_mb"))).toBeGreaterThan(100);
    expect((metric(after, "memory_mb").at(-1) ?? 0) - mean(metric(before, "memory_mb"))).toBeGreaterThan(
      7000,
    );
  });

  it("kl_spike: kl jumps by an order of magnitude", () => {
    const { before, after } = run("kl_spike");
    expect(mean(metric(after, "kl"))).toBeGreaterThan(10 * mean(metric(before.slice(-10), "kl")));
    expect(metric(after, "kl")[0]).toBeGreaterThan(8 * (metric(before, "kl").at(-1) ?? 1));
  });

  it("truncation: most completions hit the length limit", () => {
    const { before, after } = run("truncation");
    const truncated = (_: string, b: StepBatch, i: number) => b.truncated?.[i] === true;
    expect(share(after, truncated)).toBeGreaterThan(0.75);
    expect(share(before, truncated)).toBeLessThan(0.02);
    for (const b of after) {
      b.truncated?.forEach((t, i) => {
        if (t) {
          expect(b.lengths?.[i]).toBe(800);
          expect(b.completions?.[i]).toHaveLength(3200);
          expect(b.rewards.accuracy?.[i]).toBe(0);
        }
      });
    }
  });

  it("stagnation: the reward never improves, while the healthy run learns", () => {
    const acc = (bs: StepBatch[]) => bs.map((b) => mean(values(b, "accuracy")));
    const stagnant = acc([...simulateSteps({ ...BASE, scenario: "stagnation" })]);
    const healthy = acc([...simulateSteps(BASE)]);
    expect(Math.abs(mean(stagnant.slice(45)) - mean(stagnant.slice(0, 6)))).toBeLessThan(0.2);
    expect(Math.abs(slope(stagnant))).toBeLessThan(0.003);
    expect(mean(healthy.slice(45)) - mean(healthy.slice(0, 6))).toBeGreaterThan(0.6);
  });
});
