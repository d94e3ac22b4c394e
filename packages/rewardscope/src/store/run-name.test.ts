import { describe, expect, it } from "vitest";
import { checkRunName } from "./run-name.js";

describe("checkRunName", () => {
  it("accepts 1 to 200 characters, counted as characters", () => {
    expect(checkRunName("a")).toBe("a");
    expect(checkRunName("🎉".repeat(200))).toHaveLength(400);
    expect(checkRunName("v1.2_final (retry)")).toBe("v1.2_final (retry)");
  });

  it("names what is wrong", () => {
    expect(() => checkRunName("a".repeat(201))).toThrow("run: must be 1 to 200 characters, got 201");
    expect(() => checkRunName("a/../b", "name")).toThrow('name: must not contain "/"');
    expect(() => checkRunName("x\u001b[2J")).toThrow('must not contain "\\u001b"');
    expect(() => checkRunName(7)).toThrow("run: must be a string");
  });
});
