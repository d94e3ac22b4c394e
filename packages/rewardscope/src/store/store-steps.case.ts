import type { Alert, Severity } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { cachedRun, completionRecord, writeAt } from "./step-writes.case.js";
import type { StepWrite } from "./store.js";
import { expectError, type OpenStore, storeRun, useStore } from "./store-harness.case.js";

function countBySeverity(writes: readonly StepWrite[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const alert of writes.flatMap((w) => w.report.alerts))
    counts[alert.severity] = (counts[alert.severity] ?? 0) + 1;
  return counts;
}

/** The steps part of the Store contract: what saveStep writes, atomically and idempotently, and reading it back. */
export function describeStepsContract(open: OpenStore): void {
  describe("steps", () => {
    const t = useStore(open);
    const sim = cachedRun({ steps: 20, scenario: "reward_fn_errors" });
    const template = sim.writes[3]!;
    const alert = (severity: Severity, type: Alert["type"] = "drop"): Alert => ({
      ...(sim.writes.flatMap((w) => w.report.alerts)[0] as Alert),
      severity,
      type,
    });

    it("saves every step and reads back reports, rewards, state and the run's counters", async () => {
      const name = t.runName();
      await storeRun(t.store(), name, sim);
      for (const write of sim.writes) {
        expect(await t.store().stepReport(name, write.report.step)).toEqual(write.report);
        expect(await t.store().stepRewards(name, write.report.step)).toEqual(write.rewards);
      }
      const last = sim.writes[sim.writes.length - 1]!;
      expect(await t.store().loadState(name)).toEqual({
        state: JSON.parse(JSON.stringify(last.state)),
        appliedSeq: last.appliedSeq,
      });
      const run = await t.store().getRun(name);
      expect(run).toMatchObject({ lastStep: last.report.step, stepCount: sim.writes.length });
      expect(run?.alertCounts).toEqual(countBySeverity(sim.writes));
      expect(Object.keys(run?.alertCounts ?? {}).length).toBeGreaterThan(1);
      expect(await t.store().stepReport(name, 999)).toBeNull();
      expect(await t.store().stepRewards(name, 999)).toBeNull();
      expect(await t.store().stepReport(t.runName("absent"), 0)).toBeNull();
      expect(await t.store().loadState(t.runName("absent"))).toBeNull();
    });

    it("keeps non-finite numbers of a report exactly", async () => {
      const name = t.runName();
      await t.store().upsertRun({ name });
      const weird = { ...template.report.metrics, nan: Number.NaN, inf: Number.POSITIVE_INFINITY };
      const write = writeAt(template, 5, { alerts: [{ ...alert("high"), value: Number.NEGATIVE_INFINITY }] });
      write.report = { ...write.report, metrics: { ...weird, $nonFinite: 1 } };
      await t.store().saveStep(name, write);
      const back = await t.store().stepReport(name, 5);
      expect(back?.metrics["nan"]).toBeNaN();
      expect(back?.metrics["inf"]).toBe(Number.POSITIVE_INFINITY);
      expect(back?.metrics["$nonFinite"]).toBe(1);
      expect(back?.alerts[0]?.value).toBe(Number.NEGATIVE_INFINITY);
      expect((await t.store().alerts(name, {})).alerts[0]?.value).toBe(Number.NEGATIVE_INFINITY);
    });

    it("replaces a step saved twice, keeping the counters exact", async () => {
      const name = t.runName();
      const store = t.store();
      await store.upsertRun({ name });
      const kept = completionRecord(0, "first version");
      await store.saveStep(
        name,
        writeAt(template, 7, { alerts: [alert("high"), alert("low")], completions: [kept] }),
      );
      await store.saveStep(name, writeAt(template, 8, { alerts: [alert("low")] }));
      const again = writeAt(template, 7, {
        alerts: [alert("critical", "spike")],
        series: { "only.new": 42 },
        completions: [completionRecord(3, "second version")],
      });
      await store.saveStep(name, again);
      expect(await store.getRun(name)).toMatchObject({
        stepCount: 2,
        lastStep: 8,
        alertCounts: { low: 1, critical: 1 },
      });
      expect(await store.stepReport(name, 7)).toEqual(again.report);
      expect((await store.alerts(name, { fromStep: 7, toStep: 7 })).alerts).toEqual(again.report.alerts);
      expect((await store.completions(name, { step: 7 })).completions.map((c) => c.completion)).toEqual([
        "second version",
      ]);
      const [old, fresh] = await store.series(name, {
        names: [Object.keys(template.series)[0]!, "only.new"],
      });
      expect(old?.steps).toEqual([8]);
      expect(fresh).toEqual({ name: "only.new", steps: [7], values: [42] });
      await store.saveStep(name, again);
      expect(await store.getRun(name)).toMatchObject({ stepCount: 2, alertCounts: { low: 1, critical: 1 } });
    });

    it("writes all of a step or nothing, and stays usable after a failed write", async () => {
      const name = t.runName();
      const store = t.store();
      await store.upsertRun({ name });
      const before = await store.getRun(name);
      const poisoned = writeAt(template, 2, {
        alerts: [alert("critical")],
        series: { "atomic.probe": 1 },
        // A value JSON cannot hold fails the write late, after the report, series and alerts.
        completions: [
          completionRecord(0, "ok"),
          completionRecord(1, "bad", { rewards: { a: 1n as unknown as number } }),
        ],
      });
      await expect(store.saveStep(name, poisoned)).rejects.toThrow();
      expect(await store.stepReport(name, 2)).toBeNull();
      expect(await store.seriesNames(name)).toEqual([]);
      expect((await store.alerts(name, {})).total).toBe(0);
      expect((await store.completions(name, {})).total).toBe(0);
      expect(await store.loadState(name)).toBeNull();
      expect(await store.getRun(name)).toEqual(before);
      await store.saveStep(name, writeAt(template, 2, { series: { "atomic.probe": 2 } }));
      expect(await store.seriesNames(name)).toEqual(["atomic.probe"]);
      expect(await store.series(name, { names: ["atomic.probe"] })).toEqual([
        { name: "atomic.probe", steps: [2], values: [2] },
      ]);
    });

    it("refuses a bad write before writing anything", async () => {
      const name = t.runName();
      const store = t.store();
      await expectError(store.saveStep(name, template), "not_found", "run");
      await store.upsertRun({ name });
      await expectError(
        store.saveStep(name, { ...template, appliedSeq: 1 }),
        "invalid_argument",
        "appliedSeq",
      );
      const nan = writeAt(template, 1, { series: { ok: 1, bad: Number.NaN } });
      await expectError(store.saveStep(name, nan), "invalid_argument", "series.bad");
      const twice = writeAt(template, 1, {
        completions: [completionRecord(4, "a"), completionRecord(4, "b")],
      });
      await expectError(store.saveStep(name, twice), "invalid_argument", "completions[1].index");
      const wrongStep = { ...writeAt(template, 1, {}), completions: [completionRecord(0, "a", { step: 9 })] };
      await expectError(store.saveStep(name, wrongStep), "invalid_argument", "completions[0].step");
      const badSeverity = writeAt(template, 1, { alerts: [alert("urgent" as Severity)] });
      await expectError(store.saveStep(name, badSeverity), "invalid_argument", "report.alerts[0].severity");
      expect(await store.getRun(name)).toMatchObject({ stepCount: 0, lastStep: null });
    });

    it("never moves the saved state back to an older event", async () => {
      const name = t.runName();
      const store = t.store();
      await store.upsertRun({ name });
      await store.appendEvents(name, "all", sim.events);
      const [w1, w2] = [sim.writes[1]!, sim.writes[2]!];
      await store.saveStep(name, w2);
      await store.saveStep(name, w1);
      expect((await store.loadState(name))?.appliedSeq).toBe(w2.appliedSeq);
      expect((await store.loadState(name))?.state).toEqual(w2.state);
      expect(await store.getRun(name)).toMatchObject({ lastStep: w2.report.step, stepCount: 2 });
    });

    it("takes the state as its JSON text too, and loads it back as the state", async () => {
      const name = t.runName();
      const store = t.store();
      await store.upsertRun({ name });
      await store.appendEvents(name, "all", sim.events);
      const write = sim.writes[1]!;
      await store.saveStep(name, { ...write, state: JSON.stringify(write.state) });
      expect(await store.loadState(name)).toEqual({ state: write.state, appliedSeq: write.appliedSeq });
      await expectError(store.saveStep(name, { ...write, state: "nonsense" }), "invalid_argument", "state");
    });

    it("keeps everything when the store is reopened", async () => {
      const name = t.runName();
      await storeRun(t.store(), name, sim);
      const tail = { type: "metrics", step: 99, values: { loss: 1 } } as const;
      await t.store().appendEvents(name, "tail", [tail]);
      const before = {
        run: await t.store().getRun(name),
        state: await t.store().loadState(name),
        names: await t.store().seriesNames(name),
        alerts: await t.store().alerts(name, {}),
        completions: await t.store().completions(name, { limit: 1000 }),
      };
      const store = await t.reopen();
      expect(await store.getRun(name)).toEqual(before.run);
      expect(await store.loadState(name)).toEqual(before.state);
      expect(await store.seriesNames(name)).toEqual(before.names);
      expect(await store.alerts(name, {})).toEqual(before.alerts);
      expect(await store.completions(name, { limit: 1000 })).toEqual(before.completions);
      expect(await store.stepReport(name, 4)).toEqual(sim.writes[4]?.report);
      expect((await store.eventsAfter(name, 0)).map((e) => e.event)).toEqual([tail]);
      expect(await store.appendEvents(name, "tail", [tail])).toEqual({ duplicate: true, seqs: [] });
    });
  });
}
