import { describe, expect, it } from "vitest";
import { formatMetric, formatMs, formatNumber, formatPercent, formatSigned, padColumns } from "./format.js";
import { stripControl } from "./style.js";

describe("number formats", () => {
  it("formats numbers, percentages and signs", () => {
    expect(formatNumber(1.23456)).toBe("1.235");
    expect(formatNumber(0)).toBe("0.000");
    expect(formatNumber(-0.0004)).toBe("-4.00e-4");
    expect(formatNumber(2_500_000)).toBe("2.50e+6");
    expect(formatNumber(212.44, 1)).toBe("212.4");
    expect(formatNumber(null)).toBe("-");
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("-");
    expect(formatPercent(0.125)).toBe("12.5%");
    expect(formatPercent(Number.NaN)).toBe("-");
    expect(formatSigned(0.12)).toBe("+0.120");
    expect(formatSigned(-0.12)).toBe("-0.120");
    expect(formatSigned(null)).toBe("-");
    expect(formatMs(0.0412)).toBe("0.041");
    expect(formatMs(4.8)).toBe("4.80");
    expect(formatMs(812.5)).toBe("813");
    expect(formatMs(Number.NaN)).toBe("-");
    expect(formatMetric(18096.4)).toBe("18096");
    expect(formatMetric(0.0306)).toBe("0.031");
    expect(formatMetric(3.5e-6)).toBe("3.50e-6");
  });

  it("pads numeric columns right and text columns left", () => {
    expect(padColumns([["a", "1.0", "x"], ["bcd", "10.0", "-"], ["e"]])).toEqual([
      ["a  ", " 1.0", "x"],
      ["bcd", "10.0", "-"],
      ["e  "],
    ]);
  });
});

describe("stripControl", () => {
  it("removes C0 and C1 controls only", () => {
    expect(stripControl("a\u001b[31mb\u009bc\td\né")).toBe("a[31mbcdé");
  });
});
