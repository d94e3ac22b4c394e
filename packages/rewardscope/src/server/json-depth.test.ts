import { RewardscopeError } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { checkJsonDepth } from "./json-depth.js";

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

describe("checkJsonDepth", () => {
  it("takes values up to the limit, scalars included", () => {
    expect(() => checkJsonDepth(nested(64), "config")).not.toThrow();
    expect(() => checkJsonDepth({ lr: 1e-6, optim: { betas: [0.9, 0.99] } }, "config")).not.toThrow();
    expect(() => checkJsonDepth("text", "config")).not.toThrow();
  });

  it("refuses deeper values naming the field, without overflowing its own stack", () => {
    expect(() => checkJsonDepth(nested(65), "config")).toThrow(RewardscopeError);
    expect(() => checkJsonDepth(nested(65), "config")).toThrow("config: nests deeper than 64 levels");
    expect(() => checkJsonDepth(JSON.parse(`${"[".repeat(500_000)}${"]".repeat(500_000)}`), "c")).toThrow(
      "c: nests deeper than 64 levels",
    );
    expect(() => checkJsonDepth(nested(4), "c", 3)).toThrow("c: nests deeper than 3 levels");
  });
});
