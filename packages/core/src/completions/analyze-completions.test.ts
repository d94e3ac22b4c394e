import { describe, expect, it } from "vitest";
import type { QualityMetrics } from "../monitor/report.js";
import { analyzeCompletions } from "./analyze-completions.js";
import { DEFAULT_COMPLETION_CONFIG as config } from "./defaults.js";
import { distinctN } from "./diversity.js";
import { reasoningCompletion } from "./fixtures.case.js";

const normal = Array.from({ length: 32 }, (_, i) => reasoningCompletion(i, 1000));

function isJsonSafe(quality: QualityMetrics): boolean {
  return Object.values(quality).every((v) => v === null || Number.isFinite(v));
}

describe("analyzeCompletions", () => {
  it("does what its example says", () => {
    const { quality, flagged } = analyzeCompletions(
      { completions: ["<think>2+2 is 4</think><answer>4</answer>", "4 4 4 4 4"], totals: [1, 0] },
      config,
    );
    expect(quality.formatCompliance).toBe(0.5);
    expect(flagged).toEqual([{ index: 1, flags: ["format_violation", "repetitive", "degenerate"] }]);
  });

  it("finds a healthy batch healthy, with figures matching naive references", () => {
    const { quality, flagged } = analyzeCompletions({ completions: normal }, config);
    expect(flagged).toEqual([]);
    expect(quality).toMatchObject({
      analysed: 32,
      formatCompliance: 1,
      tagBalance: 1,
      meanTagCount: 4,
      emptyRate: 0,
      reasoningIndicatorRate: 1,
      repetitiveRate: 0,
      uniqueRatio: 1,
      nearDuplicateRatio: 0,
      formatGamingRate: 0,
      degenerateRate: 0,
      lengthRewardCorrelation: null,
      truncatedRate: null,
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(quality.meanResponseLength).toBeCloseTo(mean(normal.map((t) => t.length)), 10);
    expect(quality.meanAnswerLength).toBeCloseTo(
      mean(normal.map((t) => /<answer>\s*(.*?)\s*<\/answer>/s.exec(t)![1]!.length)),
      10,
    );
    expect(quality.meanReasoningLength).toBeCloseTo(
      mean(normal.map((t) => /<think>\s*(.*?)\s*<\/think>/s.exec(t)![1]!.length)),
      10,
    );
    expect(quality.meanLength).toBeCloseTo(
      mean(normal.map((t) => t.split(/\s+/).filter(Boolean).length)),
      10,
    );
    expect(quality.distinct1).toBeCloseTo(distinctN(normal, 1)!, 12);
    expect(quality.distinct2).toBeCloseTo(distinctN(normal, 2)!, 12);
    const ttr = mean(
      normal.map((t) => {
        const words = t.toLowerCase().match(/[a-z0-9_]+/g)!;
        return new Set(words).size / words.length;
      }),
    );
    expect(quality.typeTokenRatio).toBeCloseTo(ttr, 12);
    expect(quality.meanRepetition!).toBeLessThan(0.4);
    expect(quality.meanCompressionRatio!).toBeLessThan(3);
    expect(isJsonSafe(quality)).toBe(true);
  });

  it("flags loops, empties, junk and gaming, and leaves odd but fine text alone", () => {
    const completions = [
      normal[0]!,
      "the answer is 42. ".repeat(40),
      "",
      " \n ",
      `<script>alert("xss")</script><img src=x onerror=alert(1)>`,
      "😀😀😀😀😀😀",
      "ab".repeat(300),
      "\u0000\u0001\u0002\u0003 \ufffd\ufffd",
      null,
      "<think>...</think><answer>7</answer>",
      "<think>答案是 7，因为 3 加 4 等于 7。😀</think><answer>7</answer>",
    ];
    const { quality, flagged } = analyzeCompletions(
      { completions, truncated: completions.map((_, i) => (i === 1 ? true : i === 0 ? false : null)) },
      config,
    );
    expect(flagged).toEqual([
      { index: 1, flags: ["format_violation", "repetitive", "degenerate", "truncated"] },
      { index: 2, flags: ["format_violation", "degenerate", "empty"] },
      { index: 3, flags: ["format_violation", "degenerate", "empty"] },
      { index: 4, flags: ["format_violation"] },
      { index: 5, flags: ["format_violation", "repetitive", "degenerate"] },
      { index: 6, flags: ["format_violation", "repetitive", "degenerate"] },
      { index: 7, flags: ["format_violation", "degenerate"] },
      { index: 9, flags: ["format_gaming"] },
    ]);
    expect(quality).toMatchObject({
      analysed: 10,
      formatCompliance: 3 / 10,
      emptyRate: 2 / 10,
      degenerateRate: 6 / 10,
      repetitiveRate: 3 / 10,
      formatGamingRate: 1 / 10,
      truncatedRate: 1 / 2,
      uniqueRatio: 1,
    });
    expect(quality.maxRepetition!).toBeGreaterThan(0.95);
    expect(isJsonSafe(quality)).toBe(true);
  });

  it("sees collapse: copies and near-copies", () => {
    const base = normal[0]!;
    const completions = [base, base, base.replace(" so ", " thus "), normal[1]!, normal[2]!, normal[1]!];
    const { quality } = analyzeCompletions({ completions }, config);
    expect(quality.uniqueRatio).toBeCloseTo(4 / 6, 12);
    expect(quality.nearDuplicateRatio).toBeCloseTo(5 / 6, 12);
  });

  it("analyses an evenly spaced sample beyond maxAnalysed, flagging original indices", () => {
    const completions = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? "" : null));
    const { quality, flagged } = analyzeCompletions({ completions }, { ...config, maxAnalysed: 10 });
    expect(quality.analysed).toBe(10);
    expect(flagged.map((f) => f.index)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
  });

  it("correlates reward with length", () => {
    const completions = Array.from({ length: 10 }, (_, i) => "word ".repeat(i + 1));
    const totals = Array.from({ length: 10 }, (_, i) => i * 0.1);
    expect(analyzeCompletions({ completions, totals }, config).quality.lengthRewardCorrelation).toBeCloseTo(
      1,
      12,
    );
    const lengths = totals.map((_, i) => 100 - i);
    const q = analyzeCompletions({ completions, totals, lengths }, config).quality;
    expect(q.lengthRewardCorrelation).toBeCloseTo(-1, 12);
    expect(q.meanLength).toBeCloseTo(95.5, 12);
  });

  it("returns nulls, not NaN, when there is nothing to analyse", () => {
    const { quality, flagged } = analyzeCompletions({ completions: [null, null] }, config);
    expect(flagged).toEqual([]);
    expect(quality.analysed).toBe(0);
    const { analysed, ...rest } = quality;
    expect(Object.values(rest).every((v) => v === null)).toBe(true);
  });

  it("gives null format metrics without formats and null indicator rate without indicators", () => {
    const { quality, flagged } = analyzeCompletions(
      { completions: ["plain text, so fine"] },
      { ...config, formats: [], reasoningIndicators: [] },
    );
    expect(flagged).toEqual([]);
    expect(quality).toMatchObject({
      formatCompliance: null,
      tagBalance: null,
      meanTagCount: null,
      formatGamingRate: null,
      reasoningIndicatorRate: null,
      meanReasoningLength: null,
    });
  });

  it("handles very long completions", () => {
    const huge = `<think>${"Then we add 1 to the total. ".repeat(40_000)}</think><answer>1</answer>`;
    const { quality, flagged } = analyzeCompletions({ completions: [huge, normal[0]!] }, config);
    expect(quality.formatCompliance).toBe(1);
    expect(quality.maxRepetition!).toBeGreaterThan(0.99);
    expect(flagged).toEqual([{ index: 0, flags: ["repetitive", "degenerate"] }]);
  });

  it("is deterministic", () => {
    const input = { completions: normal, totals: normal.map((_, i) => i % 3) };
    expect(analyzeCompletions(input, config)).toEqual(analyzeCompletions(input, config));
  });

  it("throws RewardscopeError on bad config or input", () => {
    expect(() => analyzeCompletions({ completions: ["a"] }, { ...config, maxAnalysed: 0 })).toThrow(
      /completions.maxAnalysed/,
    );
    expect(() => analyzeCompletions({ completions: ["a", 1 as unknown as string] }, config)).toThrow(
      /completions\[1\]/,
    );
  });
});
