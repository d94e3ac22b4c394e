import { test } from "vitest";
import { Monitor } from "./monitor/monitor.js";
import { simulateRun } from "./simulate/simulate-run.js";

test("explore", () => {
  for (const seed of [1, 2, 3, 4]) {
    const steps = 5000;
    const monitor = new Monitor();
    const t0 = performance.now();
    for (const e of simulateRun({ steps, scenario: "healthy", seed })) monitor.ingest(e);
    monitor.flush();
    const ms = performance.now() - t0;
    const byType: Record<string, number[]> = {};
    for (const a of monitor.alerts()) (byType[`${a.type}/${a.severity}${a.rewardFn ? `(${a.rewardFn})` : ""}`] ??= []).push(a.step);
    console.log("HEALTHY", seed, `${(ms / steps).toFixed(2)}ms/step`, JSON.stringify(Object.fromEntries(Object.entries(byType).map(([k, v]) => [k, v.slice(0, 6).join(",") + (v.length > 6 ? `..(${v.length})` : "")]))));
  }
});
