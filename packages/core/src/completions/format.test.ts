import { describe, expect, it } from "vitest";
import type { FormatSchema } from "../config/types.js";
import { DEFAULT_COMPLETION_CONFIG } from "./defaults.js";
import { checkFormat, compileFormats, trimmedLength } from "./format.js";

const formats = compileFormats(DEFAULT_COMPLETION_CONFIG.formats);
const check = (text: string) => checkFormat(text, formats);

/** The content of each found section. */
function sections(text: string): string[] {
  const { sections: s } = check(text);
  return Array.from({ length: s.length / 2 }, (_, i) => text.slice(s[2 * i], s[2 * i + 1]));
}

describe("checkFormat", () => {
  it("accepts the think/answer and reasoning/answer formats, with or without newlines", () => {
    expect(check("<think>\n2+2=4\n</think>\n<answer>\n4\n</answer>")).toMatchObject({
      compliant: true,
      schema: 0,
      tagCount: 4,
      schemaTagCount: 4,
      balanced: true,
    });
    expect(check("  <think>2+2=4</think><answer>4</answer>\n")).toMatchObject({ compliant: true, schema: 0 });
    expect(check("<reasoning>2+2=4</reasoning> <answer>4</answer>")).toMatchObject({
      compliant: true,
      schema: 1,
    });
    expect(sections("<think>\n2+2=4\n</think>\n<answer>\n4\n</answer>")).toEqual(["\n2+2=4\n", "\n4\n"]);
  });

  it("accepts empty sections (gaming judges content)", () => {
    expect(check("<think></think><answer></answer>").compliant).toBe(true);
  });

  it("rejects text outside the sections, like TRL's anchored regexes", () => {
    expect(check("Sure! <think>x</think><answer>4</answer>").compliant).toBe(false);
    expect(check("<think>x</think> so <answer>4</answer>").compliant).toBe(false);
    expect(check("<think>x</think><answer>4</answer> Hope this helps.").compliant).toBe(false);
  });

  it("still finds the sections of a non-compliant completion", () => {
    const text = "Sure! <think>x</think><answer>4</answer> Hope this helps.";
    expect(check(text)).toMatchObject({ compliant: false, schema: 0 });
    expect(sections(text)).toEqual(["x", "4"]);
  });

  it("rejects missing, repeated, misordered and mixed sections", () => {
    expect(check("<think>x</think>").compliant).toBe(false);
    expect(check("<answer>4</answer>").compliant).toBe(false);
    expect(check("<answer>4</answer><think>x</think>").compliant).toBe(false);
    expect(check("<think>x</think><answer>4</answer><answer>5</answer>").compliant).toBe(false);
    expect(check("<think>a<think>b</think><answer>4</answer>").compliant).toBe(false);
    expect(check("<think>x</reasoning><answer>4</answer>").compliant).toBe(false);
    expect(check("<THINK>x</THINK><ANSWER>4</ANSWER>").compliant).toBe(false);
  });

  it("finds no format in plain text, XSS-like markup or empty text", () => {
    for (const text of ["The answer is 4.", "<script>alert(1)</script>", "", "<<<>>>", "<think"]) {
      expect(check(text)).toMatchObject({ compliant: false, schema: -1, sections: [] });
    }
  });

  it("counts known tags and checks their balance", () => {
    expect(check("<think>a</think><think>b</think>")).toMatchObject({ tagCount: 4, balanced: true });
    expect(check("<think>a<answer>4</answer>")).toMatchObject({ tagCount: 3, balanced: false });
    expect(check("</think>a<think>")).toMatchObject({ tagCount: 2, balanced: false });
    expect(check("<answer>1</answer><answer>2</answer>")).toMatchObject({ tagCount: 4, balanced: true });
    expect(check("no tags at all").balanced).toBe(true);
  });

  it("works with custom formats, several first characters, and the same tag to open and close", () => {
    const custom: FormatSchema[] = [
      { name: "md", sections: [{ name: "code", open: "```", close: "```" }], answer: "code" },
      {
        name: "brackets",
        sections: [
          { name: "plan", open: "[PLAN]", close: "[/PLAN]" },
          { name: "final", open: "<final>", close: "</final>" },
        ],
        reasoning: "plan",
        answer: "final",
      },
    ];
    const f = compileFormats(custom);
    expect(checkFormat("```x = 1```", f)).toMatchObject({ compliant: true, schema: 0, sections: [3, 8] });
    expect(checkFormat("[PLAN]think[/PLAN]\n<final>1</final>", f)).toMatchObject({
      compliant: true,
      schema: 1,
    });
    expect(checkFormat("<final>1</final>[PLAN]think[/PLAN]", f).compliant).toBe(false);
  });

  it("handles a very long completion", () => {
    const text = `<think>${"step. ".repeat(200_000)}</think><answer>1</answer>`;
    expect(check(text)).toMatchObject({ compliant: true, tagCount: 4 });
  });
});

describe("trimmedLength", () => {
  it("ignores surrounding whitespace only", () => {
    expect(trimmedLength("  ab c \n", 0, 8)).toBe(4);
    expect(trimmedLength("   ", 0, 3)).toBe(0);
    expect(trimmedLength("xx ab xx", 2, 6)).toBe(2);
  });
});
