/**
 * Time as the sinks see it: injectable, so tests drive minutes and backoffs without waiting for them.
 * Webhook and JSONL options accept any of these three to replace the real one.
 */
export interface Scheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Resolves after `ms`, or as soon as `signal` aborts. Keeps the process alive meanwhile: a retry in progress
   * is worth finishing, unless the sink is closing.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` once after `ms` without keeping the process alive; returns the function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

/**
 * The real clock and timers.
 * @example
 * const cancel = REAL_SCHEDULER.after(1000, flush);
 */
export const REAL_SCHEDULER: Scheduler = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener("abort", done, { once: true });
    }),
  after(ms, fn) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** The real scheduler with any of its parts replaced by the caller's. */
export function resolveScheduler(parts: Partial<Scheduler>): Scheduler {
  return {
    now: parts.now ?? REAL_SCHEDULER.now,
    sleep: parts.sleep ?? REAL_SCHEDULER.sleep,
    after: parts.after ?? REAL_SCHEDULER.after,
  };
}
