import { describe, expect, it } from "vitest";
import { StampMap } from "./stamp-map.js";

describe("StampMap", () => {
  it("holds entries until the next reset, growing to the keys asked for", () => {
    const map = new StampMap(2);
    map.reset(4);
    map.entries[2 * 3] = map.stamp;
    map.entries[2 * 3 + 1] = 7;
    expect([map.entries[2 * 3] === map.stamp, map.entries[2 * 3 + 1]]).toEqual([true, 7]);
    map.reset(4);
    expect(map.entries[2 * 3] === map.stamp).toBe(false);
    map.entries[2 * 3] = map.stamp;
    map.reset(1000);
    expect(map.entries.length).toBeGreaterThanOrEqual(2000);
    expect(map.entries[2 * 3] === map.stamp).toBe(false);
  });
});
