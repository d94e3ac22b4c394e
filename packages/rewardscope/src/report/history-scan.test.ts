import { describe, expect, it } from "vitest";
import { scanHistory } from "./history-scan.js";
import { storeWithSimulatedRun } from "./report-fixture.case.js";

describe("scanHistory", () => {
  it("yields every step once, in order, across windows and gaps, NaN where a series has no value", async () => {
    const steps = [0, 3, 4, 900, 901, 5000, 70000];
    const { store } = await storeWithSimulatedRun({ runName: "gaps" }, [
      { type: "run", name: "gaps", rewardFunctions: ["acc"] },
      ...steps.flatMap((step, i) => [
        { type: "rewards" as const, step, rewards: { acc: [i, i + 1] } },
        // kl only on even positions: a series with holes.
        ...(i % 2 === 0 ? [{ type: "metrics" as const, step, values: { kl: i / 10 } }] : []),
        { type: "step_end" as const, step },
      ]),
    ]);
    try {
      const names = ["acc.batch.mean", "kl"];
      for (const windowSteps of [2, 3, 5000]) {
        const rows = [];
        for await (const row of scanHistory(store, "gaps", names, { windowSteps })) rows.push(row);
        expect(rows.map((r) => r.step)).toEqual(steps);
        expect(rows.map((r) => r.values[0])).toEqual(steps.map((_, i) => i + 0.5));
        expect(rows.map((r) => r.values[1])).toEqual(
          steps.map((_, i) => (i % 2 === 0 ? i / 10 : Number.NaN)),
        );
      }
    } finally {
      await store.close();
    }
  });
});
