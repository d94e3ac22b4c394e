import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { summarize } from "./summary.js";

function naiveQuantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) * (1 - (pos - lo)) + (sorted[hi] as number) * (pos - lo);
}

describe("summarize", () => {
  it("computes every field on a hand-checked sample", () => {
    const { summary, histogram } = summarize([4, 1, 3, 2], 3);
    expect(summary.count).toBe(4);
    expect(summary.mean).toBe(2.5);
    expect(summary.std).toBeCloseTo(Math.sqrt(1.25), 14);
    expect(summary.min).toBe(1);
    expect(summary.max).toBe(4);
    expect(summary.median).toBe(2.5);
    expect(summary.p25).toBe(1.75);
    expect(summary.p75).toBe(3.25);
    expect(summary.p90).toBeCloseTo(3.7, 12);
    expect(summary.p99).toBeCloseTo(3.97, 12);
    expect(summary.zeroFrac).toBe(0);
    expect(summary.positiveFrac).toBe(1);
    expect(summary.snr).toBeCloseTo(2.5 / Math.sqrt(1.25), 12);
    // Bins of width 1 over [1, 4]: {1}, {2}, {3, 4}.
    expect(histogram).toEqual({ min: 1, max: 4, counts: [1, 1, 2] });
    expect(summary.entropy).toBeCloseTo(1.5, 12);
  });

  it("counts signs", () => {
    const { summary } = summarize([-1, 0, 0, 2]);
    expect([summary.negativeFrac, summary.zeroFrac, summary.positiveFrac]).toEqual([0.25, 0.5, 0.25]);
  });

  it("gives std 0, snr NaN and entropy 0 for constant values", () => {
    const { summary } = summarize([3, 3, 3]);
    expect(summary.std).toBe(0);
    expect(summary.snr).toBeNaN();
    expect(summary.entropy).toBe(0);
    expect(summary.median).toBe(3);
  });

  it("gives count 0 and NaN elsewhere for empty input", () => {
    const { summary, histogram } = summarize([]);
    expect(summary.count).toBe(0);
    for (const [k, v] of Object.entries(summary)) if (k !== "count") expect(v, k).toBeNaN();
    expect(histogram.counts).toEqual([]);
  });

  it("keeps the spread of large values with small noise", () => {
    const noise = [0.1, 0.2, 0.3, -0.05, 0.125];
    const values = noise.map((d) => 1e9 + d);
    // Deviations from 1e9 are exact in double precision, so they give the true spread.
    const dev = values.map((v) => v - 1e9);
    const m = dev.reduce((a, b) => a + b, 0) / dev.length;
    const want = Math.sqrt(dev.reduce((a, b) => a + (b - m) ** 2, 0) / dev.length);
    const { summary } = summarize(values);
    expect(Math.abs(summary.std - want) / want).toBeLessThan(1e-9);
  });

  it("rejects non-finite values", () => {
    expect(() => summarize([1, Number.NaN])).toThrow(RewardscopeError);
    expect(() => summarize([Number.POSITIVE_INFINITY])).toThrow(/values\[0\]: must be finite/);
  });

  it("matches naive definitions", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (values) => {
          const { summary, histogram } = summarize(values);
          const sorted = [...values].sort((a, b) => a - b);
          const n = values.length;
          const mean = values.reduce((a, b) => a + b, 0) / n;
          const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
          const scale = Math.max(1, ...values.map(Math.abs));
          const close = (got: number, want: number, what: string) =>
            expect(Math.abs(got - want), what).toBeLessThanOrEqual(1e-9 * scale);
          close(summary.mean, mean, "mean");
          close(summary.std, std, "std");
          // == rather than toBe: 0 and -0 are the same extreme.
          expect(summary.min === sorted[0]).toBe(true);
          expect(summary.max === sorted[n - 1]).toBe(true);
          close(summary.median, naiveQuantile(sorted, 0.5), "median");
          close(summary.p25, naiveQuantile(sorted, 0.25), "p25");
          close(summary.p75, naiveQuantile(sorted, 0.75), "p75");
          close(summary.p90, naiveQuantile(sorted, 0.9), "p90");
          close(summary.p99, naiveQuantile(sorted, 0.99), "p99");
          expect(summary.zeroFrac).toBe(values.filter((v) => v === 0).length / n);
          expect(summary.negativeFrac).toBe(values.filter((v) => v < 0).length / n);
          expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(n);
        },
      ),
    );
  });
});
