import { describe, expect, it } from "vitest";
import { DEFAULT_COMPLETION_CONFIG } from "./defaults.js";
import { reasoningCompletion } from "./fixtures.case.js";
import { checkFormat, compileFormats } from "./format.js";
import { formatGamingReason } from "./format-gaming.js";

const formats = compileFormats(DEFAULT_COMPLETION_CONFIG.formats);
const gaming = (text: string, minContentChars = 3) =>
  formatGamingReason(text, checkFormat(text, formats), formats, minContentChars);

describe("formatGamingReason", () => {
  it("passes real reasoning with a short answer", () => {
    expect(gaming(reasoningCompletion(3, 800))).toBeNull();
    expect(gaming("<think>12 - 5 = 7 apples left</think><answer>7</answer>")).toBeNull();
    expect(gaming("<reasoning>Half of 10 is 5.</reasoning><answer>5</answer>")).toBeNull();
  });

  it("flags empty or content-free sections", () => {
    expect(gaming("<think></think><answer>7</answer>")).toBe("trivial_section");
    expect(gaming("<think>...</think><answer>7</answer>")).toBe("trivial_section");
    expect(gaming("<think>…… ?!</think><answer>7</answer>")).toBe("trivial_section");
    expect(gaming("<think>ok</think><answer>7</answer>")).toBe("trivial_section");
    expect(gaming("<think>Adding them up gives seven.</think><answer> </answer>")).toBe("trivial_section");
    expect(gaming("<think>Adding them up gives seven.</think><answer>...</answer>")).toBe("trivial_section");
  });

  it("lets the minimum be configured", () => {
    expect(gaming("<think>ok</think><answer>7</answer>", 2)).toBeNull();
    expect(gaming("<think></think><answer></answer>", 0)).toBeNull();
  });

  it("flags placeholder sections", () => {
    expect(gaming("<think>reasoning here</think><answer>7</answer>")).toBe("placeholder");
    expect(gaming("<think>Thinking...</think><answer>7</answer>")).toBe("placeholder");
    expect(gaming("<think>Adding them up gives seven.</think><answer>Your answer here</answer>")).toBe(
      "placeholder",
    );
    expect(gaming("<think>Lorem ipsum dolor</think><answer>7</answer>")).toBe("placeholder");
  });

  it("flags an answer that holds tags", () => {
    expect(gaming("<think>Adding gives 7.</think><answer><think>hidden</think>7</answer>")).toBe(
      "nested_tags",
    );
  });

  it("flags reasoning that only repeats the answer", () => {
    expect(gaming("<think>The answer is 7</think><answer>the  answer is 7</answer>")).toBe(
      "reasoning_repeats_answer",
    );
  });

  it("flags an answer that copies the whole reasoning", () => {
    expect(gaming("<think>3 + 4 makes 7 in total</think><answer>3 + 4 makes 7 in total, so 7</answer>")).toBe(
      "answer_contains_reasoning",
    );
    // A short reasoning inside the answer is a coincidence, not gaming.
    expect(gaming("<think>add 3 and 4</think><answer>add 3 and 4: 7</answer>")).toBeNull();
  });

  it("flags tag stuffing (several answers)", () => {
    expect(gaming("<think>Adding gives 7.</think><answer>7</answer><answer>8</answer>")).toBe("tag_stuffing");
  });

  it("says nothing when no format's sections are there", () => {
    expect(gaming("The answer is 7.")).toBeNull();
    expect(gaming("")).toBeNull();
    expect(gaming("<answer>7</answer>")).toBeNull();
  });
});
