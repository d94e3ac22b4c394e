import { describe, expect, it } from "vitest";
import { BAD, charClasses, HIGH, LOW, SEPARATOR, SINGLE, SPACE, WORD } from "./char-class.js";

const classOf = (s: string) => charClasses()[s.charCodeAt(0)];

describe("charClasses", () => {
  it("classifies ASCII", () => {
    expect(["a", "Z", "0", "_"].map(classOf)).toEqual([WORD, WORD, WORD, WORD]);
    expect([" ", "\t", "\n", "\r"].map(classOf)).toEqual([SPACE, SPACE, SPACE, SPACE]);
    expect([".", "<", "'", "-"].map(classOf)).toEqual([SEPARATOR, SEPARATOR, SEPARATOR, SEPARATOR]);
    expect(["\u0000", "\u0007", "\u007f"].map(classOf)).toEqual([BAD, BAD, BAD]);
  });

  it("classifies beyond ASCII", () => {
    expect(["é", "ß", "Σ", "ж", "ا", "한", "²"].map(classOf)).toEqual([
      WORD,
      WORD,
      WORD,
      WORD,
      WORD,
      WORD,
      WORD,
    ]);
    expect(["中", "あ", "→", "≤", "∑"].map(classOf)).toEqual([SINGLE, SINGLE, SINGLE, SINGLE, SINGLE]);
    expect(["\u00a0", "\u2003", "\u3000"].map(classOf)).toEqual([SPACE, SPACE, SPACE]);
    expect(["…", "—", "“", "。", "\u200b"].map(classOf)).toEqual([
      SEPARATOR,
      SEPARATOR,
      SEPARATOR,
      SEPARATOR,
      SEPARATOR,
    ]);
    expect(["\ufffd", "\ue000", "\u0085"].map(classOf)).toEqual([BAD, BAD, SPACE]);
    expect(["\ud83d", "\ude00"].map(classOf)).toEqual([HIGH, LOW]);
  });
});
