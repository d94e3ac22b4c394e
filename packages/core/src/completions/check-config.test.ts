import { describe, expect, it } from "vitest";
import type { CompletionAnalysisConfig } from "../config/types.js";
import { RewardscopeError } from "../errors.js";
import { checkCompletionConfig } from "./check-config.js";
import { DEFAULT_COMPLETION_CONFIG } from "./defaults.js";

function fieldOf(config: unknown): string | undefined {
  try {
    checkCompletionConfig(config as CompletionAnalysisConfig);
  } catch (e) {
    expect(e).toBeInstanceOf(RewardscopeError);
    expect((e as RewardscopeError).code).toBe("invalid_config");
    return (e as RewardscopeError).field;
  }
  return undefined;
}

describe("checkCompletionConfig", () => {
  it("accepts the defaults and an empty format list", () => {
    expect(fieldOf(DEFAULT_COMPLETION_CONFIG)).toBeUndefined();
    expect(fieldOf({ ...DEFAULT_COMPLETION_CONFIG, formats: [] })).toBeUndefined();
  });

  it("names the bad setting", () => {
    const d = DEFAULT_COMPLETION_CONFIG;
    expect(fieldOf(null)).toBe("completions");
    expect(fieldOf({ ...d, maxAnalysed: 0 })).toBe("completions.maxAnalysed");
    expect(fieldOf({ ...d, maxAnalysed: 2.5 })).toBe("completions.maxAnalysed");
    expect(fieldOf({ ...d, repetitionN: 17 })).toBe("completions.repetitionN");
    expect(fieldOf({ ...d, repetitiveThreshold: Number.NaN })).toBe("completions.repetitiveThreshold");
    expect(fieldOf({ ...d, nearDuplicateThreshold: 1.5 })).toBe("completions.nearDuplicateThreshold");
    expect(fieldOf({ ...d, minContentChars: -1 })).toBe("completions.minContentChars");
    expect(fieldOf({ ...d, reasoningIndicators: "so" })).toBe("completions.reasoningIndicators");
    expect(fieldOf({ ...d, reasoningIndicators: ["so", 3] })).toBe("completions.reasoningIndicators[1]");
    expect(fieldOf({ ...d, formats: {} })).toBe("completions.formats");
    expect(fieldOf({ ...d, formats: [{ name: "x", sections: [] }] })).toBe("completions.formats[0].sections");
    expect(
      fieldOf({ ...d, formats: [{ name: "x", sections: [{ name: "a", open: "", close: "</a>" }] }] }),
    ).toBe("completions.formats[0].sections[0].open");
    expect(
      fieldOf({
        ...d,
        formats: [{ name: "x", sections: [{ name: "a", open: "<a>", close: "</a>" }], answer: "b" }],
      }),
    ).toBe("completions.formats[0].answer");
  });
});
