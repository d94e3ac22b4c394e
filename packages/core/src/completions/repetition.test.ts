import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reasoningCompletion } from "./fixtures.case.js";
import { ngramLevels } from "./ngrams.js";
import { charRepetition, needsCharLevel, RepetitionScratch, wordRepetition } from "./repetition.js";
import { tokenizeBatch } from "./token-batch.js";

/** wordRepetition of each text, through the real tokenizer. */
function repetition(texts: string[], n: number): number[] {
  const batch = tokenizeBatch(texts);
  const [, bigrams] = ngramLevels(batch.ids, batch.starts, batch.vocab.size, 2);
  const scratch = new RepetitionScratch();
  return texts.map((_, d) =>
    wordRepetition(batch.ids, bigrams!.ids, batch.starts[d]!, batch.starts[d + 1]!, n, scratch),
  );
}

/** Naive reference: n-grams as joined strings in a Set. */
function naive(words: string[], n: number): number {
  const positions = words.length - n + 1;
  if (positions <= 0) return 0;
  const seen = new Set<string>();
  let repeats = 0;
  for (let k = 0; k < positions; k++) {
    const key = words.slice(k, k + n).join(" ");
    if (seen.has(key)) repeats++;
    else seen.add(key);
  }
  return repeats / positions;
}

describe("wordRepetition", () => {
  it("scores a loop near 1 and prose low", () => {
    const loop = "the answer is 42. ".repeat(30);
    const prose = reasoningCompletion(7, 1000);
    const [loopScore, proseScore, short] = repetition([loop, prose, "too short"], 3);
    // 120 words, 118 trigrams; only the first 4 are new.
    expect(loopScore).toBeCloseTo(114 / 118, 10);
    expect(proseScore).toBeLessThan(0.4);
    expect(short).toBe(0);
  });

  it("counts repeats within one completion only", () => {
    const [a, b] = repetition(["one two three four", "one two three four"], 3);
    expect([a, b]).toEqual([0, 0]);
  });

  it("agrees with a Set-of-strings reference for n = 1…5", () => {
    const word = fc.constantFrom("a", "b", "c", "the", "x1");
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { maxLength: 40 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (docs, n) => {
          const got = repetition(
            docs.map((d) => d.join(" ")),
            n,
          );
          docs.forEach((d, i) => {
            expect(got[i]).toBeCloseTo(naive(d, n), 12);
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("charRepetition", () => {
  it("sees loops in text without spaces", () => {
    expect(charRepetition("ab".repeat(50))).toBeCloseTo(91 / 93, 10);
    expect(charRepetition("abcdefghijklmnopqrstuvwxyz0123456789")).toBe(0);
    expect(charRepetition("short")).toBe(0);
  });

  it("agrees with a substring-Set reference", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "b", "😀", "\u0000"), maxLength: 120 }), (text) => {
        const n = 8;
        let want = 0;
        if (text.length >= 2 * n) {
          const seen = new Set<string>();
          let repeats = 0;
          for (let k = 0; k + n <= text.length; k++) {
            const w = text.slice(k, k + n);
            if (seen.has(w)) repeats++;
            else seen.add(w);
          }
          want = repeats / (text.length - n + 1);
        }
        expect(charRepetition(text, n)).toBeCloseTo(want, 12);
      }),
    );
  });
});

describe("needsCharLevel", () => {
  it("is true for long texts of few, long tokens", () => {
    expect(needsCharLevel({ tokens: 1, nonSpace: 400 })).toBe(true);
    expect(needsCharLevel({ tokens: 0, nonSpace: 40 })).toBe(true);
    expect(needsCharLevel({ tokens: 80, nonSpace: 400 })).toBe(false);
    expect(needsCharLevel({ tokens: 1, nonSpace: 20 })).toBe(false);
  });
});
