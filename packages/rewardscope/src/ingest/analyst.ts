import { parseEventLine } from "@rewardscope/core";
import type { StepWrite, StoredEvent } from "../store/store.js";
import { RunAnalysis, type RunAnalysisInit } from "./run-analysis.js";

/** Events for a run's analysis: parsed, or as the raw JSON lines they were validated from (cheaper to post). */
export type AnalysisInput =
  | { kind: "events"; events: StoredEvent[] }
  | { kind: "lines"; seqs: number[]; lines: string[] };

/**
 * Where runs are analysed, each open session by its key: in the server's thread, or in a worker thread so
 * analysis overlaps HTTP and the store. Calls are answered in the order they were made.
 */
export interface Analyst {
  open(init: RunAnalysisInit): Promise<void>;
  /** `now` (ms) is the server's clock, for the rank timeout. */
  apply(key: string, input: AnalysisInput, now: number): Promise<StepWrite[]>;
  closeOverdue(key: string, timeoutMs: number, now: number): Promise<StepWrite | null>;
  finish(key: string, now: number): Promise<StepWrite[]>;
  /** Forgets the run (its session failed and will be reopened from the store). */
  drop(key: string): Promise<void>;
  close(): Promise<void>;
}

/** The analysis of every open session, by key; synchronous underneath. */
export class RunAnalyses {
  private readonly sessions = new Map<string, RunAnalysis>();

  open(init: RunAnalysisInit): void {
    this.sessions.set(init.key, new RunAnalysis(init));
  }

  apply(key: string, input: AnalysisInput, now: number): StepWrite[] {
    const events =
      input.kind === "events"
        ? input.events
        : input.lines.map((line, i) => ({ seq: input.seqs[i] as number, event: parseEventLine(line) }));
    return this.get(key).apply(events, now);
  }

  closeOverdue(key: string, timeoutMs: number, now: number): StepWrite | null {
    return this.get(key).closeOverdue(timeoutMs, now);
  }

  finish(key: string, now: number): StepWrite[] {
    return this.get(key).finish(now);
  }

  drop(key: string): void {
    this.sessions.delete(key);
  }

  private get(key: string): RunAnalysis {
    const analysis = this.sessions.get(key);
    if (!analysis) throw new Error(`session "${key}" is not open for analysis`);
    return analysis;
  }
}

/** Analysis in the server's own thread: the simplest, and what tests and small servers use. */
export class InlineAnalyst implements Analyst {
  private readonly analyses = new RunAnalyses();

  async open(init: RunAnalysisInit): Promise<void> {
    this.analyses.open(init);
  }

  async apply(key: string, input: AnalysisInput, now: number): Promise<StepWrite[]> {
    return this.analyses.apply(key, input, now);
  }

  async closeOverdue(key: string, timeoutMs: number, now: number): Promise<StepWrite | null> {
    return this.analyses.closeOverdue(key, timeoutMs, now);
  }

  async finish(key: string, now: number): Promise<StepWrite[]> {
    return this.analyses.finish(key, now);
  }

  async drop(key: string): Promise<void> {
    this.analyses.drop(key);
  }

  async close(): Promise<void> {}
}
