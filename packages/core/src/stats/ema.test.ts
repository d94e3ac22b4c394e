import { describe, expect, it } from "vitest";
import { updateEma } from "./ema.js";

describe("updateEma", () => {
  it("starts at the first value and moves alpha of the way each step", () => {
    let ema: number | null = null;
    ema = updateEma(ema, 10, 0.1);
    expect(ema).toBe(10);
    ema = updateEma(ema, 20, 0.1);
    expect(ema).toBeCloseTo(11, 12);
    ema = updateEma(ema, 0, 0.5);
    expect(ema).toBeCloseTo(5.5, 12);
    expect(updateEma(3, 9, 1)).toBe(9);
  });

  it("rejects a bad alpha or value", () => {
    expect(() => updateEma(null, 1, 0)).toThrow(/alpha/);
    expect(() => updateEma(null, 1, 1.5)).toThrow(/alpha/);
    expect(() => updateEma(1, Number.NaN, 0.1)).toThrow(/x: must be finite/);
  });
});
