import { describe, expect, it } from "vitest";
import { DEFAULT_COMPLETION_CONFIG } from "./defaults.js";
import { compileIndicators, hasIndicator } from "./reasoning-indicators.js";
import { tokenizeBatch } from "./token-batch.js";

function detect(texts: string[], phrases = DEFAULT_COMPLETION_CONFIG.reasoningIndicators): boolean[] {
  const batch = tokenizeBatch(texts);
  const set = compileIndicators(phrases, batch.vocab);
  return texts.map((_, d) => hasIndicator(batch.ids, batch.starts[d]!, batch.starts[d + 1]!, set));
}

describe("reasoning indicators", () => {
  it("finds phrases as whole words, case-insensitively", () => {
    expect(
      detect([
        "Step 1: add them.",
        "THEREFORE x = 2",
        "Let’s see",
        "We need 4 more",
        "The answer is 42.",
        "nextgen sofa", // "next" and "so" only inside longer words
        "",
      ]),
    ).toEqual([true, true, true, true, false, false, false]);
  });

  it("needs every word of a phrase, in order, within one completion", () => {
    expect(detect(["step 2", "1 step", "we", "need", "step", "1"], ["step 1", "we need"])).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("drops phrases that cannot occur and copes with none", () => {
    expect(detect(["so it goes"], ["zebra", ""])).toEqual([false]);
    expect(detect(["so it goes"], [])).toEqual([false]);
  });
});
