import { describe, expect, it } from "vitest";
import { setupGrpoMonitoring } from "./grpo-monitoring.js";

const TAGGED = /^<think>[\s\S]*<\/think>\s*<answer>[\s\S]*<\/answer>$/;

/** TRL passes a conversational completion as a list of messages. */
function text(completion: unknown): string {
  return typeof completion === "string"
    ? completion
    : String((completion as { content: string }[])[0]?.content);
}
function format({ completions }: { completions: readonly unknown[] }) {
  return completions.map((c) => (TAGGED.test(text(c)) ? 1 : 0));
}
function accuracy({ completions, answer }: { completions: readonly unknown[]; answer?: unknown }) {
  const answers = answer as string[];
  return completions.map((c, i) => (text(c).includes(`<answer>${answers[i]}</answer>`) ? 2 : 0));
}

describe("setupGrpoMonitoring", () => {
  it("records what the trainer's calls saw and analyses it once per step", () => {
    const reports: number[] = [];
    const { rewardFunctions, updateStep, finalize } = setupGrpoMonitoring({
      rewardFunctions: [format, accuracy],
      onReport: (r) => reports.push(r.step),
    });
    const prompts = ["1+1?", "1+1?", "2+2?", "2+2?"];
    const completions = [
      "<think>one plus one</think><answer>2</answer>",
      "<think>hmm</think><answer>3</answer>",
      [{ role: "assistant", content: "<think>two and two</think><answer>4</answer>" }],
      "4",
    ];
    const answer = ["2", "2", "4", "4"];
    for (const fn of rewardFunctions) fn({ prompts, completions, answer });
    const report = updateStep(0, { loss: 0.3 });
    expect(report.rewards.format?.batch.mean).toBe(0.75);
    expect(report.rewards.accuracy?.batch.mean).toBe(1);
    expect(report.groups?.groups).toBe(2);
    expect(report.quality?.analysed).toBe(4);
    expect(report.metrics.loss).toBe(0.3);
    expect(report.calls.format?.calls).toBe(1);
    expect(reports).toEqual([0]);
    const summary = finalize();
    expect(summary.steps).toBe(1);
    expect(summary.functions.map((f) => [f.name, f.calls])).toEqual([
      ["format", 1],
      ["accuracy", 1],
    ]);
  });

  it("records a throwing reward function as errors and nulls when asked, and raises error_rate", () => {
    const broken = () => {
      throw new Error("parser crashed");
    };
    const { rewardFunctions, updateStep } = setupGrpoMonitoring({
      rewardFunctions: { format, broken },
      onError: "null",
    });
    const completions = ["<think>a</think><answer>1</answer>", "x"];
    for (const fn of rewardFunctions) expect(fn({ prompts: ["p", "p"], completions })).toHaveLength(2);
    const report = updateStep(5);
    expect(report.rewards.broken?.nullCount).toBe(2);
    expect(report.calls.broken).toMatchObject({ calls: 1, errors: 1, errorRate: 1 });
    expect(report.alerts.map((a) => a.type)).toContain("error_rate");
  });

  it("refuses duplicate names and empty lists", () => {
    expect(() => setupGrpoMonitoring({ rewardFunctions: [] })).toThrow(/rewardFunctions/);
    expect(() => setupGrpoMonitoring({ rewardFunctions: [format, format] })).toThrow(/unique/);
  });

  it("refuses a step that is not after the last one", () => {
    const { rewardFunctions, updateStep } = setupGrpoMonitoring({ rewardFunctions: [format] });
    rewardFunctions[0]?.({ completions: ["a"] });
    updateStep(3);
    rewardFunctions[0]?.({ completions: ["a"] });
    expect(() => updateStep(3)).toThrow(/step/);
  });
});
