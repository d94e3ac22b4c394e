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
    expect(headers[2]).toBe("step 14 · 64 completions · 2 alerts");
    // Step 14's alerts are inside its breakdown; those of steps 19 and 27 come as raised alert lines.
    expect(lines.filter((l) => /^step +\d+ (HIGH|MEDIUM)/.test(l))).toEqual([
      "step    19 MEDIUM   saturation_low accuracy: Reward 'accuracy' saturated at its observed minimum 0: 100% of values there, 10 steps since step 10",
      expect.stringMatching(/^step {4}27 MEDIUM {3}drop format: Reward 'format' dropped/),
    ]);
    expect(lines.filter((l) => l.includes("flatline accuracy:"))).toEqual([
      expect.stringMatching(/^ {2}alert {12}HIGH {5}flatline accuracy: Reward 'accuracy' is stuck at 0 /),
    ]);
    expect(text()).toContain("           → Almost nothing earns this reward");
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
