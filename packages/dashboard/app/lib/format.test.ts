import { describe, expect, it } from "vitest";
import { formatAgo, formatNumber, formatPercent } from "./format.js";

describe("formatNumber", () => {
  it("shows 3 significant digits, separators for large numbers, exponents for tiny ones, a dash for none", () => {
    expect(formatNumber(0.123456)).toBe("0.123");
    expect(formatNumber(12345.6)).toBe("12,346");
    expect(formatNumber(-2.5)).toBe("-2.5");
    expect(formatNumber(0.0000021)).toBe("2.10e-6");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(null)).toBe("–");
    expect(formatNumber(Number.NaN)).toBe("–");
  });

  it("formats fractions and ages", () => {
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(undefined)).toBe("–");
    const now = Date.parse("2026-01-01T01:00:00Z");
    expect(formatAgo("2026-01-01T00:59:48Z", now)).toBe("12 s ago");
    expect(formatAgo("2026-01-01T00:57:00Z", now)).toBe("3 min ago");
    expect(formatAgo("2025-12-30T01:00:00Z", now)).toBe("2 d ago");
  });
});
