import { describe, expect, it } from "vitest";
import { degenerateReason } from "./degenerate.js";
import { reasoningCompletion } from "./fixtures.case.js";
import { TokenBuffer, tokenize } from "./tokenize.js";
import { Vocabulary } from "./vocabulary.js";

const reason = (text: string, repetition = 0) =>
  degenerateReason(tokenize(text, new Vocabulary(), new TokenBuffer(), 0), repetition);

describe("degenerateReason", () => {
  it("passes ordinary completions, short answers and unicode text", () => {
    expect(reason(reasoningCompletion(5, 600), 0.2)).toBeNull();
    expect(reason("42")).toBeNull();
    expect(reason("no no")).toBeNull();
    expect(reason("答案是 42 😀")).toBeNull();
    expect(reason("<script>alert(1)</script>")).toBeNull();
  });

  it("flags empty and whitespace-only text", () => {
    expect(reason("")).toBe("empty");
    expect(reason(" \n\t\u00a0\u3000")).toBe("empty");
  });

  it("flags control characters, replacement characters and lone surrogates", () => {
    expect(reason("\u0000\u0001\u0002\u0003")).toBe("non_printable");
    expect(reason(`answer ${"\ufffd".repeat(5)} 42`)).toBe("non_printable");
    expect(reason(`${"\ud800".repeat(3)}abc`)).toBe("non_printable");
    // One stray control character in a long text is not garbage.
    expect(reason(`${reasoningCompletion(5, 600)}\u0007`)).toBeNull();
  });

  it("flags a single character or token repeated", () => {
    expect(reason("!!!!")).toBe("single_char");
    expect(reason("aaaaaaaaaa")).toBe("single_char");
    expect(reason("no no no no")).toBe("single_token");
    expect(reason("😀😀😀😀")).toBe("single_token");
    expect(reason("!!!")).toBeNull();
  });

  it("flags extreme repetition", () => {
    expect(reason("the answer is 42. the answer is 42.", 0.8)).toBe("extreme_repetition");
    expect(reason("the answer is 42. the answer is 42.", 0.79)).toBeNull();
  });
});
