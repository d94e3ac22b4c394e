import { describe, expect, it } from "vitest";
import { exactDuplicates } from "./diversity.js";
import { reasoningCompletion } from "./fixtures.case.js";
import { nearDuplicateFlags } from "./near-duplicates.js";
import { ngramLevels } from "./ngrams.js";
import { tokenizeBatch } from "./token-batch.js";

function flags(texts: string[], threshold = 0.8): number[] {
  const batch = tokenizeBatch(texts);
  const [, bigrams] = ngramLevels(batch.ids, batch.starts, batch.vocab.size, 2);
  return Array.from(nearDuplicateFlags(batch, bigrams!, exactDuplicates(texts), threshold));
}

describe("nearDuplicateFlags", () => {
  it("flags completions that differ by one word, not different solutions", () => {
    const a = reasoningCompletion(1, 1000);
    const b = a.replace(" so ", " thus ");
    const c = reasoningCompletion(2, 1000);
    const d = reasoningCompletion(3, 1000);
    expect(b).not.toBe(a);
    expect(flags([a, c, b, d])).toEqual([1, 0, 1, 0]);
  });

  it("flags exact copies, including empty ones, and one-word twins", () => {
    expect(flags(["", "", "!!", "x y z w", "42", "42 ", "7"])).toEqual([1, 1, 0, 0, 1, 1, 0]);
  });

  it("flags short near-duplicates by word bigrams", () => {
    // 37 words, one swapped: bigram Jaccard 32/36 = 0.89.
    const start = "First we add 3 and 4 to get 7, then we double it to get 14 and subtract 2 to get 12.";
    const texts = [
      `${start} Since 12 is even we halve it and get 6, so the answer is 6.`,
      `${start} Since 12 is even we halve it and get 6, thus the answer is 6.`,
      "The answer is 6 because 7 doubled is 14, minus 2 is 12, and half of 12 is 6.",
    ];
    expect(flags(texts)).toEqual([1, 1, 0]);
  });

  it("flags everything at threshold 0 and nothing alone", () => {
    expect(flags(["a b", "c d", "e f"], 0)).toEqual([1, 1, 1]);
    expect(flags(["a b"], 0)).toEqual([0]);
  });
});
