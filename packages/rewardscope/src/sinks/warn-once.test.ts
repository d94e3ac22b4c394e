import { expect, it } from "vitest";
import { createWarnOnce } from "./warn-once.js";

it("says each warning once and stops after many distinct ones", () => {
  const out: string[] = [];
  const warn = createWarnOnce((text) => out.push(text));
  warn("a");
  warn("a");
  warn("b");
  expect(out).toEqual(["rewardscope: a\n", "rewardscope: b\n"]);
  for (let i = 0; i < 200; i++) warn(`w${i}`);
  expect(out.length).toBe(101);
  expect(out.at(-1)).toBe("rewardscope: further sink warnings are not shown\n");
  expect(() =>
    createWarnOnce(() => {
      throw new Error("closed");
    })("x"),
  ).not.toThrow();
});
