import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  charCompressionRatio,
  lz78Phrases,
  PhraseScratch,
  wordCompressionRatio,
  wordPhrases,
} from "./compression.js";
import { reasoningCompletion } from "./fixtures.case.js";
import { ngramLevels } from "./ngrams.js";
import { PairTable } from "./pair-table.js";
import { tokenizeBatch } from "./token-batch.js";

/** Naive LZ78 phrase count over a symbol array, with string keys. */
function naivePhrases(symbols: number[]): number {
  const dictionary = new Set<string>();
  let phrase = "";
  let phrases = 0;
  for (const s of symbols) {
    const next = `${phrase},${s}`;
    if (dictionary.has(next)) phrase = next;
    else {
      dictionary.add(next);
      phrases++;
      phrase = "";
    }
  }
  return phrase === "" ? phrases : phrases + 1;
}

function ratios(texts: string[]): number[] {
  const batch = tokenizeBatch(texts);
  const table = new PairTable();
  return texts.map((_, d) => {
    table.clear();
    const phrases = lz78Phrases(batch.ids, batch.starts[d]!, batch.starts[d + 1]!, table, -1);
    return wordCompressionRatio(batch.scans[d]!, phrases);
  });
}

describe("lz78Phrases", () => {
  it("cuts a run into ever longer phrases", () => {
    expect(lz78Phrases([1, 1, 1, 1, 1, 1], 0, 6, new PairTable(), -1)).toBe(3);
    expect(lz78Phrases([1, 2, 1, 2, 1, 2, 1], 0, 7, new PairTable(), -1)).toBe(4); // 1 | 2 | 1 2 | 1 2 1
    expect(lz78Phrases([1, 1, 1, 1, 1], 0, 5, new PairTable(), -1)).toBe(3); // 1 | 1 1 | 1 1 (incomplete)
  });

  it("agrees with a naive LZ78", () => {
    const seeds = Array.from({ length: 40 }, (_, i) => i);
    for (const seed of seeds) {
      const symbols = Array.from(
        { length: 50 + seed * 7 },
        (_, k) => ((k * 7919 + seed * 31) % (2 + (seed % 5))) | 0,
      );
      expect(lz78Phrases(symbols, 0, symbols.length, new PairTable(2), -1)).toBe(naivePhrases(symbols));
    }
  });

  it("keeps texts apart by their root in one table", () => {
    const table = new PairTable();
    const a = lz78Phrases([5, 5, 5], 0, 3, table, -1);
    const b = lz78Phrases([5, 5, 5], 0, 3, table, -2);
    expect([a, b]).toEqual([2, 2]);
  });
});

describe("wordPhrases", () => {
  it("counts what lz78Phrases counts, text by text with one scratch", () => {
    const word = fc.constantFrom("a", "b", "c", "the", "x1");
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 80 }), { minLength: 1, maxLength: 6 }), (docs) => {
        const batch = tokenizeBatch(docs.map((d) => d.join(" ")));
        const [, bigrams] = ngramLevels(batch.ids, batch.starts, batch.vocab.size, 2);
        const scratch = new PhraseScratch();
        docs.forEach((_, d) => {
          const start = batch.starts[d]!;
          const end = batch.starts[d + 1]!;
          expect(wordPhrases(batch.ids, bigrams!.ids, start, end, scratch)).toBe(
            lz78Phrases(batch.ids, start, end, new PairTable(), -1),
          );
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe("wordCompressionRatio", () => {
  it("scores loops far above prose", () => {
    const prose = Array.from({ length: 10 }, (_, i) => reasoningCompletion(100 + i, 1000));
    const loops = [
      "the answer is 42. ".repeat(55),
      "Wait, let me check again. ".repeat(40),
      "so so so so ".repeat(60),
    ];
    const scores = ratios([...prose, ...loops]);
    const proseScores = scores.slice(0, 10);
    const loopScores = scores.slice(10);
    expect(Math.max(...proseScores)).toBeLessThan(3);
    expect(Math.min(...proseScores)).toBeGreaterThan(0.8);
    expect(Math.min(...loopScores)).toBeGreaterThan(8);
  });

  it("computes the documented estimate", () => {
    // "the answer is 42. " x 55: 990 chars, 4 distinct words of 13 chars, 220 tokens.
    const [ratio] = ratios(["the answer is 42. ".repeat(55)]);
    const phrases = naivePhrases(Array.from({ length: 220 }, (_, k) => k % 4));
    const bytes = 13 + 4 + (phrases * (32 - Math.clz32(phrases) + 3)) / 8;
    expect(ratio).toBeCloseTo(990 / bytes, 10);
  });
});

describe("charCompressionRatio", () => {
  it("scores character loops above varied text", () => {
    let seed = 1;
    const random = Array.from({ length: 1000 }, () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return String.fromCharCode(97 + ((seed >>> 16) % 26));
    }).join("");
    expect(charCompressionRatio("ab".repeat(500))).toBeGreaterThan(8);
    expect(charCompressionRatio(random)).toBeLessThan(1.5);
    expect(charCompressionRatio("")).toBe(1);
  });
});
