import { Monitor, type StepReport, simulateRun } from "@rewardscope/core";
import { expect, it } from "vitest";
import { LiveBus } from "../ingest/live-bus.js";
import { createConsoleSink } from "./console-sink.js";
import { attachSinks, type Sink } from "./sink.js";

function simulatedReports(): StepReport[] {
  const monitor = new Monitor();
  const reports: StepReport[] = [];
  for (const event of simulateRun({ steps: 30, scenario: "flatline", onset: 10 }))
    reports.push(...monitor.ingest(event));
  return [...reports, ...monitor.flush()];
}

it("feeds every run's messages to each sink, past a sink that throws, until detached", () => {
  const bus = new LiveBus();
  const reports = simulatedReports();
  let text = "";
  const broken: Sink = {
    name: "broken",
    handle() {
      throw new Error("disk on fire");
    },
    close: async () => {},
  };
  const warnings: string[] = [];
  const detach = attachSinks(bus, [broken, createConsoleSink({ write: (t) => (text += t) })], (m) =>
    warnings.push(m),
  );
  bus.publish({ kind: "step", run: "a", report: reports[0]! });
  bus.publish({ kind: "step", run: "b", report: reports[0]! });
  expect(text.match(/step 0 · 64 completions/g)?.length).toBe(2);
  expect(warnings).toEqual(["sink broken failed: disk on fire", "sink broken failed: disk on fire"]);
  detach();
  expect(bus.listenerCount).toBe(0);
  bus.publish({ kind: "step", run: "a", report: reports[1]! });
  expect(text).not.toContain("step 1 ·");
});
