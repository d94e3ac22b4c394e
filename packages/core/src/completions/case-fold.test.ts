import { describe, expect, it } from "vitest";
import { BY_TEXT, foldedClasses, hasCasedAstral, plainClasses } from "./case-fold.js";
import { charClasses, HIGH } from "./char-class.js";

describe("foldedClasses", () => {
  it("lower-cases each code unit as toLowerCase does, or leaves it to the whole text", () => {
    const folded = foldedClasses();
    const cls = charClasses();
    for (let c = 0; c < 65536; c++) {
      const e = folded[c]!;
      if ((e & 0xff) === BY_TEXT) continue;
      const lower =
        c >= 0xd800 && c <= 0xdfff ? String.fromCharCode(c) : String.fromCharCode(c).toLowerCase();
      expect(e >>> 8).toBe(lower.charCodeAt(0));
      expect(e & 0xff).toBe(cls[lower.charCodeAt(0)]);
    }
    expect(folded["Σ".charCodeAt(0)]! & 0xff).toBe(BY_TEXT);
    expect(folded["İ".charCodeAt(0)]! & 0xff).toBe(BY_TEXT);
    expect(folded["A".charCodeAt(0)]! >>> 8).toBe("a".charCodeAt(0));
  });

  it("keeps each code unit as it is in plainClasses", () => {
    const plain = plainClasses();
    expect([plain["A".charCodeAt(0)]! >>> 8, plain["Σ".charCodeAt(0)]! >>> 8]).toEqual([65, 0x3a3]);
  });
});

describe("hasCasedAstral", () => {
  it("tells cased astral blocks (Deseret) from caseless ones (emoji)", () => {
    expect(hasCasedAstral("😀".charCodeAt(0))).toBe(false);
    expect(hasCasedAstral("𐐀".charCodeAt(0))).toBe(true);
    expect(foldedClasses()["😀".charCodeAt(0)]! & 0xff).toBe(HIGH);
  });
});
