import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { groupStats, summarizeAdvantages } from "./group-stats.js";

describe("groupStats", () => {
  it("computes per-group figures on a hand-checked step", () => {
    const g = groupStats({
      groups: [1, 1, 0, 0, 2, null],
      totals: [1, 1, 0, 2, 5, 9],
      rewards: { acc: [1, 1, 0, 1, 5, 9], fmt: [0, 0, 0, 1, null, 9] },
    });
    expect(g).not.toBeNull();
    if (g === null) return;
    expect(g.groups).toBe(3);
    expect(g.meanSize).toBeCloseTo(5 / 3, 14);
    expect(g.perGroup).toEqual([
      { id: 0, size: 2, mean: 1, std: 1 },
      { id: 1, size: 2, mean: 1, std: 0 },
      { id: 2, size: 1, mean: 5, std: 0 },
    ]);
    // Groups 0 and 1 have 2 members; group 1 is flat.
    expect(g.zeroStdFraction).toBe(0.5);
    expect(g.meanGroupStd).toBe(0.5);
    expect(g.minGroupStd).toBe(0);
    expect(g.maxGroupStd).toBe(1);
    expect(g.zeroStdFractionByFn).toEqual({ acc: 0.5, fmt: 0.5 });
    expect(g.advantages).toBeUndefined();
  });

  it("treats float noise as zero std, relative to the mean", () => {
    const g = groupStats({ groups: [0, 0, 1, 1], totals: [1e6, 1e6 + 1e-4, 1, 1 + 1e-6], rewards: {} });
    expect(g?.zeroStdFraction).toBe(0.5);
  });

  it("is null without group ids and skips NaN totals", () => {
    expect(groupStats({ groups: [null, null], totals: [1, 2], rewards: {} })).toBeNull();
    expect(groupStats({ groups: [], totals: [], rewards: {} })).toBeNull();
    const g = groupStats({ groups: [0, 0, 0], totals: [2, Number.NaN, 4], rewards: {} });
    expect(g?.perGroup).toEqual([{ id: 0, size: 3, mean: 3, std: 1 }]);
    const lone = groupStats({ groups: [0, 0], totals: [2, Number.NaN], rewards: {} });
    expect(lone?.zeroStdFraction).toBeNaN();
    expect(lone?.meanGroupStd).toBeNaN();
  });

  it("summarises advantages when given", () => {
    const g = groupStats({
      groups: [0, 0, 0, 0],
      totals: [1, 2, 3, 4],
      rewards: {},
      advantages: [1, -1, 0, null],
    });
    expect(g?.advantages).toEqual({
      count: 3,
      mean: 0,
      std: Math.sqrt(2 / 3),
      min: -1,
      max: 1,
      zeroFrac: 1 / 3,
    });
    expect(summarizeAdvantages([null]).count).toBe(0);
  });

  it("rejects bad input with a field path", () => {
    expect(() => groupStats({ groups: [0, 1], totals: [1], rewards: {} })).toThrow(RewardscopeError);
    expect(() => groupStats({ groups: [0, Number.NaN], totals: [1, 2], rewards: {} })).toThrow(/groups\[1\]/);
    expect(() => groupStats({ groups: [0], totals: [1], rewards: { a: [] } })).toThrow(/rewards\.a/);
    expect(() => groupStats({ groups: [0], totals: [1], rewards: {}, advantages: [] })).toThrow(/advantages/);
  });

  it("matches a naive per-group computation", () => {
    const member = fc.record({
      group: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
      total: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -100, max: 100, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.array(member, { maxLength: 60 }), (rows) => {
        const groups = rows.map((r) => r.group);
        const totals = rows.map((r) => r.total);
        const g = groupStats({ groups, totals, rewards: { t: totals } });
        const ids = [...new Set(groups.filter((x): x is number => x !== null))].sort((a, b) => a - b);
        if (ids.length === 0) {
          expect(g).toBeNull();
          return;
        }
        if (g === null) throw new Error("expected stats");
        let eligible = 0;
        let zero = 0;
        ids.forEach((id, k) => {
          const vs = rows.filter((r) => r.group === id).map((r) => r.total);
          const mean = vs.reduce((a, b) => a + b, 0) / vs.length;
          const std = Math.sqrt(vs.reduce((a, b) => a + (b - mean) ** 2, 0) / vs.length);
          const got = g.perGroup[k];
          expect(got?.id).toBe(id);
          expect(got?.size).toBe(vs.length);
          expect(Math.abs((got?.mean as number) - mean)).toBeLessThanOrEqual(
            1e-9 * Math.max(1, Math.abs(mean)),
          );
          expect(Math.abs((got?.std as number) - std)).toBeLessThanOrEqual(1e-9 * Math.max(1, std));
          if (vs.length >= 2) {
            eligible++;
            if (Math.max(...vs) - Math.min(...vs) <= 1e-9 * Math.max(1, Math.abs(mean))) zero++;
          }
        });
        const want = eligible === 0 ? Number.NaN : zero / eligible;
        expect(g.zeroStdFraction).toBe(want);
        expect(g.zeroStdFractionByFn["t"]).toBe(want);
      }),
    );
  });
});
