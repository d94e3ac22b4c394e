import { describe, expect, it } from "vitest";
import { completionSearch } from "./completion-search.js";

describe("completionSearch", () => {
  it("makes the user's text one quoted phrase, never FTS syntax", () => {
    expect(completionSearch('say "hi" OR NEAR(x*)', true)).toEqual({
      match: '"say ""hi"" OR NEAR(x*)"',
      contains: null,
    });
  });

  it("scans for text shorter than a trigram, counted in characters, or without an index", () => {
    expect(completionSearch("Éa", true)).toEqual({ match: null, contains: "éa" });
    expect(completionSearch("🎉🎉", true).contains).toBe("🎉🎉");
    expect(completionSearch("日本語", true).match).toBe('"日本語"');
    expect(completionSearch("ABCD", false)).toEqual({ match: null, contains: "abcd" });
    expect(completionSearch(null, true)).toEqual({ match: null, contains: null });
  });
});
