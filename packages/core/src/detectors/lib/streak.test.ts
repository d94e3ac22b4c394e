import { describe, expect, it } from "vitest";
import { advanceStreak, createStreak, shouldRaise, updateStreak } from "./streak.js";

describe("streak", () => {
  it("counts consecutive steps and restarts at 0", () => {
    const counts: number[] = [];
    let count = 0;
    for (const holds of [true, true, false, true, true, true]) {
      count = updateStreak(count, holds);
      counts.push(count);
    }
    expect(counts).toEqual([1, 2, 0, 1, 2, 3]);
  });

  it("keeps the onset and re-arms the alert when the condition clears", () => {
    const streak = createStreak();
    advanceStreak(streak, true, 10);
    advanceStreak(streak, true, 11);
    expect(streak).toEqual({ count: 2, onset: 10, raised: -1 });
    expect([shouldRaise(streak, "high"), shouldRaise(streak, "high"), shouldRaise(streak, "medium")]).toEqual(
      [true, false, false],
    );
    expect(shouldRaise(streak, "critical")).toBe(true);
    advanceStreak(streak, false, 12);
    expect(streak).toEqual({ count: 0, onset: null, raised: -1 });
    advanceStreak(streak, true, 13);
    expect(shouldRaise(streak, "low")).toBe(true);
    expect(streak.onset).toBe(13);
  });
});
