import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { linearTrend } from "./linear-trend.js";

describe("linearTrend", () => {
  it("fits a hand-computed example", () => {
    // xbar 1.5, ybar 2.25, Sxx 5, Sxy 4.5, Syy 4.75, SSE 0.7
    const t = linearTrend([1, 2, 2, 4]);
    expect(t.slope).toBeCloseTo(0.9, 14);
    expect(t.intercept).toBeCloseTo(0.9, 14);
    expect(t.r2).toBeCloseTo(1 - 0.7 / 4.75, 14);
    expect(t.tStat).toBeCloseTo(0.9 / Math.sqrt(0.07), 12);
    expect(t.n).toBe(4);
  });

  it("gives an infinite t for a perfect sloped line and 0 for a flat one", () => {
    expect(linearTrend([1, 3, 5, 7])).toEqual({
      slope: 2,
      intercept: 1,
      r2: 1,
      tStat: Number.POSITIVE_INFINITY,
      n: 4,
    });
    expect(linearTrend([4, 4, 4])).toEqual({ slope: 0, intercept: 4, r2: 0, tStat: 0, n: 3 });
    expect(linearTrend([3, 2, 1]).tStat).toBe(Number.NEGATIVE_INFINITY);
  });

  it("is never NaN for short series", () => {
    expect(linearTrend([])).toEqual({ slope: 0, intercept: 0, r2: 0, tStat: 0, n: 0 });
    expect(linearTrend([5])).toEqual({ slope: 0, intercept: 5, r2: 0, tStat: 0, n: 1 });
    expect(linearTrend([1, 2])).toEqual({ slope: 1, intercept: 1, r2: 1, tStat: 0, n: 2 });
  });

  it("rejects non-finite values", () => {
    expect(() => linearTrend([1, Number.NaN])).toThrow(RewardscopeError);
  });

  it("matches the normal equations", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 100 }),
        (ys) => {
          const n = ys.length;
          let sx = 0;
          let sy = 0;
          let sxx = 0;
          let sxy = 0;
          for (let i = 0; i < n; i++) {
            sx += i;
            sy += ys[i] as number;
            sxx += i * i;
            sxy += i * (ys[i] as number);
          }
          const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
          const intercept = (sy - slope * sx) / n;
          const resid = ys.map((y, i) => y - (intercept + slope * i));
          const sse = resid.reduce((a, r) => a + r * r, 0);
          const t = linearTrend(ys);
          expect(Math.abs(t.slope - slope)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(slope)));
          expect(Math.abs(t.intercept - intercept)).toBeLessThanOrEqual(
            1e-7 * Math.max(1, Math.abs(intercept)),
          );
          const mean = sy / n;
          const syy = ys.reduce((a, y) => a + (y - mean) ** 2, 0);
          if (syy > 1e-6) {
            expect(Math.abs(t.r2 - (1 - sse / syy))).toBeLessThanOrEqual(1e-7);
            const se = Math.sqrt(sse / (n - 2) / (sxx - (sx * sx) / n));
            if (se > 1e-6)
              expect(Math.abs(t.tStat - slope / se)).toBeLessThanOrEqual(
                1e-6 * Math.max(1, Math.abs(t.tStat)),
              );
          }
        },
      ),
    );
  });
});
