import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TokenBuffer, tokenize } from "./tokenize.js";
import { Vocabulary } from "./vocabulary.js";

function words(text: string): { tokens: string[]; scan: ReturnType<typeof tokenize> } {
  const vocab = new Vocabulary();
  const out = new TokenBuffer();
  const scan = tokenize(text, vocab, out, 0);
  return { tokens: Array.from(out.ids.subarray(0, out.length), (id) => vocab.words[id]!), scan };
}

describe("tokenize", () => {
  it("splits on punctuation and whitespace and lower-cases", () => {
    const { tokens, scan } = words("So, Weng has 12 apples; THEN she_eats 3.\nLet's see!");
    expect(tokens).toEqual(["so", "weng", "has", "12", "apples", "then", "she_eats", "3", "let", "s", "see"]);
    expect(scan).toMatchObject({ tokens: 11, uniqueTokens: 11, words: 10, bad: 0, singleChar: false });
    expect(scan.chars).toBe(51);
  });

  it("counts distinct tokens and their characters once per document", () => {
    const { scan } = words("the answer is 42. the answer is 42.");
    expect(scan).toMatchObject({ tokens: 8, uniqueTokens: 4, uniqueChars: 3 + 6 + 2 + 2 });
  });

  it("keeps accented words whole and lower-cases beyond ASCII", () => {
    expect(words("Élan VITAL über ΣΟΦΙΑ").tokens).toEqual(["élan", "vital", "über", "σοφια"]);
  });

  it("makes each CJK character and each emoji a token", () => {
    expect(words("答案是42").tokens).toEqual(["答", "案", "是", "42"]);
    const { tokens, scan } = words("ok 😀😀 👍");
    expect(tokens).toEqual(["ok", "😀", "😀", "👍"]);
    expect(scan.uniqueTokens).toBe(3);
  });

  it("treats markup as punctuation: XSS-like text is just words", () => {
    expect(words(`<script>alert("x")</script><img src=x onerror=alert(1)>`).tokens).toEqual([
      "script",
      "alert",
      "x",
      "script",
      "img",
      "src",
      "x",
      "onerror",
      "alert",
      "1",
    ]);
  });

  it("counts non-printable characters and lone surrogates", () => {
    const { scan, tokens } = words("a\u0000b\u0007\ufffd\ud800 c\udc00");
    expect(tokens).toEqual(["a", "b", "c"]);
    expect(scan.bad).toBe(5);
  });

  it("reports empty and single-character texts", () => {
    expect(words("").scan).toMatchObject({ chars: 0, tokens: 0, words: 0, nonSpace: 0, singleChar: false });
    expect(words(" \n\t ").scan).toMatchObject({
      chars: 4,
      tokens: 0,
      words: 0,
      nonSpace: 0,
      singleChar: false,
    });
    expect(words("!!!! !!").scan).toMatchObject({ tokens: 0, words: 2, nonSpace: 6, singleChar: true });
    expect(words("aaaa aa").scan.singleChar).toBe(false);
    expect(words("a a a a").scan).toMatchObject({ singleChar: true, tokens: 4, uniqueTokens: 1 });
  });

  it("looks words up without adding them when asked", () => {
    const vocab = new Vocabulary();
    tokenize("then we stop", vocab, new TokenBuffer(), 0);
    const out = new TokenBuffer();
    tokenize("We need THEN", vocab, out, -1, false);
    expect(Array.from(out.ids.subarray(0, out.length))).toEqual([1, -1, 0]);
    expect(vocab.size).toBe(3);
  });

  it("handles a very long text", () => {
    const text = "word ".repeat(200_000);
    const { scan } = words(text);
    expect(scan).toMatchObject({ tokens: 200_000, uniqueTokens: 1, words: 200_000, chars: 1_000_000 });
  });

  it("matches a regex reference on ASCII text", () => {
    const ascii = fc.string({ unit: fc.constantFrom(..."abcXYZ019_ .,'\n<>/-"), maxLength: 200 });
    fc.assert(
      fc.property(fc.array(ascii, { maxLength: 5 }), (texts) => {
        const vocab = new Vocabulary(4);
        const out = new TokenBuffer(4);
        texts.forEach((text, doc) => {
          const before = out.length;
          const scan = tokenize(text, vocab, out, doc);
          const got = Array.from(out.ids.subarray(before, out.length), (id) => vocab.words[id]);
          const want = text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
          expect(got).toEqual(want);
          expect(scan.uniqueTokens).toBe(new Set(want).size);
          expect(scan.words).toBe(text.split(/\s+/).filter((w) => w.length > 0).length);
        });
      }),
    );
  });

  it("gives the same word the same id across documents, and different words different ids", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 40 }), { maxLength: 8 }), (texts) => {
        const vocab = new Vocabulary(4);
        const out = new TokenBuffer(4);
        for (let doc = 0; doc < texts.length; doc++) tokenize(texts[doc]!, vocab, out, doc);
        expect(new Set(vocab.words).size).toBe(vocab.size);
        expect(out.ids.subarray(0, out.length).every((id) => id >= 0 && id < vocab.size)).toBe(true);
      }),
    );
  });

  it("folds case while scanning exactly as toLowerCase does, Σ, İ and cased astral letters included", () => {
    const unit = fc.constantFrom(..."aZ é É Σσς İi ΟΔΟΣ ẞ ǅ 😀 𐐀 𐐨 答 . \n".split(" "));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (units) => {
        const text = units.join(units.length % 2 === 0 ? " " : "");
        const upper = words(text);
        const lower = words(text.toLowerCase());
        expect(upper.tokens).toEqual(lower.tokens);
        expect(upper.scan).toEqual(lower.scan);
      }),
      { numRuns: 300 },
    );
  });
});
