import type { Alert, StepReport } from "@rewardscope/core";
import type { RunRecord } from "../store/store.js";

/** What the live stream of one run carries. */
export type RunMessage =
  /** `series`: the step's flattened series (`seriesOf(report)`) when the publisher already computed them. */
  | { kind: "step"; run: string; report: StepReport; series?: Record<string, number> }
  | { kind: "alert"; run: string; alert: Alert }
  | { kind: "run"; run: string; record: RunRecord };

type Listener<T> = (message: T) => void;

/**
 * In-process publish/subscribe between ingestion and its readers (SSE streams, alert sinks). A listener that
 * throws is removed from nothing and breaks nothing: its error is reported through `onListenerError`.
 * @example
 * const off = bus.subscribeRun("qwen-1", (m) => send(m));
 * bus.publish({ kind: "step", run: "qwen-1", report });
 */
export class LiveBus {
  private readonly byRun = new Map<string, Set<Listener<RunMessage>>>();
  private readonly all = new Set<Listener<RunMessage>>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  /** Messages of one run. Returns the unsubscribe function. */
  subscribeRun(run: string, listener: Listener<RunMessage>): () => void {
    let listeners = this.byRun.get(run);
    if (!listeners) {
      listeners = new Set();
      this.byRun.set(run, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.byRun.delete(run);
    };
  }

  /** Messages of every run (sinks, the run list). Returns the unsubscribe function. */
  subscribeAll(listener: Listener<RunMessage>): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  publish(message: RunMessage): void {
    for (const listener of [...(this.byRun.get(message.run) ?? []), ...this.all]) {
      try {
        listener(message);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Subscribers now, for health and tests. */
  get listenerCount(): number {
    let n = this.all.size;
    for (const listeners of this.byRun.values()) n += listeners.size;
    return n;
  }
}
