import { describe, expect, it } from "vitest";
import { createRing, ringFull, ringPush, ringValues } from "./history.js";

describe("ring", () => {
  it("keeps the last `capacity` values, oldest first, and survives JSON", () => {
    let ring = createRing(3);
    const seen: number[][] = [];
    for (let x = 1; x <= 7; x++) {
      ringPush(ring, x);
      seen.push(ringValues(ring));
      ring = JSON.parse(JSON.stringify(ring));
    }
    expect(seen).toEqual([[1], [1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 6], [5, 6, 7]]);
    expect(ring.values).toHaveLength(3);
    expect(ringFull(ring)).toBe(true);
    expect(ringFull(createRing(2))).toBe(false);
  });

  it("matches a naive sliding window over a long series", () => {
    const ring = createRing(5);
    const naive: number[] = [];
    for (let x = 0; x < 1000; x++) {
      const value = (x * 37) % 101;
      ringPush(ring, value);
      naive.push(value);
      if (naive.length > 5) naive.shift();
      expect(ringValues(ring)).toEqual(naive);
    }
  });
});
