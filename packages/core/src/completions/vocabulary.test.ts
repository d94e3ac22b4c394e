import { describe, expect, it } from "vitest";
import { Vocabulary, wordHashes } from "./vocabulary.js";

function id(v: Vocabulary, word: string, add = true): number {
  const [h, h2] = wordHashes(word, 0, word.length);
  return v.id(word, 0, word.length, h, h2, add);
}

describe("Vocabulary", () => {
  it("interns words, through growth", () => {
    const v = new Vocabulary(1);
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    expect(words.map((w) => id(v, w))).toEqual(words.map((_, i) => i));
    expect(words.map((w) => id(v, w))).toEqual(words.map((_, i) => i));
    expect(v.size).toBe(5000);
    expect(v.words[1234]).toBe("w1234");
  });

  it("finds a word inside a longer text", () => {
    const v = new Vocabulary();
    const [h, h2] = wordHashes("cat", 0, 3);
    expect(v.id("a cat", 2, 5, h, h2, true)).toBe(0);
    expect(id(v, "cat")).toBe(0);
    expect(v.words).toEqual(["cat"]);
  });

  it("returns -1 for an unknown word when not adding", () => {
    const v = new Vocabulary();
    id(v, "known");
    expect(id(v, "unknown", false)).toBe(-1);
    expect(v.size).toBe(1);
  });

  it("says when a word is first seen in a document", () => {
    const v = new Vocabulary();
    const a = id(v, "a");
    expect([v.firstInDoc(a, 0), v.firstInDoc(a, 0), v.firstInDoc(a, 1), v.firstInDoc(a, 1)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it("counts first sightings per document as numbers, and forgets one on request", () => {
    const v = new Vocabulary();
    const a = id(v, "a");
    expect([v.seenIn(a, 0), v.seenIn(a, 0), v.seenIn(a, 1)]).toEqual([1, 0, 1]);
    v.forgetDoc(a);
    expect(v.seenIn(a, 1)).toBe(1);
  });

  it("starts afresh on clear, through growth", () => {
    const v = new Vocabulary(1);
    for (let i = 0; i < 100; i++) id(v, `w${i}`);
    v.seenIn(3, 0);
    v.clear();
    expect(v.size).toBe(0);
    expect(id(v, "w50")).toBe(0);
    expect(id(v, "w3", false)).toBe(-1);
    expect(v.seenIn(0, 0)).toBe(1);
  });
});
