import { RewardscopeError } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import type { RunMessage } from "../ingest/live-bus.js";
import type { RunRecord } from "../store/store.js";
import { createConsoleSink } from "./console-sink.js";
import { messagesOf, simulatedReports } from "./simulated-messages.case.js";

function finished(run: string): RunMessage {
  const record: RunRecord = {
    name: run,
    project: null,
    rewardFunctions: [],
    worldSize: 1,
    config: {},
    status: "finished",
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    lastStep: 29,
    stepCount: 30,
    alertCounts: {},
  };
  return { kind: "run", run, record };
}

const REPORTS = simulatedReports();

function capture(every: number): { sink: ReturnType<typeof createConsoleSink>; text: () => string } {
  let text = "";
  const sink = createConsoleSink({ write: (t) => (text += t), every });
  return { sink, text: () => text };
}

describe("createConsoleSink", () => {
  it("prints breakdowns every N steps, alerts in between, and the last step when the run finishes", () => {
    const { sink, text } = capture(7);
    for (const message of [...messagesOf("sim", REPORTS), finished("sim")]) sink.handle(message);
    const lines = text().split("\n");
    const headers = lines.filter((l) => l.startsWith("step ") && l.includes("completions"));
    expect(headers.map((l) => l.split(" ")[1])).toEqual(["0", "7", "14", "21", "28", "29"]);
    const alertsAt = (step: number) => REPORTS.find((r) => r.step === step)?.alerts ?? [];
    expect(headers[2]).toBe(`step 14 · 64 completions · ${alertsAt(14).length} alerts`);
    // A breakdown step's alerts are inside its breakdown; those of other steps come as raised alert lines.
    const breakdownSteps = new Set([0, 7, 14, 21, 28, 29]);
    const raised = REPORTS.filter((r) => !breakdownSteps.has(r.step)).flatMap((r) =>
      r.alerts
        .filter((a) => a.severity === "high" || a.severity === "medium")
        .map((a) => ({ ...a, step: r.step })),
    );
    const raisedLines = lines.filter((l) => /^step +\d+ (HIGH|MEDIUM)/.test(l));
    expect(raisedLines.length).toBe(raised.length);
    expect(raised.length).toBeGreaterThan(0);
    for (const [i, alert] of raised.entries())
      expect(raisedLines[i]).toMatch(
        new RegExp(`^step +${alert.step} ${alert.severity.toUpperCase()} +${alert.type} `),
      );
    expect(lines.filter((l) => l.includes("flatline accuracy:"))).toEqual([
      expect.stringMatching(/^ {2}alert {12}HIGH {5}flatline accuracy: Reward 'accuracy' is stuck at 0 /),
    ]);
    // Each raised alert is followed by what to do.
    for (const line of raisedLines) expect(lines[lines.indexOf(line) + 1]).toMatch(/^ {11}→ \S/);
  });

  it("puts the run name in front of every line once several runs stream, without control characters", () => {
    const { sink, text } = capture(50);
    const first = REPORTS[0]!;
    sink.handle({ kind: "step", run: "a", report: first });
    sink.handle({ kind: "step", run: "b\u001b[2J", report: first });
    sink.handle({ kind: "step", run: "a", report: REPORTS[1]! });
    const alert = REPORTS[14]!.alerts[0]!;
    sink.handle({ kind: "alert", run: "a", alert });
    const lines = text()
      .split("\n")
      .filter((l) => l !== "");
    expect(lines[0]).toBe("step 0 · 64 completions");
    const second = lines.filter((l) => l.startsWith("[b[2J] "));
    expect(second[0]).toBe("[b[2J] step 0 · 64 completions");
    expect(second.length).toBe(lines.indexOf(second.at(-1)!) - lines.indexOf(second[0]!) + 1);
    expect(lines.at(-2)).toBe(
      "[a] step    14 HIGH     flatline accuracy: Reward 'accuracy' is stuck at 0 for every completion, 5 steps since step 10",
    );
    expect(lines.at(-1)).toMatch(/^\[a\] {12}→ Call the reward function/);
    expect(text()).not.toContain("\u001b");
  });

  it("colours when asked, survives a failing writer, and refuses a bad interval", () => {
    let text = "";
    const coloured = createConsoleSink({ write: (t) => (text += t), color: true });
    coloured.handle({ kind: "alert", run: "r", alert: REPORTS[14]!.alerts[0]! });
    expect(text).toContain("\u001b[31mHIGH");
    const broken = createConsoleSink({
      write: () => {
        throw new Error("EPIPE");
      },
    });
    expect(() => broken.handle({ kind: "step", run: "r", report: REPORTS[0]! })).not.toThrow();
    expect(() => createConsoleSink({ write: () => {}, every: 0 })).toThrow(RewardscopeError);
    expect(() => createConsoleSink({ write: () => {}, every: 1.5 })).toThrow(/every: must be an integer/);
  });
});
