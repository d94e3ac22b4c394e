import { describe, expect, it } from "vitest";
import { buildCollapsed, buildJunk, buildReasoned, buildRepetitive } from "./completion-builder.js";
import { countIndicators, countVerifications } from "./phrases.js";
import { makeProblem } from "./problems.js";
import { Random } from "./random.js";

describe("buildReasoned", () => {
  it("writes a worked solution in the strict format, stating the given answer", () => {
    const rng = new Random(1);
    const problem = makeProblem(rng);
    const c = buildReasoned(rng, problem, problem.answer, "strict", 800, 3200);
    expect(c.text).toMatch(/^<think>\n[\s\S]+\n<\/think>\n<answer>\n-?\d+\n<\/answer>$/);
    expect(c.text.endsWith(`<answer>\n${problem.answer}\n</answer>`)).toBe(true);
    expect(c.text).toContain(problem.finalStep[0] + problem.answer + problem.finalStep[1]);
    expect(c).toMatchObject({ format: 1, xml: 0.5, truncated: false, answerValue: problem.answer });
    expect(c.tokens).toBe(Math.ceil(c.text.length / 4));
  });

  it("counts indicators and verifications exactly as a scan of the text would", () => {
    const rng = new Random(2);
    for (let i = 0; i < 300; i++) {
      const problem = makeProblem(rng);
      const format = rng.pick(["strict", "soft", "none"] as const);
      const c = buildReasoned(
        rng,
        problem,
        problem.answer + rng.int(0, 3),
        format,
        200 + rng.int(0, 2000),
        3200,
      );
      expect(c.indicators).toBe(countIndicators(c.text));
      expect(c.verifications).toBe(countVerifications(c.text));
    }
  });

  it("aims at the target length", () => {
    const rng = new Random(3);
    for (const target of [400, 800, 2000]) {
      const lengths = Array.from({ length: 200 }, () => {
        const problem = makeProblem(rng);
        return buildReasoned(rng, problem, problem.answer, "strict", target, 1e9).text.length;
      });
      const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
      expect(Math.abs(mean - target) / target).toBeLessThan(0.12);
    }
  });

  it("scores soft and missing formats", () => {
    const rng = new Random(4);
    const problem = makeProblem(rng);
    const soft = buildReasoned(rng, problem, 7, "soft", 600, 3200);
    expect(soft.text).toMatch(/\n<\/think>\n\n<answer>7<\/answer>$/);
    expect(soft).toMatchObject({ format: 0.5, xml: 0.25, answerText: "7", answerValue: 7 });
    for (let i = 0; i < 20; i++) {
      const none = buildReasoned(rng, problem, 7, "none", 600, 3200);
      expect(none.text).not.toContain("<answer>");
      expect(none.text.endsWith("The answer is 7.")).toBe(true);
      expect(none).toMatchObject({ format: 0, answerText: null, answerValue: null });
      expect(none.xml).toBe(none.text.startsWith("<think>\n") ? 0.25 : 0);
    }
  });

  it("truncates at the length limit and loses the answer", () => {
    const rng = new Random(5);
    const problem = makeProblem(rng);
    const c = buildReasoned(rng, problem, problem.answer, "strict", 5000, 1600);
    expect(c.text).toHaveLength(1600);
    expect(c).toMatchObject({ truncated: true, tokens: 400, format: 0, answerText: null, xml: 0.125 });
    expect(c.indicators).toBe(countIndicators(c.text));
  });
});

describe("pathological completions", () => {
  it("junk keeps well-formed tags around trivial content", () => {
    const rng = new Random(6);
    for (let i = 0; i < 50; i++) {
      const c = buildJunk(rng);
      expect(c.text).toMatch(/^<think>\n.{0,12}\n<\/think>\n<answer>\n.{0,6}\n<\/answer>$/);
      expect(c.format).toBe(1);
    }
  });

  it("repetitive completions loop one sentence", () => {
    const rng = new Random(7);
    const problem = makeProblem(rng);
    const c = buildRepetitive(rng, problem, problem.answer, 1e9);
    const lines = c.text.split("\n");
    const top = Math.max(...lines.map((l) => lines.filter((m) => m === l).length));
    expect(top).toBeGreaterThanOrEqual(8);
    expect(c.indicators).toBe(countIndicators(c.text));
  });

  it("collapsed completions come from three near-identical texts", () => {
    const rng = new Random(8);
    const texts = new Set(Array.from({ length: 100 }, () => buildCollapsed(rng).text));
    expect(texts.size).toBe(3);
    for (const t of texts) expect(t.endsWith("<answer>\n12\n</answer>")).toBe(true);
  });
});
