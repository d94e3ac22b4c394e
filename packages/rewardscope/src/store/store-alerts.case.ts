import { type Alert, type AlertType, SEVERITIES, type Severity, severityRank } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { cachedRun, writeAt } from "./step-writes.case.js";
import type { AlertQuery } from "./store.js";
import { expectError, type OpenStore, storeRun, useStore } from "./store-harness.case.js";

const TYPES: AlertType[] = ["drop", "spike", "flatline", "error_rate"];
const FNS = ["accuracy", "format", undefined];

/** The alerts part of the Store contract: filters, order, paging. */
export function describeAlertsContract(open: OpenStore): void {
  describe("alerts", () => {
    const t = useStore(open);
    const sim = cachedRun({ steps: 20, scenario: "reward_fn_errors" });
    const base = sim.writes.flatMap((w) => w.report.alerts)[0] as Alert;

    /** 12 steps x 11 alerts cycling through severities, types and functions; the oracle is a plain filter. */
    async function alertRun(): Promise<{ name: string; alerts: Alert[] }> {
      const name = t.runName("alerts");
      await t.store().upsertRun({ name });
      const alerts: Alert[] = [];
      for (let step = 0; step < 12; step++) {
        const own = Array.from({ length: 11 }, (_, i): Alert => {
          const { rewardFn: _fn, ...rest } = base;
          const rewardFn = FNS[(step + i) % FNS.length];
          return {
            ...rest,
            step,
            severity: SEVERITIES[(step * 11 + i) % 4] as Severity,
            type: TYPES[(step + 2 * i) % TYPES.length] as AlertType,
            message: `alert ${step}.${i}`,
            ...(rewardFn !== undefined && { rewardFn }),
          };
        });
        await t.store().saveStep(name, writeAt(sim.writes[0]!, step, { alerts: own }));
        alerts.push(...own);
      }
      return { name, alerts };
    }

    function oracle(alerts: Alert[], q: AlertQuery): Alert[] {
      const rank = q.minSeverity ? severityRank(q.minSeverity) : 0;
      return alerts
        .filter(
          (a) =>
            (!q.severities || q.severities.includes(a.severity)) &&
            severityRank(a.severity) >= rank &&
            (!q.types || q.types.includes(a.type)) &&
            (q.rewardFn === undefined || a.rewardFn === q.rewardFn) &&
            a.step >= (q.fromStep ?? -Infinity) &&
            a.step <= (q.toStep ?? Infinity),
        )
        .sort((a, b) => b.step - a.step);
    }

    it("returns alerts newest step first, in report order within a step, 100 a page by default", async () => {
      const { name, alerts } = await alertRun();
      const page = await t.store().alerts(name, {});
      expect(page.total).toBe(132);
      expect(page.alerts).toEqual(oracle(alerts, {}).slice(0, 100));
      expect(page.alerts[0]?.message).toBe("alert 11.0");
      const rest = await t.store().alerts(name, { offset: 100, limit: 1000 });
      expect(rest.alerts).toEqual(oracle(alerts, {}).slice(100));
      expect((await t.store().alerts(name, { limit: 5000 })).alerts).toHaveLength(132);
      expect(await t.store().alerts(name, { limit: 0 })).toEqual({ total: 132, alerts: [] });
    });

    it("filters by severities, minimum severity, types, function and steps", async () => {
      const { name, alerts } = await alertRun();
      const queries: AlertQuery[] = [
        { severities: ["critical"] },
        { severities: ["low", "high"], minSeverity: "medium" },
        { minSeverity: "high" },
        { types: ["spike", "error_rate"] },
        { types: [] },
        { rewardFn: "accuracy" },
        { rewardFn: "nobody" },
        { fromStep: 3, toStep: 5 },
        { fromStep: 10 },
        { toStep: 0, minSeverity: "critical", types: ["drop", "spike", "flatline"] },
        { severities: ["medium"], types: ["drop"], rewardFn: "format", fromStep: 2, toStep: 9 },
      ];
      for (const q of queries) {
        const expected = oracle(alerts, q);
        const got = await t.store().alerts(name, { ...q, limit: 1000 });
        expect(got, JSON.stringify(q)).toEqual({ total: expected.length, alerts: expected });
      }
      expect(oracle(alerts, queries[10]!).length).toBeGreaterThan(0);
    });

    it("keeps real alerts whole", async () => {
      const name = t.runName();
      await storeRun(t.store(), name, sim);
      const real = [...sim.writes].reverse().flatMap((w) => w.report.alerts);
      expect(real.some((a) => a.evidence !== undefined)).toBe(true);
      expect(await t.store().alerts(name, {})).toEqual({ total: real.length, alerts: real });
      expect(await t.store().alerts(t.runName("absent"), {})).toEqual({ total: 0, alerts: [] });
    });

    it("refuses a bad alert query", async () => {
      const name = t.runName();
      await expectError(
        t.store().alerts(name, { minSeverity: "urgent" as Severity }),
        "invalid_argument",
        "minSeverity",
      );
      const severities = ["low", "nope"] as Severity[];
      await expectError(t.store().alerts(name, { severities }), "invalid_argument", "severities[1]");
      await expectError(t.store().alerts(name, { limit: -1 }), "invalid_argument", "limit");
      await expectError(t.store().alerts(name, { offset: 1.5 }), "invalid_argument", "offset");
    });
  });
}
