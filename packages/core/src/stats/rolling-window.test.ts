import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { createRollingWindow, pushValues, windowSize, windowValues } from "./rolling-window.js";

describe("rolling window", () => {
  it("keeps the last capacity values, oldest first", () => {
    const w = createRollingWindow(3);
    pushValues(w, [1, 2]);
    expect([...windowValues(w)]).toEqual([1, 2]);
    expect(windowSize(w)).toBe(2);
    pushValues(w, [3, 4]);
    expect([...windowValues(w)]).toEqual([2, 3, 4]);
    pushValues(w, [5]);
    expect([...windowValues(w)]).toEqual([3, 4, 5]);
    expect(windowSize(w)).toBe(3);
  });

  it("keeps only the last values of a batch larger than the window", () => {
    const w = createRollingWindow(3);
    pushValues(w, [9]);
    pushValues(w, [1, 2, 3, 4, 5]);
    expect([...windowValues(w)]).toEqual([3, 4, 5]);
  });

  it("rejects bad capacity and non-finite values", () => {
    expect(() => createRollingWindow(0)).toThrow(RewardscopeError);
    expect(() => createRollingWindow(1.5)).toThrow(/capacity/);
    const w = createRollingWindow(2);
    expect(() => pushValues(w, [1, Number.NaN])).toThrow(/values\[1\]/);
    // The failed push left the window unchanged.
    expect(windowSize(w)).toBe(0);
  });

  it("matches the tail of everything pushed, through JSON round trips", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 30 }), {
          maxLength: 15,
        }),
        (capacity, batches) => {
          let w = createRollingWindow(capacity);
          const all: number[] = [];
          for (const batch of batches) {
            pushValues(w, batch);
            all.push(...batch);
            w = JSON.parse(JSON.stringify(w));
            expect([...windowValues(w)]).toEqual(
              all.slice(Math.max(0, all.length - capacity)).map((v) => v + 0),
            );
            expect(windowSize(w)).toBe(Math.min(all.length, capacity));
          }
        },
      ),
    );
  });
});
