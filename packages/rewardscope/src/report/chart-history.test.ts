import { describe, expect, it } from "vitest";
import { loadReportData } from "./report-data.js";
import { storeWithSimulatedRun } from "./report-fixture.case.js";

describe("the charts' history", () => {
  it("is downsampled exactly as the store's series query downsamples", async () => {
    const { store } = await storeWithSimulatedRun({
      runName: "long",
      steps: 150,
      promptsPerStep: 2,
      groupSize: 2,
      scenario: "kl_spike",
    });
    try {
      const data = await loadReportData(store, "long", { maxPoints: 20 });
      const names = Object.keys(data.history);
      expect(names).toEqual(expect.arrayContaining(["total.mean", "kl", "accuracy.batch.mean", "memory_mb"]));
      const fromStore = await store.series("long", { names, maxPoints: 20 });
      for (const series of fromStore) {
        expect(series.steps.length).toBeLessThanOrEqual(20);
        expect(data.history[series.name]).toEqual(series);
      }
    } finally {
      await store.close();
    }
  });
});
