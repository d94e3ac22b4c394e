import { describe, expect, it } from "vitest";
import { Scratch } from "./scratch.js";

describe("Scratch", () => {
  it("lends the same array again, of the length asked for, growing it when needed", () => {
    const scratch = new Scratch();
    const a = scratch.int32("a", 10).fill(7);
    expect(a.length).toBe(10);
    const again = scratch.int32("a", 4);
    expect(again.length).toBe(4);
    expect(again.buffer).toBe(a.buffer);
    expect(scratch.int32("b", 4).buffer).not.toBe(a.buffer);
    expect(scratch.int32("a", 1000).length).toBe(1000);
  });

  it("makes a kept object once", () => {
    const scratch = new Scratch();
    let made = 0;
    const make = () => ({ n: ++made });
    expect(scratch.keep("x", make)).toBe(scratch.keep("x", make));
    expect(made).toBe(1);
  });
});
