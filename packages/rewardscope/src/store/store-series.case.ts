import { describe, expect, it } from "vitest";
import { downsampleMinMax } from "./downsample.js";
import { cachedRun, writeAt } from "./step-writes.case.js";
import type { Store } from "./store.js";
import { expectError, type OpenStore, storeRun, useStore } from "./store-harness.case.js";

/** A wavy series with one spike (step 137) and one dip (step 211), on every step or every 7th. */
function probe(step: number): number {
  if (step === 137) return 100;
  if (step === 211) return -100;
  return Math.sin(step / 9) + (step % 5) / 10;
}

/** The series part of the Store contract: names, ranges, min-max downsampling. */
export function describeSeriesContract(open: OpenStore): void {
  describe("series", () => {
    const t = useStore(open);
    const sim = cachedRun({ steps: 20, scenario: "reward_fn_errors" });
    const template = sim.writes[0]!;

    async function probeRun(store: Store, steps: number[]): Promise<string> {
      const name = t.runName("probe");
      await store.upsertRun({ name });
      for (const step of steps)
        await store.saveStep(name, writeAt(template, step, { series: { probe: probe(step), flat: 1 } }));
      return name;
    }

    it("lists a run's series names and reads whole series in step order", async () => {
      const name = t.runName();
      await storeRun(t.store(), name, sim);
      const names = [...new Set(sim.writes.flatMap((w) => Object.keys(w.series)))].sort();
      expect(await t.store().seriesNames(name)).toEqual(names);
      expect(names.length).toBeGreaterThan(100);
      const wanted = ["accuracy.batch.mean", "no.such.series", "total.mean", "loss"];
      const read = await t.store().series(name, { names: wanted });
      expect(read.map((s) => s.name)).toEqual(wanted);
      for (const s of read) {
        const expected = sim.writes.filter((w) => s.name in w.series);
        expect(s.steps).toEqual(expected.map((w) => w.report.step));
        expect(s.values).toEqual(expected.map((w) => w.series[s.name]));
      }
      expect(read[1]).toEqual({ name: "no.such.series", steps: [], values: [] });
      const [ranged] = await t.store().series(name, { names: ["total.mean"], fromStep: 5, toStep: 9 });
      expect(ranged?.steps).toEqual([5, 6, 7, 8, 9]);
      expect(await t.store().seriesNames(t.runName("absent"))).toEqual([]);
      expect(await t.store().series(t.runName("absent"), { names: ["x"] })).toEqual([
        { name: "x", steps: [], values: [] },
      ]);
    });

    it("downsamples to at most maxPoints, keeping every bucket's extremes", async () => {
      const steps = Array.from({ length: 300 }, (_, i) => i);
      const name = await probeRun(t.store(), steps);
      const all = steps.map((s) => [s, probe(s)] as const);
      for (const maxPoints of [2, 3, 10, 51, 299, 300, 1000]) {
        const [series] = await t.store().series(name, { names: ["probe"], maxPoints });
        const out = series ?? expect.unreachable();
        expect(out.steps.length).toBeLessThanOrEqual(maxPoints);
        expect(out).toMatchObject(downsampleMinMax(all, { count: 300, lo: 0, hi: 299 }, maxPoints));
        expect(out.values).toContain(100);
        expect(out.values).toContain(-100);
        out.steps.forEach((step, i) => {
          expect(out.values[i]).toBe(probe(step));
          if (i > 0) expect(step).toBeGreaterThan(out.steps[i - 1]!);
        });
      }
      const [flat] = await t.store().series(name, { names: ["flat"], maxPoints: 20 });
      expect(flat?.steps).toEqual([0, 30, 60, 90, 120, 150, 180, 210, 240, 270]);
    });

    it("downsamples a step range and sparse steps by the steps present", async () => {
      const steps = Array.from({ length: 60 }, (_, i) => i * 7);
      const name = await probeRun(t.store(), steps);
      const [ranged] = await t
        .store()
        .series(name, { names: ["probe"], fromStep: 100, toStep: 300, maxPoints: 8 });
      const inRange = steps.filter((s) => s >= 100 && s <= 300).map((s) => [s, probe(s)] as const);
      const extent = { count: inRange.length, lo: inRange[0]![0], hi: inRange[inRange.length - 1]![0] };
      expect(ranged).toMatchObject(downsampleMinMax(inRange, extent, 8));
      expect(ranged?.steps.length).toBeLessThanOrEqual(8);
      expect(ranged?.steps[0]).toBeGreaterThanOrEqual(100);
      expect(ranged?.steps.at(-1)).toBeLessThanOrEqual(300);
    });

    it("refuses a bad series query", async () => {
      const name = t.runName();
      await expectError(
        t.store().series(name, { names: ["a"], maxPoints: 1 }),
        "invalid_argument",
        "maxPoints",
      );
      await expectError(
        t.store().series(name, { names: ["a"], maxPoints: 2.5 }),
        "invalid_argument",
        "maxPoints",
      );
      await expectError(
        t.store().series(name, { names: "a" as unknown as string[] }),
        "invalid_argument",
        "names",
      );
      await expectError(
        t.store().series(name, { names: ["a"], fromStep: Number.NaN }),
        "invalid_argument",
        "fromStep",
      );
    });
  });
}
